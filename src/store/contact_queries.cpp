#include "store/contact_queries.h"

#include <soci/soci.h>

#include <algorithm>
#include <map>

#include "store/sql_errors.h"

namespace strada::store {

using detail::internalFrom;
using domain::ErrorCode;

namespace {

constexpr std::int32_t kMaxSearchLimit = 5000;

// Every coded column of a contacts row; never a sealed one.
struct CodedColumns {
  std::string id, org_id, created_by, code_version, status, kind, non_data_type, channel, category,
      caller_type, caller_gender, caller_age_band, language, caller_country, caller_region,
      destination_country, outcome;
  long long created_at = 0, updated_at = 0, started_at = 0;
  long long finalised_at = 0, follow_up_done_at = 0, follow_up_due = 0;
  soci::indicator finalised_ind = soci::i_null, done_ind = soci::i_null, due_ind = soci::i_null;
  int version = 1, duration_s = 0, anonymous = 1, imminent_danger = 0, follow_up_needed = 0;

  void bindInto(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(org_id));
    st.exchange(soci::into(created_by));
    st.exchange(soci::into(created_at));
    st.exchange(soci::into(updated_at));
    st.exchange(soci::into(finalised_at, finalised_ind));
    st.exchange(soci::into(follow_up_done_at, done_ind));
    st.exchange(soci::into(version));
    st.exchange(soci::into(code_version));
    st.exchange(soci::into(status));
    st.exchange(soci::into(kind));
    st.exchange(soci::into(non_data_type));
    st.exchange(soci::into(channel));
    st.exchange(soci::into(started_at));
    st.exchange(soci::into(duration_s));
    st.exchange(soci::into(category));
    st.exchange(soci::into(caller_type));
    st.exchange(soci::into(anonymous));
    st.exchange(soci::into(caller_gender));
    st.exchange(soci::into(caller_age_band));
    st.exchange(soci::into(language));
    st.exchange(soci::into(caller_country));
    st.exchange(soci::into(caller_region));
    st.exchange(soci::into(destination_country));
    st.exchange(soci::into(imminent_danger));
    st.exchange(soci::into(outcome));
    st.exchange(soci::into(follow_up_needed));
    st.exchange(soci::into(follow_up_due, due_ind));
  }

