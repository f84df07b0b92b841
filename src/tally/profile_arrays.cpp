#include "participa/tally/profile_arrays.hpp"

#include <cmath>
#include <limits>

#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"
#include "participa/tally/profile_builder.hpp"

namespace participa::tally {
namespace {

using Marks = std::vector<Candidate>;
using Values = std::vector<std::int32_t>;

absl::Status check_matrix(std::size_t size, std::size_t rows, std::size_t cols) {
  if (size != rows * cols) {
    return absl::InvalidArgumentError(
        str_cat("a matrix of ", size, " entries is not ", rows, " rows of ", cols, " columns"));
  }
  return absl::OkStatus();
}

absl::Status check_score_kind(BallotKind kind) {
  if (kind != BallotKind::kScore && kind != BallotKind::kCumulative) {
    return absl::InvalidArgumentError(
        str_cat("a score matrix builds score or cumulative profiles, not ", to_string(kind)));
  }
  return absl::OkStatus();
}

template <class Entry>
absl::StatusOr<Profile> rankings(std::vector<std::string> candidates, std::span<const Entry> matrix,
                                 std::size_t rows, std::span<const std::uint64_t> weights) {
  if (rows == 0 && !matrix.empty()) return check_matrix(matrix.size(), rows, 1);
  const std::size_t cols = rows == 0 ? 0 : matrix.size() / rows;
  PARTICIPA_RETURN_IF_ERROR(check_matrix(matrix.size(), rows, cols));
  const auto n = static_cast<std::int64_t>(candidates.size());
  auto fill = [&](std::size_t r, Marks& marks, Values&) -> absl::Status {
    const Entry* row = matrix.data() + r * cols;
    for (std::size_t c = 0; c < cols; ++c) {
      if (row[c] == -1) continue;
      if (row[c] < 0 || row[c] >= n) {
        return absl::InvalidArgumentError(str_cat("row ", r, ", column ", c, ": ", row[c],
                                                  " is neither -1 (blank) nor one of ", n,
                                                  " candidates"));
      }
      marks.push_back(static_cast<Candidate>(row[c]));
    }
    return absl::OkStatus();
  };
  return ProfileBuilder::from_rows(std::move(candidates), BallotKind::kRanked, rows, weights,
                                   matrix.size(), fill);
}

template <class Entry>
absl::StatusOr<Profile> whole_scores(std::vector<std::string> candidates,
                                     std::span<const Entry> matrix, std::size_t rows,
                                     BallotKind kind, std::span<const std::uint64_t> weights) {
  PARTICIPA_RETURN_IF_ERROR(check_score_kind(kind));
  const std::size_t cols = candidates.size();
  PARTICIPA_RETURN_IF_ERROR(check_matrix(matrix.size(), rows, cols));
  auto fill = [&](std::size_t r, Marks& marks, Values& values) -> absl::Status {
    const Entry* row = matrix.data() + r * cols;
    for (std::size_t c = 0; c < cols; ++c) {
      if (row[c] < std::numeric_limits<std::int32_t>::min() ||
          row[c] > std::numeric_limits<std::int32_t>::max()) {
        return absl::InvalidArgumentError(
            str_cat("row ", r, ", column ", c, ": score ", row[c], " does not fit 32 bits"));
      }
      marks.push_back(static_cast<Candidate>(c));
      values.push_back(static_cast<std::int32_t>(row[c]));
    }
    return absl::OkStatus();
  };
  return ProfileBuilder::from_rows(std::move(candidates), kind, rows, weights, matrix.size(), fill);
}

}  // namespace

absl::StatusOr<Profile> approval_profile_from_matrix(std::vector<std::string> candidates,
                                                     std::span<const std::uint8_t> matrix,
                                                     std::size_t rows,
                                                     std::span<const std::uint64_t> weights) {
  const std::size_t cols = candidates.size();
  PARTICIPA_RETURN_IF_ERROR(check_matrix(matrix.size(), rows, cols));
  auto fill = [&](std::size_t r, Marks& marks, Values&) {
    const std::uint8_t* row = matrix.data() + r * cols;
    // Branch-free: approvals are as unpredictable as the voters.
    const std::size_t start = marks.size();
    marks.resize(start + cols);
    std::size_t k = start;
    for (std::size_t c = 0; c < cols; ++c) {
      marks[k] = static_cast<Candidate>(c);
      k += row[c] != 0;
    }
    marks.resize(k);
    return absl::OkStatus();
  };
  return ProfileBuilder::from_rows(std::move(candidates), BallotKind::kApproval, rows, weights,
                                   matrix.size(), fill);
}

absl::StatusOr<Profile> approval_profile_from_csr(std::vector<std::string> candidates,
                                                  std::span<const std::uint64_t> offsets,
                                                  std::span<const std::int64_t> indices,
                                                  std::span<const std::uint64_t> weights) {
  if (offsets.empty() || offsets.front() != 0 || offsets.back() != indices.size()) {
    return absl::InvalidArgumentError(str_cat(
        "CSR offsets must start at 0 and end at the number of indices (", indices.size(), ")"));
  }
  const std::size_t rows = offsets.size() - 1;
  const auto n = static_cast<std::int64_t>(candidates.size());
  auto fill = [&](std::size_t r, Marks& marks, Values&) -> absl::Status {
    if (offsets[r + 1] < offsets[r]) {
      return absl::InvalidArgumentError(str_cat("CSR offsets decrease at row ", r));
    }
    for (std::uint64_t k = offsets[r]; k < offsets[r + 1]; ++k) {
      if (indices[k] < 0 || indices[k] >= n) {
        return absl::InvalidArgumentError(str_cat("row ", r, ": candidate index ", indices[k],
                                                  " is not one of ", n, " candidates"));
      }
      marks.push_back(static_cast<Candidate>(indices[k]));
    }
    return absl::OkStatus();
  };
  return ProfileBuilder::from_rows(std::move(candidates), BallotKind::kApproval, rows, weights,
                                   indices.size(), fill);
}

absl::StatusOr<Profile> ranked_profile_from_matrix(std::vector<std::string> candidates,
                                                   std::span<const std::int32_t> matrix,
                                                   std::size_t rows,
                                                   std::span<const std::uint64_t> weights) {
  return rankings(std::move(candidates), matrix, rows, weights);
}

absl::StatusOr<Profile> ranked_profile_from_matrix(std::vector<std::string> candidates,
                                                   std::span<const std::int64_t> matrix,
                                                   std::size_t rows,
                                                   std::span<const std::uint64_t> weights) {
  return rankings(std::move(candidates), matrix, rows, weights);
}

absl::StatusOr<Profile> score_profile_from_matrix(std::vector<std::string> candidates,
                                                  std::span<const std::int32_t> matrix,
                                                  std::size_t rows, BallotKind kind,
                                                  std::span<const std::uint64_t> weights) {
  return whole_scores(std::move(candidates), matrix, rows, kind, weights);
}

absl::StatusOr<Profile> score_profile_from_matrix(std::vector<std::string> candidates,
                                                  std::span<const std::int64_t> matrix,
                                                  std::size_t rows, BallotKind kind,
                                                  std::span<const std::uint64_t> weights) {
  return whole_scores(std::move(candidates), matrix, rows, kind, weights);
}

absl::StatusOr<Profile> score_profile_from_matrix(std::vector<std::string> candidates,
                                                  std::span<const double> matrix, std::size_t rows,
                                                  BallotKind kind,
                                                  std::span<const std::uint64_t> weights) {
  PARTICIPA_RETURN_IF_ERROR(check_score_kind(kind));
  const std::size_t cols = candidates.size();
  PARTICIPA_RETURN_IF_ERROR(check_matrix(matrix.size(), rows, cols));
  auto fill = [&](std::size_t r, Marks& marks, Values& values) -> absl::Status {
    const double* row = matrix.data() + r * cols;
    for (std::size_t c = 0; c < cols; ++c) {
      double score = row[c];
      if (std::isnan(score)) continue;
      if (score != std::trunc(score) || score < std::numeric_limits<std::int32_t>::min() ||
          score > std::numeric_limits<std::int32_t>::max()) {
        return absl::InvalidArgumentError(str_cat("row ", r, ", column ", c, ": score ", score,
                                                  " is not a whole number that fits 32 bits"));
      }
      marks.push_back(static_cast<Candidate>(c));
      values.push_back(static_cast<std::int32_t>(score));
    }
    return absl::OkStatus();
  };
  return ProfileBuilder::from_rows(std::move(candidates), kind, rows, weights, matrix.size(), fill);
}

}  // namespace participa::tally
