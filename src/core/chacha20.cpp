#include "participa/core/chacha20.hpp"

#include <openssl/evp.h>

#include <cstdio>
#include <cstdlib>
#include <memory>

namespace participa {

ChaCha20Stream::ChaCha20Stream(const Digest& key) : key_(key.bytes) {}

// refill — the next 64-byte block: OpenSSL's ChaCha20 takes a 16-byte IV, the 32-bit block
// counter (little-endian) followed by the 96-bit nonce (zeros here), and its output over zeros
// is the keystream.
void ChaCha20Stream::refill() {
  std::array<std::uint8_t, 16> iv{};
  for (int i = 0; i < 4; ++i) iv[static_cast<std::size_t>(i)] = (counter_ >> (8 * i)) & 0xffu;
  std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)> context(EVP_CIPHER_CTX_new(),
                                                                          EVP_CIPHER_CTX_free);
  const std::array<std::uint8_t, 64> zeros{};
  int written = 0;
  const bool ok =
      context != nullptr &&
      EVP_EncryptInit_ex(context.get(), EVP_chacha20(), nullptr, key_.data(), iv.data()) == 1 &&
      EVP_EncryptUpdate(context.get(), block_.data(), &written, zeros.data(),
                        static_cast<int>(zeros.size())) == 1 &&
      written == static_cast<int>(block_.size());
  // ChaCha20 over a fixed-size buffer fails only when libcrypto itself is broken; a draw must
  // never go on with a block it did not compute.
  if (!ok) {
    std::fputs("participa: OpenSSL's ChaCha20 failed\n", stderr);
    std::abort();
  }
  ++counter_;
  used_ = 0;
}

std::uint32_t ChaCha20Stream::next_u32() {
  if (used_ + 4 > block_.size()) refill();
  std::uint32_t word = 0;
  for (std::size_t i = 0; i < 4; ++i) word |= std::uint32_t{block_[used_ + i]} << (8 * i);
  used_ += 4;
  return word;
}

std::uint32_t ChaCha20Stream::uniform(std::uint32_t bound) {
  const std::uint64_t range = std::uint64_t{1} << 32;
  const std::uint64_t limit = range - range % bound;
  while (true) {
    const std::uint32_t word = next_u32();
    if (word < limit) return word % bound;
  }
}

}  // namespace participa
