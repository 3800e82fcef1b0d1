#include "store/deferred_writes.h"

#include <soci/soci.h>

#include <exception>
#include <optional>
#include <utility>

#include "store/audit_append.h"
#include "store/audit_repository.h"
#include "store/contact_inserts.h"
#include "store/statement_cache.h"

namespace strada::store {

namespace detail {

namespace {

// `event` chained again after the chain's written end.
audit::AuditEvent rechained(const ChainCursor& chain, const audit::AuditEvent& event) {
  audit::AuditEvent next;
  next.at = event.at;
  next.input = event.input;
  std::optional<audit::AuditEvent> prev;
  if (chain.last.seq > 0) {
    prev = chain.last;
  }
  audit::chain(prev, next, chain.macKey());
  return next;
}

// Writes one job's rows; the error its own insert would have reported. `chain` follows the
// events written.
domain::Status writeJob(soci::session& sql, StatementCache& cache, const DeferredJob& job,
                        ChainCursor& chain) {
  for (const ContactRow& row : job.contacts) {
    try {
      insertContactRowsNow(sql, &cache, row);
    } catch (const std::exception& e) {
      return tl::unexpected(contactInsertError(e));
    }
  }
  for (const audit::AuditEvent& event : job.events) {
    audit::AuditEvent next = rechained(chain, event);
    try {
      appendAuditEventNow(cache, next);
    } catch (const std::exception& e) {
      return tl::unexpected(auditAppendError(e));
    }
    chain.last = std::move(next);
    chain.known = true;
  }
  return {};
}

}  // namespace

void DeferredRows::startJob(std::size_t index) {
  current_ = DeferredJob{};
  current_.index = index;
}

bool DeferredRows::holdsEvents() const {
  if (!current_.events.empty()) {
    return true;
  }
  for (const DeferredJob& job : finished_) {
    if (!job.events.empty()) {
      return true;
    }
  }
  return false;
}

void DeferredRows::addEvent(const audit::AuditEvent& event, const ChainCursor& chain_end) {
  if (!holdsEvents()) {
    written_ = chain_end;  // buffered events are always the chain's tail
  }
  current_.events.push_back(event);
}

void DeferredRows::finishJob(StatsDeltas stats) {
  if (current_.empty() && stats.empty()) {
    current_ = DeferredJob{};
    return;
  }
  current_.stats = std::move(stats);
  finished_.push_back(std::move(current_));
  current_ = DeferredJob{};
}

std::vector<FailedJob> DeferredRows::flushFinished(soci::session& sql, StatementCache& cache,
                                                   ChainCursor& chain, StatsDeltas& stats) {
  std::vector<FailedJob> failed;
  if (finished_.empty()) {
    return failed;
  }
  const bool had_events = holdsEvents();
  const ChainCursor start = written_;
  ChainCursor end = start;
  sql << "SAVEPOINT deferred_rows";
  bool all_written = true;
  for (const DeferredJob& job : finished_) {
    if (!writeJob(sql, cache, job, end)) {
      all_written = false;
      break;
    }
  }
  if (!all_written) {
    // Every job again under its own savepoint: the failing one fails alone.
    sql << "ROLLBACK TO SAVEPOINT deferred_rows";
    cache.clear();  // a statement that threw may keep its bound buffers (PostgreSQL)
    end = start;
    for (const DeferredJob& job : finished_) {
      sql << "SAVEPOINT deferred_job";
      const ChainCursor before = end;
      if (auto written = writeJob(sql, cache, job, end); !written) {
        sql << "ROLLBACK TO SAVEPOINT deferred_job";
        cache.clear();
        end = before;
        failed.push_back(FailedJob{job.index, written.error()});
      }
      sql << "RELEASE SAVEPOINT deferred_job";
    }
  }
  sql << "RELEASE SAVEPOINT deferred_rows";
  std::size_t next_failed = 0;
  for (DeferredJob& job : finished_) {
    if (next_failed < failed.size() && failed[next_failed].index == job.index) {
      ++next_failed;  // its statistics deltas are not applied
      continue;
    }
    for (const auto& [cell, delta] : job.stats) {
      stats[cell] += delta;
    }
  }
  finished_.clear();
  written_ = end;
  if (had_events) {
    chain = end;
  }
  return failed;
}

domain::Status DeferredRows::writeCurrent(soci::session& sql, StatementCache& cache,
                                          ChainCursor& chain) {
  if (current_.empty()) {
    return {};
  }
  const bool has_events = !current_.events.empty();
  ChainCursor end = written_;
  // On failure the job fails, and the writer drops the cache when it rolls the job back (not
  // here: the job's savepoint statement is in it).
  auto written = writeJob(sql, cache, current_, end);
  if (written && has_events) {
    chain = end;
  }
  current_ = DeferredJob{current_.index, {}, {}, {}};
  return written;
}

}  // namespace detail

// --- WriteContext ---

WriteContext::WriteContext(soci::session& sql, Backend backend, domain::UnixMillis now,
                           ChainCursor* cursor, detail::StatementCache* statements,
                           detail::JobWriter* writer)
    : sql_(sql),
      backend_(backend),
      now_(now),
      cursor_(cursor != nullptr ? cursor : &own_cursor_),
      statements_(statements),
      writer_(writer) {}

soci::session& WriteContext::sql() {
  if (writer_ != nullptr && !ran_statements_) {
    ran_statements_ = true;
    writer_->beginStatements(*this);
  }
  return sql_;
}

detail::DeferredRows* WriteContext::deferredRows() {
  if (writer_ == nullptr || ran_statements_ || statements_ == nullptr) {
    return nullptr;
  }
  return &writer_->deferredRows();
}

void WriteContext::useAuditKey(std::shared_ptr<const crypto::SecretKey> mac_key) {
  (void)sql();  // earlier jobs' buffered events are written (under the batch's key) first
  cursor_->mac_key = std::move(mac_key);
  cursor_->known = false;
}

domain::Status WriteContext::audit(const audit::AuditEntry& entry) {
  return audit(audit::toEventInput(entry));
}

domain::Status WriteContext::audit(const audit::AuditEventInput& event) {
  ChainCursor& cursor = *cursor_;
  if (!cursor.known) {
    // Safe without a race: the batch holds the write lock (BEGIN IMMEDIATE / advisory lock).
    auto last = lastAuditEvent(sql_);
    if (!last) {
      return tl::unexpected(last.error());
    }
    cursor.last = last->value_or(audit::AuditEvent{});  // seq 0: the chain is empty
    cursor.known = true;
  }
  audit::AuditEvent next;
  next.at = now_;
  next.input = event;
  std::optional<audit::AuditEvent> prev;
  if (cursor.last.seq > 0) {
    prev = cursor.last;
  }
  audit::chain(prev, next, cursor.macKey());
  if (detail::DeferredRows* deferred = deferredRows(); deferred != nullptr) {
    deferred->addEvent(next, cursor);
  } else if (auto appended = detail::appendAuditEventPrepared(*this, next); !appended) {
    return appended;
  }
  cursor.last = std::move(next);
  return {};
}

}  // namespace strada::store
