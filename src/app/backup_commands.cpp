#include "app/backup_commands.h"

#include <fcntl.h>
#include <soci/soci.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "app/commands.h"
#include "app/data_lock.h"
#include "crypto/crypto.h"
#include "crypto/stream.h"
#include "store/audit_repository.h"
#include "store/database.h"
#include "vault/audit_keys.h"
#include "vault/vault.h"

namespace strada::app {
namespace {

constexpr std::string_view kMagic = "STRADABK";
constexpr unsigned char kFormatVersion = 1;
// The associated data of the wrapped file key: a data key wrapped for a backup opens nowhere else.
constexpr std::string_view kFileKeyId = "strada-backup:v1";
constexpr std::size_t kChunkSize = std::size_t{64} * 1024;
constexpr std::size_t kMaxHeaderSize = 4096;
constexpr std::size_t kCipherExtra = crypto::kStreamChunkOverhead;
constexpr std::string_view kSqlitePrefix = "sqlite:";

domain::Error failure(std::string message) {
  return domain::Error{domain::ErrorCode::kUnavailable, std::move(message), "", ""};
}

// Closes a file descriptor on every return path.
class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  Fd(Fd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  Fd& operator=(Fd&& other) noexcept {
    reset();
    fd_ = std::exchange(other.fd_, -1);
    return *this;
  }
  ~Fd() { reset(); }
  void reset() {
    if (fd_ >= 0) {
      ::close(fd_);
      fd_ = -1;
    }
  }
  [[nodiscard]] int get() const { return fd_; }

 private:
  int fd_;
};

bool writeAll(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      return false;
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

// Reads up to `size` bytes (fewer only at the end of the input); nullopt on a read error.
std::optional<std::string> readUpTo(int fd, std::size_t size) {
  std::string out(size, '\0');
  std::size_t used = 0;
  while (used < size) {
    const ssize_t n = ::read(fd, out.data() + used, size - used);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0) {
      return std::nullopt;
    }
    if (n == 0) {
      break;
    }
    used += static_cast<std::size_t>(n);
  }
  out.resize(used);
  return out;
}

void fsyncDirectory(const std::filesystem::path& dir) {
  Fd fd(::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() >= 0) {
    ::fsync(fd.get());
  }
}

std::string bigEndian(std::uint64_t value, int bytes) {
  std::string out(static_cast<std::size_t>(bytes), '\0');
  for (int i = bytes - 1; i >= 0; --i) {
    out[static_cast<std::size_t>(i)] = static_cast<char>(value & 0xffU);
    value >>= 8U;
  }
  return out;
}

std::uint64_t fromBigEndian(std::string_view bytes) {
  std::uint64_t value = 0;
  for (const char c : bytes) {
    value = (value << 8U) | static_cast<unsigned char>(c);
  }
  return value;
}

std::string megabytes(std::uint64_t bytes) {
  std::array<char, 32> text{};
  std::snprintf(text.data(), text.size(), "%.1f MB", static_cast<double>(bytes) / 1e6);
  return text.data();
}

// Progress on standard error: a line per tenth of the work (or per 16 MB when the size is
// unknown).
class Progress {
 public:
  Progress(std::string what, std::uint64_t total, bool pages = false)
      : what_(std::move(what)), total_(total), pages_(pages) {}
  void update(std::uint64_t done) {
    if (total_ > 0) {
      const std::uint64_t percent = std::min<std::uint64_t>(100, done * 100 / total_);
      if (percent >= next_percent_) {
        std::cerr << "strada: " << what_ << " " << percent << "% ("
                  << (pages_ ? std::to_string(done) : megabytes(done)) << " of "
                  << (pages_ ? std::to_string(total_) + " pages" : megabytes(total_)) << ")\n";
        next_percent_ = percent - percent % 10 + 10;
      }
    } else if (done >= next_bytes_) {
      std::cerr << "strada: " << what_ << " " << megabytes(done) << "\n";
      next_bytes_ = done + 16'000'000;
    }
  }

