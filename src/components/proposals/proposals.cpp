#include "participa/components/proposals/proposals.hpp"

#include <algorithm>
#include <mutex>

#include "absl/strings/str_split.h"
#include "participa/core/overloaded.hpp"
#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"
#include "participa/core/utf8.hpp"
#include "participa/space/component_kind.hpp"

namespace participa::components::proposals {
namespace {

using space::ActionContext;
using space::EventContext;
using space::setting_bool;
using space::setting_int;
using space::setting_text;
using space::Settings;
using space::SettingScope;
using space::SettingSpec;

constexpr std::size_t kMaxTitle = 150;        // Decidim's proposal title limit
constexpr std::int32_t kMaxCommentDepth = 3;  // Decidim's comment nesting limit

const std::vector<SettingSpec>& specs() {
  static const auto* all = new std::vector<SettingSpec>{
      {"vote_limit", std::int64_t{0}, SettingScope::kGlobal, 0},
      {"minimum_votes_per_participant", std::int64_t{0}, SettingScope::kGlobal, 0},
      {"threshold_per_proposal", std::int64_t{0}, SettingScope::kGlobal, 0},
      {"can_accumulate_votes_beyond_threshold", false, SettingScope::kGlobal, 0},
      {"maximum_vote_weight", std::int64_t{1}, SettingScope::kGlobal, 1},
      {"proposal_limit", std::int64_t{0}, SettingScope::kGlobal, 0},
      {"proposal_length", std::int64_t{500}, SettingScope::kGlobal, 1},
      {"edit_time_minutes", std::int64_t{5}, SettingScope::kGlobal, 0},
      {"official_proposals_enabled", true, SettingScope::kGlobal, 0},
      {"comments_enabled", true, SettingScope::kGlobal, 0},
      {"comments_max_length", std::int64_t{1000}, SettingScope::kGlobal, 1},
      {"custom_states", std::string(), SettingScope::kGlobal, 0},
      {"reports_to_hide", std::int64_t{3}, SettingScope::kGlobal, 0},
      {"amendments_enabled", false, SettingScope::kGlobal, 0},
      {"amendment_creation_enabled", true, SettingScope::kPhase, 0},
      {"amendment_reaction_enabled", true, SettingScope::kPhase, 0},
      {"amendment_promotion_enabled", true, SettingScope::kPhase, 0},
      {"creation_enabled", false, SettingScope::kPhase, 0},
      {"votes_enabled", false, SettingScope::kPhase, 0},
      {"votes_blocked", false, SettingScope::kPhase, 0},
      {"votes_hidden", false, SettingScope::kPhase, 0},
      {"likes_enabled", false, SettingScope::kPhase, 0},
      {"likes_blocked", false, SettingScope::kPhase, 0},
      {"comments_blocked", false, SettingScope::kPhase, 0},
      {"answering_enabled", true, SettingScope::kPhase, 0},
      {"publish_answers_immediately", true, SettingScope::kPhase, 0},
      {"answers_with_costs", false, SettingScope::kPhase, 0},
  };
  return *all;
}

constexpr std::array<std::string_view, 9> kActions = {
    "create", "vote", "like", "comment", "vote_comment", "report", "withdraw", "answer", "amend"};

// Decidim's report reasons.
constexpr std::array<std::string_view, 3> kReportReasons = {"spam", "offensive", "does-not-belong"};

bool is_author(const Proposal& proposal, ParticipantId who) {
  return std::find(proposal.authors.begin(), proposal.authors.end(), who) != proposal.authors.end();
}

class Decider {
 public:
  Decider(const ActionContext& context, const State& state)
      : context_(context), state_(state), settings_(context.settings) {}

  absl::StatusOr<Payload> operator()(ProposalDrafted p) {
    bool official = p.official;
    if (official) {
      if (!context_.is_admin()) {
        return absl::FailedPreconditionError("only an admin drafts official proposals");
      }
      if (!setting_bool(settings_, "official_proposals_enabled")) {
        return absl::FailedPreconditionError("official proposals are not enabled");
      }
    } else {
      PARTICIPA_RETURN_IF_ERROR(require_flag("creation_enabled", "proposals cannot be created"));
      PARTICIPA_RETURN_IF_ERROR(within_proposal_limit());
    }
    PARTICIPA_RETURN_IF_ERROR(check_title_and_body("the", p.title, p.body));
    if (!p.scope.is_nil()) {
      if (!context_.organization.scopes.contains(p.scope)) {
        return absl::NotFoundError(str_cat("scope '", p.scope.to_string(), "' does not exist"));
      }
      if (!context_.space.scope.is_nil() &&
          !context_.organization.within_scope(p.scope, context_.space.scope)) {
        return absl::InvalidArgumentError("the proposal's scope lies outside the space's scope");
      }
    }
    std::set<ParticipantId> seen = {actor()};
    for (ParticipantId coauthor : p.coauthors) {
      if (context_.organization.participant(coauthor) == nullptr) {
        return absl::NotFoundError(
            str_cat("coauthor '", coauthor.to_string(), "' is not registered"));
      }
      if (!seen.insert(coauthor).second) {
        return absl::InvalidArgumentError(
            str_cat("coauthor '", coauthor.to_string(), "' is named twice"));
      }
    }
    if (!official) PARTICIPA_RETURN_IF_ERROR(context_.authorize("create"));
    PARTICIPA_ASSIGN_OR_RETURN(p.proposal, new_id(p.proposal));
    return p;
  }

  absl::StatusOr<Payload> operator()(ProposalPublished p) {
    PARTICIPA_ASSIGN_OR_RETURN(const Proposal* proposal, authored(p.proposal, "publish"));
    if (proposal->published_at) {
      return absl::FailedPreconditionError(str_cat("'", proposal->title, "' is already published"));
    }
    if (!proposal->official) {
      PARTICIPA_RETURN_IF_ERROR(require_flag("creation_enabled", "proposals cannot be published"));
    }
    return p;
  }

  absl::StatusOr<Payload> operator()(ProposalEdited p) {
    PARTICIPA_ASSIGN_OR_RETURN(const Proposal* proposal, authored(p.proposal, "edit"));
    if (proposal->withdrawn || proposal->answer_published || !proposal->replaced_by.empty()) {
      return absl::FailedPreconditionError(
          str_cat("'", proposal->title, "' is withdrawn or answered and can no longer be edited"));
    }
    std::int64_t minutes = setting_int(settings_, "edit_time_minutes");
    if (proposal->published_at && minutes > 0 &&
        context_.now > *proposal->published_at + absl::Minutes(minutes)) {
      return absl::OutOfRangeError(str_cat("'", proposal->title, "' could be edited for ", minutes,
                                           " minutes after it was published"));
    }
    PARTICIPA_RETURN_IF_ERROR(check_title_and_body("the", p.title, p.body));
    return p;
  }

