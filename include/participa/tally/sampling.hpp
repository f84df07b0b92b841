// participa/tally/sampling.hpp — synthetic ranked profiles from the models of social choice.
//
// Comparing counting methods, testing a configuration or sizing a server needs profiles with
// known structure. `sample_profile` draws one voter at a time from a model, with participa's
// specified generator (core/rng.hpp), so the same seed gives the same profile everywhere:
//
//   * impartial-culture: every ranking equally likely (a uniform shuffle).
//   * mallows: P(ranking) proportional to phi^d, d its Kendall tau distance from `reference`,
//     drawn by repeated insertion (candidate reference[i] goes to position j <= i with weight
//     phi^(i-j)). phi = 1 is impartial culture; phi = 0 gives `reference` to every voter.
//   * plackett-luce: each position takes a remaining candidate with probability proportional
//     to its strength.
//   * urn (Pólya–Eggenberger): after each draw, alpha * m! copies of the drawn ranking join
//     the m! rankings in the urn, so voter t (from 0) draws a fresh uniform ranking with
//     probability 1 / (1 + alpha * t) and otherwise copies an earlier voter chosen uniformly.
//     alpha = 0 is impartial culture.
//
// Probabilities are IEEE doubles computed with + * / only (compiled without fused multiply-add),
// and a uniform draw is the top 53 bits of Rng::next_u64() scaled by 2^-53; no library function
// whose rounding may differ across platforms is used. A weighted draw sums the weights in index
// order (insertion positions from the end, for mallows), scales a uniform draw by the sum and walks
// the same order to where it falls. `max_rank` > 0 keeps the first max_rank positions of each
// ranking.
//
//   auto profile = sample_profile({"Ana", "Ben", "Chloe"},
//                                 {.model = SamplingModel::kMallows, .voters = 1000,
//                                  .seed = 7, .phi = 0.5}).value();
//
// A parameter that the chosen model does not use is refused rather than ignored.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "participa/core/names.hpp"
#include "participa/core/run_control.hpp"
#include "participa/tally/profile.hpp"

namespace participa::tally {

enum class SamplingModel { kImpartialCulture, kMallows, kPlackettLuce, kUrn };

inline constexpr std::array<Named<SamplingModel>, 4> kSamplingModelNames = {{
    {SamplingModel::kImpartialCulture, "impartial-culture"},
    {SamplingModel::kMallows, "mallows"},
    {SamplingModel::kPlackettLuce, "plackett-luce"},
    {SamplingModel::kUrn, "urn"},
}};
inline std::string_view to_string(SamplingModel model) {
  return name_of(kSamplingModelNames, model);
}
inline absl::StatusOr<SamplingModel> parse_sampling_model(std::string_view text) {
  return parse_name(kSamplingModelNames, "sampling model", text);
}

struct SamplingOptions {
  SamplingModel model = SamplingModel::kImpartialCulture;
  std::uint64_t voters = 0;
  std::uint64_t seed = 0;
  // mallows (required): dispersion in [0, 1]; and the central ranking (empty: candidates in
  // index order).
  std::optional<double> phi = std::nullopt;
  std::vector<Candidate> reference = {};
  // plackett-luce: one positive, finite strength per candidate.
  std::vector<double> strengths = {};
  // urn (required): copies returned per draw, relative to m!; finite and >= 0.
  std::optional<double> alpha = std::nullopt;
  // Positions kept per ballot; 0 keeps every candidate.
  std::size_t max_rank = 0;
};

// The most marks one sample may hold (voters * ranking length): 4 GiB of candidate indices.
inline constexpr std::uint64_t kMaxSampledMarks = std::uint64_t{1} << 30;

// sample_profile(candidates, options, control) — a ranked profile of options.voters ballots.
// InvalidArgument for bad candidates (as ProfileBuilder::create), a parameter out of its range or
// given to a model that does not use it, a reference that is not a ranking of every candidate,
// strengths of the wrong count; OutOfRange above kMaxSampledMarks; Cancelled when `control`
// stops the run.
absl::StatusOr<Profile> sample_profile(std::vector<std::string> candidates,
                                       const SamplingOptions& options,
                                       const RunControl& control = {});

}  // namespace participa::tally
