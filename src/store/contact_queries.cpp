#include "store/contact_queries.h"

#include <soci/soci.h>

#include <algorithm>
#include <map>

#include "store/contact_columns.h"
#include "store/guarded.h"

namespace strada::store {

using detail::guarded;
using detail::prepareAndExecute;
using domain::ErrorCode;

namespace {

constexpr std::int32_t kMaxSearchLimit = 5000;

// The contacts of `rows`, without their sealed columns.
std::vector<domain::Contact> contactsOf(std::vector<ContactRow> rows) {
  std::vector<domain::Contact> out;
  out.reserve(rows.size());
  for (ContactRow& row : rows) {
    out.push_back(std::move(row.contact));
  }
  return out;
}

// A filter on a contacts column that the statistics rollup counts, and the index of migration
// 0005 that serves it: (org_id, column, started_at, id).
struct CountedFilter {
  const char* dimension;
  const char* index;
  const std::string* value;
};

// On SQLite, a list filtered by a form of exploitation and by other columns walks the index of
// whichever filter the rollup says matches fewest contacts (all time, final contacts), and checks
// the rest on each row. Walking a common code (ForcedLabour, 80,000 of an organisation's
// contacts) to find the few that are also crisis calls by SMS took 0.5 s warm and 10 s cold at a
// million contacts; walking the SMS contacts instead takes 60 ms and 0.8 s. SQLite has no
// per-value statistics (no STAT4 in Debian's build) to make that choice itself; PostgreSQL has,
// and plans the join itself. nullptr: walk the code's page index (migration 0008), and always on
// PostgreSQL.
const char* sqliteListIndex(soci::session& sql, const ContactFilter& f) {
  if (sql.get_backend_name() != "sqlite3") {
    return nullptr;
  }
  const std::string list_exploitation = detail::kListExploitation;
  const std::vector<CountedFilter> candidates = {
      {"channel", "contacts_channel_idx", &f.channel},
      {"category", "contacts_category_idx", &f.category},
      {"caller_type", "contacts_caller_type_idx", &f.caller_type},
      {"destination_country", "contacts_destination_idx", &f.destination_country},
      {"outcome", "contacts_outcome_idx", &f.outcome},
      {"kind", "contacts_kind_idx", &f.kind},
  };
  std::string text =
      "SELECT dimension, code, SUM(n) FROM contact_stats_monthly WHERE org_id = :org_id AND "
      "((dimension = :dim_x AND code = :code_x)";
  soci::statement st(sql);
  std::string dimension;
  std::string code;
  long long n = 0;
  st.exchange(soci::into(dimension));
  st.exchange(soci::into(code));
  st.exchange(soci::into(n));
  st.exchange(soci::use(f.org_id, "org_id"));
  st.exchange(soci::use(list_exploitation, "dim_x"));
  st.exchange(soci::use(f.exploitation, "code_x"));
  bool any = false;
  for (const CountedFilter& c : candidates) {
    if (c.value->empty()) {
      continue;
    }
    const std::string name = std::string(c.dimension);
    text.append(" OR (dimension = '").append(name).append("' AND code = :").append(name);
    text += ')';
    st.exchange(soci::use(*c.value, name));
    any = true;
  }
  if (!any) {
    return nullptr;
  }
  text += ") GROUP BY dimension, code";
  detail::prepareAndExecute(st, text);
  std::map<std::string, long long> counts;
  while (st.fetch()) {
    counts[dimension] = n;
  }
  // A code or value no final contact has yet counts as none: walking it is cheapest.
  const auto count = [&](const std::string& d) {
    auto it = counts.find(d);
    return it == counts.end() ? 0LL : it->second;
  };
  long long best = count(list_exploitation);
  const char* index = nullptr;
  for (const CountedFilter& c : candidates) {
    // Only a clearly smaller walk is worth leaving the code's page index, which needs no look-up
    // of contact_codes per row.
    if (!c.value->empty() && count(c.dimension) * 2 < best) {
      best = count(c.dimension);
      index = c.index;
    }
  }
  return index;
}

}  // namespace

std::string detail::exploitationListIndex(soci::session& sql, const ContactFilter& filter) {
  if (filter.exploitation.empty()) {
    return {};
  }
  const char* index = sqliteListIndex(sql, filter);
  return index == nullptr ? "contact_codes_page_idx" : index;
}

namespace {

// The values a search binds by reference: they live as long as its statement.
struct SearchValues {
  explicit SearchValues(const ContactFilter& f)
      : from(f.from.value_or(0)),
        to(f.to.value_or(0)),
        now(f.now),
        danger(f.imminent_danger.value_or(false) ? 1 : 0),
        after_at(f.after ? f.after->started_at : 0),
        after_id(f.after ? f.after->id : std::string()),
        limit(std::clamp<std::int32_t>(f.limit, 1, kMaxSearchLimit)) {}
  long long from;
  long long to;
  long long now;
  int danger;
  long long after_at;
  std::string after_id;
  std::string list_exploitation = detail::kListExploitation;
  int limit;
};

// How a search walks its rows: the columns it orders by, and what it reads them from.
struct SearchWalk {
  const char* walk_index = nullptr;  // a contacts index to walk (SQLite), checking the code
  bool by_code = false;              // read in the order of contact_codes' page index
  const char* order_at = "contacts.started_at";
  const char* order_id = "contacts.id";
};

SearchWalk chooseWalk(soci::session& sql, const ContactFilter& f) {
  SearchWalk walk;
  walk.walk_index = f.exploitation.empty() ? nullptr : sqliteListIndex(sql, f);
  walk.by_code = !f.exploitation.empty() && walk.walk_index == nullptr;
  if (walk.by_code) {
    walk.order_at = "cc.started_at";
    walk.order_id = "cc.contact_id";
  }
  return walk;
}

// " FROM ... WHERE contacts.org_id = :org_id", by the walk's table and index.
void appendFrom(std::string& text, soci::statement& st, const ContactFilter& f,
                const SearchWalk& walk, const SearchValues& v) {
  if (walk.walk_index != nullptr) {
    text += std::string(" FROM contacts INDEXED BY ") + walk.walk_index +
            " WHERE EXISTS (SELECT 1 FROM contact_codes cc WHERE cc.contact_id = contacts.id "
            "AND cc.list = :list_x AND cc.code = :code_x) AND";
    st.exchange(soci::use(v.list_exploitation, "list_x"));
    st.exchange(soci::use(f.exploitation, "code_x"));
  } else if (walk.by_code) {
    text +=
        " FROM contact_codes cc CROSS JOIN contacts WHERE cc.org_id = :org_x AND cc.list = "
        ":list_x AND cc.code = :code_x AND contacts.id = cc.contact_id AND";
    st.exchange(soci::use(f.org_id, "org_x"));
    st.exchange(soci::use(v.list_exploitation, "list_x"));
    st.exchange(soci::use(f.exploitation, "code_x"));
  } else {
    text += " FROM contacts WHERE";
  }
  text += " contacts.org_id = :org_id";
  st.exchange(soci::use(f.org_id, "org_id"));
}

// The equality filters on contacts' columns, and the draft rule.
void appendColumnFilters(std::string& text, soci::statement& st, const ContactFilter& f,
                         const SearchValues& v) {
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
    st.exchange(soci::use(v.danger, "danger"));
  }
}

void appendFollowUpFilter(std::string& text, soci::statement& st, const ContactFilter& f,
                          const SearchValues& v) {
  constexpr const char* kOpen =
      " AND contacts.follow_up_needed = 1 AND contacts.follow_up_done_at IS NULL";
  switch (f.follow_up) {
    case FollowUpFilter::kAny:
      break;
    case FollowUpFilter::kNone:
      text += " AND contacts.follow_up_needed = 0";
      break;
    case FollowUpFilter::kOpen:
      text += kOpen;
      break;
    case FollowUpFilter::kDue:
      text += std::string(kOpen) + " AND contacts.follow_up_due >= :now_at";
      st.exchange(soci::use(v.now, "now_at"));
      break;
    case FollowUpFilter::kOverdue:
      text += std::string(kOpen) + " AND contacts.follow_up_due < :now_at";
      st.exchange(soci::use(v.now, "now_at"));
      break;
  }
}

// The period, the keyset position and the order of the page.
void appendPage(std::string& text, soci::statement& st, const ContactFilter& f,
                const SearchWalk& walk, const SearchValues& v) {
  const std::string at = walk.order_at;
  const std::string id = walk.order_id;
  if (f.from) {
    text += " AND " + at + " >= :from_at";
    st.exchange(soci::use(v.from, "from_at"));
  }
  if (f.to) {
    text += " AND " + at + " < :to_at";
    st.exchange(soci::use(v.to, "to_at"));
  }
  if (f.after) {
    text +=
        " AND (" + at + " < :after_at1 OR (" + at + " = :after_at2 AND " + id + " < :after_id))";
    st.exchange(soci::use(v.after_at, "after_at1"));
    st.exchange(soci::use(v.after_at, "after_at2"));
    st.exchange(soci::use(v.after_id, "after_id"));
  }
  text += " ORDER BY " + at + " DESC, " + id + " DESC LIMIT :lim";
  st.exchange(soci::use(v.limit, "lim"));
}

}  // namespace

