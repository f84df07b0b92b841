#include "participa/core/digest.hpp"

#include <openssl/evp.h>

#include "absl/strings/escaping.h"
#include "participa/core/strings.hpp"

namespace participa {

std::string Digest::hex() const {
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

absl::StatusOr<Digest> Digest::parse_hex(std::string_view text) {
  if (text.size() != 64) {
    return absl::InvalidArgumentError(
        str_cat("a SHA-256 digest has 64 hex digits, got ", text.size()));
  }
  for (char c : text) {
    if (!absl::ascii_isxdigit(static_cast<unsigned char>(c))) {
      return absl::InvalidArgumentError(str_cat("'", text, "' is not hexadecimal"));
    }
  }
  std::string raw = absl::HexStringToBytes(absl::string_view(text.data(), text.size()));
  Digest d;
  std::copy(raw.begin(), raw.end(), d.bytes.begin());
  return d;
}

struct Sha256::State {
  EVP_MD_CTX* ctx = nullptr;
  ~State() { EVP_MD_CTX_free(ctx); }
};

Sha256::Sha256() : state_(std::make_unique<State>()) {
  state_->ctx = EVP_MD_CTX_new();
  EVP_DigestInit_ex(state_->ctx, EVP_sha256(), nullptr);
}
Sha256::Sha256(Sha256&&) noexcept = default;
Sha256& Sha256::operator=(Sha256&&) noexcept = default;
Sha256::~Sha256() = default;

void Sha256::update(std::span<const std::uint8_t> bytes) {
  EVP_DigestUpdate(state_->ctx, bytes.data(), bytes.size());
}

void Sha256::update(std::string_view text) {
  EVP_DigestUpdate(state_->ctx, text.data(), text.size());
}

void Sha256::update_u64(std::uint64_t value) {
  std::uint8_t le[8];
  for (int i = 0; i < 8; ++i) le[i] = static_cast<std::uint8_t>(value >> (8 * i));
  update(std::span<const std::uint8_t>(le, 8));
}

Digest Sha256::finish() {
  Digest d;
  unsigned int length = 0;
  EVP_DigestFinal_ex(state_->ctx, d.bytes.data(), &length);
  return d;
}

Digest Sha256::of(std::string_view text) {
  Sha256 h;
  h.update(text);
  return h.finish();
}

}  // namespace participa
