#include "record_commands.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cmath>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <vector>

#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "participa/components/budgets/budgets.hpp"
#include "participa/components/elections/elections.hpp"
#include "participa/components/meetings/meetings.hpp"
#include "participa/components/proposals/proposals.hpp"
#include "participa/components/proposals/queries.hpp"
#include "participa/components/surveys/surveys.hpp"
#include "participa/components/workshops/workshops.hpp"
#include "participa/core/rng.hpp"
#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"
#include "participa/core/utc.hpp"
#include "participa/io/elections.hpp"
#include "participa/io/files.hpp"
#include "participa/io/json.hpp"
#include "participa/io/meetings.hpp"
#include "participa/io/record.hpp"
#include "participa/io/report.hpp"
#include "participa/io/workshops.hpp"
#include "participa/pb/registry.hpp"
#include "participa/store/ledger.hpp"
#include "participa/store/verify.hpp"

namespace participa::cli {
namespace {

namespace sp = participa::space;
namespace pr = participa::components::proposals;
namespace bu = participa::components::budgets;
namespace el = participa::components::elections;
namespace ws = participa::components::workshops;
namespace mt = participa::components::meetings;
namespace q = participa::questionnaire;
using store::Ledger;
using store::Receipt;

constexpr std::array<const char*, 8> kPhaseTitles = {
    "Proposal collection", "Support",          "Evaluation",         "Results",
    "Budget vote",         "Council election", "River walk atelier", "Neighbourhood meeting"};
constexpr std::array<const char*, 4> kCouncilCandidates = {"Alba", "Bruno", "Carme", "David"};
constexpr std::array<const char*, 4> kDistricts = {"Centre", "North", "River", "Hills"};
constexpr std::int64_t kVoteLimit = 10;
constexpr std::int64_t kMinimumVotes = 3;
constexpr std::int64_t kThreshold = 400;

absl::Time phase_start(std::size_t phase) {
  return absl::FromCivil(absl::CivilDay(2027, static_cast<int>(2 + phase), 1), absl::UTCTimeZone());
}

// The demo's clock: each phase's events start on its first day, one second apart.
struct DemoClock {
  std::atomic<std::int64_t> base_micros{absl::ToUnixMicros(phase_start(0))};
  std::atomic<std::int64_t> ticks{0};
  void enter_phase(std::size_t phase) {
    base_micros = absl::ToUnixMicros(phase_start(phase));
    ticks = 0;
  }
  // move_to — for what happens later the same day (a meeting's end).
  void move_to(absl::Time t) {
    base_micros = absl::ToUnixMicros(t);
    ticks = 0;
  }
  absl::Time now() { return absl::FromUnixMicros(base_micros + 1'000'000 * ticks++); }
};

struct Person {
  ParticipantId id;
  sp::Channel channel = sp::Channel::kOnline;
};

class Demo {
 public:
  Demo(Ledger& ledger, DemoClock& clock, const RecordArgs& args)
      : ledger_(ledger), clock_(clock), args_(args), rng_(args.seed, 1) {}

  absl::Status run() {
    PARTICIPA_RETURN_IF_ERROR(found());
    PARTICIPA_RETURN_IF_ERROR(set_up_process());
    PARTICIPA_RETURN_IF_ERROR(register_people());
    PARTICIPA_RETURN_IF_ERROR(form_groups());
    PARTICIPA_RETURN_IF_ERROR(collect_proposals());
    PARTICIPA_RETURN_IF_ERROR(support());
    PARTICIPA_RETURN_IF_ERROR(evaluate());
    PARTICIPA_RETURN_IF_ERROR(publish_results());
    PARTICIPA_RETURN_IF_ERROR(budget_vote());
    PARTICIPA_RETURN_IF_ERROR(council_election());
    PARTICIPA_RETURN_IF_ERROR(atelier());
    return meeting();
  }

  std::uint64_t new_events() const { return new_events_; }
  const std::map<std::string, std::uint64_t>& refusals() const { return refusals_; }
  ComponentId component() const { return component_; }
  ComponentId budgets() const { return budgets_; }
  ComponentId elections() const { return elections_; }
  ElectionId election() const { return election_; }
  ComponentId workshops() const { return workshops_; }
  BoardId board() const { return board_; }
  ComponentId meetings() const { return meetings_; }
  MeetingId meeting_id() const { return meeting_; }
  ParticipantId admin() const { return admin_; }

 private:
  sp::Command command(sp::Actor actor, std::string key, sp::Body body) {
    return sp::Command{actor, str_cat("demo/", key), std::move(body)};
  }
  sp::Actor as_admin() const { return sp::Actor{admin_}; }
  sp::Actor as(const Person& p) const {
    switch (p.channel) {
      case sp::Channel::kInPerson:
        return sp::Actor{p.id, sp::Channel::kInPerson, officer_};
      case sp::Channel::kMediated:
        return sp::Actor{p.id, sp::Channel::kMediated, mediator_};
      default:
        return sp::Actor{p.id};
    }
  }
  sp::Command act(const Person& p, std::string key, pr::Payload payload) {
    return command(as(p), std::move(key), sp::ComponentAction{component_, std::move(payload)});
  }

  // submit — executes the commands together. A refusal the demo meant (an ineligible voter)
  // is counted; any other failure stops the demo.
  absl::StatusOr<std::vector<Receipt>> submit(std::vector<sp::Command> commands,
                                              bool refusals_expected = false) {
    std::vector<Receipt> accepted;
    for (auto& outcome : ledger_.execute_all(std::move(commands))) {
      if (outcome.ok()) {
        if (!outcome->repeated) ++new_events_;
        accepted.push_back(*std::move(outcome));
        continue;
      }
      if (!refusals_expected || outcome.status().code() == absl::StatusCode::kInternal ||
          outcome.status().code() == absl::StatusCode::kDataLoss) {
        return outcome.status();
      }
      ++refusals_[std::string(absl::StatusCodeToString(outcome.status().code()))];
    }
    return accepted;
  }
  absl::StatusOr<Receipt> one(sp::Command c) {
    PARTICIPA_ASSIGN_OR_RETURN(std::vector<Receipt> r, submit({std::move(c)}));
    return r.front();
  }

  absl::Status found() {
    clock_.enter_phase(0);
    PARTICIPA_ASSIGN_OR_RETURN(
        Receipt r, one(command({}, "found",
                               sp::OrganizationFounded{.name = "City of Ribera",
                                                       .seed = args_.seed,
                                                       .founder_nickname = "city-hall",
                                                       .founder_name = "Ribera City Hall"})));
    admin_ = std::get<sp::OrganizationFounded>(r.event.body).founder;
    PARTICIPA_ASSIGN_OR_RETURN(officer_, staff("officer", "Polling station officer"));
    PARTICIPA_ASSIGN_OR_RETURN(mediator_, staff("mediator", "Community centre mediator"));
    PARTICIPA_ASSIGN_OR_RETURN(evaluator_, staff("evaluator", "Technical services"));
    PARTICIPA_ASSIGN_OR_RETURN(
        Receipt city, one(command(as_admin(), "scope/city", sp::ScopeAdded{.name = "Ribera"})));
    city_ = std::get<sp::ScopeAdded>(city.event.body).scope;
    for (std::size_t d = 0; d < kDistricts.size(); ++d) {
      PARTICIPA_ASSIGN_OR_RETURN(
          Receipt district, one(command(as_admin(), str_cat("scope/", d),
                                        sp::ScopeAdded{.name = kDistricts[d], .parent = city_})));
      districts_.push_back(std::get<sp::ScopeAdded>(district.event.body).scope);
    }
    return absl::OkStatus();
  }

  absl::StatusOr<ParticipantId> staff(std::string_view nickname, std::string_view name) {
    PARTICIPA_ASSIGN_OR_RETURN(
        Receipt r, one(command({}, str_cat("staff/", nickname),
                               sp::ParticipantRegistered{.nickname = std::string(nickname),
                                                         .display_name = std::string(name)})));
    ParticipantId id = std::get<sp::ParticipantRegistered>(r.event.body).participant;
    if (nickname != "evaluator") {
      PARTICIPA_RETURN_IF_ERROR(
          one(command(as_admin(), str_cat("role/", nickname),
                      sp::OrganizationRoleGranted{id, sp::OrganizationRole::kUserManager}))
              .status());
    }
    return id;
  }

  absl::Status set_up_process() {
    PARTICIPA_ASSIGN_OR_RETURN(Receipt space,
                               one(command(as_admin(), "space",
                                           sp::SpaceCreated{.kind = "process",
                                                            .slug = "ribera-decides-2027",
                                                            .title = "Ribera decides 2027",
                                                            .scope = city_})));
    space_ = std::get<sp::SpaceCreated>(space.event.body).space;
    std::vector<sp::Command> setup;
    for (std::size_t i = 0; i < kPhaseTitles.size(); ++i) {
      setup.push_back(command(as_admin(), str_cat("phase/", i),
                              sp::PhaseAdded{.space = space_,
                                             .phase = PhaseId::from_name(str_cat("demo-phase-", i)),
                                             .title = kPhaseTitles[i],
                                             .starts_at = phase_start(i),
                                             .ends_at = phase_start(i + 1)}));
      phases_.push_back(PhaseId::from_name(str_cat("demo-phase-", i)));
    }
    component_ = ComponentId::from_name("demo-proposals");
    setup.push_back(
        command(as_admin(), "component",
                sp::ComponentAdded{.component = component_,
                                   .space = space_,
                                   .kind = "proposals",
                                   .name = "Proposals",
                                   .settings = {{"vote_limit", kVoteLimit},
                                                {"minimum_votes_per_participant", kMinimumVotes},
                                                {"threshold_per_proposal", kThreshold},
                                                {"proposal_limit", std::int64_t{2}}}}));
    setup.push_back(configure(0, {{"creation_enabled", true}}));
    setup.push_back(configure(1, {{"votes_enabled", true}, {"likes_enabled", true}}));
    setup.push_back(configure(2, {{"publish_answers_immediately", false}}));
    setup.push_back(configure(3, {{"comments_blocked", true}}));
    sp::Requirement census{"census", {{"minimum_age", "16"}, {"scope", city_.to_string()}}};
    setup.push_back(
        command(as_admin(), "permission/vote", sp::PermissionSet{component_, "vote", {census}}));
    setup.push_back(command(as_admin(), "permission/create",
                            sp::PermissionSet{component_, "create", {census}}));
    setup.push_back(command(as_admin(), "role/evaluator",
                            sp::SpaceRoleGranted{space_, evaluator_, sp::SpaceRole::kEvaluator}));
    setup.push_back(command(as_admin(), "publish/component", sp::ComponentPublished{component_}));
    setup.push_back(command(as_admin(), "publish/space", sp::SpacePublished{space_}));
    setup.push_back(activate(0));
    return submit(std::move(setup)).status();
  }

