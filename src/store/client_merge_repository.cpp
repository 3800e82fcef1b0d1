#include "store/client_merge_repository.h"

#include <soci/soci.h>

#include <utility>

#include "store/guarded.h"
#include "store/statements.h"

namespace strada::store {

using detail::guarded;
using domain::ErrorCode;

namespace {

constexpr const char* kFlagColumns =
    "SELECT f.id, f.org_id, f.client_a, f.client_b, f.reason, f.flagged_by, f.flagged_at, "
    "f.status, f.resolved_by, f.resolved_at, f.survivor_id, a.client_code, b.client_code FROM "
    "client_duplicate_flags f JOIN clients a ON a.id = f.client_a JOIN clients b ON b.id = "
    "f.client_b ";

// The holders of kFlagColumns: the row itself.
struct FlagColumns : DuplicateFlagRow {
  void bindInto(soci::statement& st) {
    detail::intoEach(st, id, org_id, client_a, client_b, reason, flagged_by, flagged_at, status,
                     resolved_by, resolved_at, survivor_id, client_a_code, client_b_code);
  }
  DuplicateFlagRow toRow() const { return *this; }
};

// The two columns of every row of `query`, which takes `id` as its one parameter.
std::vector<std::pair<std::string, std::string>> columnPairs(soci::session& sql,
                                                             const std::string& query,
                                                             const std::string& id) {
  std::vector<std::pair<std::string, std::string>> out;
  std::pair<std::string, std::string> row;
  soci::statement st =
      (sql.prepare << query, soci::into(row.first), soci::into(row.second), soci::use(id, "id"));
  st.execute();
  while (st.fetch()) {
    out.push_back(row);
  }
  return out;
}

}  // namespace

domain::Status insertDuplicateFlag(WriteContext& w, const DuplicateFlagRow& f) {
  return guarded("insert duplicate flag", [&]() -> domain::Status {
    int open = 0;
    w.sql() << "SELECT COUNT(*) FROM client_duplicate_flags WHERE org_id = :o AND status = 'open' "
               "AND ((client_a = :a AND client_b = :b) OR (client_a = :b2 AND client_b = :a2))",
        soci::into(open), soci::use(f.org_id), soci::use(f.client_a), soci::use(f.client_b),
        soci::use(f.client_b), soci::use(f.client_a);
    if (open > 0) {
      return domain::fail(ErrorCode::kConflict,
                          "These two clients are already flagged as possible duplicates: a "
                          "supervisor will review them.",
                          "other_client_id");
    }
    detail::insertRow(w.sql(), "client_duplicate_flags",
                      "id, org_id, client_a, client_b, reason, flagged_by, flagged_at, status",
                      f.id, f.org_id, f.client_a, f.client_b, f.reason, f.flagged_by, f.flagged_at,
                      std::string("open"));
    return {};
  });
}

domain::Result<std::optional<DuplicateFlagRow>> findDuplicateFlag(soci::session& sql,
                                                                  const std::string& org_id,
                                                                  const std::string& id) {
  FlagColumns columns;
  return detail::selectRow(sql, "find duplicate flag", columns,
                           std::string(kFlagColumns) + "WHERE f.org_id = :o AND f.id = :id", org_id,
                           id);
}

domain::Result<std::vector<DuplicateFlagRow>> listDuplicateFlags(soci::session& sql,
                                                                 const std::string& org_id,
                                                                 const std::string& status,
                                                                 std::int32_t limit) {
  FlagColumns columns;
  const int max = limit;
  return detail::selectRows(sql, "list duplicate flags", columns,
                            std::string(kFlagColumns) +
                                "WHERE f.org_id = :o AND f.status = :s ORDER BY f.flagged_at, "
                                "f.id LIMIT :n",
                            org_id, status, max);
}

domain::Status resolveDuplicateFlag(WriteContext& w, const std::string& org_id,
                                    const std::string& id, const std::string& status,
                                    const std::string& by, const std::string& survivor_id) {
  return guarded("resolve duplicate flag", [&]() -> domain::Status {
    const long long at = w.now();
    soci::statement st(w.sql());
    detail::useEach(st, status, by, at, survivor_id, id, org_id);
    return detail::runOnOneRow(
        st,
        "UPDATE client_duplicate_flags SET status = :s, resolved_by = :b, resolved_at = :at, "
        "survivor_id = :v WHERE id = :id AND org_id = :o AND status = 'open'",
        {ErrorCode::kConflict,
         "Someone else has already resolved this flag. Reload the list to see where it stands.",
         "status"});
  });
}

domain::Status mergeClientInto(WriteContext& w, const std::string& org_id,
                               const std::string& merged_id, const std::string& survivor_id) {
  return guarded("merge client", [&]() -> domain::Status {
    soci::statement st(w.sql());
    detail::useEach(st, survivor_id, merged_id, org_id);
    if (auto merged = detail::runOnOneRow(
            st,
            "UPDATE clients SET merged_into = :s WHERE id = :m AND org_id = :o AND merged_into = "
            "''",
            {ErrorCode::kConflict,
             "One of these clients was merged meanwhile. Reload the list of possible duplicates.",
             "survivor_id"});
        !merged) {
      return merged;
    }
    w.sql() << "UPDATE clients SET merged_into = :s WHERE merged_into = :m AND merged_into <> '' "
               "AND org_id = :o",
        soci::use(survivor_id), soci::use(merged_id), soci::use(org_id);
    return {};
  });
}

domain::Result<std::string> survivorOf(soci::session& sql, const std::string& id) {
  return guarded("find survivor", [&]() -> domain::Result<std::string> {
    std::string into;
    soci::indicator ind = soci::i_null;
    sql << "SELECT merged_into FROM clients WHERE id = :id", soci::into(into, ind), soci::use(id);
    // mergeClientInto keeps every merged client pointing at the last survivor: one step.
    return sql.got_data() && ind == soci::i_ok && !into.empty() ? into : id;
  });
}

domain::Result<std::vector<MergedClient>> mergedInto(soci::session& sql,
                                                     const std::string& survivor_id) {
  return guarded("clients merged into", [&]() -> domain::Result<std::vector<MergedClient>> {
    std::vector<MergedClient> out;
    for (auto& [id, code] : columnPairs(sql,
                                        "SELECT id, client_code FROM clients WHERE merged_into = "
                                        ":id AND merged_into <> '' ORDER BY client_code",
                                        survivor_id)) {
      out.push_back({std::move(id), std::move(code)});
    }
    return out;
  });
}

domain::Result<std::vector<IndexMatch>> indexMatches(soci::session& sql,
                                                     const std::string& client_id) {
  return guarded("find index matches", [&]() -> domain::Result<std::vector<IndexMatch>> {
    std::vector<IndexMatch> out;
    for (auto& [id, kind] : columnPairs(
             sql,
             "SELECT other.client_id, MIN(other.kind) FROM client_index mine JOIN client_index "
             "other ON other.org_id = mine.org_id AND other.kind = mine.kind AND other.hash = "
             "mine.hash JOIN clients c ON c.id = other.client_id WHERE mine.client_id = :id AND "
             "other.client_id <> mine.client_id AND mine.kind IN ('name', 'phone') AND "
             "c.merged_into = '' GROUP BY other.client_id ORDER BY other.client_id",
             client_id)) {
      out.push_back({std::move(id), std::move(kind)});
    }
    return out;
  });
}

}  // namespace strada::store
