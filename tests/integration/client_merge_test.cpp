// Possible duplicate clients over real HTTP, on SQLite and PostgreSQL: registering a client whose
// name matches another flags the pair; a case worker flags a pair by hand; a supervisor lists the
// open flags, dismisses one or merges the pair. The merged-away client leaves search, reading it
// answers the survivor, the survivor shows it ("merged_from") and the access history of both,
// client.merge is audited on both, and erasing the survivor destroys both keys. A case worker and
// a data officer may not merge (403), another organisation gets 404, two open cases 409.
#include <soci/soci.h>

#include <string>
#include <vector>

#include "crypto/crypto.h"
#include "integration/suite.h"
#include "store/audit_repository.h"
#include "store/client_repository.h"

namespace strada::testing {
namespace {

constexpr const char* kSupervisorB = "merge.supervisor@b.example.org";

class ClientMergeTest : public DeploymentTest<ClientMergeTest> {
 public:
  static std::vector<UserSpec> users() {
    auto users = standardUsers();
    users.push_back({kOrgB, kSupervisorB, "Bea Supervisor", {"supervisor"}});
    return users;
  }

 protected:
  struct Client {
    std::string id, code;
  };

  static Client newClient(HttpClient& c, const std::string& name, const std::string& phone = "") {
    boost::json::object person{{"full_name", name}, {"birth_date", "1991-04-05"}};
    if (!phone.empty()) {
      person["phones"] = boost::json::array{phone};
    }
    const HttpResponse r = c.post(
        "/api/v1/clients", toJson({{"person", person}, {"coded", {{"gender", "Feminine"}}}}));
    EXPECT_EQ(r.status, 201u) << r.body;
    if (!r.json) {
      return {};
    }
    return {std::string(r.json->at("id").as_string()),
            std::string(r.json->at("client_code").as_string())};
  }

  static std::string openCase(HttpClient& c, const Client& client) {
    return createdId(c, "/api/v1/cases",
                     {{"client_id", client.id},
                      {"referral", {{"source_type", "ngo"}, {"referred_on", "2024-05-01"}}}});
  }

  static std::string uniqueName(const char* stem) {
    return std::string(stem) + " " + crypto::toHex(crypto::randomBytes(4));
  }

  // The open flag naming both clients ("" when none).
  static std::string openFlagOf(HttpClient& supervisor, const Client& a, const Client& b) {
    const HttpResponse list = supervisor.get("/api/v1/duplicate-flags?status=open");
    EXPECT_EQ(list.status, 200u) << list.body;
    for (const auto& f : list.json->at("items").as_array()) {
      const auto& x = f.at("client_a").at("id");
      const auto& y = f.at("client_b").at("id");
      if ((x == boost::json::value(a.id) && y == boost::json::value(b.id)) ||
          (x == boost::json::value(b.id) && y == boost::json::value(a.id))) {
        return std::string(f.at("id").as_string());
      }
    }
    return {};
  }

  // Merges `merged` into `survivor` through their open flag; the status of the answer (0 when no
  // flag names both).
  static unsigned mergeByFlag(HttpClient& supervisor, const Client& survivor,
                              const Client& merged) {
    const std::string flag = openFlagOf(supervisor, survivor, merged);
    if (flag.empty()) {
      return 0;
    }
    return supervisor
        .post("/api/v1/duplicate-flags/" + flag + "/merge", toJson({{"survivor_id", survivor.id}}))
        .status;
  }

  static int events(const std::string& id, const std::string& action) {
    domain::Result<std::vector<audit::AuditEvent>> found;
    deployment().database().db().read(
        [&](soci::session& sql) { found = store::auditEventsFor(sql, "client", id); });
    int n = 0;
    for (const auto& e : found.value()) {
      n += e.input.action == action ? 1 : 0;
    }
    return n;
  }

