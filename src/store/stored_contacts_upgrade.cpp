#include "store/stored_contacts_upgrade.h"

#include <soci/soci.h>

#include <set>
#include <utility>

#include "store/guarded.h"
#include "store/statements.h"

namespace strada::store {

using detail::fromHex;
using detail::guarded;
using detail::toHex;

domain::Result<std::vector<StoredCallerRecord>> listStoredCallerRecords(soci::session& sql,
                                                                        const std::string& after_id,
                                                                        int limit) {
  return guarded(
      "list stored caller records", [&]() -> domain::Result<std::vector<StoredCallerRecord>> {
        StoredCallerRecord row;
        std::string sealed_hex;
        soci::statement st(sql);
        st.exchange(soci::into(row.id));
        st.exchange(soci::into(row.org_id));
        st.exchange(soci::into(row.caller_hash));
        st.exchange(soci::into(sealed_hex));
        st.exchange(soci::into(row.caller_region));
        st.exchange(soci::use(after_id, "after"));
        st.exchange(soci::use(limit, "lim"));
        detail::prepareAndExecute(
            st,
            "SELECT id, org_id, caller_hash, caller_sealed, caller_region FROM contacts "
            "WHERE id > :after AND (caller_sealed <> '' OR caller_region <> '') ORDER BY id LIMIT "
            ":lim");
        std::vector<StoredCallerRecord> out;
        while (st.fetch()) {
          auto sealed = fromHex(sealed_hex);
          if (!sealed) {
            return domain::internalError("contacts.caller_sealed is not hex");
          }
          StoredCallerRecord r = row;
          r.caller_sealed = std::move(*sealed);
          out.push_back(std::move(r));
        }
        return out;
      });
}

namespace {

// The flags and calls of `org_id` that carried `old_hash` now carry `new_hash`.
void moveCallerIndex(soci::session& sql, const std::string& org_id, const std::string& old_hash,
                     const std::string& new_hash) {
  sql << "UPDATE caller_flags SET caller_hash = :new_hash WHERE org_id = :org_id AND "
         "caller_hash = :old_hash AND flag NOT IN (SELECT f.flag FROM caller_flags f WHERE "
         "f.org_id = :org_id2 AND f.caller_hash = :new_hash2)",
      soci::use(new_hash, "new_hash"), soci::use(org_id, "org_id"), soci::use(old_hash, "old_hash"),
      soci::use(org_id, "org_id2"), soci::use(new_hash, "new_hash2");
  sql << "DELETE FROM caller_flags WHERE org_id = :org_id AND caller_hash = :old_hash",
      soci::use(org_id, "org_id"), soci::use(old_hash, "old_hash");
  sql << "UPDATE telephony_calls SET caller_hash = :new_hash WHERE org_id = :org_id AND "
         "caller_hash = :old_hash",
      soci::use(new_hash, "new_hash"), soci::use(org_id, "org_id"), soci::use(old_hash, "old_hash");
}

}  // namespace

domain::Status applyCallerRecordUpgrades(WriteContext& w,
                                         const std::vector<CallerRecordUpgrade>& upgrades) {
  return guarded("upgrade caller records", [&]() -> domain::Status {
    std::set<std::pair<std::string, std::string>> moved;  // (org_id, old_hash)
    for (const CallerRecordUpgrade& u : upgrades) {
      if (u.region_sealed) {
        const std::string region_hex = toHex(*u.region_sealed);
        w.sql() << "UPDATE contacts SET caller_hash = :hash, region_sealed = :region, "
                   "caller_region = '' WHERE id = :id",
            soci::use(u.new_hash, "hash"), soci::use(region_hex, "region"), soci::use(u.id, "id");
      } else {
        w.sql() << "UPDATE contacts SET caller_hash = :hash WHERE id = :id",
            soci::use(u.new_hash, "hash"), soci::use(u.id, "id");
      }
      if (!u.old_hash.empty() && u.old_hash != u.new_hash && !u.new_hash.empty() &&
          moved.emplace(u.org_id, u.old_hash).second) {
        moveCallerIndex(w.sql(), u.org_id, u.old_hash, u.new_hash);
      }
    }
    return {};
  });
}

domain::Result<bool> isDataMigrationDone(soci::session& sql, std::string_view name) {
  return guarded("read data migrations", [&]() -> domain::Result<bool> {
    int n = 0;
    const std::string key(name);
    sql << "SELECT COUNT(*) FROM data_migrations WHERE name = :name", soci::into(n), soci::use(key);
    return n > 0;
  });
}

domain::Status recordDataMigration(WriteContext& w, std::string_view name) {
  return guarded("record data migration", [&]() -> domain::Status {
    const std::string key(name);
    const long long at = w.now();
    w.sql() << "INSERT INTO data_migrations (name, done_at) VALUES (:name, :at) "
               "ON CONFLICT (name) DO NOTHING",
        soci::use(key), soci::use(at);
    return {};
  });
}

}  // namespace strada::store
