// Backups, restore and the master key's rotation (issue 10, section 4; docs/deployment.md).
//
// A backup file is the database (SQLite: the online backup API; PostgreSQL: pg_dump's custom
// format) encrypted with crypto_secretstream_xchacha20poly1305 under a random file key that the
// master key wraps. Its header (format, backend, time, schema version, audit head) is
// authenticated with the first chunk; a file cut short lacks its final chunk and is refused.
// Neither master.key nor the erasure ledger (DIR/erasures) is in a backup: the operator keeps
// them apart, and the restore uses the ones in the target data folder.
#pragma once

#include <filesystem>
#include <string>

#include "app/data_dir.h"

namespace strada::app {

struct BackupOptions {
  std::filesystem::path to_file;  // --to FILE
  std::filesystem::path to_dir;   // --to-dir DIR: DIR/strada-YYYYMMDD-HHMMSS.backup
  int keep = 0;                   // with to_dir: keep the newest N backups of DIR (0: all)
};

// How a PostgreSQL tool (pg_dump, pg_restore) is given the database: the URL without its
// password, which goes to the tool's environment (PGPASSWORD) instead. A command line is readable
// by every local user (ps, /proc/PID/cmdline); a process's environment only by its owner and root.
struct PgToolTarget {
  std::string url;       // as given, its password (if any) removed
  std::string password;  // "" when the URL has none (then ~/.pgpass or the server's rules apply)
};
[[nodiscard]] PgToolTarget pgToolTarget(const std::string& url);

// `strada backup`: 0 written, 1 failed (nothing left behind but FILE.tmp removed).
int runBackup(const DataOptions& data, const BackupOptions& options);
// `strada restore`: into an empty data folder (or empty PostgreSQL database) that holds the
// master key (or STRADA_MASTER_KEY). 0 restored and checked, 1 refused or failed, 3 restored but
// the audit chain does not verify.
int runRestore(const DataOptions& data, const std::filesystem::path& from);
// `strada keys rotate`: a new master key, every data key and person key re-wrapped under it in
// one transaction, the key file replaced and the old one destroyed. Servers must be stopped and
// restarted with the new key.
int runKeysRotate(const DataOptions& data);

}  // namespace strada::app
