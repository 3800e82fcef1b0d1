#include "crypto/keyring.h"

#include <gtest/gtest.h>
#include <sodium.h>
#include <sys/stat.h>

#include <array>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>

#include "crypto/crypto.h"
#include "temp_dir.h"

namespace strada::crypto {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

constexpr const char* kEnvVar = "STRADA_MASTER_KEY";
constexpr std::string_view kKeyHex =
    "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

// Sets or unsets STRADA_MASTER_KEY for one test and restores the previous value afterwards.
class EnvGuard {
 public:
  explicit EnvGuard(std::optional<std::string> value) {
    if (const char* old = std::getenv(kEnvVar); old != nullptr) {
      old_ = old;
    }
    set(value);
  }
  EnvGuard(const EnvGuard&) = delete;
  EnvGuard& operator=(const EnvGuard&) = delete;
  ~EnvGuard() { set(old_); }

 private:
  static void set(const std::optional<std::string>& value) {
    if (value) {
      ::setenv(kEnvVar, value->c_str(), 1);
    } else {
      ::unsetenv(kEnvVar);
    }
  }
  std::optional<std::string> old_;
};

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeFile(const fs::path& path, const std::string& text, fs::perms mode) {
  {
    std::ofstream out(path, std::ios::binary);
    out << text;
  }
  fs::permissions(path, mode);
}

bool sameKey(const MasterKey& a, const MasterKey& b) {
  const SecretKey data_key = SecretKey::generate();
  auto unwrapped = b.unwrap(a.wrap(data_key, "k1"), "k1");
  return unwrapped.has_value() && unwrapped->bytes() == data_key.bytes();
}

class MasterKeyTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { ASSERT_TRUE(initialise().has_value()); }
  TempDir dir_;
  EnvGuard no_env_{std::nullopt};
};

TEST_F(MasterKeyTest, CreateWritesSixtyFourLowerHexAndNewlineWithMode0600) {
  const fs::path path = dir_.path() / "master.key";
  auto key = MasterKey::create(path);
  ASSERT_TRUE(key.has_value()) << key.error().message;

  const std::string text = readFile(path);
  ASSERT_EQ(text.size(), 65U);
  EXPECT_EQ(text.back(), '\n');
  EXPECT_EQ(text.substr(0, 64).find_first_not_of("0123456789abcdef"), std::string::npos);

  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0600U);
}

TEST_F(MasterKeyTest, CreateThenLoadGivesTheSameKey) {
  const fs::path path = dir_.path() / "master.key";
  auto created = MasterKey::create(path);
  ASSERT_TRUE(created.has_value());
  auto loaded = MasterKey::load(path);
  ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
  EXPECT_TRUE(sameKey(*created, *loaded));
}

TEST_F(MasterKeyTest, CreateRefusesAnExistingFileAndLeavesItUntouched) {
  const fs::path path = dir_.path() / "master.key";
  ASSERT_TRUE(MasterKey::create(path).has_value());
  const std::string before = readFile(path);

  auto again = MasterKey::create(path);
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, domain::ErrorCode::kConflict);
  EXPECT_NE(again.error().message.find("never overwritten"), std::string::npos);
  EXPECT_EQ(readFile(path), before);
}

TEST_F(MasterKeyTest, CreateRefusesASymlink) {
  const fs::path target = dir_.path() / "elsewhere";
  const fs::path path = dir_.path() / "master.key";
  fs::create_symlink(target, path);
  auto key = MasterKey::create(path);
  ASSERT_FALSE(key.has_value());
  EXPECT_FALSE(fs::exists(target));
}

TEST_F(MasterKeyTest, CreateInAMissingDirectoryIsUnavailable) {
  auto key = MasterKey::create(dir_.path() / "no-such-dir" / "master.key");
  ASSERT_FALSE(key.has_value());
  EXPECT_EQ(key.error().code, domain::ErrorCode::kUnavailable);
}

TEST_F(MasterKeyTest, LoadMissingFileSaysWhatToDo) {
  const fs::path path = dir_.path() / "master.key";
  auto key = MasterKey::load(path);
  ASSERT_FALSE(key.has_value());
  EXPECT_EQ(key.error().code, domain::ErrorCode::kUnavailable);
  EXPECT_EQ(key.error().message, "No master key at " + path.string() +
                                     ": run `strada init --data DIR` first, or set "
                                     "STRADA_MASTER_KEY.");
}

