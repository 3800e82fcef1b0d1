// Contact lists, export, supervision and statistics over real HTTP: filters and their 400s, a CSV
// export without sealed text (and audited), the supervisor's views and the follow-up mark, the
// statistics equal to what was logged, and who may do each.
#include <soci/soci.h>

#include <algorithm>
#include <string>
#include <vector>

#include "domain/time.h"
#include "integration/suite.h"
#include "store/repositories.h"

namespace strada::testing {
namespace {

class ContactListsTest : public DeploymentTest<ContactListsTest> {
 protected:
  static std::string create(HttpClient& c, const boost::json::object& body) {
    return createdId(c, "/api/v1/contacts", body);
  }

  static bool contains(const std::vector<std::string>& v, const std::string& id) {
    return std::find(v.begin(), v.end(), id) != v.end();
  }

  // Audit events with this action, in order.
  static std::vector<audit::AuditEvent> auditEvents(const std::string& action) {
    std::vector<audit::AuditEvent> out;
    deployment().database().db().read([&](soci::session& sql) {
      auto s = store::forEachAuditEvent(sql, [&](const audit::AuditEvent& e) {
        if (e.input.action == action) {
          out.push_back(e);
        }
        return true;
      });
      EXPECT_TRUE(s);
    });
    return out;
  }
};

TEST_F(ContactListsTest, FiltersSelectAndBadParametersAreNamed) {
  HttpClient c = signedIn(kConsultantA);
  auto tip = validContact("2025-02-03T10:00:00Z");
  tip["category"] = "tip";
  tip["destination_country"] = "DE";
  tip["exploitation"] = boost::json::array{"ForcedLabour"};
  const std::string tip_id = create(c, tip);
  auto chat = validContact("2025-02-03T11:00:00Z");
  chat["channel"] = "chat";
  const std::string chat_id = create(c, chat);
  const std::string period = "from=2025-02-01T00:00:00Z&to=2025-03-01T00:00:00Z";

  HttpResponse r = c.get("/api/v1/contacts?" + period + "&category=tip&channel=phone");
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(itemIds(r), std::vector<std::string>{tip_id});
  r = c.get("/api/v1/contacts?" + period + "&channel=chat");
  EXPECT_EQ(itemIds(r), std::vector<std::string>{chat_id});
  r = c.get("/api/v1/contacts?" + period + "&exploitation=ForcedLabour&destination_country=DE");
  EXPECT_EQ(itemIds(r), std::vector<std::string>{tip_id});
  r = c.get("/api/v1/contacts?" + period + "&follow_up=none&imminent_danger=false&limit=1");
  EXPECT_EQ(itemIds(r), std::vector<std::string>{chat_id});
  ASSERT_TRUE(r.json);
  const std::string cursor(r.json->as_object().at("next_cursor").as_string());
  r = c.get("/api/v1/contacts?" + period +
            "&follow_up=none&imminent_danger=false&limit=1&cursor=" + cursor);
  EXPECT_EQ(itemIds(r), std::vector<std::string>{tip_id});

  for (const auto& [query, field] : std::vector<std::pair<std::string, std::string>>{
           {"category=nonsense", "category"},
           {"channel=pigeon", "channel"},
           {"caller_country=XX", "caller_country"},
           {"exploitation=forcedlabour", "exploitation"},
           {"follow_up=soon", "follow_up"},
           {"imminent_danger=1", "imminent_danger"},
           {"status=deleted", "status"},
           {"consultant=someone", "consultant"},
           {"limit=0", "limit"},
           {"cursor=%21%21", "cursor"},
           {"from=yesterday", "from"},
           {"colour=red", "colour"}}) {
    r = c.get("/api/v1/contacts?" + query);
    EXPECT_EQ(r.status, 400u) << query << " " << r.body;
    EXPECT_TRUE(r.hasErrorShape()) << r.body;
    EXPECT_EQ(r.errorField(), field) << query;
  }
}

TEST_F(ContactListsTest, ExportHasCodedFieldsOnlyAndIsAudited) {
  HttpClient consultant = signedIn(kConsultantA);
  auto body = validContact("2025-04-07T09:30:00Z");
  body["summary"] = "MARKER-summary-5e1d caller said more";
  body["caller_identifier"] = "+31 6 9876 5432";
  body["caller_region"] = "MARKER-region-77ab";
  const std::string id = create(consultant, body);

  const std::string target =
      "/api/v1/contacts/export.csv?from=2025-04-01T00:00:00Z&to=2025-05-01T00:00:00Z";
  const HttpResponse denied = consultant.get(target);
  EXPECT_EQ(denied.status, 403u) << denied.body;

  const auto before = auditEvents("contact.export").size();
  HttpClient supervisor = signedIn(kSupervisorA);
  const HttpResponse r = supervisor.get(target);
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(r.header("content-type").value_or(""), "text/csv; charset=utf-8");
  EXPECT_NE(r.header("content-disposition").value_or("").find("attachment"), std::string::npos);
  EXPECT_EQ(r.body.rfind("id,started_at,status,kind,", 0), 0u) << r.body.substr(0, 200);
  EXPECT_NE(r.body.find(id), std::string::npos);
  EXPECT_NE(r.body.find("safe_migration"), std::string::npos);
  EXPECT_EQ(r.body.find("MARKER"), std::string::npos);
  EXPECT_EQ(r.body.find("9876"), std::string::npos);
  EXPECT_EQ(r.body.find("summary"), std::string::npos);

  const auto events = auditEvents("contact.export");
  ASSERT_EQ(events.size(), before + 1);
  EXPECT_EQ(events.back().input.object_id, "rows=1;filters=from,to");
  EXPECT_EQ(events.back().input.actor_user_id, deployment().userId(kSupervisorA));

  HttpClient officer = signedIn(kDataOfficerA);
  EXPECT_EQ(officer.get(target).status, 200u);
  EXPECT_EQ(officer.get(target + "&colour=red").status, 400u);
}

TEST_F(ContactListsTest, SupervisionViewsAndTheFollowUpMark) {
  HttpClient consultant = signedIn(kConsultantA);
  const domain::UnixMillis now = domain::nowMillis();
  auto body = validContact(domain::formatRfc3339(now - 60000));
  body["follow_up_needed"] = true;
  body["follow_up_due"] = domain::formatRfc3339(now + 86400000);
  const std::string id = create(consultant, body);
  auto draft = validContact(domain::formatRfc3339(now - 120000));
  draft["status"] = "draft";
  const std::string draft_id = create(consultant, draft);

  HttpClient supervisor = signedIn(kSupervisorA);
  HttpResponse r = supervisor.get("/api/v1/supervision/follow-ups");
  ASSERT_EQ(r.status, 200u) << r.body;
  ASSERT_TRUE(contains(itemIds(r), id));
  for (const auto& item : r.json->as_object().at("items").as_array()) {
    if (item.as_object().at("id").as_string() == id) {
      EXPECT_EQ(item.as_object().at("follow_up_state").as_string(), "due");
      EXPECT_FALSE(item.as_object().contains("summary"));
    }
  }
  r = supervisor.get("/api/v1/supervision/today?tz_offset_minutes=0");
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_TRUE(contains(itemIds(r), id));
  EXPECT_TRUE(contains(itemIds(r), draft_id));
  EXPECT_EQ(supervisor.get("/api/v1/supervision/today?tz_offset_minutes=9999").errorField(),
            "tz_offset_minutes");
  r = supervisor.get("/api/v1/supervision/stale-drafts?older_than_hours=0");
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_TRUE(contains(itemIds(r), draft_id));
  r = supervisor.get("/api/v1/supervision/stale-drafts");
  EXPECT_FALSE(contains(itemIds(r), draft_id));  // four hours by default
  EXPECT_EQ(supervisor.get("/api/v1/supervision/stale-drafts?older_than_hours=x").errorField(),
            "older_than_hours");

  HttpClient officer = signedIn(kDataOfficerA);
  EXPECT_EQ(officer.get("/api/v1/supervision/follow-ups").status, 200u);
  EXPECT_EQ(officer.post("/api/v1/contacts/" + id + "/follow-up-done", "").status, 403u);
  EXPECT_EQ(consultant.get("/api/v1/supervision/follow-ups").status, 403u);
  EXPECT_EQ(consultant.get("/api/v1/supervision/today").status, 403u);

  r = supervisor.post("/api/v1/contacts/" + id + "/follow-up-done", "");
  EXPECT_EQ(r.status, 204u) << r.body;
  r = supervisor.post("/api/v1/contacts/" + id + "/follow-up-done", "");
  EXPECT_EQ(r.status, 409u) << r.body;
  EXPECT_EQ(
      supervisor.post("/api/v1/contacts/" + std::string(32, 'f') + "/follow-up-done", "").status,
      404u);
  r = supervisor.get("/api/v1/supervision/follow-ups");
  EXPECT_FALSE(contains(itemIds(r), id));
  const auto events = auditEvents("contact.follow_up_done");
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back().input.object_id, id);