  absl::StatusOr<Payload> operator()(ProposalWithdrawn p) {
    PARTICIPA_ASSIGN_OR_RETURN(const Proposal* proposal, authored(p.proposal, "withdraw"));
    if (!proposal->amends.is_nil()) {
      return absl::FailedPreconditionError("an emendation is withdrawn as an amendment");
    }
    if (!proposal->published_at || proposal->withdrawn || !proposal->replaced_by.empty()) {
      return absl::FailedPreconditionError(
          str_cat("'", proposal->title, "' is not a published proposal that can be withdrawn"));
    }
    PARTICIPA_RETURN_IF_ERROR(context_.authorize("withdraw"));
    return p;
  }

  absl::StatusOr<Payload> operator()(ProposalAnswered p) {
    PARTICIPA_ASSIGN_OR_RETURN(const Proposal* proposal, published(p.proposal));
    const space::SpaceRole* role = context_.role();
    if (!context_.is_admin() && (role == nullptr || *role != space::SpaceRole::kEvaluator)) {
      return absl::FailedPreconditionError("only admins and evaluators answer proposals");
    }
    if (!context_.is_admin() && !proposal->evaluators.contains(actor())) {
      return absl::FailedPreconditionError(
          str_cat("'", proposal->title, "' is not assigned to this evaluator"));
    }
    PARTICIPA_RETURN_IF_ERROR(require_flag("answering_enabled", "proposals cannot be answered"));
    if (!known_state(p.state)) {
      return absl::InvalidArgumentError(
          str_cat("'", p.state, "' is not an answer state (evaluating, accepted, rejected",
                  setting_text(settings_, "custom_states").empty() ? "" : ", ",
                  setting_text(settings_, "custom_states"), ")"));
    }
    if (p.state == "rejected" && p.answer.empty()) {
      return absl::InvalidArgumentError("a rejection needs an answer saying why");
    }
    if (!p.answer.empty() && !is_utf8(p.answer)) {
      return absl::InvalidArgumentError("the answer is not UTF-8");
    }
    bool with_costs = setting_bool(settings_, "answers_with_costs");
    if (p.state == "accepted" && with_costs && !p.cost) {
      return absl::InvalidArgumentError("an accepted proposal needs its cost in this phase");
    }
    if (p.cost && *p.cost < 0) {
      return absl::InvalidArgumentError(str_cat("cost ", *p.cost, " is negative"));
    }
    p.published = setting_bool(settings_, "publish_answers_immediately");
    return p;
  }

  absl::StatusOr<Payload> operator()(AnswerPublished p) {
    PARTICIPA_ASSIGN_OR_RETURN(const Proposal* proposal, published(p.proposal));
    if (!context_.is_admin()) return absl::FailedPreconditionError("only admins publish answers");
    if (proposal->answer_state.empty() || proposal->answer_published) {
      return absl::FailedPreconditionError(
          str_cat("'", proposal->title, "' has no unpublished answer"));
    }
    return p;
  }

  absl::StatusOr<Payload> operator()(VoteCast p) {
    PARTICIPA_ASSIGN_OR_RETURN(const Proposal* proposal, votable(p.proposal));
    if (state_.votes.contains({actor(), p.proposal})) {
      return absl::AlreadyExistsError(
          str_cat("participant already voted for '", proposal->title, "'"));
    }
    std::int64_t limit = setting_int(settings_, "vote_limit");
    auto cast = state_.votes_cast.find(actor());
    std::int64_t used = cast == state_.votes_cast.end() ? 0 : cast->second;
    if (limit > 0 && used >= limit) {
      return absl::OutOfRangeError(str_cat("participant has used all ", limit, " votes"));
    }
    std::int64_t threshold = setting_int(settings_, "threshold_per_proposal");
    if (threshold > 0 && !setting_bool(settings_, "can_accumulate_votes_beyond_threshold")) {
      auto held = state_.weight_held.find(p.proposal);
      std::int64_t weight = held == state_.weight_held.end() ? 0 : held->second;
      if (weight + p.weight > threshold) {
        return absl::OutOfRangeError(str_cat("'", proposal->title, "' has ", weight,
                                             " of its threshold of ", threshold,
                                             " votes (temporary ones included)"));
      }
    }
    std::int64_t maximum = setting_int(settings_, "maximum_vote_weight");
    if (p.weight < 1 || p.weight > maximum) {
      return absl::OutOfRangeError(
          str_cat("a vote weighs from 1 to ", maximum, " here, not ", p.weight));
    }
    PARTICIPA_RETURN_IF_ERROR(context_.authorize("vote"));
    return p;
  }

  absl::StatusOr<Payload> operator()(VoteWithdrawn p) {
    PARTICIPA_ASSIGN_OR_RETURN(const Proposal* proposal, existing(p.proposal));
    PARTICIPA_RETURN_IF_ERROR(votes_open());
    if (!state_.votes.contains({actor(), p.proposal})) {
      return absl::NotFoundError(str_cat("participant has no vote for '", proposal->title, "'"));
    }
    return p;
  }

  absl::StatusOr<Payload> operator()(ProposalLiked p) {
    PARTICIPA_ASSIGN_OR_RETURN(const Proposal* proposal, published(p.proposal));
    PARTICIPA_RETURN_IF_ERROR(require_flag("likes_enabled", "likes are not enabled"));
    if (setting_bool(settings_, "likes_blocked")) {
      return absl::FailedPreconditionError("likes are blocked in this phase");
    }
    bool has = state_.likes.contains({actor(), p.proposal});
    if (p.liked && has) {
      return absl::AlreadyExistsError(str_cat("participant already likes '", proposal->title, "'"));
    }
    if (!p.liked && !has) {
      return absl::NotFoundError(str_cat("participant does not like '", proposal->title, "'"));
    }
    if (p.liked) PARTICIPA_RETURN_IF_ERROR(context_.authorize("like"));
    return p;
  }

