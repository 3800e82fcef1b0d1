// The CSV export's file (RFC 4180, UTF-8, CRLF): the coded fields of each contact as stored, then
// beside them what a person reads: the codes' labels in the export's language, the author's name
// and the times in the export's time zone. The first 28 columns are the file's original ones, in
// their order, so that existing readers keep working; the new ones follow (docs/openapi.yaml).
#pragma once

#include <string>
#include <vector>

#include "domain/contact.h"
#include "hotline/contact_lists.h"

namespace strada::api {

// One RFC 4180 cell (quoted when it must be); a cell that a spreadsheet would run as a formula
// is prefixed with "'".
void appendCsvCell(std::string& out, std::string_view value);

// The label of `code` in list `list` in domain::kLabelLanguages[language]; the code itself when
// the list has no label for it; "" for an empty code or an unknown list.
[[nodiscard]] std::string codeLabelIn(std::string_view list, const std::string& code,
                                      std::size_t language);

// The header line.
void appendContactCsvHeader(std::string& out);

// One line per contact. Coded fields only: never summary, caller identifier, region (free text)
// or safety plan.
void appendContactCsvRows(std::string& out, const hotline::ExportSetting& setting,
                          const std::vector<domain::Contact>& contacts);

}  // namespace strada::api