  sp::Command configure(std::size_t phase, sp::Settings settings) {
    return command(as_admin(), str_cat("configure/", phase),
                   sp::ComponentConfigured{component_, phases_[phase], std::move(settings)});
  }
  sp::Command activate(std::size_t phase) {
    return command(as_admin(), str_cat("activate/", phase),
                   sp::PhaseActivated{space_, phases_[phase]});
  }

  // register_people — 80% register online, 12% are registered by the officer to take part
  // in person, 8% by the mediator; 97% hold a census authorization.
  absl::Status register_people() {
    std::vector<sp::Command> batch;
    std::vector<sp::Channel> channels;
    for (std::uint32_t i = 0; i < args_.participants; ++i) {
      std::uint32_t draw = rng_.uniform(100);
      sp::Channel channel = draw < 80   ? sp::Channel::kOnline
                            : draw < 92 ? sp::Channel::kInPerson
                                        : sp::Channel::kMediated;
      bool managed = channel != sp::Channel::kOnline;
      sp::Actor registrar = !managed                            ? sp::Actor{}
                            : channel == sp::Channel::kInPerson ? sp::Actor{officer_}
                                                                : sp::Actor{mediator_};
      batch.push_back(command(registrar, str_cat("person/", i),
                              sp::ParticipantRegistered{.nickname = str_cat("resident-", i),
                                                        .display_name = str_cat("Resident ", i),
                                                        .managed = managed}));
      channels.push_back(channel);
    }
    PARTICIPA_ASSIGN_OR_RETURN(std::vector<Receipt> registered, submit(std::move(batch)));
    std::vector<sp::Command> grants;
    for (std::size_t i = 0; i < registered.size(); ++i) {
      Person person{std::get<sp::ParticipantRegistered>(registered[i].event.body).participant,
                    channels[i]};
      people_.push_back(person);
      if (rng_.uniform(100) < 3) continue;
      int year = 1940 + static_cast<int>(rng_.uniform(73));
      sp::Authorization census{.handler = "census",
                               .unique_id = str_cat("ribera-census-", i),
                               .attributes = {{"postal_code", str_cat(46100 + rng_.uniform(4))},
                                              {"birth_date", str_cat(year, "-06-15")},
                                              {"scope", districts_[rng_.uniform(4)].to_string()}}};
      grants.push_back(command(sp::Actor{officer_}, str_cat("census/", i),
                               sp::AuthorizationGranted{person.id, census}));
    }
    return submit(std::move(grants)).status();
  }

  // form_groups — three associations, each founded by an online resident; up to 200 other
  // online residents ask to join one, and its founder admits them. Members write about half
  // of their proposals for their association.
  absl::Status form_groups() {
    constexpr std::array<std::pair<std::string_view, std::string_view>, 3> kGroups = {
        {{"ribera-cyclists", "Ribera cyclists"},
         {"north-neighbours", "Neighbours of the north"},
         {"school-parents", "School parents' association"}}};
    std::vector<Person> online;
    for (const Person& p : people_) {
      if (p.channel == sp::Channel::kOnline) online.push_back(p);
    }
    if (online.size() < kGroups.size()) return absl::OkStatus();
    std::vector<sp::Command> created;
    std::vector<GroupId> groups;
    for (std::size_t g = 0; g < kGroups.size(); ++g) {
      groups.push_back(GroupId::from_name(str_cat("demo-group-", g)));
      created.push_back(command(as(online[g]), str_cat("group/", g),
                                sp::GroupCreated{.group = groups.back(),
                                                 .nickname = std::string(kGroups[g].first),
                                                 .name = std::string(kGroups[g].second)}));
      group_of_[online[g].id] = groups.back();
    }
    PARTICIPA_RETURN_IF_ERROR(submit(std::move(created)).status());
    std::vector<sp::Command> requests, admissions;
    for (std::size_t i = kGroups.size(); i < std::min<std::size_t>(online.size(), 203); ++i) {
      std::size_t g = rng_.uniform(static_cast<std::uint32_t>(kGroups.size()));
      requests.push_back(
          command(as(online[i]), str_cat("join/", i), sp::GroupJoinRequested{groups[g]}));
      admissions.push_back(command(as(online[g]), str_cat("admit/", i),
                                   sp::GroupMemberAdmitted{groups[g], online[i].id}));
      group_of_[online[i].id] = groups[g];
    }
    PARTICIPA_RETURN_IF_ERROR(submit(std::move(requests)).status());
    return submit(std::move(admissions)).status();
  }

  absl::Status collect_proposals() {
    std::vector<sp::Command> drafts;
    for (std::uint32_t i = 0; i < args_.proposals; ++i) {
      std::size_t author = rng_.uniform(static_cast<std::uint32_t>(people_.size()));
      drafts.push_back(act(
          people_[author], str_cat("draft/", i),
          pr::ProposalDrafted{.title = str_cat("Proposal ", i + 1, ": ", kIdeas[i % kIdeas.size()]),
                              .body = "A proposal for the city.",
                              .scope = districts_[i % districts_.size()]}));
      auto group = group_of_.find(people_[author].id);
      if (group != group_of_.end() && rng_.uniform(2) == 0)
        drafts.back().actor.group = group->second;
    }
    PARTICIPA_ASSIGN_OR_RETURN(std::vector<Receipt> drafted, submit(std::move(drafts), true));
    std::vector<sp::Command> follow_up;
    for (const Receipt& r : drafted) {
      const auto& action = std::get<sp::ComponentAction>(r.event.body);
      ProposalId id =
          std::get<pr::ProposalDrafted>(std::any_cast<pr::Payload>(action.payload)).proposal;
      proposals_.push_back(id);
      // The author publishes through the channel they drafted through.
      sp::Actor publisher = r.event.actor;
      publisher.group = GroupId();  // publishing is the author's own act
      follow_up.push_back(
          command(publisher, str_cat("publish/", id.to_string()),
                  sp::ComponentAction{component_, pr::Payload(pr::ProposalPublished{id})}));
    }
    PARTICIPA_RETURN_IF_ERROR(submit(std::move(follow_up)).status());
    std::vector<sp::Command> comments;
    for (std::size_t i = 0; i < proposals_.size() * 2; ++i) {
      const Person& p = people_[rng_.uniform(static_cast<std::uint32_t>(people_.size()))];
      comments.push_back(act(
          p, str_cat("comment/", i),
          pr::CommentAdded{
              .proposal = proposals_[rng_.uniform(static_cast<std::uint32_t>(proposals_.size()))],
              .alignment = static_cast<std::int32_t>(rng_.uniform(3)) - 1,
              .body = "I would use this every week."}));
    }
    return submit(std::move(comments), true).status();
  }

  // support — each resident casts 0 to 10 votes, the k-th proposal drafted drawn with weight
  // 1/k (a few proposals draw most support); 5% take one vote back.
  absl::Status support() {
    clock_.enter_phase(1);
    PARTICIPA_RETURN_IF_ERROR(one(activate(1)).status());
    std::vector<double> cumulative;
    double total = 0;
    for (std::size_t i = 0; i < proposals_.size(); ++i) {
      cumulative.push_back(total += 1.0 / static_cast<double>(i + 1));
    }
    std::vector<sp::Command> votes;
    std::vector<sp::Command> unvotes;
    for (std::size_t i = 0; i < people_.size(); ++i) {
      std::uint32_t wanted = rng_.uniform(kVoteLimit + 1);
      std::vector<ProposalId> chosen;
      for (std::uint32_t tries = 0; chosen.size() < wanted && tries < 50; ++tries) {
        double x = total * (rng_.next_u32() / 4294967296.0);
        std::size_t k = static_cast<std::size_t>(
            std::lower_bound(cumulative.begin(), cumulative.end(), x) - cumulative.begin());
        ProposalId id = proposals_[std::min(k, proposals_.size() - 1)];
        if (std::find(chosen.begin(), chosen.end(), id) == chosen.end()) chosen.push_back(id);
      }
      for (ProposalId id : chosen) {
        votes.push_back(
            act(people_[i], str_cat("vote/", i, "/", id.to_string()), pr::VoteCast{id}));
      }
      if (!chosen.empty() && rng_.uniform(100) < 5) {
        unvotes.push_back(
            act(people_[i], str_cat("unvote/", i), pr::VoteWithdrawn{chosen.front()}));
      }
    }
    for (std::size_t start = 0; start < votes.size(); start += 2000) {
      std::vector<sp::Command> part(
          votes.begin() + static_cast<std::ptrdiff_t>(start),
          votes.begin() + static_cast<std::ptrdiff_t>(std::min(votes.size(), start + 2000)));
      PARTICIPA_RETURN_IF_ERROR(submit(std::move(part), true).status());
    }
    return submit(std::move(unvotes), true).status();
  }