 private:
  std::string what_;
  std::uint64_t total_;
  bool pages_;
  std::uint64_t next_percent_ = 0;
  std::uint64_t next_bytes_ = 0;
};

// What the header of a backup says.
struct BackupHeader {
  std::string backend;  // "sqlite" or "postgresql"
  std::int64_t created_ms = 0;
  int schema_version = 0;
  std::int64_t audit_seq = 0;
};

std::string headerText(const BackupHeader& h) {
  return "backend=" + h.backend + "\ncreated_ms=" + std::to_string(h.created_ms) +
         "\nschema_version=" + std::to_string(h.schema_version) +
         "\naudit_seq=" + std::to_string(h.audit_seq) + "\n";
}

std::optional<BackupHeader> parseHeader(std::string_view text) {
  std::map<std::string, std::string, std::less<>> fields;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    const std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    const std::size_t eq = line.find('=');
    if (eq == std::string_view::npos) {
      return std::nullopt;
    }
    fields.emplace(std::string(line.substr(0, eq)), std::string(line.substr(eq + 1)));
  }
  const auto number = [&](std::string_view name) -> std::optional<std::int64_t> {
    const auto it = fields.find(name);
    if (it == fields.end() || it->second.empty() || it->second.size() > 18 ||
        it->second.find_first_not_of("0123456789") != std::string::npos) {
      return std::nullopt;
    }
    return std::stoll(it->second);
  };
  BackupHeader h;
  const auto backend = fields.find("backend");
  const auto created = number("created_ms");
  const auto schema = number("schema_version");
  const auto seq = number("audit_seq");
  if (backend == fields.end() || !created || !schema || !seq ||
      (backend->second != "sqlite" && backend->second != "postgresql")) {
    return std::nullopt;
  }
  h.backend = backend->second;
  h.created_ms = *created;
  h.schema_version = static_cast<int>(*schema);
  h.audit_seq = *seq;
  return h;
}

// The bytes every backup starts with; all of them are the first chunk's associated data.
std::string filePrefix(const BackupHeader& header, std::string_view wrapped_key,
                       std::string_view stream_header) {
  const std::string text = headerText(header);
  std::string out(kMagic);
  out.push_back(static_cast<char>(kFormatVersion));
  out += bigEndian(text.size(), 4) + text;
  out += bigEndian(wrapped_key.size(), 2) + std::string(wrapped_key);
  out += stream_header;
  return out;
}

// Encrypts `in` (to its end) into `out` after the prefix; `total` (0: unknown) for progress.
domain::Status encryptStream(int in, int out, const crypto::MasterKey& master,
                             const BackupHeader& header, std::uint64_t total) {
  const crypto::SecretKey file_key = crypto::SecretKey::generate();
  const std::string wrapped = master.wrap(file_key, kFileKeyId);
  crypto::StreamSealer sealer(file_key);
  const std::string prefix = filePrefix(header, wrapped, sealer.header());
  const auto push = [&](std::string_view plain, std::string_view ad, bool final) {
    const std::string cipher = sealer.push(plain, ad, final);
    return writeAll(out, bigEndian(cipher.size(), 4)) && writeAll(out, cipher);
  };
  if (!writeAll(out, prefix) || !push({}, prefix, false)) {
    return tl::unexpected(failure(std::string("Cannot write the backup: ") + std::strerror(errno)));
  }
  Progress progress("backup: encrypting", total);
  std::uint64_t done = 0;
  // One chunk read ahead, so that the last one carries TAG_FINAL.
  auto chunk = readUpTo(in, kChunkSize);
  while (chunk) {
    auto next = chunk->size() == kChunkSize ? readUpTo(in, kChunkSize)
                                            : std::optional<std::string>(std::string());
    if (!next) {
      break;
    }
    const bool last = next->empty();
    if (!push(*chunk, {}, last)) {
      crypto::wipe(*chunk);
      return tl::unexpected(
          failure(std::string("Cannot write the backup: ") + std::strerror(errno)));
    }
    done += chunk->size();
    progress.update(done);
    crypto::wipe(*chunk);
    if (last) {
      return {};
    }
    chunk = std::move(next);
  }
  return tl::unexpected(
      failure(std::string("Cannot read the database copy: ") + std::strerror(errno)));
}

// Reads a backup's prefix: its header, and the file key unwrapped; the stream state is ready for
// the first chunk. `prefix` receives the bytes (the first chunk's associated data).
struct OpenedBackup {
  BackupHeader header;
  std::string prefix;
  crypto::StreamOpener stream;
};

domain::Result<OpenedBackup> openBackup(int in, const std::filesystem::path& file,
                                        const crypto::MasterKey& master) {
  const std::string name = file.string();
  const auto damaged = [&](const std::string& problem) {
    return tl::unexpected(
        failure("The backup " + name + " is not usable: " + problem + ". Nothing was restored."));
  };
  auto start = readUpTo(in, kMagic.size() + 1 + 4);
  if (!start || start->size() != kMagic.size() + 5 || !start->starts_with(kMagic)) {
    return damaged("it is not a Strada backup (its first bytes are wrong)");
  }
  if (static_cast<unsigned char>((*start)[kMagic.size()]) != kFormatVersion) {
    return damaged("its format version is not one this strada reads");
  }
  const std::uint64_t header_size =
      fromBigEndian(std::string_view(*start).substr(kMagic.size() + 1));
  if (header_size == 0 || header_size > kMaxHeaderSize) {
    return damaged("its header was altered (impossible length)");
  }
  auto text = readUpTo(in, header_size);
  auto key_size_bytes = readUpTo(in, 2);
  if (!text || text->size() != header_size || !key_size_bytes || key_size_bytes->size() != 2) {
    return damaged("it ends inside its header (truncated)");
  }
  auto header = parseHeader(*text);
  if (!header) {
    return damaged("its header was altered (unreadable fields)");
  }
  const std::uint64_t key_size = fromBigEndian(*key_size_bytes);
  auto wrapped = readUpTo(in, key_size);
  auto stream_header = readUpTo(in, crypto::kStreamHeaderSize);
  if (key_size > 256 || !wrapped || wrapped->size() != key_size || !stream_header ||
      stream_header->size() != crypto::kStreamHeaderSize) {
    return damaged("it ends inside its header (truncated)");
  }
  auto file_key = master.unwrap(*wrapped, kFileKeyId);
  if (!file_key) {
    return damaged(
        "its key does not open with this master key (the backup was taken under another master "
        "key, for example before `strada keys rotate`, or its header was altered)");
  }
  auto stream = crypto::StreamOpener::start(*file_key, *stream_header);
  if (!stream) {
    return damaged("its stream header was altered");
  }
  // The bytes as read: the first chunk authenticates exactly them.
  return OpenedBackup{*header, *start + *text + *key_size_bytes + *wrapped + *stream_header,
                      *stream};
}

// Decrypts the chunks of an opened backup from `in` into `out`, refusing any alteration.
domain::Status decryptStream(int in, int out, OpenedBackup& opened,
                             const std::filesystem::path& file) {
  const auto damaged = [&](const std::string& problem) {
    return tl::unexpected(failure("The backup " + file.string() + " is not usable: " + problem +
                                  ". Nothing was restored."));
  };
  struct stat st {};
  const std::uint64_t total = ::fstat(in, &st) == 0 ? static_cast<std::uint64_t>(st.st_size) : 0;
  Progress progress("restore: decrypting", total);
  std::uint64_t done = opened.prefix.size();
  for (std::size_t index = 0;; ++index) {
    auto size_bytes = readUpTo(in, 4);
    if (!size_bytes) {
      return damaged(std::string("it cannot be read: ") + std::strerror(errno));
    }
    if (size_bytes->empty()) {
      return damaged("it ends before its last chunk (the file was truncated)");
    }
    const std::uint64_t size = fromBigEndian(*size_bytes);
    if (size_bytes->size() != 4 || size < kCipherExtra || size > kChunkSize + kCipherExtra) {
      return damaged("chunk " + std::to_string(index) +
                     " has an impossible length (altered or truncated)");
    }
    auto cipher = readUpTo(in, size);
    if (!cipher || cipher->size() != size) {
      return damaged("it ends inside chunk " + std::to_string(index) + " (the file was truncated)");
    }
    auto chunk = opened.stream.pull(
        *cipher, index == 0 ? std::string_view(opened.prefix) : std::string_view());
    if (!chunk) {
      return damaged(index == 0 ? std::string("its header was altered (it does not authenticate)")
                                : "chunk " + std::to_string(index) +
                                      " was altered or moved (it does not authenticate)");
    }
    const bool written = index == 0 || writeAll(out, chunk->plain);
    crypto::wipe(chunk->plain);
    if (!written) {
      return tl::unexpected(
          failure(std::string("Cannot write the restored database: ") + std::strerror(errno)));
    }
    done += 4 + size;
    progress.update(done);
    if (chunk->final) {
      auto rest = readUpTo(in, 1);
      if (!rest || !rest->empty()) {
        return damaged("bytes follow its last chunk (altered)");
      }
      return {};
    }
  }
}

std::string sqlitePath(const std::string& url) {
  return url.starts_with(kSqlitePrefix) ? url.substr(kSqlitePrefix.size()) : url;
}

// SQLite's online backup API: a consistent copy of `source` into `target` while the server
// writes. Steps a few pages at a time (progress); when other connections' writes restart the copy
// too often, finishes in one step, which holds a read transaction and does not block WAL writers.
domain::Status sqliteOnlineCopy(const std::string& source, const std::string& target) {
  sqlite3* src = nullptr;
  sqlite3* dst = nullptr;
  const auto close = [&] {
    sqlite3_close_v2(src);
    sqlite3_close_v2(dst);
  };
  if (sqlite3_open_v2(source.c_str(), &src, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK ||
      sqlite3_open_v2(target.c_str(), &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
          SQLITE_OK) {
    const std::string message = src != nullptr ? sqlite3_errmsg(src) : "out of memory";
    close();
    return tl::unexpected(failure("Cannot open the SQLite database for the backup: " + message));
  }
  sqlite3_busy_timeout(src, 10'000);
  sqlite3_backup* backup = sqlite3_backup_init(dst, "main", src, "main");
  if (backup == nullptr) {
    const std::string message = sqlite3_errmsg(dst);
    close();
    return tl::unexpected(failure("Cannot start SQLite's online backup: " + message));
  }
  int step_pages = 256;
  int restarts = 0;
  int busy = 0;
  int last_remaining = -1;
  int rc = SQLITE_OK;
  std::optional<Progress> progress;
  while (true) {
    rc = sqlite3_backup_step(backup, step_pages);
    if (rc == SQLITE_DONE) {
      break;
    }
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
      if (++busy > 600) {
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      continue;
    }
    if (rc != SQLITE_OK) {
      break;
    }
    const int remaining = sqlite3_backup_remaining(backup);
    const int pages = sqlite3_backup_pagecount(backup);
    if (last_remaining >= 0 && remaining > last_remaining && ++restarts >= 3) {
      step_pages = -1;  // the writers keep changing it: copy the rest in one read transaction
    }
    last_remaining = remaining;
    if (!progress) {
      progress.emplace("backup: copying the database", static_cast<std::uint64_t>(pages), true);
    }
    progress->update(static_cast<std::uint64_t>(pages - remaining));
  }
  sqlite3_backup_finish(backup);
  const int dst_error = sqlite3_errcode(dst);
  const std::string message = sqlite3_errmsg(dst);
  close();
  if (rc != SQLITE_DONE || dst_error != SQLITE_OK) {
    return tl::unexpected(failure("SQLite's online backup failed: " +
                                  (rc == SQLITE_DONE ? message : std::string(sqlite3_errstr(rc)))));
  }
  std::cerr << "strada: backup: database copied\n";
  return {};
}

// In a forked child before exec: the database password for libpq, if any.
void passPassword(const std::string& password) {
  if (!password.empty()) {
    ::setenv("PGPASSWORD", password.c_str(), 1);
  }
}

// Runs `argv` (a PostgreSQL tool) with standard output into `out_fd` (or inherited when -1) and
// `password` in its environment; its exit status, or -1 when it did not run.
int runTool(const std::vector<std::string>& argv, int out_fd, const std::string& password) {
  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (const auto& a : argv) {
    args.push_back(const_cast<char*>(a.c_str()));  // NOLINT: execvp's signature
  }
  args.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) {
    return -1;
  }
  if (pid == 0) {
    if (out_fd >= 0) {
      ::dup2(out_fd, STDOUT_FILENO);
    }
    passPassword(password);
    ::execvp(args[0], args.data());
    ::_exit(127);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      return -1;
    }
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// pg_dump's custom format of `url` streamed into `out` through a pipe: no clear copy on disk.
domain::Status pgDumpEncrypted(const std::string& url, int out, const crypto::MasterKey& master,
                               const BackupHeader& header) {
  std::array<int, 2> pipe_fds{};
  if (::pipe2(pipe_fds.data(), O_CLOEXEC) != 0) {
    return tl::unexpected(failure("Cannot start pg_dump: no pipe."));
  }
  Fd read_end(pipe_fds[0]);
  Fd write_end(pipe_fds[1]);
  const PgToolTarget target = pgToolTarget(url);
  const std::string dbname = "--dbname=" + target.url;
  const pid_t pid = ::fork();
  if (pid < 0) {
    return tl::unexpected(failure("Cannot start pg_dump."));
  }
  if (pid == 0) {
    ::dup2(write_end.get(), STDOUT_FILENO);
    passPassword(target.password);
    const char* args[] = {"pg_dump", "--format=custom", "--no-owner", dbname.c_str(), nullptr};
    ::execvp("pg_dump", const_cast<char* const*>(args));  // NOLINT: execvp's signature
    ::_exit(127);
  }
  write_end.reset();
  auto encrypted = encryptStream(read_end.get(), out, master, header, 0);
  read_end.reset();
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return tl::unexpected(failure(
        "pg_dump failed (see its message above; exit status " +
        std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) +
        "). Is pg_dump installed, of the server's major version or newer, and the URL right?"));
  }
  return encrypted;
}

std::string timestampName(std::chrono::system_clock::time_point now) {
  const std::time_t t = std::chrono::system_clock::to_time_t(now);
  std::tm tm{};
  ::gmtime_r(&t, &tm);
  std::array<char, 64> name{};
  std::strftime(name.data(), name.size(), "strada-%Y%m%d-%H%M%S.backup", &tm);
  return name.data();
}

bool isTimestampedBackup(const std::string& name) {
  // strada-YYYYMMDD-HHMMSS.backup
  return name.size() == 29 && name.starts_with("strada-") && name.ends_with(".backup") &&
         name[15] == '-' &&
         name.substr(7, 8).find_first_not_of("0123456789") == std::string::npos &&
         name.substr(16, 6).find_first_not_of("0123456789") == std::string::npos;
}

// Keeps the newest `keep` timestamped backups of `dir` (names sort by time); removes the others.
void pruneBackups(const std::filesystem::path& dir, int keep) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && isTimestampedBackup(name)) {
      names.push_back(name);
    }
  }
  std::sort(names.begin(), names.end());
  const auto excess = static_cast<std::ptrdiff_t>(names.size()) - keep;
  for (std::ptrdiff_t i = 0; i < excess; ++i) {
    std::filesystem::remove(dir / names[static_cast<std::size_t>(i)], ec);
    std::cerr << "strada: backup: removed the older " << names[static_cast<std::size_t>(i)] << "\n";
  }
}

