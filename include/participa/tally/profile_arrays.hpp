// participa/tally/profile_arrays.hpp — profiles built from whole arrays of ballots at once.
//
// Data arrives as arrays more often than ballot by ballot: a 0/1 approval matrix, a CSR
// list of approvals, a matrix of rankings, a matrix of scores. These builders read such
// arrays in one call (the Python bindings hand them numpy buffers without a Python loop).
// Matrices are row-major, one row per ballot. `weights`, when not empty, holds one count per
// row (how many voters cast it); when empty every row counts once.
//
//   approval matrix   rows × candidates, non-zero = approved
//   approval CSR      ballot i approves indices[offsets[i] .. offsets[i+1])
//   rankings (int)    rows × positions, each entry a candidate index in preference order;
//                     -1 is a blank position and is skipped; strict orders only
//   scores (int)      rows × candidates, every entry a score (fitting 32 bits)
//   scores (double)   rows × candidates, NaN = not scored; other values must be whole numbers
//                     that fit 32 bits
//
// Errors: InvalidArgument naming the row (and column) at fault, or a shape that does not fit;
// the limits of ProfileBuilder::create and add. Nothing is returned on error.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "participa/tally/profile.hpp"

namespace participa::tally {

absl::StatusOr<Profile> approval_profile_from_matrix(std::vector<std::string> candidates,
                                                     std::span<const std::uint8_t> matrix,
                                                     std::size_t rows,
                                                     std::span<const std::uint64_t> weights = {});

absl::StatusOr<Profile> approval_profile_from_csr(std::vector<std::string> candidates,
                                                  std::span<const std::uint64_t> offsets,
                                                  std::span<const std::int64_t> indices,
                                                  std::span<const std::uint64_t> weights = {});

absl::StatusOr<Profile> ranked_profile_from_matrix(std::vector<std::string> candidates,
                                                   std::span<const std::int32_t> matrix,
                                                   std::size_t rows,
                                                   std::span<const std::uint64_t> weights = {});
absl::StatusOr<Profile> ranked_profile_from_matrix(std::vector<std::string> candidates,
                                                   std::span<const std::int64_t> matrix,
                                                   std::size_t rows,
                                                   std::span<const std::uint64_t> weights = {});

// kind is kScore or kCumulative.
absl::StatusOr<Profile> score_profile_from_matrix(std::vector<std::string> candidates,
                                                  std::span<const std::int32_t> matrix,
                                                  std::size_t rows, BallotKind kind,
                                                  std::span<const std::uint64_t> weights = {});
absl::StatusOr<Profile> score_profile_from_matrix(std::vector<std::string> candidates,
                                                  std::span<const std::int64_t> matrix,
                                                  std::size_t rows, BallotKind kind,
                                                  std::span<const std::uint64_t> weights = {});
absl::StatusOr<Profile> score_profile_from_matrix(std::vector<std::string> candidates,
                                                  std::span<const double> matrix, std::size_t rows,
                                                  BallotKind kind,
                                                  std::span<const std::uint64_t> weights = {});

}  // namespace participa::tally
