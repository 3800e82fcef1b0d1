// A fresh directory under the system temporary directory, removed with everything in it when
// the object goes out of scope.
#pragma once

#include <filesystem>
#include <system_error>

#include "crypto/crypto.h"

namespace strada::crypto::testing {

class TempDir {
 public:
  TempDir()
      : path_(std::filesystem::temp_directory_path() /
              ("strada-crypto-test-" + toHex(randomBytes(8)))) {
    std::filesystem::create_directory(path_);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace strada::crypto::testing