// The database's schema version and audit head, with a backup.create event recorded first.
domain::Result<BackupHeader> describeAndRecord(const DataOptions& data, std::string_view backend,
                                               const crypto::MasterKey& master) {
  store::DatabaseOptions options;
  options.url = databaseUrl(data);
  options.read_threads = 1;
  auto db = store::Database::open(options);
  if (!db) {
    return tl::unexpected(db.error());
  }
  auto version = (*db)->schemaVersion();
  if (!version) {
    return tl::unexpected(version.error());
  }
  if (*version == 0) {
    return tl::unexpected(
        failure("The database has no tables yet: run `strada init` or `strada migrate` first."));
  }
  // The event is chained under the audit MAC key, as every other (vault/audit_keys.h).
  if (auto keys = vault::loadOrCreateAuditKeys(**db, master); !keys) {
    return tl::unexpected(keys.error());
  }
  if (auto recorded = (*db)->write([](store::WriteContext& w) {
        return w.audit(audit::AuditEntry{"", "", audit::AuditAction::kBackupCreate, "", ""});
      });
      !recorded) {
    return tl::unexpected(recorded.error());
  }
  domain::Result<std::optional<audit::AuditEvent>> head;
  (*db)->read([&](soci::session& sql) { head = store::lastAuditEvent(sql); });
  if (!head) {
    return tl::unexpected(head.error());
  }
  BackupHeader header;
  header.backend = std::string(backend);
  header.created_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  header.schema_version = *version;
  header.audit_seq = *head ? (*head)->seq : 0;
  return header;
}

}  // namespace

