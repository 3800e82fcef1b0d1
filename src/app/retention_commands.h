// Retention (issue 10, section 5; docs/security.md "Retention"): `strada purge` and the daily
// job of `strada serve` that apply the organisations' rules (cases/retention.h).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

#include "app/data_dir.h"
#include "store/database.h"
#include "vault/vault.h"

namespace strada::app {

struct PurgeOptions {
  std::string org_code;  // empty: every organisation
  bool apply = false;    // false: --preview (nothing changes)
};

// `strada purge`: prints, per organisation and kind, the rule, how many records are past their
// date and what happens (or happened, with --apply) to them. 0 done, 1 failed, 2 bad input.
int runPurge(const DataOptions& data, const PurgeOptions& options);

// The daily job: applies every rule on its own thread at start and then every `every`, never on
// a request's path; logs counts only. Failures are logged and retried at the next turn.
class RetentionWorker {
 public:
  RetentionWorker(store::Database& db, const vault::Vault& vault, std::chrono::milliseconds every);
  // Stops and joins the thread (a purge under way is finished).
  ~RetentionWorker();
  RetentionWorker(const RetentionWorker&) = delete;
  RetentionWorker& operator=(const RetentionWorker&) = delete;
  // Turns completed so far (each applied every rule, or failed and logged it).
  [[nodiscard]] std::uint64_t runs() const { return runs_.load(); }

 private:
  void loop();
  store::Database& db_;
  const vault::Vault& vault_;
  std::chrono::milliseconds every_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::atomic<std::uint64_t> runs_{0};
  std::thread thread_;
};

}  // namespace strada::app
