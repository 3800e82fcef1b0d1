#include "store/agency_repository.h"

#include <soci/soci.h>

#include <algorithm>

#include "domain/encoding.h"
#include "store/guarded.h"
#include "store/statements.h"

namespace strada::store {

using detail::addClauseIf;
using detail::addClauseIfSet;
using detail::guarded;
using detail::guardedWrite;
using detail::prepareAndExecute;

namespace {

constexpr std::int32_t kMaxListLimit = 1000;

struct AgencyColumns {
  std::string id, org_id, name, type, country, city, phone, email, website, languages, services,
      notes, address_sealed, updated_by;
  int address_confidential = 0;
  int active = 0;
  long long updated_at = 0;
  int version = 0;

  void bindInto(soci::statement& st) {
    detail::intoEach(st, id, org_id, name, type, country, city, phone, email, website, languages,
                     services, notes, address_sealed, address_confidential, active, updated_at,
                     updated_by, version);
  }

  domain::Result<AgencyRow> toRow() const {
    AgencyRow row;
    domain::Agency& a = row.agency;
    a.id = id;
    a.org_id = org_id;
    a.data.name = name;
    a.data.type = type;
    a.data.country = country;
    a.data.city = city;
    a.data.phone = phone;
    a.data.email = email;
    a.data.website = website;
    a.data.languages = detail::splitList(languages);
    a.data.services = detail::splitList(services);
    a.data.notes = notes;
    a.data.address_confidential = address_confidential != 0;
    a.active = active != 0;
    a.updated_at = updated_at;
    a.updated_by = updated_by;
    a.version = version;
    auto sealed = detail::fromHex(address_sealed);
    if (!sealed) {
      return domain::internalError("agencies.address_sealed is not hex");
    }
    row.address_sealed = std::move(*sealed);
    return row;
  }
};

// `address_column` is either the column or an expression that blanks confidential addresses.
std::string selectColumns(const char* address_column) {
  return std::string(
             "SELECT id, org_id, name, type, country, city, phone, email, website, languages, "
             "services, notes, ") +
         address_column +
         ", address_confidential, active, updated_at, updated_by, version FROM agencies";
}

// `text` for a LIKE pattern, matched literally, with '!' as the escape character.
std::string escapeLike(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == '%' || c == '_' || c == '!') {
      out.push_back('!');
    }
    out.push_back(c);
  }
  return out;
}

constexpr detail::VersionedTable kAgencies = {
    "agencies", "No such agency.",
    "Someone else changed this agency since you opened it. Reload it and make your change again."};

// The written columns an insert and an update bind that are not the row's own strings.
struct AgencyWritten {
  std::string languages, services, sealed;
  int confidential = 0;
  int active = 0;
  long long updated_at = 0;

  explicit AgencyWritten(const AgencyRow& row)
      : languages(detail::joinList(row.agency.data.languages)),
        services(detail::joinList(row.agency.data.services)),
        sealed(detail::toHex(row.address_sealed)),
        confidential(row.agency.data.address_confidential ? 1 : 0),
        active(row.agency.active ? 1 : 0),
        updated_at(row.agency.updated_at) {}
};

}  // namespace

domain::Status insertAgency(WriteContext& w, const AgencyRow& row) {
  const domain::Agency& a = row.agency;
  return guardedWrite(
      "insert agency", "agencies", {{"", "An agency with this id already exists.", "id"}},
      [&]() -> domain::Status {
        const AgencyWritten v(row);
        const int version = a.version;
        w.sql() << "INSERT INTO agencies (id, org_id, name, type, country, city, phone, email, "
                   "website, languages, services, notes, address_sealed, address_confidential, "
                   "active, updated_at, updated_by, version) VALUES (:id, :org_id, :name, :type, "
                   ":country, :city, :phone, :email, :website, :languages, :services, :notes, "
                   ":address_sealed, :confidential, :active, :updated_at, :updated_by, :version)",
            soci::use(a.id), soci::use(a.org_id), soci::use(a.data.name), soci::use(a.data.type),
            soci::use(a.data.country), soci::use(a.data.city), soci::use(a.data.phone),
            soci::use(a.data.email), soci::use(a.data.website), soci::use(v.languages),
            soci::use(v.services), soci::use(a.data.notes), soci::use(v.sealed),
            soci::use(v.confidential), soci::use(v.active), soci::use(v.updated_at),
            soci::use(a.updated_by), soci::use(version);
        return {};
      });
}