  domain::Contact toContact() const {
    domain::Contact c;
    c.id = id;
    c.org_id = org_id;
    c.created_by = created_by;
    c.created_at = created_at;
    c.updated_at = updated_at;
    if (finalised_ind == soci::i_ok) {
      c.finalised_at = finalised_at;
    }
    if (done_ind == soci::i_ok) {
      c.follow_up_done_at = follow_up_done_at;
    }
    c.version = version;
    c.code_version = code_version;
    auto& d = c.data;
    d.status = status;
    d.kind = kind;
    d.non_data_type = non_data_type;
    d.channel = channel;
    d.started_at = started_at;
    d.duration_s = duration_s;
    d.category = category;
    d.caller_type = caller_type;
    d.anonymous = anonymous != 0;
    d.caller_gender = caller_gender;
    d.caller_age_band = caller_age_band;
    d.language = language;
    d.caller_country = caller_country;
    d.caller_region = caller_region;
    d.destination_country = destination_country;
    d.imminent_danger = imminent_danger != 0;
    d.outcome = outcome;
    d.follow_up_needed = follow_up_needed != 0;
    if (due_ind == soci::i_ok) {
      d.follow_up_due = follow_up_due;
    }
    return c;
  }
};

constexpr const char* kCodedColumns =
    "SELECT id, org_id, created_by, created_at, updated_at, finalised_at, follow_up_done_at, "
    "version, code_version, status, kind, non_data_type, channel, started_at, duration_s, "
    "category, caller_type, anonymous, caller_gender, caller_age_band, language, caller_country, "
    "caller_region, destination_country, imminent_danger, outcome, follow_up_needed, "
    "follow_up_due FROM contacts";

void prepareAndExecute(soci::statement& st, const std::string& query) {
  st.alloc();
  st.prepare(query);
  st.define_and_bind();
  st.execute(false);
}

// Fills the multi-valued codes and referral ids of `contacts` (one query each, by id).
void loadCodes(soci::session& sql, std::vector<domain::Contact>& contacts) {
  if (contacts.empty()) {
    return;
  }
  std::map<std::string, domain::Contact*, std::less<>> by_id;
  std::vector<std::string> ids;
  ids.reserve(contacts.size());
  for (auto& c : contacts) {
    by_id[c.id] = &c;
    ids.push_back(c.id);
  }
  std::string in_list;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    in_list += (i == 0 ? ":c" : ", :c") + std::to_string(i);
  }
  {
    std::string contact_id, list, code;
    soci::statement st(sql);
    st.exchange(soci::into(contact_id));
    st.exchange(soci::into(list));
    st.exchange(soci::into(code));
    for (std::size_t i = 0; i < ids.size(); ++i) {
      st.exchange(soci::use(ids[i], "c" + std::to_string(i)));
    }
    prepareAndExecute(st, "SELECT contact_id, list, code FROM contact_codes WHERE contact_id IN (" +
                              in_list + ") ORDER BY contact_id, list, code");
    while (st.fetch()) {
      auto it = by_id.find(contact_id);
      if (it == by_id.end()) {
        continue;
      }
      auto& d = it->second->data;
      if (list == "exploitation") {
        d.exploitation.push_back(code);
      } else if (list == "industry") {
        d.industry.push_back(code);
      } else if (list == "indicator") {
        d.indicators.push_back(code);
      } else if (list == "assistance") {
        d.assistance.push_back(code);
      }
    }
  }
  {
    std::string contact_id, agency_id;
    soci::statement st(sql);
    st.exchange(soci::into(contact_id));
    st.exchange(soci::into(agency_id));
    for (std::size_t i = 0; i < ids.size(); ++i) {
      st.exchange(soci::use(ids[i], "c" + std::to_string(i)));
    }
    prepareAndExecute(st,
                      "SELECT contact_id, agency_id FROM contact_referrals WHERE contact_id "
                      "IN (" +
                          in_list + ") ORDER BY contact_id, agency_id");
    while (st.fetch()) {
      auto it = by_id.find(contact_id);
      if (it != by_id.end()) {
        it->second->data.referral_agency_ids.push_back(agency_id);
      }
    }
  }
}

std::vector<domain::Contact> fetchAll(soci::statement& st, CodedColumns& cols) {
  std::vector<domain::Contact> out;
  while (st.fetch()) {
    out.push_back(cols.toContact());
  }
  return out;
}

}  // namespace

