// What a contact keeps about its caller, over real HTTP: someone else's draft stays theirs in the
// repeat-caller lookup and behind its safety plan (issue 2.6); one number in every writing is one
// caller, read in the organisation's country (2.7); the caller's region is sealed and shown only
// to those who may read sealed text (2.4); and the step of migration 0011 that rewrites what was
// stored before it.
#include <soci/soci.h>

#include <string>
#include <vector>

#include "app/data_dir.h"
#include "crypto/crypto.h"
#include "domain/time.h"
#include "hotline/stored_contacts_upgrade.h"
#include "integration/at_rest.h"
#include "integration/suite.h"

namespace strada::testing {
namespace {

constexpr const char* kSecondConsultantA = "consultant2@a.example.org";
constexpr const char* kLookup = "/api/v1/callers/lookup";

class CallerRecordsTest : public DeploymentTest<CallerRecordsTest> {
 public:
  static std::vector<UserSpec> users() {
    auto all = standardUsers();
    all.push_back({kOrgA, kSecondConsultantA, "Cora Consultant", {"consultant"}});
    return all;
  }

 protected:
  // A Dutch mobile number of this test alone: its 8 digits after "6".
  static std::string newDigits() {
    std::string digits;
    for (const char b : crypto::randomBytes(8)) {
      digits += static_cast<char>('0' + static_cast<unsigned char>(b) % 10);
    }
    return digits;
  }

  static std::string contactWith(HttpClient& c, const std::string& identifier,
                                 const std::string& status, const std::string& started_at) {
    boost::json::object body = validContact(started_at);
    body["status"] = status;
    body["caller_identifier"] = identifier;
    return createdId(c, "/api/v1/contacts", body);
  }

  static HttpResponse lookUp(const std::string& who, const std::string& identifier) {
    return signedIn(who).post(kLookup, toJson({{"caller_identifier", identifier}}));
  }

  static std::string column(const std::string& name, const std::string& id) {
    std::string value;
    deployment().database().db().read([&](soci::session& sql) {
      sql << "SELECT " + name + " FROM contacts WHERE id = :id", soci::into(value), soci::use(id);
    });
    return value;
  }

  static void execSql(const std::string& statement) {
    auto s = deployment().database().db().write([&](store::WriteContext& w) -> domain::Status {
      w.sql() << statement;
      return {};
    });
    ASSERT_TRUE(s) << s.error().detail;
  }

  static std::string orgId(const std::string& code) {
    std::string id;
    deployment().database().db().read([&](soci::session& sql) {
      sql << "SELECT id FROM organisations WHERE code = :code", soci::into(id), soci::use(code);
    });
    return id;
  }

