// Contact lists, supervision queries and the statistics rollup on the backend named by
// STRADA_TEST_BACKEND: every filter of searchContacts, keyset pages with ties, and
// adjustContactStats through the contact write path (insert, a changed category, a finalised
// draft, a non-data contact), checked against rebuildContactStats.
#include "store/contact_queries.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <utility>

#include "domain/time.h"
#include "store/contact_repository.h"
#include "store/contact_stats.h"
#include "store/migrations.h"
#include "store/repositories.h"
#include "support/test_db.h"

namespace strada::store {
namespace {

template <class Fn>
auto onReader(Database& db, Fn fn) {
  std::optional<decltype(fn(std::declval<soci::session&>()))> out;
  db.read([&](soci::session& sql) { out.emplace(fn(sql)); });
  return std::move(*out);
}

constexpr domain::UnixMillis kT0 = 1767225600000;  // 2026-01-01T00:00:00Z
constexpr domain::UnixMillis kHour = 3600000;
constexpr domain::UnixMillis kDay = 24 * kHour;

std::string idOf(int n) {
  std::string s = std::to_string(n);
  return std::string(32 - s.size(), '0') + s;
}

const std::string kUserA = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1";
const std::string kUserB = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa2";

domain::Contact dataContact(int n, domain::UnixMillis started_at) {
  domain::Contact c;
  c.id = idOf(n);
  c.org_id = "org-a";
  c.created_by = kUserA;
  c.created_at = started_at + 60000;
  c.updated_at = c.created_at;
  c.finalised_at = c.created_at;
  c.code_version = "test";
  auto& d = c.data;
  d.channel = "phone";
  d.started_at = started_at;
  d.duration_s = 120;
  d.category = "safe_migration";
  d.caller_type = "possible_victim";
  d.language = "en";
  d.summary = "";
  return c;
}

domain::Contact nonDataContact(int n, domain::UnixMillis started_at, const std::string& type) {
  domain::Contact c = dataContact(n, started_at);
  c.data.kind = std::string(domain::kKindNonData);
  c.data.non_data_type = type;
  c.data.category.clear();
  c.data.caller_type.clear();
  c.data.language.clear();
  return c;
}

using Cells = std::map<std::tuple<std::int64_t, std::string, std::string>, std::int64_t>;

class ContactQueriesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = db().write([](WriteContext& w) -> domain::Status {
      for (const auto& [id, code] : {std::pair{"org-a", "CQ-A"}, std::pair{"org-b", "CQ-B"}}) {
        domain::Organisation org{id, code, "Hotline", "NL", {"en"}, 1700000000000};
        if (auto st = insertOrganisation(w, org); !st) {
          return st;
        }
      }
      for (const auto& [id, org] : {std::pair{kUserA, "org-a"}, std::pair{kUserB, "org-a"},
                                    std::pair{std::string(32, 'b'), "org-b"}}) {
        UserRecord r;
        r.user = {id, org, id + "@example.org", "User", {domain::Role::kConsultant}, true, 0, ""};
        if (auto st = insertUser(w, r); !st) {
          return st;
        }
      }
      return {};
    });
    ASSERT_TRUE(s) << s.error().detail;
  }

  void insert(const domain::Contact& c) {
    ContactRow row;
    row.contact = c;
    auto s = db().write([&](WriteContext& w) { return insertContact(w, row); });
    ASSERT_TRUE(s) << s.error().detail;
  }

  void update(domain::Contact c) {
    ContactRow row;
    const std::int32_t expected = c.version;
    c.version = expected + 1;
    row.contact = c;
    auto s = db().write([&](WriteContext& w) { return updateContact(w, row, expected); });
    ASSERT_TRUE(s) << s.error().detail;
  }

  std::vector<std::string> search(ContactFilter f) {
    if (f.org_id.empty()) {
      f.org_id = "org-a";
    }
    auto r = onReader(db(), [&](soci::session& sql) { return searchContacts(sql, f); });
    EXPECT_TRUE(r) << r.error().detail;
    std::vector<std::string> ids;
    if (r) {
      for (const auto& c : *r) {
        ids.push_back(c.id);
      }
    }
    return ids;
  }