  absl::StatusOr<Payload> operator()(CommentAdded p) {
    PARTICIPA_ASSIGN_OR_RETURN(const Proposal* proposal, published(p.proposal));
    if (proposal->hidden) {
      return absl::FailedPreconditionError(str_cat("'", proposal->title, "' is hidden"));
    }
    if (!setting_bool(settings_, "comments_enabled")) {
      return absl::FailedPreconditionError("comments are not enabled");
    }
    if (setting_bool(settings_, "comments_blocked")) {
      return absl::FailedPreconditionError("comments are blocked in this phase");
    }
    PARTICIPA_RETURN_IF_ERROR(
        check_text("the comment", p.body,
                   static_cast<std::size_t>(setting_int(settings_, "comments_max_length"))));
    if (p.alignment < -1 || p.alignment > 1) {
      return absl::InvalidArgumentError(
          str_cat("alignment ", p.alignment, " is not -1 (against), 0 or +1 (in favour)"));
    }
    if (!p.parent.is_nil()) {
      auto parent = state_.comments.find(p.parent);
      if (parent == state_.comments.end() || parent->second.proposal != p.proposal) {
        return absl::NotFoundError(
            str_cat("comment '", p.parent.to_string(), "' is not on this proposal"));
      }
      if (parent->second.depth >= kMaxCommentDepth) {
        return absl::OutOfRangeError("replies nest at most 3 deep");
      }
    }
    PARTICIPA_RETURN_IF_ERROR(context_.authorize("comment"));
    p.comment = p.comment.is_nil() ? CommentId::random(context_.rng) : p.comment;
    if (state_.comments.contains(p.comment)) {
      return absl::AlreadyExistsError(str_cat("comment '", p.comment.to_string(), "' exists"));
    }
    return p;
  }

  absl::StatusOr<Payload> operator()(ContentHidden p) {
    PARTICIPA_ASSIGN_OR_RETURN(const Proposal* proposal, existing(p.proposal));
    const space::SpaceRole* role = context_.role();
    if (!context_.is_admin() && (role == nullptr || *role != space::SpaceRole::kModerator)) {
      return absl::FailedPreconditionError("only moderators and admins hide content");
    }
    bool hidden = proposal->hidden;
    if (!p.comment.is_nil()) {
      auto comment = state_.comments.find(p.comment);
      if (comment == state_.comments.end() || comment->second.proposal != p.proposal) {
        return absl::NotFoundError(
            str_cat("comment '", p.comment.to_string(), "' is not on this proposal"));
      }
      hidden = comment->second.hidden;
    }
    if (hidden == p.hidden) {
      return absl::FailedPreconditionError(
          str_cat("the content is already ", p.hidden ? "hidden" : "visible"));
    }
    if (p.hidden && p.reason.empty()) {
      return absl::InvalidArgumentError("hiding content needs a reason");
    }
    return p;
  }

  absl::StatusOr<Payload> operator()(EvaluatorAssigned p) {
    PARTICIPA_ASSIGN_OR_RETURN(const Proposal* proposal, published(p.proposal));
    if (!context_.is_admin()) {
      return absl::FailedPreconditionError("only admins assign proposals to evaluators");
    }
    if (context_.organization.participant(p.evaluator) == nullptr) {
      return absl::NotFoundError(
          str_cat("evaluator '", p.evaluator.to_string(), "' is not registered"));
    }
    auto role = context_.space.roles.find(p.evaluator);
    if (role == context_.space.roles.end() || role->second != space::SpaceRole::kEvaluator) {
      return absl::FailedPreconditionError("the participant is not an evaluator of this space");
    }
    bool assigned = proposal->evaluators.contains(p.evaluator);
    if (p.assigned && assigned) {
      return absl::AlreadyExistsError(
          str_cat("'", proposal->title, "' is already assigned to this evaluator"));
    }
    if (!p.assigned && !assigned) {
      return absl::NotFoundError(
          str_cat("'", proposal->title, "' is not assigned to this evaluator"));
    }
    return p;
  }

  absl::StatusOr<Payload> operator()(NoteAdded p) {
    PARTICIPA_ASSIGN_OR_RETURN(const Proposal* proposal, published(p.proposal));
    if (!context_.is_admin() && !proposal->evaluators.contains(actor())) {
      return absl::FailedPreconditionError(
          "only admins and the proposal's evaluators write private notes");
    }
    PARTICIPA_RETURN_IF_ERROR(
        check_text("the note", p.body,
                   static_cast<std::size_t>(setting_int(settings_, "comments_max_length"))));
    p.note = p.note.is_nil() ? NoteId::random(context_.rng) : p.note;
    if (state_.notes.contains(p.note)) {
      return absl::AlreadyExistsError(str_cat("note '", p.note.to_string(), "' exists"));
    }
    return p;
  }

  absl::StatusOr<Payload> operator()(CommentVoted p) {
    auto comment = state_.comments.find(p.comment);
    if (comment == state_.comments.end()) {
      return absl::NotFoundError(str_cat("comment '", p.comment.to_string(), "' does not exist"));
    }
    if (comment->second.hidden) return absl::FailedPreconditionError("the comment is hidden");
    if (setting_bool(settings_, "comments_blocked")) {
      return absl::FailedPreconditionError("comments are blocked in this phase");
    }
    if (p.vote < -1 || p.vote > 1) {
      return absl::InvalidArgumentError(
          str_cat("comment vote ", p.vote, " is not +1 (up), -1 (down) or 0 (take back)"));
    }
    auto held = state_.comment_votes.find({actor(), p.comment});
    if (p.vote == 0 && held == state_.comment_votes.end()) {
      return absl::NotFoundError("participant has no vote on this comment");
    }
    if (p.vote != 0 && held != state_.comment_votes.end() && held->second == p.vote) {
      return absl::AlreadyExistsError("participant already voted this way on this comment");
    }
    if (p.vote != 0) PARTICIPA_RETURN_IF_ERROR(context_.authorize("vote_comment"));
    return p;
  }

  absl::StatusOr<Payload> operator()(ContentReported p) {
    PARTICIPA_ASSIGN_OR_RETURN(const Proposal* proposal, published(p.proposal));
    bool hidden = proposal->hidden;
    if (!p.comment.is_nil()) {
      auto comment = state_.comments.find(p.comment);
      if (comment == state_.comments.end() || comment->second.proposal != p.proposal) {
        return absl::NotFoundError(
            str_cat("comment '", p.comment.to_string(), "' is not on this proposal"));
      }
      hidden = comment->second.hidden;
    }
    if (hidden) return absl::FailedPreconditionError("the content is already hidden");
    if (std::find(kReportReasons.begin(), kReportReasons.end(), p.reason) == kReportReasons.end()) {
      return absl::InvalidArgumentError(
          str_cat("report reason '", p.reason, "' is not spam, offensive or does-not-belong"));
    }
    if (!p.details.empty()) {
      PARTICIPA_RETURN_IF_ERROR(
          check_text("the details", p.details,
                     static_cast<std::size_t>(setting_int(settings_, "comments_max_length"))));
    }
    if (state_.reports.contains({actor(), p.proposal, p.comment})) {
      return absl::AlreadyExistsError("participant already reported this content");
    }
    PARTICIPA_RETURN_IF_ERROR(context_.authorize("report"));
    return p;
  }

