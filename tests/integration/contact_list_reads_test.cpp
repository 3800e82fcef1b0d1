// What the review of the contact lists found, over real HTTP on both databases: every page of
// the list and of the supervisor's views is audited (names of filters and a row count, never a
// value); the list applies the draft rule of a single read; small counts in the statistics are
// suppressed for roles that may not see contacts; and the CSV export carries, beside its codes,
// their labels, the author's name and local times.
#include <soci/soci.h>

#include <algorithm>
#include <string>
#include <vector>

#include "domain/time.h"
#include "integration/suite.h"
#include "store/repositories.h"

namespace strada::testing {
namespace {

const char* const kAdminA = "admin@a.example.org";
const char* const kSecondConsultantA = "second.consultant@a.example.org";

class ContactListReadsTest : public DeploymentTest<ContactListReadsTest> {
 public:
  static std::vector<UserSpec> users() {
    auto all = standardUsers();
    all.push_back({kOrgA, kAdminA, "Ada Admin", {"org_admin"}});
    all.push_back({kOrgA, kSecondConsultantA, "Bert Consultant", {"consultant"}});
    return all;
  }

 protected:
  static std::string create(HttpClient& c, const boost::json::object& body) {
    return createdId(c, "/api/v1/contacts", body);
  }

  static bool contains(const std::vector<std::string>& v, const std::string& id) {
    return std::find(v.begin(), v.end(), id) != v.end();
  }

  // The object ids of the audit events with this action, in order.
  static std::vector<std::string> auditedObjects(const std::string& action) {
    std::vector<std::string> out;
    deployment().database().db().read([&](soci::session& sql) {
      auto s = store::forEachAuditEvent(sql, [&](const audit::AuditEvent& e) {
        if (e.input.action == action) {
          out.push_back(e.input.object_id);
        }
        return true;
      });
      EXPECT_TRUE(s);
    });
    return out;
  }

