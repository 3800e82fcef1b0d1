// Retention (issue 10, section 5) over real HTTP and the real command, on SQLite and PostgreSQL:
// the rules are validated (400 naming the field) and kept per organisation; `strada purge
// --preview` and GET /admin/retention/preview count exactly what is past its date; `--apply`
// deletes or de-identifies exactly that (the person of a closed case erased), writes one
// retention.purge event per kind, and nothing past its date is readable through the API after;
// the daily job of `strada serve` applies the rules by itself. Records are aged by moving their
// dates back in the database (nobody waits years).
#include <soci/soci.h>

#include <chrono>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "app/retention_commands.h"
#include "crypto/crypto.h"
#include "domain/time.h"
#include "integration/suite.h"

namespace strada::testing {
namespace {

constexpr std::int64_t kDay = 86'400'000;
constexpr const char* kRules = "/api/v1/admin/retention";
constexpr const char* kPreview = "/api/v1/admin/retention/preview";
constexpr const char* kDataOfficerB = "retention.officer@b.example.org";
constexpr const char* kCaseWorkerB = "retention.worker@b.example.org";

std::string daysAgo(int days) {
  return domain::formatRfc3339(domain::nowMillis() - std::int64_t{days} * kDay);
}

template <class Derived>
class RetentionSuite : public DeploymentTest<Derived> {
 public:
  static std::vector<UserSpec> users() {
    auto users = standardUsers();
    users.push_back({kOrgB, kDataOfficerB, "Rita Retention", {"data_officer"}});
    users.push_back({kOrgB, kCaseWorkerB, "Wim Worker", {"case_worker"}});
    return users;
  }

 protected:
  using Base = DeploymentTest<Derived>;

  static HttpResponse putRules(HttpClient& c, const std::string& body) {
    return c.request("PUT", kRules, body, CsrfMode::kSession);
  }

  static std::string orgId(const std::string& code) {
    std::string id;
    Base::deployment().database().db().read([&](soci::session& sql) {
      sql << "SELECT id FROM organisations WHERE code = :c", soci::into(id), soci::use(code);
    });
    return id;
  }

  // Runs `query` with :d (a time) and :i (an id) bound.
  static void age(const std::string& query, std::int64_t at, const std::string& id) {
    const long long when = at;
    const auto status = Base::deployment().database().db().write([&](store::WriteContext& w) {
      w.sql() << query, soci::use(when, "d"), soci::use(id, "i");
      return domain::Status{};
    });
    ASSERT_TRUE(status.has_value());
  }

  // The object ids of the organisation's retention.purge events.
  static std::vector<std::string> purgeEvents(const std::string& org_id) {
    std::vector<std::string> out;
    Base::deployment().database().db().read([&](soci::session& sql) {
      std::string object;
      soci::statement st = (sql.prepare << "SELECT object_id FROM audit_events WHERE action = "
                                           "'retention.purge' AND org_id = :o ORDER BY seq",
                            soci::into(object), soci::use(org_id));
      st.execute();
      while (st.fetch()) {
        out.push_back(object);
      }
    });
    return out;
  }

  struct CaseOf {
    std::string client_id, case_id;
  };
  // A client with a case, opened by `c` (a case worker).
  static CaseOf newCase(HttpClient& c, const std::string& name) {
    CaseOf k;
    const HttpResponse r = c.post(
        "/api/v1/clients",
        toJson({{"person", {{"full_name", name}, {"birth_date", "1991-03-04"}}},
                {"coded", {{"gender", "Feminine"}, {"citizenships", boost::json::array{"RO"}}}}}));
    EXPECT_EQ(r.status, 201u) << r.body;
    if (!r.json) {
      return k;
    }
    k.client_id = std::string(r.json->at("id").as_string());
    k.case_id = createdId(c, "/api/v1/cases",
                          {{"client_id", k.client_id},
                           {"referral", {{"source_type", "ngo"}, {"referred_on", "2024-05-01"}}}});
    return k;
  }

  static std::string newNote(HttpClient& c, const std::string& case_id, const std::string& text) {
    return createdId(c, "/api/v1/cases/" + case_id + "/notes", {{"text", text}});
  }

