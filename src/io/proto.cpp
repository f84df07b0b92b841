#include "participa/io/proto.hpp"

#include "absl/container/flat_hash_map.h"
#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"
#include "participa/tally/profile_builder.hpp"

namespace participa::io {
namespace {

v1::BallotKind kind_to_proto(tally::BallotKind kind) {
  switch (kind) {
    case tally::BallotKind::kSingleChoice:
      return v1::BALLOT_KIND_SINGLE_CHOICE;
    case tally::BallotKind::kApproval:
      return v1::BALLOT_KIND_APPROVAL;
    case tally::BallotKind::kRanked:
      return v1::BALLOT_KIND_RANKED;
    case tally::BallotKind::kScore:
      return v1::BALLOT_KIND_SCORE;
    case tally::BallotKind::kCumulative:
      return v1::BALLOT_KIND_CUMULATIVE;
  }
  return v1::BALLOT_KIND_UNSPECIFIED;
}

absl::StatusOr<tally::BallotKind> kind_from_proto(v1::BallotKind kind) {
  switch (kind) {
    case v1::BALLOT_KIND_SINGLE_CHOICE:
      return tally::BallotKind::kSingleChoice;
    case v1::BALLOT_KIND_APPROVAL:
      return tally::BallotKind::kApproval;
    case v1::BALLOT_KIND_RANKED:
      return tally::BallotKind::kRanked;
    case v1::BALLOT_KIND_SCORE:
      return tally::BallotKind::kScore;
    case v1::BALLOT_KIND_CUMULATIVE:
      return tally::BallotKind::kCumulative;
    default:
      return absl::InvalidArgumentError(
          str_cat("Profile.kind ", static_cast<int>(kind), " is not a ballot kind"));
  }
}

absl::Status check_version(std::uint32_t version, std::string_view message) {
  if (version != kFormatVersion) {
    return absl::DataLossError(str_cat(message, ".format_version is ", version,
                                       "; this participa reads version ", kFormatVersion));
  }
  return absl::OkStatus();
}

// Candidate names back to indices.
class Names {
 public:
  explicit Names(const std::vector<std::string>& names) {
    for (std::size_t i = 0; i < names.size(); ++i) {
      index_.emplace(names[i], static_cast<tally::Candidate>(i));
    }
  }
  absl::StatusOr<tally::Candidate> find(const std::string& name, std::string_view field) const {
    auto it = index_.find(name);
    if (it == index_.end()) {
      return absl::InvalidArgumentError(str_cat(field, " names unknown candidate '", name, "'"));
    }
    return it->second;
  }
  absl::StatusOr<std::vector<tally::Candidate>> find_all(
      const google::protobuf::RepeatedPtrField<std::string>& names, std::string_view field) const {
    std::vector<tally::Candidate> out;
    for (const auto& n : names) {
      PARTICIPA_ASSIGN_OR_RETURN(auto c, find(n, field));
      out.push_back(c);
    }
    return out;
  }

