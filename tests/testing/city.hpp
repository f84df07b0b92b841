// A small city for the participation tests: an organization on a ledger (memory or SQLite), a
// process with two phases (collection, support), a proposals component and residents, with a
// clock the test moves.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "absl/time/civil_time.h"
#include "participa/components/proposals/proposals.hpp"
#include "participa/core/strings.hpp"
#include "participa/store/ledger.hpp"
#include "status_matchers.hpp"

namespace participa::testing {

namespace sp = participa::space;
namespace pr = participa::components::proposals;

struct TestClock {
  absl::Time now = absl::FromCivil(absl::CivilSecond(2027, 3, 1, 9, 0, 0), absl::UTCTimeZone());
};

class City {
 public:
  // City — founds the organization and sets the scene; `settings` are the component's
  // global settings.
  explicit City(sp::Settings settings = {},
                std::unique_ptr<store::EventStore> events = store::memory_store()) {
    auto clock = clock_;
    auto opened = store::Ledger::open(std::move(events), [clock] { return clock->now; });
    EXPECT_TRUE(opened.ok()) << opened.status();
    ledger = *std::move(opened);
    admin = body<sp::OrganizationFounded>(
                must(sp::Command{{},
                                 "found",
                                 sp::OrganizationFounded{.name = "Test city",
                                                         .seed = 7,
                                                         .founder_nickname = "admin",
                                                         .founder_name = "City Hall"}}))
                .founder;
    officer = register_person("officer");
    must(admin_command(sp::OrganizationRoleGranted{officer, sp::OrganizationRole::kUserManager}));
    city_scope = body<sp::ScopeAdded>(must(admin_command(sp::ScopeAdded{.name = "City"}))).scope;
    space =
        body<sp::SpaceCreated>(must(admin_command(sp::SpaceCreated{
                                   .kind = "process", .slug = "city-2027", .title = "City 2027"})))
            .space;
    collection = body<sp::PhaseAdded>(
                     must(admin_command(sp::PhaseAdded{.space = space, .title = "Collection"})))
                     .phase;
    support = body<sp::PhaseAdded>(
                  must(admin_command(sp::PhaseAdded{.space = space, .title = "Support"})))
                  .phase;
    component = body<sp::ComponentAdded>(
                    must(admin_command(sp::ComponentAdded{.space = space,
                                                          .kind = "proposals",
                                                          .name = "Proposals",
                                                          .settings = std::move(settings)})))
                    .component;
    must(admin_command(
        sp::ComponentConfigured{component, collection, {{"creation_enabled", true}}}));
    must(admin_command(sp::ComponentConfigured{
        component, support, {{"votes_enabled", true}, {"likes_enabled", true}}}));
    must(admin_command(sp::ComponentPublished{component}));
    must(admin_command(sp::SpacePublished{space}));
    must(admin_command(sp::PhaseActivated{space, collection}));
  }

  sp::Command admin_command(sp::Body body) {
    return sp::Command{{admin}, next_key(), std::move(body)};
  }
  sp::Command act(ParticipantId who, pr::Payload payload) {
    return sp::Command{{who}, next_key(), sp::ComponentAction{component, std::move(payload)}};
  }

  absl::StatusOr<store::Receipt> run(sp::Command command) {
    return ledger->execute(std::move(command));
  }
  store::Receipt must(sp::Command command) {
    auto receipt = run(std::move(command));
    EXPECT_TRUE(receipt.ok()) << receipt.status();
    return receipt.ok() ? *receipt : store::Receipt{};
  }

  template <class T>
  static T body(const store::Receipt& receipt) {
    const T* found = std::get_if<T>(&receipt.event.body);
    return found != nullptr ? *found : T{};
  }
  template <class T>
  static T payload(const store::Receipt& receipt) {
    const auto* action = std::get_if<sp::ComponentAction>(&receipt.event.body);
    if (action == nullptr) return T{};
    const auto* p = std::any_cast<pr::Payload>(&action->payload);
    return p != nullptr && std::holds_alternative<T>(*p) ? std::get<T>(*p) : T{};
  }

  ParticipantId register_person(std::string nickname, bool managed = false) {
    sp::Actor registrar = managed ? sp::Actor{officer} : sp::Actor{};
    return body<sp::ParticipantRegistered>(
               must(sp::Command{registrar, next_key(),
                                sp::ParticipantRegistered{.nickname = std::move(nickname),
                                                          .display_name = "Resident",
                                                          .managed = managed}}))
        .participant;
  }
  // resident — registered, with a census authorization (born 1990, postal code 46100).
  ParticipantId resident(std::string nickname) {
    ParticipantId id = register_person(nickname);
    must(admin_command(sp::AuthorizationGranted{
        id, sp::Authorization{.handler = "census",
                              .unique_id = "census-" + nickname,
                              .attributes = {{"postal_code", "46100"},
                                             {"birth_date", "1990-05-01"},
                                             {"scope", city_scope.to_string()}}}}));
    return id;
  }
  ProposalId published_proposal(ParticipantId author,
                                std::string title = "Shade trees for the square") {
    ProposalId id =
        payload<pr::ProposalDrafted>(must(act(author, pr::ProposalDrafted{.title = std::move(title),
                                                                          .body = "Plant them."})))
            .proposal;
    must(act(author, pr::ProposalPublished{id}));
    return id;
  }
  void open_support() { must(admin_command(sp::PhaseActivated{space, support})); }

  pr::Proposal proposal(ProposalId id) {
    return ledger->read(
        [&](const sp::Organization& o) { return (*pr::state_of(o, component))->proposals.at(id); });
  }

  std::string next_key() { return str_cat("k", ++keys_); }

  std::shared_ptr<TestClock> clock_ = std::make_shared<TestClock>();
  std::unique_ptr<store::Ledger> ledger;
  ParticipantId admin, officer;
  ScopeId city_scope;
  SpaceId space;
  PhaseId collection, support;
  ComponentId component;

 private:
  int keys_ = 0;
};

}  // namespace participa::testing
