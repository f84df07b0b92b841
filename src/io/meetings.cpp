#include "participa/io/meetings.hpp"

#include <boost/json.hpp>

#include "participa/core/status_macros.hpp"
#include "participa/core/utc.hpp"

namespace participa::io {
namespace {

namespace mt = participa::components::meetings;

std::int64_t minutes(absl::Duration duration) { return absl::ToInt64Minutes(duration); }

boost::json::array agenda_json(const mt::Meeting& meeting) {
  boost::json::array top;
  for (const mt::AgendaItem& item : meeting.agenda) {
    if (!item.parent.is_nil()) continue;
    boost::json::array children;
    for (const mt::AgendaItem& child : meeting.agenda) {
      if (child.parent != item.item) continue;
      children.push_back(
          boost::json::object{{"title", child.title}, {"minutes", minutes(child.duration)}});
    }
    top.push_back(boost::json::object{{"title", item.title},
                                      {"minutes", minutes(item.duration)},
                                      {"items", std::move(children)}});
  }
  return top;
}

absl::StatusOr<boost::json::array> polls_json(const mt::Meeting& meeting) {
  boost::json::array polls;
  for (MeetingPollId id : meeting.poll_order) {
    const mt::Poll& poll = meeting.polls.at(id);
    std::vector<std::uint64_t> counts;
    if (poll.closed) {
      PARTICIPA_ASSIGN_OR_RETURN(counts, mt::poll_results(meeting, id));
    }
    boost::json::array options;
    for (std::size_t i = 0; i < poll.question.options.size(); ++i) {
      options.push_back(boost::json::object{
          {"option", std::string(poll.question.options[i].body.text())},
          {"answers", poll.closed ? boost::json::value(counts[i]) : boost::json::value(nullptr)}});
    }
    polls.push_back(boost::json::object{
        {"title", std::string(poll.question.body.text())},
        {"multiple", poll.question.type == questionnaire::QuestionType::kMultipleOption},
        {"closed", poll.closed},
        {"answered", poll.answers.size()},
        {"options", std::move(options)}});
  }
  return polls;
}

}  // namespace

absl::StatusOr<std::string> meeting_to_json(const mt::Meeting& meeting) {
  const mt::MeetingAdded& added = meeting.added;
  boost::json::object root;
  root["kind"] = "meeting";
  root["meeting"] = added.meeting.to_string();
  root["title"] = added.title;
  root["format"] = std::string(name_of(mt::kFormatNames, added.format));
  root["address"] = added.address;
  root["url"] = added.url;
  root["starts_at"] = utc_text(added.starts_at);
  root["ends_at"] = utc_text(added.ends_at);
  root["agenda"] = agenda_json(meeting);
  if (added.slots == 0) {
    root["registrations"] = nullptr;
  } else {
    root["registrations"] =
        boost::json::object{{"slots", added.slots},
                            {"reserved_slots", added.reserved_slots},
                            {"confirmed", meeting.confirmed(false) + meeting.confirmed(true)},
                            {"reserved_confirmed", meeting.confirmed(true)},
                            {"waiting", meeting.waiting_list.size()}};
  }
  std::uint64_t in_person = 0;
  for (const auto& [participant, presence] : meeting.attendees) {
    if (presence == mt::Presence::kInPerson) ++in_person;
  }
  root["attendance"] = boost::json::object{{"in_person", in_person},
                                           {"online", meeting.attendees.size() - in_person}};
  PARTICIPA_ASSIGN_OR_RETURN(root["polls"], polls_json(meeting));
  if (meeting.closing) {
    const mt::MeetingClosed& closing = *meeting.closing;
    boost::json::array organizations;
    for (const std::string& name : closing.organizations) organizations.emplace_back(name);
    boost::json::array proposals;
    for (ProposalId id : closing.proposals) proposals.emplace_back(id.to_string());
    root["closing"] = boost::json::object{{"report", closing.report},
                                          {"attendees_count", closing.attendees_count},
                                          {"contributions_count", closing.contributions_count},
                                          {"organizations", std::move(organizations)},
                                          {"proposals", std::move(proposals)}};
  } else {
    root["closing"] = nullptr;
  }
  return boost::json::serialize(root);
}

}  // namespace participa::io