  // Another organisation sees none of it.
  HttpClient other = signedIn(kConsultantB);
  EXPECT_FALSE(contains(itemIds(other.get("/api/v1/contacts?status=any")), id));
}

TEST_F(ContactListsTest, StatisticsEqualWhatWasLogged) {
  HttpClient consultant = signedIn(kConsultantA);
  auto a = validContact("2023-03-01T08:00:00Z");
  a["category"] = "tip";
  a["exploitation"] = boost::json::array{"ForcedLabour", "SexualExploitation"};
  create(consultant, a);
  create(consultant, validContact("2023-03-01T09:00:00Z"));
  create(consultant, validContact("2023-03-15T09:00:00Z"));
  auto changed = validContact("2023-04-02T09:00:00Z");
  create(consultant, changed);
  boost::json::object silent{{"kind", "non_data"},
                             {"non_data_type", "silent"},
                             {"channel", "phone"},
                             {"started_at", "2023-04-02T10:00:00Z"},
                             {"duration_s", 5}};
  create(consultant, silent);
  auto draft = validContact("2023-04-03T10:00:00Z");
  draft["status"] = "draft";
  create(consultant, draft);

  EXPECT_EQ(consultant.get("/api/v1/stats/contacts").status, 403u);
  HttpClient officer = signedIn(kDataOfficerA);
  HttpResponse r =
      officer.get("/api/v1/stats/contacts?from=2023-03-01&to=2023-04-30&granularity=month");
  ASSERT_EQ(r.status, 200u) << r.body;
  const auto& o = r.json->as_object();
  const auto& series = o.at("series").as_array();
  ASSERT_EQ(series.size(), 2u);
  EXPECT_EQ(series[0].as_object().at("period").as_string(), "2023-03");
  EXPECT_EQ(series[0].as_object().at("total").as_int64(), 3);
  EXPECT_EQ(series[0].as_object().at("data").as_int64(), 3);
  EXPECT_EQ(series[1].as_object().at("total").as_int64(), 2);  // the draft does not count
  EXPECT_EQ(series[1].as_object().at("non_data").as_int64(), 1);
  const auto& breakdowns = o.at("breakdowns").as_object();
  const auto count = [&](const char* dimension, const char* code) -> std::int64_t {
    for (const auto& cell : breakdowns.at(dimension).as_array()) {
      if (cell.as_object().at("code").as_string() == code) {
        return cell.as_object().at("n").as_int64();
      }
    }
    return 0;
  };
  EXPECT_EQ(count("category", "tip"), 1);
  EXPECT_EQ(count("category", "safe_migration"), 3);
  EXPECT_EQ(count("exploitation", "SexualExploitation"), 1);
  EXPECT_EQ(count("non_data_type", "silent"), 1);
  EXPECT_EQ(count("channel", "phone"), 5);
  EXPECT_TRUE(o.at("not_collected").as_array().empty());

  r = officer.get("/api/v1/stats/contacts?from=2023-03-01&to=2023-03-31&granularity=day");
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(r.json->as_object().at("series").as_array().size(), 31u);
  r = officer.get("/api/v1/stats/contacts?from=2023-02-27&to=2023-03-12&granularity=week");
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(r.json->as_object().at("series").as_array()[0].as_object().at("period").as_string(),
            "2023-W09");

  HttpClient supervisor = signedIn(kSupervisorA);
  EXPECT_EQ(supervisor.get("/api/v1/stats/contacts?granularity=year").status, 200u);
  EXPECT_EQ(officer.get("/api/v1/stats/contacts?granularity=hour").errorField(), "granularity");
  EXPECT_EQ(officer.get("/api/v1/stats/contacts?from=2023-02-30").errorField(), "from");
  EXPECT_EQ(officer.get("/api/v1/stats/contacts?from=2023-03-02&to=2023-03-01").errorField(), "to");
  HttpClient case_worker = signedIn(kCaseWorkerA);
  EXPECT_EQ(case_worker.get("/api/v1/stats/contacts").status, 403u);
}

}  // namespace
}  // namespace strada::testing
