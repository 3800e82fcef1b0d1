// Test support: what a test's code writes to standard error (the JSON log lines of
// observe/log.h), captured in a temporary file.
//
// Header-only, so that the unit tests of the lower layers (observe, http) use it without linking
// the store-backed test support library.
#pragma once

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <system_error>

namespace strada::testing {

// Sends file descriptor 2 to a temporary file while alive; on destruction, standard error is
// restored and the file removed. Not thread safe: one capture at a time per process.
class StderrCapture {
 public:
  // Throws std::runtime_error when the temporary file cannot be created.
  StderrCapture() {
    static std::atomic<int> counter{0};
    path_ =
        std::filesystem::temp_directory_path() /
        ("strada_stderr_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) + ".txt");
    std::fflush(stderr);
    const int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0600);
    if (fd < 0) {
      throw std::runtime_error("StderrCapture: cannot create " + path_.string());
    }
    saved_ = ::dup(2);
    ::dup2(fd, 2);
    ::close(fd);
  }
  ~StderrCapture() {
    std::fflush(stderr);
    if (saved_ >= 0) {
      ::dup2(saved_, 2);
      ::close(saved_);
    }
    std::error_code ec;
    std::filesystem::remove(path_, ec);
  }
  StderrCapture(const StderrCapture&) = delete;
  StderrCapture& operator=(const StderrCapture&) = delete;

  // Everything written to standard error so far.
  [[nodiscard]] std::string text() const {
    std::fflush(stderr);
    std::ifstream in(path_, std::ios::binary);
    std::stringstream content;
    content << in.rdbuf();
    return content.str();
  }

 private:
  std::filesystem::path path_;
  int saved_ = -1;
};

}  // namespace strada::testing
