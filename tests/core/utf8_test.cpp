#include "participa/core/utf8.hpp"

#include <string>

#include "gtest/gtest.h"

namespace participa {
namespace {

constexpr auto kValid = std::string_view::npos;

TEST(Utf8, AcceptsEveryLengthOfSequence) {
  EXPECT_EQ(first_invalid_utf8(""), kValid);
  EXPECT_EQ(first_invalid_utf8("Łódź"), kValid);
  EXPECT_EQ(first_invalid_utf8("\xE2\x82\xAC"), kValid);          // U+20AC euro sign
  EXPECT_EQ(first_invalid_utf8("\xF0\x9F\x97\xB3"), kValid);      // U+1F5F3 ballot box
  EXPECT_EQ(first_invalid_utf8("\xF4\x8F\xBF\xBF"), kValid);      // U+10FFFF, the last
  EXPECT_EQ(first_invalid_utf8("\xED\x9F\xBF"), kValid);          // U+D7FF, before surrogates
  EXPECT_EQ(first_invalid_utf8(std::string("a\0b", 3)), kValid);  // NUL is a code point
}

TEST(Utf8, FindsTheFirstByteOfWhatIsNotUtf8) {
  EXPECT_EQ(first_invalid_utf8("caf\xE9"), 3u);           // Latin-1 e acute
  EXPECT_EQ(first_invalid_utf8("ab\x80"), 2u);            // a lone continuation byte
  EXPECT_EQ(first_invalid_utf8("\xC0\x80"), 0u);          // overlong NUL
  EXPECT_EQ(first_invalid_utf8("\xC1\xBF"), 0u);          // overlong U+007F
  EXPECT_EQ(first_invalid_utf8("\xE0\x9F\xBF"), 0u);      // overlong U+07FF
  EXPECT_EQ(first_invalid_utf8("\xF0\x8F\xBF\xBF"), 0u);  // overlong U+FFFF
  EXPECT_EQ(first_invalid_utf8("x\xED\xA0\x80"), 1u);     // surrogate U+D800
  EXPECT_EQ(first_invalid_utf8("\xF4\x90\x80\x80"), 0u);  // U+110000
  EXPECT_EQ(first_invalid_utf8("\xF5\x80\x80\x80"), 0u);  // lead byte never used
  EXPECT_EQ(first_invalid_utf8("ok\xE2\x82"), 2u);        // cut short at the end
  EXPECT_EQ(first_invalid_utf8("\xE2\x28\xA1"), 0u);      // continuation replaced
  EXPECT_EQ(first_invalid_utf8("\xF0\x9F\x97\x41"), 0u);  // last byte not continuation
  EXPECT_EQ(first_invalid_utf8("\xFF\xFE"
                               "a"),
            0u);  // a UTF-16 byte-order mark
}

TEST(CheckText, RefusesEmptyNotUtf8AndTooLongText) {
  EXPECT_TRUE(check_text("the title", "Plaça Major", 12).ok());  // 12 bytes: ç takes two
  absl::Status empty = check_text("the title", "", 10);
  EXPECT_EQ(empty.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(empty.message(), "the title is empty");
  EXPECT_EQ(check_text("the title",
                       "Pla\xE7"
                       "a",
                       10)
                .code(),
            absl::StatusCode::kInvalidArgument);
  absl::Status long_text = check_text("the title", "Plaça Major", 11);
  EXPECT_EQ(long_text.code(), absl::StatusCode::kOutOfRange);
  EXPECT_EQ(long_text.message(), "the title has 12 bytes; at most 11 are allowed");
}

}  // namespace
}  // namespace participa
