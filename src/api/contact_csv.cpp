#include "api/contact_csv.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "api/encode.h"
#include "domain/codes.h"
#include "domain/time.h"

namespace strada::api {
void appendCsvCell(std::string& out, std::string_view value) {
  const bool formula = !value.empty() && (value.front() == '=' || value.front() == '+' ||
                                          value.front() == '-' || value.front() == '@');
  const bool quote = formula || value.find_first_of(",\"\r\n") != std::string_view::npos;
  if (!quote) {
    out += value;
    return;
  }
  out += '"';
  if (formula) {
    out += '\'';
  }
  for (char c : value) {
    if (c == '"') {
      out += '"';
    }
    out += c;
  }
  out += '"';
}

std::string codeLabelIn(std::string_view list, const std::string& code, std::size_t language) {
  const domain::CodeList* codes = domain::findCodeList(list);
  if (code.empty() || codes == nullptr) {
    return {};
  }
  for (std::size_t i = 0; i < codes->codes.size() && i < codes->labels.size(); ++i) {
    if (codes->codes[i] == code) {
      return std::string(codes->labels[i][language]);
    }
  }
  return code;
}

namespace {

constexpr std::array<std::string_view, 28> kCodedColumns = {"id",
                                                            "started_at",
                                                            "status",
                                                            "kind",
                                                            "non_data_type",
                                                            "channel",
                                                            "duration_s",
                                                            "category",
                                                            "caller_type",
                                                            "anonymous",
                                                            "caller_gender",
                                                            "caller_age_band",
                                                            "language",
                                                            "caller_country",
                                                            "destination_country",
                                                            "exploitation",
                                                            "industry",
                                                            "indicators",
                                                            "imminent_danger",
                                                            "assistance",
                                                            "outcome",
                                                            "follow_up_needed",
                                                            "follow_up_due",
                                                            "follow_up_done_at",
                                                            "created_by",
                                                            "created_at",
                                                            "finalised_at",
                                                            "code_version"};

constexpr std::array<std::string_view, 20> kReadableColumns = {
    "started_at_local",   "kind_label",          "non_data_type_label",     "channel_label",
    "category_label",     "caller_type_label",   "caller_gender_label",     "caller_age_band_label",
    "exploitation_label", "industry_label",      "indicators_label",        "assistance_label",
    "outcome_label",      "follow_up_due_local", "follow_up_done_at_local", "created_by_name",
    "created_at_local",   "finalised_at_local",  "labels_language",         "time_zone"};

std::string joinCodes(const std::vector<std::string>& codes) {
  std::string out;
  for (const auto& c : codes) {
    out += out.empty() ? "" : ";";
    out += c;
  }
  return out;
}

std::string optionalTime(const std::optional<domain::UnixMillis>& t) {
  return t ? domain::formatRfc3339(*t) : std::string();
}

// How the cells of one export are written: labels in one language, times at one offset.
class CellWriter {
 public:
  explicit CellWriter(const hotline::ExportSetting& setting) : setting_(setting) {
    const auto& langs = domain::kLabelLanguages;
    language_ = static_cast<std::size_t>(std::find(langs.begin(), langs.end(), setting.language) -
                                         langs.begin());
    if (language_ >= langs.size()) {
      language_ = 0;
    }
  }

  // The label of `code` in list `list`; the code itself when the list has no label for it.
  [[nodiscard]] std::string label(std::string_view list, const std::string& code) const {
    return codeLabelIn(list, code, language_);
  }

  [[nodiscard]] std::string labels(std::string_view list,
                                   const std::vector<std::string>& codes) const {
    std::string out;
    for (const auto& c : codes) {
      out += out.empty() ? "" : ";";
      out += label(list, c);
    }
    return out;
  }

  [[nodiscard]] std::string local(const std::optional<domain::UnixMillis>& t) const {
    return t ? hotline::formatLocalTime(*t, setting_.zone.offsetSecondsAt(*t)) : std::string();
  }

  // As GET /api/v1/users names a colleague; "" for an author who is not of the organisation.
  [[nodiscard]] std::string author(const std::string& user_id) const {
    auto it = setting_.user_names.find(user_id);
    return it == setting_.user_names.end() ? std::string() : colleagueName(it->second, user_id);
  }

  [[nodiscard]] const std::string& language() const { return setting_.language; }
  [[nodiscard]] const std::string& zoneName() const { return setting_.zone.name(); }

 private:
  const hotline::ExportSetting& setting_;
  std::size_t language_ = 0;
};

std::string flag(bool b) { return b ? "true" : "false"; }

std::array<std::string, kCodedColumns.size()> codedCells(const domain::Contact& c) {
  const auto& d = c.data;
  const bool data = d.kind != domain::kKindNonData;
  const auto only = [data](std::string v) { return data ? std::move(v) : std::string(); };
  return {c.id,
          domain::formatRfc3339(d.started_at),
          d.status,
          d.kind,
          data ? std::string() : d.non_data_type,
          d.channel,
          std::to_string(d.duration_s),
          only(d.category),
          only(d.caller_type),
          only(flag(d.anonymous)),
          only(d.caller_gender),
          only(d.caller_age_band),
          only(d.language),
          only(d.caller_country),
          only(d.destination_country),
          joinCodes(d.exploitation),
          joinCodes(d.industry),
          joinCodes(d.indicators),
          only(flag(d.imminent_danger)),
          joinCodes(d.assistance),
          only(d.outcome),
          only(flag(d.follow_up_needed)),
          optionalTime(d.follow_up_due),
          optionalTime(c.follow_up_done_at),
          c.created_by,
          domain::formatRfc3339(c.created_at),
          optionalTime(c.finalised_at),
          c.code_version};
}

std::array<std::string, kReadableColumns.size()> readableCells(const CellWriter& w,
                                                               const domain::Contact& c) {
  const auto& d = c.data;
  const bool data = d.kind != domain::kKindNonData;
  const auto only = [data](std::string v) { return data ? std::move(v) : std::string(); };
  return {w.local(d.started_at),
          w.label("contact_kind", d.kind),
          data ? std::string() : w.label("non_data_type", d.non_data_type),
          w.label("channel", d.channel),
          only(w.label("category", d.category)),
          only(w.label("caller_type", d.caller_type)),
          only(w.label("gender", d.caller_gender)),
          only(w.label("age_band", d.caller_age_band)),
          w.labels("exploitation", d.exploitation),
          w.labels("industry", d.industry),
          w.labels("indicator", d.indicators),
          w.labels("assistance", d.assistance),
          only(w.label("outcome", d.outcome)),
          w.local(d.follow_up_due),
          w.local(c.follow_up_done_at),
          w.author(c.created_by),
          w.local(c.created_at),
          w.local(c.finalised_at),
          w.language(),
          w.zoneName()};
}

template <class Cells>
void appendCells(std::string& out, const Cells& cells, bool first) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i != 0 || !first) {
      out += ',';
    }
    appendCsvCell(out, cells[i]);
  }
}

}  // namespace

void appendContactCsvHeader(std::string& out) {
  appendCells(out, kCodedColumns, true);
  appendCells(out, kReadableColumns, false);
  out += "\r\n";
}

void appendContactCsvRows(std::string& out, const hotline::ExportSetting& setting,
                          const std::vector<domain::Contact>& contacts) {
  const CellWriter writer(setting);
  for (const auto& c : contacts) {
    appendCells(out, codedCells(c), true);
    appendCells(out, readableCells(writer, c), false);
    out += "\r\n";
  }
}

}  // namespace strada::api