  static std::string newDocument(HttpClient& c, const std::string& case_id,
                                 const std::string& content) {
    const HttpResponse r =
        c.request("POST", "/api/v1/cases/" + case_id + "/documents", content, CsrfMode::kSession,
                  {{"Content-Type", "application/octet-stream"},
                   {"X-Strada-Document-Title", "Contract"},
                   {"X-Strada-Document-Kind", "id_document"}});
    EXPECT_EQ(r.status, 201u) << r.body;
    return r.json ? std::string(r.json->at("id").as_string()) : std::string();
  }
};

class RetentionTest : public RetentionSuite<RetentionTest> {};

TEST_F(RetentionTest, RulesAreValidatedNamingTheFieldAndKeptPerOrganisation) {
  HttpClient officer = signedIn(kDataOfficerA);
  struct Bad {
    std::string body, field;
  };
  const std::vector<Bad> bad{
      {"{}", "rules"},
      {R"({"rules":[{"kind":"letters","keep_days":30,"action":"delete"}]})", "rules[0].kind"},
      {R"({"rules":[{"kind":"audit_events","keep_days":3650,"action":"delete"}]})",
       "rules[0].kind"},
      {R"({"rules":[{"kind":"exports","keep_days":30,"action":"delete"}]})", "rules[0].kind"},
      {R"({"rules":[{"kind":"contacts","keep_days":0,"action":"delete"}]})", "rules[0].keep_days"},
      {R"({"rules":[{"kind":"contacts","keep_days":36501,"action":"delete"}]})",
       "rules[0].keep_days"},
      {R"({"rules":[{"kind":"contacts","keep_days":"30","action":"delete"}]})",
       "rules[0].keep_days"},
      {R"({"rules":[{"kind":"contacts","keep_days":30,"action":"shred"}]})", "rules[0].action"},
      {R"({"rules":[{"kind":"closed_cases","keep_days":30,"action":"delete"}]})",
       "rules[0].action"},
      {R"({"rules":[{"kind":"case_notes","keep_days":30,"action":"deidentify"}]})",
       "rules[0].action"},
      {R"({"rules":[{"kind":"contacts","keep_days":30,"action":"delete"},)"
       R"({"kind":"contacts","keep_days":60,"action":"delete"}]})",
       "rules[1].kind"},
      {R"({"rules":[{"kind":"contacts","keep_days":30,"action":"delete","extra":1}]})",
       "rules[0].extra"},
  };
  for (const Bad& b : bad) {
    const HttpResponse r = putRules(officer, b.body);
    EXPECT_EQ(r.status, 400u) << b.body << ": " << r.body;
    EXPECT_TRUE(r.hasErrorShape()) << r.body;
    EXPECT_EQ(r.errorField(), b.field) << b.body << ": " << r.body;
  }
  // Nothing was saved by the refused bodies.
  const HttpResponse none = officer.get(kRules);
  ASSERT_EQ(none.status, 200u) << none.body;
  EXPECT_TRUE(none.json->at("items").as_array().empty()) << none.body;
  EXPECT_EQ(none.json->at("kinds").as_array().size(), 4u);

  // Org B's rule is B's alone.
  HttpClient officer_b = signedIn(kDataOfficerB);
  const HttpResponse b_saved =
      putRules(officer_b, R"({"rules":[{"kind":"case_notes","keep_days":400,"action":"delete"}]})");
  ASSERT_EQ(b_saved.status, 200u) << b_saved.body;
  EXPECT_TRUE(officer.get(kRules).json->at("items").as_array().empty());
  const HttpResponse b_rules = officer_b.get(kRules);
  ASSERT_EQ(b_rules.json->at("items").as_array().size(), 1u) << b_rules.body;
  EXPECT_EQ(b_rules.json->at("items").at(0).at("keep_days"), 400);
  EXPECT_TRUE(b_rules.json->at("items").at(0).at("updated_at").is_string());
  // Emptied again, so that the purge below does not touch B.
  ASSERT_EQ(putRules(officer_b, R"({"rules":[]})").status, 200u);

  // Roles without retention.manage are refused.
  for (const char* email : {kConsultantA, kSupervisorA, kCaseWorkerA}) {
    HttpClient other = signedIn(email);
    EXPECT_EQ(other.get(kRules).status, 403u) << email;
    EXPECT_EQ(other.get(kPreview).status, 403u) << email;
    EXPECT_EQ(putRules(other, R"({"rules":[]})").status, 403u) << email;
  }
  // Every call was audited.
  int reads = 0;
  int updates = 0;
  const std::string org_b = orgId(kOrgB);
  deployment().database().db().read([&](soci::session& sql) {
    sql << "SELECT COUNT(*) FROM audit_events WHERE action = 'retention.read' AND org_id = :o",
        soci::into(reads), soci::use(org_b);
    sql << "SELECT COUNT(*) FROM audit_events WHERE action = 'retention.update' AND org_id = :o",
        soci::into(updates), soci::use(org_b);
  });
  EXPECT_EQ(reads, 1);
  EXPECT_EQ(updates, 2);
}

TEST_F(RetentionTest, PurgePreviewsThenRemovesExactlyWhatIsPastItsDate) {
  const std::string org_a = orgId(kOrgA);
  HttpClient consultant = signedIn(kConsultantA);
  HttpClient worker = signedIn(kCaseWorkerA);
  HttpClient officer = signedIn(kDataOfficerA);

  // Contacts: two started 400 days ago, one 10 days ago.
  const std::vector<std::string> old_contacts{
      createdId(consultant, "/api/v1/contacts", validContact(daysAgo(400))),
      createdId(consultant, "/api/v1/contacts", validContact(daysAgo(400)))};
  const std::string new_contact =
      createdId(consultant, "/api/v1/contacts", validContact(daysAgo(10)));

  // Cases: one closed 800 days ago, one closed 10 days ago, one open.
  const std::string tag = crypto::toHex(crypto::randomBytes(4));
  const CaseOf closed_old = newCase(worker, "Retention Old " + tag);
  const CaseOf closed_new = newCase(worker, "Retention New " + tag);
  const CaseOf open = newCase(worker, "Retention Open " + tag);
  const std::string close_query =
      "UPDATE cases SET status = 'closed', closure_approved_at = :d WHERE id = :i";
  age(close_query, domain::nowMillis() - 800 * kDay, closed_old.case_id);
  age(close_query, domain::nowMillis() - 10 * kDay, closed_new.case_id);

  // Notes and documents of the open case: one of each 200 days old, one of each new.
  const std::string old_note = newNote(worker, open.case_id, "Old note " + tag);
  const std::string new_note = newNote(worker, open.case_id, "New note " + tag);
  age("UPDATE case_notes SET created_at = :d WHERE id = :i", domain::nowMillis() - 200 * kDay,
      old_note);
  const std::string old_document = newDocument(worker, open.case_id, "%PDF-1.4 old " + tag);
  const std::string new_document = newDocument(worker, open.case_id, "%PDF-1.4 new " + tag);
  age("UPDATE case_attachments SET uploaded_at = :d WHERE id = :i",
      domain::nowMillis() - 200 * kDay, old_document);

  const HttpResponse saved = putRules(officer, R"({"rules":[
      {"kind":"contacts","keep_days":365,"action":"delete"},
      {"kind":"closed_cases","keep_days":730,"action":"deidentify"},
      {"kind":"case_notes","keep_days":180,"action":"delete"},
      {"kind":"case_documents","keep_days":180,"action":"delete"}]})");
  ASSERT_EQ(saved.status, 200u) << saved.body;
  ASSERT_EQ(saved.json->at("items").as_array().size(), 4u) << saved.body;

