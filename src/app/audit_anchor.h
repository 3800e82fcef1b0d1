// Signed anchors of the audit trail (issue 10 section 3).
//
// The keyed chain (audit/audit_event.h) shows every event altered, removed or chained again
// without the master key; it cannot show events cut off its end. An anchor can: the trail's last
// seq and that event's MAC at a time, signed with the instance's anchor key (Ed25519, a data key
// wrapped by the master key: vault/audit_keys.h) and kept apart from the server. Every later
// trail must still hold that seq with that MAC.
//
// An anchors file holds one anchor a line, appended and never rewritten:
//   strada-audit-anchor 1 <seq> <mac: 64 hex> <unix ms> <label> <signature: 128 hex>
// The signature covers the line up to (not including) the space before it. The label names the
// instance ([A-Za-z0-9._-], 1 to 64 characters). FILE.pub beside it holds the anchor public key
// in hex, so that a reviewer can check the signatures without the master key
// (`strada audit check-anchors`).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "domain/error.h"
#include "store/database.h"
#include "vault/audit_keys.h"

namespace strada::app {

struct AuditAnchor {
  std::int64_t seq = 0;
  std::string mac;  // 64 lowercase hex
  std::int64_t at = 0;
  std::string label;
  std::string signature;  // 64 raw bytes
};

// What the signature covers: "strada-audit-anchor 1 <seq> <mac> <at> <label>".
std::string anchorMessage(const AuditAnchor& anchor);
// A label made safe: characters outside [A-Za-z0-9._-] become '_', at most 64; "strada" if empty.
std::string anchorLabel(std::string_view wanted);
// The host name as a label (the default label of an anchor).
std::string hostAnchorLabel();
// InvalidArgument naming what is wrong when `line` is not an anchor.
[[nodiscard]] domain::Result<AuditAnchor> parseAnchorLine(std::string_view line);
// Whether `anchor` was signed by the holder of `public_key` (32 raw bytes).
[[nodiscard]] bool anchorSigned(const AuditAnchor& anchor, std::string_view public_key);

// One line of an anchors file, with its line number.
struct AnchorLine {
  int number = 0;
  domain::Result<AuditAnchor> anchor;
};
// Every non-empty line of `file` that does not start with '#'. Unavailable when it cannot be read.
[[nodiscard]] domain::Result<std::vector<AnchorLine>> readAnchorsFile(
    const std::filesystem::path& file);
// FILE.pub: where the anchors file's public key is written.
std::filesystem::path anchorPublicKeyPath(const std::filesystem::path& file);

// Anchors the trail's last event: appends the signed line to `file` (created 0644 when missing,
// flushed to disk) and writes FILE.pub when it is missing. InvalidArgument when the trail is
// empty; Unavailable when FILE.pub holds another key (the file is another instance's) or the file
// cannot be written.
[[nodiscard]] domain::Result<AuditAnchor> writeAuditAnchor(store::Database& db,
                                                           const vault::AuditKeys& keys,
                                                           const std::filesystem::path& file,
                                                           std::string_view label);

// `strada serve --audit-anchor-to FILE`: writes an anchor on its own thread at start and then
// every `every`, never on a request's path; failures are logged and retried at the next turn.
class AuditAnchorWorker {
 public:
  AuditAnchorWorker(store::Database& db, const vault::AuditKeys& keys, std::filesystem::path file,
                    std::string label, std::chrono::minutes every);
  // Stops and joins the thread (an anchor being written is finished).
  ~AuditAnchorWorker();
  AuditAnchorWorker(const AuditAnchorWorker&) = delete;
  AuditAnchorWorker& operator=(const AuditAnchorWorker&) = delete;
  // Anchors written so far.
  [[nodiscard]] std::uint64_t written() const { return written_.load(); }

 private:
  void loop();
  store::Database& db_;
  const vault::AuditKeys& keys_;
  std::filesystem::path file_;
  std::string label_;
  std::chrono::minutes every_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::int64_t last_seq_ = 0;  // the seq last anchored: an idle trail is not anchored again
  std::atomic<std::uint64_t> written_{0};
  std::thread thread_;
};

}  // namespace strada::app