  // Every id the filter lists, page after page (keyset), in order.
  std::vector<std::string> pages(ContactFilter f) {
    std::vector<std::string> seen;
    for (int page = 0; page < 20; ++page) {
      auto r = onReader(db(), [&](soci::session& sql) { return searchContacts(sql, f); });
      EXPECT_TRUE(r) << r.error().detail;
      if (!r) {
        break;
      }
      for (const auto& c : *r) {
        seen.push_back(c.id);
      }
      if (r->size() < static_cast<std::size_t>(f.limit)) {
        break;
      }
      f.after = ContactCursor{r->back().data.started_at, r->back().id};
    }
    return seen;
  }

  // Every non-zero cell of org-a, per day (or per month: keyed by the month's first day).
  Cells cells(bool monthly = false) {
    Cells out;
    db().read([&](soci::session& sql) {
      long long day = 0, n = 0;
      std::string dimension, code;
      soci::statement st =
          (sql.prepare << (monthly ? "SELECT month, dimension, code, n FROM "
                                     "contact_stats_monthly WHERE org_id = 'org-a'"
                                   : "SELECT day, dimension, code, n FROM "
                                     "contact_stats_daily WHERE org_id = 'org-a'"),
           soci::into(day), soci::into(dimension), soci::into(code), soci::into(n));
      st.execute();
      while (st.fetch()) {
        if (n != 0) {
          out[{day, dimension, code}] = n;
        }
      }
    });
    return out;
  }

  Database& db() { return t_.db(); }
  testing::TestDatabase t_;
};

TEST_F(ContactQueriesTest, EachFilterSelectsItsContacts) {
  auto c1 = dataContact(1, kT0 + 1 * kHour);
  c1.data.category = "tip";
  c1.data.channel = "chat";
  c1.data.caller_country = "RO";
  c1.data.destination_country = "DE";
  c1.data.exploitation = {"ForcedLabour", "SexualExploitation"};
  c1.data.outcome = "referred";
  c1.data.imminent_danger = true;
  auto c2 = dataContact(2, kT0 + 2 * kHour);
  c2.created_by = kUserB;
  c2.data.caller_type = "family_member";
  c2.data.destination_country = "NL";
  c2.data.exploitation = {"ForcedLabour"};
  c2.data.follow_up_needed = true;
  c2.data.follow_up_due = kT0 + 10 * kDay;  // due (after "now" below)
  auto c3 = dataContact(3, kT0 + 3 * kHour);
  c3.data.follow_up_needed = true;
  c3.data.follow_up_due = kT0 + 1 * kDay;  // overdue
  auto c4 = nonDataContact(4, kT0 + 4 * kHour, "silent");
  auto c5 = dataContact(5, kT0 + 5 * kHour);
  c5.data.status = std::string(domain::kStatusDraft);
  c5.finalised_at.reset();
  auto other = dataContact(6, kT0 + 6 * kHour);
  other.org_id = "org-b";
  other.created_by = std::string(32, 'b');
  for (const auto& c : {c1, c2, c3, c4, c5, other}) {
    insert(c);
  }
  using V = std::vector<std::string>;
  EXPECT_EQ(search({}), (V{idOf(4), idOf(3), idOf(2), idOf(1)}));  // final, org-a, newest first
  ContactFilter f;
  f.category = "tip";
  EXPECT_EQ(search(f), V{idOf(1)});
  f = {};
  f.channel = "chat";
  EXPECT_EQ(search(f), V{idOf(1)});
  f = {};
  f.consultant = kUserB;
  EXPECT_EQ(search(f), V{idOf(2)});
  f = {};
  f.kind = "non_data";
  EXPECT_EQ(search(f), V{idOf(4)});
  f = {};
  f.caller_type = "family_member";
  EXPECT_EQ(search(f), V{idOf(2)});
  f = {};
  f.caller_country = "RO";
  EXPECT_EQ(search(f), V{idOf(1)});
  f = {};
  f.destination_country = "NL";
  EXPECT_EQ(search(f), V{idOf(2)});
  f = {};
  f.exploitation = "ForcedLabour";
  EXPECT_EQ(search(f), (V{idOf(2), idOf(1)}));
  f.exploitation = "SexualExploitation";
  EXPECT_EQ(search(f), V{idOf(1)});
  f = {};
  f.outcome = "referred";
  EXPECT_EQ(search(f), V{idOf(1)});
  f = {};
  f.imminent_danger = true;
  EXPECT_EQ(search(f), V{idOf(1)});
  f.imminent_danger = false;
  EXPECT_EQ(search(f), (V{idOf(4), idOf(3), idOf(2)}));
  f = {};
  f.now = kT0 + 5 * kDay;
  f.follow_up = FollowUpFilter::kDue;
  EXPECT_EQ(search(f), V{idOf(2)});
  f.follow_up = FollowUpFilter::kOverdue;
  EXPECT_EQ(search(f), V{idOf(3)});
  f.follow_up = FollowUpFilter::kOpen;
  EXPECT_EQ(search(f), (V{idOf(3), idOf(2)}));
  f.follow_up = FollowUpFilter::kNone;
  EXPECT_EQ(search(f), (V{idOf(4), idOf(1)}));
  f = {};
  f.from = kT0 + 2 * kHour;
  f.to = kT0 + 4 * kHour;
  EXPECT_EQ(search(f), (V{idOf(3), idOf(2)}));
  f = {};
  f.status = std::string(domain::kStatusDraft);
  EXPECT_EQ(search(f), V{idOf(5)});
  f.status.clear();
  EXPECT_EQ(search(f).size(), 5u);
  f.drafts_of = kUserB;  // c5 is kUserA's draft: hidden from B
  EXPECT_EQ(search(f).size(), 4u);
  f.drafts_of = kUserA;
  EXPECT_EQ(search(f).size(), 5u);
  f = {};
  f.category = "tip";
  f.channel = "phone";  // both must hold
  EXPECT_TRUE(search(f).empty());
  f = {};
  f.org_id = "org-b";
  EXPECT_EQ(search(f), V{idOf(6)});

  // The list carries the multi-valued codes.
  ContactFilter one;
  one.org_id = "org-a";
  one.category = "tip";
  auto rows = onReader(db(), [&](soci::session& sql) { return searchContacts(sql, one); });
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ(rows->front().data.exploitation,
            (std::vector<std::string>{"ForcedLabour", "SexualExploitation"}));
  EXPECT_TRUE(rows->front().data.summary.empty());
}

