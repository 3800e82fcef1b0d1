#include "store/case_repository.h"

#include <soci/soci.h>

#include "crypto/crypto.h"
#include "store/case_stats_facts.h"
#include "store/client_merge_repository.h"
#include "store/guarded.h"
#include "store/statements.h"

namespace strada::store {

using detail::guarded;
using domain::ErrorCode;

namespace {

constexpr const char* kCaseColumns =
    "id, org_id, client_id, case_code, status, assigned_to, referral_source, referral_agency_id, "
    "referred_on, reflection_start, reflection_end, plan_status, closure_reason, closure_outcome, "
    "closure_requested_by, closure_requested_at, closure_approved_by, closure_approved_at, "
    "opened_on, created_by, created_at, updated_at, version";

struct CaseColumns {
  domain::Case k;
  domain::CaseClosure closure;
  long long requested_at = 0, approved_at = 0, created_at = 0, updated_at = 0;
  int version = 0;

  void bindInto(soci::statement& st) {
    detail::intoEach(st, k.id, k.org_id, k.client_id, k.case_code, k.status, k.assigned_to,
                     k.referral.source_type, k.referral.agency_id, k.referral.referred_on,
                     k.reflection_start, k.reflection_end, k.plan_status, closure.reason,
                     closure.outcome, closure.requested_by, requested_at, closure.approved_by,
                     approved_at, k.opened_on, k.created_by, created_at, updated_at, version);
  }

