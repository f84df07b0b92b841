// Bindings of participa::components::proposals: payloads, state and queries.
#include "participa/components/proposals/proposals.hpp"

#include "participa/components/proposals/queries.hpp"
#include "record_casters.hpp"
#include "register.hpp"

namespace participa::python {
namespace {

namespace pr = participa::components::proposals;

template <class T>
py::class_<T> payload_class(py::module_& m, const char* name, const char* doc) {
  return py::class_<T>(m, name, doc);
}

void register_payloads(py::module_& m) {
  auto drafted = payload_class<pr::ProposalDrafted>(m, "ProposalDrafted",
                                                    "A draft; the actor is its first author.");
  def_fields(drafted, Field{"proposal", &pr::ProposalDrafted::proposal},
             Field{"title", &pr::ProposalDrafted::title}, Field{"body", &pr::ProposalDrafted::body},
             Field{"scope", &pr::ProposalDrafted::scope},
             Field{"official", &pr::ProposalDrafted::official},
             Field{"coauthors", &pr::ProposalDrafted::coauthors});
  auto published =
      payload_class<pr::ProposalPublished>(m, "ProposalPublished", "A draft made public.");
  def_fields(published, Field{"proposal", &pr::ProposalPublished::proposal});
  auto edited = payload_class<pr::ProposalEdited>(m, "ProposalEdited",
                                                  "New title and body, within the edit window.");
  def_fields(edited, Field{"proposal", &pr::ProposalEdited::proposal},
             Field{"title", &pr::ProposalEdited::title}, Field{"body", &pr::ProposalEdited::body});
  auto withdrawn =
      payload_class<pr::ProposalWithdrawn>(m, "ProposalWithdrawn", "Withdrawn by its author.");
  def_fields(withdrawn, Field{"proposal", &pr::ProposalWithdrawn::proposal});
  auto answered = payload_class<pr::ProposalAnswered>(
      m, "ProposalAnswered", "An answer: evaluating, accepted, rejected or a custom state.");
  def_fields(answered, Field{"proposal", &pr::ProposalAnswered::proposal},
             Field{"state", &pr::ProposalAnswered::state},
             Field{"answer", &pr::ProposalAnswered::answer},
             Field{"cost", &pr::ProposalAnswered::cost},
             Field{"published", &pr::ProposalAnswered::published});
  auto answer_published =
      payload_class<pr::AnswerPublished>(m, "AnswerPublished", "An answer made public.");
  def_fields(answer_published, Field{"proposal", &pr::AnswerPublished::proposal});
  auto vote = payload_class<pr::VoteCast>(m, "VoteCast", "A vote (support) for a proposal.");
  def_fields(vote, Field{"proposal", &pr::VoteCast::proposal},
             Field{"weight", &pr::VoteCast::weight});
  auto unvote = payload_class<pr::VoteWithdrawn>(m, "VoteWithdrawn", "A vote taken back.");
  def_fields(unvote, Field{"proposal", &pr::VoteWithdrawn::proposal});
  auto liked = payload_class<pr::ProposalLiked>(
      m, "ProposalLiked", "A like, which is not a vote; liked=False takes it back.");
  def_fields(liked, Field{"proposal", &pr::ProposalLiked::proposal},
             Field{"liked", &pr::ProposalLiked::liked});
  auto comment = payload_class<pr::CommentAdded>(
      m, "CommentAdded", "A comment or a reply (parent), alignment -1, 0 or +1.");
  def_fields(
      comment, Field{"comment", &pr::CommentAdded::comment},
      Field{"proposal", &pr::CommentAdded::proposal}, Field{"parent", &pr::CommentAdded::parent},
      Field{"alignment", &pr::CommentAdded::alignment}, Field{"body", &pr::CommentAdded::body});
  auto hidden = payload_class<pr::ContentHidden>(
      m, "ContentHidden", "A proposal, or a comment when comment is set, hidden or unhidden.");
  def_fields(hidden, Field{"proposal", &pr::ContentHidden::proposal},
             Field{"comment", &pr::ContentHidden::comment},
             Field{"hidden", &pr::ContentHidden::hidden},
             Field{"reason", &pr::ContentHidden::reason});
  auto assigned = payload_class<pr::EvaluatorAssigned>(
      m, "EvaluatorAssigned",
      "A proposal assigned to an evaluator (assigned=False takes it back).");
  def_fields(assigned, Field{"proposal", &pr::EvaluatorAssigned::proposal},
             Field{"evaluator", &pr::EvaluatorAssigned::evaluator},
             Field{"assigned", &pr::EvaluatorAssigned::assigned});
  auto note = payload_class<pr::NoteAdded>(
      m, "NoteAdded", "A private note for admins and the proposal's evaluators.");
  def_fields(note, Field{"note", &pr::NoteAdded::note}, Field{"proposal", &pr::NoteAdded::proposal},
             Field{"body", &pr::NoteAdded::body});
  auto comment_voted = payload_class<pr::CommentVoted>(
      m, "CommentVoted", "An up (+1) or down (-1) vote on a comment; 0 takes it back.");
  def_fields(comment_voted, Field{"comment", &pr::CommentVoted::comment},
             Field{"vote", &pr::CommentVoted::vote});
  auto reported = payload_class<pr::ContentReported>(
      m, "ContentReported",
      "A report of a proposal or comment: spam, offensive or does-not-belong.");
  def_fields(reported, Field{"proposal", &pr::ContentReported::proposal},
             Field{"comment", &pr::ContentReported::comment},
             Field{"reason", &pr::ContentReported::reason},
             Field{"details", &pr::ContentReported::details});
  auto amended = payload_class<pr::AmendmentCreated>(
      m, "AmendmentCreated", "An emendation of a published proposal (the amendable).");
  def_fields(amended, Field{"emendation", &pr::AmendmentCreated::emendation},
             Field{"amendable", &pr::AmendmentCreated::amendable},
             Field{"title", &pr::AmendmentCreated::title},
             Field{"body", &pr::AmendmentCreated::body});
  auto accepted = payload_class<pr::AmendmentAccepted>(
      m, "AmendmentAccepted", "The amendable's author takes the emendation's text.");
  def_fields(accepted, Field{"emendation", &pr::AmendmentAccepted::emendation});
  auto rejected =
      payload_class<pr::AmendmentRejected>(m, "AmendmentRejected", "The emendation rejected.");
  def_fields(rejected, Field{"emendation", &pr::AmendmentRejected::emendation});
  auto amendment_withdrawn = payload_class<pr::AmendmentWithdrawn>(
      m, "AmendmentWithdrawn", "The emendation withdrawn by its author.");
  def_fields(amendment_withdrawn, Field{"emendation", &pr::AmendmentWithdrawn::emendation});
  auto promoted = payload_class<pr::AmendmentPromoted>(
      m, "AmendmentPromoted", "A rejected emendation made a proposal of its own.");
  def_fields(promoted, Field{"emendation", &pr::AmendmentPromoted::emendation},
             Field{"proposal", &pr::AmendmentPromoted::proposal});
  auto merged = payload_class<pr::ProposalsMerged>(
      m, "ProposalsMerged", "Proposals merged by an admin into a new official one.");
  def_fields(merged, Field{"proposal", &pr::ProposalsMerged::proposal},
             Field{"sources", &pr::ProposalsMerged::sources},
             Field{"title", &pr::ProposalsMerged::title},
             Field{"body", &pr::ProposalsMerged::body});
  py::class_<pr::ProposalPart> part(m, "ProposalPart", "One proposal a split makes.");
  def_fields(part, Field{"proposal", &pr::ProposalPart::proposal},
             Field{"title", &pr::ProposalPart::title}, Field{"body", &pr::ProposalPart::body});
  auto split = payload_class<pr::ProposalSplit>(
      m, "ProposalSplit", "A proposal split by an admin into new official ones.");
  def_fields(split, Field{"source", &pr::ProposalSplit::source},
             Field{"parts", &pr::ProposalSplit::parts});
  py::class_<pr::ProposalCopy> copy(m, "ProposalCopy", "An original and its copy.");
  def_fields(copy, Field{"original", &pr::ProposalCopy::original},
             Field{"copy", &pr::ProposalCopy::copy});
  auto copied = payload_class<pr::ProposalsCopied>(
      m, "ProposalsCopied",
      "An admin copies another proposals component's published proposals (those answered "
      "state, when given) into this one; the copies are assigned.");
  def_fields(copied, Field{"source", &pr::ProposalsCopied::source},
             Field{"state", &pr::ProposalsCopied::state},
             Field{"copies", &pr::ProposalsCopied::copies});
}

void register_state(py::module_& m) {
  py::class_<pr::Proposal> proposal(m, "Proposal",
                                    "A proposal as the record holds it (hidden ones included).");
  def_fields(proposal, Field{"id", &pr::Proposal::id}, Field{"authors", &pr::Proposal::authors},
             Field{"groups", &pr::Proposal::groups}, Field{"title", &pr::Proposal::title},
             Field{"body", &pr::Proposal::body}, Field{"scope", &pr::Proposal::scope},
             Field{"official", &pr::Proposal::official}, Field{"channel", &pr::Proposal::channel},
             Field{"created_at", &pr::Proposal::created_at},
             Field{"published_at", &pr::Proposal::published_at},
             Field{"withdrawn", &pr::Proposal::withdrawn},
             Field{"answer_state", &pr::Proposal::answer_state},
             Field{"answer", &pr::Proposal::answer}, Field{"cost", &pr::Proposal::cost},
             Field{"answer_published", &pr::Proposal::answer_published},
             Field{"votes", &pr::Proposal::votes},
             Field{"votes_by_channel", &pr::Proposal::votes_by_channel},
             Field{"likes", &pr::Proposal::likes}, Field{"comments", &pr::Proposal::comments},
             Field{"hidden", &pr::Proposal::hidden}, Field{"reports", &pr::Proposal::reports},
             Field{"evaluators", &pr::Proposal::evaluators}, Field{"amends", &pr::Proposal::amends},
             Field{"amendment_state", &pr::Proposal::amendment_state},
             Field{"promoted_from", &pr::Proposal::promoted_from},
             Field{"sources", &pr::Proposal::sources},
             Field{"replaced_by", &pr::Proposal::replaced_by},
             Field{"copied_from", &pr::Proposal::copied_from},
             Field{"copied_from_component", &pr::Proposal::copied_from_component});
  py::class_<pr::Vote> vote(m, "Vote", "One participant's vote on one proposal.");
  def_fields(vote, Field{"weight", &pr::Vote::weight}, Field{"channel", &pr::Vote::channel});
  py::class_<pr::Comment> comment(m, "Comment", "A comment in a proposal's thread.");
  def_fields(comment, Field{"id", &pr::Comment::id}, Field{"proposal", &pr::Comment::proposal},
             Field{"parent", &pr::Comment::parent}, Field{"author", &pr::Comment::author},
             Field{"group", &pr::Comment::group}, Field{"depth", &pr::Comment::depth},
             Field{"alignment", &pr::Comment::alignment}, Field{"body", &pr::Comment::body},
             Field{"hidden", &pr::Comment::hidden}, Field{"up_votes", &pr::Comment::up_votes},
             Field{"down_votes", &pr::Comment::down_votes},
             Field{"reports", &pr::Comment::reports});
  py::class_<pr::Note> note(m, "Note", "A private note on a proposal.");
  def_fields(note, Field{"id", &pr::Note::id}, Field{"proposal", &pr::Note::proposal},
             Field{"author", &pr::Note::author}, Field{"created_at", &pr::Note::created_at},
             Field{"body", &pr::Note::body});
  py::class_<pr::State> state(m, "State", "A proposals component's state; attributes are copies.");
  state.def_readonly("proposals", &pr::State::proposals)
      .def_readonly("votes", &pr::State::votes,
                    "(participant, proposal) -> Vote, every vote including temporary ones")
      .def_readonly("votes_cast", &pr::State::votes_cast)
      .def_readonly("proposals_authored", &pr::State::proposals_authored)
      .def_readonly("likes", &pr::State::likes)
      .def_readonly("comments", &pr::State::comments)
      .def_readonly("comment_votes", &pr::State::comment_votes)
      .def_readonly("reports", &pr::State::reports,
                    "(reporter, proposal, comment) of every report; comment None for a proposal")
      .def_readonly("notes", &pr::State::notes)
      .def("__repr__", [](const pr::State& s) {
        return str_cat("proposals.State(proposals=", s.proposals.size(), ", votes=", s.votes.size(),
                       ", comments=", s.comments.size(), ")");
      });
  def_not_picklable(state, "pickle the events (Ledger.events()) and fold them with evolve()");
}

void document_fields(const py::module_& m) {
  document_attributes(
      m,
      {{"id", "Its id."},
       {"proposal", "The proposal's id."},
       {"comment", "The comment's id."},
       {"ContentHidden.comment", "The comment hidden; None when the proposal is."},
       {"ContentReported.comment", "The comment reported; None when the proposal is."},
       {"emendation", "The emendation's id: the proposal that amends another."},
       {"title", "Its title."},
       {"body", "Its text."},
       {"scope", "The scope it concerns; None for the space's."},
       {"official", "Whether it speaks for the organization (drafted by an admin)."},
       {"authors", "Its authors; the first drafted it."},
       {"groups", "The groups its authors wrote it for."},
       {"author", "Who wrote it."},
       {"channel", "How it reached the record: online, in person or mediated."},
       {"created_at", "When it was written."},
       {"hidden", "Whether it is hidden, by a moderator or by enough reports."},
       {"ContentHidden.hidden", "Whether to hide it (False unhides)."},
       {"reports", "How many participants reported it."},
       {"alignment", "Against (-1), neutral (0) or in favour (+1) of the proposal."},
       {"parent", "The comment it replies to; None for a comment on the proposal."},
       {"weight", "The vote's weight (1 unless maximum_vote_weight allows more)."},
       {"votes", "The counted (final) vote weight."},
       {"votes_by_channel", "The counted vote weight per channel, indexed by Channel."},
       {"likes", "How many participants liked it."},
       {"comments", "How many comments it has."},
       {"withdrawn", "Whether its author withdrew it."},
       {"amends", "For an emendation, the proposal it amends; None otherwise."},
       {"amendment_state",
        "For an emendation: evaluating, accepted, rejected, withdrawn or promoted; empty "
        "otherwise."},
       {"answer", "The administration's answer text."},
       {"cost", "The cost stated with the answer; None when not given."},
       {"reason", "Why it is reported: spam, offensive or does-not-belong."},
       {"state", "An answer state: evaluating, accepted, rejected or a custom one."},
       {"sources", "The proposals it was merged from (two or more)."},
       {"ProposalDrafted.coauthors", "Authors beside the actor, who is the first."},
       {"ProposalAnswered.published", "Whether the answer is public (set from the settings)."},
       {"ProposalView.published", "Whether it is published."},
       {"ProposalView.state", "Its public answer state; empty when none is published."},
       {"ProposalView.votes", "The counted vote weight; None while hidden from this reader."},
       {"ProposalView.votes_by_channel", "Per channel; None while hidden from this reader."},
       {"ProposalLiked.liked", "Whether the actor likes it (False takes the like back)."},
       {"EvaluatorAssigned.evaluator", "The evaluator of the space who may answer it."},
       {"EvaluatorAssigned.assigned", "Whether it is assigned (False takes it back)."},
       {"NoteAdded.note", "The note's id."},
       {"CommentVoted.vote", "Up (+1) or down (-1); 0 takes the actor's back."},
       {"ContentReported.details", "What the reporter adds."},
       {"ContentHidden.reason", "Why the moderator hid it."},
       {"AmendmentCreated.amendable", "The published proposal it amends."},
       {"AmendmentPromoted.proposal", "The new proposal the emendation's text becomes."},
       {"ProposalSplit.source", "The proposal split, now retired."},
       {"ProposalSplit.parts", "The new proposals (two or more)."},
       {"ProposalsCopied.source", "The proposals component the originals are in."},
       {"ProposalsCopied.state",
        "Copy those whose published answer is this; empty: every published one."},
       {"ProposalsCopied.copies", "The copies made, in the originals' id order (assigned)."},
       {"ProposalCopy.original", "The proposal copied."},
       {"ProposalCopy.copy", "The copy's id in this component."},
       {"ProposalLink.component", "The proposals component that holds it."},
       {"Proposal.published_at", "When it was published; None while a draft."},
       {"Proposal.answer_state", "Its answer state, published or not; empty: not answered."},
       {"Proposal.answer_published", "Whether the answer is public."},
       {"Proposal.evaluators", "The evaluators assigned to answer it."},
       {"Proposal.promoted_from", "The rejected emendation it was promoted from, or None."},
       {"Proposal.sources", "The proposals it was merged or split from."},
       {"Proposal.replaced_by", "The proposals it was merged or split into: set, it is retired."},
       {"Proposal.copied_from", "For a copy, its original; None otherwise."},
       {"Proposal.copied_from_component", "For a copy, the component of its original."},
       {"Comment.group", "The group the author wrote it for, or None."},
       {"Comment.depth", "0 for a comment on the proposal, up to 3 for replies."},
       {"Comment.up_votes", "How many up votes it has."},
       {"Comment.down_votes", "How many down votes it has."},
       {"State.proposals", "Every proposal by id."},
       {"State.votes_cast", "How many votes each participant has cast."},
       {"State.proposals_authored", "How many proposals (not withdrawn) each participant wrote."},
       {"State.likes", "(participant, proposal) of every like."},
       {"State.comments", "Every comment by id."},
       {"State.comment_votes", "+1 or -1 by (participant, comment)."},
       {"State.notes", "Every private note by id."}});
}

}  // namespace

void register_proposals(py::module_& m) {
  pr::register_kind();
  register_payloads(m);
  register_state(m);
  register_component_any<pr::Payload, pr::State>();
  def_named_enum(m, "SortOrder", pr::kSortOrderNames,
                 "most-voted, recent, or random in an order fixed by a seed.");

  py::class_<pr::ProposalView> view(
      m, "ProposalView", "What one reader may see of a proposal; votes None while hidden.");
  def_fields(
      view, Field{"id", &pr::ProposalView::id}, Field{"title", &pr::ProposalView::title},
      Field{"authors", &pr::ProposalView::authors}, Field{"groups", &pr::ProposalView::groups},
      Field{"official", &pr::ProposalView::official},
      Field{"published", &pr::ProposalView::published},
      Field{"withdrawn", &pr::ProposalView::withdrawn}, Field{"state", &pr::ProposalView::state},
      Field{"amends", &pr::ProposalView::amends},
      Field{"amendment_state", &pr::ProposalView::amendment_state},
      Field{"votes", &pr::ProposalView::votes},
      Field{"votes_by_channel", &pr::ProposalView::votes_by_channel},
      Field{"likes", &pr::ProposalView::likes}, Field{"comments", &pr::ProposalView::comments});

  py::class_<pr::ProposalLink> link(m, "ProposalLink", "A proposal and its component.");
  def_fields(link, Field{"component", &pr::ProposalLink::component},
             Field{"proposal", &pr::ProposalLink::proposal});
  m.def("copies_of", &pr::copies_of, "organization"_a, "original"_a,
        "The copies of a proposal in every proposals component, as ProposalLinks.");
  m.def(
      "state_of",
      [](const space::Organization& organization, ComponentId component) {
        return unwrap(pr::state_of(organization, component));
      },
      "organization"_a, "component"_a, py::return_value_policy::reference_internal,
      "The proposals state of a component (KeyError: no such component; ValueError: another "
      "kind). It lives as long as the organization.");
  m.def(
      "list_proposals",
      [](const space::Organization& organization, ComponentId component, ParticipantId reader,
         std::optional<std::string> state, std::optional<ScopeId> scope, bool mine,
         bool include_withdrawn, bool emendations, pr::SortOrder order, std::uint64_t seed) {
        pr::ProposalQuery query{.state = std::move(state),
                                .scope = scope,
                                .mine = mine,
                                .include_withdrawn = include_withdrawn,
                                .emendations = emendations,
                                .order = order,
                                .seed = seed};
        return unwrap(pr::list_proposals(organization, component, reader, query));
      },
      "organization"_a, "component"_a, "reader"_a = ParticipantId(), py::kw_only(),
      "state"_a = std::nullopt, "scope"_a = std::nullopt, "mine"_a = false,
      "include_withdrawn"_a = false, "emendations"_a = false, "order"_a = pr::SortOrder::kMostVoted,
      "seed"_a = 0,
      "The proposals `reader` may see (None: an anonymous visitor), filtered and sorted as the "
      "component's public list is.");
  document_fields(m);
}

}  // namespace participa::python