TEST_F(ContactQueriesTest, KeysetPagesVisitEveryRowOnceWithTies) {
  // Eleven contacts, three sharing one instant: pages of four. Every one is coded ForcedLabour,
  // so the same pages must come when the form of exploitation drives the page from
  // contact_codes (another code, and another organisation's rows, must not interfere).
  for (int i = 1; i <= 11; ++i) {
    auto c = dataContact(i, kT0 + (i <= 3 ? 0 : i) * kHour);
    c.data.exploitation = {"ForcedLabour"};
    insert(c);
  }
  auto other = dataContact(12, kT0 + 5 * kHour);
  other.data.exploitation = {"ForcedBegging"};
  insert(other);
  for (const std::string& code : {std::string(), std::string("ForcedLabour")}) {
    SCOPED_TRACE("exploitation=" + code);
    ContactFilter f;
    f.org_id = "org-a";
    f.limit = 4;
    f.exploitation = code;
    f.to = kT0 + 100 * kHour;
    const std::vector<std::string> seen = pages(f);
    std::vector<std::string> expected;
    for (int i = 11; i >= 1; --i) {
      if (code.empty() && i == 5) {
        expected.push_back(idOf(12));  // same instant as 5, bigger id: first
      }
      expected.push_back(idOf(i));
    }
    EXPECT_EQ(seen, expected);
  }
}

TEST_F(ContactQueriesTest, FormOfExploitationCombinesWithOtherFilters) {
  for (int i = 1; i <= 8; ++i) {
    auto c = dataContact(i, kT0 + i * kHour);
    c.data.exploitation = i % 2 == 0 ? std::vector<std::string>{"ForcedBegging", "ForcedLabour"}
                                     : std::vector<std::string>{"ForcedLabour"};
    c.data.channel = i <= 4 ? "chat" : "phone";
    insert(c);
  }
  ContactFilter f;
  f.org_id = "org-a";
  f.limit = 2;
  f.exploitation = "ForcedBegging";
  f.channel = "phone";
  f.from = kT0 + 5 * kHour;
  EXPECT_EQ(pages(f), (std::vector<std::string>{idOf(8), idOf(6)}));
  f.from.reset();
  f.channel = "chat";
  EXPECT_EQ(pages(f), (std::vector<std::string>{idOf(4), idOf(2)}));
  f.org_id = "org-b";
  EXPECT_TRUE(pages(f).empty()) << "never another organisation's contacts";
}

