// The erasure ledger: the ids of the people whose key was destroyed, in a file of the data folder
// beside master.key (DIR/erasures), outside the database and so outside its backups. A database
// restored from a backup made before an erasure still holds that person's wrapped key; at start
// the key is destroyed again because the ledger names the person (cases/erasure_reconcile.h).
// One client id (lower-case hex) per line, appended and fsynced; no personal data.
#pragma once

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "domain/error.h"

namespace strada::vault {

class ErasureLedger {
 public:
  explicit ErasureLedger(std::filesystem::path path) : path_(std::move(path)) {}

  // The ids in the ledger; none when the file does not exist yet. Unavailable when it cannot
  // be read or holds a line that is not an id (the file was damaged: say which line).
  [[nodiscard]] domain::Result<std::set<std::string>> read() const;

  // Appends the ids (created with mode 0600 when missing) and fsyncs the file before answering.
  [[nodiscard]] domain::Status append(const std::vector<std::string>& ids) const;

  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace strada::vault
