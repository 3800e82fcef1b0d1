// A case's tasks over real HTTP, on SQLite and PostgreSQL: the title sealed under the client's
// key, fields refused by name, who may see and change them, a stale change answered 409 with the
// task as `current`, the timeline, and the caller's open tasks across cases.
#include <soci/soci.h>

#include <string>
#include <vector>

#include "crypto/crypto.h"
#include "integration/suite.h"

namespace strada::testing {
namespace {

namespace json = boost::json;

constexpr const char* kWorker2A = "tasks.worker2@a.example.org";
constexpr const char* kWorkerB = "tasks.worker@b.example.org";

class CaseTasksTest : public DeploymentTest<CaseTasksTest> {
 public:
  static std::vector<UserSpec> users() {
    auto users = standardUsers();
    users.push_back({kOrgA, kWorker2A, "Tia Worker", {"case_worker"}});
    users.push_back({kOrgB, kWorkerB, "Bo Worker", {"case_worker"}});
    return users;
  }

 protected:
  static std::string newCase(HttpClient& c) {
    const std::string tag = crypto::toHex(crypto::randomBytes(4));
    const std::string client =
        createdId(c, "/api/v1/clients",
                  {{"person", {{"full_name", "Task Person " + tag}}}, {"coded", json::object{}}});
    return createdId(c, "/api/v1/cases",
                     {{"client_id", client},
                      {"referral", {{"source_type", "ngo"}, {"referred_on", "2024-05-01"}}}});
  }
  static HttpResponse put(HttpClient& c, const std::string& target, const json::object& body) {
    return c.request("PUT", target, toJson(body), CsrfMode::kSession);
  }
};

TEST_F(CaseTasksTest, ATaskIsSealedListedTickedAndOnTheTimeline) {
  HttpClient worker = signedIn(kCaseWorkerA);
  const std::string id = newCase(worker);
  const std::string base = "/api/v1/cases/" + id + "/tasks";
  const std::string title = "Book the interpreter " + crypto::toHex(crypto::randomBytes(4));
  const HttpResponse added = worker.post(
      base, toJson({{"title", title}, {"due_on", "2020-01-12"}, {"kind", "interpreter"}}));
  ASSERT_EQ(added.status, 201u) << added.body;
  EXPECT_EQ(added.json->at("title"), json::value(title));
  EXPECT_EQ(added.json->at("assigned_to").at("id"), json::value(deployment().userId(kCaseWorkerA)));
  EXPECT_EQ(added.json->at("overdue"), true);
  EXPECT_EQ(added.json->at("version"), 0);
  const std::string task(added.json->at("id").as_string());
  // Sealed: the title is not in the database in the clear.
  long long clear = 0;
  const std::string pattern = "%" + title + "%";  // soci::use keeps a reference: a named value
  deployment().database().db().read([&](soci::session& sql) {
    sql << "SELECT COUNT(*) FROM case_tasks WHERE title_sealed LIKE :t", soci::into(clear),
        soci::use(pattern);
  });
  EXPECT_EQ(clear, 0);
  const HttpResponse list = worker.get(base);
  ASSERT_EQ(list.status, 200u) << list.body;
  EXPECT_EQ(list.json->at("items").at(0).at("title"), json::value(title));
  // Done with the version; the same version again is stale: 409 with the task as `current`.
  const HttpResponse done = put(worker, base + "/" + task, {{"done", true}, {"version", 0}});
  ASSERT_EQ(done.status, 200u) << done.body;
  EXPECT_EQ(done.json->at("done"), true);
  EXPECT_EQ(done.json->at("overdue"), false);
  EXPECT_EQ(done.json->at("version"), 1);
  const HttpResponse stale = put(worker, base + "/" + task, {{"done", false}, {"version", 0}});
  ASSERT_EQ(stale.status, 409u) << stale.body;
  EXPECT_EQ(stale.json->at("current").at("version"), 1);
  EXPECT_EQ(put(worker, base + "/nope", {{"done", true}, {"version", 1}}).status, 404u);
  // The timeline names the task and its completion, never its title.
  const HttpResponse timeline = worker.get("/api/v1/cases/" + id + "/timeline");
  ASSERT_EQ(timeline.status, 200u) << timeline.body;
  EXPECT_EQ(timeline.body.find(title), std::string::npos);
  EXPECT_NE(timeline.body.find("\"task_done\""), std::string::npos);
}

TEST_F(CaseTasksTest, FieldsAreRefusedByName) {
  HttpClient worker = signedIn(kCaseWorkerA);
  const std::string base = "/api/v1/cases/" + newCase(worker) + "/tasks";
  const auto field = [&](const json::object& body) {
    return worker.post(base, toJson(body)).errorField();
  };
  EXPECT_EQ(field({{"title", "  "}, {"due_on", "2030-01-01"}}), "title");
  EXPECT_EQ(field({{"title", std::string(501, 'x')}, {"due_on", "2030-01-01"}}), "title");
  EXPECT_EQ(field({{"title", "Call"}, {"due_on", "12 Jan"}}), "due_on");
  EXPECT_EQ(field({{"title", "Call"}, {"due_on", "2030-01-01"}, {"kind", "party"}}), "kind");
  EXPECT_EQ(field({{"title", "Call"},
                   {"due_on", "2030-01-01"},
                   {"assigned_to", deployment().userId(kDataOfficerA)}}),
            "assigned_to");
  EXPECT_EQ(field({{"title", "Call"},
                   {"due_on", "2030-01-01"},
                   {"assigned_to", deployment().userId(kWorkerB)}}),
            "assigned_to");
  EXPECT_EQ(put(worker, base + "/x", {{"version", 0}}).errorField(), "done");
}

TEST_F(CaseTasksTest, WhoMaySeeAndChangeTasks) {
  HttpClient worker = signedIn(kCaseWorkerA);
  const std::string id = newCase(worker);
  const std::string base = "/api/v1/cases/" + id + "/tasks";
  ASSERT_EQ(worker.post(base, toJson({{"title", "Court"}, {"due_on", "2030-01-12"}})).status, 201u);
  HttpClient supervisor = signedIn(kSupervisorA);
  EXPECT_EQ(supervisor.get(base).status, 200u);
  EXPECT_EQ(signedIn(kDataOfficerA).get(base).status, 403u);
  EXPECT_EQ(signedIn(kConsultantA).get(base).status, 403u);
  HttpClient other = signedIn(kWorker2A);
  EXPECT_EQ(other.get(base).status, 404u);  // not theirs: as the other case entries
  EXPECT_EQ(other.post(base, toJson({{"title", "X"}, {"due_on", "2030-01-12"}})).status, 404u);
  HttpClient foreign = signedIn(kWorkerB);
  EXPECT_EQ(foreign.get(base).status, 404u);
}

TEST_F(CaseTasksTest, MyOpenTasksAcrossCasesSoonestFirst) {
  HttpClient supervisor = signedIn(kSupervisorA);
  const std::string first = newCase(supervisor);
  const std::string second = newCase(supervisor);
  const std::string mine = deployment().userId(kWorker2A);
  ASSERT_EQ(supervisor
                .post("/api/v1/cases/" + first + "/tasks",
                      toJson({{"title", "Later"}, {"due_on", "2031-03-01"}, {"assigned_to", mine}}))
                .status,
            201u);
  ASSERT_EQ(
      supervisor
          .post("/api/v1/cases/" + second + "/tasks",
                toJson({{"title", "Sooner"}, {"due_on", "2031-02-01"}, {"assigned_to", mine}}))
          .status,
      201u);
  HttpClient worker = signedIn(kWorker2A);
  const HttpResponse tasks = worker.get("/api/v1/tasks?assigned_to=me&open=true");
  ASSERT_EQ(tasks.status, 200u) << tasks.body;
  const auto& items = tasks.json->at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items.at(0).at("due_on"), "2031-02-01");
  // Not on those cases' team: the task is listed, its title is not.
  EXPECT_TRUE(items.at(0).at("title").is_null());
  EXPECT_EQ(worker.get("/api/v1/tasks?open=false").errorField(), "open");
  EXPECT_EQ(worker.get("/api/v1/tasks?x=1").status, 400u);
}

TEST_F(CaseTasksTest, MyTasksAreRefusedToRolesThatDoNotWorkCases) {
  // A data officer reads cases for reporting but has no tasks of their own: 403, not [].
  const HttpResponse officer = signedIn(kDataOfficerA).get("/api/v1/tasks?assigned_to=me");
  EXPECT_EQ(officer.status, 403u) << officer.body;
  EXPECT_TRUE(officer.hasErrorShape());
  EXPECT_EQ(signedIn(kConsultantA).get("/api/v1/tasks").status, 403u);
  EXPECT_EQ(signedIn(kCaseWorkerA).get("/api/v1/tasks").status, 200u);
}

TEST_F(CaseTasksTest, OwnerWorkerOrSupervisorChangeATaskTeamMembersTickIt) {
  HttpClient worker = signedIn(kCaseWorkerA);
  const std::string id = newCase(worker);
  const std::string base = "/api/v1/cases/" + id + "/tasks";
  const HttpResponse added =
      worker.post(base, toJson({{"title", "Call the shelter"}, {"due_on", "2031-01-12"}}));
  ASSERT_EQ(added.status, 201u) << added.body;
  const std::string task = base + "/" + std::string(added.json->at("id").as_string());
  // The case's worker changes the title, the due day and the owner in one versioned write.
  const std::string second = deployment().userId(kWorker2A);
  const HttpResponse changed = put(worker, task,
                                   {{"title", "Call the shelter again"},
                                    {"due_on", "2031-02-01"},
                                    {"assigned_to", second},
                                    {"version", 0}});
  ASSERT_EQ(changed.status, 200u) << changed.body;
  EXPECT_EQ(changed.json->at("title"), "Call the shelter again");
  EXPECT_EQ(changed.json->at("due_on"), "2031-02-01");
  EXPECT_EQ(changed.json->at("assigned_to").at("id"), json::value(second));
  EXPECT_EQ(changed.json->at("done"), false);
  EXPECT_EQ(changed.json->at("version"), 1);
  // Stale: 409 with the task as it is.
  const HttpResponse stale = put(worker, task, {{"due_on", "2031-03-01"}, {"version", 0}});
  ASSERT_EQ(stale.status, 409u) << stale.body;
  EXPECT_EQ(stale.json->at("current").at("due_on"), "2031-02-01");
  EXPECT_EQ(put(worker, task, {{"due_on", "soon"}, {"version", 1}}).errorField(), "due_on");
  EXPECT_EQ(put(worker, task, {{"title", ""}, {"version", 1}}).errorField(), "title");
  EXPECT_EQ(put(worker, task, {{"assigned_to", deployment().userId(kWorkerB)}, {"version", 1}})
                .errorField(),
            "assigned_to");
  // A team member who neither owns the task nor works the case ticks it, but may not change it.
  HttpClient supervisor = signedIn(kSupervisorA);
  const std::string third = createdId(supervisor, "/api/v1/cases/" + id + "/tasks",
                                      {{"title", "Supervisor's"}, {"due_on", "2031-01-01"}});
  ASSERT_EQ(put(supervisor, "/api/v1/cases/" + id + "/assignment",
                {{"assigned_to", deployment().userId(kCaseWorkerA)},
                 {"team", json::array{json::value(second)}},
                 {"version", 1}})
                .status,
            200u);
  HttpClient member = signedIn(kWorker2A);
  const std::string theirs = base + "/" + third;
  EXPECT_EQ(put(member, theirs, {{"title", "Mine now"}, {"version", 0}}).status, 403u);
  const HttpResponse ticked = put(member, theirs, {{"done", true}, {"version", 0}});
  ASSERT_EQ(ticked.status, 200u) << ticked.body;
  EXPECT_EQ(ticked.json->at("done_by").at("id"), json::value(second));
  // ...and changes the task they own.
  EXPECT_EQ(put(member, task, {{"title", "Mine"}, {"version", 1}}).status, 200u);
  EXPECT_EQ(put(supervisor, theirs, {{"due_on", "2031-05-05"}, {"version", 1}}).status, 200u);
}

}  // namespace
}  // namespace strada::testing
