// participa/questionnaire/respondent.hpp — respondents counted once, without keeping who they are.
//
// A respondent is known by a token: SHA-256 of the form's salt, the kind of identity and the
// identity itself, so the same person gets the same token in one survey and unrelated tokens in
// two surveys, and a token does not reveal the account, census code or session behind it. Which
// identity counts is the survey's policy, chosen explicitly:
//   account        a registered participant's id: one response per account;
//   census-token   a code handed out with the census (a letter, a polling list);
//   session        an anonymous browser session: a person with two browsers can answer twice,
//                  which is why the ip hash is kept beside it to spot floods.
//
//   Digest token = respondent_token(form.salt, Identity::kAccount, participant_id);
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "participa/core/digest.hpp"
#include "participa/core/names.hpp"
#include "participa/core/rng.hpp"

namespace participa::questionnaire {

enum class Identity { kAccount, kCensusToken, kSession };

inline constexpr std::array<Named<Identity>, 3> kIdentityNames = {{
    {Identity::kAccount, "account"},
    {Identity::kCensusToken, "census-token"},
    {Identity::kSession, "session"},
}};

Digest respondent_token(std::string_view salt, Identity identity, std::string_view value);
// ip_hash(salt, address) — the address hashed with the salt, for flood checks only.
Digest ip_hash(std::string_view salt, std::string_view address);
// random_salt — 32 hex digits from `rng`, for a form or an election given none.
std::string random_salt(Rng& rng);

}  // namespace participa::questionnaire