domain::Result<std::vector<domain::Contact>> searchContacts(soci::session& sql,
                                                            const ContactFilter& f) {
  return guarded("search contacts", [&]() -> domain::Result<std::vector<domain::Contact>> {
    detail::ContactColumns cols;
    const SearchValues values(f);
    // The clauses vary; every value is still a bound parameter. Columns are qualified: with a
    // form of exploitation the page is read in the order of contact_codes' page index, which
    // holds started_at and contact_id too, so a rare code does not walk the whole history; on
    // SQLite a clearly more selective filter's index may be walked instead (sqliteListIndex),
    // with the code checked per row.
    const SearchWalk walk = chooseWalk(sql, f);
    std::string text = detail::qualifiedContactSelect();
    soci::statement st(sql);
    cols.bindInto(st);
    appendFrom(text, st, f, walk, values);
    appendColumnFilters(text, st, f, values);
    appendFollowUpFilter(text, st, f, values);
    appendPage(text, st, f, walk, values);
    prepareAndExecute(st, text);
    return contactsOf(detail::fetchContactRows(sql, st, cols));
  });
}

domain::Result<std::vector<domain::Contact>> listOpenFollowUps(soci::session& sql,
                                                               const std::string& org_id,
                                                               std::int32_t limit) {
  return guarded("list open follow-ups", [&]() -> domain::Result<std::vector<domain::Contact>> {
    const int lim = std::clamp<std::int32_t>(limit, 1, kMaxSearchLimit);
    return contactsOf(detail::queryContacts(
        sql,
        "WHERE org_id = :org_id AND follow_up_needed = 1 AND follow_up_done_at IS NULL "
        "ORDER BY follow_up_due, id LIMIT :lim",
        soci::use(org_id, "org_id"), soci::use(lim, "lim")));
  });
}

