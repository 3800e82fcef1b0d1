#include "domain/embedded_tables.h"

#include <cstdio>
#include <cstdlib>

namespace strada::domain {
namespace {

std::vector<std::string_view> splitTabs(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (;;) {
    const auto tab = line.find('\t', start);
    out.push_back(line.substr(start, tab == std::string_view::npos ? tab : tab - start));
    if (tab == std::string_view::npos) {
      return out;
    }
    start = tab + 1;
  }
}

}  // namespace

std::vector<std::vector<std::string_view>> tableRows(std::string_view text) {
  std::vector<std::vector<std::string_view>> rows;
  while (!text.empty()) {
    const auto nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    if (line.empty() || line.front() == '#') {
      continue;
    }
    rows.push_back(splitTabs(line));
  }
  return rows;
}

void malformedTable(std::string_view file, std::string_view near) {
  std::fprintf(stderr, "strada: codes/%.*s is malformed near: %.*s\n",
               static_cast<int>(file.size()), file.data(), static_cast<int>(near.size()),
               near.data());
  std::abort();
}

}  // namespace strada::domain
