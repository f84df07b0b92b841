#include "participa/io/elections.hpp"

#include <boost/json.hpp>

#include "participa/core/utc.hpp"
#include "participa/io/json.hpp"

namespace participa::io {
namespace {

namespace el = participa::components::elections;

boost::json::array channels_of(const el::ByChannel& counts) {
  boost::json::array out;
  for (std::uint64_t count : counts) out.emplace_back(count);
  return out;
}

boost::json::object question_json(const el::QuestionResult& question) {
  boost::json::object out;
  out["position"] = question.position;
  out["title"] = question.title;
  out["kind"] = std::string(name_of(tally::kBallotKindNames, question.kind));
  out["method"] = question.method;
  out["seats"] = question.seats;
  boost::json::array options;
  for (std::size_t i = 0; i < question.options.size(); ++i) {
    options.push_back(boost::json::object{{"option", question.options[i]},
                                          {"votes", channels_of(question.votes[i])}});
  }
  out["options"] = std::move(options);
  out["ballots"] = channels_of(question.ballots);
  out["blank"] = channels_of(question.blank);
  out["null"] = channels_of(question.null);
  out["count"] = question.count ? boost::json::parse(result_to_json(*question.count))
                                : boost::json::value(nullptr);
  if (question.outcome) {
    const el::Outcome& outcome = *question.outcome;
    out["outcome"] = boost::json::object{
        {"statement", outcome.statement},
        {"option", outcome.option ? boost::json::value(question.options[*outcome.option])
                                  : boost::json::value(nullptr)},
        {"review_at", outcome.review_at ? boost::json::value(utc_text(*outcome.review_at))
                                        : boost::json::value(nullptr)},
        {"stated_at", utc_text(outcome.stated_at)},
        {"stated_by", outcome.stated_by.to_string()}};
  } else {
    out["outcome"] = nullptr;
  }
  return out;
}

}  // namespace

std::string election_results_to_json(const el::Results& results) {
  boost::json::object root;
  root["kind"] = "election-results";
  root["election"] = results.election.to_string();
  root["title"] = results.title;
  boost::json::array channels;
  for (const auto& named : el::kResultChannelNames) channels.emplace_back(std::string(named.name));
  root["channels"] = std::move(channels);
  boost::json::array questions;
  for (const el::QuestionResult& question : results.questions) {
    questions.push_back(question_json(question));
  }
  root["questions"] = std::move(questions);
  boost::json::array stations;
  for (const el::StationResult& station : results.stations) {
    stations.push_back(boost::json::object{{"id", station.id.to_string()},
                                           {"name", station.name},
                                           {"issued", station.issued},
                                           {"cast", station.cast},
                                           {"confirmed", station.confirmed}});
  }
  root["stations"] = std::move(stations);
  root["superseded"] = results.superseded;
  boost::json::array warnings;
  for (const std::string& warning : results.warnings) warnings.emplace_back(warning);
  root["warnings"] = std::move(warnings);
  return boost::json::serialize(root);
}

}  // namespace participa::io
