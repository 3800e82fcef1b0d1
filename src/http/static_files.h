// The built web UI, served from a directory: content types, cache headers, precompressed
// siblings, the single-page-app fallback, and refusal of anything outside the root.
// Private to the http layer. Thread safe after construction (reads only).
#pragma once

#include <filesystem>
#include <string_view>

#include "http/message.h"

namespace strada::http {

class StaticFiles {
 public:
  // `root` may be empty or lack index.html: then enabled() is false and every path is 404.
  explicit StaticFiles(const std::filesystem::path& root);

  [[nodiscard]] bool enabled() const { return enabled_; }

  // Answers GET or HEAD of the decoded `path` (the caller strips the body for HEAD); 405 with
  // Allow for other methods; 404 text for anything missing or refused.
  [[nodiscard]] Response serve(std::string_view method, std::string_view path,
                               std::string_view accept_encoding) const;

 private:
  std::filesystem::path root_;  // canonical
  bool enabled_ = false;
};

// The Content-Type for a file name's extension ("application/octet-stream" when unknown).
[[nodiscard]] std::string_view contentTypeFor(std::string_view file_name);

}  // namespace strada::http