PgToolTarget pgToolTarget(const std::string& url) {
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed || !parsed->has_password()) {
    return PgToolTarget{url, ""};
  }
  boost::urls::url stripped = *parsed;
  std::string password = stripped.password();  // percent-decoded
  stripped.remove_password();
  return PgToolTarget{std::string(stripped.buffer()), std::move(password)};
}

namespace {

int backupInto(const DataOptions& data, const std::filesystem::path& file) {
  const auto began = std::chrono::steady_clock::now();
  if (auto ok = crypto::initialise(); !ok) {
    return reportFailure(ok.error());
  }
  auto master = crypto::MasterKey::load(data.data_dir / "master.key");
  if (!master) {
    return reportFailure(master.error());
  }
  const std::string url = databaseUrl(data);
  const bool sqlite = url.starts_with(kSqlitePrefix);
  auto header = describeAndRecord(data, sqlite ? "sqlite" : "postgresql", *master);
  if (!header) {
    return reportFailure(header.error());
  }
  const std::filesystem::path tmp = file.string() + ".tmp";
  Fd out(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600));
  if (out.get() < 0) {
    return reportFailure(
        failure("Cannot write " + tmp.string() + ": " + std::strerror(errno) + "."));
  }
  ::fchmod(out.get(), 0600);
  domain::Status written;
  if (sqlite) {
    // The clear copy sits in the data folder (mode 0700, beside the live database) only until
    // it is encrypted.
    const std::filesystem::path copy =
        data.data_dir / (".backup-" + std::to_string(::getpid()) + ".db");
    std::error_code ec;
    std::filesystem::remove(copy, ec);
    // Made here with mode 0600 (SQLite would create it with the umask's mode); empty is a valid
    // database for the copy to fill.
    Fd made(::open(copy.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
    made.reset();
    written = sqliteOnlineCopy(sqlitePath(url), copy.string());
    if (written) {
      Fd in(::open(copy.c_str(), O_RDONLY | O_CLOEXEC));
      struct stat st {};
      if (in.get() < 0 || ::fstat(in.get(), &st) != 0) {
        written = tl::unexpected(failure("Cannot read the database copy."));
      } else {
        written = encryptStream(in.get(), out.get(), *master, *header,
                                static_cast<std::uint64_t>(st.st_size));
      }
    }
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) {
      std::filesystem::remove(copy.string() + suffix, ec);
    }
  } else {
    written = pgDumpEncrypted(url, out.get(), *master, *header);
  }
  if (written && ::fsync(out.get()) != 0) {
    written =
        tl::unexpected(failure(std::string("Cannot write the backup: ") + std::strerror(errno)));
  }
  out.reset();
  if (!written) {
    std::error_code ec;
    std::filesystem::remove(tmp, ec);
    return reportFailure(written.error());
  }
  std::error_code ec;
  std::filesystem::rename(tmp, file, ec);
  if (ec) {
    return reportFailure(failure("Cannot rename " + tmp.string() + ": " + ec.message()));
  }
  fsyncDirectory(file.parent_path());
  const auto seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  std::array<char, 32> took{};
  std::snprintf(took.data(), took.size(), "%.2f s", seconds);
  std::cout << "Backup written to " << file.string() << " ("
            << megabytes(std::filesystem::file_size(file, ec)) << ", " << header->backend
            << ", schema version " << header->schema_version << ", audit events up to "
            << header->audit_seq << ", " << took.data() << ").\n"
            << "It opens only with this master key: keep master.key and the erasure ledger "
               "(erasures) apart from the backups.\n";
  return 0;
}

// How many people the erasure ledger of `dir` names (one id per line); nullopt when absent.
std::optional<std::size_t> ledgerSize(const std::filesystem::path& dir) {
  std::ifstream in(dir / "erasures");
  if (!in) {
    return std::nullopt;
  }
  std::size_t lines = 0;
  std::string line;
  while (std::getline(in, line)) {
    lines += line.empty() ? 0U : 1U;
  }
  return lines;
}

// Refuses a target that holds data: the SQLite file, or any table in the PostgreSQL database.
domain::Status checkTargetEmpty(const DataOptions& data, const std::string& url, bool sqlite) {
  if (sqlite) {
    const std::string path = sqlitePath(url);
    for (const char* suffix : {"", "-wal"}) {
      if (std::filesystem::exists(path + suffix)) {
        return tl::unexpected(failure(
            "The data folder " + data.data_dir.string() + " already has a database (" + path +
            suffix +
            "). Restore into an empty data folder that holds only master.key (and erasures)."));
      }
    }
    return {};
  }
  store::DatabaseOptions options;
  options.url = url;
  options.read_threads = 1;
  auto db = store::Database::open(options);
  if (!db) {
    return tl::unexpected(db.error());
  }
  long long tables = 0;
  (*db)->read([&](soci::session& sql) {
    sql << "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = "
           "current_schema()",
        soci::into(tables);
  });
  if (tables > 0) {
    return tl::unexpected(failure("The PostgreSQL database of --db already has " +
                                  std::to_string(tables) +
                                  " tables. Restore into a new, empty database "
                                  "(createdb), never over a live one."));
  }
  return {};
}

// SQLite's PRAGMA integrity_check on the restored file; its first line ("ok" when intact).
std::string sqliteIntegrity(const std::string& path) {
  sqlite3* db = nullptr;
  std::string result = "cannot open the file";
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
      const unsigned char* text = sqlite3_column_text(st, 0);
      result = text != nullptr ? reinterpret_cast<const char*>(text) : "";
    } else {
      result = sqlite3_errmsg(db);
    }
    sqlite3_finalize(st);
  }
  sqlite3_close_v2(db);
  return result;
}

}  // namespace

