#include "app/data_dir.h"

#include "cases/erasure_reconcile.h"
#include "crypto/crypto.h"
#include "hotline/knowledge.h"
#include "hotline/stored_contacts_upgrade.h"

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
  }
  // What the migrations cannot do in SQL: index the knowledge articles' country names (0010).
  auto reindexed =
      hotline::runToCompletion(hotline::refreshKnowledgeIndex(hotline::Context{**db, **keys}));
  if (!reindexed) {
    return tl::unexpected(reindexed.error());
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
