#include "store/client_repository.h"

#include <soci/soci.h>

#include <algorithm>
#include <map>
#include <set>

#include "store/case_stats_facts.h"
#include "store/client_coded_columns.h"
#include "store/guarded.h"
#include "store/statements.h"

namespace strada::store {

using detail::guarded;
using domain::ErrorCode;

namespace {

using detail::CodedColumns;
using detail::kCodedList;

constexpr const char* kCodedAssignments =
    "gender = ?, birth_year = ?, age_band = ?, citizenships = ?, primary_language = ?, "
    "education = ?, trafficking_status = ?, status_decided_by = ?, "
    "relationship_to_trafficker = ?, age_when_trafficked = ?, recruitment_methods = ?, "
    "control_methods = ?, exploitation_types = ?, industries = ?, countries_origin = ?, "
    "countries_transit = ?, countries_exploitation = ?";

// SOCI binds by position with "?" only on SQLite; use :pN names for both backends.
std::string numbered(const std::string& text) {
  std::string out;
  int n = 0;
  for (const char c : text) {
    if (c == '?') {
      out += ":p" + std::to_string(n++);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

void replaceIndex(WriteContext& w, const std::string& org_id, const std::string& client_id,
                  const std::vector<ClientIndexEntry>& index) {
  w.sql() << "DELETE FROM client_index WHERE client_id = :c", soci::use(client_id);
  std::vector<ClientIndexEntry> unique = index;
  std::sort(unique.begin(), unique.end(), [](const auto& a, const auto& b) {
    return std::tie(a.kind, a.hash) < std::tie(b.kind, b.hash);
  });
  unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
  for (const auto& e : unique) {
    w.sql() << "INSERT INTO client_index (org_id, kind, hash, client_id) VALUES (:o, :k, :h, :c)",
        soci::use(org_id), soci::use(e.kind), soci::use(e.hash), soci::use(client_id);
  }
}

}  // namespace

domain::Status insertClient(WriteContext& w, const ClientRow& row,
                            const std::vector<ClientIndexEntry>& index) {
  const domain::Client& c = row.client;
  return detail::guardedWrite(
      "insert client", "clients", {{"", "A client with this id or code already exists.", "id"}},
      [&]() -> domain::Status {
        const std::string key_hex = detail::toHex(row.wrapped_key);
        const long long at = c.created_at;
        w.sql() << "INSERT INTO client_keys (client_id, org_id, wrapped_key, created_at) VALUES "
                   "(:c, :o, :k, :at)",
            soci::use(c.id), soci::use(c.org_id), soci::use(key_hex), soci::use(at);
        CodedColumns coded = CodedColumns::from(c.coded);
        const std::string sealed = detail::toHex(row.person_sealed);
        const long long updated_at = c.updated_at;
        const int version = c.version;
        soci::statement st(w.sql());
        detail::useEach(st, c.id, c.org_id, c.client_code, sealed);
        coded.bind([&](auto& v) { st.exchange(soci::use(v)); });
        detail::useEach(st, c.created_by, at, c.updated_by, updated_at, version);
        detail::prepareAndRun(
            st,
            numbered(std::string("INSERT INTO clients (id, org_id, client_code, person_sealed, ") +
                     kCodedList +
                     ", created_by, created_at, updated_by, updated_at, version) VALUES (?, ?, ?, "
                     "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        replaceIndex(w, c.org_id, c.id, index);
        return {};
      });
}

domain::Status updateClient(WriteContext& w, const ClientRow& row, std::int32_t expected_version,
                            const std::vector<ClientIndexEntry>& index) {
  const domain::Client& c = row.client;
  return guarded("update client", [&]() -> domain::Status {
    CodedColumns coded = CodedColumns::from(c.coded);
    const std::string sealed = detail::toHex(row.person_sealed);
    const long long updated_at = c.updated_at;
    const int version = expected_version + 1;
    const int expected = expected_version;
    soci::statement st(w.sql());
    st.exchange(soci::use(sealed));
    coded.bind([&](auto& v) { st.exchange(soci::use(v)); });
    detail::useEach(st, c.updated_by, updated_at, version, c.id, c.org_id, expected);
    if (auto changed = detail::runOnOneRow(
            st,
            numbered(std::string("UPDATE clients SET person_sealed = ?, ") + kCodedAssignments +
                     ", updated_by = ?, updated_at = ?, version = ? WHERE id = ? AND org_id = ? "
                     "AND version = ?"),
            {ErrorCode::kConflict,
             "Someone else changed this client since you opened it. Reload it to see the changes.",
             "version"});
        !changed) {
      return changed;
    }
    replaceIndex(w, c.org_id, c.id, index);
    return refreshClientCaseStats(w, c.id);
  });
}

domain::Result<std::optional<ClientRow>> findClient(soci::session& sql, const std::string& id) {
  return guarded("find client", [&]() -> domain::Result<std::optional<ClientRow>> {
    ClientRow row;
    domain::Client& c = row.client;
    CodedColumns coded;
    std::string sealed, key_hex;
    long long created_at = 0, updated_at = 0;
    int version = 0;
    soci::indicator key_ind = soci::i_ok;
    soci::statement st(sql);
    detail::intoEach(st, c.id, c.org_id, c.client_code, sealed);
    coded.bind([&](auto& v) { st.exchange(soci::into(v)); });
    long long erased_at = 0;
    detail::intoEach(st, c.created_by, created_at, c.updated_by, updated_at, version, erased_at,
                     c.erased_by, row.erasure_reason_sealed, row.merged_into);
    st.exchange(soci::into(key_hex, key_ind));
    st.exchange(soci::use(id));
    detail::prepareAndExecute(
        st, std::string("SELECT c.id, c.org_id, c.client_code, c.person_sealed, ") +
                "c.gender, c.birth_year, c.age_band, c.citizenships, c.primary_language, "
                "c.education, c.trafficking_status, c.status_decided_by, "
                "c.relationship_to_trafficker, c.age_when_trafficked, c.recruitment_methods, "
                "c.control_methods, c.exploitation_types, c.industries, c.countries_origin, "
                "c.countries_transit, c.countries_exploitation, c.created_by, c.created_at, "
                "c.updated_by, c.updated_at, c.version, c.erased_at, c.erased_by, "
                "c.erasure_reason_sealed, c.merged_into, "
                "k.wrapped_key FROM clients c LEFT JOIN "
                "client_keys k ON k.client_id = c.id WHERE c.id = :id");
    if (!st.fetch()) {
      return std::optional<ClientRow>();
    }
    c.coded = coded.toCoded();
    c.created_at = created_at;
    c.updated_at = updated_at;
    c.version = version;
    c.erased_at = erased_at;
    row.person_sealed = std::move(sealed);
    row.wrapped_key = key_ind == soci::i_ok ? std::move(key_hex) : std::string();
    if (!detail::decodeHexColumns(
            {&row.person_sealed, &row.wrapped_key, &row.erasure_reason_sealed})) {
      return domain::internalError("a sealed column of clients or client_keys is not hex");
    }
    return std::optional<ClientRow>(std::move(row));
  });
}

domain::Status destroyClientKey(WriteContext& w, const std::string& org_id,
                                const std::string& client_id) {
  return guarded("destroy client key", [&]() -> domain::Status {
    const long long at = w.now();
    soci::statement st(w.sql());
    detail::useEach(st, at, client_id, org_id);
    if (auto destroyed =
            detail::runOnOneRow(st,
                                "UPDATE client_keys SET wrapped_key = '', destroyed_at "
                                "= :at WHERE client_id = :c AND org_id = :o",
                                {ErrorCode::kNotFound, "No such record."});
        !destroyed) {
      return destroyed;
    }
    w.sql() << "UPDATE clients SET person_sealed = '' WHERE id = :c", soci::use(client_id);
    w.sql() << "DELETE FROM client_index WHERE client_id = :c", soci::use(client_id);
    // A referral from another member that opened one of the person's cases kept the packet as
    // received, sealed to this instance's box key (network/referrals.h): it goes too.
    w.sql() << "UPDATE network_referrals SET packet_sealed = '' WHERE case_id IN (SELECT id FROM "
               "cases WHERE client_id = :c)",
        soci::use(client_id);
    return {};
  });
}

domain::Status eraseClient(WriteContext& w, const std::string& org_id, const std::string& client_id,
                           const std::string& by, const std::string& reason_sealed) {
  if (auto destroyed = destroyClientKey(w, org_id, client_id); !destroyed) {
    return destroyed;
  }
  return guarded("mark client erased", [&]() -> domain::Status {
    const long long at = w.now();
    const std::string sealed = detail::toHex(reason_sealed);  // bound by reference: kept alive
    soci::statement st(w.sql());
    detail::useEach(st, at, by, sealed, client_id, org_id);
    detail::prepareAndRun(st,
                          "UPDATE clients SET erased_at = :at, erased_by = :b, erasure_reason = "
                          "'', erasure_reason_sealed = :r WHERE id = :c AND org_id = :o");
    // The coded fields stay: the figures keep counting the person (never re-identifiable).
    return refreshClientCaseStats(w, client_id);
  });
}

domain::Result<std::vector<ErasureState>> erasureStates(soci::session& sql,
                                                        const std::vector<std::string>& ids) {
  return guarded("read erasure states", [&]() -> domain::Result<std::vector<ErasureState>> {
    static constexpr const char* kSelect =
        "SELECT c.id, c.org_id, c.erased_at, c.erasure_reason, k.wrapped_key FROM clients c "
        "LEFT JOIN client_keys k ON k.client_id = c.id WHERE ";
    std::vector<ErasureState> out;
    std::set<std::string> seen;
    ErasureState row;
    std::string key;
    long long erased_at = 0;
    soci::indicator key_ind = soci::i_ok;
    auto collect = [&](soci::statement& st) {
      st.execute();
      while (st.fetch()) {
        row.erased = erased_at != 0;
        row.key_present = key_ind == soci::i_ok && !key.empty();
        seen.insert(row.client_id);
        out.push_back(row);
      }
    };
    soci::statement all =
        (sql.prepare << std::string(kSelect) + "c.erased_at <> 0 OR c.erasure_reason <> ''",
         soci::into(row.client_id), soci::into(row.org_id), soci::into(erased_at),
         soci::into(row.reason_in_clear), soci::into(key, key_ind));
    collect(all);
    std::string wanted;
    soci::statement one =
        (sql.prepare << std::string(kSelect) + "c.id = :id", soci::into(row.client_id),
         soci::into(row.org_id), soci::into(erased_at), soci::into(row.reason_in_clear),
         soci::into(key, key_ind), soci::use(wanted));
    for (const std::string& id : ids) {
      if (!seen.contains(id)) {
        wanted = id;
        collect(one);
      }
    }
    return out;
  });
}

domain::Status sealErasureReason(WriteContext& w, const std::string& client_id,
                                 const std::string& reason_sealed) {
  return guarded("seal erasure reason", [&]() -> domain::Status {
    const std::string sealed = detail::toHex(reason_sealed);
    w.sql() << "UPDATE clients SET erasure_reason = '', erasure_reason_sealed = :r WHERE id = :c",
        soci::use(sealed), soci::use(client_id);
    return {};
  });
}

domain::Result<std::vector<ClientMatch>> searchClients(soci::session& sql,
                                                       const std::string& org_id,
                                                       const std::string& client_code,
                                                       const std::vector<ClientIndexEntry>& index,
                                                       std::int32_t limit) {
  return guarded("search clients", [&]() -> domain::Result<std::vector<ClientMatch>> {
    std::map<std::string, ClientMatch> by_id;
    if (!client_code.empty()) {
      std::string id;
      soci::indicator ind = soci::i_null;
      sql << "SELECT id FROM clients WHERE org_id = :o AND client_code = :c AND merged_into = ''",
          soci::into(id, ind), soci::use(org_id), soci::use(client_code);
      if (sql.got_data() && ind == soci::i_ok) {
        by_id[id].matched_on.emplace_back("client_code");
      }
    }
    for (const auto& e : index) {
      soci::rowset<std::string> ids =
          (sql.prepare << "SELECT i.client_id FROM client_index i JOIN clients c ON c.id = "
                          "i.client_id WHERE i.org_id = :o AND i.kind = :k AND i.hash = :h AND "
                          "c.merged_into = ''",
           soci::use(org_id), soci::use(e.kind), soci::use(e.hash));
      for (const auto& id : ids) {
        auto& m = by_id[id];
        if (std::find(m.matched_on.begin(), m.matched_on.end(), e.kind) == m.matched_on.end()) {
          m.matched_on.push_back(e.kind);
        }
      }
    }
    std::vector<ClientMatch> out;
    for (auto& [id, m] : by_id) {
      m.client_id = id;
      sql << "SELECT client_code FROM clients WHERE id = :id", soci::into(m.client_code),
          soci::use(id);
      out.push_back(std::move(m));
    }
    std::sort(out.begin(), out.end(),
              [](const auto& a, const auto& b) { return a.client_code < b.client_code; });
    if (out.size() > static_cast<std::size_t>(limit)) {
      out.resize(static_cast<std::size_t>(limit));
    }
    return out;
  });
}

domain::Result<std::vector<std::string>> possibleDuplicates(soci::session& sql,
                                                            const std::string& client_id) {
  return guarded("find possible duplicates", [&]() -> domain::Result<std::vector<std::string>> {
    std::vector<std::string> out;
    soci::rowset<std::string> ids =
        (sql.prepare << "SELECT DISTINCT other.client_id FROM client_index mine JOIN client_index "
                        "other ON other.org_id = mine.org_id AND other.kind = mine.kind AND "
                        "other.hash = mine.hash JOIN clients c ON c.id = other.client_id WHERE "
                        "mine.client_id = :a AND other.client_id <> :b AND mine.kind IN ('name', "
                        "'phone') AND c.merged_into = '' ORDER BY other.client_id",
         soci::use(client_id), soci::use(client_id));
    for (const auto& id : ids) {
      out.push_back(id);
    }
    return out;
  });
}

}  // namespace strada::store
