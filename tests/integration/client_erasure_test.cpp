// Erasing a person over real HTTP, on SQLite and PostgreSQL: POST /api/v1/clients/{id}/erasure
// by a supervisor destroys the person's key (person, case notes and documents no longer open),
// drops the blind indexes (a search no longer finds them), keeps the coded fields, marks the client
// erased and records client.key_destroy. Wrong confirmation 400, case worker 403, another
// organisation 404, a second erasure 409.
#include <soci/soci.h>

#include <string>
#include <vector>

#include "crypto/crypto.h"
#include "integration/suite.h"
#include "store/audit_repository.h"
#include "store/client_repository.h"

namespace strada::testing {
namespace {

constexpr const char* kSupervisorB = "erasure.supervisor@b.example.org";

class ClientErasureTest : public DeploymentTest<ClientErasureTest> {
 public:
  static std::vector<UserSpec> users() {
    auto users = standardUsers();
    users.push_back({kOrgB, kSupervisorB, "Bea Supervisor", {"supervisor"}});
    return users;
  }

 protected:
  struct Person {
    std::string name, client_id, client_code, case_id, document_id;
  };

  // A client with a case and a sealed note, opened by `c`.
  static Person newPerson(HttpClient& c) {
    Person p;
    p.name = "Erasure Person " + crypto::toHex(crypto::randomBytes(4));
    const HttpResponse r = c.post(
        "/api/v1/clients",
        toJson({{"person", {{"full_name", p.name}, {"birth_date", "1990-02-03"}}},
                {"coded", {{"gender", "Feminine"}, {"citizenships", boost::json::array{"RO"}}}}}));
    EXPECT_EQ(r.status, 201u) << r.body;
    p.client_id = std::string(r.json->at("id").as_string());
    p.client_code = std::string(r.json->at("client_code").as_string());
    p.case_id = createdId(c, "/api/v1/cases",
                          {{"client_id", p.client_id},
                           {"referral", {{"source_type", "ngo"}, {"referred_on", "2024-05-01"}}}});
    EXPECT_EQ(
        c.post("/api/v1/cases/" + p.case_id + "/notes", toJson({{"text", "Sealed note"}})).status,
        201u);
    const HttpResponse document = c.request("POST", "/api/v1/cases/" + p.case_id + "/documents",
                                            "%PDF-1.4 sealed document", CsrfMode::kSession,
                                            {{"Content-Type", "application/octet-stream"},
                                             {"X-Strada-Document-Title", "Passport"},
                                             {"X-Strada-Document-Kind", "id_document"}});
    EXPECT_EQ(document.status, 201u) << document.body;
    if (document.json) {
      p.document_id = std::string(document.json->at("id").as_string());
    }
    return p;
  }