  domain::Case toCase() {
    domain::Case out = k;
    out.created_at = created_at;
    out.updated_at = updated_at;
    out.version = version;
    if (!closure.requested_by.empty()) {
      closure.requested_at = requested_at;
      closure.approved_at = approved_at;
      out.closure = closure;
    }
    return out;
  }
};

std::vector<std::string> loadTeam(soci::session& sql, const std::string& case_id) {
  std::vector<std::string> team;
  soci::rowset<std::string> rows =
      (sql.prepare << "SELECT user_id FROM case_team WHERE case_id = :c ORDER BY user_id",
       soci::use(case_id));
  for (const auto& id : rows) {
    team.push_back(id);
  }
  return team;
}

domain::Result<std::optional<domain::Case>> findWhere(soci::session& sql, const std::string& where,
                                                      const std::string& a, const std::string* b) {
  CaseColumns cols;
  soci::statement st(sql);
  cols.bindInto(st);
  st.exchange(soci::use(a));
  if (b != nullptr) {
    st.exchange(soci::use(*b));
  }
  detail::prepareAndExecute(st,
                            std::string("SELECT ") + kCaseColumns + " FROM cases WHERE " + where);
  if (!st.fetch()) {
    return std::optional<domain::Case>();
  }
  domain::Case kase = cols.toCase();
  kase.team = loadTeam(sql, kase.id);
  return std::optional<domain::Case>(std::move(kase));
}

void writeTeam(WriteContext& w, const domain::Case& kase) {
  w.sql() << "DELETE FROM case_team WHERE case_id = :c", soci::use(kase.id);
  for (const auto& user : kase.team) {
    w.sql() << "INSERT INTO case_team (case_id, user_id) VALUES (:c, :u)", soci::use(kase.id),
        soci::use(user);
  }
}

}  // namespace

domain::Status insertCase(WriteContext& w, const domain::Case& kase,
                          const std::vector<std::string>& contact_ids) {
  return detail::guardedWrite(
      "insert case", "cases",
      {{"", "This person already has a case here. Search for it and open it.", "client_id"}},
      [&]() -> domain::Status {
        if (auto survivor = survivorOf(w.sql(), kase.client_id); !survivor) {
          return tl::unexpected(survivor.error());
        } else if (*survivor != kase.client_id) {
          return domain::fail(ErrorCode::kConflict,
                              "This record was merged into another one of the same person. Open "
                              "the case from that record.",
                              "client_id", "survivor_id:" + *survivor);
        }
        // One case per person: the records merged into this client count as this client.
        auto existing = findCaseOfClient(w.sql(), kase.org_id, kase.client_id);
        if (existing && !existing->has_value()) {
          existing = findWhere(w.sql(),
                               "org_id = :o AND client_id IN (SELECT id FROM clients WHERE "
                               "merged_into = :c AND merged_into <> '')",
                               kase.org_id, &kase.client_id);
        }
        if (!existing) {
          return tl::unexpected(existing.error());
        }
        if (existing->has_value()) {
          return domain::fail(ErrorCode::kConflict,
                              "This person already has a case here (" + (*existing)->id +
                                  "). Open that case instead.",
                              "client_id", "existing_case_id:" + (*existing)->id);
        }
        detail::insertRow(w.sql(), "cases",
                          "id, org_id, client_id, case_code, status, assigned_to, referral_source, "
                          "referral_agency_id, referred_on, opened_on, created_by, created_at, "
                          "updated_at, version",
                          kase.id, kase.org_id, kase.client_id, kase.case_code, kase.status,
                          kase.assigned_to, kase.referral.source_type, kase.referral.agency_id,
                          kase.referral.referred_on, kase.opened_on, kase.created_by,
                          kase.created_at, kase.updated_at, kase.version);
        writeTeam(w, kase);
        CaseHistoryEntry first{crypto::newId(), kase.id,         "", kase.status, "status_change",
                               kase.created_at, kase.created_by, ""};
        if (auto s = insertCaseHistory(w, first); !s) {
          return s;
        }
        for (const auto& contact : contact_ids) {
          if (auto linked = linkCaseContact(w, kase.id, contact, kase.created_by); !linked) {
            return tl::unexpected(linked.error());
          }
        }
        return refreshCaseStats(w, kase.id);
      });
}

domain::Status updateCase(WriteContext& w, const domain::Case& kase,
                          std::int32_t expected_version) {
  return guarded("update case", [&]() -> domain::Status {
    const domain::CaseClosure closure = kase.closure.value_or(domain::CaseClosure{});
    const long long requested_at = closure.requested_at;
    const long long approved_at = closure.approved_at;
    const long long updated_at = kase.updated_at;
    const int version = expected_version + 1;
    const int expected = expected_version;
    soci::statement st(w.sql());
    detail::useEach(st, kase.status, kase.assigned_to, kase.reflection_start, kase.reflection_end,
                    kase.plan_status, closure.reason, closure.outcome, closure.requested_by,
                    requested_at, closure.approved_by, approved_at, updated_at, version, kase.id,
                    kase.org_id, expected);
    if (auto changed = detail::runOnOneRow(
            st,
            "UPDATE cases SET status = :p0, assigned_to = :p1, reflection_start = :p2, "
            "reflection_end = :p3, plan_status = :p4, closure_reason = :p5, closure_outcome = :p6, "
            "closure_requested_by = :p7, closure_requested_at = :p8, closure_approved_by = :p9, "
            "closure_approved_at = :p10, updated_at = :p11, version = :p12 WHERE id = :p13 AND "
            "org_id = :p14 AND version = :p15",
            {ErrorCode::kConflict,
             "Someone else changed this case since you opened it. Reload it to see the changes.",
             "version"});
        !changed) {
      return changed;
    }
    writeTeam(w, kase);
    return refreshCaseStats(w, kase.id);
  });
}

domain::Result<std::optional<domain::Case>> findCase(soci::session& sql, const std::string& id) {
  return guarded("find case", [&]() -> domain::Result<std::optional<domain::Case>> {
    return findWhere(sql, "id = :id", id, nullptr);
  });
}

domain::Result<std::optional<domain::Case>> findCaseOfClient(soci::session& sql,
                                                             const std::string& org_id,
                                                             const std::string& client_id) {
  return guarded("find case of client", [&]() -> domain::Result<std::optional<domain::Case>> {
    return findWhere(sql, "org_id = :o AND client_id = :c", org_id, &client_id);
  });
}

domain::Status insertCaseHistory(WriteContext& w, const CaseHistoryEntry& e) {
  return guarded("insert case history", [&]() -> domain::Status {
    detail::insertRow(w.sql(), "case_status_history",
                      "id, case_id, from_status, to_status, kind, at, by_user, reason", e.id,
                      e.case_id, e.from_status, e.to_status, e.kind, e.at, e.by_user, e.reason);
    return {};
  });
}

domain::Result<std::vector<CaseHistoryEntry>> listCaseHistory(soci::session& sql,
                                                              const std::string& case_id) {
  return guarded("list case history", [&]() -> domain::Result<std::vector<CaseHistoryEntry>> {
    CaseHistoryEntry e;
    long long at = 0;
    soci::statement st =
        (sql.prepare << "SELECT id, from_status, to_status, kind, at, by_user, "
                        "reason FROM case_status_history WHERE case_id = :c "
                        "ORDER BY at, id",
         soci::into(e.id), soci::into(e.from_status), soci::into(e.to_status), soci::into(e.kind),
         soci::into(at), soci::into(e.by_user), soci::into(e.reason), soci::use(case_id));
    st.execute();
    return detail::collectRows(st, [&] {
      e.case_id = case_id;
      e.at = at;
      return e;
    });
  });
}

domain::Result<bool> linkCaseContact(WriteContext& w, const std::string& case_id,
                                     const std::string& contact_id, const std::string& by) {
  return guarded("link case contact", [&]() -> domain::Result<bool> {
    long long n = 0;
    w.sql() << "SELECT COUNT(*) FROM case_contacts WHERE case_id = :c AND contact_id = :k",
        soci::into(n), soci::use(case_id), soci::use(contact_id);
    if (n > 0) {
      return false;
    }
    const long long at = w.now();
    w.sql() << "INSERT INTO case_contacts (case_id, contact_id, linked_by, linked_at) VALUES (:c, "
               ":k, :b, :at)",
        soci::use(case_id), soci::use(contact_id), soci::use(by), soci::use(at);
    return true;
  });
}

domain::Result<std::vector<CaseContactLink>> listCaseContacts(soci::session& sql,
                                                              const std::string& case_id) {
  return guarded("list case contacts", [&]() -> domain::Result<std::vector<CaseContactLink>> {
    CaseContactLink l;
    long long at = 0;
    soci::statement st =
        (sql.prepare << "SELECT contact_id, linked_by, linked_at FROM "
                        "case_contacts WHERE case_id = :c ORDER BY linked_at, "
                        "contact_id",
         soci::into(l.contact_id), soci::into(l.linked_by), soci::into(at), soci::use(case_id));
    st.execute();
    return detail::collectRows(st, [&] {
      l.linked_at = at;
      return l;
    });
  });
}

domain::Status insertBreakGlass(WriteContext& w, const BreakGlass& g) {
  return guarded("insert break-glass", [&]() -> domain::Status {
    const std::string sealed = detail::toHex(g.reason_sealed);
    detail::insertRow(w.sql(), "case_break_glass",
                      "id, case_id, user_id, reason, reason_sealed, at, expires_at", g.id,
                      g.case_id, g.user_id, std::string(), sealed, g.at, g.expires_at);
    return {};
  });
}

domain::Result<bool> hasBreakGlass(soci::session& sql, const std::string& case_id,
                                   const std::string& user_id, std::int64_t now) {
  return guarded("find break-glass", [&]() -> domain::Result<bool> {
    long long n = 0;
    const long long at = now;
    sql << "SELECT COUNT(*) FROM case_break_glass WHERE case_id = :c AND user_id = :u AND "
           "expires_at > :now",
        soci::into(n), soci::use(case_id), soci::use(user_id), soci::use(at);
    return n > 0;
  });
}

domain::Result<std::vector<BreakGlass>> listBreakGlass(soci::session& sql,
                                                       const std::string& case_id) {
  return guarded("list break-glass", [&]() -> domain::Result<std::vector<BreakGlass>> {
    BreakGlass g;
    long long at = 0, expires_at = 0;
    soci::statement st =
        (sql.prepare << "SELECT id, user_id, reason, reason_sealed, at, expires_at FROM "
                        "case_break_glass WHERE case_id = :c ORDER BY at, id",
         soci::into(g.id), soci::into(g.user_id), soci::into(g.reason), soci::into(g.reason_sealed),
         soci::into(at), soci::into(expires_at), soci::use(case_id));
    st.execute();
    return detail::collectCheckedRows(st, [&]() -> domain::Result<BreakGlass> {
      if (!detail::decodeHexColumns({&g.reason_sealed})) {
        return domain::internalError("a sealed break-glass reason is not hex");
      }
      g.case_id = case_id;
      g.at = at;
      g.expires_at = expires_at;
      return g;
    });
  });
}

domain::Result<std::vector<std::pair<std::string, std::string>>> listClearBreakGlassReasons(
    soci::session& sql, std::int32_t limit) {
  using Found = std::vector<std::pair<std::string, std::string>>;
  return guarded("list clear break-glass reasons", [&]() -> domain::Result<Found> {
    std::pair<std::string, std::string> row;
    const int n = limit;
    soci::statement st = (sql.prepare << "SELECT id, reason FROM case_break_glass WHERE reason "
                                         "<> '' ORDER BY id LIMIT :n",
                          soci::into(row.first), soci::into(row.second), soci::use(n));
    st.execute();
    return detail::collectRows(st, [&] { return row; });
  });
}

domain::Status sealBreakGlassReason(WriteContext& w, const std::string& id,
                                    const std::string& reason_sealed) {
  return guarded("seal break-glass reason", [&]() -> domain::Status {
    const std::string sealed = detail::toHex(reason_sealed);
    w.sql() << "UPDATE case_break_glass SET reason = '', reason_sealed = :r WHERE id = :i",
        soci::use(sealed), soci::use(id);
    return {};
  });
}

domain::Result<std::vector<CaseListRow>> listCases(soci::session& sql, const CaseListQuery& q) {
  return guarded("list cases", [&]() -> domain::Result<std::vector<CaseListRow>> {
    std::string where = "c.org_id = :p0";
    std::vector<std::string> texts{q.org_id};
    const auto add = [&](const std::string& clause, const std::string& value) {
      where += " AND " + clause;
      texts.push_back(value);
    };
    if (q.visible_to) {
      // Two parameters: the assigned worker, or a team member.
      where += " AND (c.assigned_to = :p" + std::to_string(texts.size()) +
               " OR EXISTS (SELECT 1 FROM case_team t WHERE t.case_id = c.id AND t.user_id = :p" +
               std::to_string(texts.size() + 1) + "))";
      texts.push_back(*q.visible_to);
      texts.push_back(*q.visible_to);
    }
    if (!q.assigned_to.empty()) {
      add("c.assigned_to = :p" + std::to_string(texts.size()), q.assigned_to);
    }
    if (!q.status.empty()) {
      add("c.status = :p" + std::to_string(texts.size()), q.status);
    }
    long long cursor_at = 0;
    if (q.after) {
      cursor_at = q.after->updated_at;
      const std::string n = std::to_string(texts.size());
      const std::string m = std::to_string(texts.size() + 1);
      where += " AND (c.updated_at < :a" + n + " OR (c.updated_at = :b" + n + " AND c.id < :p" + m +
               "))";
    }
    CaseListRow r;
    long long updated_at = 0;
    soci::statement st(sql);
    detail::intoEach(st, r.id, r.case_code, r.client_code, r.status, r.assigned_to, r.opened_on,
                     updated_at);
    for (const auto& t : texts) {
      st.exchange(soci::use(t));
    }
    if (q.after) {
      detail::useEach(st, cursor_at, cursor_at, q.after->id);
    }
    const long long limit = q.limit;
    st.exchange(soci::use(limit));
    detail::prepareAndExecute(
        st,
        "SELECT c.id, c.case_code, k.client_code, c.status, c.assigned_to, c.opened_on, "
        "c.updated_at FROM cases c JOIN clients k ON k.id = c.client_id WHERE " +
            where + " ORDER BY c.updated_at DESC, c.id DESC LIMIT :lim");
    return detail::collectRows(st, [&] {
      r.updated_at = updated_at;
      return r;
    });
  });
}

}  // namespace strada::store
