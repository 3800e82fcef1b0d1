// An erased person stays erased when a backup made before the erasure is restored (issue 8,
// section 8), on SQLite (VACUUM INTO, the file copied back) and PostgreSQL (pg_dump, pg_restore
// into a new database): the data folder's erasure ledger names the person, and the server
// destroys the restored key again at start, before it serves anything.
#include <soci/soci.h>

#include <fstream>
#include <string>
#include <utility>

#include "crypto/crypto.h"
#include "integration/suite.h"
#include "store/client_repository.h"

namespace strada::testing {
namespace {

class ErasureBackupTest : public DeploymentTest<ErasureBackupTest> {
 protected:
  // A client registered by a case worker: their id.
  std::string newClient(const std::string& name) {
    HttpClient worker = signedIn(kCaseWorkerA);
    const HttpResponse created = worker.post(
        "/api/v1/clients",
        toJson({{"person", {{"full_name", name}}}, {"coded", {{"gender", "Feminine"}}}}));
    EXPECT_EQ(created.status, 201u) << created.body;
    return created.json ? std::string(created.json->at("id").as_string()) : std::string();
  }

  // Puts a row back as an older version left it (`legacy`, an UPDATE binding `id`), restarts
  // the server, and reads the row's clear and sealed reason with `columns` (a SELECT of two
  // columns binding `id`).
  std::pair<std::string, std::string> restartedFromLegacy(const std::string& legacy,
                                                          const std::string& columns,
                                                          const std::string& id) {
    deployment().database().db().read([&](soci::session& sql) { sql << legacy, soci::use(id); });
    deployment().stopServer();
    deployment().startServer();
    std::pair<std::string, std::string> read;
    deployment().database().db().read([&](soci::session& sql) {
      sql << columns, soci::into(read.first), soci::into(read.second), soci::use(id);
    });
    return read;
  }
};

TEST_F(ErasureBackupTest, ABackupMadeBeforeTheErasureCannotOpenThePersonOnceRestored) {
  HttpClient worker = signedIn(kCaseWorkerA);
  const std::string name = "Backup Person " + crypto::toHex(crypto::randomBytes(4));
  const HttpResponse created = worker.post(
      "/api/v1/clients",
      toJson({{"person", {{"full_name", name}}}, {"coded", {{"gender", "Masculine"}}}}));
  ASSERT_EQ(created.status, 201u) << created.body;
  const std::string id(created.json->at("id").as_string());
  const std::string code(created.json->at("client_code").as_string());

  const std::filesystem::path backup = deployment().database().dir() / "before-erasure.backup";
  deployment().database().backupTo(backup);

  HttpClient supervisor = signedIn(kSupervisorA);
  const HttpResponse erased = supervisor.post(
      "/api/v1/clients/" + id + "/erasure",
      toJson({{"reason", "The person asked to be forgotten"}, {"confirm_client_code", code}}));
  ASSERT_EQ(erased.status, 200u) << erased.body;
  std::ifstream ledger(deployment().database().dir() / "erasures");
  std::string line;
  ASSERT_TRUE(std::getline(ledger, line));
  EXPECT_EQ(line, id);

  // The operator restores the backup: the person's wrapped key is back in the database.
  deployment().stopServer();
  deployment().database().restoreFrom(backup);
  deployment().database().db().read([&](soci::session& sql) {
    EXPECT_FALSE(store::findClient(sql, id).value()->wrapped_key.empty());
  });

  deployment().startServer();
  deployment().database().reopen();
  deployment().database().db().read([&](soci::session& sql) {
    auto row = store::findClient(sql, id);
    EXPECT_TRUE(row.value()->wrapped_key.empty());
    EXPECT_TRUE(row.value()->person_sealed.empty());
    EXPECT_NE(row.value()->client.erased_at, 0);
  });
  HttpClient again = signedIn(kSupervisorA);
  const HttpResponse got = again.get("/api/v1/clients/" + id);
  ASSERT_EQ(got.status, 200u) << got.body;
  EXPECT_EQ(got.json->at("person"), nullptr);
  EXPECT_EQ(got.body.find(name), std::string::npos);
  const HttpResponse found = again.post("/api/v1/clients/search", toJson({{"full_name", name}}));
  ASSERT_EQ(found.status, 200u) << found.body;
  EXPECT_TRUE(found.json->at("matches").as_array().empty()) << found.body;
  // The re-applied erasure is in the person's access history, with its reason.
  const HttpResponse history = again.get("/api/v1/clients/" + id + "/access");
  ASSERT_EQ(history.status, 200u) << history.body;
  EXPECT_NE(history.body.find("applied from the erasure ledger"), std::string::npos)
      << history.body;
}

TEST_F(ErasureBackupTest, AReasonWrittenInTheClearBeforeMigration21IsSealedAtStart) {
  const std::string id = newClient("Clear Reason Person");
  HttpClient supervisor = signedIn(kSupervisorA);
  const std::string code(
      supervisor.get("/api/v1/clients/" + id).json->at("client_code").as_string());
  ASSERT_EQ(supervisor
                .post("/api/v1/clients/" + id + "/erasure",
                      toJson({{"reason", "Sealed from the start"}, {"confirm_client_code", code}}))
                .status,
            200u);
  // As an erasure made before 0021 left it: the reason in the clear, nothing sealed.
  const auto [clear, sealed] = restartedFromLegacy(
      "UPDATE clients SET erasure_reason = 'Asked by Maria', erasure_reason_sealed = '' WHERE id "
      "= :id",
      "SELECT erasure_reason, erasure_reason_sealed FROM clients WHERE id = :id", id);
  EXPECT_EQ(clear, "");
  EXPECT_FALSE(sealed.empty());
  HttpClient again = signedIn(kSupervisorA);
  const HttpResponse history = again.get("/api/v1/clients/" + id + "/access");
  EXPECT_NE(history.body.find("Asked by Maria"), std::string::npos) << history.body;
}

TEST_F(ErasureBackupTest, ABreakGlassReasonWrittenInTheClearBeforeMigration25IsSealedAtStart) {
  const std::string client = newClient("Glass Reason Person");
  HttpClient supervisor = signedIn(kSupervisorA);
  const HttpResponse kase = supervisor.post(
      "/api/v1/cases",
      toJson({{"client_id", client},
              {"referral", {{"source_type", "ngo"}, {"referred_on", "2024-05-01"}}}}));
  ASSERT_EQ(kase.status, 201u) << kase.body;
  const std::string case_id(kase.json->at("id").as_string());
  ASSERT_EQ(supervisor
                .post("/api/v1/cases/" + case_id + "/break-glass",
                      toJson({{"reason", "Sealed from the start, at night"}}))
                .status,
            200u);
  // As a break-glass made before 0025 left it: the reason in the clear, nothing sealed.
  const auto [clear, sealed] = restartedFromLegacy(
      "UPDATE case_break_glass SET reason = 'Maria called in crisis', reason_sealed = '' WHERE "
      "case_id = :id",
      "SELECT reason, reason_sealed FROM case_break_glass WHERE case_id = :id", case_id);
  EXPECT_EQ(clear, "");
  EXPECT_FALSE(sealed.empty());
  HttpClient again = signedIn(kSupervisorA);
  const HttpResponse history = again.get("/api/v1/clients/" + client + "/access");
  EXPECT_NE(history.body.find("Maria called in crisis"), std::string::npos) << history.body;
}

}  // namespace
}  // namespace strada::testing