  // evaluate — the admin assigns every proposal to the evaluator, who accepts the 20 most
  // supported with a cost, rejects every tenth of the rest, and leaves the others under
  // evaluation; answers wait for the results phase.
  absl::Status evaluate() {
    clock_.enter_phase(2);
    PARTICIPA_RETURN_IF_ERROR(one(activate(2)).status());
    auto ranked = ledger_.read(
        [&](const sp::Organization& o) { return pr::list_proposals(o, component_, admin_, {}); });
    if (!ranked.ok()) return ranked.status();
    // Only the proposals collected in this process are evaluated here; a run over an existing
    // record also lists the one the atelier promoted later, and must not evaluate it.
    std::erase_if(*ranked, [&](const pr::ProposalView& view) {
      return std::find(proposals_.begin(), proposals_.end(), view.id) == proposals_.end();
    });
    std::vector<sp::Command> assignments;
    for (const pr::ProposalView& proposal : *ranked) {
      assignments.push_back(command(
          as_admin(), str_cat("assign/", proposal.id.to_string()),
          sp::ComponentAction{component_, pr::Payload(pr::EvaluatorAssigned{
                                              .proposal = proposal.id, .evaluator = evaluator_})}));
    }
    PARTICIPA_RETURN_IF_ERROR(submit(std::move(assignments)).status());
    std::vector<sp::Command> answers;
    sp::Actor evaluator{evaluator_};
    for (std::size_t i = 0; i < ranked->size(); ++i) {
      pr::ProposalAnswered answer{.proposal = (*ranked)[i].id, .state = "evaluating"};
      if (i < 20) {
        answer.state = "accepted";
        answer.answer = "Feasible; included in the 2028 budget.";
        answer.cost = 25'000 + 5'000 * static_cast<std::int64_t>(rng_.uniform(40));
      } else if (i % 10 == 0) {
        answer.state = "rejected";
        answer.answer = "Outside the city's competences.";
      }
      answers.push_back(command(evaluator, str_cat("answer/", (*ranked)[i].id.to_string()),
                                sp::ComponentAction{component_, pr::Payload(answer)}));
    }
    return submit(std::move(answers)).status();
  }

  absl::Status publish_results() {
    clock_.enter_phase(3);
    PARTICIPA_RETURN_IF_ERROR(one(activate(3)).status());
    std::vector<sp::Command> published;
    for (ProposalId id : proposals_) {
      published.push_back(
          command(as_admin(), str_cat("publish-answer/", id.to_string()),
                  sp::ComponentAction{component_, pr::Payload(pr::AnswerPublished{id})}));
    }
    return submit(std::move(published)).status();
  }

  // budget_vote — the accepted proposals become the projects of a budget of half their total
  // cost; residents who hold the census authorization fill and check out orders (online, on
  // paper at the Centre or River polling station typed in by the officer, or through a
  // mediator, as they take part), each project at random while it fits, and equal shares
  // selects the projects once voting closes.
  // The demo's two polling stations (of the budget vote, of the election).
  using Stations = std::array<StationId, 2>;
  // Per station, how many voters were marked there (and so put a paper ballot in its box).
  using PaperCounts = std::array<std::uint32_t, 2>;

  // The budget vote scene: the accepted proposals with a cost become a budget's projects;
  // people fill and check out their orders online or on paper at a station; the selection is
  // recorded by equal shares.
  absl::Status budget_vote() {
    clock_.enter_phase(4);
    budgets_ = ComponentId::from_name("demo-budgets");
    const BudgetId budget = BudgetId::from_name("demo-budget-2028");
    const Stations stations = {StationId::from_name("demo-budget-station-centre"),
                               StationId::from_name("demo-budget-station-river")};
    PARTICIPA_RETURN_IF_ERROR(open_budgets(stations));
    PARTICIPA_ASSIGN_OR_RETURN(const std::vector<bu::ProjectAdded> projects,
                               accepted_projects(budget));
    std::int64_t total = 0;
    for (const bu::ProjectAdded& p : projects) total += p.cost;
    PARTICIPA_RETURN_IF_ERROR(add_budget(budget, projects, total));
    PARTICIPA_RETURN_IF_ERROR(place_orders(budget, projects, total, stations));
    std::vector<sp::Command> close;
    close.push_back(
        command(as_admin(), "budgets/close",
                sp::ComponentConfigured{budgets_, phases_[4], {{"votes_enabled", false}}}));
    close.push_back(
        command(as_admin(), "budgets/selection",
                sp::ComponentAction{budgets_, bu::Payload(bu::SelectionRecorded{
                                                  .budget = budget, .rule = "equal-shares"})}));
    return submit(std::move(close)).status();
  }

  absl::Status open_budgets(const Stations& stations) {
    sp::Requirement census{"census", {{"minimum_age", "16"}, {"scope", city_.to_string()}}};
    std::vector<sp::Command> setup;
    setup.push_back(command(as_admin(), "budgets/component",
                            sp::ComponentAdded{.component = budgets_,
                                               .space = space_,
                                               .kind = "budgets",
                                               .name = "Participatory budget"}));
    setup.push_back(
        command(as_admin(), "budgets/open",
                sp::ComponentConfigured{budgets_, phases_[4], {{"votes_enabled", true}}}));
    setup.push_back(command(as_admin(), "budgets/permission/vote",
                            sp::PermissionSet{budgets_, "vote", {census}}));
    setup.push_back(command(as_admin(), "budgets/publish", sp::ComponentPublished{budgets_}));
    const std::array<const char*, 2> station_names = {"Centre", "River"};
    for (std::size_t s = 0; s < stations.size(); ++s) {
      setup.push_back(command(
          as_admin(), str_cat("budgets/station/", s),
          sp::ComponentAction{budgets_, bu::Payload(bu::StationAdded{.station = stations[s],
                                                                     .name = station_names[s],
                                                                     .officers = {officer_}})}));
    }
    return submit(std::move(setup)).status();
  }

  // The accepted proposals with a cost, as projects of the budget.
  absl::StatusOr<std::vector<bu::ProjectAdded>> accepted_projects(BudgetId budget) {
    std::vector<bu::ProjectAdded> projects;
    PARTICIPA_RETURN_IF_ERROR(ledger_.read([&](const sp::Organization& o) -> absl::Status {
      PARTICIPA_ASSIGN_OR_RETURN(const pr::State* state, pr::state_of(o, component_));
      for (ProposalId id : proposals_) {
        const pr::Proposal& proposal = state->proposals.at(id);
        if (proposal.public_state() != "accepted" || !proposal.cost) continue;
        projects.push_back({.budget = budget,
                            .project = BudgetProjectId::from_name(id.to_string()),
                            .title = proposal.title,
                            .cost = *proposal.cost,
                            .proposals = {id}});
      }
      return absl::OkStatus();
    }));
    return projects;
  }

  // The budget, of half what its projects cost together, with its projects.
  absl::Status add_budget(BudgetId budget, const std::vector<bu::ProjectAdded>& projects,
                          std::int64_t total) {
    std::vector<sp::Command> budget_setup;
    budget_setup.push_back(command(
        as_admin(), "budgets/budget",
        sp::ComponentAction{
            budgets_, bu::Payload(bu::BudgetAdded{.budget = budget,
                                                  .title = "Ribera 2028",
                                                  .total = std::max<std::int64_t>(total / 2, 1),
                                                  .rule = {.kind = bu::RuleKind::kKnapsack}})}));
    for (const bu::ProjectAdded& p : projects) {
      budget_setup.push_back(command(as_admin(), str_cat("budgets/project/", p.project.to_string()),
                                     sp::ComponentAction{budgets_, bu::Payload(p)}));
    }
    budget_setup.push_back(activate(4));
    return submit(std::move(budget_setup)).status();
  }

  // Six in ten people fill an order within the budget, in a random order of projects, and check
  // it out; in person, the paper ballot is typed in at a station.
  absl::Status place_orders(BudgetId budget, const std::vector<bu::ProjectAdded>& projects,
                            std::int64_t total, const Stations& stations) {
    std::vector<sp::Command> orders;
    for (std::size_t i = 0; i < people_.size(); ++i) {
      if (rng_.uniform(10) >= 6 || projects.empty()) continue;  // six in ten vote
      std::vector<std::size_t> order(projects.size());
      for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
      rng_.shuffle(order);
      std::int64_t spent = 0;
      for (std::size_t k : order) {
        if (spent + projects[k].cost > total / 2) continue;
        spent += projects[k].cost;
        orders.push_back(command(
            as(people_[i]), str_cat("budgets/add/", i, "/", k),
            sp::ComponentAction{budgets_,
                                bu::Payload(bu::OrderChanged{budget, projects[k].project, true})}));
      }
      // In person, the paper ballot is typed in at the station of the voter's half of town.
      const StationId station =
          people_[i].channel == sp::Channel::kInPerson ? stations[i % 2] : StationId();
      orders.push_back(command(
          as(people_[i]), str_cat("budgets/checkout/", i),
          sp::ComponentAction{budgets_, bu::Payload(bu::OrderCheckedOut{budget, station})}));
    }
    return submit(std::move(orders), true).status();
  }

  // council_election — a council elected by a ranked question (IRV) beside a yes/no question,
  // in one ballot per census authorization: online residents vote online (seven in ten), those
  // who take part in person are handed a paper ballot at the Centre or River station (one in
  // four votes at the Centre's booth instead), the mediated vote through the mediator. After the
  // close the officer enters each station's paper and the mediator confirms it (four eyes).
  // The council election scene: an election of two questions with two polling stations; people
  // vote online, at a booth or on paper, and the officers enter and confirm the paper ballots.
  absl::Status council_election() {
    clock_.enter_phase(5);
    elections_ = ComponentId::from_name("demo-elections");
    election_ = ElectionId::from_name("demo-council-2028");
    const Stations stations = {StationId::from_name("demo-station-centre"),
                               StationId::from_name("demo-station-river")};
    PARTICIPA_RETURN_IF_ERROR(set_up_election(stations));
    PARTICIPA_ASSIGN_OR_RETURN(const PaperCounts marked, cast_votes(stations));
    return enter_paper_ballots(stations, marked);
  }

  sp::Command election_action(sp::Actor actor, std::string key, el::Payload payload) {
    return command(actor, str_cat("elections/", key),
                   sp::ComponentAction{elections_, std::move(payload)});
  }

