// A table of text cells as a file: CSV (RFC 4180, UTF-8, CRLF) or an XLSX workbook
// (libxlsxwriter, written through a temporary file removed at once). The standard exports'
// (reports/export_table.h), and the workbook step the case statistics' export shares.
#pragma once

#include <xlsxwriter.h>

#include <functional>
#include <string>
#include <string_view>

#include "domain/error.h"
#include "reports/export_table.h"

namespace strada::api {

[[nodiscard]] std::string tableCsv(const reports::ExportTable& table);

// The bytes of a workbook that `fill` writes into; `name` tags its temporary file.
[[nodiscard]] domain::Result<std::string> xlsxBytes(std::string_view name,
                                                    const std::function<void(lxw_workbook*)>& fill);

// One sheet named `sheet`: the header in bold, then every row as text.
[[nodiscard]] domain::Result<std::string> tableXlsx(const reports::ExportTable& table,
                                                    const char* sheet);

}  // namespace strada::api
