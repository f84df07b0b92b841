#include "participa/tally/sampling.hpp"

#include <cmath>
#include <numeric>
#include <utility>

#include "participa/core/rng.hpp"
#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"
#include "participa/tally/profile_builder.hpp"

namespace participa::tally {
namespace {

// A uniform double in [0, 1): the top 53 bits of a 64-bit draw, exactly representable.
double uniform_unit(Rng& rng) { return static_cast<double>(rng.next_u64() >> 11) * 0x1.0p-53; }

// pick(weights, rng) — index i with probability weights[i] / sum; the sum and the walk go in
// index order, and a draw lost to rounding at the very top falls on the last index.
std::size_t pick(std::span<const double> weights, Rng& rng) {
  double total = 0;
  for (double w : weights) total += w;
  const double target = uniform_unit(rng) * total;
  double reached = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    reached += weights[i];
    if (target < reached) return i;
  }
  return weights.size() - 1;
}

absl::Status check_options(const SamplingOptions& o, std::size_t m) {
  const auto model = to_string(o.model);
  auto unused = [&](std::string_view parameter, std::string_view owner) {
    return absl::InvalidArgumentError(
        str_cat(parameter, " is a parameter of the ", owner, " model, not of ", model));
  };
  if (o.voters == 0) return absl::InvalidArgumentError("a sample needs at least one voter");
  if (o.max_rank > m) {
    return absl::InvalidArgumentError(
        str_cat("max_rank ", o.max_rank, " is more than the ", m, " candidates"));
  }
  const std::uint64_t length = o.max_rank == 0 ? m : o.max_rank;
  if (o.voters > kMaxSampledMarks / length) {
    return absl::OutOfRangeError(str_cat(o.voters, " voters ranking ", length,
                                         " candidates each is more than the ", kMaxSampledMarks,
                                         " marks one sample may hold"));
  }
  if (o.model == SamplingModel::kMallows) {
    if (!o.phi.has_value()) return absl::InvalidArgumentError("the mallows model needs phi");
    if (!(*o.phi >= 0 && *o.phi <= 1)) {
      return absl::InvalidArgumentError(str_cat("phi ", *o.phi, " is not between 0 and 1"));
    }
    if (!o.reference.empty()) {
      std::vector<bool> seen(m, false);
      bool ranking = o.reference.size() == m;
      for (Candidate c : o.reference) {
        ranking = ranking && c < m && !seen[c];
        if (ranking) seen[c] = true;
      }
      if (!ranking) {
        return absl::InvalidArgumentError(
            str_cat("the reference ranking must name each of the ", m, " candidates once"));
      }
    }
  } else {
    if (o.phi.has_value()) return unused("phi", "mallows");
    if (!o.reference.empty()) return unused("reference", "mallows");
  }
  if (o.model == SamplingModel::kPlackettLuce) {
    if (o.strengths.size() != m) {
      return absl::InvalidArgumentError(str_cat("plackett-luce needs one strength per candidate: ",
                                                o.strengths.size(), " for ", m, " candidates"));
    }
    for (std::size_t i = 0; i < m; ++i) {
      if (!(std::isfinite(o.strengths[i]) && o.strengths[i] > 0)) {
        return absl::InvalidArgumentError(str_cat("the strength of candidate ", i, " (",
                                                  o.strengths[i], ") is not positive and finite"));
      }
    }
  } else if (!o.strengths.empty()) {
    return unused("strengths", "plackett-luce");
  }
  if (o.model == SamplingModel::kUrn) {
    if (!o.alpha.has_value()) return absl::InvalidArgumentError("the urn model needs alpha");
    if (!(std::isfinite(*o.alpha) && *o.alpha >= 0)) {
      return absl::InvalidArgumentError(str_cat("alpha ", *o.alpha, " is not finite and >= 0"));
    }
  } else if (o.alpha.has_value()) {
    return unused("alpha", "urn");
  }
  return absl::OkStatus();
}

// Draws full rankings of m candidates, one per call.
class Sampler {
 public:
  Sampler(const SamplingOptions& options, std::size_t m)
      : options_(options), rng_(options.seed), identity_(m) {
    std::iota(identity_.begin(), identity_.end(), Candidate{0});
    if (options.model == SamplingModel::kMallows) {
      reference_ = options.reference.empty() ? identity_ : options.reference;
      powers_.assign(m, 1.0);
      for (std::size_t k = 1; k < m; ++k) powers_[k] = powers_[k - 1] * *options.phi;
    }
  }