  absl::Status set_up_election(const Stations& stations) {
    sp::Requirement census{"census", {{"minimum_age", "16"}, {"scope", city_.to_string()}}};
    std::vector<sp::Command> setup;
    setup.push_back(command(as_admin(), "elections/component",
                            sp::ComponentAdded{.component = elections_,
                                               .space = space_,
                                               .kind = "elections",
                                               .name = "Council election"}));
    setup.push_back(
        command(as_admin(), "elections/open",
                sp::ComponentConfigured{elections_, phases_[5], {{"votes_enabled", true}}}));
    setup.push_back(command(as_admin(), "elections/permission/vote",
                            sp::PermissionSet{elections_, "vote", {census}}));
    setup.push_back(command(as_admin(), "elections/publish", sp::ComponentPublished{elections_}));
    setup.push_back(election_action(as_admin(), "election",
                                    el::ElectionAdded{.election = election_,
                                                      .title = "Neighbourhood council 2028",
                                                      .census = el::Census::kAuthorization,
                                                      .salt = "ribera-council-2028"}));
    setup.push_back(election_action(
        as_admin(), "question/council",
        el::QuestionAdded{election_,
                          {.title = "Council",
                           .options = {kCouncilCandidates.begin(), kCouncilCandidates.end()},
                           .kind = tally::BallotKind::kRanked,
                           .min_choices = 1,
                           .max_choices = 4}}));
    setup.push_back(election_action(
        as_admin(), "question/market",
        el::QuestionAdded{election_,
                          {.title = "Open the market on Sundays?", .options = {"Yes", "No"}}}));
    const std::array<const char*, 2> names = {"Centre", "River"};
    for (std::size_t s = 0; s < stations.size(); ++s) {
      setup.push_back(election_action(as_admin(), str_cat("station/", s),
                                      el::StationAdded{.election = election_,
                                                       .station = stations[s],
                                                       .name = names[s],
                                                       .officers = {officer_, mediator_}}));
    }
    setup.push_back(activate(5));
    return submit(std::move(setup)).status();
  }

  // Preferences are shuffled, with one voter in four putting Carme first; a tenth of ballots
  // leave the market question blank, and one paper ballot in twenty spoils it.
  std::vector<el::Answer> council_ballot(bool paper) {
    std::vector<std::uint32_t> ranking = {0, 1, 2, 3};
    rng_.shuffle(ranking);
    if (rng_.uniform(4) == 0) {
      auto carme = std::find(ranking.begin(), ranking.end(), 2u);
      std::rotate(ranking.begin(), carme, carme + 1);
    }
    ranking.resize(1 + rng_.uniform(4));
    std::uint32_t market = rng_.uniform(20);
    el::Answer sunday = market < 2    ? el::Answer{}
                        : market < 12 ? el::Answer{.choices = {0}}
                                      : el::Answer{.choices = {1}};
    if (paper && market == 19) sunday = el::Answer{.null = true};
    return std::vector<el::Answer>{{.choices = ranking}, sunday};
  }

  absl::StatusOr<PaperCounts> cast_votes(const Stations& stations) {
    std::vector<sp::Command> votes;
    for (std::size_t i = 0; i < people_.size(); ++i) {
      const Person& person = people_[i];
      if (rng_.uniform(10) >= 7) continue;  // seven in ten vote
      if (person.channel != sp::Channel::kInPerson) {
        votes.push_back(election_action(
            as(person), str_cat("ballot/", i),
            el::BallotCast{.election = election_, .answers = council_ballot(false)}));
        continue;
      }
      const std::size_t s = rng_.uniform(2);
      if (s == 0 && rng_.uniform(4) == 0) {
        votes.push_back(election_action(
            as(person), str_cat("booth/", i),
            el::BallotCast{
                .election = election_, .answers = council_ballot(false), .station = stations[0]}));
        continue;
      }
      votes.push_back(
          election_action(as(person), str_cat("mark/", i),
                          el::VoterMarked{.election = election_, .station = stations[s]}));
    }
    PARTICIPA_ASSIGN_OR_RETURN(std::vector<Receipt> accepted, submit(std::move(votes), true));
    // Each voter marked at a station put one paper ballot in its box.
    std::array<std::uint32_t, 2> marked{};
    for (const Receipt& receipt : accepted) {
      const auto& payload = std::any_cast<const el::Payload&>(
          std::get<sp::ComponentAction>(receipt.event.body).payload);
      if (const auto* mark = std::get_if<el::VoterMarked>(&payload)) {
        ++marked[mark->station == stations[0] ? 0 : 1];
      }
    }
    return marked;
  }

  absl::Status enter_paper_ballots(const Stations& stations, const PaperCounts& marked) {
    std::vector<sp::Command> count;
    count.push_back(
        command(as_admin(), "elections/close",
                sp::ComponentConfigured{elections_, phases_[5], {{"votes_enabled", false}}}));
    for (std::size_t s = 0; s < stations.size(); ++s) {
      for (std::uint32_t k = 0; k < marked[s]; ++k) {
        count.push_back(
            election_action(sp::Actor{officer_}, str_cat("paper/", s, "/", k),
                            el::PaperBallotEntered{election_, stations[s], council_ballot(true)}));
      }
      if (marked[s] > 0) {
        count.push_back(election_action(sp::Actor{mediator_}, str_cat("confirm/", s),
                                        el::StationConfirmed{election_, stations[s]}));
      }
    }
    return submit(std::move(count)).status();
  }

  // atelier — an atelier on the river walk, online and in the room at once: a hundred people
  // write a sticky each (online; in person, typed in by the officer; mediated), five post-its
  // come from visitors at the wall, the mediator facilitates. Writing is private until the
  // reveal; the stickies are clustered by idea, everyone who wrote puts up to three dots on the
  // clusters, the dots are revealed, and the cluster with most dots becomes an official proposal.
  // The atelier scene: a board is set up, people (and visitors at the wall) write stickies, the
  // room clusters them by idea, everyone places dots, and the leading idea becomes a proposal.
  absl::Status atelier() {
    clock_.enter_phase(6);
    workshops_ = ComponentId::from_name("demo-workshops");
    board_ = BoardId::from_name("demo-board-river-walk");
    PARTICIPA_ASSIGN_OR_RETURN(const std::vector<ws::Column> columns, open_board());
    PARTICIPA_ASSIGN_OR_RETURN(const Written written, write_stickies(columns));
    PARTICIPA_ASSIGN_OR_RETURN(const std::vector<ClusterId> clusters,
                               cluster_stickies(written.receipts));
    PARTICIPA_RETURN_IF_ERROR(place_dots(written.writers, clusters));
    return promote_the_leader();
  }

  sp::Command workshop_action(sp::Actor actor, std::string key, ws::Payload payload) {
    return command(actor, str_cat("workshops/", key),
                   sp::ComponentAction{workshops_, std::move(payload)});
  }
  sp::Actor facilitator() const { return sp::Actor{mediator_}; }

  // The board and its columns.
  absl::StatusOr<std::vector<ws::Column>> open_board() {
    std::vector<sp::Command> setup;
    setup.push_back(activate(6));
    setup.push_back(command(as_admin(), "workshops/component",
                            sp::ComponentAdded{.component = workshops_,
                                               .space = space_,
                                               .kind = "workshops",
                                               .name = "River walk atelier"}));
    setup.push_back(command(as_admin(), "workshops/publish", sp::ComponentPublished{workshops_}));
    setup.push_back(
        workshop_action(as_admin(), "board",
                        ws::BoardAdded{.board = board_,
                                       .title = "What would make the river walk better?",
                                       .facilitators = {mediator_},
                                       .dots = 3,
                                       .max_dots_per_item = 2}));
    PARTICIPA_ASSIGN_OR_RETURN(std::vector<Receipt> made, submit(std::move(setup)));
    const auto& added = std::get<ws::BoardAdded>(std::any_cast<const ws::Payload&>(
        std::get<sp::ComponentAction>(made.back().event.body).payload));
    return added.columns;
  }

  // Who wrote (by person) and the receipts of what was written.
  struct Written {
    std::vector<std::size_t> writers;
    std::vector<Receipt> receipts;
  };
  absl::StatusOr<Written> write_stickies(const std::vector<ws::Column>& columns) {
    std::vector<sp::Command> writing;
    std::vector<std::size_t> writers;
    const std::size_t wanted = std::min<std::size_t>(100, people_.size());
    for (std::size_t k = 0; k < wanted; ++k) {
      const std::size_t i = rng_.uniform(static_cast<std::uint32_t>(people_.size()));
      writers.push_back(i);
      writing.push_back(workshop_action(
          as(people_[i]), str_cat("sticky/", k),
          ws::StickyWritten{
              .board = board_,
              .column = columns[rng_.uniform(3)].id,
              .text = kRiverIdeas[rng_.uniform(static_cast<std::uint32_t>(kRiverIdeas.size()))],
              .colour = std::string(
                  ws::kColours[rng_.uniform(static_cast<std::uint32_t>(ws::kColours.size()))])}));
    }
    for (std::size_t k = 0; k < 5; ++k) {
      writing.push_back(workshop_action(
          sp::Actor{ParticipantId(), sp::Channel::kInPerson, officer_}, str_cat("wall/", k),
          ws::StickyWritten{.board = board_,
                            .column = columns[2].id,
                            .text = kRiverIdeas[rng_.uniform(kRiverIdeas.size())]}));
    }
    writing.push_back(workshop_action(facilitator(), "reveal/stickies",
                                      ws::BoardRevealed{.board = board_, .stickies = true}));
    writing.push_back(
        workshop_action(facilitator(), "stage/group", ws::StageSet{board_, ws::Stage::kGroup}));
    PARTICIPA_ASSIGN_OR_RETURN(std::vector<Receipt> written, submit(std::move(writing), true));
    return Written{std::move(writers), std::move(written)};
  }

