// The CSV export's file (RFC 4180, UTF-8, CRLF): the coded fields of each contact as stored, then
// beside them what a person reads: the codes' labels in the export's language, the author's name
// and the times at the export's UTC offset. The first 28 columns are the file's original ones, in
// their order, so that existing readers keep working; the new ones follow (docs/openapi.yaml).
#pragma once

#include <string>
#include <vector>

#include "domain/contact.h"
#include "hotline/contact_lists.h"

namespace strada::api {

// The header line.
void appendContactCsvHeader(std::string& out);

// One line per contact. Coded fields only: never summary, caller identifier, region (free text)
// or safety plan.
void appendContactCsvRows(std::string& out, const hotline::ExportSetting& setting,
                          const std::vector<domain::Contact>& contacts);

// "2025-04-07T11:30:00+02:00": `t` at `offset_minutes` east of UTC.
std::string formatLocalTime(domain::UnixMillis t, std::int32_t offset_minutes);

}  // namespace strada::api