// On SQLite a common code combined with a rare value of another filter walks that filter's index
// and checks the code per row; the rows, their order and the pages are the same either way.
TEST_F(ContactQueriesTest, CommonCodeWithARareFilterGivesTheSameRowsWhicheverIndexIsWalked) {
  for (int i = 1; i <= 14; ++i) {
    // Pairs of contacts share a start time: the pages must break the ties by id.
    auto c = dataContact(i, kT0 + ((i + 1) / 2) * kHour);
    c.data.exploitation = i == 7 ? std::vector<std::string>{"ForcedBegging"}
                                 : std::vector<std::string>{"ForcedLabour", "ForcedBegging"};
    c.data.channel = (i == 2 || i == 3 || i == 7 || i == 10 || i == 11) ? "sms" : "phone";
    c.data.category = i == 11 ? "crisis" : "safe_migration";
    insert(c);
  }
  auto draft = dataContact(15, kT0 + 9 * kHour);
  draft.data.status = std::string(domain::kStatusDraft);
  draft.finalised_at = 0;
  draft.created_by = kUserB;
  draft.data.exploitation = {"ForcedLabour"};
  draft.data.channel = "sms";
  insert(draft);

  auto walked = [&](const ContactFilter& f) {
    return onReader(db(),
                    [&](soci::session& sql) { return detail::exploitationListIndex(sql, f); });
  };
  const bool sqlite =
      onReader(db(), [](soci::session& sql) { return sql.get_backend_name() == "sqlite3"; });
  ContactFilter f;
  f.org_id = "org-a";
  f.status.clear();
  f.drafts_of = kUserA;
  f.limit = 2;
  f.exploitation = "ForcedLabour";  // 13 final contacts
  f.channel = "sms";                // 5, so its index is walked
  if (sqlite) {
    EXPECT_EQ(walked(f), "contacts_channel_idx");
  }
  const std::vector<std::string> sms_forced_labour = {idOf(11), idOf(10), idOf(3), idOf(2)};
  EXPECT_EQ(pages(f), sms_forced_labour) << "no draft of another user, no sms without the code";
  f.drafts_of = kUserB;
  EXPECT_EQ(pages(f).front(), idOf(15)) << "one's own draft is listed";
  f.drafts_of = kUserA;
  f.from = kT0 + 2 * kHour;
  f.to = kT0 + 7 * kHour;  // 2 starts at 1 h, 3 at 2 h, 10 at 5 h, 11 at 6 h
  EXPECT_EQ(pages(f), (std::vector<std::string>{idOf(11), idOf(10), idOf(3)}));
  f.from.reset();
  f.to.reset();
  f.category = "crisis";  // 1: the category's index is walked
  if (sqlite) {
    EXPECT_EQ(walked(f), "contacts_category_idx");
  }
  EXPECT_EQ(pages(f), (std::vector<std::string>{idOf(11)}));
  f.category.clear();

  // A rare code with a common filter keeps to the code's page index.
  f.exploitation = "ForcedBegging";  // 14
  f.channel = "phone";               // 9: not clearly fewer
  if (sqlite) {
    EXPECT_EQ(walked(f), "contact_codes_page_idx");
  }
  EXPECT_EQ(pages(f).size(), 9U);
  f.exploitation = "Servitude";  // none yet: nothing to walk
  if (sqlite) {
    EXPECT_EQ(walked(f), "contact_codes_page_idx");
  }
  EXPECT_TRUE(pages(f).empty());
  f.org_id = "org-b";
  f.exploitation = "ForcedLabour";
  f.channel = "sms";
  EXPECT_TRUE(pages(f).empty()) << "never another organisation's contacts";
}

TEST_F(ContactQueriesTest, KeysetPagesWithoutAFilter) {
  for (int i = 1; i <= 11; ++i) {
    insert(dataContact(i, kT0 + (i <= 3 ? 0 : i) * kHour));
  }
  std::vector<std::string> seen;
  ContactFilter f;
  f.org_id = "org-a";
  f.limit = 4;
  for (int page = 0; page < 10; ++page) {
    auto r = onReader(db(), [&](soci::session& sql) { return searchContacts(sql, f); });
    ASSERT_TRUE(r) << r.error().detail;
    for (const auto& c : *r) {
      seen.push_back(c.id);
    }
    if (r->size() < 4) {
      break;
    }
    f.after = ContactCursor{r->back().data.started_at, r->back().id};
  }
  std::vector<std::string> expected;
  for (int i = 11; i >= 1; --i) {
    expected.push_back(idOf(i));
  }
  EXPECT_EQ(seen, expected);
}

