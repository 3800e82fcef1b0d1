#include "store/contact_queries.h"

#include <soci/soci.h>

#include <algorithm>
#include <map>

#include "store/contact_columns.h"
#include "store/sql_errors.h"

namespace strada::store {

using detail::internalFrom;
using detail::prepareAndExecute;
using domain::ErrorCode;

namespace {

constexpr std::int32_t kMaxSearchLimit = 5000;

std::vector<domain::Contact> fetchAll(soci::session& sql, soci::statement& st,
                                      detail::ContactColumns& cols) {
  std::vector<domain::Contact> out;
  for (ContactRow& row : detail::fetchContactRows(sql, st, cols)) {
    out.push_back(std::move(row.contact));
  }
  return out;
}

}  // namespace

domain::Result<std::vector<domain::Contact>> searchContacts(soci::session& sql,
                                                            const ContactFilter& f) {
  try {
    detail::ContactColumns cols;
    const long long from = f.from.value_or(0);
    const long long to = f.to.value_or(0);
    const long long now = f.now;
    const int danger = f.imminent_danger.value_or(false) ? 1 : 0;
    const long long after_at = f.after ? f.after->started_at : 0;
    const std::string after_id = f.after ? f.after->id : std::string();
    const std::string list_exploitation = detail::kListExploitation;
    const int limit = std::clamp<std::int32_t>(f.limit, 1, kMaxSearchLimit);

    // The clauses vary; every value is still a bound parameter. Columns are qualified: with a
    // form of exploitation the page is read in the order of contact_codes' page index, which
    // holds started_at and contact_id too, so a rare code does not walk the whole history.
    const bool by_code = !f.exploitation.empty();
    const char* order_at = by_code ? "cc.started_at" : "contacts.started_at";
    const char* order_id = by_code ? "cc.contact_id" : "contacts.id";
    std::string text = detail::qualifiedContactSelect();
    soci::statement st(sql);
    cols.bindInto(st);
    if (by_code) {
      text +=
          " FROM contact_codes cc CROSS JOIN contacts WHERE cc.org_id = :org_x AND cc.list = "
          ":list_x AND cc.code = :code_x AND contacts.id = cc.contact_id AND";
      st.exchange(soci::use(f.org_id, "org_x"));
      st.exchange(soci::use(list_exploitation, "list_x"));
      st.exchange(soci::use(f.exploitation, "code_x"));
    } else {
      text += " FROM contacts WHERE";
    }
    text += " contacts.org_id = :org_id";
    st.exchange(soci::use(f.org_id, "org_id"));
    const auto equals = [&](const char* column, const std::string& value) {
      if (!value.empty()) {
        text += std::string(" AND contacts.") + column + " = :" + column;
        st.exchange(soci::use(value, column));
      }
    };
    equals("status", f.status);
    if (!f.drafts_of.empty() && f.status != domain::kStatusFinal) {
      text += " AND (contacts.status <> 'draft' OR contacts.created_by = :drafts_of)";
      st.exchange(soci::use(f.drafts_of, "drafts_of"));
    }
    equals("created_by", f.consultant);
    equals("channel", f.channel);
    equals("kind", f.kind);
    equals("category", f.category);
    equals("caller_type", f.caller_type);
    equals("caller_country", f.caller_country);
    equals("destination_country", f.destination_country);
    equals("outcome", f.outcome);
    if (f.imminent_danger) {
      text += " AND contacts.imminent_danger = :danger";
      st.exchange(soci::use(danger, "danger"));
    }
    if (f.from) {
      text += std::string(" AND ") + order_at + " >= :from_at";
      st.exchange(soci::use(from, "from_at"));
    }
    if (f.to) {
      text += std::string(" AND ") + order_at + " < :to_at";
      st.exchange(soci::use(to, "to_at"));
    }
    switch (f.follow_up) {
      case FollowUpFilter::kAny:
        break;
      case FollowUpFilter::kNone:
        text += " AND contacts.follow_up_needed = 0";
        break;
      case FollowUpFilter::kOpen:
        text += " AND contacts.follow_up_needed = 1 AND contacts.follow_up_done_at IS NULL";
        break;
      case FollowUpFilter::kDue:
        text +=
            " AND contacts.follow_up_needed = 1 AND contacts.follow_up_done_at IS NULL AND "
            "contacts.follow_up_due >= :now_at";
        st.exchange(soci::use(now, "now_at"));
        break;
      case FollowUpFilter::kOverdue:
        text +=
            " AND contacts.follow_up_needed = 1 AND contacts.follow_up_done_at IS NULL AND "
            "contacts.follow_up_due < :now_at";
        st.exchange(soci::use(now, "now_at"));
        break;
    }
    if (f.after) {
      text += std::string(" AND (") + order_at + " < :after_at1 OR (" + order_at +
              " = :after_at2 AND " + order_id + " < :after_id))";
      st.exchange(soci::use(after_at, "after_at1"));
      st.exchange(soci::use(after_at, "after_at2"));
      st.exchange(soci::use(after_id, "after_id"));
    }
    text += std::string(" ORDER BY ") + order_at + " DESC, " + order_id + " DESC LIMIT :lim";
    st.exchange(soci::use(limit, "lim"));
    prepareAndExecute(st, text);
    return fetchAll(sql, st, cols);
  } catch (const std::exception& e) {
    return internalFrom("search contacts", e);
  }
}

domain::Result<std::vector<domain::Contact>> listOpenFollowUps(soci::session& sql,
                                                               const std::string& org_id,
                                                               std::int32_t limit) {
  try {
    detail::ContactColumns cols;
    const int lim = std::clamp<std::int32_t>(limit, 1, kMaxSearchLimit);
    soci::statement st(sql);
    cols.bindInto(st);
    st.exchange(soci::use(org_id, "org_id"));
    st.exchange(soci::use(lim, "lim"));
    prepareAndExecute(st, std::string(detail::kContactSelect) +
                              " FROM contacts WHERE org_id = :org_id AND follow_up_needed = 1 AND "
                              "follow_up_done_at IS NULL ORDER BY follow_up_due, id LIMIT :lim");
    return fetchAll(sql, st, cols);
  } catch (const std::exception& e) {
    return internalFrom("list open follow-ups", e);
  }
}

domain::Result<std::vector<domain::Contact>> listStaleDrafts(soci::session& sql,
                                                             const std::string& org_id,
                                                             domain::UnixMillis created_before,
                                                             std::int32_t limit) {
  try {
    detail::ContactColumns cols;
    const int lim = std::clamp<std::int32_t>(limit, 1, kMaxSearchLimit);
    const long long before = created_before;
    const std::string draft(domain::kStatusDraft);
    soci::statement st(sql);
    cols.bindInto(st);
    st.exchange(soci::use(org_id, "org_id"));
    st.exchange(soci::use(draft, "draft"));
    st.exchange(soci::use(before, "before_at"));
    st.exchange(soci::use(lim, "lim"));
    prepareAndExecute(
        st, std::string(detail::kContactSelect) +
                " FROM contacts WHERE org_id = :org_id AND status = :draft AND created_at < "
                ":before_at ORDER BY created_at, id LIMIT :lim");
    return fetchAll(sql, st, cols);
  } catch (const std::exception& e) {
    return internalFrom("list stale drafts", e);
  }
}

domain::Result<std::optional<domain::Contact>> findCountedContact(soci::session& sql,
                                                                  const std::string& org_id,
                                                                  const std::string& id) {
  try {
    domain::Contact c;
    auto& d = c.data;
    long long started_at = 0;
    sql << "SELECT status, kind, non_data_type, channel, category, caller_type, "
           "destination_country, outcome, started_at FROM contacts WHERE id = :id AND org_id = "
           ":org_id",
        soci::into(d.status), soci::into(d.kind), soci::into(d.non_data_type),
        soci::into(d.channel), soci::into(d.category), soci::into(d.caller_type),
        soci::into(d.destination_country), soci::into(d.outcome), soci::into(started_at),
        soci::use(id), soci::use(org_id);
    if (!sql.got_data()) {
      return std::nullopt;
    }
    c.id = id;
    c.org_id = org_id;
    d.started_at = started_at;
    std::string code;
    soci::statement st = (sql.prepare << "SELECT code FROM contact_codes WHERE contact_id = :id "
                                         "AND list = 'exploitation' ORDER BY code",
                          soci::into(code), soci::use(id));
    st.execute();
    while (st.fetch()) {
      d.exploitation.push_back(code);
    }
    return c;
  } catch (const std::exception& e) {
    return internalFrom("find counted contact", e);
  }
}

domain::Status markFollowUpDone(WriteContext& w, const std::string& org_id, const std::string& id) {
  try {
    int needed = 0;
    long long done_at = 0;
    soci::indicator done_ind = soci::i_null;
    w.sql() << "SELECT follow_up_needed, follow_up_done_at FROM contacts WHERE id = :id AND "
               "org_id = :org_id",
        soci::into(needed), soci::into(done_at, done_ind), soci::use(id), soci::use(org_id);
    if (!w.sql().got_data()) {
      return domain::fail(ErrorCode::kNotFound, "No such contact.");
    }
    if (needed == 0) {
      return domain::fail(ErrorCode::kConflict, "This contact needs no follow-up.",
                          "follow_up_needed");
    }
    if (done_ind == soci::i_ok) {
      return domain::fail(ErrorCode::kConflict, "This follow-up was marked done already.",
                          "follow_up_needed");
    }
    const long long now = w.now();
    w.sql() << "UPDATE contacts SET follow_up_done_at = :now_at, updated_at = :now_at2, "
               "version = version + 1 WHERE id = :id AND org_id = :org_id",
        soci::use(now), soci::use(now), soci::use(id), soci::use(org_id);
    return {};
  } catch (const std::exception& e) {
    return internalFrom("mark follow-up done", e);
  }
}

}  // namespace strada::store
