#include "store/guarded.h"

namespace strada::store::detail {

std::optional<tl::unexpected<domain::Error>> uniqueConflict(
    const std::exception& e, std::string_view table, std::initializer_list<UniqueConflict> rules) {
  if (!isUniqueViolation(e)) {
    return std::nullopt;
  }
  for (const UniqueConflict& rule : rules) {
    if (rule.column.empty() || uniqueViolationNames(e, table, rule.column)) {
      return domain::fail(domain::ErrorCode::kConflict, std::string(rule.message),
                          std::string(rule.field), std::string(rule.detail));
    }
  }
  return std::nullopt;
}

domain::Status changeOneRow(soci::statement& st, std::string_view not_found,
                            std::string_view field) {
  st.execute(true);
  if (st.get_affected_rows() == 0) {
    return domain::fail(domain::ErrorCode::kNotFound, std::string(not_found), std::string(field));
  }
  return {};
}

std::string placeholders(std::size_t count) {
  std::string out;
  for (std::size_t i = 0; i < count; ++i) {
    out += (i == 0 ? ":p" : ", :p") + std::to_string(i);
  }
  return out;
}

domain::Status runOnOneRow(soci::statement& st, const std::string& query,
                           const RowUnchanged& unchanged) {
  prepareAndRun(st, query);
  if (st.get_affected_rows() != 1) {
    return domain::fail(unchanged.code, std::string(unchanged.message),
                        std::string(unchanged.field));
  }
  return {};
}

domain::Status explainUnchangedRow(soci::session& sql, const VersionedTable& t,
                                   const std::string& id, const std::string& org_id) {
  long long exists = 0;
  sql << "SELECT COUNT(*) FROM " + std::string(t.table) + " WHERE id = :id AND org_id = :org_id",
      soci::into(exists), soci::use(id), soci::use(org_id);
  if (exists == 0) {
    return domain::fail(domain::ErrorCode::kNotFound, std::string(t.not_found));
  }
  return domain::fail(domain::ErrorCode::kConflict, std::string(t.changed_meanwhile), "version");
}

void addClauseIf(bool when, std::string& text, soci::statement& st, std::string_view clause,
                 const std::string& value, const std::string& name) {
  if (when) {
    text.append(clause);
    st.exchange(soci::use(value, name));
  }
}

}  // namespace strada::store::detail
