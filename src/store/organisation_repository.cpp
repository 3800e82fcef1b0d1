#include "store/organisation_repository.h"

#include <soci/soci.h>

#include "store/sql_errors.h"

namespace strada::store {

using detail::internalFrom;
using detail::isUniqueViolation;
using detail::uniqueViolationNames;
using domain::ErrorCode;

namespace {

// Column holders for one organisations row.
struct OrgRow {
  std::string id, code, name, country, languages;
  long long created_at = 0;

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

}  // namespace

domain::Status insertOrganisation(WriteContext& w, const domain::Organisation& org) {
  try {
    const std::string languages = detail::joinList(org.languages);
    const long long created_at = org.created_at;
    w.sql() << "INSERT INTO organisations (id, code, name, country, languages, created_at) "
               "VALUES (:id, :code, :name, :country, :languages, :created_at)",
        soci::use(org.id), soci::use(org.code), soci::use(org.name), soci::use(org.country),
        soci::use(languages), soci::use(created_at);
    return {};
  } catch (const std::exception& e) {
    if (isUniqueViolation(e)) {
      if (uniqueViolationNames(e, "organisations", "code")) {
        return domain::fail(ErrorCode::kConflict, "An organisation with this code already exists.",
                            "code");
      }
      return domain::fail(ErrorCode::kConflict, "An organisation with this id already exists.",
                          "id");
    }
    return internalFrom("insert organisation", e);
  }
}

domain::Result<std::optional<domain::Organisation>> findOrganisationByCode(
    soci::session& sql, const std::string& code) {
  try {
    OrgRow r;
    sql << std::string(kOrgColumns) + " WHERE code = :code", soci::into(r.id), soci::into(r.code),
        soci::into(r.name), soci::into(r.country), soci::into(r.languages),
        soci::into(r.created_at), soci::use(code);
    if (!sql.got_data()) {
      return std::nullopt;
    }
    return r.toDomain();
  } catch (const std::exception& e) {
    return internalFrom("find organisation by code", e);
  }
}

domain::Result<std::optional<domain::Organisation>> findOrganisationById(soci::session& sql,
                                                                         const std::string& id) {
  try {
    OrgRow r;
    sql << std::string(kOrgColumns) + " WHERE id = :id", soci::into(r.id), soci::into(r.code),
        soci::into(r.name), soci::into(r.country), soci::into(r.languages),
        soci::into(r.created_at), soci::use(id);
    if (!sql.got_data()) {
      return std::nullopt;
    }
    return r.toDomain();
  } catch (const std::exception& e) {
    return internalFrom("find organisation by id", e);
  }
}

domain::Result<std::vector<domain::Organisation>> listOrganisations(soci::session& sql) {
  try {
    OrgRow r;
    soci::statement st = (sql.prepare << std::string(kOrgColumns) + " ORDER BY code, id",
                          soci::into(r.id), soci::into(r.code), soci::into(r.name),
                          soci::into(r.country), soci::into(r.languages), soci::into(r.created_at));
    st.execute();
    std::vector<domain::Organisation> out;
    while (st.fetch()) {
      out.push_back(r.toDomain());
    }
    return out;
  } catch (const std::exception& e) {
    return internalFrom("list organisations", e);
  }
}

}  // namespace strada::store
