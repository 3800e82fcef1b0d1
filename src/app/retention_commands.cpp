#include "app/retention_commands.h"

#include <iostream>

#include "app/commands.h"
#include "cases/retention.h"
#include "domain/time.h"
#include "observe/log.h"

namespace strada::app {
namespace {

std::string whatHappens(const domain::RetentionRule& rule) {
  if (rule.kind == domain::kRetentionClosedCases) {
    return "the person erased (key destroyed)";
  }
  return rule.action == domain::kRetentionDeidentify ? "de-identified" : "deleted";
}

}  // namespace

int runPurge(const DataOptions& data, const PurgeOptions& options) {
  return withOpenData(data, [&](OpenedData& opened) {
    const std::int64_t now = domain::nowMillis();
    auto lines = options.apply
                     ? cases::applyRetention(*opened.db, *opened.keys, options.org_code, now)
                     : cases::previewRetention(*opened.db, options.org_code, now);
    if (!lines) {
      return reportFailure(lines.error());
    }
    if (lines->empty()) {
      std::cout << "No retention rule is set: nothing is purged (every record is kept).\n";
      return 0;
    }
    for (const auto& line : *lines) {
      std::cout << line.org_code << " " << line.rule.kind << ": keep " << line.rule.keep_days
                << " days, then " << line.rule.action << ". " << line.due << " past their date";
      if (options.apply) {
        std::cout << "; " << line.done << " " << whatHappens(line.rule) << ".\n";
      } else {
        std::cout << " would be " << whatHappens(line.rule) << " (preview: nothing changed).\n";
      }
    }
    return 0;
  });
}

RetentionWorker::RetentionWorker(store::Database& db, const vault::Vault& vault,
                                 std::chrono::milliseconds every)
    : db_(db), vault_(vault), every_(every), thread_([this] { loop(); }) {}

RetentionWorker::~RetentionWorker() {
  {
    const std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void RetentionWorker::loop() {
  std::unique_lock lock(mu_);
  while (!stopping_) {
    lock.unlock();
    auto lines = cases::applyRetention(db_, vault_, "", domain::nowMillis());
    if (lines) {
      for (const auto& line : *lines) {
        if (line.done > 0) {
          observe::logInfo("retention applied", {{"org", line.org_code},
                                                 {"kind", line.rule.kind},
                                                 {"action", line.rule.action},
                                                 {"count", line.done}});
        }
      }
    } else {
      observe::logWarn("retention not applied", {{"reason", lines.error().message}});
    }
    ++runs_;
    lock.lock();
    wake_.wait_for(lock, every_, [this] { return stopping_; });
  }
}

}  // namespace strada::app
