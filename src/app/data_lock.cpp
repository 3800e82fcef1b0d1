#include "app/data_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <utility>

namespace strada::app {

domain::Result<DataFolderLock> DataFolderLock::take(const std::filesystem::path& data_dir,
                                                    Kind kind) {
  const std::filesystem::path file = data_dir / "server.lock";
  const int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) {
    return tl::unexpected(
        domain::Error{domain::ErrorCode::kUnavailable,
                      "Cannot open " + file.string() + ": " + std::strerror(errno) + ".", "", ""});
  }
  const int how = (kind == Kind::kServer ? LOCK_SH : LOCK_EX) | LOCK_NB;
  int rc = 0;
  while ((rc = ::flock(fd, how)) != 0 && errno == EINTR) {
  }
  if (rc != 0) {
    const int error = errno;
    ::close(fd);
    if (error != EWOULDBLOCK) {
      return tl::unexpected(domain::Error{
          domain::ErrorCode::kUnavailable,
          "Cannot lock " + file.string() + ": " + std::strerror(error) + ".", "", ""});
    }
    return tl::unexpected(domain::Error{
        domain::ErrorCode::kConflict,
        kind == Kind::kServer
            ? "Another command has the data folder " + data_dir.string() +
                  " to itself (strada keys rotate?). Wait for it to finish, then start the "
                  "server again."
            : "A Strada server is running on the data folder " + data_dir.string() + " (it holds " +
                  file.string() + "). Stop it first (systemctl stop strada), then run this again.",
        "", ""});
  }
  return DataFolderLock(fd);
}

DataFolderLock::DataFolderLock(DataFolderLock&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)) {}

DataFolderLock& DataFolderLock::operator=(DataFolderLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) {
      ::close(fd_);
    }
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

DataFolderLock::~DataFolderLock() {
  if (fd_ >= 0) {
    ::close(fd_);  // releases the lock
  }
}

}  // namespace strada::app
