// A case's documents over real HTTP, on SQLite and PostgreSQL: an upload (the raw bytes, the
// title percent-encoded in a header) comes back byte for byte, sealed at rest; the type is judged
// by content (415 naming `content`); the route alone takes 10 MiB (413 past it, the 1 MiB limit
// everywhere else); who may list, download and withdraw; every download audited; the timeline.
#include <soci/soci.h>

#include <string>
#include <vector>

#include "crypto/crypto.h"
#include "integration/suite.h"
#include "store/audit_repository.h"

namespace strada::testing {
namespace {

namespace json = boost::json;

constexpr const char* kWorker2A = "documents.worker2@a.example.org";
constexpr const char* kWorkerB = "documents.worker@b.example.org";

// A small PDF with bytes of every value (a NUL and 0xFF among them): what a text path would break.
std::string pdfBytes(std::size_t size = 600) {
  std::string bytes = "%PDF-1.4\n";
  for (std::size_t i = 0; bytes.size() < size; ++i) {
    bytes.push_back(static_cast<char>(i % 256));
  }
  return bytes;
}

class CaseDocumentsTest : public DeploymentTest<CaseDocumentsTest> {
 public:
  static std::vector<UserSpec> users() {
    auto users = standardUsers();
    users.push_back({kOrgA, kWorker2A, "Dee Worker", {"case_worker"}});
    users.push_back({kOrgB, kWorkerB, "Bo Worker", {"case_worker"}});
    return users;
  }

