#include "app/audit_anchor.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <utility>

#include "crypto/crypto.h"
#include "crypto/public_key.h"
#include "domain/encoding.h"
#include "domain/ids.h"
#include "observe/log.h"
#include "store/audit_repository.h"

namespace strada::app {
namespace {

constexpr std::string_view kMagic = "strada-audit-anchor";
constexpr std::string_view kVersion = "1";
constexpr std::size_t kMaxLabel = 64;

bool labelChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '-';
}

// A positive decimal of at most 18 digits.
bool parseCount(std::string_view text, std::int64_t& out) {
  if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != text.npos) {
    return false;
  }
  out = std::stoll(std::string(text));
  return true;
}

std::vector<std::string_view> splitSpaces(std::string_view line) {
  std::vector<std::string_view> parts;
  while (!line.empty()) {
    const std::size_t space = line.find(' ');
    parts.push_back(line.substr(0, space));
    if (space == std::string_view::npos) {
      break;
    }
    line.remove_prefix(space + 1);
  }
  return parts;
}

domain::Error unavailable(std::string message) {
  return domain::Error{domain::ErrorCode::kUnavailable, std::move(message), "", ""};
}

// Appends `text` with one write() (whole lines never interleave) and flushes it to disk.
domain::Status appendDurably(const std::filesystem::path& file, const std::string& text) {
  const int fd = ::open(file.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    return tl::unexpected(
        unavailable("Cannot open " + file.string() + " to append: " + std::strerror(errno)));
  }
  const ssize_t wrote = ::write(fd, text.data(), text.size());
  const int saved = errno;
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (wrote != static_cast<ssize_t>(text.size()) || !synced) {
    return tl::unexpected(
        unavailable("Cannot write " + file.string() + ": " + std::strerror(saved)));
  }
  return {};
}

}  // namespace

std::string anchorMessage(const AuditAnchor& anchor) {
  std::string out(kMagic);
  out += ' ';
  out += kVersion;
  out += ' ' + std::to_string(anchor.seq) + ' ' + anchor.mac + ' ' + std::to_string(anchor.at) +
         ' ' + anchor.label;
  return out;
}

std::string anchorLabel(std::string_view wanted) {
  std::string label;
  for (const char c : wanted.substr(0, kMaxLabel)) {
    label.push_back(labelChar(c) ? c : '_');
  }
  return label.empty() ? std::string("strada") : label;
}

domain::Result<AuditAnchor> parseAnchorLine(std::string_view line) {
  if (!line.empty() && line.back() == '\r') {
    line.remove_suffix(1);
  }
  const std::vector<std::string_view> parts = splitSpaces(line);
  if (parts.size() != 7 || parts[0] != kMagic) {
    return domain::invalidField("anchor",
                                "not an anchor line (strada-audit-anchor 1 SEQ MAC AT LABEL SIG)");
  }
  if (parts[1] != kVersion) {
    return domain::invalidField("anchor", "unknown anchor version " + std::string(parts[1]));
  }
  AuditAnchor anchor;
  if (!parseCount(parts[2], anchor.seq) || anchor.seq <= 0) {
    return domain::invalidField("seq", "the seq is not a positive number");
  }
  if (!domain::isLowerHex(parts[3], 64)) {
    return domain::invalidField("mac", "the MAC is not 64 lowercase hex digits");
  }
  anchor.mac = std::string(parts[3]);
  if (!parseCount(parts[4], anchor.at)) {
    return domain::invalidField("at", "the time is not a number of milliseconds");
  }
  const std::string_view label = parts[5];
  if (label.empty() || label.size() > kMaxLabel ||
      !std::all_of(label.begin(), label.end(), labelChar)) {
    return domain::invalidField("label", "the label is not 1 to 64 of [A-Za-z0-9._-]");
  }
  anchor.label = std::string(label);
  if (!domain::isLowerHex(parts[6], 2 * crypto::kSignatureBytes)) {
    return domain::invalidField("signature", "the signature is not 128 lowercase hex digits");
  }
  auto signature = domain::fromHex(parts[6]);
  if (!signature) {
    return domain::invalidField("signature", "the signature is not hex");
  }
  anchor.signature = std::move(*signature);
  return anchor;
}