  // The room clusters the stickies by idea.
  absl::StatusOr<std::vector<ClusterId>> cluster_stickies(const std::vector<Receipt>& written) {
    std::map<std::string, std::vector<StickyId>> by_idea;
    for (const Receipt& receipt : written) {
      const auto& payload = std::any_cast<const ws::Payload&>(
          std::get<sp::ComponentAction>(receipt.event.body).payload);
      if (const auto* sticky = std::get_if<ws::StickyWritten>(&payload)) {
        by_idea[sticky->text].push_back(sticky->sticky);
      }
    }
    std::vector<ClusterId> clusters;
    std::vector<sp::Command> grouping;
    for (const auto& [idea, stickies] : by_idea) {
      clusters.push_back(ClusterId::from_name(str_cat("demo-cluster/", idea)));
      grouping.push_back(
          workshop_action(facilitator(), str_cat("cluster/", clusters.size()),
                          ws::ClusterFormed{board_, clusters.back(), idea, stickies}));
    }
    grouping.push_back(
        workshop_action(facilitator(), "stage/vote", ws::StageSet{board_, ws::Stage::kVote}));
    PARTICIPA_RETURN_IF_ERROR(submit(std::move(grouping)).status());
    return clusters;
  }

  // Each writer puts two dots on one cluster and one on another, or three dots on three.
  absl::Status place_dots(const std::vector<std::size_t>& writers,
                          const std::vector<ClusterId>& clusters) {
    std::vector<sp::Command> voting;
    std::set<std::size_t> voted;
    for (std::size_t i : writers) {
      if (!voted.insert(i).second || clusters.size() < 3) continue;
      std::vector<std::uint32_t> order(clusters.size());
      for (std::size_t c = 0; c < order.size(); ++c) order[c] = static_cast<std::uint32_t>(c);
      rng_.shuffle(order);
      const bool spread = rng_.uniform(2) == 0;
      const std::vector<std::int32_t> dots =
          spread ? std::vector<std::int32_t>{1, 1, 1} : std::vector<std::int32_t>{2, 1};
      for (std::size_t d = 0; d < dots.size(); ++d) {
        voting.push_back(workshop_action(
            as(people_[i]), str_cat("dots/", i, "/", d),
            ws::DotsPlaced{.board = board_, .cluster = clusters[order[d]], .dots = dots[d]}));
      }
    }
    voting.push_back(workshop_action(facilitator(), "reveal/dots",
                                     ws::BoardRevealed{.board = board_, .dots = true}));
    return submit(std::move(voting), true).status();
  }

  absl::Status promote_the_leader() {
    PARTICIPA_ASSIGN_OR_RETURN(ws::DotResults results, ledger_.read([&](const sp::Organization& o) {
      return ws::dot_results(o, workshops_, board_, mediator_);
    }));
    if (results.items.empty()) return absl::OkStatus();
    const ws::DotItemResult& top = results.items.front();
    const ProposalId proposal = ProposalId::from_name("demo-proposal-from-the-atelier");
    std::vector<sp::Command> closing;
    closing.push_back(command(
        as_admin(), "workshops/proposal",
        sp::ComponentAction{
            component_, pr::Payload(pr::ProposalDrafted{.proposal = proposal,
                                                        .title = top.label,
                                                        .body = "Chosen by the river walk atelier.",
                                                        .official = true})}));
    closing.push_back(
        command(as_admin(), "workshops/proposal/publish",
                sp::ComponentAction{component_, pr::Payload(pr::ProposalPublished{proposal})}));
    closing.push_back(workshop_action(facilitator(), "promote",
                                      ws::StickyPromoted{.board = board_,
                                                         .cluster = top.item.cluster,
                                                         .proposals = component_,
                                                         .proposal = proposal}));
    closing.push_back(
        workshop_action(facilitator(), "stage/actions", ws::StageSet{board_, ws::Stage::kActions}));
    closing.push_back(
        workshop_action(facilitator(), "action",
                        ws::ActionItemAdded{.board = board_,
                                            .text = "Present the proposal to the council",
                                            .owner = admin_,
                                            .cluster = top.item.cluster}));
    return submit(std::move(closing)).status();
  }

  // meeting — a hybrid neighbourhood meeting on the atelier's proposal: forty places, five kept
  // for people the mediator registers. Up to sixty people register (online, at the office or
  // through the mediator), eight of the first cancel and the waiting list moves up; at the door
  // the officer checks the codes of those who come to the hall, the others join online; the
  // attendees answer a live poll, and the meeting closes with its report, linking the atelier's
  // proposal.
  // The meeting scene: a hybrid meeting is set up with its agenda, people register (some cancel),
  // attendance is taken at the door and online, a poll runs in the room, and the meeting closes.
  absl::Status meeting() {
    clock_.enter_phase(7);
    meetings_ = ComponentId::from_name("demo-meetings");
    meeting_ = MeetingId::from_name("demo-meeting-river-walk");
    const absl::Time starts = phase_start(7) + absl::Minutes(30);
    PARTICIPA_RETURN_IF_ERROR(open_meeting(starts));
    PARTICIPA_ASSIGN_OR_RETURN(const std::vector<std::size_t> registrants, register_for_meeting());
    PARTICIPA_ASSIGN_OR_RETURN(const std::vector<std::size_t> attendees,
                               take_attendance(registrants, starts));
    PARTICIPA_RETURN_IF_ERROR(poll_the_meeting(attendees, starts));
    return close_meeting(attendees, starts);
  }

  sp::Command meeting_action(sp::Actor actor, std::string key, mt::Payload payload) {
    return command(actor, str_cat("meetings/", key),
                   sp::ComponentAction{meetings_, std::move(payload)});
  }

  absl::Status open_meeting(absl::Time starts) {
    const AgendaItemId proposal_item = AgendaItemId::from_name("demo-agenda-proposal");
    std::vector<sp::Command> setup;
    setup.push_back(activate(7));
    setup.push_back(command(as_admin(), "meetings/component",
                            sp::ComponentAdded{.component = meetings_,
                                               .space = space_,
                                               .kind = "meetings",
                                               .name = "Neighbourhood meetings"}));
    setup.push_back(command(as_admin(), "meetings/publish", sp::ComponentPublished{meetings_}));
    setup.push_back(meeting_action(as_admin(), "meeting",
                                   mt::MeetingAdded{.meeting = meeting_,
                                                    .title = "The river walk, together",
                                                    .format = mt::Format::kHybrid,
                                                    .address = "Community centre, main hall",
                                                    .url = "https://meet.example.org/river-walk",
                                                    .starts_at = starts,
                                                    .ends_at = starts + absl::Hours(2),
                                                    .slots = 40,
                                                    .reserved_slots = 5}));
    setup.push_back(meeting_action(
        as_admin(), "agenda/welcome",
        mt::AgendaItemAdded{
            .meeting = meeting_, .title = "Welcome", .duration = absl::Minutes(10)}));
    setup.push_back(meeting_action(as_admin(), "agenda/proposal",
                                   mt::AgendaItemAdded{.meeting = meeting_,
                                                       .item = proposal_item,
                                                       .title = "The atelier's proposal",
                                                       .duration = absl::Minutes(80)}));
    setup.push_back(meeting_action(as_admin(), "agenda/presentation",
                                   mt::AgendaItemAdded{.meeting = meeting_,
                                                       .parent = proposal_item,
                                                       .title = "Presentation",
                                                       .duration = absl::Minutes(20)}));
    setup.push_back(
        meeting_action(as_admin(), "agenda/questions",
                       mt::AgendaItemAdded{.meeting = meeting_,
                                           .parent = proposal_item,
                                           .title = "Questions from the hall and online",
                                           .duration = absl::Minutes(60)}));
    setup.push_back(meeting_action(
        as_admin(), "agenda/next",
        mt::AgendaItemAdded{
            .meeting = meeting_, .title = "Next steps", .duration = absl::Minutes(20)}));
    setup.push_back(meeting_action(as_admin(), "registrations", mt::RegistrationsOpened{meeting_}));
    PARTICIPA_RETURN_IF_ERROR(submit(std::move(setup)).status());

    return absl::OkStatus();
  }

  // People register, reserving a slot when helped by a mediator; the first eight cancel.
  absl::StatusOr<std::vector<std::size_t>> register_for_meeting() {
    std::vector<std::size_t> registrants;
    std::set<std::size_t> chosen;
    const std::size_t wanted = std::min<std::size_t>(60, people_.size());
    while (registrants.size() < wanted) {
      const std::size_t i = rng_.uniform(static_cast<std::uint32_t>(people_.size()));
      if (chosen.insert(i).second) registrants.push_back(i);
    }
    std::vector<sp::Command> registering;
    for (std::size_t i : registrants) {
      registering.push_back(
          meeting_action(as(people_[i]), str_cat("register/", i),
                         mt::Registered{.meeting = meeting_,
                                        .reserved = people_[i].channel == sp::Channel::kMediated}));
    }
    PARTICIPA_RETURN_IF_ERROR(submit(std::move(registering)).status());
    std::vector<sp::Command> cancelling;
    for (std::size_t k = 0; k < std::min<std::size_t>(8, registrants.size()); ++k) {
      const std::size_t i = registrants[k];
      cancelling.push_back(meeting_action(as(people_[i]), str_cat("cancel/", i),
                                          mt::RegistrationCancelled{.meeting = meeting_}));
    }
    PARTICIPA_RETURN_IF_ERROR(submit(std::move(cancelling)).status());

    return registrants;
  }

  // Registered people come to the door (an officer scans their code) or join online; some
  // do not come. The attendees, by person.
  absl::StatusOr<std::vector<std::size_t>> take_attendance(
      const std::vector<std::size_t>& registrants, absl::Time starts) {
    PARTICIPA_ASSIGN_OR_RETURN(
        mt::Meeting held,
        ledger_.read([&](const sp::Organization& o) -> absl::StatusOr<mt::Meeting> {
          PARTICIPA_ASSIGN_OR_RETURN(const mt::State* state, mt::state_of(o, meetings_));
          return state->meetings.at(meeting_);
        }));
    clock_.move_to(starts - absl::Minutes(20));
    std::vector<sp::Command> door;
    std::vector<std::size_t> attendees;
    for (std::size_t i : registrants) {
      auto registration = held.registrations.find(people_[i].id);
      if (registration == held.registrations.end() || registration->second.waiting) continue;
      if (rng_.uniform(10) == 0) continue;  // registered, but did not come
      attendees.push_back(i);
      const bool online = people_[i].channel == sp::Channel::kOnline && rng_.uniform(2) == 0;
      door.push_back(
          online ? meeting_action(sp::Actor{people_[i].id}, str_cat("online/", i),
                                  mt::AttendanceRecorded{.meeting = meeting_,
                                                         .presence = mt::Presence::kOnline})
                 : meeting_action(sp::Actor{officer_}, str_cat("door/", i),
                                  mt::AttendanceRecorded{.meeting = meeting_,
                                                         .presence = mt::Presence::kInPerson,
                                                         .code = registration->second.code}));
    }
    PARTICIPA_RETURN_IF_ERROR(submit(std::move(door)).status());

    return attendees;
  }