TEST_F(MasterKeyTest, LoadRefusesAFileReadableByGroupOrOthers) {
  const fs::path path = dir_.path() / "master.key";
  ASSERT_TRUE(MasterKey::create(path).has_value());
  for (const fs::perms mode :
       {fs::perms(0644), fs::perms(0640), fs::perms(0604), fs::perms(0620), fs::perms(0601)}) {
    fs::permissions(path, mode);
    auto key = MasterKey::load(path);
    ASSERT_FALSE(key.has_value()) << static_cast<int>(mode);
    EXPECT_EQ(key.error().code, domain::ErrorCode::kUnavailable);
    EXPECT_NE(key.error().message.find("chmod 600 " + path.string()), std::string::npos)
        << key.error().message;
  }
  fs::permissions(path, fs::perms(0400));
  EXPECT_TRUE(MasterKey::load(path).has_value());
}

TEST_F(MasterKeyTest, LoadRefusesMalformedFilesWithoutEchoingThem) {
  const fs::path path = dir_.path() / "master.key";
  const std::string secretish = "deadbeef";
  for (const std::string& text :
       {std::string(""), std::string("\n"), std::string(kKeyHex.substr(0, 62)) + "\n",
        std::string(kKeyHex) + "00\n", std::string(kKeyHex.substr(0, 63)) + "g\n",
        secretish + std::string(kKeyHex.substr(8)) + "x", std::string(4096, 'a')}) {
    fs::remove(path);
    writeFile(path, text, fs::perms(0600));
    auto key = MasterKey::load(path);
    ASSERT_FALSE(key.has_value()) << text.size();
    EXPECT_EQ(key.error().code, domain::ErrorCode::kUnavailable);
    EXPECT_EQ(key.error().message.find(secretish), std::string::npos);
  }
}

TEST_F(MasterKeyTest, LoadAcceptsAFileWithoutTrailingNewline) {
  const fs::path path = dir_.path() / "master.key";
  writeFile(path, std::string(kKeyHex), fs::perms(0600));
  auto loaded = MasterKey::load(path);
  ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
  auto expected = MasterKey::fromHex(kKeyHex);
  ASSERT_TRUE(expected.has_value());
  EXPECT_TRUE(sameKey(*loaded, *expected));
}

TEST_F(MasterKeyTest, LoadRefusesADirectory) {
  const fs::path path = dir_.path() / "master.key";
  fs::create_directory(path);
  fs::permissions(path, fs::perms(0700));
  auto key = MasterKey::load(path);
  ASSERT_FALSE(key.has_value());
  EXPECT_EQ(key.error().code, domain::ErrorCode::kUnavailable);
}

TEST_F(MasterKeyTest, EnvironmentOverridesTheFile) {
  const fs::path path = dir_.path() / "master.key";
  ASSERT_TRUE(MasterKey::create(path).has_value());
  auto expected = MasterKey::fromHex(kKeyHex);
  ASSERT_TRUE(expected.has_value());

  EnvGuard env{std::string(kKeyHex)};
  auto loaded = MasterKey::load(path);
  ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
  EXPECT_TRUE(sameKey(*loaded, *expected));

  // The file is not even needed while the variable is set.
  auto without_file = MasterKey::load(dir_.path() / "missing.key");
  ASSERT_TRUE(without_file.has_value());
  EXPECT_TRUE(sameKey(*without_file, *expected));
}

TEST_F(MasterKeyTest, MalformedEnvironmentIsRefusedWithoutEchoingIt) {
  const fs::path path = dir_.path() / "master.key";
  ASSERT_TRUE(MasterKey::create(path).has_value());
  for (const std::string& value :
       {std::string(""), std::string("cafebabe"), std::string(kKeyHex.substr(0, 63)) + "z"}) {
    EnvGuard env{value};
    auto key = MasterKey::load(path);
    ASSERT_FALSE(key.has_value());
    EXPECT_EQ(key.error().code, domain::ErrorCode::kUnavailable);
    EXPECT_NE(key.error().message.find("STRADA_MASTER_KEY"), std::string::npos);
    EXPECT_EQ(key.error().message.find("cafebabe"), std::string::npos);
  }
}

TEST_F(MasterKeyTest, FromHexValidates) {
  EXPECT_TRUE(MasterKey::fromHex(kKeyHex).has_value());
  for (const std::string& bad :
       {std::string(""), std::string(kKeyHex.substr(0, 62)), std::string(kKeyHex) + "00",
        std::string(kKeyHex.substr(0, 63)) + "x"}) {
    auto key = MasterKey::fromHex(bad);
    ASSERT_FALSE(key.has_value());
    EXPECT_EQ(key.error().code, domain::ErrorCode::kInvalidArgument);
  }
}

