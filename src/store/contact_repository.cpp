#include "store/contact_repository.h"

#include <soci/soci.h>

#include <algorithm>
#include <map>

#include "store/contact_columns.h"
#include "store/contact_inserts.h"
#include "store/contact_queries.h"
#include "store/contact_stats.h"
#include "store/guarded.h"

namespace strada::store {

using detail::changeOneRow;
using detail::collectRows;
using detail::ContactColumns;
using detail::contactInsertSql;
using detail::contactUpdateSql;
using detail::ContactValues;
using detail::guarded;
using detail::guardedWrite;
using detail::insertMultiValues;
using detail::intoEach;
using detail::kContactSelect;
using detail::loadMultiValues;
using detail::prepareAndExecute;
using detail::prepareAndRun;
using detail::queryContacts;
using domain::ErrorCode;

namespace {

constexpr std::int32_t kMaxListLimit = 1000;
// The draft rule in SQL (policy::draftsVisibleOnlyOf), binding :draft and :author.
constexpr const char* kDraftsOnlyOf = " AND (status <> :draft OR created_by = :author)";
constexpr detail::VersionedTable kContacts = {
    "contacts", "No such contact.",
    "Someone else changed this contact. Reload it and apply your change again."};
constexpr detail::VersionedTable kSafetyPlans = {
    "safety_plans", "No such safety plan.",
    "Someone else changed this safety plan. Reload it and apply your change again."};

}  // namespace

domain::Status insertContact(WriteContext& w, const ContactRow& row, bool count_in_stats) {
  const domain::Contact& c = row.contact;
  return guardedWrite(
      "insert contact", "contacts", {{"", "A contact with this id already exists.", "id"}},
      [&]() -> domain::Status {
        detail::insertContactRows(w, row);  // prepared once per writer connection
        // The statistics rollup changes in the same transaction
        // (store/contact_stats.h).
        return count_in_stats ? adjustContactStats(w, nullptr, &c) : domain::Status{};
      });
}

domain::Status updateContact(WriteContext& w, const ContactRow& row,
                             std::int32_t expected_version) {
  const domain::Contact& c = row.contact;
  return guarded("update contact", [&]() -> domain::Status {
    ContactValues v(row);
    const int expected = expected_version;
    // The contact as the statistics counted it, before this change (store/contact_stats.h).
    auto counted = findCountedContact(w.sql(), c.org_id, c.id);
    if (!counted) {
      return tl::unexpected(counted.error());
    }
    soci::statement st(w.sql());
    v.bindWritten(st, row);
    st.exchange(soci::use(c.id, "id"));
    st.exchange(soci::use(c.org_id, "org_id"));
    st.exchange(soci::use(expected, "expected"));
    prepareAndRun(st, contactUpdateSql());
    if (st.get_affected_rows() == 0) {
      return detail::explainUnchangedRow(w.sql(), kContacts, c.id, c.org_id);
    }
    w.sql() << "DELETE FROM contact_codes WHERE contact_id = :id", soci::use(c.id);
    w.sql() << "DELETE FROM contact_referrals WHERE contact_id = :id", soci::use(c.id);
    insertMultiValues(w.sql(), c);
    return adjustContactStats(w, counted->has_value() ? &**counted : nullptr, &c);
  });
}

domain::Status deleteDraftContact(WriteContext& w, const std::string& org_id,
                                  const std::string& id) {
  return guarded("delete draft contact", [&]() -> domain::Status {
    std::string status;
    soci::indicator ind = soci::i_null;
    w.sql() << "SELECT status FROM contacts WHERE id = :id AND org_id = :org_id",
        soci::into(status, ind), soci::use(id), soci::use(org_id);
    if (!w.sql().got_data()) {
      return domain::fail(ErrorCode::kNotFound, "No such contact.");
    }
    if (status != domain::kStatusDraft) {
      return domain::fail(ErrorCode::kConflict,
                          "A finished contact is kept. Correct it instead of discarding it.",
                          "status");
    }
    w.sql() << "DELETE FROM safety_plans WHERE org_id = :org_id AND contact_id = :id",
        soci::use(org_id), soci::use(id);
    w.sql() << "DELETE FROM contact_codes WHERE contact_id = :id", soci::use(id);
    w.sql() << "DELETE FROM contact_referrals WHERE contact_id = :id", soci::use(id);
    w.sql() << "DELETE FROM contacts WHERE id = :id AND org_id = :org_id AND status = 'draft'",
        soci::use(id), soci::use(org_id);
    return {};
  });
}

domain::Result<std::optional<ContactRow>> findContact(soci::session& sql, const std::string& id) {
  return guarded("find contact", [&]() -> domain::Result<std::optional<ContactRow>> {
    ContactColumns cols;
    std::string summary_hex, caller_hex, region_hex;
    soci::statement st(sql);
    cols.bindInto(st);
    intoEach(st, summary_hex, caller_hex, region_hex);
    st.exchange(soci::use(id, "id"));
    prepareAndExecute(st, std::string(kContactSelect) +
                              ", summary_sealed, caller_sealed, region_sealed FROM contacts "
                              "WHERE id = :id");
    if (!st.fetch()) {
      return std::nullopt;
    }
    std::vector<ContactRow> rows;
    rows.push_back(cols.toRow());
    loadMultiValues(sql, rows);
    ContactRow row = std::move(rows.front());
    auto summary = detail::fromHex(summary_hex);
    auto caller = detail::fromHex(caller_hex);
    auto region = detail::fromHex(region_hex);
    if (!summary || !caller || !region) {
      return domain::internalError("contacts sealed column is not hex");
    }
    row.summary_sealed = std::move(*summary);
    row.caller_sealed = std::move(*caller);
    row.region_sealed = std::move(*region);
    return std::optional<ContactRow>(std::move(row));
  });
}

domain::Result<std::int64_t> countContacts(soci::session& sql, const std::string& org_id) {
  return guarded("count contacts", [&]() -> domain::Result<std::int64_t> {
    long long n = 0;
    sql << "SELECT COUNT(*) FROM contacts WHERE org_id = :org_id", soci::into(n), soci::use(org_id);
    return static_cast<std::int64_t>(n);
  });
}

domain::Result<std::vector<ContactRow>> listDrafts(soci::session& sql, const std::string& org_id,
                                                   const std::string& user_id, std::int32_t limit) {
  return guarded("list drafts", [&]() -> domain::Result<std::vector<ContactRow>> {
    const int lim = std::clamp<std::int32_t>(limit, 1, kMaxListLimit);
    const std::string draft = std::string(domain::kStatusDraft);
    return queryContacts(sql,
                         "WHERE org_id = :org_id AND status = :status AND created_by = :user_id "
                         "ORDER BY created_at DESC, id DESC LIMIT :lim",
                         soci::use(org_id, "org_id"), soci::use(draft, "status"),
                         soci::use(user_id, "user_id"), soci::use(lim, "lim"));
  });
}

// --- repeat callers ---

domain::Result<std::vector<ContactRow>> findContactsByCaller(
    soci::session& sql, const std::string& org_id, const std::string& caller_hash,
    std::int32_t limit, const std::optional<std::string>& drafts_only_of) {
  if (caller_hash.empty()) {
    return std::vector<ContactRow>{};
  }
  return guarded("find contacts by caller", [&]() -> domain::Result<std::vector<ContactRow>> {
    const int lim = std::clamp<std::int32_t>(limit, 1, kMaxListLimit);
    const std::string draft = std::string(domain::kStatusDraft);
    const std::string author = drafts_only_of.value_or("");
    const std::string where = "WHERE org_id = :org_id AND caller_hash = :caller_hash";
    const std::string order = " ORDER BY started_at DESC, id DESC LIMIT :lim";
    if (drafts_only_of) {
      return queryContacts(sql, where + kDraftsOnlyOf + order, soci::use(org_id, "org_id"),
                           soci::use(caller_hash, "caller_hash"), soci::use(draft, "draft"),
                           soci::use(author, "author"), soci::use(lim, "lim"));
    }
    return queryContacts(sql, where + order, soci::use(org_id, "org_id"),
                         soci::use(caller_hash, "caller_hash"), soci::use(lim, "lim"));
  });
}

domain::Result<std::int64_t> countContactsByCaller(soci::session& sql, const std::string& org_id,
                                                   const std::string& caller_hash,
                                                   const std::optional<std::string>& drafts_only_of,
                                                   const std::optional<ContactCursor>& before) {
  if (caller_hash.empty()) {
    return 0;
  }
  return guarded("count contacts by caller", [&]() -> domain::Result<std::int64_t> {
    long long n = 0;
    const long long before_at = before ? before->started_at : 0;
    const std::string before_id = before ? before->id : std::string();
    soci::statement st(sql);
    st.exchange(soci::into(n));
    st.exchange(soci::use(org_id, "org_id"));
    st.exchange(soci::use(caller_hash, "caller_hash"));
    std::string text =
        "SELECT COUNT(*) FROM contacts WHERE org_id = :org_id AND caller_hash = :caller_hash";
    const std::string draft = std::string(domain::kStatusDraft);
    const std::string author = drafts_only_of.value_or("");
    if (drafts_only_of) {
      text += kDraftsOnlyOf;
      st.exchange(soci::use(draft, "draft"));
      st.exchange(soci::use(author, "author"));
    }
    if (before) {
      text += " AND (started_at < :at1 OR (started_at = :at2 AND id < :before_id))";
      st.exchange(soci::use(before_at, "at1"));
      st.exchange(soci::use(before_at, "at2"));
      st.exchange(soci::use(before_id, "before_id"));
    }
    prepareAndRun(st, text);  // one row, fetched at once
    return static_cast<std::int64_t>(n);
  });
}

domain::Status upsertCallerFlag(WriteContext& w, const CallerFlag& f) {
  return guarded("upsert caller flag", [&]() -> domain::Status {
    const long long expires_at = f.expires_at;
    const long long created_at = f.created_at;
    w.sql() << "INSERT INTO caller_flags (org_id, caller_hash, flag, expires_at, created_by, "
               "created_at) VALUES (:org_id, :caller_hash, :flag, :expires_at, :created_by, "
               ":created_at) ON CONFLICT (org_id, caller_hash, flag) DO UPDATE SET "
               "expires_at = excluded.expires_at, created_by = excluded.created_by, "
               "created_at = excluded.created_at",
        soci::use(f.org_id), soci::use(f.caller_hash), soci::use(f.flag), soci::use(expires_at),
        soci::use(f.created_by), soci::use(created_at);
    return {};
  });
}

domain::Status deleteCallerFlag(WriteContext& w, const std::string& org_id,
                                const std::string& caller_hash, const std::string& flag) {
  return guarded("delete caller flag", [&]() -> domain::Status {
    soci::statement st = (w.sql().prepare << "DELETE FROM caller_flags WHERE org_id = :org_id "
                                             "AND caller_hash = :caller_hash AND flag = :flag",
                          soci::use(org_id), soci::use(caller_hash), soci::use(flag));
    return changeOneRow(st, "This caller has no such flag.", "flag");
  });
}

domain::Result<std::vector<CallerFlag>> listActiveCallerFlags(soci::session& sql,
                                                              const std::string& org_id,
                                                              const std::string& caller_hash,
                                                              domain::UnixMillis now) {
  return guarded("list caller flags", [&]() -> domain::Result<std::vector<CallerFlag>> {
    CallerFlag f;
    long long expires_at = 0;
    long long created_at = 0;
    const long long at = now;
    soci::statement st =
        (sql.prepare << "SELECT org_id, caller_hash, flag, expires_at, created_by, created_at "
                        "FROM caller_flags WHERE org_id = :org_id AND caller_hash = :caller_hash "
                        "AND expires_at > :now ORDER BY flag",
         soci::into(f.org_id), soci::into(f.caller_hash), soci::into(f.flag),
         soci::into(expires_at), soci::into(f.created_by), soci::into(created_at),
         soci::use(org_id), soci::use(caller_hash), soci::use(at));
    st.execute();
    return collectRows(st, [&] {
      f.expires_at = expires_at;
      f.created_at = created_at;
      return f;
    });
  });
}

domain::Result<std::vector<FlaggedCaller>> listFlaggedCallers(soci::session& sql,
                                                              const FlaggedCallerQuery& q) {
  return guarded("list flagged callers", [&]() -> domain::Result<std::vector<FlaggedCaller>> {
    const int lim = std::clamp<std::int32_t>(q.limit, 1, kMaxListLimit);
    const long long now = q.now;
    FlaggedCaller row;
    long long expires_at = 0;
    long long created_at = 0;
    long long count = 0;
    std::string latest_id;
    long long latest_at = 0;
    soci::indicator latest_id_ind = soci::i_null;
    soci::indicator latest_at_ind = soci::i_null;
    soci::statement st(sql);
    intoEach(st, row.flag.caller_hash, row.flag.flag, expires_at, row.flag.created_by, created_at,
             count);
    st.exchange(soci::into(latest_id, latest_id_ind));
    st.exchange(soci::into(latest_at, latest_at_ind));
    st.exchange(soci::use(q.org_id, "org_id"));
    st.exchange(soci::use(now, "now"));
    std::string page =
        "SELECT org_id, caller_hash, flag, expires_at, created_by, created_at FROM caller_flags "
        "WHERE org_id = :org_id AND expires_at > :now";
    const long long after_at = q.after ? q.after->created_at : 0;
    if (q.after) {
      // The prefix length is ours (at most 64), never the client's text.
      const std::string len = std::to_string(q.after->caller_hash_prefix.size());
      page += " AND (created_at < :at1 OR (created_at = :at2 AND (substr(caller_hash, 1, " + len +
              ") < :prefix1 OR (substr(caller_hash, 1, " + len +
              ") = :prefix2 AND flag < :after_flag))))";
      st.exchange(soci::use(after_at, "at1"));
      st.exchange(soci::use(after_at, "at2"));
      st.exchange(soci::use(q.after->caller_hash_prefix, "prefix1"));
      st.exchange(soci::use(q.after->caller_hash_prefix, "prefix2"));
      st.exchange(soci::use(q.after->flag, "after_flag"));
    }
    page += " ORDER BY created_at DESC, caller_hash DESC, flag DESC LIMIT :lim";
    st.exchange(soci::use(lim, "lim"));
    // The page is cut first, so the contacts index is read only for its rows: a subquery in the
    // select list of the flags query itself would run for every active flag before the sort
    // (SQLite computes result columns before its sorter).
    const std::string by_caller =
        " FROM contacts c WHERE c.org_id = p.org_id AND c.caller_hash = p.caller_hash";
    const std::string latest = by_caller + " ORDER BY c.started_at DESC, c.id DESC LIMIT 1";
    prepareAndExecute(st,
                      "SELECT p.caller_hash, p.flag, p.expires_at, p.created_by, p.created_at, "
                      "(SELECT COUNT(*)" +
                          by_caller + "), (SELECT c.id" + latest + "), (SELECT c.started_at" +
                          latest + ") FROM (" + page +
                          ") p ORDER BY p.created_at DESC, p.caller_hash DESC, p.flag DESC");
    std::vector<FlaggedCaller> out;
    while (st.fetch()) {
      FlaggedCaller r;
      r.flag = row.flag;
      r.flag.org_id = q.org_id;
      r.flag.expires_at = expires_at;
      r.flag.created_at = created_at;
      r.contact_count = static_cast<std::int64_t>(count);
      if (latest_id_ind == soci::i_ok && latest_at_ind == soci::i_ok) {
        r.latest_contact = ContactCursor{latest_at, latest_id};
      }
      out.push_back(std::move(r));
    }
    return out;
  });
}

// --- referral targets ---

domain::Result<std::vector<std::string>> unknownAgencyIds(soci::session& sql,
                                                          const std::string& org_id,
                                                          const std::vector<std::string>& ids) {
  return guarded("check agencies", [&]() -> domain::Result<std::vector<std::string>> {
    std::vector<std::string> unknown;
    for (const std::string& id : ids) {
      int n = 0;
      sql << "SELECT COUNT(*) FROM agencies WHERE id = :id AND org_id = :org_id", soci::into(n),
          soci::use(id), soci::use(org_id);
      if (n == 0) {
        unknown.push_back(id);
      }
    }
    return unknown;
  });
}

// --- safety plans ---

namespace {

struct PlanColumns {
  std::string id, org_id, contact_id, sealed_hex, created_by, updated_by;
  long long created_at = 0;
  long long updated_at = 0;
  int version = 0;

