#include "participa/questionnaire/respondent.hpp"

namespace participa::questionnaire {
namespace {

// Each part is framed by its length, so ("ab", "c") and ("a", "bc") hash apart.
Digest framed(std::string_view domain, std::string_view salt, std::string_view kind,
              std::string_view value) {
  Sha256 h;
  for (std::string_view part : {domain, salt, kind, value}) {
    h.update_u64(part.size());
    h.update(part);
  }
  return h.finish();
}

}  // namespace

Digest respondent_token(std::string_view salt, Identity identity, std::string_view value) {
  return framed("participa.questionnaire.respondent", salt, name_of(kIdentityNames, identity),
                value);
}

Digest ip_hash(std::string_view salt, std::string_view address) {
  return framed("participa.questionnaire.ip", salt, "ip", address);
}

std::string random_salt(Rng& rng) {
  std::string salt;
  for (int i = 0; i < 2; ++i) {
    std::uint64_t word = rng.next_u64();
    for (int nibble = 0; nibble < 16; ++nibble) {
      salt.push_back("0123456789abcdef"[(word >> (4 * nibble)) & 0xF]);
    }
  }
  return salt;
}

}  // namespace participa::questionnaire