TEST_F(MasterKeyTest, WrapUnwrapRoundTrip) {
  auto master = MasterKey::fromHex(kKeyHex);
  ASSERT_TRUE(master.has_value());
  const SecretKey data_key = SecretKey::generate();
  const std::string wrapped = master->wrap(data_key, "dk-2026-1");
  EXPECT_EQ(wrapped.size(), 1U + 24U + 32U + 16U);
  EXPECT_EQ(wrapped[0], '\x01');
  EXPECT_EQ(wrapped.find(data_key.bytes()), std::string::npos);
  auto unwrapped = master->unwrap(wrapped, "dk-2026-1");
  ASSERT_TRUE(unwrapped.has_value());
  EXPECT_EQ(unwrapped->bytes(), data_key.bytes());
  // A fresh nonce each time.
  EXPECT_NE(master->wrap(data_key, "dk-2026-1"), wrapped);
}

TEST_F(MasterKeyTest, UnwrapFailsWithWrongKeyIdWrongMasterOrTampering) {
  auto master = MasterKey::fromHex(kKeyHex);
  auto other = MasterKey::fromHex(toHex(randomBytes(32)));
  ASSERT_TRUE(master.has_value() && other.has_value());
  const SecretKey data_key = SecretKey::generate();
  const std::string wrapped = master->wrap(data_key, "dk-1");

  auto wrong_id = master->unwrap(wrapped, "dk-2");
  ASSERT_FALSE(wrong_id.has_value());
  EXPECT_EQ(wrong_id.error().code, domain::ErrorCode::kInternal);
  EXPECT_FALSE(other->unwrap(wrapped, "dk-1").has_value());

  for (std::size_t i = 0; i < wrapped.size(); ++i) {
    std::string tampered = wrapped;
    tampered[i] = static_cast<char>(tampered[i] ^ 0x01);
    EXPECT_FALSE(master->unwrap(tampered, "dk-1").has_value()) << "byte " << i;
  }
  EXPECT_FALSE(master->unwrap(wrapped.substr(0, wrapped.size() - 1), "dk-1").has_value());
  EXPECT_FALSE(master->unwrap(wrapped + "x", "dk-1").has_value());
  EXPECT_FALSE(master->unwrap("", "dk-1").has_value());
}

TEST_F(MasterKeyTest, DeriveSubkeyIsStablePerPurposeAndDistinctAcrossPurposes) {
  auto master = MasterKey::fromHex(kKeyHex);
  auto same = MasterKey::fromHex(kKeyHex);
  auto other = MasterKey::fromHex(toHex(randomBytes(32)));
  ASSERT_TRUE(master.has_value() && same.has_value() && other.has_value());

  const SecretKey csrf = master->deriveSubkey(1, "csrf");
  EXPECT_EQ(csrf.bytes().size(), SecretKey::kSize);
  EXPECT_EQ(csrf.bytes(), same->deriveSubkey(1, "csrf").bytes());
  EXPECT_NE(csrf.bytes(), master->deriveSubkey(2, "csrf").bytes());
  EXPECT_NE(csrf.bytes(), master->deriveSubkey(1, "blindidx").bytes());
  EXPECT_NE(csrf.bytes(), other->deriveSubkey(1, "csrf").bytes());
  EXPECT_NE(csrf.bytes(), master->deriveSubkey(1, "csrf____").bytes());
  EXPECT_EQ(master->deriveSubkey(7, "blindidx").bytes(), same->deriveSubkey(7, "blindidx").bytes());
}

TEST_F(MasterKeyTest, DeriveSubkeyPadsShortContextsWithNul) {
  // Pins the padding rule: "csrf" is the crypto_kdf context "csrf\0\0\0\0". Stored blind
  // indexes depend on subkeys never changing.
  auto master = MasterKey::fromHex(kKeyHex);
  auto raw = fromHex(kKeyHex);
  ASSERT_TRUE(master.has_value() && raw.has_value());
  std::array<unsigned char, crypto_kdf_KEYBYTES> expected{};
  const char context[crypto_kdf_CONTEXTBYTES] = {'c', 's', 'r', 'f', 0, 0, 0, 0};
  ASSERT_EQ(crypto_kdf_derive_from_key(expected.data(), expected.size(), 3, context,
                                       reinterpret_cast<const unsigned char*>(raw->data())),
            0);
  EXPECT_EQ(master->deriveSubkey(3, "csrf").bytes(),
            std::string_view(reinterpret_cast<const char*>(expected.data()), expected.size()));
}

using MasterKeyDeathTest = MasterKeyTest;

TEST_F(MasterKeyDeathTest, DeriveSubkeyStopsOnAContextLongerThanEight) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  auto master = MasterKey::fromHex(kKeyHex);
  ASSERT_TRUE(master.has_value());
  EXPECT_DEATH(static_cast<void>(master->deriveSubkey(1, "ninechars")), "context");
}

class FieldSealerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { ASSERT_TRUE(initialise().has_value()); }

  static FieldSealer sealerFor(std::string_view raw) {
    auto key = SecretKey::fromBytes(raw);
    return FieldSealer(std::move(*key));
  }

  std::string raw_ = randomBytes(SecretKey::kSize);
  FieldSealer sealer_ = sealerFor(raw_);
};

TEST_F(FieldSealerTest, SealOpenRoundTrip) {
  for (const std::string& plain :
       {std::string(""), std::string("x"), std::string("Called from a phone box near the port."),
        std::string("embedded\0nul", 12), randomBytes(4096)}) {
    const std::string sealed = sealer_.seal(plain, "contacts.summary:0123");
    EXPECT_EQ(sealed.size(), 1U + 24U + plain.size() + 16U);
    EXPECT_EQ(sealed[0], '\x01');
    auto opened = sealer_.open(sealed, "contacts.summary:0123");
    ASSERT_TRUE(opened.has_value());
    EXPECT_EQ(*opened, plain);
  }
}

TEST_F(FieldSealerTest, SealingTwiceGivesDifferentCiphertexts) {
  const std::string a = sealer_.seal("same text", "aad");
  const std::string b = sealer_.seal("same text", "aad");
  EXPECT_NE(a, b);
  EXPECT_EQ(a.find("same text"), std::string::npos);
}

TEST_F(FieldSealerTest, AnyFlippedByteFailsToOpen) {
  const std::string sealed = sealer_.seal("survivor's account", "contacts.summary:1");
  for (std::size_t i = 0; i < sealed.size(); ++i) {
    std::string tampered = sealed;
    tampered[i] = static_cast<char>(tampered[i] ^ 0x80);
    auto opened = sealer_.open(tampered, "contacts.summary:1");
    ASSERT_FALSE(opened.has_value()) << "byte " << i;
    EXPECT_EQ(opened.error().code, domain::ErrorCode::kInternal);
    EXPECT_NE(opened.error().detail.find("sealed field failed to open"), std::string::npos);
  }
}

TEST_F(FieldSealerTest, WrongAadFailsToOpen) {
  const std::string sealed = sealer_.seal("text", "contacts.summary:1");
  EXPECT_FALSE(sealer_.open(sealed, "contacts.summary:2").has_value());
  EXPECT_FALSE(sealer_.open(sealed, "contacts.notes:1").has_value());
  EXPECT_FALSE(sealer_.open(sealed, "").has_value());
}

TEST_F(FieldSealerTest, WrongKeyFailsToOpen) {
  const std::string sealed = sealer_.seal("text", "aad");
  const FieldSealer other = sealerFor(randomBytes(SecretKey::kSize));
  auto opened = other.open(sealed, "aad");
  ASSERT_FALSE(opened.has_value());
  EXPECT_EQ(opened.error().code, domain::ErrorCode::kInternal);
  // The same key in another sealer opens it.
  const FieldSealer same = sealerFor(raw_);
  EXPECT_TRUE(same.open(sealed, "aad").has_value());
}

TEST_F(FieldSealerTest, ShortOrWrongVersionDataFailsWithASafeMessage) {
  const std::string sealed = sealer_.seal("text", "aad");
  for (const std::string& bad :
       {std::string(""), std::string("\x01"), sealed.substr(0, 1 + 24 + 15),
        std::string("\x02") + sealed.substr(1), std::string("\x00", 1) + sealed.substr(1)}) {
    auto opened = sealer_.open(bad, "aad");
    ASSERT_FALSE(opened.has_value()) << bad.size();
    EXPECT_EQ(opened.error().code, domain::ErrorCode::kInternal);
    EXPECT_EQ(opened.error().message.find("text"), std::string::npos);
    EXPECT_NE(opened.error().detail.find("sealed field failed to open"), std::string::npos);
  }
}

TEST_F(FieldSealerTest, SealedWithADerivedOrUnwrappedKeyOpensAfterReload) {
  // The real flow: a data key is wrapped under the master key, stored, unwrapped later.
  auto master = MasterKey::fromHex(kKeyHex);
  ASSERT_TRUE(master.has_value());
  SecretKey data_key = SecretKey::generate();
  const std::string wrapped = master->wrap(data_key, "dk-1");
  const FieldSealer writer(std::move(data_key));
  const std::string sealed = writer.seal("a note", "contacts.notes:42");

  auto unwrapped = master->unwrap(wrapped, "dk-1");
  ASSERT_TRUE(unwrapped.has_value());
  const FieldSealer reader(std::move(*unwrapped));
  auto opened = reader.open(sealed, "contacts.notes:42");
  ASSERT_TRUE(opened.has_value());
  EXPECT_EQ(*opened, "a note");
}

}  // namespace
}  // namespace strada::crypto
