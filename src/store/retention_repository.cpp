#include "store/retention_repository.h"

#include <soci/soci.h>

#include <algorithm>

#include "store/guarded.h"
#include "store/statements.h"

namespace strada::store {

using detail::guarded;

namespace {

// The contacts of :o started before :c.
constexpr const char* kContactsPast =
    "(SELECT id FROM contacts WHERE org_id = :o AND started_at < :c)";
// Still holding something that names or finds a person.
constexpr const char* kContactIdentifying =
    " AND (summary_sealed <> '' OR caller_sealed <> '' OR region_sealed <> '' OR caller_hash <> "
    "'')";
// The organisation's cases closed (approved) before :c.
constexpr const char* kClosedCasesPast =
    "FROM cases k JOIN clients p ON p.id = k.client_id WHERE k.org_id = :o AND k.status = "
    "'closed' AND k.closure_approved_at > 0 AND k.closure_approved_at < :c AND p.erased_at = 0";
constexpr const char* kNotesPast =
    "FROM case_notes WHERE case_id IN (SELECT id FROM cases WHERE org_id = :o) AND created_at < "
    ":c";
constexpr const char* kDocumentsPast =
    "FROM case_attachments WHERE case_id IN (SELECT id FROM cases WHERE org_id = :o) AND "
    "uploaded_at < :c";

// Runs `query` (its parameters :o and :c, each once) and answers the rows it changed.
std::int64_t run(soci::session& sql, const std::string& query, const std::string& org_id,
                 std::int64_t cutoff) {
  const long long c = cutoff;
  soci::statement st(sql);
  detail::useEach(st, org_id, c);
  detail::prepareAndRun(st, query);
  return st.get_affected_rows();
}

std::int64_t count(soci::session& sql, const std::string& query, const std::string& org_id,
                   std::int64_t cutoff) {
  const long long c = cutoff;
  long long n = 0;
  sql << query, soci::into(n), soci::use(org_id, "o"), soci::use(c, "c");
  return n;
}

}  // namespace

domain::Result<std::vector<domain::RetentionRule>> retentionRules(soci::session& sql,
                                                                  const std::string& org_id) {
  return guarded("read retention rules",
                 [&]() -> domain::Result<std::vector<domain::RetentionRule>> {
                   domain::RetentionRule rule;
                   int keep_days = 0;
                   long long updated_at = 0;
                   soci::statement st =
                       (sql.prepare << "SELECT kind, keep_days, action, updated_at, updated_by "
                                       "FROM retention_rules WHERE org_id = :o",
                        soci::into(rule.kind), soci::into(keep_days), soci::into(rule.action),
                        soci::into(updated_at), soci::into(rule.updated_by), soci::use(org_id));
                   st.execute();
                   std::vector<domain::RetentionRule> out;
                   while (st.fetch()) {
                     rule.keep_days = keep_days;
                     rule.updated_at = updated_at;
                     out.push_back(rule);
                   }
                   const auto kinds = domain::retentionKinds();
                   const auto rank = [&](const domain::RetentionRule& r) {
                     return std::find(kinds.begin(), kinds.end(), r.kind) - kinds.begin();
                   };
                   std::sort(out.begin(), out.end(),
                             [&](const auto& a, const auto& b) { return rank(a) < rank(b); });
                   return out;
                 });
}

domain::Status replaceRetentionRules(WriteContext& w, const std::string& org_id,
                                     const std::vector<domain::RetentionRule>& rules,
                                     const std::string& by) {
  return guarded("save retention rules", [&]() -> domain::Status {
    w.sql() << "DELETE FROM retention_rules WHERE org_id = :o", soci::use(org_id);
    const std::int64_t now = w.now();
    for (const auto& rule : rules) {
      detail::insertRow(w.sql(), "retention_rules",
                        "org_id, kind, keep_days, action, updated_at, updated_by", org_id,
                        rule.kind, rule.keep_days, rule.action, now, by);
    }
    return {};
  });
}

domain::Result<std::vector<RetentionOrganisation>> retentionOrganisations(soci::session& sql,
                                                                          const std::string& code) {
  return guarded("read organisations", [&]() -> domain::Result<std::vector<RetentionOrganisation>> {
    RetentionOrganisation org;
    soci::statement st = (sql.prepare << "SELECT id, code FROM organisations "
                                         "ORDER BY code",
                          soci::into(org.id), soci::into(org.code));
    st.execute();
    std::vector<RetentionOrganisation> out;
    while (st.fetch()) {
      if (code.empty() || org.code == code) {
        out.push_back(org);
      }
    }
    return out;
  });
}

domain::Result<std::int64_t> countPastRetention(soci::session& sql, const std::string& org_id,
                                                const domain::RetentionRule& rule,
                                                std::int64_t cutoff) {
  return guarded("count records past retention", [&]() -> domain::Result<std::int64_t> {
    if (rule.kind == domain::kRetentionContacts) {
      std::string query = "SELECT COUNT(*) FROM contacts WHERE org_id = :o AND started_at < :c";
      if (rule.action == domain::kRetentionDeidentify) {
        query += kContactIdentifying;
      }
      return count(sql, query, org_id, cutoff);
    }
    if (rule.kind == domain::kRetentionClosedCases) {
      return count(sql, std::string("SELECT COUNT(*) ") + kClosedCasesPast, org_id, cutoff);
    }
    if (rule.kind == domain::kRetentionCaseNotes) {
      return count(sql, std::string("SELECT COUNT(*) ") + kNotesPast, org_id, cutoff);
    }
    if (rule.kind == domain::kRetentionCaseDocuments) {
      return count(sql, std::string("SELECT COUNT(*) ") + kDocumentsPast, org_id, cutoff);
    }
    return std::int64_t{0};
  });
}

domain::Result<std::vector<RetentionCount>> retentionPreview(soci::session& sql,
                                                             const std::string& org_id,
                                                             std::int64_t now) {
  auto rules = retentionRules(sql, org_id);
  if (!rules) {
    return tl::unexpected(rules.error());
  }
  std::vector<RetentionCount> out;
  for (auto& rule : *rules) {
    auto due = countPastRetention(sql, org_id, rule, domain::retentionCutoff(rule, now));
    if (!due) {
      return tl::unexpected(due.error());
    }
    out.push_back(RetentionCount{std::move(rule), *due});
  }
  return out;
}

domain::Result<std::vector<std::string>> closedCaseClientsPast(soci::session& sql,
                                                               const std::string& org_id,
                                                               std::int64_t cutoff) {
  return guarded(
      "read closed cases past retention", [&]() -> domain::Result<std::vector<std::string>> {
        const long long c = cutoff;
        std::string id;
        soci::statement st = (sql.prepare << std::string("SELECT k.client_id ") + kClosedCasesPast,
                              soci::into(id), soci::use(org_id, "o"), soci::use(c, "c"));
        st.execute();
        std::vector<std::string> out;
        while (st.fetch()) {
          out.push_back(id);
        }
        return out;
      });
}

domain::Result<std::int64_t> purgeContacts(WriteContext& w, const std::string& org_id,
                                           std::int64_t cutoff, bool deidentify) {
  return guarded("purge contacts", [&]() -> domain::Result<std::int64_t> {
    soci::session& sql = w.sql();
    const std::string past = kContactsPast;
    run(sql, "DELETE FROM safety_plans WHERE contact_id IN " + past, org_id, cutoff);
    if (deidentify) {
      run(sql, "UPDATE telephony_calls SET caller_hash = '' WHERE contact_id IN " + past, org_id,
          cutoff);
      return run(sql,
                 std::string("UPDATE contacts SET summary_sealed = '', caller_sealed = '', "
                             "region_sealed = '', caller_hash = '' WHERE org_id = :o AND "
                             "started_at < :c") +
                     kContactIdentifying,
                 org_id, cutoff);
    }
    run(sql, "DELETE FROM contact_codes WHERE contact_id IN " + past, org_id, cutoff);
    run(sql, "DELETE FROM contact_referrals WHERE contact_id IN " + past, org_id, cutoff);
    run(sql, "DELETE FROM case_contacts WHERE contact_id IN " + past, org_id, cutoff);
    run(sql,
        "UPDATE telephony_calls SET contact_id = '', caller_hash = '' WHERE contact_id IN " + past,
        org_id, cutoff);
    return run(sql, "DELETE FROM contacts WHERE org_id = :o AND started_at < :c", org_id, cutoff);
  });
}

domain::Result<std::int64_t> deleteCaseNotesPast(WriteContext& w, const std::string& org_id,
                                                 std::int64_t cutoff) {
  return guarded("delete case notes", [&]() -> domain::Result<std::int64_t> {
    return run(w.sql(), std::string("DELETE ") + kNotesPast, org_id, cutoff);
  });
}

domain::Result<std::int64_t> deleteCaseDocumentsPast(WriteContext& w, const std::string& org_id,
                                                     std::int64_t cutoff) {
  return guarded("delete case documents", [&]() -> domain::Result<std::int64_t> {
    run(w.sql(),
        std::string("DELETE FROM case_attachment_contents WHERE attachment_id IN (SELECT id ") +
            kDocumentsPast + ")",
        org_id, cutoff);
    return run(w.sql(), std::string("DELETE ") + kDocumentsPast, org_id, cutoff);
  });
}

}  // namespace strada::store
