#include "participa/io/json.hpp"

#include <algorithm>

#include <google/protobuf/util/json_util.h>
#include <boost/json.hpp>

#include "io/ordered.hpp"
#include "io/text.hpp"
#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"
#include "participa/io/proto.hpp"

namespace participa::io {
namespace {

template <class Message>
std::string to_json(const Message& m, bool pretty) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = pretty;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = true;
  // A message built here packs nothing foreign, so printing it cannot fail.
  return ordered_json(m, options).value_or("");
}

template <class Message>
absl::StatusOr<Message> parse_json(std::string_view json, std::string_view what) {
  if (json.size() > kMaxMessageBytes) {
    return absl::OutOfRangeError(
        str_cat(what, " JSON of ", json.size(), " bytes is over the limit"));
  }
  std::string decoded;
  PARTICIPA_ASSIGN_OR_RETURN(json, decode_text(json, str_cat(what, " JSON"), decoded));
  Message m;
  google::protobuf::util::JsonParseOptions options;
  auto status = google::protobuf::util::JsonStringToMessage(
      google::protobuf::StringPiece(json.data(), json.size()), &m, options);
  if (!status.ok()) {
    return absl::InvalidArgumentError(
        str_cat("not a valid ", what, " JSON: ", std::string(status.message())));
  }
  return m;
}

template <class Message>
absl::StatusOr<Message> parse_bytes(std::string_view bytes, std::string_view what) {
  if (bytes.size() > kMaxMessageBytes) {
    return absl::OutOfRangeError(str_cat(what, " of ", bytes.size(), " bytes is over the limit"));
  }
  Message m;
  if (!m.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return absl::DataLossError(str_cat("not a serialized ", what));
  }
  return m;
}

}  // namespace

std::string profile_to_json(const tally::Profile& profile, bool pretty) {
  return to_json(to_proto(profile), pretty);
}

absl::StatusOr<tally::Profile> profile_from_json(std::string_view json) {
  PARTICIPA_ASSIGN_OR_RETURN(auto m, parse_json<v1::Profile>(json, "participa.v1.Profile"));
  return from_proto(m);
}

std::string result_to_json(const tally::Result& result, bool pretty) {
  return to_json(to_proto(result), pretty);
}

absl::StatusOr<tally::Result> result_from_json(std::string_view json) {
  PARTICIPA_ASSIGN_OR_RETURN(auto m, parse_json<v1::Result>(json, "participa.v1.Result"));
  return from_proto(m);
}

std::string profile_to_bytes(const tally::Profile& profile) {
  return ordered_bytes(to_proto(profile));
}

absl::StatusOr<tally::Profile> profile_from_bytes(std::string_view bytes) {
  PARTICIPA_ASSIGN_OR_RETURN(auto m, parse_bytes<v1::Profile>(bytes, "participa.v1.Profile"));
  return from_proto(m);
}

std::string result_to_bytes(const tally::Result& result) { return ordered_bytes(to_proto(result)); }

absl::StatusOr<tally::Result> result_from_bytes(std::string_view bytes) {
  PARTICIPA_ASSIGN_OR_RETURN(auto m, parse_bytes<v1::Result>(bytes, "participa.v1.Result"));
  return from_proto(m);
}

std::string election_to_json(const pb::Election& election, bool pretty) {
  return to_json(to_proto(election), pretty);
}

absl::StatusOr<pb::Election> election_from_json(std::string_view json) {
  PARTICIPA_ASSIGN_OR_RETURN(auto m, parse_json<v1::PbElection>(json, "participa.v1.PbElection"));
  return from_proto(m);
}

std::string pb_result_to_json(const pb::Result& outcome, bool pretty) {
  return to_json(to_proto(outcome), pretty);
}

absl::StatusOr<pb::Result> pb_result_from_json(std::string_view json) {
  PARTICIPA_ASSIGN_OR_RETURN(auto m, parse_json<v1::PbResult>(json, "participa.v1.PbResult"));
  return from_proto(m);
}

std::string election_to_bytes(const pb::Election& election) {
  return ordered_bytes(to_proto(election));
}

absl::StatusOr<pb::Election> election_from_bytes(std::string_view bytes) {
  PARTICIPA_ASSIGN_OR_RETURN(auto m, parse_bytes<v1::PbElection>(bytes, "participa.v1.PbElection"));
  return from_proto(m);
}