domain::Status updateAgency(WriteContext& w, const AgencyRow& row, std::int32_t expected_version) {
  const domain::Agency& a = row.agency;
  return guarded("update agency", [&]() -> domain::Status {
    const AgencyWritten v(row);
    const int expected = expected_version;
    soci::statement st =
        (w.sql().prepare << "UPDATE agencies SET name = :name, type = :type, country = :country, "
                            "city = :city, phone = :phone, email = :email, website = :website, "
                            "languages = :languages, services = :services, notes = :notes, "
                            "address_sealed = :address_sealed, "
                            "address_confidential = :confidential, active = :active, "
                            "updated_at = :updated_at, updated_by = :updated_by, "
                            "version = version + 1 "
                            "WHERE id = :id AND org_id = :org_id AND version = :expected",
         soci::use(a.data.name), soci::use(a.data.type), soci::use(a.data.country),
         soci::use(a.data.city), soci::use(a.data.phone), soci::use(a.data.email),
         soci::use(a.data.website), soci::use(v.languages), soci::use(v.services),
         soci::use(a.data.notes), soci::use(v.sealed), soci::use(v.confidential),
         soci::use(v.active), soci::use(v.updated_at), soci::use(a.updated_by), soci::use(a.id),
         soci::use(a.org_id), soci::use(expected));
    st.execute(true);
    if (st.get_affected_rows() > 0) {
      return {};
    }
    return detail::explainUnchangedRow(w.sql(), kAgencies, a.id, a.org_id);
  });
}

domain::Result<std::int32_t> deactivateAgency(WriteContext& w, const std::string& org_id,
                                              const std::string& id,
                                              const std::string& updated_by) {
  return guarded("deactivate agency", [&]() -> domain::Result<std::int32_t> {
    const long long at = w.now();
    soci::statement st = (w.sql().prepare << "UPDATE agencies SET active = 0, updated_at = :at, "
                                             "updated_by = :updated_by, version = version + 1 "
                                             "WHERE id = :id AND org_id = :org_id",
                          soci::use(at), soci::use(updated_by), soci::use(id), soci::use(org_id));
    auto changed = detail::changeOneRow(st, "No such agency.");
    if (!changed) {
      return tl::unexpected(changed.error());
    }
    int version = 0;
    w.sql() << "SELECT version FROM agencies WHERE id = :id", soci::into(version), soci::use(id);
    return static_cast<std::int32_t>(version);
  });
}

domain::Result<std::optional<AgencyRow>> findAgency(soci::session& sql, const std::string& id) {
  return guarded("find agency", [&]() -> domain::Result<std::optional<AgencyRow>> {
    AgencyColumns cols;
    soci::statement st(sql);
    cols.bindInto(st);
    st.exchange(soci::use(id, "id"));
    prepareAndExecute(st, selectColumns("address_sealed") + " WHERE id = :id");
    return detail::fetchCheckedRow(st, [&] { return cols.toRow(); });
  });
}

domain::Result<std::vector<AgencyRow>> listAgencies(soci::session& sql, const AgencyQuery& query) {
  return guarded("list agencies", [&]() -> domain::Result<std::vector<AgencyRow>> {
    AgencyColumns cols;
    const std::string name_pattern =
        "%" + escapeLike(domain::lowerAscii(query.name_contains)) + "%";
    const std::string city = domain::lowerAscii(query.city);
    const std::string service_pattern = "%," + escapeLike(query.service) + ",%";
    const std::string after_name = query.after ? query.after->name : std::string();
    const std::string after_id = query.after ? query.after->id : std::string();
    const int limit = std::clamp<std::int32_t>(query.limit, 1, kMaxListLimit);

    // The clauses vary; every value is still a bound parameter. A confidential address is
    // blanked in SQL so that it never reaches a list, whatever the caller does.
    std::string text =
        selectColumns("CASE WHEN address_confidential = 0 THEN address_sealed ELSE '' END") +
        " WHERE org_id = :org_id";
    soci::statement st(sql);
    cols.bindInto(st);
    st.exchange(soci::use(query.org_id, "org_id"));
    if (!query.include_inactive) {
      text += " AND active = 1";
    }
    addClauseIf(!query.name_contains.empty(), text, st,
                " AND LOWER(name) LIKE :name_pattern ESCAPE '!'", name_pattern, "name_pattern");
    addClauseIfSet(text, st, " AND type = :type", query.type, "type");
    addClauseIfSet(text, st, " AND country = :country", query.country, "country");
    addClauseIf(!query.city.empty(), text, st, " AND LOWER(city) = :city", city, "city");
    addClauseIf(!query.service.empty(), text, st,
                " AND (',' || services || ',') LIKE :service_pattern ESCAPE '!'", service_pattern,
                "service_pattern");
    if (query.after) {
      text += " AND (name > :after_name1 OR (name = :after_name2 AND id > :after_id))";
      st.exchange(soci::use(after_name, "after_name1"));
      st.exchange(soci::use(after_name, "after_name2"));
      st.exchange(soci::use(after_id, "after_id"));
    }
    text += " ORDER BY name, id LIMIT :lim";
    st.exchange(soci::use(limit, "lim"));
    prepareAndExecute(st, text);
    return detail::collectCheckedRows(st, [&] { return cols.toRow(); });
  });
}

}  // namespace strada::store
