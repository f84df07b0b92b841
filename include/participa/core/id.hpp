// participa/core/id.hpp — strongly typed identifiers over UUIDs.
//
// `Id<Tag>` names one kind of entity; ids of different tags never convert into each other,
// so a ProposalId cannot be passed where a SpaceId is expected. New ids come either from the
// seeded core generator (`Id::random(rng)`, a version-4 UUID built from `Rng` output, so a
// seeded run is reproducible) or from an external key (`Id::from_name("decidim:42")`, a
// version-5 UUID in participa's namespace, the same on every machine).
//
//   using ProposalId = participa::Id<struct ProposalTag>;
//   participa::Rng rng(7);
//   ProposalId a = ProposalId::random(rng);
//   auto b = ProposalId::parse(a.to_string());   // StatusOr<ProposalId>
//
// Boost.UUID appears in this header only.
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include <boost/uuid/name_generator_sha1.hpp>
#include <boost/uuid/string_generator.hpp>
#include <boost/uuid/uuid.hpp>
#include <boost/uuid/uuid_io.hpp>

#include "absl/status/statusor.h"
#include "participa/core/rng.hpp"
#include "participa/core/strings.hpp"

namespace participa {

namespace detail {
// The namespace of participa's name-based ids (a fixed, arbitrary version-4 UUID).
inline constexpr boost::uuids::uuid kIdNamespace = {{0x6b, 0x1f, 0x3c, 0x52, 0x8e, 0x0d, 0x4a, 0x71,
                                                     0x9c, 0x25, 0x3e, 0x47, 0xd8, 0x90, 0x11,
                                                     0xa3}};
}  // namespace detail

template <class Tag>
class Id {
 public:
  // Id() — the nil id (all zero bytes), which no generated id equals.
  Id() = default;

  static Id random(Rng& rng) {
    Id id;
    for (int i = 0; i < 16; i += 4) {
      std::uint32_t word = rng.next_u32();
      for (int j = 0; j < 4; ++j) id.uuid_.data[i + j] = static_cast<std::uint8_t>(word >> (8 * j));
    }
    id.uuid_.data[6] = static_cast<std::uint8_t>((id.uuid_.data[6] & 0x0F) | 0x40);
    id.uuid_.data[8] = static_cast<std::uint8_t>((id.uuid_.data[8] & 0x3F) | 0x80);
    return id;
  }

  static Id from_name(std::string_view name) {
    boost::uuids::name_generator_sha1 generate(detail::kIdNamespace);
    Id id;
    id.uuid_ = generate(name.data(), name.size());
    return id;
  }

  static Id from_bytes(const std::array<std::uint8_t, 16>& bytes) {
    Id id;
    std::copy(bytes.begin(), bytes.end(), id.uuid_.begin());
    return id;
  }

  // parse(text) — the canonical 36-character form; InvalidArgument otherwise.
  static absl::StatusOr<Id> parse(std::string_view text) {
    if (text.size() != 36 || text[8] != '-' || text[13] != '-' || text[18] != '-' ||
        text[23] != '-') {
      return absl::InvalidArgumentError(
          str_cat("'", text, "' is not a UUID (expected xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)"));
    }
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (i == 8 || i == 13 || i == 18 || i == 23) continue;
      char c = text[i];
      bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (!hex) return absl::InvalidArgumentError(str_cat("'", text, "' is not a UUID"));
    }
    Id id;
    id.uuid_ = boost::uuids::string_generator()(text.begin(), text.end());
    return id;
  }

  std::string to_string() const { return boost::uuids::to_string(uuid_); }
  std::array<std::uint8_t, 16> bytes() const {
    std::array<std::uint8_t, 16> out{};
    std::copy(uuid_.begin(), uuid_.end(), out.begin());
    return out;
  }
  bool is_nil() const { return uuid_.is_nil(); }

  friend bool operator==(const Id& a, const Id& b) { return a.uuid_ == b.uuid_; }
  friend std::strong_ordering operator<=>(const Id& a, const Id& b) {
    int order = std::memcmp(a.uuid_.data, b.uuid_.data, 16);
    return order < 0 ? std::strong_ordering::less
                     : (order > 0 ? std::strong_ordering::greater : std::strong_ordering::equal);
  }
  template <class H>
  friend H AbslHashValue(H h, const Id& id) {
    return H::combine_contiguous(std::move(h), id.uuid_.data, 16);
  }

 private:
  boost::uuids::uuid uuid_{};
};

}  // namespace participa