  static HttpResponse erase(HttpClient& c, const Person& p, const std::string& code) {
    return c.post("/api/v1/clients/" + p.client_id + "/erasure",
                  toJson({{"reason", "Request of the person (GDPR art. 17)"},
                          {"confirm_client_code", code}}));
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
};

TEST_F(ClientErasureTest, ASupervisorErasesAPersonAndOnlyCodedFiguresStay) {
  HttpClient worker = signedIn(kCaseWorkerA);
  const Person p = newPerson(worker);
  HttpClient supervisor = signedIn(kSupervisorA);
  const HttpResponse erased = erase(supervisor, p, p.client_code);
  ASSERT_EQ(erased.status, 200u) << erased.body;
  EXPECT_EQ(erased.json->at("person"), nullptr);
  EXPECT_TRUE(erased.json->at("erased_at").is_string());

  const HttpResponse got = supervisor.get("/api/v1/clients/" + p.client_id);
  ASSERT_EQ(got.status, 200u) << got.body;
  EXPECT_EQ(got.json->at("person"), nullptr);
  EXPECT_TRUE(got.json->at("erased_at").is_string());
  EXPECT_EQ(got.json->at("coded").at("gender"), "Feminine");
  EXPECT_EQ(got.body.find(p.name), std::string::npos);

  const HttpResponse kase = worker.get("/api/v1/cases/" + p.case_id);
  ASSERT_EQ(kase.status, 200u) << kase.body;
  EXPECT_EQ(kase.json->at("client").at("person"), nullptr);
  EXPECT_TRUE(kase.json->at("client").at("erased_at").is_string());
  const HttpResponse notes = worker.get("/api/v1/cases/" + p.case_id + "/notes");
  ASSERT_EQ(notes.status, 200u) << notes.body;
  EXPECT_EQ(notes.json->at("items").at(0).at("text"), nullptr);
  EXPECT_EQ(notes.body.find("Sealed note"), std::string::npos);
  // The documents stay listed without a title; their content answers 410, never 500.
  const std::string documents = "/api/v1/cases/" + p.case_id + "/documents";
  const HttpResponse listed = worker.get(documents);
  ASSERT_EQ(listed.status, 200u) << listed.body;
  EXPECT_EQ(listed.json->at("items").at(0).at("title"), nullptr);
  EXPECT_EQ(listed.json->at("items").at(0).at("content_available"), false);
  const HttpResponse content = worker.get(documents + "/" + p.document_id + "/content");
  EXPECT_EQ(content.status, 410u) << content.body;
  EXPECT_EQ(content.errorCode(), "gone");
  EXPECT_EQ(content.body.find("sealed document"), std::string::npos);

  // Neither the name nor the birth date finds the person; the code (not personal) still does.
  for (const auto& [key, value] :
       {std::pair{"full_name", p.name}, std::pair{"birth_date", std::string("1990-02-03")}}) {
    const HttpResponse found = worker.post("/api/v1/clients/search", toJson({{key, value}}));
    ASSERT_EQ(found.status, 200u) << found.body;
    for (const auto& m : found.json->at("matches").as_array()) {
      EXPECT_NE(m.at("client_id"), boost::json::value(p.client_id)) << key;
    }
  }
  deployment().database().db().read([&](soci::session& sql) {
    auto row = store::findClient(sql, p.client_id);
    EXPECT_TRUE(row.value()->wrapped_key.empty());
    EXPECT_TRUE(row.value()->person_sealed.empty());
    // The reason is sealed (it may name the person): not in the clear anywhere in the row.
    EXPECT_FALSE(row.value()->erasure_reason_sealed.empty());
    EXPECT_EQ(row.value()->erasure_reason_sealed.find("GDPR"), std::string::npos);
    std::string clear;
    sql << "SELECT erasure_reason FROM clients WHERE id = :id", soci::into(clear),
        soci::use(p.client_id);
    EXPECT_EQ(clear, "");
    EXPECT_FALSE(row.value()->client.erased_by.empty());
  });
  // The supervisor sees the erasure and its reason in the client's access history.
  const HttpResponse history = supervisor.get("/api/v1/clients/" + p.client_id + "/access");
  ASSERT_EQ(history.status, 200u) << history.body;
  bool shown = false;
  for (const auto& e : history.json->at("entries").as_array()) {
    if (e.at("action") == "client.key_destroy") {
      shown = e.at("reason") == "Request of the person (GDPR art. 17)";
    }
  }
  EXPECT_TRUE(shown) << history.body;
  EXPECT_EQ(events(p.client_id, "client.key_destroy"), 1);
}

TEST_F(ClientErasureTest, TheConfirmationRolesOrganisationAndASecondErasureAreChecked) {
  HttpClient worker = signedIn(kCaseWorkerA);
  const Person p = newPerson(worker);
  HttpClient supervisor = signedIn(kSupervisorA);
  const HttpResponse wrong = erase(supervisor, p, "CL-WRONG000");
  EXPECT_EQ(wrong.status, 400u) << wrong.body;
  EXPECT_EQ(wrong.errorField(), "confirm_client_code");
  const HttpResponse no_reason =
      supervisor.post("/api/v1/clients/" + p.client_id + "/erasure",
                      toJson({{"reason", " "}, {"confirm_client_code", p.client_code}}));
  EXPECT_EQ(no_reason.status, 400u);
  EXPECT_EQ(no_reason.errorField(), "reason");
  const HttpResponse long_reason = supervisor.post(
      "/api/v1/clients/" + p.client_id + "/erasure",
      toJson({{"reason", std::string(501, 'x')}, {"confirm_client_code", p.client_code}}));
  EXPECT_EQ(long_reason.errorField(), "reason");
  EXPECT_EQ(erase(worker, p, p.client_code).status, 403u);
  HttpClient supervisor_b = signedIn(kSupervisorB);
  const HttpResponse foreign = erase(supervisor_b, p, p.client_code);
  EXPECT_EQ(foreign.status, 404u);
  EXPECT_TRUE(foreign.hasErrorShape());
  // Nothing was erased by the refusals.
  EXPECT_EQ(worker.get("/api/v1/clients/" + p.client_id).json->at("person").at("full_name"),
            boost::json::value(p.name));
  EXPECT_EQ(events(p.client_id, "client.key_destroy"), 0);

  ASSERT_EQ(erase(supervisor, p, p.client_code).status, 200u);
  const HttpResponse again = erase(supervisor, p, p.client_code);
  EXPECT_EQ(again.status, 409u) << again.body;
  EXPECT_TRUE(again.hasErrorShape());
  EXPECT_EQ(events(p.client_id, "client.key_destroy"), 1);
}

TEST_F(ClientErasureTest, ADataOfficerExportsAPersonsDataForThemThenErasesThem) {
  HttpClient worker = signedIn(kCaseWorkerA);
  const Person p = newPerson(worker);
  HttpClient officer = signedIn(kDataOfficerA);
  // The data officer's own reads stay coded only...
  EXPECT_EQ(officer.get("/api/v1/clients/" + p.client_id).json->at("person"), nullptr);
  // ...but the subject-access package holds everything, sealed fields opened, in one file.
  const HttpResponse file = officer.get("/api/v1/clients/" + p.client_id + "/subject-access");
  ASSERT_EQ(file.status, 200u) << file.body;
  EXPECT_NE(file.header("content-disposition").value_or("").find("attachment"), std::string::npos);
  EXPECT_NE(file.header("content-disposition").value_or("").find(p.client_code), std::string::npos);
  EXPECT_EQ(file.header("cache-control").value_or(""), "no-store");
  EXPECT_EQ(file.json->at("client").at("person").at("full_name"), boost::json::value(p.name));
  const auto& kase = file.json->at("case");
  EXPECT_EQ(kase.at("case").at("id"), boost::json::value(p.case_id));
  EXPECT_EQ(kase.at("notes").at("items").at(0).at("text"), "Sealed note");
  // The documents come with their contents (base64), opened with the person's key.
  const auto& files = kase.at("documents").at("files");
  ASSERT_EQ(files.as_array().size(), 1u);
  EXPECT_EQ(files.at(0).at("document_id"), boost::json::value(p.document_id));
  EXPECT_EQ(files.at(0).at("media_type"), "application/pdf");
  EXPECT_EQ(files.at(0).at("content_base64"), "JVBERi0xLjQgc2VhbGVkIGRvY3VtZW50");
  EXPECT_EQ(kase.at("documents").at("items").at(0).at("title"), "Passport");
  for (const char* part :
       {"consents", "identification", "needs", "plan", "services", "tasks", "timeline"}) {
    EXPECT_TRUE(kase.as_object().contains(part)) << part;
  }
  EXPECT_EQ(events(p.client_id, "client.subject_access"), 1);

  EXPECT_EQ(worker.get("/api/v1/clients/" + p.client_id + "/subject-access").status, 403u);
  EXPECT_EQ(signedIn(kConsultantA).get("/api/v1/clients/" + p.client_id + "/subject-access").status,
            403u);
  EXPECT_EQ(signedIn(kSupervisorB).get("/api/v1/clients/" + p.client_id + "/subject-access").status,
            404u);

  ASSERT_EQ(erase(officer, p, p.client_code).status, 200u);
  const HttpResponse after = officer.get("/api/v1/clients/" + p.client_id + "/subject-access");
  EXPECT_EQ(after.status, 409u) << after.body;
  EXPECT_EQ(after.body.find(p.name), std::string::npos);
}

}  // namespace
}  // namespace strada::testing
