// participa/core/rng.hpp — the deterministic random generator behind every random choice.
//
// participa never uses std::random_device or the distributions of <random>: their output is
// not specified across standard libraries, so a recount elsewhere could differ. `Rng` is
// specified bit for bit, so anyone can reproduce a draw from the seed a result records:
//
//   * Keystream: ChaCha20 (RFC 8439 block function, 20 rounds). The 256-bit key is the seed
//     as 8 little-endian bytes followed by 24 zero bytes (or 32 caller bytes, `from_key`).
//     Words 12-13 of the state hold a 64-bit block counter starting at 0 (low word first);
//     words 14-15 hold the 64-bit stream number (low word first). This is the same as
//     OpenSSL's EVP_chacha20 with IV = counter (8 bytes LE) || stream (8 bytes LE).
//   * next_u32(): the block's 16 output words in order, then the next block.
//   * next_u64(): lo = next_u32(), hi = next_u32(), returns hi << 32 | lo.
//   * uniform(n), n >= 1: Lemire's multiply-and-reject. x = next_u32(); m = x * n (64-bit);
//     if (m mod 2^32) < n, let t = (2^32 - n) mod n and redraw while (m mod 2^32) < t;
//     returns m >> 32. Unbiased.
//   * shuffle(v): Fisher-Yates from the back: for i = size-1 down to 1,
//     swap(v[i], v[uniform(i + 1)]).
//
// Example:
//   participa::Rng rng(/*seed=*/42);
//   std::vector<int> order = {0, 1, 2, 3};
//   rng.shuffle(order);
//
// Thread safety: an Rng is a value; use one per thread.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <utility>

namespace participa {

class Rng {
 public:
  using Block = std::array<std::uint32_t, 16>;
  using Key = std::array<std::uint8_t, 32>;

  // Rng(seed, stream) — the generator for `seed`; different streams are independent.
  explicit Rng(std::uint64_t seed, std::uint64_t stream = 0);
  static Rng from_key(const Key& key, std::uint64_t stream = 0);

  std::uint32_t next_u32();
  std::uint64_t next_u64();
  // uniform(bound) — a draw in [0, bound). Requires: bound >= 1.
  std::uint32_t uniform(std::uint32_t bound);

  template <class T>
  void shuffle(std::span<T> values) {
    for (std::size_t i = values.size(); i > 1; --i) {
      std::size_t j = uniform(static_cast<std::uint32_t>(i));
      using std::swap;
      swap(values[i - 1], values[j]);
    }
  }
  template <class Container>
  void shuffle(Container& values) {
    shuffle(std::span(values));
  }

  // chacha20_block(input) — the RFC 8439 block function (20 rounds, input added back).
  static Block chacha20_block(const Block& input);

  friend bool operator==(const Rng&, const Rng&) = default;

 private:
  Rng() = default;
  void refill();

  Block state_{};
  Block output_{};
  unsigned next_word_ = 16;
};

}  // namespace participa
