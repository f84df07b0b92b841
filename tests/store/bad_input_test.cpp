// Every kind of bad command — malformed, duplicated, unknown, out of phase, ineligible, over a
// limit — is refused with its status code and a message naming the problem, and the record is
// exactly as before: same sequence, same head hash.
#include <functional>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "city.hpp"

namespace participa::testing {
namespace {

using ::testing::HasSubstr;
using Code = absl::StatusCode;

struct Scene {
  City city;
  ParticipantId ana, bo;
  ProposalId a;
  Scene() : city({{"vote_limit", std::int64_t{1}}, {"proposal_limit", std::int64_t{2}}}) {
    ana = city.resident("ana");
    bo = city.resident("bo");
    a = city.published_proposal(ana);
  }
  sp::Command admin(sp::Body body) { return city.admin_command(std::move(body)); }
  sp::Command as(ParticipantId who, sp::Body body) {
    return sp::Command{{who}, city.next_key(), std::move(body)};
  }
  sp::Command act(ParticipantId who, pr::Payload p) { return city.act(who, std::move(p)); }
  void support() { city.open_support(); }
  // group — "neighbours", created by ana, who is its only admin.
  GroupId group() {
    return City::body<sp::GroupCreated>(
               city.must(as(ana, sp::GroupCreated{.nickname = "neighbours", .name = "Neighbours"})))
        .group;
  }
  // copy_into — a command copying the first component's proposals into a second, new one.
  sp::Command copy_into(ParticipantId who, pr::ProposalsCopied copied) {
    ComponentId second =
        City::body<sp::ComponentAdded>(
            city.must(admin(sp::ComponentAdded{
                .space = city.space, .kind = "proposals", .name = "Second proposals"})))
            .component;
    city.must(admin(sp::ComponentPublished{second}));
    if (copied.source.is_nil()) copied.source = city.component;
    return sp::Command{
        {who}, city.next_key(), sp::ComponentAction{second, pr::Payload(std::move(copied))}};
  }
  // for_group — ana's action, taken for her group.
  sp::Command for_group(sp::Command command) {
    command.actor.group = group();
    return command;
  }
};

struct Row {
  const char* name;
  std::function<sp::Command(Scene&)> make;
  Code code;
  const char* message;
};

const ParticipantId kStranger = ParticipantId::from_name("stranger");
sp::Authorization census(std::string id) {
  return {.handler = "census",
          .unique_id = std::move(id),
          .attributes = {{"postal_code", "46100"}, {"birth_date", "1990-01-01"}}};
}

const std::vector<Row>& rows() {
  static const std::vector<Row> all = {
      // --- organization and participants
      {"found twice",
       [](Scene& s) {
         return s.admin(sp::OrganizationFounded{
             .name = "Again", .founder_nickname = "x", .founder_name = "X"});
       },
       Code::kFailedPrecondition, "already founded"},
      {"empty nickname",
       [](Scene& s) { return s.as({}, sp::ParticipantRegistered{.display_name = "X"}); },
       Code::kInvalidArgument, "nickname is empty"},
      {"nickname with capitals",
       [](Scene& s) {
         return s.as({}, sp::ParticipantRegistered{.nickname = "Ana", .display_name = "X"});
       },
       Code::kInvalidArgument, "may hold only"},
      {"nickname too long",
       [](Scene& s) {
         return s.as(
             {}, sp::ParticipantRegistered{.nickname = std::string(41, 'a'), .display_name = "X"});
       },
       Code::kOutOfRange, "at most 40"},
      {"nickname taken",
       [](Scene& s) {
         return s.as({}, sp::ParticipantRegistered{.nickname = "ana", .display_name = "X"});
       },
       Code::kAlreadyExists, "nickname 'ana' is taken"},
      {"display name not UTF-8",
       [](Scene& s) {
         return s.as({}, sp::ParticipantRegistered{.nickname = "zed", .display_name = "\xE9t\xE9"});
       },
       Code::kInvalidArgument, "not UTF-8"},
      {"empty display name",
       [](Scene& s) { return s.as({}, sp::ParticipantRegistered{.nickname = "zed"}); },
       Code::kInvalidArgument, "display name is empty"},
      {"participant id reused",
       [](Scene& s) {
         return s.as({}, sp::ParticipantRegistered{
                             .participant = s.ana, .nickname = "zed", .display_name = "Z"});
       },
       Code::kAlreadyExists, "already registered"},
      {"managed by a resident",
       [](Scene& s) {
         return s.as(s.ana, sp::ParticipantRegistered{
                                .nickname = "zed", .display_name = "Z", .managed = true});
       },
       Code::kFailedPrecondition, "only an organization admin or user manager"},
      {"unknown actor", [](Scene& s) { return s.as(kStranger, sp::ScopeAdded{.name = "North"}); },
       Code::kNotFound, "is not registered"},
      {"role by a resident",
       [](Scene& s) {
         return s.as(s.ana, sp::OrganizationRoleGranted{s.bo, sp::OrganizationRole::kAdmin});
       },
       Code::kFailedPrecondition, "only an organization admin"},
      {"role already held",
       [](Scene& s) {
         return s.admin(
             sp::OrganizationRoleGranted{s.city.officer, sp::OrganizationRole::kUserManager});
       },
       Code::kFailedPrecondition, "already user-manager"},
      {"last admin revoked",
       [](Scene& s) {
         return s.admin(sp::OrganizationRoleGranted{s.city.admin, sp::OrganizationRole::kNone});
       },
       Code::kFailedPrecondition, "last admin"},
      {"role for unknown participant",
       [](Scene& s) {
         return s.admin(sp::OrganizationRoleGranted{kStranger, sp::OrganizationRole::kAdmin});
       },
       Code::kNotFound, "is not registered"},
      // --- authorizations
      {"unknown handler",
       [](Scene& s) {
         auto a = census("x");
         a.handler = "passport";
         return s.admin(sp::AuthorizationGranted{s.bo, a});
       },
       Code::kNotFound, "handler 'passport' is not registered"},
      {"grant without unique id",
       [](Scene& s) {
         return s.admin(sp::AuthorizationGranted{s.bo, census("")});
       },
       Code::kInvalidArgument, "unique id"},
      {"grant missing attribute",
       [](Scene& s) {
         auto a = census("x");
         a.attributes.erase("birth_date");
         return s.admin(sp::AuthorizationGranted{s.bo, a});
       },
       Code::kInvalidArgument, "needs the attribute birth_date"},
      {"identity on two accounts",
       [](Scene& s) {
         return s.admin(sp::AuthorizationGranted{s.bo, census("census-ana")});
       },
       Code::kAlreadyExists, "already held by participant 'ana'"},
      {"grant already expired",
       [](Scene& s) {
         auto a = census("x");
         a.expires_at = s.city.clock_->now - absl::Hours(1);
         return s.admin(sp::AuthorizationGranted{s.bo, a});
       },
       Code::kOutOfRange, "expire before"},
      {"grant by a resident",
       [](Scene& s) {
         return s.as(s.ana, sp::AuthorizationGranted{s.bo, census("x")});
       },
       Code::kFailedPrecondition, "may not grant authorizations"},
      {"revoke what is not held",
       [](Scene& s) {
         return s.admin(sp::AuthorizationRevoked{s.city.officer, "census"});
       },
       Code::kNotFound, "holds no 'census'"},
      {"attribute not UTF-8",
       [](Scene& s) {
         auto a = census("x");
         a.attributes["postal_code"] = "46\xE9";
         return s.admin(sp::AuthorizationGranted{s.bo, a});
       },
       Code::kInvalidArgument, "is not UTF-8"},
      // --- scopes and spaces
      {"scope without name", [](Scene& s) { return s.admin(sp::ScopeAdded{}); },
       Code::kInvalidArgument, "name is empty"},
      {"scope under unknown parent",
       [](Scene& s) {
         return s.admin(sp::ScopeAdded{.name = "N", .parent = ScopeId::from_name("x")});
       },
       Code::kNotFound, "parent scope"},
      {"space of unknown kind",
       [](Scene& s) {
         return s.admin(sp::SpaceCreated{.kind = "conference", .slug = "c", .title = "C"});
       },
       Code::kNotFound, "space kind 'conference'"},
      {"slug taken",
       [](Scene& s) {
         return s.admin(sp::SpaceCreated{.kind = "process", .slug = "city-2027", .title = "C"});
       },
       Code::kAlreadyExists, "slug 'city-2027' is taken"},
      {"slug with spaces",
       [](Scene& s) {
         return s.admin(sp::SpaceCreated{.kind = "process", .slug = "city 2028", .title = "C"});
       },
       Code::kInvalidArgument, "may hold only"},
      {"process inside a process",
       [](Scene& s) {
         return s.admin(sp::SpaceCreated{
             .kind = "process", .slug = "sub", .title = "C", .parent = s.city.space});
       },
       Code::kFailedPrecondition, "cannot sit inside"},
      {"space by a resident",
       [](Scene& s) {
         return s.as(s.ana, sp::SpaceCreated{.kind = "process", .slug = "mine", .title = "Mine"});
       },
       Code::kFailedPrecondition, "may not create spaces"},
      {"space in unknown scope",
       [](Scene& s) {
         return s.admin(sp::SpaceCreated{.kind = "process",
                                         .slug = "s2",
                                         .title = "S",
                                         .scope = ScopeId::from_name("nowhere")});
       },
       Code::kNotFound, "scope"},
      {"publish published space",
       [](Scene& s) { return s.admin(sp::SpacePublished{s.city.space}); },
       Code::kFailedPrecondition, "already published"},
      {"publish unknown space",
       [](Scene& s) { return s.admin(sp::SpacePublished{SpaceId::from_name("x")}); },
       Code::kNotFound, "does not exist"},
      // --- phases
      {"phase ends before it starts",
       [](Scene& s) {
         absl::Time t = s.city.clock_->now;
         return s.admin(sp::PhaseAdded{
             .space = s.city.space, .title = "P", .starts_at = t, .ends_at = t - absl::Hours(1)});
       },
       Code::kOutOfRange, "ends before it starts"},
      {"phase in an assembly",
       [](Scene& s) {
         SpaceId a = City::body<sp::SpaceCreated>(
                         s.city.must(s.admin(sp::SpaceCreated{
                             .kind = "assembly", .slug = "council", .title = "Council"})))
                         .space;
         return s.admin(sp::PhaseAdded{.space = a, .title = "P"});
       },
       Code::kFailedPrecondition, "has no phases"},
      {"activate unknown phase",
       [](Scene& s) {
         return s.admin(sp::PhaseActivated{s.city.space, PhaseId::from_name("x")});
       },
       Code::kNotFound, "has no phase"},
      {"activate active phase",
       [](Scene& s) {
         return s.admin(sp::PhaseActivated{s.city.space, s.city.collection});
       },
       Code::kFailedPrecondition, "already active"},
      {"phase by a resident",
       [](Scene& s) {
         return s.as(s.ana, sp::PhaseActivated{s.city.space, s.city.support});
       },
       Code::kFailedPrecondition, "only its admins"},
      {"phase overlapping the previous",
       [](Scene& s) {
         absl::Time t = s.city.clock_->now;
         s.city.must(s.admin(sp::PhaseAdded{.space = s.city.space,
                                            .title = "Dated",
                                            .starts_at = t,
                                            .ends_at = t + absl::Hours(48)}));
         return s.admin(sp::PhaseAdded{
             .space = s.city.space, .title = "Overlap", .starts_at = t + absl::Hours(24)});
       },
       Code::kOutOfRange, "starts before phase 'Dated' ends"},
      // --- roles and members
      {"role for managed participant",
       [](Scene& s) {
         ParticipantId m = s.city.register_person("maria", true);
         return s.admin(sp::SpaceRoleGranted{s.city.space, m, sp::SpaceRole::kModerator});
       },
       Code::kFailedPrecondition, "managed and cannot hold a role"},
      {"same role twice",
       [](Scene& s) {
         s.city.must(s.admin(sp::SpaceRoleGranted{s.city.space, s.bo, sp::SpaceRole::kModerator}));
         return s.admin(sp::SpaceRoleGranted{s.city.space, s.bo, sp::SpaceRole::kModerator});
       },
       Code::kAlreadyExists, "already moderator"},
      {"revoke absent role",
       [](Scene& s) {
         return s.admin(sp::SpaceRoleRevoked{s.city.space, s.bo});
       },
       Code::kNotFound, "holds no role"},
      {"member twice",
       [](Scene& s) {
         s.city.must(s.admin(sp::MemberAdded{s.city.space, s.bo, ""}));
         return s.admin(sp::MemberAdded{s.city.space, s.bo, ""});
       },
       Code::kAlreadyExists, "already a member"},
      {"remove non-member",
       [](Scene& s) {
         return s.admin(sp::MemberRemoved{s.city.space, s.bo});
       },
       Code::kNotFound, "not a member"},
      // --- groups
      {"group nickname taken by a participant",
       [](Scene& s) { return s.as(s.bo, sp::GroupCreated{.nickname = "ana", .name = "A"}); },
       Code::kAlreadyExists, "nickname 'ana' is taken"},
      {"group nickname with spaces",
       [](Scene& s) { return s.as(s.bo, sp::GroupCreated{.nickname = "our group", .name = "A"}); },
       Code::kInvalidArgument, "may hold only"},
      {"group without a name",
       [](Scene& s) { return s.as(s.bo, sp::GroupCreated{.nickname = "ours"}); },
       Code::kInvalidArgument, "the group's name is empty"},
      {"group created by a managed participant",
       [](Scene& s) {
         ParticipantId maria = s.city.register_person("maria", /*managed=*/true);
         sp::Command c = s.as(maria, sp::GroupCreated{.nickname = "ours", .name = "Ours"});
         c.actor = sp::Actor{maria, sp::Channel::kMediated, s.city.officer};
         return c;
       },
       Code::kFailedPrecondition, "managed and cannot create groups"},
      {"join an unknown group",
       [](Scene& s) { return s.as(s.bo, sp::GroupJoinRequested{GroupId::from_name("nowhere")}); },
       Code::kNotFound, "does not exist"},
      {"join a group twice",
       [](Scene& s) {
         GroupId g = s.group();
         s.city.must(s.as(s.bo, sp::GroupJoinRequested{g}));
         return s.as(s.bo, sp::GroupJoinRequested{g});
       },
       Code::kAlreadyExists, "already asked"},
      {"join a group one belongs to",
       [](Scene& s) { return s.as(s.ana, sp::GroupJoinRequested{s.group()}); },
       Code::kAlreadyExists, "already a member"},
      {"admit without a request",
       [](Scene& s) {
         return s.as(s.ana, sp::GroupMemberAdmitted{s.group(), s.bo});
       },
       Code::kFailedPrecondition, "has not asked"},
      {"admit oneself",
       [](Scene& s) {
         GroupId g = s.group();
         s.city.must(s.as(s.bo, sp::GroupJoinRequested{g}));
         return s.as(s.bo, sp::GroupMemberAdmitted{g, s.bo});
       },
       Code::kFailedPrecondition, "only its admins"},
      {"last admin steps down",
       [](Scene& s) {
         return s.as(s.ana, sp::GroupMemberAdmitted{s.group(), s.ana});
       },
       Code::kFailedPrecondition, "without an admin"},
      {"last admin leaves",
       [](Scene& s) {
         return s.as(s.ana, sp::GroupMemberRemoved{s.group(), {}});
       },
       Code::kFailedPrecondition, "without an admin"},
      {"remove someone else without being admin",
       [](Scene& s) {
         return s.as(s.bo, sp::GroupMemberRemoved{s.group(), s.ana});
       },
       Code::kFailedPrecondition, "only its admins"},
      {"leave a group one is not in",
       [](Scene& s) {
         return s.as(s.bo, sp::GroupMemberRemoved{s.group(), {}});
       },
       Code::kNotFound, "not a member of group"},
      {"verify a group without being admin",
       [](Scene& s) { return s.as(s.ana, sp::GroupVerified{s.group()}); },
       Code::kFailedPrecondition, "only an organization admin"},
      {"verify a group twice",
       [](Scene& s) {
         GroupId g = s.group();
         s.city.must(s.admin(sp::GroupVerified{g}));
         return s.admin(sp::GroupVerified{g});
       },
       Code::kFailedPrecondition, "already verified"},
      {"act for an unknown group",
       [](Scene& s) {
         sp::Command c = s.act(s.ana, pr::ProposalDrafted{.title = "T", .body = "B"});
         c.actor.group = GroupId::from_name("nowhere");
         return c;
       },
       Code::kNotFound, "does not exist"},
      {"act for a group one is not in",
       [](Scene& s) {
         GroupId g = s.group();
         sp::Command c = s.act(s.bo, pr::ProposalDrafted{.title = "T", .body = "B"});
         c.actor.group = g;
         return c;
       },
       Code::kFailedPrecondition, "not a member of group 'neighbours'"},
      {"vote for a group",
       [](Scene& s) {
         s.support();
         return s.for_group(s.act(s.ana, pr::VoteCast{s.a}));
       },
       Code::kInvalidArgument, "vote-cast is personal"},
      {"space action for a group",
       [](Scene& s) {
         return s.for_group(s.as(s.ana, sp::GroupJoinRequested{GroupId::from_name("any")}));
       },
       Code::kInvalidArgument, "group-join-requested is not done for a group"},
      // --- copies
      {"copy without being admin",
       [](Scene& s) { return s.copy_into(s.ana, {}); },
       Code::kFailedPrecondition, "only admins copy proposals"},
      {"copy from an unknown component",
       [](Scene& s) { return s.copy_into(s.city.admin, {.source = ComponentId::from_name("x")}); },
       Code::kNotFound, "does not exist"},
      {"copy with the copies named",
       [](Scene& s) {
         return s.copy_into(s.city.admin, {.copies = {{s.a, ProposalId::from_name("c")}}});
       },
       Code::kInvalidArgument, "chosen and named by the organization"},
      {"copy when nothing is answered so",
       [](Scene& s) { return s.copy_into(s.city.admin, {.state = "accepted"}); },
       Code::kFailedPrecondition, "no proposal to copy answered 'accepted'"},
      {"copy into the same component",
       [](Scene& s) {
         return s.act(s.city.admin, pr::ProposalsCopied{.source = s.city.component});
       },
       Code::kInvalidArgument, "its own proposals"},
      // --- components and permissions
      {"component of unknown kind",
       [](Scene& s) {
         return s.admin(
             sp::ComponentAdded{.space = s.city.space, .kind = "petitions", .name = "S"});
       },
       Code::kNotFound, "component kind 'petitions'"},
      {"unknown setting",
       [](Scene& s) {
         return s.admin(sp::ComponentAdded{.space = s.city.space,
                                           .kind = "proposals",
                                           .name = "P",
                                           .settings = {{"vote_limt", std::int64_t{3}}}});
       },
       Code::kInvalidArgument, "'vote_limt' is not declared"},
      {"setting of the wrong type",
       [](Scene& s) {
         return s.admin(sp::ComponentAdded{.space = s.city.space,
                                           .kind = "proposals",
                                           .name = "P",
                                           .settings = {{"vote_limit", std::string("3")}}});
       },
       Code::kInvalidArgument, "takes an integer, not a text"},
      {"negative setting",
       [](Scene& s) {
         return s.admin(sp::ComponentAdded{.space = s.city.space,
                                           .kind = "proposals",
                                           .name = "P",
                                           .settings = {{"vote_limit", std::int64_t{-1}}}});
       },
       Code::kInvalidArgument, "least allowed is 0"},
      {"global setting per phase",
       [](Scene& s) {
         return s.admin(sp::ComponentConfigured{
             s.city.component, s.city.support, {{"vote_limit", std::int64_t{3}}}});
       },
       Code::kInvalidArgument, "not per phase"},
      {"settings for a foreign phase",
       [](Scene& s) {
         return s.admin(sp::ComponentConfigured{s.city.component, PhaseId::from_name("x"), {}});
       },
       Code::kNotFound, "has no phase"},
      {"permission for unknown action",
       [](Scene& s) {
         return s.admin(sp::PermissionSet{s.city.component, "dance", {}});
       },
       Code::kInvalidArgument, "'dance' is not an action of proposals"},
      {"permission with unknown handler",
       [](Scene& s) {
         return s.admin(
             sp::PermissionSet{s.city.component, "vote", {sp::Requirement{"passport", {}}}});
       },
       Code::kNotFound, "'passport'"},
      {"action on unknown component",
       [](Scene& s) {
         return sp::Command{
             {s.ana},
             "x",
             sp::ComponentAction{ComponentId::from_name("x"), pr::Payload(pr::VoteCast{s.a})}};
       },
       Code::kNotFound, "does not exist"},
      {"payload of another kind",
       [](Scene& s) {
         return sp::Command{
             {s.ana}, "x", sp::ComponentAction{s.city.component, std::string("vote")}};
       },
       Code::kInvalidArgument, "not a proposals payload"},
      {"unpublished component",
       [](Scene& s) {
         s.city.must(s.admin(sp::ComponentPublished{s.city.component, false}));
         return s.act(s.ana, pr::ProposalDrafted{.title = "T", .body = "B"});
       },
       Code::kFailedPrecondition, "is not published"},
      {"unpublished space",
       [](Scene& s) {
         s.city.must(s.admin(sp::SpacePublished{s.city.space, false}));
         return s.act(s.ana, pr::ProposalDrafted{.title = "T", .body = "B"});
       },
       Code::kFailedPrecondition, "space 'city-2027' is not published"},
      {"requirement not met",
       [](Scene& s) {
         s.city.must(s.admin(sp::PermissionSet{
             s.city.component, "create", {sp::Requirement{"census", {{"postal_code", "46200"}}}}}));
         return s.act(s.ana, pr::ProposalDrafted{.title = "T", .body = "B"});
       },
       Code::kFailedPrecondition, "unauthorized"},
      // --- proposals
      {"draft out of phase",
       [](Scene& s) {
         s.support();
         return s.act(s.ana, pr::ProposalDrafted{.title = "T", .body = "B"});
       },
       Code::kFailedPrecondition, "creation_enabled is off"},
      {"draft without title",
       [](Scene& s) { return s.act(s.ana, pr::ProposalDrafted{.body = "B"}); },
       Code::kInvalidArgument, "title is empty"},
      {"title too long",
       [](Scene& s) {
         return s.act(s.ana, pr::ProposalDrafted{.title = std::string(151, 't'), .body = "B"});
       },
       Code::kOutOfRange, "at most 150"},
      {"body over proposal_length",
       [](Scene& s) {
         return s.act(s.ana, pr::ProposalDrafted{.title = "T", .body = std::string(501, 'b')});
       },
       Code::kOutOfRange, "at most 500"},
      {"proposal limit",
       [](Scene& s) {
         s.city.published_proposal(s.ana, "Second");
         return s.act(s.ana, pr::ProposalDrafted{.title = "Third", .body = "B"});
       },
       Code::kOutOfRange, "the limit"},
      {"coauthor twice",
       [](Scene& s) {
         return s.act(s.ana,
                      pr::ProposalDrafted{.title = "T", .body = "B", .coauthors = {s.bo, s.bo}});
       },
       Code::kInvalidArgument, "named twice"},
      {"unknown coauthor",
       [](Scene& s) {
         return s.act(s.ana,
                      pr::ProposalDrafted{.title = "T", .body = "B", .coauthors = {kStranger}});
       },
       Code::kNotFound, "coauthor"},
      {"official by a resident",
       [](Scene& s) {
         return s.act(s.ana, pr::ProposalDrafted{.title = "T", .body = "B", .official = true});
       },
       Code::kFailedPrecondition, "only an admin drafts official"},
      {"publish twice", [](Scene& s) { return s.act(s.ana, pr::ProposalPublished{s.a}); },
       Code::kFailedPrecondition, "already published"},
      {"publish another's proposal",
       [](Scene& s) { return s.act(s.bo, pr::ProposalPublished{s.a}); }, Code::kFailedPrecondition,
       "only the authors"},
      {"edit after the window",
       [](Scene& s) {
         s.city.clock_->now += absl::Minutes(6);
         return s.act(s.ana, pr::ProposalEdited{s.a, "New", "New"});
       },
       Code::kOutOfRange, "for 5 minutes"},
      {"withdraw twice",
       [](Scene& s) {
         s.city.must(s.act(s.ana, pr::ProposalWithdrawn{s.a}));
         return s.act(s.ana, pr::ProposalWithdrawn{s.a});
       },
       Code::kFailedPrecondition, "can be withdrawn"},
      {"unknown proposal",
       [](Scene& s) {
         s.support();
         return s.act(s.bo, pr::VoteCast{ProposalId::from_name("x")});
       },
       Code::kNotFound, "does not exist"},
      // --- votes
      {"vote out of phase", [](Scene& s) { return s.act(s.bo, pr::VoteCast{s.a}); },
       Code::kFailedPrecondition, "votes_enabled is off"},
      {"vote twice",
       [](Scene& s) {
         s.support();
         s.city.must(s.act(s.bo, pr::VoteCast{s.a}));
         return s.act(s.bo, pr::VoteCast{s.a});
       },
       Code::kAlreadyExists, "already voted"},
      {"vote over the limit",
       [](Scene& s) {
         ProposalId b = s.city.published_proposal(s.bo, "B");
         s.support();
         s.city.must(s.act(s.ana, pr::VoteCast{b}));
         return s.act(s.ana, pr::VoteCast{s.a});
       },
       Code::kOutOfRange, "all 1 votes"},
      {"vote weight 2",
       [](Scene& s) {
         s.support();
         return s.act(s.bo, pr::VoteCast{s.a, 2});
       },
       Code::kOutOfRange, "from 1 to 1"},
      {"vote on a draft",
       [](Scene& s) {
         ProposalId d =
             City::payload<pr::ProposalDrafted>(
                 s.city.must(s.act(s.bo, pr::ProposalDrafted{.title = "D", .body = "B"})))
                 .proposal;
         s.support();
         return s.act(s.ana, pr::VoteCast{d});
       },
       Code::kFailedPrecondition, "is a draft"},
      {"vote on withdrawn",
       [](Scene& s) {
         s.city.must(s.act(s.ana, pr::ProposalWithdrawn{s.a}));
         s.support();
         return s.act(s.bo, pr::VoteCast{s.a});
       },
       Code::kFailedPrecondition, "withdrawn"},
      {"vote on rejected",
       [](Scene& s) {
         s.support();
         s.city.must(s.act(
             s.city.admin,
             pr::ProposalAnswered{.proposal = s.a, .state = "rejected", .answer = "No budget"}));
         return s.act(s.bo, pr::VoteCast{s.a});
       },
       Code::kFailedPrecondition, "rejected and takes no votes"},
      {"vote while blocked",
       [](Scene& s) {
         s.city.must(s.admin(
             sp::ComponentConfigured{s.city.component, s.city.support, {{"votes_blocked", true}}}));
         s.support();
         return s.act(s.bo, pr::VoteCast{s.a});
       },
       Code::kFailedPrecondition, "blocked"},
      {"unvote without a vote",
       [](Scene& s) {
         s.support();
         return s.act(s.bo, pr::VoteWithdrawn{s.a});
       },
       Code::kNotFound, "no vote"},
      {"managed online",
       [](Scene& s) {
         ParticipantId m = s.city.register_person("maria", true);
         s.support();
         return s.act(m, pr::VoteCast{s.a});
       },
       Code::kFailedPrecondition, "managed"},
      {"online with a recorder",
       [](Scene& s) {
         sp::Command c = s.act(s.bo, pr::VoteCast{s.a});
         c.actor.recorded_by = s.city.officer;
         return c;
       },
       Code::kInvalidArgument, "online action has no recorder"},
      {"in person without recorder",
       [](Scene& s) {
         sp::Command c = s.act(s.bo, pr::VoteCast{s.a});
         c.actor.channel = sp::Channel::kInPerson;
         return c;
       },
       Code::kNotFound, "officer or mediator"},
      // --- answers, likes, comments, moderation
      {"answer by a resident",
       [](Scene& s) {
         return s.act(s.bo, pr::ProposalAnswered{.proposal = s.a, .state = "accepted"});
       },
       Code::kFailedPrecondition, "admins and evaluators"},
      {"unknown answer state",
       [](Scene& s) {
         return s.act(s.city.admin, pr::ProposalAnswered{.proposal = s.a, .state = "maybe"});
       },
       Code::kInvalidArgument, "'maybe' is not an answer state"},
      {"rejection without reason",
       [](Scene& s) {
         return s.act(s.city.admin, pr::ProposalAnswered{.proposal = s.a, .state = "rejected"});
       },
       Code::kInvalidArgument, "saying why"},
      {"accepted without cost",
       [](Scene& s) {
         s.city.must(s.admin(sp::ComponentConfigured{
             s.city.component, s.city.collection, {{"answers_with_costs", true}}}));
         return s.act(s.city.admin, pr::ProposalAnswered{.proposal = s.a, .state = "accepted"});
       },
       Code::kInvalidArgument, "needs its cost"},
      {"negative cost",
       [](Scene& s) {
         return s.act(s.city.admin,
                      pr::ProposalAnswered{.proposal = s.a, .state = "accepted", .cost = -5});
       },
       Code::kInvalidArgument, "negative"},
      {"publish absent answer",
       [](Scene& s) { return s.act(s.city.admin, pr::AnswerPublished{s.a}); },
       Code::kFailedPrecondition, "no unpublished answer"},
      {"like out of phase", [](Scene& s) { return s.act(s.bo, pr::ProposalLiked{s.a}); },
       Code::kFailedPrecondition, "likes_enabled is off"},
      {"like twice",
       [](Scene& s) {
         s.support();
         s.city.must(s.act(s.bo, pr::ProposalLiked{s.a}));
         return s.act(s.bo, pr::ProposalLiked{s.a});
       },
       Code::kAlreadyExists, "already likes"},
      {"unlike without like",
       [](Scene& s) {
         s.support();
         return s.act(s.bo, pr::ProposalLiked{s.a, false});
       },
       Code::kNotFound, "does not like"},
      {"comment too long",
       [](Scene& s) {
         return s.act(s.bo, pr::CommentAdded{.proposal = s.a, .body = std::string(1001, 'c')});
       },
       Code::kOutOfRange, "at most 1000"},
      {"comment alignment 2",
       [](Scene& s) {
         return s.act(s.bo, pr::CommentAdded{.proposal = s.a, .alignment = 2, .body = "Yes"});
       },
       Code::kInvalidArgument, "alignment 2"},
      {"reply to unknown comment",
       [](Scene& s) {
         return s.act(
             s.bo,
             pr::CommentAdded{.proposal = s.a, .parent = CommentId::from_name("x"), .body = "Yes"});
       },
       Code::kNotFound, "is not on this proposal"},
      {"reply nested too deep",
       [](Scene& s) {
         CommentId parent;
         for (int depth = 0; depth < 4; ++depth) {
           parent =
               City::payload<pr::CommentAdded>(
                   s.city.must(s.act(
                       s.bo, pr::CommentAdded{.proposal = s.a, .parent = parent, .body = "Re"})))
                   .comment;
         }
         return s.act(s.bo, pr::CommentAdded{.proposal = s.a, .parent = parent, .body = "Re"});
       },
       Code::kOutOfRange, "3 deep"},
      {"comments blocked",
       [](Scene& s) {
         s.city.must(s.admin(sp::ComponentConfigured{
             s.city.component, s.city.collection, {{"comments_blocked", true}}}));
         return s.act(s.bo, pr::CommentAdded{.proposal = s.a, .body = "Yes"});
       },
       Code::kFailedPrecondition, "comments are blocked"},
      {"hide by a resident",
       [](Scene& s) { return s.act(s.bo, pr::ContentHidden{.proposal = s.a, .reason = "spam"}); },
       Code::kFailedPrecondition, "only moderators"},
      {"hide without reason",
       [](Scene& s) { return s.act(s.city.admin, pr::ContentHidden{.proposal = s.a}); },
       Code::kInvalidArgument, "needs a reason"},
      {"unhide visible",
       [](Scene& s) {
         return s.act(s.city.admin, pr::ContentHidden{.proposal = s.a, .hidden = false});
       },
       Code::kFailedPrecondition, "already visible"},
      {"hide reason not UTF-8",
       [](Scene& s) {
         return s.act(s.city.admin, pr::ContentHidden{.proposal = s.a, .reason = "sp\xE9m"});
       },
       Code::kInvalidArgument, "is not UTF-8"},
      // --- evaluators, notes, comment votes, reports
      {"evaluator answers an unassigned proposal",
       [](Scene& s) {
         s.city.must(s.admin(sp::SpaceRoleGranted{s.city.space, s.bo, sp::SpaceRole::kEvaluator}));
         return s.act(s.bo, pr::ProposalAnswered{.proposal = s.a, .state = "evaluating"});
       },
       Code::kFailedPrecondition, "not assigned to this evaluator"},
      {"assign to a participant who is not an evaluator",
       [](Scene& s) {
         return s.act(s.city.admin, pr::EvaluatorAssigned{.proposal = s.a, .evaluator = s.bo});
       },
       Code::kFailedPrecondition, "not an evaluator of this space"},
      {"assign by a resident",
       [](Scene& s) {
         s.city.must(s.admin(sp::SpaceRoleGranted{s.city.space, s.bo, sp::SpaceRole::kEvaluator}));
         return s.act(s.ana, pr::EvaluatorAssigned{.proposal = s.a, .evaluator = s.bo});
       },
       Code::kFailedPrecondition, "only admins assign"},
      {"assign twice",
       [](Scene& s) {
         s.city.must(s.admin(sp::SpaceRoleGranted{s.city.space, s.bo, sp::SpaceRole::kEvaluator}));
         s.city.must(
             s.act(s.city.admin, pr::EvaluatorAssigned{.proposal = s.a, .evaluator = s.bo}));
         return s.act(s.city.admin, pr::EvaluatorAssigned{.proposal = s.a, .evaluator = s.bo});
       },
       Code::kAlreadyExists, "already assigned"},
      {"unassign what was never assigned",
       [](Scene& s) {
         s.city.must(s.admin(sp::SpaceRoleGranted{s.city.space, s.bo, sp::SpaceRole::kEvaluator}));
         return s.act(s.city.admin,
                      pr::EvaluatorAssigned{.proposal = s.a, .evaluator = s.bo, .assigned = false});
       },
       Code::kNotFound, "is not assigned"},
      {"assign an unknown evaluator",
       [](Scene& s) {
         return s.act(s.city.admin,
                      pr::EvaluatorAssigned{.proposal = s.a,
                                            .evaluator = ParticipantId::from_name("nobody")});
       },
       Code::kNotFound, "is not registered"},
      {"note by a resident",
       [](Scene& s) { return s.act(s.bo, pr::NoteAdded{.proposal = s.a, .body = "Costly"}); },
       Code::kFailedPrecondition, "private notes"},
      {"empty note",
       [](Scene& s) { return s.act(s.city.admin, pr::NoteAdded{.proposal = s.a, .body = ""}); },
       Code::kInvalidArgument, "the note is empty"},
      {"vote an unknown comment",
       [](Scene& s) {
         return s.act(s.bo, pr::CommentVoted{.comment = CommentId::from_name("none")});
       },
       Code::kNotFound, "does not exist"},
      {"comment vote of 2",
       [](Scene& s) {
         CommentId c =
             City::payload<pr::CommentAdded>(
                 s.city.must(s.act(s.ana, pr::CommentAdded{.proposal = s.a, .body = "Hi"})))
                 .comment;
         return s.act(s.bo, pr::CommentVoted{.comment = c, .vote = 2});
       },
       Code::kInvalidArgument, "is not +1"},
      {"same comment vote twice",
       [](Scene& s) {
         CommentId c =
             City::payload<pr::CommentAdded>(
                 s.city.must(s.act(s.ana, pr::CommentAdded{.proposal = s.a, .body = "Hi"})))
                 .comment;
         s.city.must(s.act(s.bo, pr::CommentVoted{.comment = c, .vote = 1}));
         return s.act(s.bo, pr::CommentVoted{.comment = c, .vote = 1});
       },
       Code::kAlreadyExists, "already voted this way"},
      {"take back a comment vote never cast",
       [](Scene& s) {
         CommentId c =
             City::payload<pr::CommentAdded>(
                 s.city.must(s.act(s.ana, pr::CommentAdded{.proposal = s.a, .body = "Hi"})))
                 .comment;
         return s.act(s.bo, pr::CommentVoted{.comment = c, .vote = 0});
       },
       Code::kNotFound, "no vote on this comment"},
      {"report with an unknown reason",
       [](Scene& s) {
         return s.act(s.bo, pr::ContentReported{.proposal = s.a, .reason = "boring"});
       },
       Code::kInvalidArgument, "is not spam, offensive or does-not-belong"},
      {"report twice",
       [](Scene& s) {
         s.city.must(s.act(s.bo, pr::ContentReported{.proposal = s.a, .reason = "spam"}));
         return s.act(s.bo, pr::ContentReported{.proposal = s.a, .reason = "offensive"});
       },
       Code::kAlreadyExists, "already reported"},
      {"report a comment of another proposal",
       [](Scene& s) {
         return s.act(s.bo,
                      pr::ContentReported{
                          .proposal = s.a, .comment = CommentId::from_name("x"), .reason = "spam"});
       },
       Code::kNotFound, "is not on this proposal"},
      {"report hidden content",
       [](Scene& s) {
         s.city.must(s.act(s.city.admin, pr::ContentHidden{.proposal = s.a, .reason = "spam"}));
         return s.act(s.bo, pr::ContentReported{.proposal = s.a, .reason = "spam"});
       },
       Code::kFailedPrecondition, "already hidden"},
      {"amend while amendments are off",
       [](Scene& s) {
         return s.act(s.bo, pr::AmendmentCreated{.amendable = s.a, .title = "T", .body = "B"});
       },
       Code::kFailedPrecondition, "amendments are not enabled"},
      {"react to an amendment while amendments are off",
       [](Scene& s) { return s.act(s.ana, pr::AmendmentAccepted{s.a}); }, Code::kFailedPrecondition,
       "amendments are not enabled"},
      {"merge by a resident",
       [](Scene& s) {
         ProposalId b = s.city.published_proposal(s.bo, "B");
         return s.act(s.bo, pr::ProposalsMerged{.sources = {s.a, b}, .title = "T", .body = "B"});
       },
       Code::kFailedPrecondition, "only admins merge"},
      {"merge a single proposal",
       [](Scene& s) {
         return s.act(s.city.admin,
                      pr::ProposalsMerged{.sources = {s.a}, .title = "T", .body = "B"});
       },
       Code::kInvalidArgument, "two proposals or more"},
      {"merge a proposal named twice",
       [](Scene& s) {
         return s.act(s.city.admin,
                      pr::ProposalsMerged{.sources = {s.a, s.a}, .title = "T", .body = "B"});
       },
       Code::kInvalidArgument, "is named twice"},
      {"merge a draft",
       [](Scene& s) {
         ProposalId draft =
             City::payload<pr::ProposalDrafted>(
                 s.city.must(s.act(s.bo, pr::ProposalDrafted{.title = "D", .body = "D"})))
                 .proposal;
         return s.act(s.city.admin,
                      pr::ProposalsMerged{.sources = {s.a, draft}, .title = "T", .body = "B"});
       },
       Code::kFailedPrecondition, "is a draft"},
      {"split into one part",
       [](Scene& s) {
         return s.act(s.city.admin,
                      pr::ProposalSplit{.source = s.a, .parts = {{.title = "T", .body = "B"}}});
       },
       Code::kInvalidArgument, "two parts or more"},
      {"split with an empty part",
       [](Scene& s) {
         return s.act(s.city.admin,
                      pr::ProposalSplit{.source = s.a,
                                        .parts = {{.title = "T", .body = "B"}, {.title = "U"}}});
       },
       Code::kInvalidArgument, "a part's body is empty"},
      {"split what was merged",
       [](Scene& s) {
         ProposalId b = s.city.published_proposal(s.bo, "B");
         s.city.must(s.act(s.city.admin,
                           pr::ProposalsMerged{.sources = {s.a, b}, .title = "T", .body = "B"}));
         return s.act(s.city.admin, pr::ProposalSplit{.source = s.a,
                                                      .parts = {{.title = "T", .body = "B"},
                                                                {.title = "U", .body = "C"}}});
       },
       Code::kFailedPrecondition, "merged or split"},
      // --- idempotency
      {"key reused for another command",
       [](Scene& s) {
         sp::Command c = s.act(s.bo, pr::CommentAdded{.proposal = s.a, .body = "One"});
         c.idempotency_key = "same";
         s.city.must(c);
         c.body = sp::ComponentAction{
             s.city.component, pr::Payload(pr::CommentAdded{.proposal = s.a, .body = "Two"})};
         return c;
       },
       Code::kAlreadyExists, "used for another command"},
      {"key not UTF-8",
       [](Scene& s) {
         sp::Command c = s.act(s.bo, pr::CommentAdded{.proposal = s.a, .body = "Yes"});
         c.idempotency_key = "k\xE9";
         return c;
       },
       Code::kInvalidArgument, "is not UTF-8"},
  };
  return all;
}

class BadInput : public ::testing::TestWithParam<std::size_t> {};

TEST_P(BadInput, RefusedWithItsCodeAndTheRecordUnchanged) {
  const Row& row = rows()[GetParam()];
  Scene scene;
  sp::Command command = row.make(scene);
  std::uint64_t sequence = scene.city.ledger->sequence();
  Digest head = scene.city.ledger->head();
  EXPECT_THAT(scene.city.run(command), StatusIs(row.code, HasSubstr(row.message))) << row.name;
  EXPECT_EQ(scene.city.ledger->sequence(), sequence) << row.name;
  EXPECT_EQ(scene.city.ledger->head(), head) << row.name;
}

TEST(BadInputTable, HasARowForEveryKindOfMistake) { EXPECT_GE(rows().size(), 60u); }

INSTANTIATE_TEST_SUITE_P(Rows, BadInput, ::testing::Range<std::size_t>(0, rows().size()),
                         [](const auto& row_info) {
                           std::string name = rows()[row_info.param].name;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace participa::testing