  // draw(voter, earlier, out) — voter's ranking into out (size m), of which the first `length`
  // positions count; `earlier` holds the ballots of the voters before it, `length` candidates
  // each (the urn copies one: a copied ranking cut to length is the cut of the copy).
  void draw(std::uint64_t voter, std::span<const Candidate> earlier, std::size_t length,
            std::span<Candidate> out) {
    switch (options_.model) {
      case SamplingModel::kImpartialCulture:
        return shuffled(out);
      case SamplingModel::kMallows:
        return mallows(out);
      case SamplingModel::kPlackettLuce:
        return plackett_luce(out);
      case SamplingModel::kUrn: {
        const double fresh = 1.0 / (1.0 + *options_.alpha * static_cast<double>(voter));
        if (voter == 0 || uniform_unit(rng_) < fresh) return shuffled(out);
        const auto copied = rng_.uniform(static_cast<std::uint32_t>(voter));
        const auto source = earlier.subspan(std::size_t{copied} * length, length);
        std::copy(source.begin(), source.end(), out.begin());
        return;
      }
    }
  }

 private:
  void shuffled(std::span<Candidate> out) {
    std::copy(identity_.begin(), identity_.end(), out.begin());
    rng_.shuffle(out);
  }

  // Repeated insertion: reference_[i] goes k places before the end of the i placed so far
  // with weight phi^k, k in 0..i.
  void mallows(std::span<Candidate> out) {
    ranking_.clear();
    for (std::size_t i = 0; i < reference_.size(); ++i) {
      const auto back = pick(std::span(powers_).first(i + 1), rng_);
      ranking_.insert(ranking_.end() - static_cast<std::ptrdiff_t>(back), reference_[i]);
    }
    std::copy(ranking_.begin(), ranking_.end(), out.begin());
  }

  void plackett_luce(std::span<Candidate> out) {
    remaining_ = identity_;
    weights_ = options_.strengths;
    for (auto& slot : out) {
      const auto chosen = pick(weights_, rng_);
      slot = remaining_[chosen];
      remaining_.erase(remaining_.begin() + static_cast<std::ptrdiff_t>(chosen));
      weights_.erase(weights_.begin() + static_cast<std::ptrdiff_t>(chosen));
    }
  }

  const SamplingOptions& options_;
  Rng rng_;
  std::vector<Candidate> identity_;
  std::vector<Candidate> reference_;
  std::vector<double> powers_;
  std::vector<Candidate> ranking_;
  std::vector<Candidate> remaining_;
  std::vector<double> weights_;
};

}  // namespace

absl::StatusOr<Profile> sample_profile(std::vector<std::string> candidates,
                                       const SamplingOptions& options, const RunControl& control) {
  const std::size_t m = candidates.size();
  PARTICIPA_RETURN_IF_ERROR(ProfileBuilder::create(candidates, BallotKind::kRanked).status());
  PARTICIPA_RETURN_IF_ERROR(check_options(options, m));
  const std::size_t length = options.max_rank == 0 ? m : options.max_rank;
  const auto voters = static_cast<std::size_t>(options.voters);

  // Reserved, not filled: memory is touched only as far as a run gets before it is stopped.
  std::vector<Candidate> drawn;
  drawn.reserve(voters * length);
  std::vector<Candidate> ranking(m);
  Sampler sampler(options, m);
  Checkpoint checkpoint(control, "sampling");
  for (std::size_t voter = 0; voter < voters; ++voter) {
    if (voter % 1024 == 0) PARTICIPA_RETURN_IF_ERROR(checkpoint.step(voter));
    sampler.draw(voter, drawn, length, ranking);
    drawn.insert(drawn.end(), ranking.begin(),
                 ranking.begin() + static_cast<std::ptrdiff_t>(length));
  }
  return ProfileBuilder::from_rows(
      std::move(candidates), BallotKind::kRanked, voters, {}, voters * length,
      [&](std::size_t row, std::vector<Candidate>& marks, std::vector<std::int32_t>& values) {
        const auto first = drawn.begin() + static_cast<std::ptrdiff_t>(row * length);
        marks.assign(first, first + static_cast<std::ptrdiff_t>(length));
        values.resize(length);
        std::iota(values.begin(), values.end(), 0);
        return absl::OkStatus();
      });
}

}  // namespace participa::tally
