// participa/testing: GoogleTest matchers for absl::Status and absl::StatusOr.
//
// Abseil 20220623 ships no status matchers, so participa's tests use these:
//   EXPECT_THAT(profile.add(ballot), IsOk());
//   EXPECT_THAT(read("bad.soc"), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("line
//   3"))); ASSERT_OK_AND_ASSIGN(ProfileBuilder b, ProfileBuilder::create(names, kind));
#pragma once

#include <ostream>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace participa::testing {

inline const absl::Status& status_of(const absl::Status& s) { return s; }
template <class T>
const absl::Status& status_of(const absl::StatusOr<T>& s) {
  return s.status();
}

MATCHER(IsOk, "is OK") {
  const absl::Status& s = status_of(arg);
  if (!s.ok()) *result_listener << "status is " << s.ToString();
  return s.ok();
}

MATCHER_P2(StatusIs, code, message_matcher, "has the status code and message") {
  const absl::Status& s = status_of(arg);
  *result_listener << "status is " << s.ToString();
  return s.code() == code &&
         ::testing::ExplainMatchResult(message_matcher, std::string(s.message()), result_listener);
}

}  // namespace participa::testing

#define PARTICIPA_TESTING_CONCAT_INNER_(a, b) a##b
#define PARTICIPA_TESTING_CONCAT_(a, b) PARTICIPA_TESTING_CONCAT_INNER_(a, b)
#define ASSERT_OK_AND_ASSIGN(lhs, expr)                                      \
  auto PARTICIPA_TESTING_CONCAT_(statusor_, __LINE__) = (expr);              \
  ASSERT_TRUE(PARTICIPA_TESTING_CONCAT_(statusor_, __LINE__).ok())           \
      << PARTICIPA_TESTING_CONCAT_(statusor_, __LINE__).status().ToString(); \
  lhs = std::move(PARTICIPA_TESTING_CONCAT_(statusor_, __LINE__)).value()