  static bool keyPresent(const std::string& id) {
    bool present = false;
    deployment().database().db().read([&](soci::session& sql) {
      present = !store::findClient(sql, id).value()->wrapped_key.empty();
    });
    return present;
  }
};

TEST_F(ClientMergeTest, ASecondRecordOfTheSamePersonIsFlaggedThenMergedKeepingBothTrails) {
  HttpClient worker = signedIn(kCaseWorkerA);
  const std::string name = uniqueName("Merge Person");
  const Client first = newClient(worker, name);
  const std::string case_id = openCase(worker, first);
  ASSERT_EQ(worker.get("/api/v1/clients/" + first.id).status, 200u);  // a client.read on it
  // Registered again although the search matched: flagged for a supervisor.
  const Client second = newClient(worker, name, "+40721000111");
  HttpClient supervisor = signedIn(kSupervisorA);
  const std::string flag = openFlagOf(supervisor, first, second);
  ASSERT_FALSE(flag.empty());
  const HttpResponse list = supervisor.get("/api/v1/duplicate-flags");
  EXPECT_NE(list.body.find("same_name"), std::string::npos);
  EXPECT_EQ(list.body.find(name), std::string::npos);  // codes only, never the person
  EXPECT_EQ(events(second.id, "client.duplicate_flag"), 1);

  const HttpResponse merged = supervisor.post("/api/v1/duplicate-flags/" + flag + "/merge",
                                              toJson({{"survivor_id", first.id}}));
  ASSERT_EQ(merged.status, 200u) << merged.body;
  EXPECT_EQ(merged.json->at("status"), "merged");
  EXPECT_EQ(merged.json->at("survivor_id"), boost::json::value(first.id));
  EXPECT_TRUE(openFlagOf(supervisor, first, second).empty());

  // Reading the merged-away client answers the survivor.
  const HttpResponse read = worker.get("/api/v1/clients/" + second.id);
  ASSERT_EQ(read.status, 200u) << read.body;
  EXPECT_EQ(read.json->at("id"), boost::json::value(first.id));
  EXPECT_EQ(read.json->at("merged_from").at(0).at("client_code"), boost::json::value(second.code));
  // The survivor's case shows where it was merged from.
  const HttpResponse kase = worker.get("/api/v1/cases/" + case_id);
  ASSERT_EQ(kase.status, 200u) << kase.body;
  EXPECT_EQ(kase.json->at("client").at("merged_from").at(0).at("client_id"),
            boost::json::value(second.id));
  // Search finds the survivor only, by name and by the merged record's code.
  const HttpResponse found = worker.post("/api/v1/clients/search", toJson({{"full_name", name}}));
  ASSERT_EQ(found.status, 200u) << found.body;
  ASSERT_EQ(found.json->at("matches").as_array().size(), 1u) << found.body;
  EXPECT_EQ(found.json->at("matches").at(0).at("client_id"), boost::json::value(first.id));
  const HttpResponse by_code =
      worker.post("/api/v1/clients/search", toJson({{"client_code", second.code}}));
  EXPECT_TRUE(by_code.json->at("matches").as_array().empty()) << by_code.body;

  // The survivor's access history holds both clients' entries; the merge is audited on both.
  EXPECT_EQ(events(first.id, "client.merge"), 1);
  EXPECT_EQ(events(second.id, "client.merge"), 1);
  const HttpResponse history = supervisor.get("/api/v1/clients/" + first.id + "/access");
  ASSERT_EQ(history.status, 200u) << history.body;
  int creates = 0, merges = 0;
  for (const auto& e : history.json->at("entries").as_array()) {
    creates += e.at("action") == "client.create" ? 1 : 0;
    merges += e.at("action") == "client.merge" ? 1 : 0;
  }
  EXPECT_EQ(creates, 2) << history.body;
  EXPECT_EQ(merges, 2) << history.body;
  // Both keys stay until the survivor is erased; then both are destroyed.
  EXPECT_TRUE(keyPresent(first.id));
  EXPECT_TRUE(keyPresent(second.id));
  const HttpResponse erased = supervisor.post(
      "/api/v1/clients/" + first.id + "/erasure",
      toJson({{"reason", "Request of the person"}, {"confirm_client_code", first.code}}));
  ASSERT_EQ(erased.status, 200u) << erased.body;
  EXPECT_FALSE(keyPresent(first.id));
  EXPECT_FALSE(keyPresent(second.id));
  EXPECT_EQ(events(second.id, "client.key_destroy"), 1);
}

TEST_F(ClientMergeTest, ACaseWorkerFlagsAPairAndASupervisorDismissesIt) {
  HttpClient worker = signedIn(kCaseWorkerA);
  const Client a = newClient(worker, uniqueName("Flag One"));
  const Client b = newClient(worker, uniqueName("Flag Two"));
  const std::string path = "/api/v1/clients/" + a.id + "/duplicate-flags";
  const HttpResponse bad_reason =
      worker.post(path, toJson({{"other_client_id", b.id}, {"reason", "hunch"}}));
  EXPECT_EQ(bad_reason.status, 400u);
  EXPECT_EQ(bad_reason.errorField(), "reason");
  const HttpResponse itself =
      worker.post(path, toJson({{"other_client_id", a.id}, {"reason", "flagged_by_worker"}}));
  EXPECT_EQ(itself.errorField(), "other_client_id");
  const HttpResponse flagged =
      worker.post(path, toJson({{"other_client_id", b.id}, {"reason", "flagged_by_worker"}}));
  ASSERT_EQ(flagged.status, 201u) << flagged.body;
  const std::string flag(flagged.json->at("id").as_string());
  const HttpResponse twice =
      worker.post(path, toJson({{"other_client_id", b.id}, {"reason", "same_phone"}}));
  EXPECT_EQ(twice.status, 409u) << twice.body;
  EXPECT_EQ(twice.errorField(), "other_client_id");

  // Case workers and data officers may not review; another organisation does not see the flag.
  EXPECT_EQ(worker.get("/api/v1/duplicate-flags").status, 403u);
  EXPECT_EQ(worker.post("/api/v1/duplicate-flags/" + flag + "/dismiss", "{}").status, 403u);
  HttpClient officer = signedIn(kDataOfficerA);
  EXPECT_EQ(
      officer.post("/api/v1/duplicate-flags/" + flag + "/merge", toJson({{"survivor_id", a.id}}))
          .status,
      403u);
  HttpClient supervisor_b = signedIn(kSupervisorB);
  EXPECT_EQ(supervisor_b.post("/api/v1/duplicate-flags/" + flag + "/dismiss", "{}").status, 404u);
  EXPECT_EQ(supervisor_b
                .post("/api/v1/clients/" + b.id + "/duplicate-flags",
                      toJson({{"other_client_id", a.id}, {"reason", "same_name"}}))
                .status,
            404u);
  HttpClient supervisor = signedIn(kSupervisorA);
  const HttpResponse stranger = supervisor.post("/api/v1/duplicate-flags/" + flag + "/merge",
                                                toJson({{"survivor_id", std::string(32, 'a')}}));
  EXPECT_EQ(stranger.status, 400u);
  EXPECT_EQ(stranger.errorField(), "survivor_id");
  EXPECT_EQ(supervisor.get("/api/v1/duplicate-flags?status=maybe").errorField(), "status");

  const HttpResponse dismissed =
      supervisor.post("/api/v1/duplicate-flags/" + flag + "/dismiss", "{}");
  ASSERT_EQ(dismissed.status, 200u) << dismissed.body;
  EXPECT_EQ(dismissed.json->at("status"), "dismissed");
  EXPECT_TRUE(openFlagOf(supervisor, a, b).empty());
  const HttpResponse again = supervisor.post("/api/v1/duplicate-flags/" + flag + "/merge",
                                             toJson({{"survivor_id", a.id}}));
  EXPECT_EQ(again.status, 409u);
  EXPECT_EQ(again.errorField(), "status");
  EXPECT_EQ(events(a.id, "client.duplicate_dismiss"), 1);
  // Both stay separate clients.
  EXPECT_EQ(worker.get("/api/v1/clients/" + b.id).json->at("id"), boost::json::value(b.id));
}

TEST_F(ClientMergeTest, TheSurvivorsSubjectAccessFileHoldsTheMergedRecordsCase) {
  HttpClient worker = signedIn(kCaseWorkerA);
  const std::string name = uniqueName("Access Merge");
  const Client survivor = newClient(worker, name);
  const Client merged = newClient(worker, name);
  const std::string merged_case = openCase(worker, merged);
  ASSERT_EQ(worker
                .post("/api/v1/cases/" + merged_case + "/notes",
                      toJson({{"text", "Note on the second record"}}))
                .status,
            201u);
  HttpClient supervisor = signedIn(kSupervisorA);
  ASSERT_EQ(mergeByFlag(supervisor, survivor, merged), 200u);
  const HttpResponse file = supervisor.get("/api/v1/clients/" + survivor.id + "/subject-access");
  ASSERT_EQ(file.status, 200u) << file.body;
  const auto& cases = file.json->at("merged_cases").as_array();
  ASSERT_EQ(cases.size(), 1u) << file.body;
  EXPECT_EQ(cases[0].at("client_code"), boost::json::value(merged.code));
  EXPECT_EQ(cases[0].at("case").at("case").at("id"), boost::json::value(merged_case));
  EXPECT_EQ(cases[0].at("case").at("notes").at("items").at(0).at("text"),
            "Note on the second record");
}

TEST_F(ClientMergeTest, AMergedPersonKeepsOneCase) {
  HttpClient worker = signedIn(kCaseWorkerA);
  const std::string name = uniqueName("One Case");
  const Client survivor = newClient(worker, name);
  const Client merged = newClient(worker, name);
  const std::string merged_case = openCase(worker, merged);
  HttpClient supervisor = signedIn(kSupervisorA);
  ASSERT_EQ(mergeByFlag(supervisor, survivor, merged), 200u);
  // The survivor's person already has the merged record's case: no second one.
  const HttpResponse second =
      worker.post("/api/v1/cases",
                  toJson({{"client_id", survivor.id},
                          {"referral", {{"source_type", "ngo"}, {"referred_on", "2024-05-01"}}}}));
  EXPECT_EQ(second.status, 409u) << second.body;
  EXPECT_EQ(second.errorField(), "client_id");
  EXPECT_NE(second.body.find(merged_case), std::string::npos) << second.body;
  // Nor a case on the merged-away record itself.
  const HttpResponse on_merged =
      worker.post("/api/v1/cases",
                  toJson({{"client_id", merged.id},
                          {"referral", {{"source_type", "ngo"}, {"referred_on", "2024-05-01"}}}}));
  EXPECT_EQ(on_merged.status, 409u) << on_merged.body;
  EXPECT_EQ(on_merged.errorField(), "client_id");
}

TEST_F(ClientMergeTest, TwoOpenCasesAreRefusedUntilOneIsClosed) {
  HttpClient worker = signedIn(kCaseWorkerA);
  const std::string name = uniqueName("Two Cases");
  const Client a = newClient(worker, name);
  const Client b = newClient(worker, name);
  openCase(worker, a);
  openCase(worker, b);
  HttpClient supervisor = signedIn(kSupervisorA);
  const std::string flag = openFlagOf(supervisor, a, b);
  ASSERT_FALSE(flag.empty());
  const HttpResponse refused = supervisor.post("/api/v1/duplicate-flags/" + flag + "/merge",
                                               toJson({{"survivor_id", a.id}}));
  EXPECT_EQ(refused.status, 409u) << refused.body;
  EXPECT_EQ(refused.errorField(), "cases");
  EXPECT_FALSE(openFlagOf(supervisor, a, b).empty());
  EXPECT_EQ(worker.get("/api/v1/clients/" + b.id).json->at("id"), boost::json::value(b.id));
}

}  // namespace
}  // namespace strada::testing