TEST_F(ContactQueriesTest, StatsFollowInsertUpdateFinaliseAndNonData) {
  const std::int64_t day = dayOf(kT0 + kHour);
  auto c1 = dataContact(1, kT0 + kHour);
  c1.data.exploitation = {"ForcedLabour"};
  c1.data.destination_country = "DE";
  c1.data.outcome = "resolved";
  insert(c1);
  Cells expected = {{{day, "total", ""}, 1},
                    {{day, "kind", "data"}, 1},
                    {{day, "channel", "phone"}, 1},
                    {{day, "category", "safe_migration"}, 1},
                    {{day, "caller_type", "possible_victim"}, 1},
                    {{day, "destination_country", "DE"}, 1},
                    {{day, "outcome", "resolved"}, 1},
                    {{day, "exploitation", "ForcedLabour"}, 1}};
  EXPECT_EQ(cells(), expected);

  // An update that changes the category moves one cell.
  c1.data.category = "tip";
  update(c1);
  c1.version += 1;
  expected.erase({day, "category", "safe_migration"});
  expected[{day, "category", "tip"}] = 1;
  EXPECT_EQ(cells(), expected);

  // A draft counts nowhere until it is finalised.
  auto draft = dataContact(2, kT0 + kDay + kHour);
  draft.data.status = std::string(domain::kStatusDraft);
  draft.finalised_at.reset();
  insert(draft);
  EXPECT_EQ(cells(), expected);
  draft.data.status = std::string(domain::kStatusFinal);
  draft.finalised_at = kT0 + kDay + 2 * kHour;
  update(draft);
  const std::int64_t day2 = day + 1;
  for (const auto& [dimension, code] :
       std::vector<std::pair<std::string, std::string>>{{"total", ""},
                                                        {"kind", "data"},
                                                        {"channel", "phone"},
                                                        {"category", "safe_migration"},
                                                        {"caller_type", "possible_victim"}}) {
    expected[{day2, dimension, code}] = 1;
  }
  EXPECT_EQ(cells(), expected);

  // A non-data contact: total, kind, channel and its type only.
  insert(nonDataContact(3, kT0 + kHour + 5, "hang_up"));
  expected[{day, "total", ""}] = 2;
  expected[{day, "kind", "non_data"}] = 1;
  expected[{day, "channel", "phone"}] = 2;
  expected[{day, "non_data_type", "hang_up"}] = 1;
  EXPECT_EQ(cells(), expected);

  // The rebuild, from scratch, agrees with the running figures.
  ASSERT_TRUE(db().write([](WriteContext& w) -> domain::Status {
    w.sql() << "UPDATE contact_stats_daily SET n = n + 7 WHERE dimension = 'total'";
    return {};
  }));
  std::int64_t batches = 0;
  auto rebuilt = rebuildContactStats(
      db(), [&](const RebuildProgress&) { ++batches; }, 1);
  ASSERT_TRUE(rebuilt) << rebuilt.error().detail;
  EXPECT_EQ(*rebuilt, 3);
  EXPECT_GE(batches, 2);
  EXPECT_EQ(cells(), expected);

  // And the API's queries sum them.
  auto per_day = onReader(db(), [&](soci::session& sql) {
    return statsSeries(sql, "org-a", day, day2, StatsSeriesUnit::kDay);
  });
  ASSERT_TRUE(per_day);
  std::int64_t total = 0;
  for (const auto& c : *per_day) {
    total += c.dimension == "total" ? c.n : 0;
  }
  EXPECT_EQ(total, 3);
  auto breakdowns =
      onReader(db(), [&](soci::session& sql) { return statsBreakdowns(sql, "org-a", day, day2); });
  ASSERT_TRUE(breakdowns);
  std::map<std::pair<std::string, std::string>, std::int64_t> sums;
  for (const auto& c : *breakdowns) {
    sums[{c.dimension, c.code}] = c.n;
  }
  EXPECT_EQ((sums[{"channel", "phone"}]), 3);
  EXPECT_EQ((sums[{"category", "tip"}]), 1);
  EXPECT_EQ((sums[{"category", "safe_migration"}]), 1);
  EXPECT_EQ(sums.count({"total", ""}), 0u);
}