std::string pb_result_to_bytes(const pb::Result& outcome) {
  return ordered_bytes(to_proto(outcome));
}

absl::StatusOr<pb::Result> pb_result_from_bytes(std::string_view bytes) {
  PARTICIPA_ASSIGN_OR_RETURN(auto m, parse_bytes<v1::PbResult>(bytes, "participa.v1.PbResult"));
  return from_proto(m);
}

std::string pb_result_report_json(const pb::Result& result) {
  namespace json = boost::json;
  const auto& projects = result.projects;
  json::object root;
  root["rule"] = result.rule;
  json::object parameters;
  for (const auto& [k, v] : result.parameters) parameters[k] = v;
  root["parameters"] = std::move(parameters);
  std::vector<std::string> ids;
  for (auto p : result.selected) ids.push_back(projects[p]);
  std::sort(ids.begin(), ids.end());
  json::array selected;
  for (auto& id : ids) selected.emplace_back(id);
  root["selected"] = std::move(selected);
  root["total_cost"] = to_string(result.total_cost);
  root["budget"] = to_string(result.budget);
  root["budget_increments"] = result.budget_increments;
  json::array warnings;
  for (const auto& w : result.warnings) warnings.emplace_back(w);
  root["warnings"] = std::move(warnings);
  json::array rounds;
  for (const pb::Round& round : result.rounds) {
    json::object r;
    r["project"] = projects[round.project];
    r["selected"] = round.selected;
    r["reason"] = round.reason;
    auto put = [&](std::string_view key, const std::optional<Rational>& value) {
      if (value) r[key] = to_string(*value);
    };
    put("density", round.density);
    put("price", round.price);
    put("load", round.load);
    put("satisfaction", round.satisfaction);
    put("score", round.score);
    if (round.approvals) r["approvals"] = *round.approvals;
    if (round.payers) r["payers"] = *round.payers;
    r["budget_left"] = to_string(round.budget_left);
    rounds.push_back(std::move(r));
  }
  root["rounds"] = std::move(rounds);
  return json::serialize(root);
}

absl::StatusOr<std::string> pb_comparison_json(const pb::Election& election,
                                               const std::vector<pb::ComparedRule>& rules) {
  namespace json = boost::json;
  const auto& projects = election.instance.projects;
  for (const pb::ComparedRule& rule : rules) {
    if (!rule.result.ok()) continue;
    bool same = rule.result->projects.size() == projects.size();
    for (std::size_t p = 0; same && p < projects.size(); ++p) {
      same = rule.result->projects[p] == projects[p].id;
    }
    if (!same) {
      return absl::InvalidArgumentError(str_cat("the result labelled '", rule.label,
                                                "' is of another election: its projects differ"));
    }
  }
  json::object root;
  root["kind"] = "pb-comparison";
  root["budget"] = to_string(election.instance.budget);
  root["voters"] = election.profile.total_weight();
  const std::vector<std::uint64_t> support = pb::supporters(election);
  json::array listed;
  for (std::size_t p = 0; p < projects.size(); ++p) {
    listed.push_back(json::object{{"id", projects[p].id},
                                  {"name", projects[p].name},
                                  {"cost", to_string(projects[p].cost)},
                                  {"supporters", support[p]}});
  }
  root["projects"] = std::move(listed);
  json::array compared;
  for (const pb::ComparedRule& rule : rules) {
    json::object entry;
    entry["label"] = rule.label;
    if (!rule.result.ok()) {
      entry["error"] = std::string(rule.result.status().message());
      compared.push_back(std::move(entry));
      continue;
    }
    const pb::Result& result = *rule.result;
    entry["rule"] = result.rule;
    json::object parameters;
    for (const auto& [k, v] : result.parameters) parameters[k] = v;
    entry["parameters"] = std::move(parameters);
    std::vector<std::uint32_t> chosen = result.selected;
    std::sort(chosen.begin(), chosen.end());
    json::array selected;
    for (auto p : chosen) selected.emplace_back(result.projects[p]);
    entry["selected"] = std::move(selected);
    entry["total_cost"] = to_string(result.total_cost);
    entry["share_with_a_funded_project"] =
        to_string(pb::share_with_a_funded_project(election, result));
    compared.push_back(std::move(entry));
  }
  root["rules"] = std::move(compared);
  return json::serialize(root);
}

}  // namespace participa::io
