#include "api/export_table_file.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "api/contact_csv.h"
#include "crypto/crypto.h"

namespace strada::api {

std::string tableCsv(const reports::ExportTable& table) {
  std::string out;
  const auto line = [&out](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i > 0) {
        out += ',';
      }
      appendCsvCell(out, cells[i]);
    }
    out += "\r\n";
  };
  line(table.header);
  for (const auto& row : table.rows) {
    line(row);
  }
  return out;
}

domain::Result<std::string> xlsxBytes(std::string_view name,
                                      const std::function<void(lxw_workbook*)>& fill) {
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() /
      ("strada-" + std::string(name) + "-" + crypto::newId() + ".xlsx");
  lxw_workbook* book = workbook_new(path.c_str());
  if (book == nullptr) {
    return domain::fail(domain::ErrorCode::kUnavailable,
                        "The spreadsheet could not be made. Try again, or download the CSV.", {},
                        "workbook_new failed");
  }
  fill(book);
  const lxw_error closed = workbook_close(book);
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  std::error_code ignored;
  std::filesystem::remove(path, ignored);
  if (closed != LXW_NO_ERROR) {
    return domain::fail(domain::ErrorCode::kUnavailable,
                        "The spreadsheet could not be made. Try again, or download the CSV.", {},
                        lxw_strerror(closed));
  }
  return bytes.str();
}

domain::Result<std::string> tableXlsx(const reports::ExportTable& table, const char* sheet_name) {
  return xlsxBytes("export", [&](lxw_workbook* book) {
    lxw_worksheet* sheet = workbook_add_worksheet(book, sheet_name);
    lxw_format* bold = workbook_add_format(book);
    format_set_bold(bold);
    for (std::size_t c = 0; c < table.header.size(); ++c) {
      worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), table.header[c].c_str(), bold);
    }
    lxw_row_t r = 1;
    for (const auto& row : table.rows) {
      for (std::size_t c = 0; c < row.size(); ++c) {
        if (!row[c].empty()) {
          worksheet_write_string(sheet, r, static_cast<lxw_col_t>(c), row[c].c_str(), nullptr);
        }
      }
      ++r;
    }
  });
}

}  // namespace strada::api