// The daily cells summed per month, and per dimension/code over [lo, hi].
Cells monthsOf(const Cells& days) {
  Cells out;
  for (const auto& [key, n] : days) {
    out[{domain::monthStartDay(std::get<0>(key)), std::get<1>(key), std::get<2>(key)}] += n;
  }
  return out;
}

std::map<std::pair<std::string, std::string>, std::int64_t> sumOver(const Cells& days,
                                                                    std::int64_t lo,
                                                                    std::int64_t hi) {
  std::map<std::pair<std::string, std::string>, std::int64_t> out;
  for (const auto& [key, n] : days) {
    const auto& [day, dimension, code] = key;
    if (day >= lo && day <= hi) {
      out[{dimension, code}] += n;
    }
  }
  return out;
}

TEST_F(ContactQueriesTest, MonthlyRollupAgreesWithTheDaysAndServesWholeMonths) {
  // Contacts over four months of 2026, on month edges and inside months (kT0 is 1 January).
  const std::int64_t jan1 = dayOf(kT0);
  const std::vector<std::int64_t> offsets = {0, 14, 30, 31, 45, 58, 59, 70, 89, 90, 91, 100};
  int n = 0;
  for (std::int64_t offset : offsets) {
    auto c = dataContact(++n, kT0 + offset * kDay + kHour);
    c.data.category = n % 2 == 0 ? "tip" : "crisis";
    insert(c);
  }
  auto corrected = dataContact(1, kT0 + kHour);  // moved from January to March
  corrected.data.started_at = kT0 + 65 * kDay;
  update(corrected);

  const Cells days = cells();
  EXPECT_EQ(cells(true), monthsOf(days));

  // A period with partial months at both ends (20 January to 3 April) and one from the first
  // of a month to the last day of another (1 February to 31 March).
  for (const auto& [lo, hi] : std::vector<std::pair<std::int64_t, std::int64_t>>{
           {jan1 + 19, jan1 + 92}, {jan1 + 31, jan1 + 89}, {jan1 + 2, jan1 + 20}}) {
    for (StatsSeriesUnit unit : {StatsSeriesUnit::kDay, StatsSeriesUnit::kMonth}) {
      auto series = onReader(
          db(), [&](soci::session& sql) { return statsSeries(sql, "org-a", lo, hi, unit); });
      ASSERT_TRUE(series) << series.error().detail;
      std::int64_t total = 0;
      for (const auto& c : *series) {
        EXPECT_GE(c.day, lo);
        EXPECT_LE(c.day, hi);
        total += c.dimension == "total" ? c.n : 0;
      }
      EXPECT_EQ(total, (sumOver(days, lo, hi)[{"total", ""}])) << lo << ".." << hi;
    }
    auto breakdowns =
        onReader(db(), [&](soci::session& sql) { return statsBreakdowns(sql, "org-a", lo, hi); });
    ASSERT_TRUE(breakdowns) << breakdowns.error().detail;
    auto expected = sumOver(days, lo, hi);
    expected.erase({"total", ""});
    expected.erase({"kind", "data"});
    expected.erase({"kind", "non_data"});
    std::map<std::pair<std::string, std::string>, std::int64_t> got;
    for (const auto& c : *breakdowns) {
      got[{c.dimension, c.code}] = c.n;
    }
    EXPECT_EQ(got, expected) << lo << ".." << hi;
  }

  // The rebuild restores a damaged monthly rollup from the contacts.
  ASSERT_TRUE(db().write([](WriteContext& w) -> domain::Status {
    w.sql() << "UPDATE contact_stats_monthly SET n = n + 5";
    return {};
  }));
  ASSERT_TRUE(rebuildContactStats(
      db(), [](const RebuildProgress&) {}, 1));
  EXPECT_EQ(cells(true), monthsOf(days));
  EXPECT_EQ(cells(), days);
}