int runBackup(const DataOptions& data, const BackupOptions& options) {
  if (options.to_file.empty() == options.to_dir.empty()) {
    std::cerr << "strada: name either --to FILE or --to-dir DIR.\n";
    return 2;
  }
  if (options.to_file.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(options.to_dir, ec);
    const auto file = options.to_dir / timestampName(std::chrono::system_clock::now());
    if (std::filesystem::exists(file)) {
      std::cerr << "strada: " << file.string() << " exists: one backup a second at most.\n";
      return 1;
    }
    const int code = backupInto(data, file);
    if (code == 0 && options.keep > 0) {
      pruneBackups(options.to_dir, options.keep);
    }
    return code;
  }
  return backupInto(data, options.to_file);
}

int runRestore(const DataOptions& data, const std::filesystem::path& from) {
  if (auto ok = crypto::initialise(); !ok) {
    return reportFailure(ok.error());
  }
  std::error_code ec;
  if (!std::filesystem::is_directory(data.data_dir)) {
    std::filesystem::create_directories(data.data_dir, ec);
    ::chmod(data.data_dir.c_str(), 0700);
  }
  auto master = crypto::MasterKey::load(data.data_dir / "master.key");
  if (!master) {
    std::cerr << "strada: restore needs the master key the backup was taken under: copy it into "
              << (data.data_dir / "master.key").string()
              << " (mode 0600) or set STRADA_MASTER_KEY.\n";
    return reportFailure(master.error());
  }
  const std::string url = databaseUrl(data);
  const bool sqlite = url.starts_with(kSqlitePrefix);
  if (auto empty = checkTargetEmpty(data, url, sqlite); !empty) {
    return reportFailure(empty.error());
  }
  Fd in(::open(from.c_str(), O_RDONLY | O_CLOEXEC));
  if (in.get() < 0) {
    return reportFailure(
        failure("Cannot read the backup " + from.string() + ": " + std::strerror(errno) + "."));
  }
  auto opened = openBackup(in.get(), from, *master);
  if (!opened) {
    return reportFailure(opened.error());
  }
  const BackupHeader header = opened->header;
  if (header.backend != (sqlite ? "sqlite" : "postgresql")) {
    return reportFailure(failure(
        "The backup is of a " + header.backend + " database; restore it into the same kind (" +
        (header.backend == "sqlite" ? "without --db" : "--db postgresql://...") + ")."));
  }
  std::cerr << "strada: restore: backup of " << header.backend << ", schema version "
            << header.schema_version << ", audit events up to " << header.audit_seq << "\n";
  // The clear database only inside the data folder, removed on every path below.
  const std::filesystem::path clear =
      data.data_dir / (".restore-" + std::to_string(::getpid()) + ".tmp");
  const auto remove_clear = [&] {
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) {
      std::filesystem::remove(clear.string() + suffix, ec);
    }
  };
  {
    Fd out(::open(clear.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600));
    if (out.get() < 0) {
      return reportFailure(
          failure("Cannot write in " + data.data_dir.string() + ": " + std::strerror(errno)));
    }
    auto decrypted = decryptStream(in.get(), out.get(), *opened, from);
    if (decrypted && ::fsync(out.get()) != 0) {
      decrypted = tl::unexpected(failure("Cannot write the restored database."));
    }
    if (!decrypted) {
      out.reset();
      remove_clear();
      return reportFailure(decrypted.error());
    }
  }
  std::cout << "Decrypted and authenticated every chunk of " << from.string() << ".\n";
  if (sqlite) {
    const std::string integrity = sqliteIntegrity(clear.string());
    if (integrity != "ok") {
      remove_clear();
      return reportFailure(failure("The restored SQLite database fails PRAGMA integrity_check (" +
                                   integrity + "). Nothing was restored."));
    }
    std::cout << "SQLite integrity_check: ok.\n";
    std::filesystem::rename(clear, sqlitePath(url), ec);
    if (ec) {
      remove_clear();
      return reportFailure(failure("Cannot put the database in place: " + ec.message()));
    }
    ::chmod(sqlitePath(url).c_str(), 0600);
    fsyncDirectory(data.data_dir);
  } else {
    const PgToolTarget target = pgToolTarget(url);
    const int status = runTool({"pg_restore", "--no-owner", "--no-privileges", "--exit-on-error",
                                "--single-transaction", "--dbname=" + target.url, clear.string()},
                               -1, target.password);
    remove_clear();
    if (status != 0) {
      return reportFailure(failure(
          "pg_restore failed (see its message above; exit status " + std::to_string(status) +
          "). The database may hold part of the backup: drop it and restore into a new one."));
    }
    std::cout << "pg_restore: restored in one transaction.\n";
  }
  remove_clear();

  const auto ledger = ledgerSize(data.data_dir);
  if (ledger) {
    std::cout << "Erasure ledger " << (data.data_dir / "erasures").string() << ": " << *ledger
              << " erased people; their keys are destroyed again now.\n";
  } else {
    std::cout << "WARNING: no erasure ledger at " << (data.data_dir / "erasures").string()
              << ": people erased after this backup was taken can be read again. Copy the "
                 "current erasures file into the data folder and start the server (or run "
                 "`strada migrate`) to erase them again.\n";
  }
  // Migrations, erasures re-applied, data keys opened with this master key.
  int code = withOpenData(data, [&](OpenedData& data_opened) {
    auto version = data_opened.db->schemaVersion();
    std::cout << "Schema version " << header.schema_version << " in the backup, "
              << version.value_or(0) << " after migrations; every data key opens with this "
              << "master key.\n";
    domain::Result<std::optional<audit::AuditEvent>> head;
    data_opened.db->read([&](soci::session& sql) { head = store::lastAuditEvent(sql); });
    const std::int64_t seq = head && *head ? (*head)->seq : 0;
    if (seq < header.audit_seq) {
      std::cerr << "strada: the restored audit trail ends at event " << seq << ", before the event "
                << header.audit_seq << " the backup's header names: events were cut off.\n";
      return 3;
    }
    auto recorded = data_opened.db->write([](store::WriteContext& w) {
      return w.audit(audit::AuditEntry{"", "", audit::AuditAction::kBackupRestore, "", ""});
    });
    return recorded ? 0 : reportFailure(recorded.error());
  });
  if (code != 0) {
    return code;
  }
  // The same check as `strada audit verify`.
  code = runAuditVerify(data);
  if (code != 0) {
    return code;
  }
  std::cout << "Restored " << from.string() << " into " << data.data_dir.string() << ".\n";
  return 0;
}