  absl::Status poll_the_meeting(const std::vector<std::size_t>& attendees, absl::Time starts) {
    clock_.move_to(starts + absl::Minutes(40));
    const MeetingPollId poll = MeetingPollId::from_name("demo-meeting-poll");
    q::Question question{.type = q::QuestionType::kMultipleOption,
                         .body = q::Text("What should the river walk get first?"),
                         .max_choices = 2};
    for (std::size_t o = 0; o < 4; ++o) question.options.push_back({q::Text(kRiverIdeas[o])});
    std::vector<sp::Command> polling;
    polling.push_back(
        meeting_action(as_admin(), "poll",
                       mt::PollAdded{.meeting = meeting_, .poll = poll, .question = question}));
    for (std::size_t i : attendees) {
      q::Answer answer;
      const std::uint32_t first = rng_.uniform(4);
      answer.choices.push_back({.option = first});
      if (rng_.uniform(2) == 0) answer.choices.push_back({.option = (first + 1) % 4});
      polling.push_back(meeting_action(as(people_[i]), str_cat("answer/", i),
                                       mt::PollAnswered{meeting_, poll, std::move(answer)}));
    }
    polling.push_back(meeting_action(as_admin(), "poll/close", mt::PollClosed{meeting_, poll}));
    PARTICIPA_RETURN_IF_ERROR(submit(std::move(polling)).status());

    return absl::OkStatus();
  }

  absl::Status close_meeting(const std::vector<std::size_t>& attendees, absl::Time starts) {
    clock_.move_to(starts + absl::Hours(2) + absl::Minutes(5));
    mt::MeetingClosed closing{
        .meeting = meeting_,
        .report =
            "The hall and the people online agreed to take the atelier's proposal to the "
            "council, with shade first.",
        .attendees_count = static_cast<std::uint32_t>(attendees.size()),
        .contributions_count = static_cast<std::uint32_t>(attendees.size()),
        .organizations = {"River walk neighbours", "Community centre"}};
    const ProposalId atelier_proposal = ProposalId::from_name("demo-proposal-from-the-atelier");
    const bool promoted = ledger_.read([&](const sp::Organization& o) {
      auto proposals = pr::state_of(o, component_);
      return proposals.ok() && (*proposals)->proposals.contains(atelier_proposal);
    });
    if (promoted) closing.proposals.push_back(atelier_proposal);
    return submit({meeting_action(as_admin(), "close", std::move(closing))}).status();
  }

  static constexpr std::array<const char*, 6> kRiverIdeas = {
      "benches in the shade along the river walk", "lights on the river walk at night",
      "a drinking fountain by the bridge",         "a separate lane for bikes",
      "bins and more frequent cleaning",           "steps down to the water"};

  static constexpr std::array<const char*, 8> kIdeas = {
      "shade trees on the main square", "a night bus to the hospital",
      "a covered basketball court",     "longer library hours",
      "safe bike lanes to the schools", "a community garden",
      "benches along the river walk",   "free wifi in the market"};

