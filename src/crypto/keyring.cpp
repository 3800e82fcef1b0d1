#include "crypto/keyring.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "crypto/crypto.h"

namespace strada::crypto {

namespace {

constexpr char kFormatVersion = 0x01;
constexpr std::size_t kNonceSize = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTagSize = crypto_aead_xchacha20poly1305_ietf_ABYTES;
constexpr std::size_t kHeaderSize = 1 + kNonceSize;
constexpr std::size_t kWrappedSize = kHeaderSize + SecretKey::kSize + kTagSize;
constexpr std::size_t kHexKeySize = SecretKey::kSize * 2;
// Larger than any well-formed key file; a bigger file is malformed, not read whole.
constexpr std::size_t kMaxKeyFileSize = 256;
constexpr const char* kEnvVar = "STRADA_MASTER_KEY";

const unsigned char* asBytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

unsigned char* asBytes(std::string& s) { return reinterpret_cast<unsigned char*>(s.data()); }

// Closes a file descriptor on every return path.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() {
    if (fd_ >= 0) {
      ::close(fd_);
    }
  }
  [[nodiscard]] int get() const { return fd_; }

 private:
  int fd_;
};

std::string pathText(const std::filesystem::path& path) { return path.string(); }

std::string trimTrailingSpace(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ' ||
                           text.back() == '\t')) {
    text.remove_suffix(1);
  }
  return std::string(text);
}

bool writeAll(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      return false;
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

// crypto_kdf contexts are exactly 8 bytes. Shorter names are padded with NUL bytes, so "csrf"
// and "blindidx" stay distinct from any printable 8-character context.
std::array<char, crypto_kdf_CONTEXTBYTES> kdfContext(std::string_view context8) {
  std::array<char, crypto_kdf_CONTEXTBYTES> ctx{};
  if (context8.empty() || context8.size() > ctx.size()) {
    // A context is a constant chosen in code; truncating a longer one could make two purposes
    // share a subkey, so a wrong one stops the process instead.
    std::fputs("strada: crypto_kdf context must be 1 to 8 characters\n", stderr);
    std::abort();
  }
  std::memcpy(ctx.data(), context8.data(), context8.size());
  return ctx;
}

}  // namespace

domain::Result<MasterKey> MasterKey::create(const std::filesystem::path& path) {
  SecretKey key = SecretKey::generate();
  std::string text = toHex(key.bytes()) + "\n";

  // O_EXCL: never replace an existing key. O_NOFOLLOW: never write through a planted symlink.
  const int raw_fd =
      ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, S_IRUSR | S_IWUSR);
  if (raw_fd < 0) {
    const int err = errno;
    wipe(text);
    if (err == EEXIST) {
      return domain::fail(domain::ErrorCode::kConflict,
                          "A master key already exists at " + pathText(path) +
                              "; an existing key is never overwritten, because every sealed "
                              "field would become unreadable.",
                          {}, "master key file exists");
    }
    return domain::fail(domain::ErrorCode::kUnavailable,
                        "Cannot create the master key file " + pathText(path) + ": " +
                            std::strerror(err) +
                            ". Check that its directory exists and is "
                            "writable.",
                        {}, "open(O_CREAT|O_EXCL) failed");
  }
  FileDescriptor fd(raw_fd);
  // The umask can only remove bits, but say exactly what we mean.
  const bool ok = ::fchmod(fd.get(), S_IRUSR | S_IWUSR) == 0 && writeAll(fd.get(), text) &&
                  ::fsync(fd.get()) == 0;
  const int err = errno;
  wipe(text);
  if (!ok) {
    // A half-written key file would be refused by load() anyway; remove it so a retry can work.
    ::unlink(path.c_str());
    return domain::fail(
        domain::ErrorCode::kUnavailable,
        "Cannot write the master key file " + pathText(path) + ": " + std::strerror(err) + ".", {},
        "writing master key file failed");
  }
  return MasterKey(std::move(key));
}

domain::Result<MasterKey> MasterKey::load(const std::filesystem::path& path) {
  if (const char* env = std::getenv(kEnvVar); env != nullptr) {
    std::string text = trimTrailingSpace(env);
    auto key = fromHex(text);
    wipe(text);
    if (!key) {
      return domain::fail(domain::ErrorCode::kUnavailable,
                          "STRADA_MASTER_KEY is set but malformed: it must be the 64 hex "
                          "characters of the master key. Fix it, or unset it to use " +
                              pathText(path) + ".",
                          {}, "malformed STRADA_MASTER_KEY");
    }
    return key;
  }

  const int raw_fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (raw_fd < 0) {
    const int err = errno;
    if (err == ENOENT) {
      return domain::fail(domain::ErrorCode::kUnavailable,
                          "No master key at " + pathText(path) +
                              ": run `strada init --data DIR` first, or set STRADA_MASTER_KEY.",
                          {}, "master key file missing");
    }
    return domain::fail(
        domain::ErrorCode::kUnavailable,
        "Cannot read the master key at " + pathText(path) + ": " + std::strerror(err) + ".", {},
        "open master key file failed");
  }
  FileDescriptor fd(raw_fd);

  // fstat on the open descriptor: the file checked is the file read.
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode)) {
    return domain::fail(domain::ErrorCode::kUnavailable,
                        "The master key at " + pathText(path) + " is not a regular file.", {},
                        "master key is not a regular file");
  }
  if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    std::array<char, 8> mode{};
    std::snprintf(mode.data(), mode.size(), "%04o", static_cast<unsigned>(st.st_mode & 07777));
    return domain::fail(domain::ErrorCode::kUnavailable,
                        "The master key at " + pathText(path) +
                            " can be read by other users (mode " + mode.data() +
                            "): run `chmod 600 " + pathText(path) + "`.",
                        {}, "master key file mode too open");
  }

  std::string text(kMaxKeyFileSize + 1, '\0');
  std::size_t used = 0;
  while (used < text.size()) {
    const ssize_t n = ::read(fd.get(), text.data() + used, text.size() - used);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0) {
      const int err = errno;
      wipe(text);
      return domain::fail(
          domain::ErrorCode::kUnavailable,
          "Cannot read the master key at " + pathText(path) + ": " + std::strerror(err) + ".", {},
          "read master key file failed");
    }
    if (n == 0) {
      break;
    }
    used += static_cast<std::size_t>(n);
  }
  std::string trimmed =
      used > kMaxKeyFileSize ? std::string() : trimTrailingSpace({text.data(), used});
  wipe(text);
  auto key = fromHex(trimmed);
  wipe(trimmed);
  if (!key) {
    return domain::fail(domain::ErrorCode::kUnavailable,
                        "The master key at " + pathText(path) +
                            " is malformed: it must hold 64 hex characters. Restore it from "
                            "your backup; a new key cannot open data sealed with the old one.",
                        {}, "malformed master key file");
  }
  return key;
}

