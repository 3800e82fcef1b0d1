#include "app/data_dir.h"

#include "cases/break_glass_upgrade.h"
#include "cases/erasure_reconcile.h"
#include "crypto/crypto.h"
#include "hotline/knowledge.h"
#include "hotline/stored_contacts_upgrade.h"
#include "network/identity.h"
#include "observe/log.h"
#include "store/case_stats_facts.h"

namespace strada::app {

std::string databaseUrl(const DataOptions& options) {
  if (!options.db_url.empty()) {
    return options.db_url;
  }
  return store::sqliteUrlForDataDir(options.data_dir.string());
}

domain::Result<OpenedData> openData(const DataOptions& options) {
  if (auto ok = crypto::initialise(); !ok) {
    return tl::unexpected(ok.error());
  }
  if (options.data_dir.empty()) {
    return domain::fail(domain::ErrorCode::kInvalidArgument,
                        "Name the data folder with --data DIR.", "data");
  }
  if (!std::filesystem::is_directory(options.data_dir)) {
    return domain::fail(domain::ErrorCode::kUnavailable,
                        "No data folder at " + options.data_dir.string() +
                            ". Create one with `strada init --data " + options.data_dir.string() +
                            "`.");
  }
  auto master = crypto::MasterKey::load(options.data_dir / "master.key");
  if (!master) {
    return tl::unexpected(master.error());
  }
  store::DatabaseOptions db_options;
  db_options.url = databaseUrl(options);
  auto db = store::Database::open(db_options);
  if (!db) {
    return tl::unexpected(db.error());
  }
  if (auto migrated = (*db)->migrate(); !migrated) {
    return tl::unexpected(migrated.error());
  }
  auto keys = vault::Vault::loadOrCreate(**db, *master);
  if (!keys) {
    return tl::unexpected(keys.error());
  }
  // Before anything reads a person: erasures the database lost in a restore are made again.
  (*keys)->keepErasureLedger(options.data_dir / "erasures");
  if (auto reconciled =
          hotline::runToCompletion(cases::reconcileErasures(hotline::Context{**db, **keys}));
      !reconciled) {
    return tl::unexpected(reconciled.error());
  } else if (reconciled->reasons_sealed + reconciled->ledger_added + reconciled->reapplied > 0) {
    observe::logWarn("erasures reconciled with the erasure ledger",
                     {{"reasons_sealed", reconciled->reasons_sealed},
                      {"ledger_added", reconciled->ledger_added},
                      {"reapplied", reconciled->reapplied}});
  }
  // What migration 0025 cannot do in SQL: seal the break-glass reasons written in the clear.
  if (auto sealed = hotline::runToCompletion(
          cases::sealClearBreakGlassReasons(hotline::Context{**db, **keys}));
      !sealed) {
    return tl::unexpected(sealed.error());
  } else if (*sealed > 0) {
    observe::logInfo("break-glass reasons sealed", {{"count", *sealed}});
  }
  // What migration 0026 cannot do in SQL: recount the case statistics with social inclusion.
  if (auto recounted = store::rebuildCaseStatsOnce(**db, store::kCaseStatsInclusionStep);
      !recounted) {
    return tl::unexpected(recounted.error());
  } else if (*recounted) {
    observe::logInfo("case statistics recounted", {{"step", store::kCaseStatsInclusionStep}});
  }
  // What the migrations cannot do in SQL: index the knowledge articles' country names (0010).
  auto reindexed =
      hotline::runToCompletion(hotline::refreshKnowledgeIndex(hotline::Context{**db, **keys}));
  if (!reindexed) {
    return tl::unexpected(reindexed.error());
  }
  // The instance's network keys (network/identity.h): made once, by init or the first start.
  if (auto made = network::ensureInstanceKeys(**db, **keys); !made) {
    return tl::unexpected(made.error());
  } else if (*made) {
    observe::logInfo("network keys created", {});
  }
  // The steps of migrations that need the vault, once each (hotline/stored_contacts_upgrade.h).
  if (auto upgraded =
          hotline::runToCompletion(hotline::upgradeStoredContacts(hotline::Context{**db, **keys}));
      !upgraded) {
    return tl::unexpected(upgraded.error());
  }
  OpenedData out;
  out.master = std::make_unique<crypto::MasterKey>(std::move(*master));
  out.db = std::move(*db);
  out.keys = std::move(*keys);
  return out;
}

}  // namespace strada::app