domain::Result<std::vector<domain::Contact>> searchContacts(soci::session& sql,
                                                            const ContactFilter& f) {
  try {
    CodedColumns cols;
    const long long from = f.from.value_or(0);
    const long long to = f.to.value_or(0);
    const long long now = f.now;
    const int danger = f.imminent_danger.value_or(false) ? 1 : 0;
    const long long after_at = f.after ? f.after->started_at : 0;
    const std::string after_id = f.after ? f.after->id : std::string();
    const std::string list_exploitation = "exploitation";
    const int limit = std::clamp<std::int32_t>(f.limit, 1, kMaxSearchLimit);

    // The clauses vary; every value is still a bound parameter.
    std::string text = std::string(kCodedColumns) + " WHERE org_id = :org_id";
    soci::statement st(sql);
    cols.bindInto(st);
    st.exchange(soci::use(f.org_id, "org_id"));
    const auto equals = [&](const char* column, const std::string& value) {
      if (!value.empty()) {
        text += std::string(" AND ") + column + " = :" + column;
        st.exchange(soci::use(value, column));
      }
    };
    equals("status", f.status);
    if (!f.drafts_of.empty() && f.status != domain::kStatusFinal) {
      text += " AND (status <> 'draft' OR created_by = :drafts_of)";
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
      text += " AND imminent_danger = :danger";
      st.exchange(soci::use(danger, "danger"));
    }
    if (f.from) {
      text += " AND started_at >= :from_at";
      st.exchange(soci::use(from, "from_at"));
    }
    if (f.to) {
      text += " AND started_at < :to_at";
      st.exchange(soci::use(to, "to_at"));
    }
    if (!f.exploitation.empty()) {
      text +=
          " AND EXISTS (SELECT 1 FROM contact_codes cc WHERE cc.contact_id = contacts.id AND "
          "cc.org_id = :org_x AND cc.list = :list_x AND cc.code = :code_x)";
      st.exchange(soci::use(f.org_id, "org_x"));
      st.exchange(soci::use(list_exploitation, "list_x"));
      st.exchange(soci::use(f.exploitation, "code_x"));
    }
    switch (f.follow_up) {
      case FollowUpFilter::kAny:
        break;
      case FollowUpFilter::kNone:
        text += " AND follow_up_needed = 0";
        break;
      case FollowUpFilter::kOpen:
        text += " AND follow_up_needed = 1 AND follow_up_done_at IS NULL";
        break;
      case FollowUpFilter::kDue:
        text +=
            " AND follow_up_needed = 1 AND follow_up_done_at IS NULL AND follow_up_due >= :now_at";
        st.exchange(soci::use(now, "now_at"));
        break;
      case FollowUpFilter::kOverdue:
        text +=
            " AND follow_up_needed = 1 AND follow_up_done_at IS NULL AND follow_up_due < :now_at";
        st.exchange(soci::use(now, "now_at"));
        break;
    }
    if (f.after) {
      text += " AND (started_at < :after_at1 OR (started_at = :after_at2 AND id < :after_id))";
      st.exchange(soci::use(after_at, "after_at1"));
      st.exchange(soci::use(after_at, "after_at2"));
      st.exchange(soci::use(after_id, "after_id"));
    }
    text += " ORDER BY started_at DESC, id DESC LIMIT :lim";
    st.exchange(soci::use(limit, "lim"));
    prepareAndExecute(st, text);
    std::vector<domain::Contact> out = fetchAll(st, cols);
    loadCodes(sql, out);
    return out;
  } catch (const std::exception& e) {
    return internalFrom("search contacts", e);
  }
}

domain::Result<std::vector<domain::Contact>> listOpenFollowUps(soci::session& sql,
                                                               const std::string& org_id,
                                                               std::int32_t limit) {
  try {
    CodedColumns cols;
    const int lim = std::clamp<std::int32_t>(limit, 1, kMaxSearchLimit);
    soci::statement st(sql);
    cols.bindInto(st);
    st.exchange(soci::use(org_id, "org_id"));
    st.exchange(soci::use(lim, "lim"));
    prepareAndExecute(st, std::string(kCodedColumns) +
                              " WHERE org_id = :org_id AND follow_up_needed = 1 AND "
                              "follow_up_done_at IS NULL ORDER BY follow_up_due, id LIMIT :lim");
    std::vector<domain::Contact> out = fetchAll(st, cols);
    loadCodes(sql, out);
    return out;
  } catch (const std::exception& e) {
    return internalFrom("list open follow-ups", e);
  }
}

domain::Result<std::vector<domain::Contact>> listStaleDrafts(soci::session& sql,
                                                             const std::string& org_id,
                                                             domain::UnixMillis created_before,
                                                             std::int32_t limit) {
  try {
    CodedColumns cols;
    const int lim = std::clamp<std::int32_t>(limit, 1, kMaxSearchLimit);
    const long long before = created_before;
    const std::string draft(domain::kStatusDraft);
    soci::statement st(sql);
    cols.bindInto(st);
    st.exchange(soci::use(org_id, "org_id"));
    st.exchange(soci::use(draft, "draft"));
    st.exchange(soci::use(before, "before_at"));
    st.exchange(soci::use(lim, "lim"));
    prepareAndExecute(st, std::string(kCodedColumns) +
                              " WHERE org_id = :org_id AND status = :draft AND created_at < "
                              ":before_at ORDER BY created_at, id LIMIT :lim");
    std::vector<domain::Contact> out = fetchAll(st, cols);
    loadCodes(sql, out);
    return out;
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