  // The cells of each line of a CSV body (RFC 4180 quoting).
  static std::vector<std::vector<std::string>> csvRows(const std::string& body) {
    std::vector<std::vector<std::string>> rows(1);
    std::string cell;
    bool quoted = false;
    for (std::size_t i = 0; i < body.size(); ++i) {
      const char c = body[i];
      if (quoted) {
        if (c == '"' && i + 1 < body.size() && body[i + 1] == '"') {
          cell += '"';
          ++i;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell += c;
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        rows.back().push_back(std::move(cell));
        cell.clear();
      } else if (c == '\r' && i + 1 < body.size() && body[i + 1] == '\n') {
        rows.back().push_back(std::move(cell));
        cell.clear();
        rows.emplace_back();
        ++i;
      } else {
        cell += c;
      }
    }
    rows.pop_back();  // after the last CRLF
    return rows;
  }

  // The cell of column `name` in `row`, by the header `header`.
  static std::string cellOf(const std::vector<std::string>& header,
                            const std::vector<std::string>& row, const std::string& name) {
    auto it = std::find(header.begin(), header.end(), name);
    EXPECT_NE(it, header.end()) << name;
    if (it == header.end()) {
      return {};
    }
    const auto i = static_cast<std::size_t>(it - header.begin());
    return i < row.size() ? row[i] : std::string();
  }
};

TEST_F(ContactListReadsTest, EveryListPageIsAuditedWithFilterNamesAndRowCountOnly) {
  HttpClient consultant = signedIn(kConsultantA);
  auto tip = validContact("2025-06-03T10:00:00Z");
  tip["category"] = "tip";
  create(consultant, tip);
  const auto before = auditedObjects("contact.list").size();
  const HttpResponse r = consultant.get(
      "/api/v1/contacts?from=2025-06-01T00:00:00Z&to=2025-07-01T00:00:00Z&category=tip&limit=10");
  ASSERT_EQ(r.status, 200u) << r.body;
  ASSERT_EQ(itemIds(r).size(), 1u);
  const auto events = auditedObjects("contact.list");
  ASSERT_EQ(events.size(), before + 1);
  EXPECT_EQ(events.back(), "rows=1;filters=from,to,category");

  // A bad request shows nothing, and records nothing.
  EXPECT_EQ(consultant.get("/api/v1/contacts?category=nonsense").status, 400u);
  EXPECT_EQ(auditedObjects("contact.list").size(), before + 1);
}

TEST_F(ContactListReadsTest, EverySupervisionViewIsAuditedWithItsNameAndRowCount) {
  HttpClient supervisor = signedIn(kSupervisorA);
  const auto before = auditedObjects("supervision.read").size();
  HttpResponse r = supervisor.get("/api/v1/supervision/today?tz_offset_minutes=60");
  ASSERT_EQ(r.status, 200u) << r.body;
  const std::size_t today_rows = itemIds(r).size();
  r = supervisor.get("/api/v1/supervision/follow-ups");
  ASSERT_EQ(r.status, 200u) << r.body;
  const std::size_t follow_up_rows = itemIds(r).size();
  r = supervisor.get("/api/v1/supervision/stale-drafts?older_than_hours=0");
  ASSERT_EQ(r.status, 200u) << r.body;
  const std::size_t stale_rows = itemIds(r).size();

  const auto events = auditedObjects("supervision.read");
  ASSERT_EQ(events.size(), before + 3);
  EXPECT_EQ(events[before],
            "view=today;rows=" + std::to_string(today_rows) + ";filters=tz_offset_minutes");
  EXPECT_EQ(events[before + 1],
            "view=follow-ups;rows=" + std::to_string(follow_up_rows) + ";filters=");
  EXPECT_EQ(events[before + 2],
            "view=stale-drafts;rows=" + std::to_string(stale_rows) + ";filters=older_than_hours");
}

TEST_F(ContactListReadsTest, OnlyASupervisorSeesOtherConsultantsDraftsInTheList) {
  HttpClient author = signedIn(kConsultantA);
  auto draft = validContact("2025-07-04T10:00:00Z");
  draft["status"] = "draft";
  const std::string draft_id = create(author, draft);
  const std::string query =
      "/api/v1/contacts?status=draft&from=2025-07-01T00:00:00Z&to=2025-08-01T00:00:00Z";

  EXPECT_TRUE(contains(itemIds(author.get(query)), draft_id));
  HttpClient supervisor = signedIn(kSupervisorA);
  EXPECT_TRUE(contains(itemIds(supervisor.get(query)), draft_id));
  HttpClient colleague = signedIn(kSecondConsultantA);
  EXPECT_FALSE(contains(itemIds(colleague.get(query)), draft_id));
  HttpClient officer = signedIn(kDataOfficerA);
  EXPECT_FALSE(contains(itemIds(officer.get(query)), draft_id));
}

TEST_F(ContactListReadsTest, SmallCountsAreSuppressedForRolesThatMayNotListContacts) {
  HttpClient consultant = signedIn(kConsultantA);
  auto lone = validContact("2022-06-01T08:00:00Z");
  lone["category"] = "tip";
  create(consultant, lone);
  for (int i = 0; i < 11; ++i) {
    create(consultant, validContact("2022-06-03T08:" + std::to_string(10 + i) + ":00Z"));
  }
  const std::string target = "/api/v1/stats/contacts?from=2022-06-01&to=2022-06-03&granularity=day";

  HttpClient admin = signedIn(kAdminA);
  HttpResponse r = admin.get(target);
  ASSERT_EQ(r.status, 200u) << r.body;
  const auto& o = r.json->as_object();
  EXPECT_EQ(o.at("small_counts_below").as_int64(), 11);
  const auto& series = o.at("series").as_array();
  ASSERT_EQ(series.size(), 3u);
  const auto& day1 = series[0].as_object();
  EXPECT_TRUE(day1.at("total").is_null()) << r.body;
  EXPECT_TRUE(day1.at("data").is_null());
  EXPECT_EQ(day1.at("non_data").as_int64(), 0);  // 0 stays 0
  EXPECT_EQ(boost::json::serialize(day1.at("suppressed")), R"(["total","data"])");
  EXPECT_EQ(series[1].as_object().at("total").as_int64(), 0);
  EXPECT_FALSE(series[1].as_object().contains("suppressed"));
  EXPECT_EQ(series[2].as_object().at("total").as_int64(), 11);
  for (const auto& cell : o.at("breakdowns").as_object().at("category").as_array()) {
    const auto& c = cell.as_object();
    if (c.at("code").as_string() == "tip") {
      EXPECT_TRUE(c.at("n").is_null());
      EXPECT_TRUE(c.at("suppressed").as_bool());
    } else if (c.at("code").as_string() == "safe_migration") {
      EXPECT_EQ(c.at("n").as_int64(), 11);
      EXPECT_FALSE(c.contains("suppressed"));
    }
  }

  // Those who may see the contacts themselves see every count.
  HttpClient officer = signedIn(kDataOfficerA);
  r = officer.get(target);
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_FALSE(r.json->as_object().contains("small_counts_below"));
  EXPECT_EQ(r.json->as_object().at("series").as_array()[0].as_object().at("total").as_int64(), 1);
}

TEST_F(ContactListReadsTest, ExportCarriesLabelsAuthorNamesAndLocalTimesBesideTheCodes) {
  HttpClient consultant = signedIn(kConsultantA);
  auto body = validContact("2025-08-07T09:30:00Z");
  body["exploitation"] = boost::json::array{"ForcedLabour"};
  const std::string id = create(consultant, body);
  const std::string period = "from=2025-08-01T00:00:00Z&to=2025-09-01T00:00:00Z";
  HttpClient supervisor = signedIn(kSupervisorA);

  HttpResponse r =
      supervisor.get("/api/v1/contacts/export.csv?" + period + "&lang=en&tz_offset_minutes=120");
  ASSERT_EQ(r.status, 200u) << r.body;
  auto rows = csvRows(r.body);
  ASSERT_EQ(rows.size(), 2u) << r.body;
  const auto& header = rows[0];
  // The original columns first, in their order: existing readers keep working.
  ASSERT_GE(header.size(), 28u);
  EXPECT_EQ(header[0], "id");
  EXPECT_EQ(header[24], "created_by");
  EXPECT_EQ(header[27], "code_version");
  const auto& row = rows[1];
  EXPECT_EQ(row.size(), header.size());
  EXPECT_EQ(cellOf(header, row, "id"), id);
  EXPECT_EQ(cellOf(header, row, "channel"), "phone");
  EXPECT_EQ(cellOf(header, row, "started_at"), "2025-08-07T09:30:00.000Z");
  EXPECT_EQ(cellOf(header, row, "started_at_local"), "2025-08-07T11:30:00+02:00");
  EXPECT_EQ(cellOf(header, row, "channel_label"), "Phone");
  EXPECT_EQ(cellOf(header, row, "category_label"), "Safe-migration advice");
  EXPECT_EQ(cellOf(header, row, "kind_label"), "Data contact");
  EXPECT_EQ(cellOf(header, row, "created_by_name"), "Anna Consultant");
  EXPECT_EQ(cellOf(header, row, "labels_language"), "en");
  EXPECT_EQ(r.body.find("@a.example.org"), std::string::npos);  // never an e-mail address

  // Without lang: the organisation's first language with labels (Dutch for ORG-A); without a
  // zone: the main zone of its country (the Netherlands), summer and winter time alike.
  r = supervisor.get("/api/v1/contacts/export.csv?" + period);
  ASSERT_EQ(r.status, 200u) << r.body;
  rows = csvRows(r.body);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(cellOf(rows[0], rows[1], "channel_label"), "Telefoon");
  EXPECT_EQ(cellOf(rows[0], rows[1], "started_at_local"), "2025-08-07T11:30:00+02:00");
  EXPECT_EQ(cellOf(rows[0], rows[1], "time_zone"), "Europe/Amsterdam");
  create(consultant, validContact("2025-01-07T09:30:00Z"));
  r = supervisor.get(
      "/api/v1/contacts/export.csv?from=2025-01-01T00:00:00Z&to=2025-02-01T00:00:00Z");
  rows = csvRows(r.body);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(cellOf(rows[0], rows[1], "started_at_local"), "2025-01-07T10:30:00+01:00");
  r = supervisor.get("/api/v1/contacts/export.csv?" + period + "&lang=ro&tz=America/New_York");
  rows = csvRows(r.body);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(cellOf(rows[0], rows[1], "channel_label"), "Telefon");
  EXPECT_EQ(cellOf(rows[0], rows[1], "started_at_local"), "2025-08-07T05:30:00-04:00");
  // Any UI language: Bulgarian labels as GET /api/v1/codes gives them.
  const HttpResponse codes = supervisor.get("/api/v1/codes?languages=bg,ar");
  ASSERT_EQ(codes.status, 200u);
  for (const char* lang : {"bg", "ar"}) {
    r = supervisor.get("/api/v1/contacts/export.csv?" + period + "&lang=" + lang);
    ASSERT_EQ(r.status, 200u) << r.body;
    rows = csvRows(r.body);
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(cellOf(rows[0], rows[1], "labels_language"), lang);
    EXPECT_EQ(cellOf(rows[0], rows[1], "channel_label"),
              std::string(codes.json->at("labels").at("channel").at("phone").at(lang).as_string()));
    EXPECT_EQ(
        cellOf(rows[0], rows[1], "category_label"),
        std::string(
            codes.json->at("labels").at("category").at("safe_migration").at(lang).as_string()));
  }
  r = supervisor.get("/api/v1/contacts/export.csv?" + period + "&tz_offset_minutes=-300");
  rows = csvRows(r.body);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(cellOf(rows[0], rows[1], "started_at_local"), "2025-08-07T04:30:00-05:00");
  EXPECT_EQ(cellOf(rows[0], rows[1], "time_zone"), "UTC-05:00");

  const std::string csv = "/api/v1/contacts/export.csv?";
  EXPECT_EQ(supervisor.get(csv + "lang=de").errorField(), "lang");
  EXPECT_EQ(supervisor.get(csv + "tz_offset_minutes=900").errorField(), "tz_offset_minutes");
  EXPECT_EQ(supervisor.get(csv + "tz_offset_minutes=x").errorField(), "tz_offset_minutes");
  EXPECT_EQ(supervisor.get(csv + "tz=Mars/Olympus_Mons").errorField(), "tz");
  EXPECT_EQ(supervisor.get(csv + "tz=..%2F..%2Fetc%2Fpasswd").errorField(), "tz");
  EXPECT_EQ(supervisor.get(csv + "tz=%2Fetc%2Flocaltime").errorField(), "tz");
  EXPECT_EQ(supervisor.get(csv + "tz=Europe/Amsterdam&tz_offset_minutes=60").errorField(), "tz");
}

}  // namespace
}  // namespace strada::testing