  absl::StatusOr<Payload> operator()(AmendmentCreated p) {
    PARTICIPA_RETURN_IF_ERROR(amendments_on("amendment_creation_enabled", "created"));
    PARTICIPA_ASSIGN_OR_RETURN(const Proposal* amendable, published(p.amendable));
    if (!amendable->amends.is_nil()) {
      return absl::FailedPreconditionError("an emendation cannot itself be amended");
    }
    if (amendable->hidden || amendable->answer_published) {
      return absl::FailedPreconditionError(
          str_cat("'", amendable->title, "' is hidden or answered and takes no amendments"));
    }
    if (is_author(*amendable, actor())) {
      return absl::FailedPreconditionError("authors edit their proposal rather than amend it");
    }
    PARTICIPA_RETURN_IF_ERROR(check_title_and_body("the", p.title, p.body));
    if (p.title == amendable->title && p.body == amendable->body) {
      return absl::InvalidArgumentError("the emendation changes nothing");
    }
    PARTICIPA_RETURN_IF_ERROR(context_.authorize("amend"));
    PARTICIPA_ASSIGN_OR_RETURN(p.emendation, new_id(p.emendation));
    return p;
  }

  absl::StatusOr<Payload> operator()(AmendmentAccepted p) {
    PARTICIPA_RETURN_IF_ERROR(react(p.emendation).status());
    return p;
  }

  absl::StatusOr<Payload> operator()(AmendmentRejected p) {
    PARTICIPA_RETURN_IF_ERROR(react(p.emendation).status());
    return p;
  }

  absl::StatusOr<Payload> operator()(AmendmentWithdrawn p) {
    PARTICIPA_ASSIGN_OR_RETURN(const Proposal* emendation, emendation_by_author(p.emendation));
    if (emendation->amendment_state != "evaluating") {
      return absl::FailedPreconditionError(
          str_cat("the emendation is ", emendation->amendment_state, ", no longer evaluated"));
    }
    return p;
  }

  absl::StatusOr<Payload> operator()(AmendmentPromoted p) {
    PARTICIPA_RETURN_IF_ERROR(amendments_on("amendment_promotion_enabled", "promoted"));
    PARTICIPA_ASSIGN_OR_RETURN(const Proposal* emendation, emendation_by_author(p.emendation));
    if (emendation->amendment_state != "rejected") {
      return absl::FailedPreconditionError("only a rejected emendation can be promoted");
    }
    PARTICIPA_RETURN_IF_ERROR(within_proposal_limit());
    PARTICIPA_ASSIGN_OR_RETURN(p.proposal, new_id(p.proposal));
    return p;
  }

  absl::StatusOr<Payload> operator()(ProposalsMerged p) {
    if (!context_.is_admin()) return absl::FailedPreconditionError("only admins merge proposals");
    if (p.sources.size() < 2) {
      return absl::InvalidArgumentError("a merge needs two proposals or more");
    }
    std::set<ProposalId> seen;
    for (ProposalId source : p.sources) {
      PARTICIPA_RETURN_IF_ERROR(retirable(source).status());
      if (!seen.insert(source).second) {
        return absl::InvalidArgumentError(
            str_cat("proposal '", source.to_string(), "' is named twice"));
      }
    }
    PARTICIPA_RETURN_IF_ERROR(check_title_and_body("the", p.title, p.body));
    PARTICIPA_ASSIGN_OR_RETURN(p.proposal, new_id(p.proposal));
    return p;
  }

  absl::StatusOr<Payload> operator()(ProposalSplit p) {
    if (!context_.is_admin()) return absl::FailedPreconditionError("only admins split proposals");
    PARTICIPA_RETURN_IF_ERROR(retirable(p.source).status());
    if (p.parts.size() < 2) return absl::InvalidArgumentError("a split needs two parts or more");
    std::set<ProposalId> ids;
    for (ProposalPart& part : p.parts) {
      PARTICIPA_RETURN_IF_ERROR(check_title_and_body("a part's", part.title, part.body));
      PARTICIPA_ASSIGN_OR_RETURN(part.proposal, new_id(part.proposal));
      if (!ids.insert(part.proposal).second) {
        return absl::InvalidArgumentError(
            str_cat("proposal '", part.proposal.to_string(), "' is named twice"));
      }
    }
    return p;
  }

  absl::StatusOr<Payload> operator()(ProposalsCopied p) {
    if (!context_.is_admin()) return absl::FailedPreconditionError("only admins copy proposals");
    if (p.source == context_.component.id) {
      return absl::InvalidArgumentError("a component cannot copy its own proposals");
    }
    if (!p.copies.empty()) {
      return absl::InvalidArgumentError("the copies are chosen and named by the organization");
    }
    PARTICIPA_ASSIGN_OR_RETURN(const State* source, state_of(context_.organization, p.source));
    const space::Component& from = *context_.organization.component(p.source);
    if (!context_.organization.administers(actor(), from.space)) {
      return absl::FailedPreconditionError(
          str_cat("only admins of the space of '", from.name, "' copy its proposals"));
    }
    std::set<ProposalId> copied;
    for (const auto& [id, proposal] : state_.proposals) {
      if (proposal.copied_from_component == p.source) copied.insert(proposal.copied_from);
    }
    for (const auto& [id, original] : source->proposals) {
      bool copyable = original.published_at && !original.withdrawn && !original.hidden &&
                      original.replaced_by.empty() && original.amends.is_nil() &&
                      (p.state.empty() || original.public_state() == p.state);
      if (!copyable || copied.contains(id)) continue;
      PARTICIPA_ASSIGN_OR_RETURN(ProposalId copy, new_id(ProposalId()));
      p.copies.push_back({id, copy});
    }
    if (p.copies.empty()) {
      return absl::FailedPreconditionError(
          str_cat("'", from.name, "' has no proposal to copy",
                  p.state.empty() ? "" : str_cat(" answered '", p.state, "'"),
                  copied.empty() ? "" : " that is not copied here already"));
    }
    return p;
  }

 private:
  ParticipantId actor() const { return context_.actor.participant; }

