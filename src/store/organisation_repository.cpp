#include "store/organisation_repository.h"

#include <soci/soci.h>

#include "store/guarded.h"
#include "store/statements.h"

namespace strada::store {

using detail::collectRows;
using detail::guarded;
using detail::guardedWrite;
using detail::prepareAndExecute;

namespace {

// Column holders for one organisations row.
struct OrgRow {
  std::string id, code, name, country, languages;
  long long created_at = 0;

  void bindInto(soci::statement& st) {
    detail::intoEach(st, id, code, name, country, languages, created_at);
  }

  domain::Organisation toDomain() const {
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
  return guarded(what, [&]() -> domain::Result<std::optional<domain::Organisation>> {
    OrgRow r;
    soci::statement st(sql);
    r.bindInto(st);
    st.exchange(soci::use(value, "value"));
    prepareAndExecute(st, std::string(kOrgColumns) + " WHERE " + column + " = :value");
    if (!st.fetch()) {
      return std::nullopt;
    }
    return r.toDomain();
  });
}

}  // namespace

domain::Status insertOrganisation(WriteContext& w, const domain::Organisation& org) {
  return guardedWrite(
      "insert organisation", "organisations",
      {{"code", "An organisation with this code already exists.", "code"},
       {"", "An organisation with this id already exists.", "id"}},
      [&]() -> domain::Status {
        const std::string languages = detail::joinList(org.languages);
        const long long created_at = org.created_at;
        w.sql() << "INSERT INTO organisations (id, code, name, country, languages, created_at) "
                   "VALUES (:id, :code, :name, :country, :languages, :created_at)",
            soci::use(org.id), soci::use(org.code), soci::use(org.name), soci::use(org.country),
            soci::use(languages), soci::use(created_at);
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
  return guarded("list organisations", [&]() -> domain::Result<std::vector<domain::Organisation>> {
    OrgRow r;
    soci::statement st(sql);
    r.bindInto(st);
    prepareAndExecute(st, std::string(kOrgColumns) + " ORDER BY code, id");
    return collectRows(st, [&] { return r.toDomain(); });
  });
}

}  // namespace strada::store
