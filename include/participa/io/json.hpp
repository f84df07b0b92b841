// participa/io/json.hpp — participa's own messages as JSON and as binary protobuf bytes.
//
// JSON is protobuf's canonical JSON mapping of the v1 schema (field names as in the .proto
// files), so any protobuf runtime reads what participa writes. Binary bytes are the same
// messages serialized; pickles and caches use them. Parsing validates as from_proto does.
//
//   std::string text = participa::io::result_to_json(result);
//   auto profile = participa::io::profile_from_json(R"({"format_version": 1, ...})");
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "participa/pb/instance.hpp"
#include "participa/pb/registry.hpp"
#include "participa/pb/result.hpp"
#include "participa/tally/profile.hpp"
#include "participa/tally/result.hpp"

namespace participa::io {

// The largest JSON or binary message accepted (256 MiB).
inline constexpr std::size_t kMaxMessageBytes = std::size_t{256} << 20;

std::string profile_to_json(const tally::Profile& profile, bool pretty = false);
absl::StatusOr<tally::Profile> profile_from_json(std::string_view json);
std::string result_to_json(const tally::Result& result, bool pretty = false);
absl::StatusOr<tally::Result> result_from_json(std::string_view json);

std::string election_to_json(const pb::Election& election, bool pretty = false);
absl::StatusOr<pb::Election> election_from_json(std::string_view json);
std::string pb_result_to_json(const pb::Result& outcome, bool pretty = false);
absl::StatusOr<pb::Result> pb_result_from_json(std::string_view json);

std::string profile_to_bytes(const tally::Profile& profile);
absl::StatusOr<tally::Profile> profile_from_bytes(std::string_view bytes);
std::string result_to_bytes(const tally::Result& result);
absl::StatusOr<tally::Result> result_from_bytes(std::string_view bytes);
std::string election_to_bytes(const pb::Election& election);
absl::StatusOr<pb::Election> election_from_bytes(std::string_view bytes);
std::string pb_result_to_bytes(const pb::Result& outcome);
absl::StatusOr<pb::Result> pb_result_from_bytes(std::string_view bytes);

// pb_result_report_json(result) — the report `participa pb --format json` prints, one JSON
// object: rule, parameters, selected (project ids as text, sorted), total_cost, budget,
// budget_increments, warnings (what the reader repaired) and rounds (each with the project, whether
// it was selected, why, the rule's number under its own name — density, price, load, satisfaction
// or score — approvals or payers where the rule gives them, and the budget left). The lossless
// message form is io::pb_result_to_json.
std::string pb_result_report_json(const pb::Result& result);

// pb_comparison_json(election, rules) — rules run on one election side by side, as `participa
// pb --compare --format json` prints it and `participa report` reads it: kind "pb-comparison",
// budget, voters, projects (each id, name, cost and supporters — pb::supporters — in the
// instance's order), and per rule its label with either an error or rule, parameters, selected
// (project ids in the instance's order), total_cost and share_with_a_funded_project (exact).
// InvalidArgument for a result of another election (its projects differ).
absl::StatusOr<std::string> pb_comparison_json(const pb::Election& election,
                                               const std::vector<pb::ComparedRule>& rules);

}  // namespace participa::io
