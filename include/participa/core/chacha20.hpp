// participa/core/chacha20.hpp — a stream of random numbers anyone can recompute: the ChaCha20
// keystream of RFC 8439 (a 32-byte key, a 12-byte nonce of zeros, the block counter from 0),
// read as little-endian 32-bit words.
//
// Sortitions draw with it so that a draw can be checked outside participa, in any language with
// a ChaCha20 (docs/sortition.md gives the procedure); `Rng` (core/rng.hpp) is participa's own
// generator for ids and simulations and is not meant to be recomputed elsewhere.
//
//   participa::ChaCha20Stream stream(seed);        // seed: a Digest, the key
//   std::uint32_t j = stream.uniform(10);           // 0..9, without bias
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "participa/core/digest.hpp"

namespace participa {

class ChaCha20Stream {
 public:
  explicit ChaCha20Stream(const Digest& key);

  // next_u32 — the next four bytes of the keystream, little-endian.
  std::uint32_t next_u32();
  // uniform(bound), bound >= 1 — a draw in [0, bound) by rejection: words at or above the
  // largest multiple of `bound` below 2^32 are skipped, the rest taken modulo `bound`.
  std::uint32_t uniform(std::uint32_t bound);

 private:
  void refill();

  std::array<std::uint8_t, 32> key_;
  std::uint32_t counter_ = 0;
  std::array<std::uint8_t, 64> block_{};
  std::size_t used_ = 64;
};

}  // namespace participa
