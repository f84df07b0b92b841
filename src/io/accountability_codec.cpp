#include "io/component_codecs.hpp"

#include "io/record_fields.hpp"
#include "participa/components/accountability/accountability.hpp"
#include "participa/core/status_macros.hpp"
#include "participa/v1/accountability.pb.h"

namespace participa::io::detail {
namespace {

namespace ac = participa::components::accountability;

void put_status(const ac::ExecutionStatusAdded& e, v1::ExecutionStatus& out) {
  out.set_key(e.key);
  out.set_name(e.name);
  out.set_progress(e.progress);
}

ac::ExecutionStatusAdded get_status(const v1::ExecutionStatus& in) {
  return ac::ExecutionStatusAdded{.key = in.key(), .name = in.name(), .progress = in.progress()};
}

void put_commitment(const ac::CommitmentAdded& e, v1::Commitment& out) {
  out.set_commitment(id_bytes(e.commitment));
  out.set_parent(id_bytes(e.parent));
  out.set_title(e.title);
  out.set_description(e.description);
  out.set_status(e.status);
  if (e.progress) out.set_progress(*e.progress);
  if (e.weight) out.set_weight(*e.weight);
  put_ids(e.proposals, out.mutable_proposals());
  if (e.project) {
    v1::BudgetProjectLink& link = *out.mutable_project();
    link.set_budgets(id_bytes(e.project->budgets));
    link.set_budget(id_bytes(e.project->budget));
    link.set_project(id_bytes(e.project->project));
  }
}

absl::StatusOr<ac::CommitmentAdded> get_commitment(const v1::Commitment& in) {
  ac::CommitmentAdded out;
  PARTICIPA_RETURN_IF_ERROR(read_id(in.commitment(), out.commitment, "commitment"));
  PARTICIPA_RETURN_IF_ERROR(read_id(in.parent(), out.parent, "parent commitment"));
  out.title = in.title();
  out.description = in.description();
  out.status = in.status();
  if (in.has_progress()) out.progress = in.progress();
  if (in.has_weight()) out.weight = in.weight();
  PARTICIPA_RETURN_IF_ERROR(read_ids(in.proposals(), out.proposals, "linked proposal"));
  if (in.has_project()) {
    ac::BudgetLink link;
    PARTICIPA_RETURN_IF_ERROR(read_id(in.project().budgets(), link.budgets, "budgets component"));
    PARTICIPA_RETURN_IF_ERROR(read_id(in.project().budget(), link.budget, "budget"));
    PARTICIPA_RETURN_IF_ERROR(read_id(in.project().project(), link.project, "budget project"));
    out.project = link;
  }
  return out;
}

void put_milestone(CommitmentId commitment, const ac::Milestone& e, v1::MilestoneAdded& out) {
  out.set_commitment(id_bytes(commitment));
  out.set_milestone(id_bytes(e.id));
  out.set_date(micros(e.date));
  out.set_title(e.title);
  out.set_description(e.description);
}

absl::Status get_milestone(const v1::MilestoneAdded& in, CommitmentId& commitment,
                           ac::Milestone& out) {
  PARTICIPA_RETURN_IF_ERROR(read_id(in.commitment(), commitment, "commitment"));
  PARTICIPA_RETURN_IF_ERROR(read_id(in.milestone(), out.id, "milestone"));
  out.date = from_micros(in.date());
  out.title = in.title();
  out.description = in.description();
  return absl::OkStatus();
}

absl::StatusOr<std::string> encode_payload(const std::any& payload) {
  const auto& p = std::any_cast<const ac::Payload&>(payload);
  v1::AccountabilityEvent m;
  std::visit(
      Overloaded{
          [&](const ac::ExecutionStatusAdded& e) { put_status(e, *m.mutable_status_added()); },
          [&](const ac::CommitmentAdded& e) { put_commitment(e, *m.mutable_commitment_added()); },
          [&](const ac::CommitmentProgressed& e) {
            auto* out = m.mutable_commitment_progressed();
            out->set_commitment(id_bytes(e.commitment));
            out->set_status(e.status);
            if (e.progress) out->set_progress(*e.progress);
          },
          [&](const ac::MilestoneAdded& e) {
            put_milestone(e.commitment, {e.milestone, e.date, e.title, e.description},
                          *m.mutable_milestone_added());
          },
          [&](const ac::CommitmentsImported& e) {
            auto* out = m.mutable_commitments_imported();
            out->set_budgets(id_bytes(e.budgets));
            out->set_budget(id_bytes(e.budget));
            for (const ac::CommitmentAdded& r : e.commitments)
              put_commitment(r, *out->add_commitments());
          },
      },
      p);
  return deterministic_bytes(m);
}

absl::StatusOr<ac::Payload> get_payload(const v1::AccountabilityEvent& m) {
  switch (m.event_case()) {
    case v1::AccountabilityEvent::kStatusAdded:
      return get_status(m.status_added());
    case v1::AccountabilityEvent::kCommitmentAdded: {
      PARTICIPA_ASSIGN_OR_RETURN(ac::CommitmentAdded added, get_commitment(m.commitment_added()));
      return added;
    }
    case v1::AccountabilityEvent::kCommitmentProgressed: {
      const auto& in = m.commitment_progressed();
      ac::CommitmentProgressed out;
      PARTICIPA_RETURN_IF_ERROR(read_id(in.commitment(), out.commitment, "commitment"));
      out.status = in.status();
      if (in.has_progress()) out.progress = in.progress();
      return out;
    }
    case v1::AccountabilityEvent::kMilestoneAdded: {
      ac::MilestoneAdded out;
      ac::Milestone milestone;
      PARTICIPA_RETURN_IF_ERROR(get_milestone(m.milestone_added(), out.commitment, milestone));
      out.milestone = milestone.id;
      out.date = milestone.date;
      out.title = std::move(milestone.title);
      out.description = std::move(milestone.description);
      return out;
    }
    case v1::AccountabilityEvent::kCommitmentsImported: {
      const auto& in = m.commitments_imported();
      ac::CommitmentsImported out;
      PARTICIPA_RETURN_IF_ERROR(read_id(in.budgets(), out.budgets, "budgets component"));
      PARTICIPA_RETURN_IF_ERROR(read_id(in.budget(), out.budget, "budget"));
      for (const v1::Commitment& r : in.commitments()) {
        PARTICIPA_ASSIGN_OR_RETURN(ac::CommitmentAdded added, get_commitment(r));
        out.commitments.push_back(std::move(added));
      }
      return out;
    }
    case v1::AccountabilityEvent::EVENT_NOT_SET:
      break;
  }
  return absl::DataLossError("the accountability payload holds no known event");
}

absl::StatusOr<std::any> decode_payload(std::string_view bytes) {
  v1::AccountabilityEvent m;
  if (!m.ParseFromString(std::string(bytes))) {
    return absl::DataLossError("the accountability payload does not parse");
  }
  PARTICIPA_ASSIGN_OR_RETURN(ac::Payload payload, get_payload(m));
  return std::any(std::move(payload));
}

absl::StatusOr<std::string> encode_state(const std::any& value) {
  const auto& state = std::any_cast<const ac::State&>(value);
  if (state.status_order.size() != state.statuses.size() ||
      state.added.size() != state.commitments.size()) {
    return absl::InvalidArgumentError("the accountability state lists its items inconsistently");
  }
  v1::AccountabilityState m;
  for (const std::string& key : state.status_order) {
    auto found = state.statuses.find(key);
    if (found == state.statuses.end()) {
      return absl::InvalidArgumentError("the accountability state lists a status it does not hold");
    }
    put_status(found->second, *m.add_statuses());
  }
  for (CommitmentId id : state.added) {
    auto found = state.commitments.find(id);
    if (found == state.commitments.end()) {
      return absl::InvalidArgumentError(
          "the accountability state lists a commitment it does not hold");
    }
    const ac::Commitment& commitment = found->second;
    v1::CommitmentState& out = *m.add_commitments();
    put_commitment(commitment.added, *out.mutable_added());
    out.set_status(commitment.status);
    out.set_progress(commitment.progress);
    for (const ac::Milestone& milestone : commitment.milestones) {
      put_milestone(id, milestone, *out.add_milestones());
    }
  }
  return deterministic_bytes(m);
}

absl::StatusOr<std::any> decode_state(std::string_view bytes) {
  v1::AccountabilityState m;
  if (!m.ParseFromString(std::string(bytes))) {
    return absl::DataLossError("the accountability state does not parse");
  }
  ac::State state;
  for (const v1::ExecutionStatus& in : m.statuses()) {
    ac::ExecutionStatusAdded status = get_status(in);
    const std::string key = status.key;
    if (!state.statuses.emplace(key, std::move(status)).second) {
      return absl::DataLossError("the accountability state names a status twice");
    }
    state.status_order.push_back(key);
  }
  for (const v1::CommitmentState& in : m.commitments()) {
    ac::Commitment commitment;
    PARTICIPA_ASSIGN_OR_RETURN(commitment.added, get_commitment(in.added()));
    commitment.status = in.status();
    commitment.progress = in.progress();
    for (const v1::MilestoneAdded& mm : in.milestones()) {
      CommitmentId owner;
      ac::Milestone milestone;
      PARTICIPA_RETURN_IF_ERROR(get_milestone(mm, owner, milestone));
      if (owner != commitment.added.commitment) {
        return absl::DataLossError("a milestone names another commitment");
      }
      commitment.milestones.push_back(std::move(milestone));
    }
    const CommitmentId id = commitment.added.commitment;
    const CommitmentId parent = commitment.added.parent;
    if (!parent.is_nil()) {
      auto found = state.commitments.find(parent);
      if (found == state.commitments.end()) {
        return absl::DataLossError("a commitment comes before its parent");
      }
      found->second.children.push_back(id);
    }
    if (!state.commitments.emplace(id, std::move(commitment)).second) {
      return absl::DataLossError("the accountability state names a commitment twice");
    }
    state.added.push_back(id);
  }
  return std::any(std::move(state));
}

}  // namespace

ComponentCodec accountability_payload_codec() {
  return ComponentCodec{"type.googleapis.com/participa.v1.AccountabilityEvent", typeid(ac::Payload),
                        encode_payload, decode_payload};
}

StateCodec accountability_state_codec() {
  return StateCodec{"type.googleapis.com/participa.v1.AccountabilityState", typeid(ac::State),
                    encode_state, decode_state};
}

}  // namespace participa::io::detail
