#include "vault/erasure_ledger.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

namespace strada::vault {
namespace {

bool isId(const std::string& line) {
  return !line.empty() && line.size() <= 64 &&
         line.find_first_not_of("0123456789abcdef") == std::string::npos;
}

domain::Error unavailable(const std::filesystem::path& path, const std::string& what) {
  return domain::Error{domain::ErrorCode::kUnavailable,
                       "The erasure ledger " + path.string() + " " + what +
                           ". Restore it from the backup kept with master.key, or move it "
                           "aside to start over (erasures made since are then not re-applied "
                           "to restored databases).",
                       "", "erasure ledger"};
}

}  // namespace

domain::Result<std::set<std::string>> ErasureLedger::read() const {
  std::set<std::string> ids;
  std::error_code ec;
  if (!std::filesystem::exists(path_, ec)) {
    return ids;
  }
  std::ifstream in(path_);
  if (!in) {
    return tl::unexpected(unavailable(path_, "cannot be read"));
  }
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (line.empty()) {
      continue;
    }
    if (!isId(line)) {
      return tl::unexpected(unavailable(path_, "is damaged at line " + std::to_string(number)));
    }
    ids.insert(line);
  }
  return ids;
}

domain::Status ErasureLedger::append(const std::vector<std::string>& ids) const {
  if (ids.empty()) {
    return {};
  }
  std::string text;
  for (const std::string& id : ids) {
    if (!isId(id)) {
      return domain::internalError("an erasure ledger entry is not an id");
    }
    text += id + "\n";
  }
  const int fd =
      ::open(path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) {
    return tl::unexpected(
        unavailable(path_, std::string("cannot be opened: ") + std::strerror(errno)));
  }
  std::size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      break;
    }
    written += static_cast<std::size_t>(n);
  }
  const bool ok = written == text.size() && ::fsync(fd) == 0;
  const int err = errno;
  ::close(fd);
  if (!ok) {
    return tl::unexpected(
        unavailable(path_, std::string("cannot be written: ") + std::strerror(err)));
  }
  return {};
}

}  // namespace strada::vault