std::string hostAnchorLabel() {
  std::array<char, 256> name{};
  if (::gethostname(name.data(), name.size() - 1) != 0) {
    return "strada";
  }
  return anchorLabel(name.data());
}

bool anchorSigned(const AuditAnchor& anchor, std::string_view public_key) {
  return crypto::verifyDetached(public_key, anchorMessage(anchor), anchor.signature);
}

domain::Result<std::vector<AnchorLine>> readAnchorsFile(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) {
    return tl::unexpected(unavailable("Cannot read the anchors file " + file.string() + "."));
  }
  std::vector<AnchorLine> lines;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line == "\r" || line.front() == '#') {
      continue;
    }
    lines.push_back(AnchorLine{number, parseAnchorLine(line)});
  }
  return lines;
}

std::filesystem::path anchorPublicKeyPath(const std::filesystem::path& file) {
  std::filesystem::path pub = file;
  pub += ".pub";
  return pub;
}

domain::Result<AuditAnchor> writeAuditAnchor(store::Database& db, const vault::AuditKeys& keys,
                                             const std::filesystem::path& file,
                                             std::string_view label) {
  const std::string public_hex = domain::toHex(keys.anchor_public_key);
  const std::filesystem::path pub = anchorPublicKeyPath(file);
  std::error_code ec;
  if (std::filesystem::exists(pub, ec)) {
    std::ifstream in(pub);
    std::string stored;
    in >> stored;
    if (stored != public_hex) {
      return tl::unexpected(
          unavailable(pub.string() + " holds another public key: " + file.string() +
                      " holds another instance's (or another key's) anchors. Name another file."));
    }
  } else if (auto written = appendDurably(pub, public_hex + "\n"); !written) {
    return tl::unexpected(written.error());
  }
  domain::Result<std::optional<audit::AuditEvent>> last;
  db.read([&](soci::session& sql) { last = store::lastAuditEvent(sql); });
  if (!last) {
    return tl::unexpected(last.error());
  }
  if (!last->has_value()) {
    return domain::invalidField("data",
                                "The audit trail is empty: there is nothing to anchor yet.");
  }
  AuditAnchor anchor;
  anchor.seq = (*last)->seq;
  anchor.mac = (*last)->hash;
  anchor.at = domain::nowMillis();
  anchor.label = anchorLabel(label);
  const std::string message = anchorMessage(anchor);
  anchor.signature = crypto::signDetached(*keys.anchor_seed, message);
  if (auto appended = appendDurably(file, message + " " + domain::toHex(anchor.signature) + "\n");
      !appended) {
    return tl::unexpected(appended.error());
  }
  return anchor;
}

AuditAnchorWorker::AuditAnchorWorker(store::Database& db, const vault::AuditKeys& keys,
                                     std::filesystem::path file, std::string label,
                                     std::chrono::minutes every)
    : db_(db),
      keys_(keys),
      file_(std::move(file)),
      label_(std::move(label)),
      every_(every),
      thread_([this] { loop(); }) {}

AuditAnchorWorker::~AuditAnchorWorker() {
  {
    const std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void AuditAnchorWorker::loop() {
  std::unique_lock lock(mu_);
  while (!stopping_) {
    lock.unlock();
    domain::Result<std::optional<audit::AuditEvent>> last;
    db_.read([&](soci::session& sql) { last = store::lastAuditEvent(sql); });
    if (last && last->has_value() && (*last)->seq != last_seq_) {
      if (auto anchor = writeAuditAnchor(db_, keys_, file_, label_); anchor) {
        last_seq_ = anchor->seq;
        ++written_;
        observe::logInfo("audit trail anchored", {{"seq", anchor->seq}});
      } else {
        observe::logWarn("audit anchor not written", {{"reason", anchor.error().message}});
      }
    } else if (!last) {
      observe::logWarn("audit anchor not written", {{"reason", last.error().message}});
    }
    lock.lock();
    wake_.wait_for(lock, every_, [this] { return stopping_; });
  }
}

}  // namespace strada::app