// Migration 0007 fills the monthly rollup from the daily one with each backend's own calendar
// SQL: it must put every day in the month the C++ calendar does (leap days, year ends, 1969).
TEST_F(ContactQueriesTest, MigrationSevenBackfillsMonthsLikeTheCalendar) {
  const std::vector<std::int64_t> days = {
      domain::daysFromCivil(1969, 12, 31), domain::daysFromCivil(1970, 1, 1),
      domain::daysFromCivil(2026, 1, 31),  domain::daysFromCivil(2026, 2, 1),
      domain::daysFromCivil(2028, 2, 29),  domain::daysFromCivil(2028, 3, 1),
      domain::daysFromCivil(2026, 12, 31), domain::daysFromCivil(2027, 1, 1)};
  ASSERT_TRUE(db().write([&](WriteContext& w) -> domain::Status {
    long long n = 1;
    for (std::int64_t d : days) {
      const long long day = d;
      w.sql() << "INSERT INTO contact_stats_daily (org_id, day, dimension, code, n) "
                 "VALUES ('org-a', :day, 'total', '', :n)",
          soci::use(day), soci::use(n);
      n *= 2;
    }
    w.sql() << "DELETE FROM contact_stats_monthly";
    return {};
  }));
  auto migrations = selectMigrations(embeddedMigrationFiles(), db().backend());
  ASSERT_TRUE(migrations);
  const auto seven = std::find_if(migrations->begin(), migrations->end(),
                                  [](const Migration& m) { return m.version == 7; });
  ASSERT_NE(seven, migrations->end());
  const auto backfill =
      std::find_if(seven->statements.begin(), seven->statements.end(), [](const std::string& s) {
        return s.find("INSERT INTO contact_stats_monthly") != std::string::npos;
      });
  ASSERT_NE(backfill, seven->statements.end());
  ASSERT_TRUE(db().write([&](WriteContext& w) -> domain::Status {
    w.sql() << *backfill;
    return {};
  }));
  EXPECT_EQ(cells(true), monthsOf(cells()));
  EXPECT_EQ(cells(true).size(), 8u);  // every day in a month of its own
}

TEST_F(ContactQueriesTest, FollowUpsAndStaleDrafts) {
  auto due = dataContact(1, kT0);
  due.data.follow_up_needed = true;
  due.data.follow_up_due = kT0 + 3 * kDay;
  auto sooner = dataContact(2, kT0 + kHour);
  sooner.data.follow_up_needed = true;
  sooner.data.follow_up_due = kT0 + kDay;
  auto draft = dataContact(3, kT0);
  draft.data.status = std::string(domain::kStatusDraft);
  draft.created_at = kT0;
  auto fresh_draft = dataContact(4, kT0);
  fresh_draft.data.status = std::string(domain::kStatusDraft);
  fresh_draft.created_at = kT0 + 10 * kHour;
  for (const auto& c : {due, sooner, draft, fresh_draft}) {
    insert(c);
  }
  auto open =
      onReader(db(), [](soci::session& sql) { return listOpenFollowUps(sql, "org-a", 10); });
  ASSERT_TRUE(open);
  ASSERT_EQ(open->size(), 2u);
  EXPECT_EQ((*open)[0].id, idOf(2));  // soonest first

  auto stale = onReader(
      db(), [](soci::session& sql) { return listStaleDrafts(sql, "org-a", kT0 + 4 * kHour, 10); });
  ASSERT_TRUE(stale);
  ASSERT_EQ(stale->size(), 1u);
  EXPECT_EQ(stale->front().id, idOf(3));

  auto done = db().write([](WriteContext& w) { return markFollowUpDone(w, "org-a", idOf(2)); });
  ASSERT_TRUE(done) << done.error().detail;
  auto again = db().write([](WriteContext& w) { return markFollowUpDone(w, "org-a", idOf(2)); });
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, domain::ErrorCode::kConflict);
  auto elsewhere =
      db().write([](WriteContext& w) { return markFollowUpDone(w, "org-b", idOf(1)); });
  ASSERT_FALSE(elsewhere);
  EXPECT_EQ(elsewhere.error().code, domain::ErrorCode::kNotFound);
  open = onReader(db(), [](soci::session& sql) { return listOpenFollowUps(sql, "org-a", 10); });
  ASSERT_TRUE(open);
  ASSERT_EQ(open->size(), 1u);
  EXPECT_EQ(open->front().id, idOf(1));
}

}  // namespace
}  // namespace strada::store