  // The preview counts exactly what is past its date, and changes nothing.
  const auto due = [&] {
    std::map<std::string, std::int64_t> out;
    const HttpResponse p = officer.get(kPreview);
    EXPECT_EQ(p.status, 200u) << p.body;
    for (const auto& item : p.json->at("items").as_array()) {
      out[std::string(item.at("kind").as_string())] = item.at("due").to_number<std::int64_t>();
    }
    return out;
  };
  const std::map<std::string, std::int64_t> expected{
      {"contacts", 2}, {"closed_cases", 1}, {"case_notes", 1}, {"case_documents", 1}};
  EXPECT_EQ(due(), expected);
  ::testing::internal::CaptureStdout();
  ASSERT_EQ(app::runPurge(deployment().data(), {kOrgA, false}), 0);
  const std::string previewed = ::testing::internal::GetCapturedStdout();
  EXPECT_NE(previewed.find("ORG-A contacts: keep 365 days, then delete. 2 past their date would "
                           "be deleted"),
            std::string::npos)
      << previewed;
  EXPECT_NE(previewed.find("ORG-A closed_cases: keep 730 days, then deidentify. 1 past"),
            std::string::npos)
      << previewed;
  EXPECT_EQ(consultant.get("/api/v1/contacts/" + old_contacts[0]).status, 200u);
  EXPECT_TRUE(purgeEvents(org_a).empty());

  ::testing::internal::CaptureStdout();
  ASSERT_EQ(app::runPurge(deployment().data(), {kOrgA, true}), 0);
  const std::string applied = ::testing::internal::GetCapturedStdout();
  EXPECT_NE(applied.find("ORG-A contacts: keep 365 days, then delete. 2 past their date; 2 "
                         "deleted."),
            std::string::npos)
      << applied;
  EXPECT_NE(applied.find("ORG-A case_notes: keep 180 days, then delete. 1 past their date; 1 "
                         "deleted."),
            std::string::npos)
      << applied;

  // One audit event per kind, with its count.
  EXPECT_EQ(purgeEvents(org_a),
            (std::vector<std::string>{"contacts:delete=2", "closed_cases:deidentify=1",
                                      "case_notes:delete=1", "case_documents:delete=1"}));

