// A file to export as a table of text cells: its header, then its rows (the api writes it as CSV
// or XLSX).
#pragma once

#include <string>
#include <vector>

namespace strada::reports {

struct ExportTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;  // each as wide as the header
};

}  // namespace strada::reports