  Ledger& ledger_;
  DemoClock& clock_;
  const RecordArgs& args_;
  Rng rng_;
  std::uint64_t new_events_ = 0;
  std::map<std::string, std::uint64_t> refusals_;
  ParticipantId admin_, officer_, mediator_, evaluator_;
  ScopeId city_;
  std::vector<ScopeId> districts_;
  SpaceId space_;
  std::vector<PhaseId> phases_;
  ComponentId component_;
  ComponentId budgets_;
  ComponentId elections_;
  ElectionId election_;
  ComponentId workshops_;
  BoardId board_;
  ComponentId meetings_;
  MeetingId meeting_;
  std::vector<Person> people_;
  std::map<ParticipantId, GroupId> group_of_;  // founders and admitted members
  std::vector<ProposalId> proposals_;
};

// events_per_phase — events per active phase, read back from the record.
absl::StatusOr<std::map<std::string, std::uint64_t>> events_per_phase(store::EventStore& events) {
  std::map<std::string, std::uint64_t> counts;
  std::map<PhaseId, std::string> titles;
  std::string current = "set-up";
  PARTICIPA_RETURN_IF_ERROR(events.scan(0, [&](store::StoredEvent&& stored) -> absl::Status {
    PARTICIPA_ASSIGN_OR_RETURN(sp::Event event, io::decode_event(stored.bytes));
    if (const auto* added = std::get_if<sp::PhaseAdded>(&event.body))
      titles[added->phase] = added->title;
    if (const auto* active = std::get_if<sp::PhaseActivated>(&event.body))
      current = titles[active->phase];
    ++counts[current];
    return absl::OkStatus();
  }));
  return counts;
}

std::uint64_t sum_of(const el::ByChannel& counts) {
  std::uint64_t total = 0;
  for (std::uint64_t c : counts) total += c;
  return total;
}

int fail(const absl::Status& status) {
  std::cerr << "participa: " << status.message() << "\n";
  return 1;
}

// write_pages — the election's results (JSON and page) and the budget's selection (page) next
// to the record: `city.db` gets city-council.json, city-council.html, city-budget.html, the
// atelier's dots as city-atelier.json and city-atelier.html, and the neighbourhood meeting as
// city-meeting.json and city-meeting.html.
absl::Status write_pages(Ledger& ledger, const Demo& demo, const RecordArgs& args) {
  std::string base = args.db;
  if (base.size() > 3 && base.ends_with(".db")) base.resize(base.size() - 3);
  PARTICIPA_ASSIGN_OR_RETURN(el::Results results, ledger.read([&](const sp::Organization& o) {
    return el::results(o, demo.elections(), demo.election(), demo.admin());
  }));
  const std::string election_json = io::election_results_to_json(results);
  PARTICIPA_RETURN_IF_ERROR(io::write_file(base + "-council.json", election_json, true));
  PARTICIPA_ASSIGN_OR_RETURN(std::string election_page, io::report_page(election_json));
  PARTICIPA_RETURN_IF_ERROR(io::write_file(base + "-council.html", election_page, true));
  PARTICIPA_ASSIGN_OR_RETURN(
      pb::Election budget,
      ledger.read([&](const sp::Organization& o) -> absl::StatusOr<pb::Election> {
        PARTICIPA_ASSIGN_OR_RETURN(const bu::State* state, bu::state_of(o, demo.budgets()));
        return bu::election_of(state->budgets.begin()->second);
      }));
  PARTICIPA_ASSIGN_OR_RETURN(pb::Result selection,
                             pb::RuleRegistry::with_builtins().run("equal-shares", budget));
  PARTICIPA_ASSIGN_OR_RETURN(std::string budget_page,
                             io::report_page(io::pb_result_report_json(selection)));
  PARTICIPA_RETURN_IF_ERROR(io::write_file(base + "-budget.html", budget_page, true));
  PARTICIPA_ASSIGN_OR_RETURN(ws::DotResults dots, ledger.read([&](const sp::Organization& o) {
    return ws::dot_results(o, demo.workshops(), demo.board(), demo.admin());
  }));
  PARTICIPA_RETURN_IF_ERROR(
      io::write_file(base + "-atelier.json", io::dot_results_to_json(dots), true));
  if (dots.count) {
    PARTICIPA_ASSIGN_OR_RETURN(std::string atelier_page,
                               io::report_page(io::result_to_json(*dots.count)));
    PARTICIPA_RETURN_IF_ERROR(io::write_file(base + "-atelier.html", atelier_page, true));
  }
  PARTICIPA_ASSIGN_OR_RETURN(
      std::string meeting_json,
      ledger.read([&](const sp::Organization& o) -> absl::StatusOr<std::string> {
        PARTICIPA_ASSIGN_OR_RETURN(const mt::State* state, mt::state_of(o, demo.meetings()));
        return io::meeting_to_json(state->meetings.at(demo.meeting_id()));
      }));
  PARTICIPA_RETURN_IF_ERROR(io::write_file(base + "-meeting.json", meeting_json, true));
  PARTICIPA_ASSIGN_OR_RETURN(std::string meeting_page, io::report_page(meeting_json));
  PARTICIPA_RETURN_IF_ERROR(io::write_file(base + "-meeting.html", meeting_page, true));
  std::cout << "pages: " << base << "-council.html (results JSON beside it), " << base
            << "-budget.html, " << base << "-atelier.html (the dots; JSON beside it), " << base
            << "-meeting.html (JSON beside it)\n";
  return absl::OkStatus();
}

// A line per budget: its projects, the orders checked out by channel and what its rule selects.
absl::StatusOr<std::string> budget_summary(Ledger& ledger, const Demo& demo) {
  return ledger.read([&](const sp::Organization& o) -> absl::StatusOr<std::string> {
    PARTICIPA_ASSIGN_OR_RETURN(const bu::State* state, bu::state_of(o, demo.budgets()));
    std::string out;
    for (BudgetId id : state->added) {
      const bu::Budget& budget = state->budgets.at(id);
      std::array<int, 3> by_channel{};
      for (const auto& [who, order] : budget.orders) {
        if (order.checked_out) ++by_channel[static_cast<std::size_t>(order.channel)];
      }
      str_append(&out, "budget ", budget.title, ": ", budget.projects.size(),
                 " projects from accepted proposals, total ", budget.total,
                 "; orders checked out: online ", by_channel[0], ", in person ", by_channel[1],
                 ", mediated ", by_channel[2], "\n");
      if (budget.selection) {
        std::int64_t cost = 0;
        for (BudgetProjectId selected : budget.selection->selected) {
          for (const bu::Project& project : budget.projects) {
            if (project.id == selected) cost += project.cost;
          }
        }
        str_append(&out, "  ", budget.selection->rule, " selects ",
                   budget.selection->selected.size(), " projects costing ", cost, "\n");
      }
    }
    return out;
  });
}

// The atelier board: stickies by channel, clusters, dots and the leading item.
absl::StatusOr<std::string> atelier_summary(Ledger& ledger, const Demo& demo) {
  return ledger.read([&](const sp::Organization& o) -> absl::StatusOr<std::string> {
    PARTICIPA_ASSIGN_OR_RETURN(ws::BoardView view,
                               ws::board_view(o, demo.workshops(), demo.board(), demo.admin()));
    PARTICIPA_ASSIGN_OR_RETURN(ws::DotResults dots,
                               ws::dot_results(o, demo.workshops(), demo.board(), demo.admin()));
    std::array<int, 3> by_channel{};
    int from_visitors = 0;
    for (const ws::StickyView& sticky : view.stickies) {
      ++by_channel[static_cast<std::size_t>(sticky.channel)];
      if (sticky.author.is_nil()) ++from_visitors;
    }
    std::string out = str_cat(
        "atelier ", view.title, ": stickies online ", by_channel[0], ", in the room ",
        by_channel[1], " (", from_visitors, " from visitors at the wall), mediated ", by_channel[2],
        "; ", view.clusters.size(), " clusters, dots from ", dots.voters, " participants");
    if (!dots.items.empty()) {
      const ws::DotItemResult& leader = dots.items.front();
      str_append(&out, "; '", leader.label, "' leads with ", leader.dots, " dots");
      for (const ws::ClusterView& cluster : view.clusters) {
        if (cluster.id == leader.item.cluster && cluster.promoted) {
          str_append(&out, " and became a proposal");
        }
      }
    }
    return out;
  });
}

// The meeting: registrations, attendance by channel, its polls and its closing.
absl::StatusOr<std::string> meeting_summary(Ledger& ledger, const Demo& demo) {
  return ledger.read([&](const sp::Organization& o) -> absl::StatusOr<std::string> {
    PARTICIPA_ASSIGN_OR_RETURN(const mt::State* state, mt::state_of(o, demo.meetings()));
    const mt::Meeting& held = state->meetings.at(demo.meeting_id());
    std::array<int, 2> present{};
    for (const auto& [who, presence] : held.attendees)
      ++present[static_cast<std::size_t>(presence)];
    std::string out = str_cat("meeting ", held.added.title, ": ", held.registrations.size(),
                              " registered (", held.waiting_list.size(), " waiting), ", present[0],
                              " in the hall and ", present[1], " online");
    for (MeetingPollId id : held.poll_order) {
      const mt::Poll& poll = held.polls.at(id);
      PARTICIPA_ASSIGN_OR_RETURN(std::vector<std::uint64_t> counts, mt::poll_results(held, id));
      str_append(&out, "; poll '", poll.question.body.text(), "' answered by ", poll.answers.size(),
                 ":");
      for (std::size_t option = 0; option < counts.size(); ++option) {
        str_append(&out, option == 0 ? " " : ", ", poll.question.options[option].body.text(), " ",
                   counts[option]);
      }
    }
    if (held.closing) {
      str_append(&out, "; closed, ", held.closing->proposals.size(), " proposal linked");
    }
    return out;
  });
}

// The election: per question, ballots by channel, blank and null, and whom the count elects.
absl::Status print_election(Ledger& ledger, const Demo& demo) {
  auto election = ledger.read([&](const sp::Organization& o) {
    return el::results(o, demo.elections(), demo.election(), demo.admin());
  });
  if (!election.ok()) return election.status();
  for (const el::QuestionResult& question : election->questions) {
    const el::ByChannel& ballots = question.ballots;
    std::cout << "election " << election->title << ", " << question.title << ": ballots online "
              << ballots[0] << ", at a booth " << ballots[1] << ", mediated " << ballots[2]
              << ", paper at stations " << ballots[3] << "; blank " << sum_of(question.blank)
              << ", null " << sum_of(question.null);
    if (question.count) {
      std::cout << "; " << question.method << " elects "
                << absl::StrJoin(question.count->winner_names(), ", ");
      if (question.kind == tally::BallotKind::kRanked) {
        std::cout << " after " << question.count->rounds.size() << " rounds";
      }
    }
    std::cout << "\n";
  }
  for (const std::string& warning : election->warnings)
    std::cout << "  warning: " << warning << "\n";
  return absl::OkStatus();
}

int report(Ledger& ledger, const Demo& demo, const RecordArgs& args, store::EventStore& check) {
  auto started = std::chrono::steady_clock::now();
  absl::StatusOr<store::VerifyReport> verified = store::verify(check);
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!verified.ok()) return fail(verified.status());
  std::cout << "participa demo: City of Ribera, seed " << args.seed << " -> " << args.db << "\n";
  std::cout << "record: " << verified->events << " events (" << demo.new_events()
            << " new in this run), head " << verified->head.hex() << "\n";
  if (!verified->ok()) {
    std::cout << "verify: FAILED at event " << verified->first_bad->sequence << ": "
              << verified->first_bad->reason << "\n";
    return 1;
  }
  std::cout << "verify: chain and rules check (" << absl::StrFormat("%.2f", seconds) << " s)\n";
  absl::StatusOr<std::map<std::string, std::uint64_t>> phases = events_per_phase(check);
  if (!phases.ok()) return fail(phases.status());
  std::cout << "events per phase:";
  for (const auto& [phase, n] : *phases) std::cout << "  " << phase << " " << n;
  std::cout << "\nrefused this run:";
  if (demo.refusals().empty()) std::cout << " none";
  for (const auto& [code, n] : demo.refusals()) std::cout << "  " << code << " " << n;
  std::cout << "\n";
  auto top = ledger.read([&](const sp::Organization& o) {
    return pr::list_proposals(o, demo.component(), demo.admin(), {});
  });
  if (!top.ok()) return fail(top.status());
  pr::ChannelCounts total{};
  for (const pr::ProposalView& v : *top) {
    for (std::size_t c = 0; c < 3; ++c) total[c] += (*v.votes_by_channel)[c];
  }
  std::cout << "counted votes by channel: online " << total[0] << ", in person " << total[1]
            << ", mediated " << total[2] << " (total " << total[0] + total[1] + total[2] << ")\n";
  auto written = ledger.read([&](const sp::Organization& o) {
    std::map<std::string, int> by_group;
    absl::StatusOr<const pr::State*> state = pr::state_of(o, demo.component());
    if (!state.ok()) return by_group;
    for (const auto& [id, proposal] : (*state)->proposals) {
      for (GroupId g : proposal.groups) {
        if (const sp::Group* group = o.group(g)) ++by_group[group->nickname];
      }
    }
    return by_group;
  });
  std::cout << "proposals written for associations:";
  if (written.empty()) std::cout << " none";
  for (const auto& [nickname, n] : written) std::cout << "  " << nickname << " " << n;
  std::cout << "\n";
  absl::StatusOr<std::string> budget_lines = budget_summary(ledger, demo);
  if (!budget_lines.ok()) return fail(budget_lines.status());
  std::cout << *budget_lines;
  if (absl::Status shown = print_election(ledger, demo); !shown.ok()) return fail(shown);
  absl::StatusOr<std::string> atelier = atelier_summary(ledger, demo);
  if (!atelier.ok()) return fail(atelier.status());
  std::cout << *atelier << "\n";
  absl::StatusOr<std::string> meeting = meeting_summary(ledger, demo);
  if (!meeting.ok()) return fail(meeting.status());
  std::cout << *meeting << "\n";
  std::cout << "most supported:\n";
  for (std::size_t i = 0; i < std::min<std::size_t>(5, top->size()); ++i) {
    const pr::ProposalView& v = (*top)[i];
    std::cout << "  " << i + 1 << ". " << v.title << ": " << *v.votes << " votes ("
              << (*v.votes_by_channel)[0] << " online, " << (*v.votes_by_channel)[1]
              << " in person, " << (*v.votes_by_channel)[2] << " mediated), " << v.state << "\n";
  }
  return 0;
}

int run_demo(const RecordArgs& args) {
  auto clock = std::make_shared<DemoClock>();
  absl::StatusOr<std::unique_ptr<store::EventStore>> events = store::open_sqlite_store(args.db);
  if (!events.ok()) return fail(events.status());
  absl::StatusOr<std::unique_ptr<Ledger>> ledger =
      Ledger::open(*std::move(events), [clock] { return clock->now(); });
  if (!ledger.ok()) return fail(ledger.status());
  Demo demo(**ledger, *clock, args);
  if (absl::Status done = demo.run(); !done.ok()) return fail(done);
  // A snapshot at the end, so that the next run (and any program opening the record) replays
  // only what came after it.
  absl::StatusOr<std::uint64_t> snapshot = (*ledger)->snapshot();
  if (!snapshot.ok()) return fail(snapshot.status());
  std::cout << "snapshot: the state after event " << *snapshot << " is stored\n";
  absl::StatusOr<std::unique_ptr<store::EventStore>> check = store::open_sqlite_store(args.db);
  if (!check.ok()) return fail(check.status());
  if (int code = report(**ledger, demo, args, **check); code != 0) return code;
  if (absl::Status written = write_pages(**ledger, demo, args); !written.ok()) return fail(written);
  return 0;
}

int run_verify(const RecordArgs& args) {
  absl::StatusOr<std::unique_ptr<store::EventStore>> events =
      store::open_existing_sqlite_store(args.db);
  if (!events.ok()) return fail(events.status());
  absl::StatusOr<store::VerifyReport> report = store::verify(**events);
  if (!report.ok()) return fail(report.status());
  if (!report->ok()) {
    std::cout << args.db << ": first bad record: event " << report->first_bad->sequence << ": "
              << report->first_bad->reason << " (" << report->events << " good events before it)\n";
    return 1;
  }
  std::cout << args.db << ": " << report->events << " events, chain and rules check; "
            << "snapshots matching their replay: " << report->snapshots << "; head "
            << report->head.hex() << "\n";
  return 0;
}

// open_ledger — the record at `db`, which must exist, opened from its latest snapshot.
absl::StatusOr<std::unique_ptr<Ledger>> open_ledger(const std::string& db) {
  PARTICIPA_ASSIGN_OR_RETURN(std::unique_ptr<store::EventStore> events,
                             store::open_existing_sqlite_store(db));
  return Ledger::open(std::move(events));
}

// components_of — the components of a kind, in id order, so listings do not depend on a hash.
std::vector<ComponentId> components_of(const sp::Organization& o, std::string_view kind) {
  std::vector<ComponentId> components;
  for (const auto& [id, component] : o.components) {
    if (component.kind == kind) components.push_back(id);
  }
  std::sort(components.begin(), components.end());
  return components;
}

template <class IdType>
absl::StatusOr<std::optional<IdType>> id_option(std::string_view option, const std::string& text,
                                                std::string_view what) {
  if (text.empty()) return std::optional<IdType>();
  absl::StatusOr<IdType> parsed = IdType::parse(text);
  if (!parsed.ok()) {
    return absl::InvalidArgumentError(
        str_cat(option, " '", text, "' is not ", what, " id (a UUID)"));
  }
  return std::optional<IdType>(*parsed);
}

int run_snapshot(const RecordArgs& args) {
  absl::StatusOr<std::unique_ptr<Ledger>> ledger = open_ledger(args.db);
  if (!ledger.ok()) return fail(ledger.status());
  absl::StatusOr<std::uint64_t> sequence = (*ledger)->snapshot();
  if (!sequence.ok()) return fail(sequence.status());
  std::cout << args.db << ": snapshot of the state after event " << *sequence << "\n";
  return 0;
}

int run_log(const RecordArgs& args) {
  absl::StatusOr<std::unique_ptr<store::EventStore>> events =
      store::open_existing_sqlite_store(args.db);
  if (!events.ok()) return fail(events.status());
  store::register_builtin_kinds();
  sp::Organization state;
  absl::Status listed = (*events)->scan(0, [&](store::StoredEvent&& stored) -> absl::Status {
    if (args.format == "json") {
      PARTICIPA_ASSIGN_OR_RETURN(std::string line, io::event_json(stored.bytes));
      std::cout << line << "\n";
      return absl::OkStatus();
    }
    PARTICIPA_ASSIGN_OR_RETURN(sp::Event event, io::decode_event(stored.bytes));
    PARTICIPA_RETURN_IF_ERROR(sp::evolve(state, event));
    const sp::Participant* who = state.participant(event.actor.participant);
    std::cout << event.sequence << "\t" << utc_text(event.time) << "\t"
              << (who != nullptr ? who->nickname : "-") << "\t"
              << name_of(sp::kChannelNames, event.actor.channel) << "\t"
              << io::event_name(state, event) << "\n";
    return absl::OkStatus();
  });
  if (!listed.ok()) return fail(listed);
  return 0;
}

// run_meetings — every meeting of the record, one per line (id, start, format, title,
// registrations holding a place of the places, attendance recorded, polls, closed or not), or
// the meeting `args.meeting` as JSON.
int run_meetings(const RecordArgs& args) {
  absl::StatusOr<std::optional<MeetingId>> wanted =
      id_option<MeetingId>("--meeting", args.meeting, "a meeting");
  if (!wanted.ok()) return fail(wanted.status());
  absl::StatusOr<std::unique_ptr<Ledger>> ledger = open_ledger(args.db);
  if (!ledger.ok()) return fail(ledger.status());
  absl::StatusOr<std::string> out =
      (*ledger)->read([&](const sp::Organization& o) -> absl::StatusOr<std::string> {
        std::string lines;
        for (ComponentId id : components_of(o, mt::kKind)) {
          PARTICIPA_ASSIGN_OR_RETURN(const mt::State* state, mt::state_of(o, id));
          if (*wanted) {
            auto found = state->meetings.find(**wanted);
            if (found != state->meetings.end()) return io::meeting_to_json(found->second);
            continue;
          }
          for (MeetingId meeting_id : state->added) {
            const mt::Meeting& meeting = state->meetings.at(meeting_id);
            const mt::MeetingAdded& added = meeting.added;
            lines += str_cat(meeting_id.to_string(), "\t", utc_text(added.starts_at), "\t",
                             name_of(mt::kFormatNames, added.format), "\t", added.title, "\t",
                             added.slots == 0
                                 ? std::string("no registrations")
                                 : str_cat(meeting.confirmed(false) + meeting.confirmed(true), "/",
                                           added.slots, " registered"),
                             "\t", meeting.attendees.size(), " attended\t", meeting.polls.size(),
                             " polls\t", meeting.closing ? "closed" : "open", "\n");
          }
        }
        if (*wanted) {
          return absl::NotFoundError(
              str_cat("the record holds no meeting '", (*wanted)->to_string(), "'"));
        }
        return lines;
      });
  if (!out.ok()) return fail(out.status());
  std::cout << *out << (*wanted ? "\n" : "");
  return 0;
}

// run_elections — every election of the record, one per line (id, title, questions, ballots
// that count, stations, visibility), or the results of `args.election` as JSON: what a visitor
// may see now, or the participant named by `args.reader`, under the election's visibility.
int run_elections(const RecordArgs& args) {
  absl::StatusOr<std::optional<ElectionId>> wanted =
      id_option<ElectionId>("--election", args.election, "an election");
  if (!wanted.ok()) return fail(wanted.status());
  absl::StatusOr<std::unique_ptr<Ledger>> ledger = open_ledger(args.db);
  if (!ledger.ok()) return fail(ledger.status());
  const absl::Time now = absl::Now();
  absl::StatusOr<std::string> out =
      (*ledger)->read([&](const sp::Organization& o) -> absl::StatusOr<std::string> {
        ParticipantId reader;
        if (!args.reader.empty()) {
          auto named = o.nicknames.find(args.reader);
          if (named == o.nicknames.end()) {
            return absl::NotFoundError(
                str_cat("--reader '", args.reader, "' is no participant's nickname"));
          }
          reader = named->second;
        }
        std::string lines;
        for (ComponentId id : components_of(o, el::kKind)) {
          PARTICIPA_ASSIGN_OR_RETURN(const el::State* state, el::state_of(o, id));
          if (*wanted) {
            if (!state->elections.contains(**wanted)) continue;
            PARTICIPA_ASSIGN_OR_RETURN(el::Results results,
                                       el::results(o, id, **wanted, reader, now));
            return io::election_results_to_json(results);
          }
          for (ElectionId election_id : state->added) {
            const el::Election& election = state->elections.at(election_id);
            lines +=
                str_cat(election_id.to_string(), "\t", election.title, "\t",
                        election.questions.size(), " questions\t", election.ballots.size(),
                        " ballots cast\t", election.stations.size(), " stations\t", "results ",
                        name_of(el::kResultsVisibilityNames, election.visibility),
                        election.closes_at ? str_cat("\tcloses ", utc_text(*election.closes_at))
                                           : std::string(),
                        "\n");
          }
        }
        if (*wanted) {
          return absl::NotFoundError(
              str_cat("the record holds no election '", (*wanted)->to_string(), "'"));
        }
        return lines;
      });
  if (!out.ok()) return fail(out.status());
  std::cout << *out << (*wanted ? "\n" : "");
  return 0;
}

}  // namespace