  // Nothing past its date is readable; everything else is.
  for (const auto& id : old_contacts) {
    EXPECT_EQ(consultant.get("/api/v1/contacts/" + id).status, 404u) << id;
  }
  const HttpResponse kept = consultant.get("/api/v1/contacts/" + new_contact);
  ASSERT_EQ(kept.status, 200u) << kept.body;
  EXPECT_EQ(kept.json->at("summary"), "Caller asked about work permits.");

  const HttpResponse erased = worker.get("/api/v1/cases/" + closed_old.case_id);
  ASSERT_EQ(erased.status, 200u) << erased.body;
  EXPECT_EQ(erased.json->at("client").at("person"), nullptr);
  EXPECT_TRUE(erased.json->at("client").at("erased_at").is_string());
  EXPECT_EQ(erased.body.find("Retention Old"), std::string::npos);
  const HttpResponse still = worker.get("/api/v1/cases/" + closed_new.case_id);
  ASSERT_EQ(still.status, 200u) << still.body;
  EXPECT_NE(still.body.find("Retention New " + tag), std::string::npos) << still.body;

  const HttpResponse notes = worker.get("/api/v1/cases/" + open.case_id + "/notes");
  ASSERT_EQ(notes.status, 200u) << notes.body;
  EXPECT_EQ(itemIds(notes), std::vector<std::string>{new_note});
  EXPECT_EQ(notes.body.find("Old note"), std::string::npos);
  const std::string documents = "/api/v1/cases/" + open.case_id + "/documents";
  const HttpResponse listed = worker.get(documents);
  ASSERT_EQ(listed.status, 200u) << listed.body;
  EXPECT_EQ(itemIds(listed), std::vector<std::string>{new_document});
  EXPECT_EQ(worker.get(documents + "/" + old_document + "/content").status, 404u);
  EXPECT_EQ(worker.get(documents + "/" + new_document + "/content").status, 200u);

  // Nothing is left past its date; a second run changes nothing and writes no event.
  const std::map<std::string, std::int64_t> zero{
      {"contacts", 0}, {"closed_cases", 0}, {"case_notes", 0}, {"case_documents", 0}};
  EXPECT_EQ(due(), zero);
  ::testing::internal::CaptureStdout();
  ASSERT_EQ(app::runPurge(deployment().data(), {"", true}), 0);
  (void)::testing::internal::GetCapturedStdout();
  EXPECT_EQ(purgeEvents(org_a).size(), 4u);
  // An unknown organisation is named.
  EXPECT_EQ(app::runPurge(deployment().data(), {"NOPE", false}), 1);
}

// The daily job, every 200 ms here: it de-identifies an old contact by itself.
class RetentionJobTest : public RetentionSuite<RetentionJobTest> {};

TEST_F(RetentionJobTest, TheServersJobAppliesTheRules) {
  deployment().stopServer();
  deployment().startServer(
      0, [](app::ServeOptions& serve) { serve.retention_every = std::chrono::milliseconds(200); });
  HttpClient consultant = signedIn(kConsultantB);
  boost::json::object body = validContact(daysAgo(100));
  body["summary"] = "Old caller story";
  const std::string old_contact = createdId(consultant, "/api/v1/contacts", body);
  const std::string new_contact =
      createdId(consultant, "/api/v1/contacts", validContact(daysAgo(1)));
  HttpClient officer = signedIn(kDataOfficerB);
  ASSERT_EQ(
      putRules(officer, R"({"rules":[{"kind":"contacts","keep_days":30,"action":"deidentify"}]})")
          .status,
      200u);
  const std::string org_b = orgId(kOrgB);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (purgeEvents(org_b).empty() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(purgeEvents(org_b), std::vector<std::string>{"contacts:deidentify=1"});
  // De-identified: the coded fields stay, the free text and the caller are gone.
  const HttpResponse old = consultant.get("/api/v1/contacts/" + old_contact);
  ASSERT_EQ(old.status, 200u) << old.body;
  EXPECT_EQ(old.body.find("Old caller story"), std::string::npos) << old.body;
  EXPECT_EQ(old.json->at("category"), "safe_migration");
  const HttpResponse kept = consultant.get("/api/v1/contacts/" + new_contact);
  ASSERT_EQ(kept.status, 200u) << kept.body;
  EXPECT_EQ(kept.json->at("summary"), "Caller asked about work permits.");
  // The job keeps running and does not count the same contact again.
  std::this_thread::sleep_for(std::chrono::milliseconds(600));
  EXPECT_EQ(purgeEvents(org_b).size(), 1u);
  // The log names counts only.
  EXPECT_NE(deployment().log().find("retention applied"), std::string::npos);
  EXPECT_EQ(deployment().log().find("Old caller story"), std::string::npos);
}

}  // namespace
}  // namespace strada::testing