 private:
  absl::flat_hash_map<std::string, tally::Candidate> index_;
};

absl::StatusOr<Rational> rational(const std::string& text, std::string_view field) {
  auto r = parse_rational(text);
  if (!r.ok()) {
    return absl::InvalidArgumentError(str_cat(field, ": ", std::string(r.status().message())));
  }
  return r;
}

// pairwise_from_proto — the head-to-head counts, checked to be what a count could give: a row
// per candidate, an entry per candidate, nothing on the diagonal, and no pair whose two sides
// add up to more than the ballots counted.
absl::StatusOr<std::vector<std::vector<std::uint64_t>>> pairwise_from_proto(
    const v1::Result& m, std::uint64_t total_weight) {
  std::vector<std::vector<std::uint64_t>> pairwise;
  if (m.pairwise().empty()) return pairwise;
  const auto n = static_cast<std::size_t>(m.candidates_size());
  if (static_cast<std::size_t>(m.pairwise_size()) != n) {
    return absl::InvalidArgumentError(
        str_cat("Result.pairwise has ", m.pairwise_size(), " rows for ", n, " candidates"));
  }
  for (const auto& row : m.pairwise()) {
    if (static_cast<std::size_t>(row.support_size()) != n) {
      return absl::InvalidArgumentError(str_cat("Result.pairwise row ", pairwise.size() + 1,
                                                " has ", row.support_size(), " entries for ", n,
                                                " candidates"));
    }
    pairwise.emplace_back(row.support().begin(), row.support().end());
  }
  for (std::size_t a = 0; a < n; ++a) {
    if (pairwise[a][a] != 0) {
      return absl::InvalidArgumentError(str_cat("Result.pairwise: candidate '",
                                                m.candidates(static_cast<int>(a)),
                                                "' is counted against itself"));
    }
    for (std::size_t b = a + 1; b < n; ++b) {
      if (pairwise[a][b] > total_weight || pairwise[b][a] > total_weight - pairwise[a][b]) {
        return absl::InvalidArgumentError(
            str_cat("Result.pairwise: '", m.candidates(static_cast<int>(a)), "' and '",
                    m.candidates(static_cast<int>(b)), "' are compared on more ballots than the ",
                    total_weight, " counted"));
      }
    }
  }
  return pairwise;
}

}  // namespace

v1::Profile to_proto(const tally::Profile& profile) {
  v1::Profile m;
  m.set_format_version(kFormatVersion);
  m.set_kind(kind_to_proto(profile.kind()));
  for (const auto& name : profile.candidates()) m.add_candidates(name);
  for (std::size_t i = 0; i < profile.num_distinct(); ++i) {
    auto* b = m.add_ballots();
    tally::BallotView view = profile.ballot(i);
    b->mutable_marks()->Add(view.marks.begin(), view.marks.end());
    b->mutable_values()->Add(view.values.begin(), view.values.end());
    b->set_count(profile.weight(i));
  }
  return m;
}

absl::StatusOr<tally::Profile> from_proto(const v1::Profile& m) {
  PARTICIPA_RETURN_IF_ERROR(check_version(m.format_version(), "Profile"));
  PARTICIPA_ASSIGN_OR_RETURN(tally::BallotKind kind, kind_from_proto(m.kind()));
  PARTICIPA_ASSIGN_OR_RETURN(
      tally::ProfileBuilder profile,
      tally::ProfileBuilder::create(
          std::vector<std::string>(m.candidates().begin(), m.candidates().end()), kind));
  for (int i = 0; i < m.ballots_size(); ++i) {
    const auto& b = m.ballots(i);
    if (b.count() == 0) {
      return absl::InvalidArgumentError(str_cat("Profile.ballots[", i, "].count is 0"));
    }
    std::vector<tally::Candidate> marks(b.marks().begin(), b.marks().end());
    std::vector<std::int32_t> values(b.values().begin(), b.values().end());
    absl::Status added = profile.add(tally::BallotView{marks, values}, b.count());
    if (!added.ok()) {
      return absl::Status(added.code(),
                          str_cat("Profile.ballots[", i, "]: ", std::string(added.message())));
    }
  }
  return profile.build();
}

v1::Result to_proto(const tally::Result& r) {
  v1::Result m;
  m.set_format_version(kFormatVersion);
  m.set_method(r.method);
  auto name = [&](tally::Candidate c) -> const std::string& { return r.candidates[c]; };
  for (const auto& [k, v] : r.parameters) {
    auto* p = m.add_parameters();
    p->set_name(k);
    p->set_value(v);
  }
  for (const auto& c : r.candidates) m.add_candidates(c);
  for (auto w : r.winners) m.add_winners(name(w));
  m.set_tied_winners(r.tied_winners);
  for (const auto& tier : r.ranking) {
    auto* t = m.add_ranking();
    for (auto c : tier) t->add_candidates(name(c));
  }
  std::uint32_t number = 0;
  for (const auto& round : r.rounds) {
    auto* out = m.add_rounds();
    out->set_number(++number);
    for (const auto& e : round.tally) {
      auto* t = out->add_tally();
      t->set_candidate(name(e.candidate));
      t->set_votes(to_string(e.votes));
    }
    for (auto c : round.elected) out->add_elected(name(c));
    for (auto c : round.eliminated) out->add_eliminated(name(c));
    for (const auto& tr : round.transfers) {
      auto* t = out->add_transfers();
      t->set_from(name(tr.from));
      if (tr.to) t->set_to(name(*tr.to));
      t->set_votes(to_string(tr.votes));
    }
    out->set_exhausted(to_string(round.exhausted));
    if (round.threshold) out->set_threshold(to_string(*round.threshold));
    out->set_note(round.note);
  }
  for (const auto& tie : r.ties) {
    auto* t = m.add_ties();
    t->set_round(static_cast<std::uint32_t>(tie.round));
    t->set_purpose(std::string(tally::to_string(tie.purpose)));
    for (auto c : tie.tied) t->add_tied(name(c));
    for (auto c : tie.order) t->add_order(name(c));
  }
  for (const auto& row : r.pairwise) {
    m.add_pairwise()->mutable_support()->Add(row.begin(), row.end());
  }
  m.set_input_digest(r.input_digest.hex());
  m.set_total_weight(r.total_weight);
  return m;
}

absl::StatusOr<tally::Result> from_proto(const v1::Result& m) {
  PARTICIPA_RETURN_IF_ERROR(check_version(m.format_version(), "Result"));
  tally::Result r;
  r.method = m.method();
  for (const auto& p : m.parameters()) r.parameters.emplace_back(p.name(), p.value());
  r.candidates.assign(m.candidates().begin(), m.candidates().end());
  Names names(r.candidates);
  PARTICIPA_ASSIGN_OR_RETURN(r.winners, names.find_all(m.winners(), "Result.winners"));
  r.tied_winners = m.tied_winners();
  for (const auto& tier : m.ranking()) {
    PARTICIPA_ASSIGN_OR_RETURN(auto t, names.find_all(tier.candidates(), "Result.ranking"));
    r.ranking.push_back(std::move(t));
  }
  for (const auto& in : m.rounds()) {
    tally::Round round;
    for (const auto& e : in.tally()) {
      PARTICIPA_ASSIGN_OR_RETURN(auto c, names.find(e.candidate(), "Round.tally"));
      PARTICIPA_ASSIGN_OR_RETURN(auto votes, rational(e.votes(), "Round.tally.votes"));
      round.tally.push_back({c, votes});
    }
    PARTICIPA_ASSIGN_OR_RETURN(round.elected, names.find_all(in.elected(), "Round.elected"));
    PARTICIPA_ASSIGN_OR_RETURN(round.eliminated,
                               names.find_all(in.eliminated(), "Round.eliminated"));
    for (const auto& t : in.transfers()) {
      tally::Transfer tr;
      PARTICIPA_ASSIGN_OR_RETURN(tr.from, names.find(t.from(), "Transfer.from"));
      if (!t.to().empty()) {
        PARTICIPA_ASSIGN_OR_RETURN(tr.to, names.find(t.to(), "Transfer.to"));
      }
      PARTICIPA_ASSIGN_OR_RETURN(tr.votes, rational(t.votes(), "Transfer.votes"));
      round.transfers.push_back(std::move(tr));
    }
    PARTICIPA_ASSIGN_OR_RETURN(
        round.exhausted,
        rational(in.exhausted().empty() ? "0" : in.exhausted(), "Round.exhausted"));
    if (in.has_threshold()) {
      PARTICIPA_ASSIGN_OR_RETURN(round.threshold, rational(in.threshold(), "Round.threshold"));
    }
    round.note = in.note();
    r.rounds.push_back(std::move(round));
  }
  for (const auto& t : m.ties()) {
    tally::Tie tie;
    tie.round = static_cast<int>(t.round());
    if (t.purpose() == "winner") {
      tie.purpose = tally::TiePurpose::kWinner;
    } else if (t.purpose() == "elimination") {
      tie.purpose = tally::TiePurpose::kElimination;
    } else if (t.purpose() == "ranking") {
      tie.purpose = tally::TiePurpose::kRanking;
    } else {
      return absl::InvalidArgumentError(str_cat("Tie.purpose '", t.purpose(), "' is unknown"));
    }
    PARTICIPA_ASSIGN_OR_RETURN(tie.tied, names.find_all(t.tied(), "Tie.tied"));
    PARTICIPA_ASSIGN_OR_RETURN(tie.order, names.find_all(t.order(), "Tie.order"));
    r.ties.push_back(std::move(tie));
  }
  PARTICIPA_ASSIGN_OR_RETURN(r.input_digest, Digest::parse_hex(m.input_digest()));
  r.total_weight = m.total_weight();
  PARTICIPA_ASSIGN_OR_RETURN(r.pairwise, pairwise_from_proto(m, r.total_weight));
  return r;
}

v1::PbElection to_proto(const pb::Election& e) {
  v1::PbElection m;
  m.set_format_version(kFormatVersion);
  m.set_budget(to_string(e.instance.budget));
  m.set_vote_type(std::string(pb::to_string(e.instance.vote_type)));
  for (const auto& [k, v] : e.instance.meta) {
    auto* kv = m.add_meta();
    kv->set_key(k);
    kv->set_value(v);
  }
  for (const auto& c : e.instance.project_columns) m.add_project_columns(c);
  for (const auto& p : e.instance.projects) {
    auto* out = m.add_projects();
    out->set_id(p.id);
    out->set_cost(to_string(p.cost));
    out->set_name(p.name);
    for (const auto& c : p.categories) out->add_categories(c);
    for (const auto& t : p.targets) out->add_targets(t);
    for (const auto& [k, v] : p.fields) {
      auto* kv = out->add_fields();
      kv->set_key(k);
      kv->set_value(v);
    }
  }
  *m.mutable_profile() = to_proto(e.profile);
  for (const auto& c : e.voter_columns) m.add_voter_columns(c);
  for (std::size_t v = 0; v < e.voters.size(); ++v) {
    auto* r = m.add_voters();
    for (std::size_t c = 0; c < e.voters.fields(v); ++c)
      r->add_fields(std::string(e.voters.field(v, c)));
  }
  for (const auto& w : e.warnings) m.add_warnings(w);
  return m;
}

absl::StatusOr<pb::Election> from_proto(const v1::PbElection& m) {
  PARTICIPA_RETURN_IF_ERROR(check_version(m.format_version(), "PbElection"));
  pb::Election e;
  PARTICIPA_ASSIGN_OR_RETURN(e.instance.budget, rational(m.budget(), "PbElection.budget"));
  PARTICIPA_ASSIGN_OR_RETURN(e.instance.vote_type, pb::parse_vote_type(m.vote_type()));
  for (const auto& kv : m.meta()) e.instance.meta.emplace_back(kv.key(), kv.value());
  e.instance.project_columns.assign(m.project_columns().begin(), m.project_columns().end());
  for (const auto& in : m.projects()) {
    pb::Project p;
    p.id = in.id();
    PARTICIPA_ASSIGN_OR_RETURN(p.cost, rational(in.cost(), "Project.cost"));
    if (p.cost < 0)
      return absl::InvalidArgumentError(str_cat("Project '", p.id, "' has a negative cost"));
    p.name = in.name();
    p.categories.assign(in.categories().begin(), in.categories().end());
    p.targets.assign(in.targets().begin(), in.targets().end());
    for (const auto& kv : in.fields()) p.fields[kv.key()] = kv.value();
    e.instance.projects.push_back(std::move(p));
  }
  PARTICIPA_ASSIGN_OR_RETURN(auto profile, from_proto(m.profile()));
  auto checked = pb::Election::create(std::move(e.instance), std::move(profile));
  if (!checked.ok()) {
    return absl::InvalidArgumentError(str_cat("PbElection: ", checked.status().message()));
  }
  e = *std::move(checked);
  e.voter_columns.assign(m.voter_columns().begin(), m.voter_columns().end());
  std::vector<std::string_view> fields;
  for (const auto& row : m.voters()) {
    fields.assign(row.fields().begin(), row.fields().end());
    e.voters.add(fields);
  }
  e.warnings.assign(m.warnings().begin(), m.warnings().end());
  return e;
}

namespace {

// A PB round's optional numbers, each in the field named for it.
void round_to_proto(const pb::Result& result, const pb::Round& round, v1::PbRound& out) {
  out.set_project(result.projects[round.project]);
  out.set_selected(round.selected);
  out.set_reason(round.reason);
  out.set_budget_left(to_string(round.budget_left));
  if (round.density) out.set_density(to_string(*round.density));
  if (round.price) out.set_price(to_string(*round.price));
  if (round.load) out.set_load(to_string(*round.load));
  if (round.satisfaction) out.set_satisfaction(to_string(*round.satisfaction));
  if (round.score) out.set_score(to_string(*round.score));
  if (round.approvals) out.set_approvals(*round.approvals);
  if (round.payers) out.set_payers(*round.payers);
}

template <class ProjectIndex>
absl::StatusOr<pb::Round> round_from_proto(const v1::PbRound& in, const ProjectIndex& project) {
  pb::Round round;
  PARTICIPA_ASSIGN_OR_RETURN(round.project, project(in.project(), "PbRound.project"));
  round.selected = in.selected();
  round.reason = in.reason();
  PARTICIPA_ASSIGN_OR_RETURN(round.budget_left, rational(in.budget_left(), "PbRound.budget_left"));
  auto number = [](bool has, const std::string& text, std::string_view field,
                   std::optional<Rational>& out) -> absl::Status {
    if (!has) return absl::OkStatus();
    PARTICIPA_ASSIGN_OR_RETURN(out, rational(text, field));
    return absl::OkStatus();
  };
  PARTICIPA_RETURN_IF_ERROR(
      number(in.has_density(), in.density(), "PbRound.density", round.density));
  PARTICIPA_RETURN_IF_ERROR(number(in.has_price(), in.price(), "PbRound.price", round.price));
  PARTICIPA_RETURN_IF_ERROR(number(in.has_load(), in.load(), "PbRound.load", round.load));
  PARTICIPA_RETURN_IF_ERROR(
      number(in.has_satisfaction(), in.satisfaction(), "PbRound.satisfaction", round.satisfaction));
  PARTICIPA_RETURN_IF_ERROR(number(in.has_score(), in.score(), "PbRound.score", round.score));
  if (in.has_approvals()) round.approvals = in.approvals();
  if (in.has_payers()) round.payers = in.payers();
  return round;
}

}  // namespace

v1::PbResult to_proto(const pb::Result& o) {
  v1::PbResult m;
  m.set_format_version(kFormatVersion);
  m.set_rule(o.rule);
  for (const auto& [k, v] : o.parameters) {
    auto* kv = m.add_parameters();
    kv->set_key(k);
    kv->set_value(v);
  }
  for (const auto& id : o.projects) m.add_projects(id);
  for (auto p : o.selected) m.add_selected(o.projects[p]);
  m.set_total_cost(to_string(o.total_cost));
  m.set_budget(to_string(o.budget));
  m.set_budget_increments(o.budget_increments);
  for (const pb::Round& round : o.rounds) round_to_proto(o, round, *m.add_rounds());
  for (const auto& w : o.warnings) m.add_warnings(w);
  return m;
}

absl::StatusOr<pb::Result> from_proto(const v1::PbResult& m) {
  PARTICIPA_RETURN_IF_ERROR(check_version(m.format_version(), "PbResult"));
  pb::Result o;
  absl::flat_hash_map<std::string, std::uint32_t> index;
  for (const auto& id : m.projects()) {
    if (!index.try_emplace(id, static_cast<std::uint32_t>(o.projects.size())).second) {
      return absl::InvalidArgumentError(str_cat("PbResult.projects lists '", id, "' twice"));
    }
    o.projects.push_back(id);
  }
  auto project = [&](const std::string& id,
                     std::string_view field) -> absl::StatusOr<std::uint32_t> {
    auto it = index.find(id);
    if (it == index.end()) {
      return absl::InvalidArgumentError(str_cat(field, " names unknown project '", id, "'"));
    }
    return it->second;
  };
  o.rule = m.rule();
  for (const auto& kv : m.parameters()) o.parameters.emplace_back(kv.key(), kv.value());
  for (const auto& id : m.selected()) {
    PARTICIPA_ASSIGN_OR_RETURN(auto p, project(id, "PbResult.selected"));
    o.selected.push_back(p);
  }
  PARTICIPA_ASSIGN_OR_RETURN(o.total_cost, rational(m.total_cost(), "PbResult.total_cost"));
  PARTICIPA_ASSIGN_OR_RETURN(o.budget, rational(m.budget(), "PbResult.budget"));
  o.budget_increments = m.budget_increments();
  o.warnings.assign(m.warnings().begin(), m.warnings().end());
  for (const auto& in : m.rounds()) {
    PARTICIPA_ASSIGN_OR_RETURN(pb::Round round, round_from_proto(in, project));
    o.rounds.push_back(std::move(round));
  }
  return o;
}

}  // namespace participa::io