int runKeysRotate(const DataOptions& data) {
  if (std::getenv("STRADA_MASTER_KEY") != nullptr) {
    std::cerr << "strada: keys rotate replaces DIR/master.key; with STRADA_MASTER_KEY set it "
                 "cannot. Unset it and put the key in "
              << (data.data_dir / "master.key").string() << " first.\n";
    return 2;
  }
  // No server of this machine may run on the folder meanwhile: it would go on with the old key.
  auto alone = DataFolderLock::take(data.data_dir, DataFolderLock::Kind::kExclusive);
  if (!alone) {
    return reportFailure(alone.error());
  }
  const std::filesystem::path key_file = data.data_dir / "master.key";
  const std::filesystem::path new_file = data.data_dir / "master.key.new";
  const int code = withOpenData(data, [&](OpenedData& opened) {
    auto next = crypto::MasterKey::create(new_file);
    if (!next) {
      if (next.error().code == domain::ErrorCode::kConflict) {
        std::cerr << "strada: " << new_file.string()
                  << " exists: an earlier rotation was interrupted. If it printed \"committed\", "
                     "that file is the master key now: move it to master.key. Otherwise delete "
                     "it. Then run this again.\n";
        return 1;
      }
      return reportFailure(next.error());
    }
    fsyncDirectory(data.data_dir);
    // Held open so that the old key's bytes can be overwritten once the file is replaced.
    Fd old_key(::open(key_file.c_str(), O_RDWR | O_CLOEXEC | O_NOFOLLOW));
    const auto discard_new = [&] {
      Fd fd(::open(new_file.c_str(), O_WRONLY | O_CLOEXEC));
      writeAll(fd.get(), std::string(65, '0'));
      ::fsync(fd.get());
      std::error_code ignored;
      std::filesystem::remove(new_file, ignored);
    };
    if (old_key.get() < 0) {
      discard_new();
      return reportFailure(
          failure("Cannot open " + key_file.string() + " to replace it: " + std::strerror(errno)));
    }
    auto count = vault::Vault::rewrapKeys(*opened.db, *opened.master, *next);
    if (!count) {
      discard_new();
      return reportFailure(count.error());
    }
    std::cout << "committed: " << count->data_keys << " data keys and " << count->person_keys
              << " person keys re-wrapped under the new master key (no sealed row changed).\n";
    std::error_code ec;
    std::filesystem::rename(new_file, key_file, ec);
    if (ec) {
      std::cerr << "strada: the database is under the new key, but " << new_file.string()
                << " could not be moved to master.key (" << ec.message()
                << "): move it yourself now; the old key no longer opens anything.\n";
      return 1;
    }
    fsyncDirectory(data.data_dir);
    struct stat st {};
    ::fstat(old_key.get(), &st);
    std::string zeros(static_cast<std::size_t>(std::max<off_t>(st.st_size, 65)), '\0');
    const bool wiped = ::lseek(old_key.get(), 0, SEEK_SET) == 0 && writeAll(old_key.get(), zeros) &&
                       ::fsync(old_key.get()) == 0;
    old_key.reset();
    std::cout << "The old master key was " << (wiped ? "overwritten and deleted" : "deleted")
              << "; " << key_file.string() << " holds the new one.\n";
    return 0;
  });
  if (code != 0) {
    return code;
  }
  // Proves the new key opens everything, as a restarted server will.
  return withOpenData(data, [](OpenedData&) {
    std::cout << "Checked: every data key opens with the new master key. Restart every server "
                 "on this database now, and take a new backup: earlier backups open only with "
                 "the old key, which is gone.\n";
    return 0;
  });
}

}  // namespace strada::app
