#include "participa/core/digest.hpp"

#include "gtest/gtest.h"
#include "status_matchers.hpp"

namespace participa {
namespace {

using ::participa::testing::StatusIs;

// FIPS 180-2 test vectors.
TEST(Sha256, KnownVectors) {
  EXPECT_EQ(Sha256::of("").hex(),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256::of("abc").hex(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256::of("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq").hex(),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256, IncrementalEqualsOneShot) {
  Sha256 h;
  h.update("ab");
  h.update("c");
  EXPECT_EQ(h.finish(), Sha256::of("abc"));
}

TEST(Digest, HexRoundTripAndErrors) {
  Digest d = Sha256::of("abc");
  auto back = Digest::parse_hex(d.hex());
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, d);
  EXPECT_THAT(Digest::parse_hex("abc"),
              StatusIs(absl::StatusCode::kInvalidArgument, ::testing::HasSubstr("64 hex")));
  EXPECT_THAT(Digest::parse_hex(std::string(64, 'g')),
              StatusIs(absl::StatusCode::kInvalidArgument, ::testing::HasSubstr("hexadecimal")));
}

}  // namespace
}  // namespace participa