  // retirable — a proposal that may be merged or split: published, not withdrawn, retired or
  // answered, and not an emendation.
  absl::StatusOr<const Proposal*> retirable(ProposalId id) const {
    PARTICIPA_ASSIGN_OR_RETURN(const Proposal* proposal, published(id));
    if (!proposal->amends.is_nil()) {
      return absl::FailedPreconditionError(
          str_cat("'", proposal->title, "' is an emendation and cannot be merged or split"));
    }
    if (proposal->answer_published) {
      return absl::FailedPreconditionError(
          str_cat("'", proposal->title, "' is answered and cannot be merged or split"));
    }
    return proposal;
  }

  // check_title_and_body — `whose` title within 150 bytes, body within proposal_length.
  absl::Status check_title_and_body(std::string_view whose, std::string_view title,
                                    std::string_view body) const {
    PARTICIPA_RETURN_IF_ERROR(check_text(str_cat(whose, " title"), title, kMaxTitle));
    return check_text(str_cat(whose, " body"), body,
                      static_cast<std::size_t>(setting_int(settings_, "proposal_length")));
  }

  absl::Status within_proposal_limit() const {
    std::int64_t limit = setting_int(settings_, "proposal_limit");
    auto authored = state_.proposals_authored.find(actor());
    if (limit > 0 && authored != state_.proposals_authored.end() && authored->second >= limit) {
      return absl::OutOfRangeError(
          str_cat("participant has already made ", authored->second, " proposals, the limit"));
    }
    return absl::OkStatus();
  }

  // new_id — the id a command gave, or a new one from the organization's generator.
  absl::StatusOr<ProposalId> new_id(ProposalId given) const {
    ProposalId id = given.is_nil() ? ProposalId::random(context_.rng) : given;
    if (state_.proposals.contains(id)) {
      return absl::AlreadyExistsError(str_cat("proposal '", id.to_string(), "' exists"));
    }
    return id;
  }

  absl::Status amendments_on(std::string_view phase_flag, std::string_view what) const {
    if (!setting_bool(settings_, "amendments_enabled")) {
      return absl::FailedPreconditionError("amendments are not enabled");
    }
    return require_flag(phase_flag, str_cat("amendments cannot be ", what));
  }

  absl::StatusOr<const Proposal*> emendation_of(ProposalId id) const {
    PARTICIPA_ASSIGN_OR_RETURN(const Proposal* emendation, existing(id));
    if (emendation->amends.is_nil()) {
      return absl::InvalidArgumentError(str_cat("'", emendation->title, "' is not an emendation"));
    }
    return emendation;
  }

  absl::StatusOr<const Proposal*> emendation_by_author(ProposalId id) const {
    PARTICIPA_ASSIGN_OR_RETURN(const Proposal* emendation, emendation_of(id));
    if (!is_author(*emendation, actor())) {
      return absl::FailedPreconditionError("only the emendation's author may do this");
    }
    return emendation;
  }

  // react — the emendation an author of the amended proposal accepts or rejects.
  absl::StatusOr<const Proposal*> react(ProposalId id) const {
    PARTICIPA_RETURN_IF_ERROR(amendments_on("amendment_reaction_enabled", "accepted or rejected"));
    PARTICIPA_ASSIGN_OR_RETURN(const Proposal* emendation, emendation_of(id));
    const Proposal& amendable = state_.proposals.at(emendation->amends);
    if (!is_author(amendable, actor())) {
      return absl::FailedPreconditionError(
          str_cat("only the authors of '", amendable.title, "' accept or reject its amendments"));
    }
    if (emendation->amendment_state != "evaluating") {
      return absl::FailedPreconditionError(
          str_cat("the emendation is ", emendation->amendment_state, ", no longer evaluated"));
    }
    if (amendable.withdrawn || amendable.answer_published) {
      return absl::FailedPreconditionError(
          str_cat("'", amendable.title, "' is withdrawn or answered"));
    }
    return emendation;
  }

  absl::Status require_flag(std::string_view flag, std::string_view refusal) const {
    if (setting_bool(settings_, flag)) return absl::OkStatus();
    return absl::FailedPreconditionError(str_cat(refusal, " in this phase (", flag, " is off)"));
  }

  absl::Status votes_open() const {
    PARTICIPA_RETURN_IF_ERROR(require_flag("votes_enabled", "votes are not open"));
    if (setting_bool(settings_, "votes_blocked")) {
      return absl::FailedPreconditionError("votes are blocked in this phase");
    }
    return absl::OkStatus();
  }

  bool known_state(std::string_view name) const {
    if (name == "evaluating" || name == "accepted" || name == "rejected") return true;
    for (absl::string_view custom :
         absl::StrSplit(setting_text(settings_, "custom_states"), ',', absl::SkipEmpty())) {
      if (absl::StripAsciiWhitespace(custom) == absl::string_view(name.data(), name.size())) {
        return true;
      }
    }
    return false;
  }

  absl::StatusOr<const Proposal*> existing(ProposalId id) const {
    auto it = state_.proposals.find(id);
    if (it == state_.proposals.end()) {
      return absl::NotFoundError(str_cat("proposal '", id.to_string(), "' does not exist"));
    }
    return &it->second;
  }

  absl::StatusOr<const Proposal*> authored(ProposalId id, std::string_view what) const {
    PARTICIPA_ASSIGN_OR_RETURN(const Proposal* proposal, existing(id));
    if (!is_author(*proposal, actor())) {
      return absl::FailedPreconditionError(
          str_cat("only the authors of '", proposal->title, "' may ", what, " it"));
    }
    return proposal;
  }

  absl::StatusOr<const Proposal*> published(ProposalId id) const {
    PARTICIPA_ASSIGN_OR_RETURN(const Proposal* proposal, existing(id));
    if (!proposal->replaced_by.empty()) {
      return absl::FailedPreconditionError(
          str_cat("'", proposal->title, "' was merged or split into other proposals"));
    }
    if (!proposal->published_at || proposal->withdrawn) {
      return absl::FailedPreconditionError(
          str_cat("'", proposal->title, "' is ", proposal->withdrawn ? "withdrawn" : "a draft"));
    }
    return proposal;
  }

  absl::StatusOr<const Proposal*> votable(ProposalId id) const {
    PARTICIPA_ASSIGN_OR_RETURN(const Proposal* proposal, published(id));
    if (!proposal->amends.is_nil()) {
      return absl::FailedPreconditionError("emendations take no votes");
    }
    PARTICIPA_RETURN_IF_ERROR(votes_open());
    if (proposal->hidden) {
      return absl::FailedPreconditionError(str_cat("'", proposal->title, "' is hidden"));
    }
    if (proposal->answer_published && proposal->answer_state == "rejected") {
      return absl::FailedPreconditionError(
          str_cat("'", proposal->title, "' was rejected and takes no votes"));
    }
    return proposal;
  }