domain::Result<std::vector<domain::Contact>> listStaleDrafts(soci::session& sql,
                                                             const std::string& org_id,
                                                             domain::UnixMillis created_before,
                                                             std::int32_t limit) {
  return guarded("list stale drafts", [&]() -> domain::Result<std::vector<domain::Contact>> {
    const int lim = std::clamp<std::int32_t>(limit, 1, kMaxSearchLimit);
    const long long before = created_before;
    const std::string draft(domain::kStatusDraft);
    return contactsOf(detail::queryContacts(
        sql,
        "WHERE org_id = :org_id AND status = :draft AND created_at < :before_at "
        "ORDER BY created_at, id LIMIT :lim",
        soci::use(org_id, "org_id"), soci::use(draft, "draft"), soci::use(before, "before_at"),
        soci::use(lim, "lim")));
  });
}

domain::Result<std::optional<domain::Contact>> findCountedContact(soci::session& sql,
                                                                  const std::string& org_id,
                                                                  const std::string& id) {
  return guarded("find counted contact", [&]() -> domain::Result<std::optional<domain::Contact>> {
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
  });
}

domain::Status markFollowUpDone(WriteContext& w, const std::string& org_id, const std::string& id) {
  return guarded("mark follow-up done", [&]() -> domain::Status {
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
  });
}

}  // namespace strada::store