domain::Result<MasterKey> MasterKey::fromHex(std::string_view hex) {
  if (hex.size() != kHexKeySize) {
    return domain::fail(domain::ErrorCode::kInvalidArgument, "A master key is 64 hex characters.");
  }
  auto bytes = crypto::fromHex(hex);
  if (!bytes) {
    return domain::fail(domain::ErrorCode::kInvalidArgument, "A master key is 64 hex characters.");
  }
  auto key = SecretKey::fromBytes(*bytes);
  wipe(*bytes);
  if (!key) {
    return tl::unexpected(key.error());
  }
  return MasterKey(std::move(*key));
}

std::string MasterKey::wrap(const SecretKey& data_key, std::string_view key_id) const {
  std::string out(kWrappedSize, '\0');
  out[0] = kFormatVersion;
  randombytes_buf(out.data() + 1, kNonceSize);
  unsigned long long written = 0;
  const std::string_view plain = data_key.bytes();
  crypto_aead_xchacha20poly1305_ietf_encrypt(asBytes(out) + kHeaderSize, &written, asBytes(plain),
                                             plain.size(), asBytes(key_id), key_id.size(), nullptr,
                                             asBytes(out) + 1, asBytes(key_.bytes()));
  return out;
}

domain::Result<SecretKey> MasterKey::unwrap(std::string_view wrapped,
                                            std::string_view key_id) const {
  if (wrapped.size() != kWrappedSize || wrapped[0] != kFormatVersion) {
    return domain::internalError("wrapped data key failed to unwrap: wrong size or version");
  }
  std::array<unsigned char, SecretKey::kSize> plain{};
  unsigned long long written = 0;
  const int rc = crypto_aead_xchacha20poly1305_ietf_decrypt(
      plain.data(), &written, nullptr, asBytes(wrapped) + kHeaderSize, wrapped.size() - kHeaderSize,
      asBytes(key_id), key_id.size(), asBytes(wrapped) + 1, asBytes(key_.bytes()));
  if (rc != 0 || written != SecretKey::kSize) {
    sodium_memzero(plain.data(), plain.size());
    return domain::internalError(
        "wrapped data key failed to unwrap (wrong master key, wrong key_id, or altered)");
  }
  auto key = SecretKey::fromBytes({reinterpret_cast<const char*>(plain.data()), plain.size()});
  sodium_memzero(plain.data(), plain.size());
  return key;
}

SecretKey MasterKey::deriveSubkey(std::uint64_t id, std::string_view context8) const {
  const auto ctx = kdfContext(context8);
  std::array<unsigned char, SecretKey::kSize> sub{};
  crypto_kdf_derive_from_key(sub.data(), sub.size(), id, ctx.data(), asBytes(key_.bytes()));
  auto key = SecretKey::fromBytes({reinterpret_cast<const char*>(sub.data()), sub.size()});
  sodium_memzero(sub.data(), sub.size());
  // fromBytes fails only on a wrong size, which sub.size() rules out.
  return std::move(*key);
}

std::string FieldSealer::seal(std::string_view plaintext, std::string_view aad) const {
  std::string out(kHeaderSize + plaintext.size() + kTagSize, '\0');
  out[0] = kFormatVersion;
  randombytes_buf(out.data() + 1, kNonceSize);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      asBytes(out) + kHeaderSize, &written, asBytes(plaintext), plaintext.size(), asBytes(aad),
      aad.size(), nullptr, asBytes(out) + 1, asBytes(key_.bytes()));
  return out;
}

domain::Result<std::string> FieldSealer::open(std::string_view sealed, std::string_view aad) const {
  if (sealed.size() < kHeaderSize + kTagSize) {
    return domain::internalError("sealed field failed to open: too short");
  }
  if (sealed[0] != kFormatVersion) {
    return domain::internalError("sealed field failed to open: unknown format version");
  }
  std::string plain(sealed.size() - kHeaderSize - kTagSize, '\0');
  unsigned long long written = 0;
  const int rc = crypto_aead_xchacha20poly1305_ietf_decrypt(
      asBytes(plain), &written, nullptr, asBytes(sealed) + kHeaderSize, sealed.size() - kHeaderSize,
      asBytes(aad), aad.size(), asBytes(sealed) + 1, asBytes(key_.bytes()));
  if (rc != 0) {
    return domain::internalError(
        "sealed field failed to open (altered, wrong key, or wrong associated data)");
  }
  plain.resize(static_cast<std::size_t>(written));
  return plain;
}

}  // namespace strada::crypto
