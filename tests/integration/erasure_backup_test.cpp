// An erased person stays erased when a backup made before the erasure is restored (issue 8,
// section 8), on SQLite (VACUUM INTO, the file copied back) and PostgreSQL (pg_dump, pg_restore
// into a new database): the data folder's erasure ledger names the person, and the server
// destroys the restored key again at start, before it serves anything.
#include <soci/soci.h>

#include <fstream>
#include <string>

#include "crypto/crypto.h"
#include "integration/suite.h"
#include "store/client_repository.h"

namespace strada::testing {
namespace {

class ErasureBackupTest : public DeploymentTest<ErasureBackupTest> {};

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
  HttpClient worker = signedIn(kCaseWorkerA);
  const HttpResponse created =
      worker.post("/api/v1/clients", toJson({{"person", {{"full_name", "Clear Reason Person"}}},
                                             {"coded", {{"gender", "Feminine"}}}}));
  ASSERT_EQ(created.status, 201u) << created.body;
  const std::string id(created.json->at("id").as_string());
  HttpClient supervisor = signedIn(kSupervisorA);
  ASSERT_EQ(supervisor
                .post("/api/v1/clients/" + id + "/erasure",
                      toJson({{"reason", "Sealed from the start"},
                              {"confirm_client_code", created.json->at("client_code")}}))
                .status,
            200u);
  // As an erasure made before 0021 left it: the reason in the clear, nothing sealed.
  deployment().database().db().read([&](soci::session& sql) {
    sql << "UPDATE clients SET erasure_reason = 'Asked by Maria', erasure_reason_sealed = '' "
           "WHERE id = :id",
        soci::use(id);
  });
  deployment().stopServer();
  deployment().startServer();
  std::string clear, sealed;
  deployment().database().db().read([&](soci::session& sql) {
    sql << "SELECT erasure_reason, erasure_reason_sealed FROM clients WHERE id = :id",
        soci::into(clear), soci::into(sealed), soci::use(id);
  });
  EXPECT_EQ(clear, "");
  EXPECT_FALSE(sealed.empty());
  HttpClient again = signedIn(kSupervisorA);
  const HttpResponse history = again.get("/api/v1/clients/" + id + "/access");
  EXPECT_NE(history.body.find("Asked by Maria"), std::string::npos) << history.body;
}

TEST_F(ErasureBackupTest, ABreakGlassReasonWrittenInTheClearBeforeMigration25IsSealedAtStart) {
  HttpClient worker = signedIn(kCaseWorkerA);
  const HttpResponse created =
      worker.post("/api/v1/clients", toJson({{"person", {{"full_name", "Glass Reason Person"}}},
                                             {"coded", {{"gender", "Feminine"}}}}));
  ASSERT_EQ(created.status, 201u) << created.body;
  const std::string client(created.json->at("id").as_string());
  const HttpResponse kase =
      worker.post("/api/v1/cases",
                  toJson({{"client_id", client},
                          {"referral", {{"source_type", "ngo"}, {"referred_on", "2024-05-01"}}}}));
  ASSERT_EQ(kase.status, 201u) << kase.body;
  const std::string case_id(kase.json->at("id").as_string());
  HttpClient other = signedIn(kSupervisorA);
  ASSERT_EQ(other
                .post("/api/v1/cases/" + case_id + "/break-glass",
                      toJson({{"reason", "Sealed from the start, at night"}}))
                .status,
            200u);
  // As a break-glass made before 0025 left it: the reason in the clear, nothing sealed.
  deployment().database().db().read([&](soci::session& sql) {
    sql << "UPDATE case_break_glass SET reason = 'Maria called in crisis', reason_sealed = '' "
           "WHERE case_id = :c",
        soci::use(case_id);
  });
  deployment().stopServer();
  deployment().startServer();
  std::string clear, sealed;
  deployment().database().db().read([&](soci::session& sql) {
    sql << "SELECT reason, reason_sealed FROM case_break_glass WHERE case_id = :c",
        soci::into(clear), soci::into(sealed), soci::use(case_id);
  });
  EXPECT_EQ(clear, "");
  EXPECT_FALSE(sealed.empty());
  HttpClient supervisor = signedIn(kSupervisorA);
  const HttpResponse history = supervisor.get("/api/v1/clients/" + client + "/access");
  EXPECT_NE(history.body.find("Maria called in crisis"), std::string::npos) << history.body;
}

}  // namespace
}  // namespace strada::testing
