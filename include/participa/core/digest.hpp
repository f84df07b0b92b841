// participa/core/digest.hpp — SHA-256 digests (OpenSSL libcrypto underneath).
//
// A `Digest` names canonical input: results carry the digest of the profile they counted,
// and the event log chains digests so tampering shows. `Sha256` hashes incrementally.
//
//   participa::Sha256 h;
//   h.update("ballots");
//   participa::Digest d = h.finish();
//   std::string hex = d.hex();   // 64 lowercase hex digits
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace participa {

// Digest — 32 bytes of SHA-256 output; a regular, ordered value.
struct Digest {
  std::array<std::uint8_t, 32> bytes{};

  std::string hex() const;
  // parse_hex(text) — InvalidArgument unless text is 64 hex digits.
  static absl::StatusOr<Digest> parse_hex(std::string_view text);

  friend auto operator<=>(const Digest&, const Digest&) = default;
  friend bool operator==(const Digest&, const Digest&) = default;
};

// Sha256 — incremental hashing; finish() may be called once.
class Sha256 {
 public:
  Sha256();
  Sha256(Sha256&&) noexcept;
  Sha256& operator=(Sha256&&) noexcept;
  ~Sha256();

  void update(std::span<const std::uint8_t> bytes);
  void update(std::string_view text);
  // update_u64 — 8 bytes, little-endian: the framing canonical encodings use for integers.
  void update_u64(std::uint64_t value);
  Digest finish();

  static Digest of(std::string_view text);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace participa
