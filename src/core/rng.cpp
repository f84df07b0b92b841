#include "participa/core/rng.hpp"

#include <bit>

namespace participa {
namespace {

constexpr std::uint32_t kSigma[4] = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574};

inline void quarter_round(Rng::Block& x, int a, int b, int c, int d) {
  x[a] += x[b];
  x[d] = std::rotl(x[d] ^ x[a], 16);
  x[c] += x[d];
  x[b] = std::rotl(x[b] ^ x[c], 12);
  x[a] += x[b];
  x[d] = std::rotl(x[d] ^ x[a], 8);
  x[c] += x[d];
  x[b] = std::rotl(x[b] ^ x[c], 7);
}

std::uint32_t load_le32(const std::uint8_t* p) {
  return std::uint32_t{p[0]} | std::uint32_t{p[1]} << 8 | std::uint32_t{p[2]} << 16 |
         std::uint32_t{p[3]} << 24;
}

}  // namespace

Rng::Block Rng::chacha20_block(const Block& input) {
  Block x = input;
  for (int i = 0; i < 10; ++i) {
    quarter_round(x, 0, 4, 8, 12);
    quarter_round(x, 1, 5, 9, 13);
    quarter_round(x, 2, 6, 10, 14);
    quarter_round(x, 3, 7, 11, 15);
    quarter_round(x, 0, 5, 10, 15);
    quarter_round(x, 1, 6, 11, 12);
    quarter_round(x, 2, 7, 8, 13);
    quarter_round(x, 3, 4, 9, 14);
  }
  for (int i = 0; i < 16; ++i) x[i] += input[i];
  return x;
}

Rng Rng::from_key(const Key& key, std::uint64_t stream) {
  Rng rng;
  for (int i = 0; i < 4; ++i) rng.state_[i] = kSigma[i];
  for (int i = 0; i < 8; ++i) rng.state_[4 + i] = load_le32(key.data() + 4 * i);
  rng.state_[12] = 0;
  rng.state_[13] = 0;
  rng.state_[14] = static_cast<std::uint32_t>(stream);
  rng.state_[15] = static_cast<std::uint32_t>(stream >> 32);
  return rng;
}

Rng::Rng(std::uint64_t seed, std::uint64_t stream) {
  Key key{};
  for (int i = 0; i < 8; ++i) key[i] = static_cast<std::uint8_t>(seed >> (8 * i));
  *this = from_key(key, stream);
}

void Rng::refill() {
  output_ = chacha20_block(state_);
  if (++state_[12] == 0) ++state_[13];
  next_word_ = 0;
}

std::uint32_t Rng::next_u32() {
  if (next_word_ == 16) refill();
  return output_[next_word_++];
}

std::uint64_t Rng::next_u64() {
  std::uint64_t lo = next_u32();
  std::uint64_t hi = next_u32();
  return hi << 32 | lo;
}

std::uint32_t Rng::uniform(std::uint32_t bound) {
  std::uint64_t m = std::uint64_t{next_u32()} * bound;
  auto low = static_cast<std::uint32_t>(m);
  if (low < bound) {
    std::uint32_t threshold = (0u - bound) % bound;
    while (low < threshold) {
      m = std::uint64_t{next_u32()} * bound;
      low = static_cast<std::uint32_t>(m);
    }
  }
  return static_cast<std::uint32_t>(m >> 32);
}

}  // namespace participa