  const ActionContext& context_;
  const State& state_;
  const Settings& settings_;
};

void add_group(Proposal& proposal, GroupId group) {
  if (!group.is_nil() &&
      std::find(proposal.groups.begin(), proposal.groups.end(), group) == proposal.groups.end()) {
    proposal.groups.push_back(group);
  }
}

// Evolver — applies one payload. Counted votes follow the minimum rule: a participant's votes
// count once they have cast `minimum` of them.
class Evolver {
 public:
  Evolver(State& state, const EventContext& context)
      : state_(state),
        context_(context),
        actor_(context.event.actor.participant),
        minimum_(global_int(context.component.settings, "minimum_votes_per_participant", 0)) {}

  absl::Status operator()(const ProposalDrafted& p) {
    if (p.proposal.is_nil() || state_.proposals.contains(p.proposal)) {
      return absl::DataLossError("the proposal exists");
    }
    Proposal& proposal = state_.proposals[p.proposal];
    proposal.id = p.proposal;
    proposal.authors.push_back(actor_);
    proposal.authors.insert(proposal.authors.end(), p.coauthors.begin(), p.coauthors.end());
    add_group(proposal, context_.event.actor.group);
    proposal.title = p.title;
    proposal.body = p.body;
    proposal.scope = p.scope;
    proposal.official = p.official;
    proposal.channel = context_.event.actor.channel;
    proposal.created_at = context_.event.time;
    if (!p.official) ++state_.proposals_authored[actor_];
    return absl::OkStatus();
  }
  absl::Status operator()(const ProposalPublished& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Proposal * proposal, find(p.proposal));
    if (proposal->published_at) return absl::DataLossError("published twice");
    proposal->published_at = context_.event.time;
    return absl::OkStatus();
  }
  absl::Status operator()(const ProposalEdited& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Proposal * proposal, find(p.proposal));
    proposal->title = p.title;
    proposal->body = p.body;
    return absl::OkStatus();
  }
  absl::Status operator()(const ProposalWithdrawn& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Proposal * proposal, find(p.proposal));
    if (proposal->withdrawn) return absl::DataLossError("withdrawn twice");
    proposal->withdrawn = true;
    if (!proposal->official) --state_.proposals_authored[proposal->authors.front()];
    return absl::OkStatus();
  }
  absl::Status operator()(const ProposalAnswered& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Proposal * proposal, find(p.proposal));
    proposal->answer_state = p.state;
    proposal->answer = p.answer;
    proposal->cost = p.cost;
    proposal->answer_published = p.published;
    return absl::OkStatus();
  }
  absl::Status operator()(const AnswerPublished& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Proposal * proposal, find(p.proposal));
    proposal->answer_published = true;
    return absl::OkStatus();
  }
  absl::Status operator()(const VoteCast& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Proposal * proposal, find(p.proposal));
    auto [vote, inserted] = state_.votes.try_emplace({actor_, p.proposal},
                                                     Vote{p.weight, context_.event.actor.channel});
    if (!inserted) return absl::DataLossError("a second vote by the same participant");
    state_.weight_held[p.proposal] += p.weight;
    std::int64_t cast = ++state_.votes_cast[actor_];
    if (cast > minimum_) {
      count(*proposal, vote->second, +1);
    } else if (cast == minimum_) {
      count_all_of(actor_, +1);
    }
    return absl::OkStatus();
  }
  absl::Status operator()(const VoteWithdrawn& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Proposal * proposal, find(p.proposal));
    auto vote = state_.votes.find({actor_, p.proposal});
    if (vote == state_.votes.end()) return absl::DataLossError("no such vote");
    remove_vote(*proposal, vote);
    return absl::OkStatus();
  }
  absl::Status operator()(const ProposalLiked& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Proposal * proposal, find(p.proposal));
    bool changed = p.liked ? state_.likes.insert({actor_, p.proposal}).second
                           : state_.likes.erase({actor_, p.proposal}) == 1;
    if (!changed) return absl::DataLossError("like does not change");
    proposal->likes += p.liked ? 1 : -1;
    return absl::OkStatus();
  }
  absl::Status operator()(const CommentAdded& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Proposal * proposal, find(p.proposal));
    std::int32_t depth = 0;
    if (!p.parent.is_nil()) {
      auto parent = state_.comments.find(p.parent);
      if (parent == state_.comments.end()) return absl::DataLossError("unknown parent comment");
      depth = parent->second.depth + 1;
    }
    if (p.comment.is_nil() || state_.comments.contains(p.comment)) {
      return absl::DataLossError("the comment exists");
    }
    state_.comments[p.comment] = Comment{.id = p.comment,
                                         .proposal = p.proposal,
                                         .parent = p.parent,
                                         .author = actor_,
                                         .group = context_.event.actor.group,
                                         .depth = depth,
                                         .alignment = p.alignment,
                                         .body = p.body};
    ++proposal->comments;
    return absl::OkStatus();
  }
  absl::Status operator()(const ContentHidden& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Proposal * proposal, find(p.proposal));
    if (p.comment.is_nil()) {
      proposal->hidden = p.hidden;
      return absl::OkStatus();
    }
    auto comment = state_.comments.find(p.comment);
    if (comment == state_.comments.end()) return absl::DataLossError("unknown comment");
    if (comment->second.hidden != p.hidden) proposal->comments += p.hidden ? -1 : 1;
    comment->second.hidden = p.hidden;
    return absl::OkStatus();
  }

  absl::Status operator()(const EvaluatorAssigned& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Proposal * proposal, find(p.proposal));
    bool changed = p.assigned ? proposal->evaluators.insert(p.evaluator).second
                              : proposal->evaluators.erase(p.evaluator) == 1;
    if (!changed) return absl::DataLossError("the assignment does not change");
    return absl::OkStatus();
  }
  absl::Status operator()(const NoteAdded& p) {
    PARTICIPA_RETURN_IF_ERROR(find(p.proposal).status());
    if (p.note.is_nil() || state_.notes.contains(p.note)) {
      return absl::DataLossError("the note exists");
    }
    state_.notes[p.note] = Note{p.note, p.proposal, actor_, context_.event.time, p.body};
    return absl::OkStatus();
  }
  absl::Status operator()(const CommentVoted& p) {
    auto comment = state_.comments.find(p.comment);
    if (comment == state_.comments.end()) return absl::DataLossError("unknown comment");
    auto tally = [&](std::int32_t vote, int sign) {
      (vote > 0 ? comment->second.up_votes : comment->second.down_votes) += sign;
    };
    auto held = state_.comment_votes.find({actor_, p.comment});
    if (held != state_.comment_votes.end()) {
      tally(held->second, -1);
      state_.comment_votes.erase(held);
    }
    if (p.vote != 0) {
      tally(p.vote, +1);
      state_.comment_votes[{actor_, p.comment}] = p.vote;
    }
    return absl::OkStatus();
  }
  absl::Status operator()(const ContentReported& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Proposal * proposal, find(p.proposal));
    if (!state_.reports.insert({actor_, p.proposal, p.comment}).second) {
      return absl::DataLossError("a second report by the same participant");
    }
    std::int64_t to_hide = global_int(context_.component.settings, "reports_to_hide", 3);
    if (p.comment.is_nil()) {
      if (++proposal->reports == to_hide) proposal->hidden = true;
      return absl::OkStatus();
    }
    auto comment = state_.comments.find(p.comment);
    if (comment == state_.comments.end()) return absl::DataLossError("unknown comment");
    if (++comment->second.reports == to_hide && !comment->second.hidden) {
      comment->second.hidden = true;
      --proposal->comments;
    }
    return absl::OkStatus();
  }

  absl::Status operator()(const AmendmentCreated& p) {
    PARTICIPA_RETURN_IF_ERROR(find(p.amendable).status());
    if (p.emendation.is_nil() || state_.proposals.contains(p.emendation)) {
      return absl::DataLossError("the emendation exists");
    }
    Proposal& emendation = state_.proposals[p.emendation];
    emendation.id = p.emendation;
    emendation.authors.push_back(actor_);
    add_group(emendation, context_.event.actor.group);
    emendation.title = p.title;
    emendation.body = p.body;
    emendation.channel = context_.event.actor.channel;
    emendation.created_at = context_.event.time;
    emendation.published_at = context_.event.time;
    emendation.amends = p.amendable;
    emendation.amendment_state = "evaluating";
    return absl::OkStatus();
  }
  absl::Status operator()(const AmendmentAccepted& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Proposal * emendation, find(p.emendation));
    PARTICIPA_ASSIGN_OR_RETURN(Proposal * amendable, find(emendation->amends));
    emendation->amendment_state = "accepted";
    amendable->title = emendation->title;
    amendable->body = emendation->body;
    for (ParticipantId author : emendation->authors) {
      if (!is_author(*amendable, author)) amendable->authors.push_back(author);
    }
    for (GroupId group : emendation->groups) add_group(*amendable, group);
    return absl::OkStatus();
  }
  absl::Status operator()(const AmendmentRejected& p) {
    return set_amendment_state(p.emendation, "rejected");
  }
  absl::Status operator()(const AmendmentWithdrawn& p) {
    return set_amendment_state(p.emendation, "withdrawn");
  }
  absl::Status operator()(const AmendmentPromoted& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Proposal * emendation, find(p.emendation));
    if (p.proposal.is_nil() || state_.proposals.contains(p.proposal)) {
      return absl::DataLossError("the promoted proposal exists");
    }
    emendation->amendment_state = "promoted";
    Proposal promoted;
    promoted.id = p.proposal;
    promoted.authors = emendation->authors;
    promoted.title = emendation->title;
    promoted.body = emendation->body;
    promoted.scope = state_.proposals.at(emendation->amends).scope;
    promoted.channel = context_.event.actor.channel;
    promoted.created_at = context_.event.time;
    promoted.published_at = context_.event.time;
    promoted.promoted_from = p.emendation;
    state_.proposals.emplace(p.proposal, std::move(promoted));
    ++state_.proposals_authored[actor_];
    return absl::OkStatus();
  }

  absl::Status operator()(const ProposalsMerged& p) {
    if (p.proposal.is_nil() || state_.proposals.contains(p.proposal) || p.sources.empty()) {
      return absl::DataLossError("the merged proposal exists");
    }
    PARTICIPA_ASSIGN_OR_RETURN(Proposal * first, find(p.sources.front()));
    add_official(p.proposal, p.title, p.body, first->scope, p.sources);
    for (ProposalId source : p.sources) PARTICIPA_RETURN_IF_ERROR(retire(source, {p.proposal}));
    return absl::OkStatus();
  }
  absl::Status operator()(const ProposalSplit& p) {
    PARTICIPA_ASSIGN_OR_RETURN(Proposal * source, find(p.source));
    ScopeId scope = source->scope;
    std::vector<ProposalId> parts;
    for (const ProposalPart& part : p.parts) {
      if (part.proposal.is_nil() || state_.proposals.contains(part.proposal)) {
        return absl::DataLossError("a part of the split exists");
      }
      add_official(part.proposal, part.title, part.body, scope, {p.source});
      parts.push_back(part.proposal);
    }
    return retire(p.source, std::move(parts));
  }
  absl::Status operator()(const ProposalsCopied& p) {
    absl::StatusOr<const State*> source = state_of(context_.organization, p.source);
    if (!source.ok()) return absl::DataLossError(source.status().message());
    for (const ProposalCopy& copy : p.copies) {
      auto original = (*source)->proposals.find(copy.original);
      if (original == (*source)->proposals.end()) {
        return absl::DataLossError("copies a proposal its source does not hold");
      }
      if (copy.copy.is_nil() || state_.proposals.contains(copy.copy)) {
        return absl::DataLossError("the copy exists");
      }
      const Proposal& from = original->second;
      Proposal& to = state_.proposals[copy.copy];
      to.id = copy.copy;
      to.authors = from.authors;
      to.groups = from.groups;
      to.title = from.title;
      to.body = from.body;
      to.scope = from.scope;
      to.official = from.official;
      to.channel = from.channel;
      to.created_at = context_.event.time;
      to.published_at = context_.event.time;
      to.copied_from = copy.original;
      to.copied_from_component = p.source;
    }
    return absl::OkStatus();
  }

 private:
  absl::Status set_amendment_state(ProposalId id, std::string_view amendment_state) {
    PARTICIPA_ASSIGN_OR_RETURN(Proposal * emendation, find(id));
    if (emendation->amends.is_nil()) return absl::DataLossError("not an emendation");
    emendation->amendment_state = std::string(amendment_state);
    return absl::OkStatus();
  }

  absl::StatusOr<Proposal*> find(ProposalId id) {
    auto it = state_.proposals.find(id);
    if (it == state_.proposals.end()) return absl::DataLossError("unknown proposal");
    return &it->second;
  }

  static void count(Proposal& proposal, const Vote& vote, int sign) {
    proposal.votes += sign * vote.weight;
    proposal.votes_by_channel[static_cast<std::size_t>(vote.channel)] += sign * vote.weight;
  }

  // count_all_of — the voter crossed the minimum: every vote of theirs starts (or stops)
  // counting.
  void count_all_of(ParticipantId voter, int sign) {
    for (auto it = state_.votes.lower_bound({voter, ProposalId()});
         it != state_.votes.end() && it->first.first == voter; ++it) {
      count(state_.proposals[it->first.second], it->second, sign);
    }
  }

  // remove_vote — the vote stops counting (and, if its voter falls below the minimum, all of
  // theirs do) and is erased.
  void remove_vote(Proposal& proposal,
                   std::map<std::pair<ParticipantId, ProposalId>, Vote>::iterator vote) {
    ParticipantId voter = vote->first.first;
    // A proposal without votes has no entry, as in a state read from a snapshot.
    auto held = state_.weight_held.find(vote->first.second);
    if ((held->second -= vote->second.weight) == 0) state_.weight_held.erase(held);
    std::int64_t cast = state_.votes_cast[voter]--;
    if (cast > minimum_) {
      count(proposal, vote->second, -1);
    } else if (cast == minimum_) {
      count_all_of(voter, -1);
    }
    state_.votes.erase(vote);
  }

  // retire — a merged or split proposal leaves every list and takes its votes with it.
  absl::Status retire(ProposalId id, std::vector<ProposalId> replaced_by) {
    PARTICIPA_ASSIGN_OR_RETURN(Proposal * proposal, find(id));
    if (!proposal->replaced_by.empty()) return absl::DataLossError("retired twice");
    proposal->replaced_by = std::move(replaced_by);
    if (!proposal->official && !proposal->withdrawn) {
      --state_.proposals_authored[proposal->authors.front()];
    }
    for (auto it = state_.votes.begin(); it != state_.votes.end();) {
      auto next = std::next(it);
      if (it->first.second == id) remove_vote(*proposal, it);
      it = next;
    }
    return absl::OkStatus();
  }

  // official — a new official proposal, published now.
  Proposal& add_official(ProposalId id, const std::string& title, const std::string& body,
                         ScopeId scope, std::vector<ProposalId> sources) {
    Proposal& proposal = state_.proposals[id];
    proposal.id = id;
    proposal.title = title;
    proposal.body = body;
    proposal.scope = scope;
    proposal.official = true;
    proposal.channel = context_.event.actor.channel;
    proposal.created_at = context_.event.time;
    proposal.published_at = context_.event.time;
    proposal.sources = std::move(sources);
    return proposal;
  }

  // global_int — a global setting, fixed when the component is added; read directly, since
  // resolving every setting for each replayed event would cost more than the event itself.
  static std::int64_t global_int(const Settings& global, std::string_view name,
                                 std::int64_t fallback) {
    auto it = global.find(name);
    return it == global.end() ? fallback : std::get<std::int64_t>(it->second);
  }

  State& state_;
  const EventContext& context_;
  ParticipantId actor_;
  std::int64_t minimum_;
};

