// Private to store/: the rows a write job buffers instead of writing them at once, so that the
// jobs of a group commit that only add rows (creating a contact: its row, codes, referrals and
// audit event) run no statement and need no savepoint of their own.
//
// How it stays correct:
// - A job is "deferring" until it first asks its WriteContext for the connection (sql()). Until
//   then its contacts and audit events go to this buffer. At that first call the writer writes
//   every earlier job's buffered rows, opens the job's savepoint and writes the job's own
//   buffered rows in it; from then on the job's rows are written at once. So every statement
//   sees the rows of every job before it, in job order.
// - The buffered rows of finished jobs are written before the batch's statistics and COMMIT, in
//   job order, under one savepoint. If a row fails (a taken contact id, a constraint), that
//   savepoint rolls back and the rows are written again job by job, each under its own
//   savepoint: the failing job alone fails, with the error its insert would have had, and its
//   statistics deltas are not applied.
// - Audit events are chained again as they are written, from the chain's real end, so the seq
//   order is the job order and a failed job leaves no gap.
// - Nothing is acknowledged before COMMIT returned (store/database.h).
#pragma once

#include <cstddef>
#include <vector>

#include "audit/audit_event.h"
#include "domain/error.h"
#include "store/contact_repository.h"
#include "store/database.h"

namespace soci {
class session;
}

namespace strada::store::detail {

class StatementCache;

// One job's buffered rows.
struct DeferredJob {
  std::size_t index = 0;  // the job's place in its batch
  std::vector<ContactRow> contacts;
  std::vector<audit::AuditEvent> events;  // chained again when written
  StatsDeltas stats;                      // applied only when its rows were written
  [[nodiscard]] bool empty() const { return contacts.empty() && events.empty(); }
};

struct FailedJob {
  std::size_t index = 0;
  domain::Error error;
};

class DeferredRows {
 public:
  void startJob(std::size_t index);
  void addContact(const ContactRow& row) { current_.contacts.push_back(row); }
  // `event` was chained after `chain_end` (the batch's cursor before it).
  void addEvent(const audit::AuditEvent& event, const ChainCursor& chain_end);
  // The running job succeeded without a statement of its own: its rows (and `stats`) wait for
  // the next flush.
  void finishJob(StatsDeltas stats);
  // The running job failed or wrote its rows itself: forget what it buffered.
  void dropJob() { current_ = DeferredJob{}; }

  // Writes the finished jobs' rows (see above), adds the statistics deltas of those written to
  // `stats`, and sets `chain` to the chain's written end when it wrote events. The jobs whose
  // rows failed. Throws what SOCI throws when a savepoint itself fails (the batch then fails).
  std::vector<FailedJob> flushFinished(soci::session& sql, StatementCache& cache,
                                       ChainCursor& chain, StatsDeltas& stats);
  // Writes the running job's buffered rows (inside its own savepoint, after flushFinished),
  // forgets them and sets `chain` as flushFinished does; the error its inserts had.
  [[nodiscard]] domain::Status writeCurrent(soci::session& sql, StatementCache& cache,
                                            ChainCursor& chain);

 private:
  [[nodiscard]] bool holdsEvents() const;
  DeferredJob current_;
  std::vector<DeferredJob> finished_;
  // The chain's end as written, before the first buffered event (valid while events are held).
  ChainCursor written_;
};

}  // namespace strada::store::detail
