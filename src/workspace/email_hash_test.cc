#include "workspace/email_hash.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace learnloop {
namespace {
namespace fs = std::filesystem;

EmailHasher::Key KeyOf(unsigned char fill) {
  EmailHasher::Key key;
  key.fill(fill);
  return key;
}

TEST(EmailHashTest, AnAddressHashesTheSameHoweverItIsWritten) {
  const EmailHasher hasher(KeyOf(7));
  const std::string hashed = hasher.Stored("cara@example.org");
  EXPECT_TRUE(IsHashedEmail(hashed)) << hashed;
  EXPECT_TRUE(hashed.ends_with(kHashedEmailDomain));
  EXPECT_EQ(hasher.Stored("  Cara@EXAMPLE.org "), hashed) << "trimmed and case-folded, as linking compares";
  EXPECT_EQ(hasher.Stored(hashed), hashed) << "a hash is kept as it is";
  EXPECT_NE(hasher.Stored("dan@example.org"), hashed);
  EXPECT_NE(EmailHasher(KeyOf(8)).Stored("cara@example.org"), hashed) << "another key, another hash";
  EXPECT_EQ(hashed.find("cara"), std::string::npos);
}

TEST(EmailHashTest, HandlesIdsAndOtherValuesAreKeptAsWritten) {
  const EmailHasher hasher(KeyOf(7));
  for (const std::string value :
       {"@cara@mastodon.social", "@cara.bsky.social", "civicrm:1432", "Berlin", "", "not an email@", "a@b"})
    EXPECT_EQ(hasher.Stored(value), value);
  EXPECT_FALSE(IsHashedEmail("0123456789abcdef0123456789ABCDEF@hashed.invalid")) << "upper case is no hash";
  EXPECT_FALSE(IsHashedEmail("0123@hashed.invalid"));
  EXPECT_TRUE(IsHashedEmail("0123456789abcdef0123456789abcdef@hashed.invalid"));
}

TEST(EmailHashTest, AKeyFileIsMadeOnceAndLoadedOnlyByItsOwnWorkspace) {
  const fs::path dir = fs::temp_directory_path() / ("ll-email-hash-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path file = dir / "email.key";
  auto made = EmailHasher::Create(file);
  ASSERT_TRUE(made.ok()) << made.status().message();
  EXPECT_EQ(fs::status(file).permissions() & fs::perms::all, fs::perms::owner_read | fs::perms::owner_write);
  EXPECT_EQ(EmailHasher::Create(file).status().code(), StatusCode::kAlreadyExists) << "never over a key";
  auto loaded = EmailHasher::Load(file, made->KeyId());
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_EQ(loaded->Stored("cara@example.org"), made->Stored("cara@example.org"));
  EXPECT_EQ(loaded->KeyId().size(), 32u);
  EXPECT_EQ(EmailHasher::Load(file, EmailHasher(KeyOf(1)).KeyId()).status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(EmailHasher::Load(dir / "nope.key", made->KeyId()).status().code(), StatusCode::kFailedPrecondition);
  std::ofstream(file, std::ios::trunc) << std::string(64, 'g') << "\n";
  EXPECT_EQ(EmailHasher::Load(file, made->KeyId()).status().code(), StatusCode::kFailedPrecondition);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace learnloop