RecordCommands add_record_commands(CLI::App& app, RecordArgs& args) {
  RecordCommands commands;
  commands.demo = app.add_subcommand(
      "demo", "run a city's participatory process end to end into a record, verify and report");
  commands.demo->add_option("--db", args.db, "the record (SQLite file; created or resumed)")
      ->required();
  commands.demo->add_option("--seed", args.seed, "seed of every choice the demo makes");
  commands.demo->add_option("--participants", args.participants, "number of residents")
      ->check(CLI::Range(10u, 1'000'000u));
  commands.demo->add_option("--proposals", args.proposals, "number of proposals")
      ->check(CLI::Range(1u, 100'000u));
  commands.verify = app.add_subcommand("verify", "check a record's hash chain and rules");
  commands.verify->add_option("db", args.db, "the record (SQLite file)")->required();
  commands.snapshot = app.add_subcommand(
      "snapshot", "store a snapshot of a record's state, so opening it replays only what follows");
  commands.snapshot->add_option("db", args.db, "the record (SQLite file)")->required();
  commands.log = app.add_subcommand("log", "print a record's events, one per line");
  commands.log->add_option("db", args.db, "the record (SQLite file)")->required();
  commands.log->add_option("--format", args.format, "text or json")
      ->check(CLI::IsMember({"text", "json"}));
  commands.meetings = app.add_subcommand(
      "meetings", "list a record's meetings, or write one as JSON (the input of participa report)");
  commands.meetings->add_option("db", args.db, "the record (SQLite file)")->required();
  commands.meetings->add_option("--meeting", args.meeting, "the meeting's id: write it as JSON");
  commands.elections = app.add_subcommand(
      "elections",
      "list a record's elections, or write one's results as JSON (the input of participa report)");
  commands.elections->add_option("db", args.db, "the record (SQLite file)")->required();
  commands.elections->add_option("--election", args.election,
                                 "the election's id: write its results as JSON");
  commands.elections->add_option(
      "--reader", args.reader,
      "read the results as this participant (a nickname) sees them; default: a visitor");
  return commands;
}

int run_record_command(const RecordCommands& commands, const RecordArgs& args) {
  if (*commands.demo) return run_demo(args);
  if (*commands.verify) return run_verify(args);
  if (*commands.snapshot) return run_snapshot(args);
  if (*commands.meetings) return run_meetings(args);
  if (*commands.elections) return run_elections(args);
  return run_log(args);
}

}  // namespace participa::cli
