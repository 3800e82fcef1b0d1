#include "store/case_proceeding_repository.h"

#include <soci/soci.h>

#include <map>
#include <sstream>

#include "store/case_stats_facts.h"
#include "store/guarded.h"
#include "store/sql_errors.h"
#include "store/statements.h"

namespace strada::store {
namespace {

using detail::guarded;
using domain::ErrorCode;

// Sealed bytes read back from their hex column `column`.
domain::Result<std::string> sealedFrom(const std::string& hex, std::string_view column) {
  auto bytes = detail::fromHex(hex);
  if (!bytes) {
    return domain::internalError(std::string(column) + " is not hex");
  }
  return bytes;
}

std::string joinCodes(const std::vector<std::string>& codes) {
  std::string out;
  for (const auto& code : codes) {
    out += (out.empty() ? "" : " ") + code;
  }
  return out;
}

std::vector<std::string> splitCodes(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream words(text);
  for (std::string code; words >> code;) {
    out.push_back(code);
  }
  return out;
}

void insertHearings(WriteContext& w, const ProceedingRow& p) {
  int position = 0;
  for (const auto& h : p.hearings) {
    detail::insertRow(
        w.sql(), "case_hearings", "proceeding_id, position, held_on, kind, support, note_sealed",
        p.id, position, h.held_on, h.kind, joinCodes(h.support), detail::toHex(h.note_sealed));
    ++position;
  }
}

// The hearings of the case's proceedings by proceeding id, in order.
domain::Result<std::map<std::string, std::vector<HearingRow>>> hearingsOfCase(
    soci::session& sql, const std::string& case_id) {
  std::map<std::string, std::vector<HearingRow>> out;
  std::string proceeding_id, support, hex;
  HearingRow h;
  soci::statement st(sql);
  detail::intoEach(st, proceeding_id, h.held_on, h.kind, support, hex);
  st.exchange(soci::use(case_id));
  detail::prepareAndExecute(st,
                            "SELECT h.proceeding_id, h.held_on, h.kind, h.support, h.note_sealed "
                            "FROM case_hearings h JOIN case_proceedings p ON p.id = "
                            "h.proceeding_id WHERE p.case_id = :c ORDER BY h.proceeding_id, "
                            "h.position");
  while (st.fetch()) {
    auto note = sealedFrom(hex, "case_hearings.note_sealed");
    if (!note) {
      return tl::unexpected(note.error());
    }
    out[proceeding_id].push_back({h.held_on, h.kind, splitCodes(support), std::move(*note)});
  }
  return out;
}

}  // namespace

domain::Status insertProceeding(WriteContext& w, const ProceedingRow& p) {
  return guarded("insert proceeding", [&]() -> domain::Status {
    detail::insertRow(w.sql(), "case_proceedings",
                      "id, case_id, kind, role, status, court_agency_id, court_sealed, "
                      "reference_sealed, claimed_amount, claimed_currency, awarded_amount, "
                      "awarded_currency, outcome, version, created_by, created_at, updated_by, "
                      "updated_at",
                      p.id, p.case_id, p.kind, p.role, p.status, p.court_agency_id,
                      detail::toHex(p.court_sealed), detail::toHex(p.reference_sealed),
                      p.claimed_amount, p.claimed_currency, p.awarded_amount, p.awarded_currency,
                      p.outcome, p.version, p.created_by, p.created_at, p.updated_by, p.updated_at);
    insertHearings(w, p);
    return refreshCaseStats(w, p.case_id);  // "cases in proceedings"
  });
}

domain::Status updateProceeding(WriteContext& w, const ProceedingRow& p, std::int64_t expected) {
  return guarded("update proceeding", [&]() -> domain::Status {
    long long n = 0;
    w.sql() << "SELECT COUNT(*) FROM case_proceedings WHERE id = :id AND case_id = :c",
        soci::into(n), soci::use(p.id), soci::use(p.case_id);
    if (n == 0) {
      return domain::fail(ErrorCode::kNotFound, "No such record.");
    }
    const std::string court = detail::toHex(p.court_sealed);
    const std::string reference = detail::toHex(p.reference_sealed);
    const long long claimed = p.claimed_amount, awarded = p.awarded_amount, at = p.updated_at,
                    from = expected;
    soci::statement st(w.sql());
    detail::useEach(st, p.kind, p.role, p.status, p.court_agency_id, court, reference, claimed,
                    p.claimed_currency, awarded, p.awarded_currency, p.outcome, p.updated_by, at,
                    p.id, from);
    auto changed = detail::runOnOneRow(
        st,
        "UPDATE case_proceedings SET kind = :k, role = :r, status = :s, court_agency_id = :a, "
        "court_sealed = :cs, reference_sealed = :rs, claimed_amount = :ca, claimed_currency = "
        ":cc, awarded_amount = :aa, awarded_currency = :ac, outcome = :o, updated_by = :b, "
        "updated_at = :at, version = version + 1 WHERE id = :id AND version = :v",
        {ErrorCode::kConflict,
         "Someone changed this proceeding since you opened it: reload it and try again.",
         "version"});
    if (!changed) {
      return changed;
    }
    w.sql() << "DELETE FROM case_hearings WHERE proceeding_id = :p", soci::use(p.id);
    insertHearings(w, p);
    return refreshCaseStats(w, p.case_id);  // a concluded proceeding leaves the count
  });
}

domain::Result<std::vector<ProceedingRow>> listProceedings(soci::session& sql,
                                                           const std::string& case_id) {
  return guarded("list proceedings", [&]() -> domain::Result<std::vector<ProceedingRow>> {
    auto hearings = hearingsOfCase(sql, case_id);
    if (!hearings) {
      return tl::unexpected(hearings.error());
    }
    ProceedingRow r;
    std::string court, reference;
    long long claimed = 0, awarded = 0, version = 0, created_at = 0, updated_at = 0;
    soci::statement st(sql);
    detail::intoEach(st, r.id, r.case_id, r.kind, r.role, r.status, r.court_agency_id, court,
                     reference, claimed, r.claimed_currency, awarded, r.awarded_currency, r.outcome,
                     version, r.created_by, created_at, r.updated_by, updated_at);
    st.exchange(soci::use(case_id));
    detail::prepareAndExecute(
        st,
        "SELECT id, case_id, kind, role, status, court_agency_id, court_sealed, reference_sealed, "
        "claimed_amount, claimed_currency, awarded_amount, awarded_currency, outcome, version, "
        "created_by, created_at, updated_by, updated_at FROM case_proceedings WHERE case_id = :c "
        "ORDER BY created_at, id");
    return detail::collectCheckedRows(st, [&]() -> domain::Result<ProceedingRow> {
      auto court_bytes = sealedFrom(court, "case_proceedings.court_sealed");
      auto reference_bytes = sealedFrom(reference, "case_proceedings.reference_sealed");
      if (!court_bytes || !reference_bytes) {
        return tl::unexpected(!court_bytes ? court_bytes.error() : reference_bytes.error());
      }
      ProceedingRow out = r;
      out.court_sealed = std::move(*court_bytes);
      out.reference_sealed = std::move(*reference_bytes);
      out.claimed_amount = claimed;
      out.awarded_amount = awarded;
      out.version = version;
      out.created_at = created_at;
      out.updated_at = updated_at;
      if (auto found = hearings->find(r.id); found != hearings->end()) {
        out.hearings = std::move(found->second);
      }
      return out;
    });
  });
}

domain::Status insertFollowUp(WriteContext& w, const FollowUpRow& f) {
  return guarded("insert follow-up", [&]() -> domain::Status {
    detail::insertRow(w.sql(), "case_follow_ups",
                      "id, case_id, kind, followed_on, note_sealed, recorded_by, recorded_at", f.id,
                      f.case_id, f.kind, f.followed_on, detail::toHex(f.note_sealed), f.recorded_by,
                      f.recorded_at);
    for (const auto& o : f.outcomes) {
      detail::insertRow(w.sql(), "case_inclusion_outcomes", "follow_up_id, case_id, domain, status",
                        f.id, f.case_id, o.domain, o.status);
    }
    return refreshCaseStats(w, f.case_id);  // "social inclusion achieved"
  });
}

domain::Result<std::vector<FollowUpRow>> listFollowUps(soci::session& sql,
                                                       const std::string& case_id) {
  return guarded("list follow-ups", [&]() -> domain::Result<std::vector<FollowUpRow>> {
    std::map<std::string, std::vector<InclusionOutcomeRow>> outcomes;
    {
      std::string follow_up_id;
      InclusionOutcomeRow o;
      soci::statement st(sql);
      detail::intoEach(st, follow_up_id, o.domain, o.status);
      st.exchange(soci::use(case_id));
      detail::prepareAndExecute(st,
                                "SELECT follow_up_id, domain, status FROM case_inclusion_outcomes "
                                "WHERE case_id = :c ORDER BY follow_up_id, domain");
      while (st.fetch()) {
        outcomes[follow_up_id].push_back(o);
      }
    }
    FollowUpRow r;
    std::string hex;
    long long recorded_at = 0;
    soci::statement st(sql);
    detail::intoEach(st, r.id, r.case_id, r.kind, r.followed_on, hex, r.recorded_by, recorded_at);
    st.exchange(soci::use(case_id));
    detail::prepareAndExecute(st,
                              "SELECT id, case_id, kind, followed_on, note_sealed, recorded_by, "
                              "recorded_at FROM case_follow_ups WHERE case_id = :c ORDER BY "
                              "followed_on DESC, recorded_at DESC, id");
    std::vector<FollowUpRow> rows;
    while (st.fetch()) {
      FollowUpRow& out = rows.emplace_back(r);
      out.recorded_at = recorded_at;
      out.outcomes = std::move(outcomes[r.id]);
      out.note_sealed = hex;  // hex until every row is read
    }
    for (FollowUpRow& row : rows) {
      auto note = sealedFrom(row.note_sealed, "case_follow_ups.note_sealed");
      if (!note) {
        return tl::unexpected(note.error());
      }
      row.note_sealed = std::move(*note);
    }
    return rows;
  });
}

}  // namespace strada::store
