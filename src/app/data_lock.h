// Who is using a data folder: a server holds DIR/server.lock shared while it runs; the commands
// that must have the folder to themselves (`strada keys rotate`) hold it exclusively. The lock is
// flock(2): the kernel drops it when the process ends, however it ends, so a crashed server
// leaves nothing to clean up. It covers the servers of this machine only: servers on other
// machines sharing a PostgreSQL database are the operator's to stop (docs/deployment.md).
#pragma once

#include <filesystem>

#include "domain/error.h"

namespace strada::app {

class DataFolderLock {
 public:
  enum class Kind { kServer, kExclusive };

  // Takes the lock without waiting; a conflict is an error that says who holds it and what to do.
  [[nodiscard]] static domain::Result<DataFolderLock> take(const std::filesystem::path& data_dir,
                                                           Kind kind);
  DataFolderLock(DataFolderLock&& other) noexcept;
  DataFolderLock& operator=(DataFolderLock&& other) noexcept;
  DataFolderLock(const DataFolderLock&) = delete;
  DataFolderLock& operator=(const DataFolderLock&) = delete;
  ~DataFolderLock();

 private:
  explicit DataFolderLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace strada::app
