#include "participa/core/rng.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <numeric>
#include <vector>

#include "gtest/gtest.h"

namespace participa {
namespace {

// RFC 8439, section 2.3.2: the ChaCha20 block function test vector.
TEST(ChaCha20, Rfc8439BlockFunctionVector) {
  Rng::Block input = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574, 0x03020100, 0x07060504,
                      0x0b0a0908, 0x0f0e0d0c, 0x13121110, 0x17161514, 0x1b1a1918, 0x1f1e1d1c,
                      0x00000001, 0x09000000, 0x4a000000, 0x00000000};
  Rng::Block expected = {0xe4e7f110, 0x15593bd1, 0x1fdd0f50, 0xc47120a3, 0xc7f4d1c7, 0x0368c033,
                         0x9aaa2204, 0x4e6cd4c3, 0x466482d2, 0x09aa9f07, 0x05d7c214, 0xa2028bd9,
                         0xd19c12b5, 0xb94e16de, 0xe883d0cb, 0x4e3c50a2};
  EXPECT_EQ(Rng::chacha20_block(input), expected);
}

// The documented stream equals OpenSSL's ChaCha20 keystream for key = seed || 0^24 and
// IV = counter (8 bytes LE) || stream (8 bytes LE): an independent implementation.
std::vector<std::uint8_t> openssl_keystream(std::uint64_t seed, std::uint64_t stream,
                                            std::size_t bytes) {
  std::uint8_t key[32] = {};
  for (int i = 0; i < 8; ++i) key[i] = static_cast<std::uint8_t>(seed >> (8 * i));
  std::uint8_t iv[16] = {};
  for (int i = 0; i < 8; ++i) iv[8 + i] = static_cast<std::uint8_t>(stream >> (8 * i));
  std::vector<std::uint8_t> zeros(bytes, 0), out(bytes, 0);
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  EVP_EncryptInit_ex(ctx, EVP_chacha20(), nullptr, key, iv);
  int len = 0;
  EVP_EncryptUpdate(ctx, out.data(), &len, zeros.data(), static_cast<int>(bytes));
  EVP_CIPHER_CTX_free(ctx);
  return out;
}

TEST(Rng, MatchesOpenSslKeystreamAcrossBlocks) {
  for (auto [seed, stream] :
       {std::pair<std::uint64_t, std::uint64_t>{0, 0}, {42, 0}, {0xDEADBEEFCAFEull, 7}}) {
    auto expected = openssl_keystream(seed, stream, 64 * 5);
    Rng rng(seed, stream);
    for (std::size_t w = 0; w < expected.size() / 4; ++w) {
      std::uint32_t word = rng.next_u32();
      for (int b = 0; b < 4; ++b) {
        ASSERT_EQ(static_cast<std::uint8_t>(word >> (8 * b)), expected[4 * w + b])
            << "seed " << seed << " word " << w;
      }
    }
  }
}

TEST(Rng, NextU64IsLowWordThenHighWord) {
  Rng a(9), b(9);
  std::uint64_t lo = a.next_u32(), hi = a.next_u32();
  EXPECT_EQ(b.next_u64(), hi << 32 | lo);
}

// uniform() re-derived from the header's definition, using the raw words of a twin generator.
TEST(Rng, UniformFollowsTheDocumentedRejectionRule) {
  for (std::uint32_t bound : {1u, 2u, 3u, 6u, 1000u, 0x80000001u, 0xFFFFFFFFu}) {
    Rng rng(123), raw(123);
    for (int i = 0; i < 1000; ++i) {
      std::uint64_t m = std::uint64_t{raw.next_u32()} * bound;
      std::uint32_t threshold = static_cast<std::uint32_t>((std::uint64_t{1} << 32) % bound);
      while (static_cast<std::uint32_t>(m) < threshold) m = std::uint64_t{raw.next_u32()} * bound;
      std::uint32_t got = rng.uniform(bound);
      ASSERT_EQ(got, static_cast<std::uint32_t>(m >> 32)) << "bound " << bound;
      ASSERT_LT(got, bound);
    }
  }
}

TEST(Rng, UniformIsRoughlyUniform) {
  Rng rng(5);
  std::vector<int> counts(6, 0);
  for (int i = 0; i < 60000; ++i) ++counts[rng.uniform(6)];
  for (int c : counts) EXPECT_NEAR(c, 10000, 400);
}

TEST(Rng, ShuffleIsFisherYatesFromTheBack) {
  std::vector<int> v(10);
  std::iota(v.begin(), v.end(), 0);
  std::vector<int> expected = v;
  Rng raw(77);
  for (std::size_t i = expected.size(); i > 1; --i) {
    std::swap(expected[i - 1], expected[raw.uniform(static_cast<std::uint32_t>(i))]);
  }
  Rng rng(77);
  rng.shuffle(v);
  EXPECT_EQ(v, expected);
  std::vector<int> sorted = v;
  std::sort(sorted.begin(), sorted.end());
  for (int i = 0; i < 10; ++i) EXPECT_EQ(sorted[i], i);
}

TEST(Rng, SeedsAndStreamsDiffer) {
  EXPECT_NE(Rng(1).next_u64(), Rng(2).next_u64());
  EXPECT_NE(Rng(1, 0).next_u64(), Rng(1, 1).next_u64());
  EXPECT_EQ(Rng(3), Rng(3));
}

}  // namespace
}  // namespace participa
