#include "store/organisation_repository.h"

#include <soci/soci.h>

#include "store/guarded.h"

namespace strada::store {

namespace {

// Column holders for one organisations row.
struct OrgRow {
  std::string id, code, name, country, languages;
  long long created_at = 0;

  void bindInto(soci::statement& st) {
    detail::intoEach(st, id, code, name, country, languages, created_at);
  }

  domain::Organisation toRow() const {
    domain::Organisation org;
    org.id = id;
    org.code = code;
    org.name = name;
    org.country = country;
    org.languages = detail::splitList(languages);
    org.created_at = created_at;
    return org;
  }
};

constexpr const char* kOrgColumns =
    "SELECT id, code, name, country, languages, created_at FROM organisations";

// The organisation whose `column` (a constant of ours, never input) equals `value`.
domain::Result<std::optional<domain::Organisation>> findOrganisationWhere(soci::session& sql,
                                                                          const char* column,
                                                                          const std::string& value,
                                                                          std::string_view what) {
  OrgRow r;
  return detail::selectRow(sql, what, r,
                           std::string(kOrgColumns) + " WHERE " + column + " = :value", value);
}

}  // namespace

domain::Status insertOrganisation(WriteContext& w, const domain::Organisation& org) {
  return detail::guardedWrite("insert organisation", "organisations",
                              {{"code", "An organisation with this code already exists.", "code"},
                               {"", "An organisation with this id already exists.", "id"}},
                              [&]() -> domain::Status {
                                detail::insertRow(w.sql(), "organisations",
                                                  "id, code, name, country, languages, created_at",
                                                  org.id, org.code, org.name, org.country,
                                                  detail::joinList(org.languages), org.created_at);
                                return {};
                              });
}

domain::Result<std::optional<domain::Organisation>> findOrganisationByCode(
    soci::session& sql, const std::string& code) {
  return findOrganisationWhere(sql, "code", code, "find organisation by code");
}

domain::Result<std::optional<domain::Organisation>> findOrganisationById(soci::session& sql,
                                                                         const std::string& id) {
  return findOrganisationWhere(sql, "id", id, "find organisation by id");
}

domain::Result<std::vector<domain::Organisation>> listOrganisations(soci::session& sql) {
  OrgRow r;
  return detail::selectRows(sql, "list organisations", r,
                            std::string(kOrgColumns) + " ORDER BY code, id");
}

}  // namespace strada::store
