// Keeping erasures erased (issue 8, section 8): the database and the data folder's erasure ledger
// (vault/erasure_ledger.h) are brought in step at start (app/data_dir.cpp: openData), before
// anything reads a person's data.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstdint>

#include "domain/error.h"
#include "hotline/context.h"

namespace strada::cases {

struct ErasureReconciliation {
  std::int64_t reasons_sealed = 0;  // reasons written in the clear before migration 0021
  std::int64_t ledger_added = 0;    // erased in the database, missing from the ledger
  std::int64_t reapplied = 0;       // named by the ledger, but the key was back: destroyed again
};

// 1. seals a reason written in the clear before 0021 (under the "clients.v1" key);
// 2. appends to the ledger every person erased in the database and not yet in it (an erasure
//    whose ledger write failed, or made before the ledger existed);
// 3. erases again every person the ledger names whose wrapped key is stored: the database was
//    restored from a backup made before the erasure. Audited as client.key_destroy by no user,
//    with the reason "re-applied from the erasure ledger".
// Without a ledger (a bare database in tests) only step 1 runs. Idempotent.
[[nodiscard]] boost::asio::awaitable<domain::Result<ErasureReconciliation>> reconcileErasures(
    hotline::Context ctx);

}  // namespace strada::cases