class Kind final : public space::TypedKind<Payload, State> {
 public:
  std::string_view name() const override { return kKind; }
  std::span<const SettingSpec> settings() const override { return specs(); }
  std::span<const std::string_view> actions() const override { return kActions; }
  // Writing is done for a group; supporting, answering and moderating are personal.
  bool done_for_group(const std::any& payload) const override {
    const auto* p = typed(payload);
    if (p == nullptr) return false;
    if (const auto* drafted = std::get_if<ProposalDrafted>(p)) return !drafted->official;
    return std::holds_alternative<AmendmentCreated>(*p) || std::holds_alternative<CommentAdded>(*p);
  }
  std::string_view name_of_payload(const Payload& payload) const override {
    return proposals::payload_name(payload);
  }
  absl::StatusOr<Payload> decide_payload(const ActionContext& context, const State& state,
                                         const Payload& payload) const override {
    return std::visit(Decider(context, state), payload);
  }
  absl::Status evolve_payload(State& state, const EventContext& context,
                              const Payload& payload) const override {
    return std::visit(Evolver(state, context), payload);
  }
};

}  // namespace

std::string_view payload_name(const Payload& payload) {
  return std::visit(
      Overloaded{
          [](const ProposalDrafted&) { return std::string_view("proposal-drafted"); },
          [](const ProposalPublished&) { return std::string_view("proposal-published"); },
          [](const ProposalEdited&) { return std::string_view("proposal-edited"); },
          [](const ProposalWithdrawn&) { return std::string_view("proposal-withdrawn"); },
          [](const ProposalAnswered&) { return std::string_view("proposal-answered"); },
          [](const AnswerPublished&) { return std::string_view("answer-published"); },
          [](const VoteCast&) { return std::string_view("vote-cast"); },
          [](const VoteWithdrawn&) { return std::string_view("vote-withdrawn"); },
          [](const ProposalLiked&) { return std::string_view("proposal-liked"); },
          [](const CommentAdded&) { return std::string_view("comment-added"); },
          [](const ContentHidden&) { return std::string_view("content-hidden"); },
          [](const EvaluatorAssigned&) { return std::string_view("evaluator-assigned"); },
          [](const NoteAdded&) { return std::string_view("note-added"); },
          [](const CommentVoted&) { return std::string_view("comment-voted"); },
          [](const ContentReported&) { return std::string_view("content-reported"); },
          [](const AmendmentCreated&) { return std::string_view("amendment-created"); },
          [](const AmendmentAccepted&) { return std::string_view("amendment-accepted"); },
          [](const AmendmentRejected&) { return std::string_view("amendment-rejected"); },
          [](const AmendmentWithdrawn&) { return std::string_view("amendment-withdrawn"); },
          [](const AmendmentPromoted&) { return std::string_view("amendment-promoted"); },
          [](const ProposalsMerged&) { return std::string_view("proposals-merged"); },
          [](const ProposalSplit&) { return std::string_view("proposal-split"); },
          [](const ProposalsCopied&) { return std::string_view("proposals-copied"); },
      },
      payload);
}

void register_kind() {
  static std::once_flag once;
  std::call_once(once, [] {
    absl::Status registered = space::register_component_kind(std::make_shared<Kind>());
    PARTICIPA_DCHECK(registered.ok());
    (void)registered;
  });
}

absl::StatusOr<const State*> state_of(const space::Organization& organization,
                                      ComponentId component) {
  return space::state_as<State>(organization, component, kKind);
}

}  // namespace participa::components::proposals
