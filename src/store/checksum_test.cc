#include "store/checksum.h"

#include <gtest/gtest.h>

namespace learnloop::store {
namespace {

TEST(Sha256Test, KnownVectors) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Sha256Test, StreamingMatchesOneShot) {
  std::string text = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  Sha256 hasher;
  for (size_t i = 0; i < text.size(); i += 7) hasher.Update(std::string_view(text).substr(i, 7));
  EXPECT_EQ(hasher.FinishHex(), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(Sha256Hex(text), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256Test, DifferentBytesDiffer) { EXPECT_NE(Sha256Hex("abc"), Sha256Hex("abd")); }

}  // namespace
}  // namespace learnloop::store
