#include "store/contact_columns.h"

#include <algorithm>
#include <array>
#include <map>
#include <string_view>

#include "store/guarded.h"

namespace strada::store::detail {

namespace {

// Ids bound in one "IN (...)" when loading the multi-valued codes of a page of contacts.
constexpr std::size_t kIdsPerQuery = 200;

// Every column an insert and an update both write, in ContactValues::bindWritten's order.
constexpr std::array<std::string_view, 27> kWrittenColumns = {"channel",
                                                              "started_at",
                                                              "duration_s",
                                                              "caller_type",
                                                              "anonymous",
                                                              "language",
                                                              "summary_sealed",
                                                              "code_version",
                                                              "status",
                                                              "kind",
                                                              "non_data_type",
                                                              "category",
                                                              "caller_gender",
                                                              "caller_age_band",
                                                              "caller_country",
                                                              "region_sealed",
                                                              "destination_country",
                                                              "imminent_danger",
                                                              "outcome",
                                                              "follow_up_needed",
                                                              "follow_up_due",
                                                              "follow_up_done_at",
                                                              "caller_hash",
                                                              "caller_sealed",
                                                              "updated_at",
                                                              "finalised_at",
                                                              "version"};

std::vector<std::string>* listField(domain::ContactInput& d, const std::string& list) {
  if (list == kListExploitation) {
    return &d.exploitation;
  }
  if (list == kListIndustry) {
    return &d.industry;
  }
  if (list == kListIndicator) {
    return &d.indicators;
  }
  if (list == kListAssistance) {
    return &d.assistance;
  }
  return nullptr;  // a list a later version added: ignored by this binary
}

// " IN (:p0, :p1, ...)" over ids[begin, end), each bound.
std::string bindIds(soci::statement& st, const std::vector<std::string>& ids, std::size_t begin,
                    std::size_t end) {
  std::string text = " IN (";
  for (std::size_t i = begin; i < end; ++i) {
    const std::string name = "p" + std::to_string(i - begin);
    text += (i == begin ? ":" : ", :") + name;
    st.exchange(soci::use(ids[i], name));
  }
  return text + ")";
}

// Rows per multi-row INSERT: a contact carries a handful of codes and referrals, rarely dozens;
// the cap keeps a statement's parameters far below SQLite's limit.
constexpr std::size_t kRowsPerInsert = 200;

// "INSERT INTO <into> VALUES (...), (...)" for `count` rows, kRowsPerInsert at a time: one round
// trip per statement instead of one per row on PostgreSQL. `bind_row(st, i, n)` binds row i's
// values under names ending in n (unique within the statement) and returns its "(...)".
template <class BindRow>
void insertRows(soci::session& sql, std::string_view into, std::size_t count, BindRow bind_row) {
  for (std::size_t begin = 0; begin < count; begin += kRowsPerInsert) {
    const std::size_t end = std::min(count, begin + kRowsPerInsert);
    soci::statement st(sql);
    std::string text = "INSERT INTO ";
    text.append(into).append(" VALUES ");
    for (std::size_t i = begin; i < end; ++i) {
      if (i != begin) {
        text += ", ";
      }
      text += bind_row(st, i, std::to_string(i - begin));
    }
    prepareAndRun(st, text);
  }
}

}  // namespace

std::vector<std::pair<std::string, const std::string*>> contactCodeRows(const domain::Contact& c) {
  std::vector<std::pair<std::string, const std::string*>> rows;  // (list, code)
  const std::pair<const char*, const std::vector<std::string>*> lists[] = {
      {kListExploitation, &c.data.exploitation},
      {kListIndustry, &c.data.industry},
      {kListIndicator, &c.data.indicators},
      {kListAssistance, &c.data.assistance},
  };
  for (const auto& [list, codes] : lists) {
    for (const std::string& code : *codes) {
      rows.emplace_back(list, &code);
    }
  }
  return rows;
}

// All of a contact's codes, every list; the contact's id, organisation and start time are bound
// once per row.
void insertContactCodes(soci::session& sql, const domain::Contact& c) {
  const std::vector<std::pair<std::string, const std::string*>> rows = contactCodeRows(c);
  const long long started_at = c.data.started_at;
  insertRows(sql, kContactCodesInto, rows.size(),
             [&](soci::statement& st, std::size_t i, const std::string& n) {
               st.exchange(soci::use(c.id, "c" + n));
               st.exchange(soci::use(c.org_id, "o" + n));
               st.exchange(soci::use(rows[i].first, "l" + n));
               st.exchange(soci::use(*rows[i].second, "k" + n));
               st.exchange(soci::use(started_at, "s" + n));
               return "(:c" + n + ", :o" + n + ", :l" + n + ", :k" + n + ", :s" + n + ")";
             });
}

// The agencies a contact referred to (the API caps the list).
void insertContactReferrals(soci::session& sql, const domain::Contact& c) {
  const auto& ids = c.data.referral_agency_ids;
  insertRows(sql, "contact_referrals (contact_id, agency_id)", ids.size(),
             [&](soci::statement& st, std::size_t i, const std::string& n) {
               st.exchange(soci::use(c.id, "c" + n));
               st.exchange(soci::use(ids[i], "a" + n));
               return "(:c" + n + ", :a" + n + ")";
             });
}

std::optional<domain::UnixMillis> NullableMillis::get() const {
  if (ind == soci::i_ok) {
    return value;
  }
  return std::nullopt;
}

NullableMillis NullableMillis::of(const std::optional<domain::UnixMillis>& v) {
  NullableMillis n;
  if (v) {
    n.value = *v;
    n.ind = soci::i_ok;
  }
  return n;
}

const char* const kContactSelect =
    "SELECT id, org_id, created_by, created_at, channel, started_at, duration_s, caller_type, "
    "anonymous, language, code_version, status, kind, non_data_type, category, caller_gender, "
    "caller_age_band, caller_country, destination_country, imminent_danger, "
    "outcome, follow_up_needed, follow_up_due, follow_up_done_at, caller_hash, updated_at, "
    "finalised_at, version";

const std::string& qualifiedContactSelect() {
  static const std::string kText = [] {
    const std::string_view columns = std::string_view(kContactSelect).substr(7);  // "SELECT "
    std::string out = "SELECT";
    std::size_t begin = 0;
    while (begin < columns.size()) {
      std::size_t end = columns.find(", ", begin);
      if (end == std::string_view::npos) {
        end = columns.size();
      }
      out.append(begin == 0 ? " contacts." : ", contacts.")
          .append(columns.substr(begin, end - begin));
      begin = end + 2;
    }
    return out;
  }();
  return kText;
}

void ContactColumns::bindInto(soci::statement& st) {
  domain::Contact& c = row.contact;
  domain::ContactInput& d = c.data;
  intoEach(st, c.id, c.org_id, c.created_by, created_at, d.channel, numbers.started_at,
           numbers.duration_s, d.caller_type, numbers.anonymous, d.language, c.code_version,
           d.status, d.kind, d.non_data_type, d.category, d.caller_gender, d.caller_age_band,
           d.caller_country, d.destination_country, numbers.imminent_danger, d.outcome,
           numbers.follow_up_needed);
  st.exchange(soci::into(numbers.follow_up_due.value, numbers.follow_up_due.ind));
  st.exchange(soci::into(numbers.follow_up_done_at.value, numbers.follow_up_done_at.ind));
  intoEach(st, row.caller_hash, numbers.updated_at);
  st.exchange(soci::into(numbers.finalised_at.value, numbers.finalised_at.ind));
  intoEach(st, numbers.version);
}

ContactRow ContactColumns::toRow() const {
  ContactRow out = row;
  out.contact.created_at = created_at;
  numbers.copyTo(out.contact);
  return out;
}

ContactNumbers::ContactNumbers(const domain::Contact& c)
    : started_at(c.data.started_at),
      updated_at(c.updated_at),
      duration_s(c.data.duration_s),
      anonymous(c.data.anonymous ? 1 : 0),
      imminent_danger(c.data.imminent_danger ? 1 : 0),
      follow_up_needed(c.data.follow_up_needed ? 1 : 0),
      version(c.version),
      follow_up_due(NullableMillis::of(c.data.follow_up_due)),
      follow_up_done_at(NullableMillis::of(c.follow_up_done_at)),
      finalised_at(NullableMillis::of(c.finalised_at)) {}

void ContactNumbers::copyTo(domain::Contact& c) const {
  c.data.started_at = started_at;
  c.updated_at = updated_at;
  c.data.duration_s = duration_s;
  c.data.anonymous = anonymous != 0;
  c.data.imminent_danger = imminent_danger != 0;
  c.data.follow_up_needed = follow_up_needed != 0;
  c.version = version;
  c.data.follow_up_due = follow_up_due.get();
  c.follow_up_done_at = follow_up_done_at.get();
  c.finalised_at = finalised_at.get();
}

ContactValues::ContactValues(const ContactRow& row)
    : ContactNumbers(row.contact),
      summary_hex(toHex(row.summary_sealed)),
      caller_sealed_hex(toHex(row.caller_sealed)),
      region_sealed_hex(toHex(row.region_sealed)) {}

void ContactValues::bindWritten(soci::statement& st, const ContactRow& row) {
  const domain::Contact& c = row.contact;
  const domain::ContactInput& d = c.data;
  st.exchange(soci::use(d.channel, "channel"));
  st.exchange(soci::use(started_at, "started_at"));
  st.exchange(soci::use(duration_s, "duration_s"));
  st.exchange(soci::use(d.caller_type, "caller_type"));
  st.exchange(soci::use(anonymous, "anonymous"));
  st.exchange(soci::use(d.language, "language"));
  st.exchange(soci::use(summary_hex, "summary_sealed"));
  st.exchange(soci::use(c.code_version, "code_version"));
  st.exchange(soci::use(d.status, "status"));
  st.exchange(soci::use(d.kind, "kind"));
  st.exchange(soci::use(d.non_data_type, "non_data_type"));
  st.exchange(soci::use(d.category, "category"));
  st.exchange(soci::use(d.caller_gender, "caller_gender"));
  st.exchange(soci::use(d.caller_age_band, "caller_age_band"));
  st.exchange(soci::use(d.caller_country, "caller_country"));
  st.exchange(soci::use(region_sealed_hex, "region_sealed"));
  st.exchange(soci::use(d.destination_country, "destination_country"));
  st.exchange(soci::use(imminent_danger, "imminent_danger"));
  st.exchange(soci::use(d.outcome, "outcome"));
  st.exchange(soci::use(follow_up_needed, "follow_up_needed"));
  st.exchange(soci::use(follow_up_due.value, follow_up_due.ind, "follow_up_due"));
  st.exchange(soci::use(follow_up_done_at.value, follow_up_done_at.ind, "follow_up_done_at"));
  st.exchange(soci::use(row.caller_hash, "caller_hash"));
  st.exchange(soci::use(caller_sealed_hex, "caller_sealed"));
  st.exchange(soci::use(updated_at, "updated_at"));
  st.exchange(soci::use(finalised_at.value, finalised_at.ind, "finalised_at"));
  st.exchange(soci::use(version, "version"));
}

const std::string& contactInsertSql() {
  static const std::string kText = [] {
    std::string columns = "id, org_id, created_by, created_at";
    std::string values = ":id, :org_id, :created_by, :created_at";
    for (std::string_view c : kWrittenColumns) {
      columns.append(", ").append(c);
      values.append(", :").append(c);
    }
    return "INSERT INTO contacts (" + columns + ") VALUES (" + values + ")";
  }();
  return kText;
}

const std::string& contactUpdateSql() {
  static const std::string kText = [] {
    std::string sets;
    for (std::string_view c : kWrittenColumns) {
      sets.append(sets.empty() ? "" : ", ").append(c).append(" = :").append(c);
    }
    return "UPDATE contacts SET " + sets +
           " WHERE id = :id AND org_id = :org_id AND version = :expected";
  }();
  return kText;
}

void insertMultiValues(soci::session& sql, const domain::Contact& c) {
  insertContactCodes(sql, c);
  insertContactReferrals(sql, c);
}

void loadMultiValues(soci::session& sql, std::vector<ContactRow>& rows) {
  if (rows.empty()) {
    return;
  }
  std::map<std::string, domain::ContactInput*, std::less<>> by_id;
  std::vector<std::string> ids;
  ids.reserve(rows.size());
  for (ContactRow& r : rows) {
    by_id[r.contact.id] = &r.contact.data;
    ids.push_back(r.contact.id);
  }
  for (std::size_t begin = 0; begin < ids.size(); begin += kIdsPerQuery) {
    const std::size_t end = std::min(ids.size(), begin + kIdsPerQuery);
    {
      std::string contact_id, list, code;
      soci::statement st(sql);
      intoEach(st, contact_id, list, code);
      const std::string in = bindIds(st, ids, begin, end);
      prepareAndExecute(st, "SELECT contact_id, list, code FROM contact_codes WHERE contact_id" +
                                in + " ORDER BY contact_id, list, code");
      while (st.fetch()) {
        auto it = by_id.find(contact_id);
        if (it == by_id.end()) {
          continue;
        }
        if (auto* field = listField(*it->second, list)) {
          field->push_back(code);
        }
      }
    }
    {
      std::string contact_id, agency_id;
      soci::statement st(sql);
      intoEach(st, contact_id, agency_id);
      const std::string in = bindIds(st, ids, begin, end);
      prepareAndExecute(st, "SELECT contact_id, agency_id FROM contact_referrals WHERE contact_id" +
                                in + " ORDER BY contact_id, agency_id");
      while (st.fetch()) {
        auto it = by_id.find(contact_id);
        if (it != by_id.end()) {
          it->second->referral_agency_ids.push_back(agency_id);
        }
      }
    }
  }
}

std::vector<ContactRow> fetchContactRows(soci::session& sql, soci::statement& st,
                                         ContactColumns& cols) {
  std::vector<ContactRow> out;
  while (st.fetch()) {
    out.push_back(cols.toRow());
  }
  loadMultiValues(sql, out);
  return out;
}

}  // namespace strada::store::detail