  static std::string everythingAtRest() {
    return testing::everythingAtRest(deployment().database());
  }
};

TEST_F(CallerRecordsTest, TheLookupNeverListsNorCountsSomeoneElsesDraft) {
  HttpClient author = signedIn(kConsultantA);
  const std::string number = "+316" + newDigits();
  const std::string final_id = contactWith(author, number, "final", "2024-02-01T10:00:00Z");
  const std::string draft_id = contactWith(author, number, "draft", "2024-02-02T10:00:00Z");
  ASSERT_FALSE(draft_id.empty());

  const HttpResponse own = lookUp(kConsultantA, number);
  ASSERT_EQ(own.status, 200u) << own.body;
  EXPECT_EQ(own.json->as_object().at("count"), 2);
  EXPECT_EQ(itemIds(own, "earlier_contacts"), (std::vector<std::string>{draft_id, final_id}));

  const HttpResponse other = lookUp(kSecondConsultantA, number);
  ASSERT_EQ(other.status, 200u) << other.body;
  EXPECT_EQ(other.json->as_object().at("count"), 1) << "the draft is not counted";
  EXPECT_EQ(itemIds(other, "earlier_contacts"), (std::vector<std::string>{final_id}));

  const HttpResponse supervisor = lookUp(kSupervisorA, number);
  ASSERT_EQ(supervisor.status, 200u) << supervisor.body;
  EXPECT_EQ(supervisor.json->as_object().at("count"), 2) << "a supervisor sees every draft";

  // The contact's own repeat-caller box follows the same rule.
  HttpClient second = signedIn(kSecondConsultantA);
  const std::string later = contactWith(second, number, "final", "2024-02-03T10:00:00Z");
  const HttpResponse detail = second.get("/api/v1/contacts/" + later);
  ASSERT_EQ(detail.status, 200u) << detail.body;
  EXPECT_EQ(detail.json->as_object().at("repeat_caller").as_object().at("earlier_contacts"), 1);
}

TEST_F(CallerRecordsTest, SomeoneElsesDraftHasNoSafetyPlanForThem) {
  HttpClient author = signedIn(kConsultantA);
  const std::string draft = contactWith(author, "", "draft", "2024-03-01T10:00:00Z");
  ASSERT_FALSE(draft.empty());
  const std::string path = "/api/v1/contacts/" + draft + "/safety-plan";
  const boost::json::object plan{{"risks", "MARKER-plan-risk"}};
  ASSERT_EQ(author.post(path, toJson(plan)).status, 201u);

  for (const char* who : {kSecondConsultantA, kCaseWorkerA}) {
    HttpClient c = signedIn(who);
    const HttpResponse got = c.get(path);
    EXPECT_EQ(got.status, 404u) << who << ": " << got.body;
    EXPECT_EQ(got.body.find("MARKER-plan-risk"), std::string::npos) << who;
    boost::json::object change = plan;
    change["version"] = 1;
    EXPECT_EQ(c.request("PUT", path, toJson(change), CsrfMode::kSession).status, 404u) << who;
  }
  EXPECT_EQ(signedIn(kSupervisorA).get(path).status, 200u);
  EXPECT_EQ(author.get(path).status, 200u);
  const std::string other_draft = contactWith(author, "", "draft", "2024-03-02T10:00:00Z");
  HttpClient second = signedIn(kSecondConsultantA);
  EXPECT_EQ(second.post("/api/v1/contacts/" + other_draft + "/safety-plan", toJson(plan)).status,
            404u);
}

TEST_F(CallerRecordsTest, OneNumberInEveryWritingIsOneCallerOfTheOrganisationsCountry) {
  HttpClient c = signedIn(kConsultantA);  // ORG-A is in the Netherlands
  const std::string digits = newDigits();
  const std::string international =
      contactWith(c, "+31 6 " + digits, "final", "2024-04-01T10:00:00Z");
  const std::string with_00 = contactWith(
      c, "0031 6 " + digits.substr(0, 4) + " " + digits.substr(4), "final", "2024-04-02T10:00:00Z");
  const std::string national = contactWith(c, "06-" + digits, "final", "2024-04-03T10:00:00Z");
  ASSERT_FALSE(national.empty());
  EXPECT_EQ(column("caller_hash", with_00), column("caller_hash", international));
  EXPECT_EQ(column("caller_hash", national), column("caller_hash", international));

  const HttpResponse look = lookUp(kConsultantA, "06 " + digits);
  ASSERT_EQ(look.status, 200u) << look.body;
  EXPECT_EQ(look.json->as_object().at("count"), 3);
  const HttpResponse detail = c.get("/api/v1/contacts/" + national);
  EXPECT_EQ(detail.json->as_object().at("repeat_caller").as_object().at("earlier_contacts"), 2);
  // The identifier reads as it was typed.
  EXPECT_EQ(detail.json->as_object().at("caller_identifier"), boost::json::string("06-" + digits));
}

TEST_F(CallerRecordsTest, TheRegionIsSealedAndOnlyForThoseWhoReadSealedText) {
  HttpClient c = signedIn(kConsultantA);
  boost::json::object body = validContact("2024-05-01T10:00:00Z");
  body["caller_region"] = "MARKER-region-3c9f Zeeland";
  const std::string id = createdId(c, "/api/v1/contacts", body);
  ASSERT_FALSE(id.empty());
  const HttpResponse own = c.get("/api/v1/contacts/" + id);
  EXPECT_EQ(own.json->as_object().at("caller_region"), "MARKER-region-3c9f Zeeland");
  const HttpResponse officer = signedIn(kDataOfficerA).get("/api/v1/contacts/" + id);
  ASSERT_EQ(officer.status, 200u) << officer.body;
  EXPECT_FALSE(officer.json->as_object().contains("caller_region")) << officer.body;
  EXPECT_EQ(officer.body.find("MARKER-region"), std::string::npos);
  HttpClient data_officer = signedIn(kDataOfficerA);
  const HttpResponse list =
      data_officer.get("/api/v1/contacts?from=2024-05-01T00:00:00Z&to=2024-05-02T00:00:00Z");
  ASSERT_EQ(list.status, 200u) << list.body;
  EXPECT_EQ(list.body.find("MARKER-region"), std::string::npos);

  EXPECT_EQ(column("caller_region", id), "");
  const std::string at_rest = everythingAtRest();
  EXPECT_NE(at_rest.find(id), std::string::npos) << "the control: the rows are searched";
  EXPECT_EQ(at_rest.find("MARKER-region-3c9f"), std::string::npos) << "the region is sealed";
}

// What a contact held before 0011: its index of the old normalisation (digits only, so "06..." and
// "+316..." differed) and its region in the clear; a flag on the old index.
TEST_F(CallerRecordsTest, TheUpgradeStepRewritesWhatWasStoredBefore) {
  HttpClient c = signedIn(kConsultantA);
  const std::string digits = newDigits();
  const std::string old_id = contactWith(c, "06 " + digits, "final", "2024-06-01T10:00:00Z");
  const std::string new_id = contactWith(c, "+316" + digits, "final", "2024-06-02T10:00:00Z");
  ASSERT_FALSE(new_id.empty());
  const std::string org = orgId(kOrgA);
  std::string legacy_hash;
  {
    auto opened = app::openData(deployment().data());
    ASSERT_TRUE(opened) << opened.error().message;
    legacy_hash = opened->keys->blindIndex(vault::BlindIndex::kCaller, org, "06" + digits);
  }
  execSql("UPDATE contacts SET caller_hash = '" + legacy_hash +
          "', caller_region = 'MARKER-old-region', region_sealed = '' WHERE id = '" + old_id + "'");
  execSql(
      "INSERT INTO caller_flags (org_id, caller_hash, flag, expires_at, created_by, "
      "created_at) VALUES ('" +
      org + "', '" + legacy_hash + "', 'abusive', " +
      std::to_string(domain::nowMillis() + 86400000) + ", '', 1)");
  execSql("DELETE FROM data_migrations WHERE name = '" + std::string(hotline::kCallerRecordsStep) +
          "'");
  ASSERT_EQ(lookUp(kConsultantA, "+316" + digits).json->as_object().at("count"), 1)
      << "the control: the old index is missed";

  // `strada migrate` and a server start open the data the same way.
  ASSERT_TRUE(app::openData(deployment().data()));

  EXPECT_EQ(column("caller_hash", old_id), column("caller_hash", new_id));
  EXPECT_EQ(column("caller_region", old_id), "");
  EXPECT_FALSE(column("region_sealed", old_id).empty());
  const HttpResponse look = lookUp(kConsultantA, "06" + digits);
  EXPECT_EQ(look.json->as_object().at("count"), 2);
  ASSERT_EQ(look.json->as_object().at("flags").as_array().size(), 1u) << look.body;
  const HttpResponse detail = c.get("/api/v1/contacts/" + old_id);
  EXPECT_EQ(detail.json->as_object().at("caller_region"), "MARKER-old-region");

  // Recorded: a second start changes nothing, even what it would have rewritten.
  execSql("UPDATE contacts SET caller_region = 'MARKER-after' WHERE id = '" + old_id + "'");
  ASSERT_TRUE(app::openData(deployment().data()));
  EXPECT_EQ(column("caller_region", old_id), "MARKER-after");
  execSql("UPDATE contacts SET caller_region = '' WHERE id = '" + old_id + "'");
}

}  // namespace
}  // namespace strada::testing