 protected:
  static std::string newCase(HttpClient& c) {
    const std::string tag = crypto::toHex(crypto::randomBytes(4));
    const std::string client = createdId(
        c, "/api/v1/clients",
        {{"person", {{"full_name", "Document Person " + tag}}}, {"coded", json::object{}}});
    return createdId(c, "/api/v1/cases",
                     {{"client_id", client},
                      {"referral", {{"source_type", "ngo"}, {"referred_on", "2024-05-01"}}}});
  }
  static std::string base(const std::string& case_id) {
    return "/api/v1/cases/" + case_id + "/documents";
  }
  // POST the bytes with the title (already percent-encoded) and kind headers.
  static HttpResponse upload(HttpClient& c, const std::string& case_id, const std::string& bytes,
                             const std::string& title = "Medical%20report",
                             const std::string& kind = "medical",
                             const std::string& type = "application/octet-stream") {
    return c.request("POST", base(case_id), bytes, CsrfMode::kSession,
                     {{"Content-Type", type},
                      {"X-Strada-Document-Title", title},
                      {"X-Strada-Document-Kind", kind}});
  }
  static int caseEvents(const std::string& case_id, const std::string& action) {
    domain::Result<std::vector<audit::AuditEvent>> found;
    deployment().database().db().read(
        [&](soci::session& sql) { found = store::auditEventsFor(sql, "case", case_id); });
    int n = 0;
    for (const auto& e : found.value()) {
      n += e.input.action == action ? 1 : 0;
    }
    return n;
  }
};

TEST_F(CaseDocumentsTest, AnUploadComesBackByteForByteSealedAtRestAndAudited) {
  HttpClient worker = signedIn(kCaseWorkerA);
  const std::string id = newCase(worker);
  const std::string bytes = pdfBytes();
  // "Paspoort – scan é": the title is UTF-8, percent-encoded in its header.
  const HttpResponse added =
      upload(worker, id, bytes, "Paspoort%20%E2%80%93%20scan%20%C3%A9", "id_document");
  ASSERT_EQ(added.status, 201u) << added.body;
  EXPECT_EQ(added.json->at("title"), json::value("Paspoort – scan é"));
  EXPECT_EQ(added.json->at("kind"), "id_document");
  EXPECT_EQ(added.json->at("media_type"), "application/pdf");
  EXPECT_EQ(added.json->at("size"), static_cast<std::int64_t>(bytes.size()));
  EXPECT_EQ(added.json->at("uploaded_by").at("id"), json::value(deployment().userId(kCaseWorkerA)));
  const std::string doc(added.json->at("id").as_string());

  const HttpResponse list = worker.get(base(id));
  ASSERT_EQ(list.status, 200u) << list.body;
  EXPECT_EQ(list.json->at("items").at(0).at("title"), json::value("Paspoort – scan é"));
  EXPECT_EQ(list.json->at("max_bytes"), 10 * 1024 * 1024);

  const HttpResponse got = worker.get(base(id) + "/" + doc + "/content");
  ASSERT_EQ(got.status, 200u) << got.body.substr(0, 200);
  EXPECT_EQ(got.body, bytes);
  EXPECT_EQ(got.header("content-type").value_or(""), "application/pdf");
  EXPECT_EQ(got.header("content-disposition").value_or(""),
            "attachment; filename=\"document.pdf\"");
  EXPECT_EQ(got.header("x-content-type-options").value_or(""), "nosniff");
  EXPECT_EQ(got.header("cache-control").value_or(""), "no-store");
  EXPECT_EQ(caseEvents(id, "case_document.download"), 1);
  EXPECT_EQ(caseEvents(id, "case_document.upload"), 1);

  // Sealed: neither the title nor the content's marker is in the database in the clear.
  long long clear = 0;
  const std::string title_pattern = "%" + crypto::toHex("Paspoort") + "%";
  const std::string content_pattern = "%" + crypto::toHex("%PDF-1.4") + "%";
  deployment().database().db().read([&](soci::session& sql) {
    long long n = 0;
    sql << "SELECT COUNT(*) FROM case_attachments WHERE title_sealed LIKE :t", soci::into(n),
        soci::use(title_pattern);
    clear += n;
    sql << "SELECT COUNT(*) FROM case_attachment_contents WHERE content_sealed LIKE :c",
        soci::into(n), soci::use(content_pattern);
    clear += n;
  });
  EXPECT_EQ(clear, 0);

  // The timeline names the upload and its kind, never the title.
  const HttpResponse timeline = worker.get("/api/v1/cases/" + id + "/timeline");
  ASSERT_EQ(timeline.status, 200u) << timeline.body;
  EXPECT_NE(timeline.body.find("\"document\""), std::string::npos) << timeline.body;
  EXPECT_EQ(timeline.body.find("Paspoort"), std::string::npos);
}

TEST_F(CaseDocumentsTest, TypesAreJudgedByContentAndFieldsRefusedByName) {
  HttpClient worker = signedIn(kCaseWorkerA);
  const std::string id = newCase(worker);
  // An executable named like a PDF and sent as one is still refused: 415 naming `content`.
  const HttpResponse exe = upload(worker, id, std::string("MZ\x90\x00\x03\x00\x00\x00", 8));
  EXPECT_EQ(exe.status, 415u) << exe.body;
  EXPECT_EQ(exe.errorField(), "content");
  EXPECT_EQ(exe.errorCode(), "unsupported_media_type");
  const HttpResponse zip = upload(worker, id, std::string("PK\x03\x04rest of a zip", 18));
  EXPECT_EQ(zip.status, 415u) << zip.body;
  // JSON (or anything but octet-stream) as the body's type: 415 naming the header.
  const HttpResponse json_body = upload(worker, id, "{}", "T", "other", "application/json");
  EXPECT_EQ(json_body.status, 415u) << json_body.body;
  EXPECT_EQ(json_body.errorField(), "Content-Type");
  EXPECT_EQ(upload(worker, id, pdfBytes(), "", "medical").errorField(), "title");
  EXPECT_EQ(upload(worker, id, pdfBytes(), "%E2%28", "medical").errorField(), "title");
  EXPECT_EQ(upload(worker, id, pdfBytes(), "%zz", "medical").errorField(), "title");
  EXPECT_EQ(upload(worker, id, pdfBytes(), "Scan", "selfie").errorField(), "kind");
  EXPECT_EQ(upload(worker, id, "", "Scan", "medical").errorField(), "content");
  // Plain text, PNG and JPEG are taken, each with its recognised type.
  EXPECT_EQ(upload(worker, id, "Notes of the hearing\n").json->at("media_type"),
            "text/plain; charset=utf-8");
  EXPECT_EQ(upload(worker, id, std::string("\x89PNG\r\n\x1A\n....", 12)).json->at("media_type"),
            "image/png");
  EXPECT_EQ(upload(worker, id, std::string("\xFF\xD8\xFF\xE0....", 8)).json->at("media_type"),
            "image/jpeg");
}

TEST_F(CaseDocumentsTest, TheRouteAloneTakesTenMebibytes) {
  HttpClient worker = signedIn(kCaseWorkerA);
  const std::string id = newCase(worker);
  // 3 MiB: over the server's 1 MiB limit, within the route's 10 MiB.
  const std::string big = pdfBytes(std::size_t{3} * 1024 * 1024);
  const HttpResponse added = upload(worker, id, big);
  ASSERT_EQ(added.status, 201u) << added.body.substr(0, 200);
  const std::string doc(added.json->at("id").as_string());
  EXPECT_EQ(worker.get(base(id) + "/" + doc + "/content").body, big);
  // Past 10 MiB: 413 with a JSON error on the declared length, before the body is sent.
  HttpClient raw = client();
  const HttpResponse too_big = raw.raw("POST " + base(id) +
                                       " HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                                       "application/octet-stream\r\nContent-Length: " +
                                       std::to_string(10 * 1024 * 1024 + 1) + "\r\n\r\n");
  EXPECT_EQ(too_big.status, 413u) << too_big.body;
  EXPECT_EQ(too_big.errorCode(), "payload_too_large");
  EXPECT_NE(too_big.body.find("10 MiB"), std::string::npos) << too_big.body;
  // The same 3 MiB to another route is still refused.
  const HttpResponse elsewhere = worker.post("/api/v1/cases/" + id + "/notes", big);
  EXPECT_EQ(elsewhere.status, 413u);
}

TEST_F(CaseDocumentsTest, OnlyTheCasesTeamSeesDocumentsAndOnlyASupervisorWithdrawsOne) {
  HttpClient worker = signedIn(kCaseWorkerA);
  const std::string id = newCase(worker);
  const HttpResponse added = upload(worker, id, pdfBytes());
  ASSERT_EQ(added.status, 201u) << added.body;
  const std::string doc(added.json->at("id").as_string());
  const std::string content = base(id) + "/" + doc + "/content";
  HttpClient supervisor = signedIn(kSupervisorA);
  EXPECT_EQ(supervisor.get(base(id)).status, 200u);
  EXPECT_EQ(supervisor.get(content).status, 200u);
  for (const char* email : {kDataOfficerA, kConsultantA}) {
    HttpClient c = signedIn(email);
    EXPECT_EQ(c.get(base(id)).status, 403u) << email;
    EXPECT_EQ(c.get(content).status, 403u) << email;
    EXPECT_EQ(upload(c, id, pdfBytes()).status, 403u) << email;
  }
  for (const char* email : {kWorker2A, kWorkerB}) {  // not on the case; another organisation
    HttpClient c = signedIn(email);
    EXPECT_EQ(c.get(base(id)).status, 404u) << email;
    EXPECT_EQ(c.get(content).status, 404u) << email;
    EXPECT_EQ(upload(c, id, pdfBytes()).status, 404u) << email;
  }
  EXPECT_EQ(worker.get(base(id) + "/nope/content").status, 404u);
  // Withdrawal: supervisors only; the content is deleted (410), the entry stays, marked.
  EXPECT_EQ(worker.del(base(id) + "/" + doc).status, 403u);
  const HttpResponse withdrawn = supervisor.del(base(id) + "/" + doc);
  ASSERT_EQ(withdrawn.status, 200u) << withdrawn.body;
  EXPECT_EQ(withdrawn.json->at("withdrawn"), true);
  EXPECT_EQ(withdrawn.json->at("content_available"), false);
  const HttpResponse gone = worker.get(content);
  EXPECT_EQ(gone.status, 410u) << gone.body;
  EXPECT_EQ(gone.errorCode(), "gone");
  EXPECT_EQ(supervisor.del(base(id) + "/" + doc).status, 409u);
  EXPECT_EQ(caseEvents(id, "case_document.withdraw"), 1);
  long long left = -1;
  deployment().database().db().read([&](soci::session& sql) {
    sql << "SELECT COUNT(*) FROM case_attachment_contents WHERE attachment_id = :i",
        soci::into(left), soci::use(doc);
  });
  EXPECT_EQ(left, 0);
}

}  // namespace
}  // namespace strada::testing
