// participa/core/mergeable.hpp — values that add up across shards.
//
// A Mergeable value is regular (default-constructible, copyable, exactly comparable) and
// merges with `a += b`. The laws a type promises by modelling it, which its tests check:
//   identity     T{} += b  gives b, and  a += T{}  leaves a unchanged;
//   associative  (a += b) += c  equals  a += (b += c);
//   commutative  a += b  equals  b += a, compared with ==.
// So ballots may be split over threads, processes or machines, counted into partial values and
// merged in any grouping and any order: the result is the same value, byte for byte. Models:
// tally::Profile, tally::PairwiseMatrix.
//
//   static_assert(participa::Mergeable<participa::tally::Profile>);
#pragma once

#include <concepts>

namespace participa {

template <class T>
concept Mergeable = std::regular<T> && requires(T& a, const T& b) {
  { a += b } -> std::same_as<T&>;
};

}  // namespace participa
