#include "http/static_files.h"

#include <array>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "http/parse.h"

namespace strada::http {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";
constexpr std::string_view kNoCache = "no-cache";
// Files larger than this are not read into memory; the UI build has nothing near it.
constexpr std::uintmax_t kMaxFileSize = std::uintmax_t{64} * 1024 * 1024;

Response notFound() { return Response::text(404, "text/plain; charset=utf-8", "Not found.\n"); }

// The path's segments, or nullopt when one of them could step outside the root or name a hidden
// file: "..", ".", dot-files, empty inner segments, backslashes. Checked on the decoded path, so
// "%2e%2e" is refused as well.
std::optional<std::vector<std::string_view>> safeSegments(std::string_view path) {
  if (path.empty() || path.front() != '/') {
    return std::nullopt;
  }
  std::vector<std::string_view> segments;
  std::size_t start = 1;
  for (;;) {
    const auto slash = path.find('/', start);
    const bool last = slash == std::string_view::npos;
    const std::string_view segment =
        path.substr(start, last ? std::string_view::npos : slash - start);
    if (segment.empty()) {
      if (!last) {
        return std::nullopt;
      }
    } else {
      if (segment.front() == '.' || segment.find('\\') != std::string_view::npos ||
          segment.find('\0') != std::string_view::npos) {
        return std::nullopt;
      }
      segments.push_back(segment);
    }
    if (last) {
      break;
    }
    start = slash + 1;
  }
  return segments;
}

bool hasExtension(std::string_view path) {
  const auto slash = path.rfind('/');
  const std::string_view name = path.substr(slash == std::string_view::npos ? 0 : slash + 1);
  const auto dot = name.rfind('.');
  return dot != std::string_view::npos && dot > 0;
}

bool isWithin(const fs::path& candidate, const fs::path& root) {
  auto it = candidate.begin();
  for (const auto& part : root) {
    if (it == candidate.end() || *it != part) {
      return false;
    }
    ++it;
  }
  return true;
}

// The canonical path of a regular file under `root`, or nullopt when it does not exist, is not
// a regular file, or resolves (through a symlink) to somewhere outside the root.
std::optional<fs::path> resolveInside(const fs::path& root, const fs::path& candidate) {
  std::error_code ec;
  fs::path resolved = fs::canonical(candidate, ec);
  if (ec || !isWithin(resolved, root)) {
    return std::nullopt;
  }
  const auto status = fs::status(resolved, ec);
  if (ec || !fs::is_regular_file(status)) {
    return std::nullopt;
  }
  return resolved;
}

std::optional<std::string> readFile(const fs::path& file) {
  std::error_code ec;
  const auto size = fs::file_size(file, ec);
  if (ec || size > kMaxFileSize) {
    return std::nullopt;
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    return std::nullopt;
  }
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) {
    return std::nullopt;
  }
  return content;
}

}  // namespace

std::string_view contentTypeFor(std::string_view file_name) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 12> kTypes = {{
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".json", "application/json"},
      {".woff2", "font/woff2"},
      {".map", "application/json"},
      {".txt", "text/plain; charset=utf-8"},
      {".webmanifest", "application/manifest+json"},
  }};
  const auto dot = file_name.rfind('.');
  if (dot != std::string_view::npos) {
    const std::string_view extension = file_name.substr(dot);
    for (const auto& [known, type] : kTypes) {
      if (extension == known) {
        return type;
      }
    }
  }
  return "application/octet-stream";
}

StaticFiles::StaticFiles(const fs::path& root) {
  if (root.empty()) {
    return;
  }
  std::error_code ec;
  root_ = fs::canonical(root, ec);
  if (ec || !fs::is_directory(root_, ec)) {
    root_.clear();
    return;
  }
  enabled_ = resolveInside(root_, root_ / "index.html").has_value();
}

Response StaticFiles::serve(std::string_view method, std::string_view path,
                            std::string_view accept_encoding) const {
  if (method != "GET" && method != "HEAD") {
    Response response = Response::text(405, "text/plain; charset=utf-8", "Method not allowed.\n");
    response.headers.emplace_back("Allow", "GET, HEAD");
    return response;
  }
  if (!enabled_) {
    return notFound();
  }
  const auto segments = safeSegments(path);
  if (!segments) {
    return notFound();
  }

  fs::path candidate = root_;
  for (const std::string_view segment : *segments) {
    candidate /= fs::path(std::string(segment));
  }
  std::optional<fs::path> file;
  if (!segments->empty() && path.back() != '/') {
    file = resolveInside(root_, candidate);
  }
  bool is_index = false;
  if (!file) {
    // Single-page-app fallback: "/cases/42" is a client-side route; "/app.js" is a missing file.
    if (hasExtension(path)) {
      return notFound();
    }
    file = resolveInside(root_, root_ / "index.html");
    if (!file) {
      return notFound();
    }
    is_index = true;
  } else {
    is_index = file->filename() == "index.html";
  }

  const std::string_view content_type = contentTypeFor(file->filename().native());
  const bool immutable = !is_index && path.starts_with("/assets/");

  Response response;
  response.status = 200;
  response.content_type = std::string(content_type);
  response.headers.emplace_back("Cache-Control", immutable ? kImmutable : kNoCache);

  fs::path gzip_sibling = *file;
  gzip_sibling += ".gz";
  const auto gzip_file = resolveInside(root_, gzip_sibling);
  if (gzip_file) {
    response.headers.emplace_back("Vary", "Accept-Encoding");
  }
  if (gzip_file && acceptsGzip(accept_encoding)) {
    if (auto content = readFile(*gzip_file)) {
      response.body = std::move(*content);
      response.headers.emplace_back("Content-Encoding", "gzip");
      return response;
    }
  }
  auto content = readFile(*file);
  if (!content) {
    return notFound();
  }
  response.body = std::move(*content);
  return response;
}

}  // namespace strada::http
