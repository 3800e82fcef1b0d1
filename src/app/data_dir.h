// Opening a Strada data folder: the master key, the database and the data keys, the way every
// command needs them.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "crypto/keyring.h"
#include "domain/error.h"
#include "store/database.h"
#include "vault/vault.h"

namespace strada::app {

struct DataOptions {
  std::filesystem::path data_dir;
  std::string db_url;  // empty: the SQLite file DIR/strada.db
};

struct OpenedData {
  std::unique_ptr<crypto::MasterKey> master;
  std::unique_ptr<store::Database> db;
  std::unique_ptr<vault::Vault> keys;
};

// The database URL the options name.
std::string databaseUrl(const DataOptions& options);

// Loads DIR/master.key (or STRADA_MASTER_KEY), opens and migrates the database, loads the data
// keys, re-applies the erasures of DIR/erasures that a restored database lost (and records in it
// those it lacks: cases/erasure_reconcile.h), brings the knowledge index's country names up to
// date, and runs the steps in code of the migrations that need the vault (once each:
// hotline/stored_contacts_upgrade.h). Errors say what to fix.
[[nodiscard]] domain::Result<OpenedData> openData(const DataOptions& options);

}  // namespace strada::app
