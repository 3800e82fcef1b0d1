#include "store/case_assessment_repository.h"

#include <soci/soci.h>

#include "store/case_stats_facts.h"
#include "store/guarded.h"
#include "store/sql_errors.h"
#include "store/statements.h"

namespace strada::store {

using detail::guarded;

namespace {

constexpr std::string_view kChangedMeanwhile =
    "Someone else changed this since you opened it. Reload it to see the changes.";

domain::Status staleVersion() {
  return domain::fail(domain::ErrorCode::kConflict, std::string(kChangedMeanwhile), "version");
}

// A sealed column as read: its bytes, or an internal error naming the column.
domain::Result<std::string> unhex(const std::string& hex, std::string_view column) {
  auto bytes = detail::fromHex(hex);
  if (!bytes) {
    return domain::internalError(std::string(column) + " is not hex");
  }
  return bytes;
}

}  // namespace

domain::Status writeDocumentHead(WriteContext& w, const CaseDocumentHead& h,
                                 std::int32_t expected_version) {
  return detail::guardedWrite(
      "write case document", "case_documents", {{"", kChangedMeanwhile, "version"}},
      [&]() -> domain::Status {
        const long long at = h.updated_at;
        const int version = expected_version + 1;
        const int expected = expected_version;
        if (expected_version == 0) {
          w.sql() << "INSERT INTO case_documents (case_id, kind, assessed_by, assessed_on, "
                     "updated_by, updated_at, version) VALUES (:c, :k, :ab, :ao, :ub, :ua, :v)",
              soci::use(h.case_id), soci::use(h.kind), soci::use(h.assessed_by),
              soci::use(h.assessed_on), soci::use(h.updated_by), soci::use(at), soci::use(version);
          return {};
        }
        soci::statement st(w.sql());
        for (const std::string* s : {&h.assessed_by, &h.assessed_on, &h.updated_by}) {
          st.exchange(soci::use(*s));
        }
        st.exchange(soci::use(at));
        st.exchange(soci::use(version));
        st.exchange(soci::use(h.case_id));
        st.exchange(soci::use(h.kind));
        st.exchange(soci::use(expected));
        detail::prepareAndRun(st,
                              "UPDATE case_documents SET assessed_by = :p0, assessed_on = :p1, "
                              "updated_by = :p2, updated_at = :p3, version = :p4 WHERE case_id = "
                              ":p5 AND kind = :p6 AND version = :p7");
        if (st.get_affected_rows() != 1) {
          return staleVersion();
        }
        return {};
      });
}

domain::Result<std::optional<CaseDocumentHead>> findDocumentHead(soci::session& sql,
                                                                 const std::string& case_id,
                                                                 const std::string& kind) {
  return guarded("find case document", [&]() -> domain::Result<std::optional<CaseDocumentHead>> {
    CaseDocumentHead h{case_id, kind, "", "", "", 0, 0};
    long long at = 0;
    int version = 0;
    soci::statement st(sql);
    detail::intoEach(st, h.assessed_by, h.assessed_on, h.updated_by, at, version);
    st.exchange(soci::use(case_id));
    st.exchange(soci::use(kind));
    detail::prepareAndExecute(st,
                              "SELECT assessed_by, assessed_on, updated_by, updated_at, version "
                              "FROM case_documents WHERE case_id = :c AND kind = :k");
    if (!st.fetch()) {
      return std::optional<CaseDocumentHead>();
    }
    h.updated_at = at;
    h.version = version;
    return std::optional<CaseDocumentHead>(std::move(h));
  });
}

domain::Status replaceIndicators(WriteContext& w, const std::string& case_id,
                                 const std::vector<std::string>& codes) {
  return guarded("replace indicators", [&]() -> domain::Status {
    w.sql() << "DELETE FROM case_indicators WHERE case_id = :c", soci::use(case_id);
    for (const auto& code : codes) {
      w.sql() << "INSERT INTO case_indicators (case_id, code) VALUES (:c, :k)", soci::use(case_id),
          soci::use(code);
    }
    return {};
  });
}

domain::Result<std::vector<std::string>> listIndicators(soci::session& sql,
                                                        const std::string& case_id) {
  return guarded("list indicators", [&]() -> domain::Result<std::vector<std::string>> {
    std::string code;
    soci::statement st = (sql.prepare << "SELECT code FROM case_indicators WHERE case_id = :c "
                                         "ORDER BY code",
                          soci::into(code), soci::use(case_id));
    st.execute();
    return detail::collectRows(st, [&] { return code; });
  });
}

domain::Status setClientTraffickingStatus(WriteContext& w, const std::string& client_id,
                                          const std::string& status, const std::string& decided_by,
                                          const std::string& by) {
  return guarded("set client trafficking status", [&]() -> domain::Status {
    const long long at = w.now();
    w.sql() << "UPDATE clients SET trafficking_status = :s, status_decided_by = :d, updated_by = "
               ":b, updated_at = :at, version = version + 1 WHERE id = :id",
        soci::use(status), soci::use(decided_by), soci::use(by), soci::use(at),
        soci::use(client_id);
    return refreshClientCaseStats(w, client_id);
  });
}

domain::Status replaceNeeds(WriteContext& w, const std::string& case_id,
                            const std::vector<NeedRow>& rows) {
  return guarded("replace needs", [&]() -> domain::Status {
    w.sql() << "DELETE FROM case_need_domains WHERE case_id = :c", soci::use(case_id);
    for (const auto& r : rows) {
      const std::string note = detail::toHex(r.note_sealed);
      w.sql() << "INSERT INTO case_need_domains (case_id, domain, level, note_sealed) VALUES (:c, "
                 ":d, :l, :n)",
          soci::use(case_id), soci::use(r.domain), soci::use(r.level), soci::use(note);
    }
    return {};
  });
}

domain::Result<std::vector<NeedRow>> listNeeds(soci::session& sql, const std::string& case_id) {
  return guarded("list needs", [&]() -> domain::Result<std::vector<NeedRow>> {
    NeedRow r;
    std::string hex;
    soci::statement st(sql);
    detail::intoEach(st, r.domain, r.level, hex);
    st.exchange(soci::use(case_id));
    detail::prepareAndExecute(st,
                              "SELECT domain, level, note_sealed FROM case_need_domains WHERE "
                              "case_id = :c ORDER BY domain");
    return detail::collectCheckedRows(st, [&]() -> domain::Result<NeedRow> {
      auto note = unhex(hex, "case_need_domains.note_sealed");
      if (!note) {
        return tl::unexpected(note.error());
      }
      r.note_sealed = std::move(*note);
      return r;
    });
  });
}

domain::Status replaceGoals(WriteContext& w, const std::string& case_id,
                            const std::vector<GoalRow>& rows) {
  return guarded("replace goals", [&]() -> domain::Status {
    w.sql() << "DELETE FROM case_plan_goals WHERE case_id = :c", soci::use(case_id);
    int position = 0;
    for (const auto& r : rows) {
      const std::string goal = detail::toHex(r.goal_sealed);
      w.sql() << "INSERT INTO case_plan_goals (case_id, position, domain, goal_sealed, "
                 "target_date, owner, status) VALUES (:c, :p, :d, :g, :t, :o, :s)",
          soci::use(case_id), soci::use(position), soci::use(r.domain), soci::use(goal),
          soci::use(r.target_date), soci::use(r.owner), soci::use(r.status);
      ++position;
    }
    return {};
  });
}

domain::Result<std::vector<GoalRow>> listGoals(soci::session& sql, const std::string& case_id) {
  return guarded("list goals", [&]() -> domain::Result<std::vector<GoalRow>> {
    GoalRow r;
    std::string hex;
    soci::statement st(sql);
    detail::intoEach(st, r.domain, hex, r.target_date, r.owner, r.status);
    st.exchange(soci::use(case_id));
    detail::prepareAndExecute(st,
                              "SELECT domain, goal_sealed, target_date, owner, status FROM "
                              "case_plan_goals WHERE case_id = :c ORDER BY position");
    return detail::collectCheckedRows(st, [&]() -> domain::Result<GoalRow> {
      auto goal = unhex(hex, "case_plan_goals.goal_sealed");
      if (!goal) {
        return tl::unexpected(goal.error());
      }
      r.goal_sealed = std::move(*goal);
      return r;
    });
  });
}

domain::Status setPlanStatus(WriteContext& w, const std::string& case_id,
                             const std::string& plan_status) {
  return guarded("set plan status", [&]() -> domain::Status {
    const long long at = w.now();
    w.sql() << "UPDATE cases SET plan_status = :s, updated_at = :at WHERE id = :id",
        soci::use(plan_status), soci::use(at), soci::use(case_id);
    return {};
  });
}

domain::Status recordPlanSubmission(WriteContext& w, const std::string& case_id,
                                    const std::string& by) {
  return guarded("record plan submission", [&]() -> domain::Status {
    const long long at = w.now();
    w.sql() << "DELETE FROM case_plan_reviews WHERE case_id = :c", soci::use(case_id);
    w.sql() << "INSERT INTO case_plan_reviews (case_id, submitted_by, submitted_at) VALUES (:c, "
               ":b, :at)",
        soci::use(case_id), soci::use(by), soci::use(at);
    return {};
  });
}

domain::Status recordPlanDecision(WriteContext& w, const std::string& case_id,
                                  const std::string& by, const std::string& decision,
                                  const std::string& reason_sealed) {
  return guarded("record plan decision", [&]() -> domain::Status {
    const long long at = w.now();
    const std::string reason = detail::toHex(reason_sealed);
    w.sql() << "UPDATE case_plan_reviews SET decided_by = :b, decided_at = :at, decision = :d, "
               "reason_sealed = :r WHERE case_id = :c",
        soci::use(by), soci::use(at), soci::use(decision), soci::use(reason), soci::use(case_id);
    return {};
  });
}

domain::Result<std::optional<PlanReview>> findPlanReview(soci::session& sql,
                                                         const std::string& case_id) {
  return guarded("find plan review", [&]() -> domain::Result<std::optional<PlanReview>> {
    PlanReview r;
    long long submitted_at = 0, decided_at = 0;
    std::string hex;
    soci::statement st(sql);
    detail::intoEach(st, r.submitted_by, submitted_at, r.decided_by, decided_at, r.decision, hex);
    st.exchange(soci::use(case_id));
    detail::prepareAndExecute(st,
                              "SELECT submitted_by, submitted_at, decided_by, decided_at, "
                              "decision, reason_sealed FROM case_plan_reviews WHERE case_id = :c");
    return detail::fetchCheckedRow(st, [&]() -> domain::Result<PlanReview> {
      auto reason = unhex(hex, "case_plan_reviews.reason_sealed");
      if (!reason) {
        return tl::unexpected(reason.error());
      }
      r.submitted_at = submitted_at;
      r.decided_at = decided_at;
      r.reason_sealed = std::move(*reason);
      return r;
    });
  });
}

domain::Result<std::vector<PendingApprovalRow>> listPendingApprovals(soci::session& sql,
                                                                     const std::string& org_id,
                                                                     bool plans, bool closures,
                                                                     std::int32_t limit) {
  return guarded(
      "list pending approvals", [&]() -> domain::Result<std::vector<PendingApprovalRow>> {
        std::vector<std::string> parts;
        if (plans) {
          parts.emplace_back(
              "SELECT c.id, c.case_code, k.client_code, c.status, c.assigned_to, 'plan', "
              "r.submitted_by, r.submitted_at FROM cases c JOIN clients k ON k.id = c.client_id "
              "JOIN case_plan_reviews r ON r.case_id = c.id WHERE c.org_id = :o AND c.plan_status "
              "= "
              "'submitted'");
        }
        if (closures) {
          parts.emplace_back(
              "SELECT c.id, c.case_code, k.client_code, c.status, c.assigned_to, 'closure', "
              "c.closure_requested_by, c.closure_requested_at FROM cases c JOIN clients k ON k.id "
              "= "
              "c.client_id WHERE c.org_id = :o AND c.closure_requested_by <> '' AND "
              "c.closure_approved_by = ''");
        }
        std::vector<PendingApprovalRow> out;
        for (const auto& query : parts) {
          PendingApprovalRow r;
          long long at = 0;
          const long long most = limit;
          soci::statement st(sql);
          detail::intoEach(st, r.case_id, r.case_code, r.client_code, r.status, r.assigned_to,
                           r.kind, r.requested_by, at);
          st.exchange(soci::use(org_id));
          st.exchange(soci::use(most));
          detail::prepareAndExecute(st, query + " ORDER BY 8, 1 LIMIT :lim");
          auto rows = detail::collectRows(st, [&] {
            r.requested_at = at;
            return r;
          });
          out.insert(out.end(), rows.begin(), rows.end());
        }
        std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
          return a.requested_at < b.requested_at;
        });
        if (out.size() > static_cast<std::size_t>(limit)) {
          out.resize(static_cast<std::size_t>(limit));
        }
        return out;
      });
}

}  // namespace strada::store