  void bindInto(soci::statement& st) {
    intoEach(st, id, org_id, contact_id, sealed_hex, created_by, created_at, updated_by, updated_at,
             version);
  }

  domain::Result<SafetyPlanRow> toRow() const {
    auto sealed = detail::fromHex(sealed_hex);
    if (!sealed) {
      return domain::internalError("safety_plans.sealed is not hex");
    }
    return SafetyPlanRow{id,         org_id,     contact_id, std::move(*sealed),
                         created_by, created_at, updated_by, updated_at,
                         version};
  }
};

constexpr const char* kPlanColumns =
    "SELECT id, org_id, contact_id, sealed, created_by, created_at, updated_by, updated_at, "
    "version FROM safety_plans";

template <class Bind>
domain::Result<std::optional<SafetyPlanRow>> queryPlan(soci::session& sql, const std::string& where,
                                                       Bind bind) {
  PlanColumns cols;
  soci::statement st(sql);
  cols.bindInto(st);
  bind(st);
  prepareAndExecute(st, std::string(kPlanColumns) + " " + where);
  return detail::fetchCheckedRow(st, [&] { return cols.toRow(); });
}

}  // namespace

domain::Status insertSafetyPlan(WriteContext& w, const SafetyPlanRow& r) {
  return guardedWrite(
      "insert safety plan", "safety_plans",
      {{"", "A safety plan with this id already exists.", "id"}}, [&]() -> domain::Status {
        int existing = 0;
        w.sql() << "SELECT COUNT(*) FROM safety_plans WHERE org_id = :org_id AND "
                   "contact_id = :contact_id",
            soci::into(existing), soci::use(r.org_id), soci::use(r.contact_id);
        if (existing > 0) {
          return domain::fail(ErrorCode::kConflict,
                              "This contact has a safety plan already. Open it and change it.",
                              "contact_id");
        }
        detail::insertRow(w.sql(), "safety_plans",
                          "id, org_id, contact_id, sealed, created_by, created_at, updated_by, "
                          "updated_at, version",
                          r.id, r.org_id, r.contact_id, detail::toHex(r.sealed), r.created_by,
                          r.created_at, r.updated_by, r.updated_at, r.version);
        return {};
      });
}

domain::Status updateSafetyPlan(WriteContext& w, const SafetyPlanRow& r,
                                std::int32_t expected_version) {
  return guarded("update safety plan", [&]() -> domain::Status {
    const std::string sealed_hex = detail::toHex(r.sealed);
    const long long updated_at = r.updated_at;
    const int version = r.version;
    const int expected = expected_version;
    soci::statement st =
        (w.sql().prepare << "UPDATE safety_plans SET sealed = :sealed, updated_by = :updated_by, "
                            "updated_at = :updated_at, version = :version WHERE id = :id AND "
                            "org_id = :org_id AND version = :expected",
         soci::use(sealed_hex), soci::use(r.updated_by), soci::use(updated_at), soci::use(version),
         soci::use(r.id), soci::use(r.org_id), soci::use(expected));
    st.execute(true);
    if (st.get_affected_rows() == 0) {
      return detail::explainUnchangedRow(w.sql(), kSafetyPlans, r.id, r.org_id);
    }
    return {};
  });
}

domain::Result<std::optional<SafetyPlanRow>> findSafetyPlan(soci::session& sql,
                                                            const std::string& id) {
  return guarded("find safety plan", [&]() -> domain::Result<std::optional<SafetyPlanRow>> {
    return queryPlan(sql, "WHERE id = :id",
                     [&](soci::statement& st) { st.exchange(soci::use(id, "id")); });
  });
}

domain::Result<std::optional<SafetyPlanRow>> findSafetyPlanByContact(
    soci::session& sql, const std::string& org_id, const std::string& contact_id) {
  return guarded(
      "find safety plan by contact", [&]() -> domain::Result<std::optional<SafetyPlanRow>> {
        return queryPlan(
            sql,
            "WHERE org_id = :org_id AND contact_id = :contact_id ORDER BY created_at, id "
            "LIMIT 1",
            [&](soci::statement& st) {
              st.exchange(soci::use(org_id, "org_id"));
              st.exchange(soci::use(contact_id, "contact_id"));
            });
      });
}

}  // namespace strada::store
