// The complete hotline contact over real HTTP (issue 3): non-data contacts, drafts and
// finishing, optimistic updates, who may change what, repeat callers by blind index (and the
// identifier never at rest in the clear nor in the log), caller flags with expiry, safety plans
// (sealed, audited, not for data officers), referral agencies and the translated code lists.
#include <soci/soci.h>

#include <algorithm>
#include <string>
#include <vector>

#include "crypto/crypto.h"
#include "domain/time.h"
#include "integration/at_rest.h"
#include "integration/suite.h"
#include "store/repositories.h"

namespace strada::testing {
namespace {

class ContactModelTest : public DeploymentTest<ContactModelTest> {
 protected:
  // Posts `body` as `c`; expects 201 and returns the new contact.
  static boost::json::object create(HttpClient& c, const boost::json::object& body) {
    const HttpResponse r = c.post("/api/v1/contacts", toJson(body));
    EXPECT_EQ(r.status, 201u) << r.body;
    if (r.status != 201 || !r.json) {
      return {};
    }
    return r.json->as_object();
  }
  static std::string idOf(const boost::json::object& o) {
    return o.contains("id") ? std::string(o.at("id").as_string()) : std::string();
  }

  static bool contains(const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
  }

  // The actions of the audit events about one object, oldest first.
  static std::vector<std::string> auditActions(const std::string& type, const std::string& id) {
    domain::Result<std::vector<audit::AuditEvent>> events;
    deployment().database().db().read(
        [&](soci::session& sql) { events = store::auditEventsFor(sql, type, id); });
    std::vector<std::string> out;
    if (!events) {
      ADD_FAILURE() << events.error().message;
      return out;
    }
    for (auto it = events->rbegin(); it != events->rend(); ++it) {
      out.push_back(it->input.action);
    }
    return out;
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

  // Every byte of the database at rest: the SQLite file with its WAL, or every text value of
  // every PostgreSQL table.
  static std::string everythingAtRest() {
    TestDatabase& tdb = deployment().database();
    if (!tdb.isPostgres()) {
      return sqliteBytesAtRest(tdb);
    }
    std::string out;
    for (const auto& v : postgresValuesAtRest(tdb)) {
      out += v;
      out += '\n';
    }
    return out;
  }

  static boost::json::object nonData(const std::string& started_at) {
    return {{"kind", "non_data"},
            {"non_data_type", "silent"},
            {"channel", "phone"},
            {"started_at", started_at},
            {"duration_s", 4}};
  }

  static boost::json::object plan(const std::string& marker) {
    return {{"risks", "Partner checks the phone. " + marker},
            {"options", "Leave on Tuesday morning."},
            {"safe_contacts", "Sister in Utrecht"},
            {"code_word", "blue umbrella"},
            {"documents", "Passport held by employer"},
            {"emergency_numbers", "112"},
            {"notes", "Καλημέρα"}};
  }
};

TEST_F(ContactModelTest, NonDataContactIsOneCodeAndNothingElse) {
  HttpClient c = signedIn(kConsultantA);
  const auto made = create(c, nonData("2023-01-05T10:00:00Z"));
  ASSERT_FALSE(made.empty());
  EXPECT_EQ(made.at("kind"), "non_data");
  EXPECT_EQ(made.at("non_data_type"), "silent");
  EXPECT_EQ(made.at("status"), "final");
  EXPECT_FALSE(made.contains("category")) << "a non-data contact carries no data fields";
  EXPECT_FALSE(made.at("finalised_at").is_null());

  for (const auto& [field, value] : std::vector<std::pair<std::string, boost::json::value>>{
           {"summary", "She said ..."},
           {"category", "crisis"},
           {"exploitation", boost::json::array{"ForcedLabour"}},
           {"language", "en"}}) {
    boost::json::object body = nonData("2023-01-05T10:00:00Z");
    body[field] = value;
    const HttpResponse r = c.post("/api/v1/contacts", toJson(body));
    EXPECT_EQ(r.status, 400u) << field << ": " << r.body;
    EXPECT_EQ(r.errorField(), field) << r.body;
  }
  boost::json::object no_type = nonData("2023-01-05T10:00:00Z");
  no_type.erase("non_data_type");
  EXPECT_EQ(c.post("/api/v1/contacts", toJson(no_type)).errorField(), "non_data_type");
}

TEST_F(ContactModelTest, EveryFieldRoundTripsThroughTheApi) {
  HttpClient c = signedIn(kConsultantA);
  const std::string agency = crypto::newId();
  execSql("INSERT INTO agencies (id, org_id, name) VALUES ('" + agency + "', '" + orgId(kOrgA) +
          "', 'La Strada shelter')");
  boost::json::object in = validContact("2023-02-01T08:00:00Z");
  in["status"] = "final";
  in["kind"] = "data";
  in["category"] = "tip";
  in["caller_type"] = "family_member";
  in["anonymous"] = false;
  in["caller_gender"] = "Feminine";
  in["caller_age_band"] = "age_25_34";
  in["language"] = "ro";
  in["caller_country"] = "RO";
  in["caller_region"] = "Iași";
  in["destination_country"] = "NL";
  in["exploitation"] = boost::json::array{"ForcedLabour", "SexualExploitation"};
  in["industry"] = boost::json::array{"A_AgricultureForestryAndFishing"};
  in["indicators"] = boost::json::array{"coercion_at_destination", "deceptive_recruitment"};
  in["imminent_danger"] = true;
  in["assistance"] = boost::json::array{"emotional_support", "safety_tips"};
  in["referral_agency_ids"] = boost::json::array{boost::json::string(agency)};
  in["outcome"] = "referred";
  in["follow_up_needed"] = true;
  in["follow_up_due"] = "2023-02-03T09:00:00Z";
  in["caller_identifier"] = "+40 722 000 111";
  const auto made = create(c, in);
  ASSERT_FALSE(made.empty());
  const HttpResponse got = c.get("/api/v1/contacts/" + idOf(made));
  ASSERT_EQ(got.status, 200u) << got.body;
  const auto& body = got.json->as_object();
  for (const auto& [key, value] : in) {
    if (key == "started_at" || key == "follow_up_due") {
      continue;  // instants come back normalised to UTC with milliseconds
    }
    EXPECT_EQ(body.at(key), value) << key << ": " << got.body;
  }
  const auto started = domain::parseRfc3339(body.at("started_at").as_string(), "started_at");
  ASSERT_TRUE(started.has_value());
  EXPECT_EQ(*started, *domain::parseRfc3339("2023-02-01T08:00:00Z", "started_at"));
  EXPECT_EQ(body.at("follow_up_due"), "2023-02-03T09:00:00.000Z");
  EXPECT_EQ(body.at("version"), 1);
  EXPECT_FALSE(body.at("finalised_at").is_null());
  EXPECT_EQ(body.at("repeat_caller").as_object().at("earlier_contacts"), 0);
  EXPECT_TRUE(body.at("safety_plan_id").is_null());

  // The data officer sees coded fields only: no summary, no identifier, no safety plan link.
  HttpClient officer = signedIn(kDataOfficerA);
  const HttpResponse coded = officer.get("/api/v1/contacts/" + idOf(made));
  ASSERT_EQ(coded.status, 200u);
  EXPECT_FALSE(coded.json->as_object().contains("caller_identifier"));
  EXPECT_FALSE(coded.json->as_object().contains("summary"));
  EXPECT_FALSE(coded.json->as_object().contains("safety_plan_id"));
  EXPECT_EQ(coded.json->as_object().at("exploitation"), in.at("exploitation"));
  // Lists never carry the identifier.
  const HttpResponse list =
      c.get("/api/v1/contacts?from=2023-02-01T00:00:00Z&to=2023-02-02T00:00:00Z");
  ASSERT_EQ(list.status, 200u);
  EXPECT_TRUE(contains(itemIds(list), idOf(made)));
  EXPECT_EQ(list.body.find("+40 722 000 111"), std::string::npos);
  EXPECT_EQ(list.body.find("caller_identifier"), std::string::npos);
}

TEST_F(ContactModelTest, ReferralAgenciesMustBeOfTheOrganisation) {
  HttpClient c = signedIn(kConsultantA);
  const std::string foreign = crypto::newId();
  execSql("INSERT INTO agencies (id, org_id, name) VALUES ('" + foreign + "', '" + orgId(kOrgB) +
          "', 'Elsewhere')");
  for (const std::string& id : {foreign, crypto::newId()}) {
    boost::json::object in = validContact();
    in["referral_agency_ids"] = boost::json::array{boost::json::string(id)};
    const HttpResponse r = c.post("/api/v1/contacts", toJson(in));
    EXPECT_EQ(r.status, 400u) << r.body;
    EXPECT_EQ(r.errorField(), "referral_agency_ids");
  }
}

TEST_F(ContactModelTest, DraftThenFinaliseWithVersions) {
  HttpClient c = signedIn(kConsultantA);
  // A draft needs neither category nor caller type nor language.
  boost::json::object draft{{"status", "draft"},
                            {"channel", "phone"},
                            {"started_at", "2023-03-01T10:00:00Z"},
                            {"duration_s", 30}};
  const auto made = create(c, draft);
  ASSERT_FALSE(made.empty());
  const std::string id = idOf(made);
  EXPECT_EQ(made.at("status"), "draft");
  EXPECT_TRUE(made.at("finalised_at").is_null());
  EXPECT_EQ(made.at("version"), 1);
  EXPECT_TRUE(contains(itemIds(c.get("/api/v1/contacts/drafts")), id));

  // Finishing it needs the final contact's fields.
  boost::json::object final_body = draft;
  final_body["status"] = "final";
  final_body["version"] = 1;
  const HttpResponse incomplete =
      c.request("PUT", "/api/v1/contacts/" + id, toJson(final_body), CsrfMode::kSession);
  EXPECT_EQ(incomplete.status, 400u) << incomplete.body;
  EXPECT_EQ(incomplete.errorField(), "category");

  boost::json::object complete = validContact("2023-03-01T10:00:00Z");
  complete["status"] = "final";
  complete["duration_s"] = 412;
  complete["version"] = 1;
  const HttpResponse done =
      c.request("PUT", "/api/v1/contacts/" + id, toJson(complete), CsrfMode::kSession);
  ASSERT_EQ(done.status, 200u) << done.body;
  EXPECT_EQ(done.json->as_object().at("status"), "final");
  EXPECT_EQ(done.json->as_object().at("version"), 2);
  EXPECT_EQ(done.json->as_object().at("duration_s"), 412);
  EXPECT_FALSE(done.json->as_object().at("finalised_at").is_null());
  EXPECT_FALSE(contains(itemIds(c.get("/api/v1/contacts/drafts")), id));

  // A stale version is 409 naming "version", and changes nothing.
  complete["outcome"] = "resolved";
  const HttpResponse stale =
      c.request("PUT", "/api/v1/contacts/" + id, toJson(complete), CsrfMode::kSession);
  EXPECT_EQ(stale.status, 409u) << stale.body;
  EXPECT_TRUE(stale.hasErrorShape());
  EXPECT_EQ(stale.errorField(), "version");
  EXPECT_EQ(c.get("/api/v1/contacts/" + id).json->as_object().at("outcome"), "");

  // A correction by its author within 24 hours; a finished contact never becomes a draft.
  complete["version"] = 2;
  const HttpResponse corrected =
      c.request("PUT", "/api/v1/contacts/" + id, toJson(complete), CsrfMode::kSession);
  ASSERT_EQ(corrected.status, 200u) << corrected.body;
  EXPECT_EQ(corrected.json->as_object().at("outcome"), "resolved");
  EXPECT_EQ(corrected.json->as_object().at("finalised_at"),
            done.json->as_object().at("finalised_at"));
  complete["version"] = 3;
  complete["status"] = "draft";
  const HttpResponse back =
      c.request("PUT", "/api/v1/contacts/" + id, toJson(complete), CsrfMode::kSession);
  EXPECT_EQ(back.status, 400u);
  EXPECT_EQ(back.errorField(), "status");

  EXPECT_EQ(auditActions("contact", id),
            (std::vector<std::string>{"contact.create", "contact.finalise", "contact.read",
                                      "contact.update"}));
}

TEST_F(ContactModelTest, PutNeedsTheVersionAndAValidBody) {
  HttpClient c = signedIn(kConsultantA);
  const std::string id = idOf(create(c, validContact("2023-03-02T10:00:00Z")));
  const HttpResponse missing =
      c.request("PUT", "/api/v1/contacts/" + id, toJson(validContact("2023-03-02T10:00:00Z")),
                CsrfMode::kSession);
  EXPECT_EQ(missing.status, 400u);
  EXPECT_EQ(missing.errorField(), "version");
  EXPECT_EQ(c.request("PUT", "/api/v1/contacts/" + std::string(32, '0'),
                      toJson(boost::json::object{{"channel", "phone"},
                                                 {"started_at", "2023-03-02T10:00:00Z"},
                                                 {"duration_s", 1},
                                                 {"status", "draft"},
                                                 {"version", 1}}),
                      CsrfMode::kSession)
                .status,
            404u);
  // Without the CSRF header: 403 before anything else.
  EXPECT_EQ(c.request("PUT", "/api/v1/contacts/" + id, "{}", CsrfMode::kOmit).status, 403u);
}

TEST_F(ContactModelTest, DraftsAreTheirAuthorsOwn) {
  HttpClient consultant = signedIn(kConsultantA);
  HttpClient supervisor = signedIn(kSupervisorA);
  const boost::json::object draft{{"status", "draft"},
                                  {"channel", "chat"},
                                  {"started_at", "2023-04-01T10:00:00Z"},
                                  {"duration_s", 0}};
  const std::string mine = idOf(create(consultant, draft));
  const std::string theirs = idOf(create(supervisor, draft));
  const auto my_drafts = itemIds(consultant.get("/api/v1/contacts/drafts"));
  EXPECT_TRUE(contains(my_drafts, mine));
  EXPECT_FALSE(contains(my_drafts, theirs));
  const auto their_drafts = itemIds(supervisor.get("/api/v1/contacts/drafts"));
  EXPECT_TRUE(contains(their_drafts, theirs));
  EXPECT_FALSE(contains(their_drafts, mine));

  // Someone else's draft: not in my list, not readable, not changeable.
  const auto list = itemIds(consultant.get("/api/v1/contacts?limit=200"));
  EXPECT_TRUE(contains(list, mine));
  EXPECT_FALSE(contains(list, theirs));
  EXPECT_EQ(consultant.get("/api/v1/contacts/" + theirs).status, 404u);
  boost::json::object change = draft;
  change["version"] = 1;
  EXPECT_EQ(
      consultant.request("PUT", "/api/v1/contacts/" + theirs, toJson(change), CsrfMode::kSession)
          .status,
      404u);
  // A supervisor reaches every draft (to finish an abandoned one).
  EXPECT_EQ(supervisor.get("/api/v1/contacts/" + mine).status, 200u);

  // Roles that do not log contacts have no drafts.
  EXPECT_EQ(signedIn(kDataOfficerA).get("/api/v1/contacts/drafts").status, 403u);
  EXPECT_EQ(signedIn(kCaseWorkerA).get("/api/v1/contacts/drafts").status, 403u);
}

TEST_F(ContactModelTest, WhoMayChangeAFinishedContact) {
  HttpClient consultant = signedIn(kConsultantA);
  HttpClient supervisor = signedIn(kSupervisorA);
  boost::json::object body = validContact("2023-05-01T10:00:00Z");
  const std::string by_consultant = idOf(create(consultant, body));
  const std::string by_supervisor = idOf(create(supervisor, body));
  body["version"] = 1;
  body["outcome"] = "resolved";

  // Not the author: 403 (the contact is visible, the change is not theirs).
  const HttpResponse not_author = consultant.request("PUT", "/api/v1/contacts/" + by_supervisor,
                                                     toJson(body), CsrfMode::kSession);
  EXPECT_EQ(not_author.status, 403u) << not_author.body;
  EXPECT_TRUE(not_author.hasErrorShape());

  // Roles without contact.update.
  for (const char* who : {kDataOfficerA, kCaseWorkerA}) {
    HttpClient c = signedIn(who);
    EXPECT_EQ(
        c.request("PUT", "/api/v1/contacts/" + by_consultant, toJson(body), CsrfMode::kSession)
            .status,
        403u)
        << who;
  }
  // Another organisation: 404.
  EXPECT_EQ(
      signedIn(kConsultantB)
          .request("PUT", "/api/v1/contacts/" + by_consultant, toJson(body), CsrfMode::kSession)
          .status,
      404u);

  // After 24 hours the author may no longer correct it; a supervisor still may.
  const long long day_ago = domain::nowMillis() - 25LL * 3600 * 1000;
  execSql("UPDATE contacts SET finalised_at = " + std::to_string(day_ago) + " WHERE id = '" +
          by_consultant + "'");
  const HttpResponse late = consultant.request("PUT", "/api/v1/contacts/" + by_consultant,
                                               toJson(body), CsrfMode::kSession);
  EXPECT_EQ(late.status, 403u) << late.body;
  const HttpResponse by_sup = supervisor.request("PUT", "/api/v1/contacts/" + by_consultant,
                                                 toJson(body), CsrfMode::kSession);
  EXPECT_EQ(by_sup.status, 200u) << by_sup.body;
  EXPECT_EQ(by_sup.json->as_object().at("created_by"),
            boost::json::string(deployment().userId(kConsultantA)))
      << "the author stays the author";
}

TEST_F(ContactModelTest, RepeatCallerMatchesAcrossFormatsAndTheNumberIsNeverStored) {
  HttpClient c = signedIn(kConsultantA);
  // A number of its own, so no other test matches it.
  const std::string digits = std::to_string(10000000 + (domain::nowMillis() % 89999999));
  const std::string spaced = "+31 6 " + digits.substr(0, 4) + " " + digits.substr(4);
  const std::string compact = "+316" + digits;
  boost::json::object first = validContact("2023-06-01T10:00:00Z");
  first["caller_identifier"] = spaced;
  first["anonymous"] = false;
  const std::string id1 = idOf(create(c, first));
  boost::json::object second = validContact("2023-06-08T10:00:00Z");
  second["caller_identifier"] = compact;
  const std::string id2 = idOf(create(c, second));
  ASSERT_FALSE(id1.empty());
  ASSERT_FALSE(id2.empty());

  // The detail of the second knows the first.
  const HttpResponse got = c.get("/api/v1/contacts/" + id2);
  ASSERT_EQ(got.status, 200u);
  EXPECT_EQ(got.json->as_object().at("repeat_caller").as_object().at("earlier_contacts"), 1);
  EXPECT_EQ(got.json->as_object().at("caller_identifier"), boost::json::string(compact));
  const HttpResponse got1 = c.get("/api/v1/contacts/" + id1);
  EXPECT_EQ(got1.json->as_object().at("repeat_caller").as_object().at("earlier_contacts"), 0);

  // A lookup in a third format finds both, newest first.
  const std::string third = "+31 (6) " + digits.substr(0, 2) + "-" + digits.substr(2);
  const HttpResponse look =
      c.post("/api/v1/callers/lookup", toJson({{"caller_identifier", third}}));
  ASSERT_EQ(look.status, 200u) << look.body;
  EXPECT_EQ(look.json->as_object().at("count"), 2);
  EXPECT_EQ(itemIds(look, "earlier_contacts"), (std::vector<std::string>{id2, id1}));
  const auto& earliest = look.json->as_object().at("earlier_contacts").as_array()[1].as_object();
  EXPECT_EQ(earliest.at("category"), "safe_migration");
  EXPECT_EQ(earliest.at("status"), "final");
  EXPECT_FALSE(earliest.contains("summary"));

  // Another organisation's index never matches.
  const HttpResponse other =
      signedIn(kConsultantB)
          .post("/api/v1/callers/lookup", toJson({{"caller_identifier", compact}}));
  ASSERT_EQ(other.status, 200u);
  EXPECT_EQ(other.json->as_object().at("count"), 0);

  // The lookup is audited by the index's prefix, never the number.
  domain::Result<std::vector<audit::AuditEvent>> events;
  std::string caller_hash;
  deployment().database().db().read([&](soci::session& sql) {
    sql << "SELECT caller_hash FROM contacts WHERE id = :id", soci::into(caller_hash),
        soci::use(id1);
  });
  ASSERT_EQ(caller_hash.size(), 64u);
  EXPECT_EQ(auditActions("caller", caller_hash.substr(0, 16)),
            (std::vector<std::string>{"caller.lookup"}));

  // Neither the number (in any format) nor its normalised form is at rest or in the log.
  const std::string at_rest = everythingAtRest();
  EXPECT_NE(at_rest.find(id1), std::string::npos) << "the control: the rows are searched";
  const std::string log = deployment().log();
  EXPECT_NE(log.find("/api/v1/callers/lookup"), std::string::npos) << "the control: the log";
  for (const std::string& s : {digits, spaced, compact, third}) {
    EXPECT_EQ(at_rest.find(s), std::string::npos) << s << " is in the database";
    EXPECT_EQ(log.find(s), std::string::npos) << s << " is in the log";
  }
}

TEST_F(ContactModelTest, LookupRulesAndInput) {
  HttpClient c = signedIn(kConsultantA);
  for (const char* bad : {"", "   ", "+", "--"}) {
    const HttpResponse r = c.post("/api/v1/callers/lookup", toJson({{"caller_identifier", bad}}));
    EXPECT_EQ(r.status, 400u) << bad;
    EXPECT_EQ(r.errorField(), "caller_identifier");
  }
  EXPECT_EQ(c.post("/api/v1/callers/lookup", "{}").errorField(), "caller_identifier");
  EXPECT_EQ(
      c.post("/api/v1/callers/lookup", toJson({{"caller_identifier", "+311"}, {"phone", "x"}}))
          .errorField(),
      "phone");
  // Only those who log contacts look callers up.
  for (const char* who : {kDataOfficerA, kCaseWorkerA}) {
    const HttpResponse r =
        signedIn(who).post("/api/v1/callers/lookup", toJson({{"caller_identifier", "+311"}}));
    EXPECT_EQ(r.status, 403u) << who;
  }
  // The route takes no identifier in its URL.
  EXPECT_EQ(c.get("/api/v1/callers/lookup").status, 405u);
}

TEST_F(ContactModelTest, FlagsAreSetBySupervisorsAndExpire) {
  HttpClient supervisor = signedIn(kSupervisorA);
  HttpClient consultant = signedIn(kConsultantA);
  const std::string number = "+3220" + std::to_string(domain::nowMillis() % 10000000);
  const std::string tomorrow = domain::formatRfc3339(domain::nowMillis() + 24LL * 3600 * 1000);
  const boost::json::object flag{
      {"caller_identifier", number}, {"flag", "abusive"}, {"expires_at", tomorrow}};

  const HttpResponse denied = consultant.post("/api/v1/callers/flags", toJson(flag));
  EXPECT_EQ(denied.status, 403u) << denied.body;
  const HttpResponse set = supervisor.post("/api/v1/callers/flags", toJson(flag));
  ASSERT_EQ(set.status, 200u) << set.body;
  EXPECT_EQ(set.json->as_object().at("flag"), "abusive");

  const HttpResponse look =
      consultant.post("/api/v1/callers/lookup", toJson({{"caller_identifier", number}}));
  ASSERT_EQ(look.status, 200u);
  const auto& flags = look.json->as_object().at("flags").as_array();
  ASSERT_EQ(flags.size(), 1u) << look.body;
  EXPECT_EQ(flags[0].as_object().at("flag"), "abusive");
  EXPECT_EQ(look.json->as_object().at("count"), 0);

  // A flag shows on the caller's contacts too.
  boost::json::object contact = validContact("2023-07-01T10:00:00Z");
  contact["caller_identifier"] = number;
  const std::string id = idOf(create(consultant, contact));
  const HttpResponse got = consultant.get("/api/v1/contacts/" + id);
  ASSERT_EQ(got.status, 200u);
  EXPECT_EQ(got.json->as_object().at("repeat_caller").as_object().at("flags").as_array().size(),
            1u);

  // Expired: gone from the lookup.
  execSql("UPDATE caller_flags SET expires_at = " + std::to_string(domain::nowMillis() - 1000) +
          " WHERE flag = 'abusive'");
  const HttpResponse after =
      consultant.post("/api/v1/callers/lookup", toJson({{"caller_identifier", number}}));
  EXPECT_TRUE(after.json->as_object().at("flags").as_array().empty()) << after.body;

  // Bad input names the field.
  boost::json::object past = flag;
  past["expires_at"] = "2020-01-01T00:00:00Z";
  EXPECT_EQ(supervisor.post("/api/v1/callers/flags", toJson(past)).errorField(), "expires_at");
  boost::json::object unknown = flag;
  unknown["flag"] = "annoying";
  EXPECT_EQ(supervisor.post("/api/v1/callers/flags", toJson(unknown)).errorField(), "flag");

  // Removal: supervisors only; a missing flag is 404; both audited.
  const boost::json::object removal{{"caller_identifier", number}, {"flag", "abusive"}};
  EXPECT_EQ(consultant.post("/api/v1/callers/flags/delete", toJson(removal)).status, 403u);
  EXPECT_EQ(supervisor.post("/api/v1/callers/flags/delete", toJson(removal)).status, 204u);
  EXPECT_EQ(supervisor.post("/api/v1/callers/flags/delete", toJson(removal)).status, 404u);
  std::string hash;
  deployment().database().db().read([&](soci::session& sql) {
    sql << "SELECT caller_hash FROM contacts WHERE id = :id", soci::into(hash), soci::use(id);
  });
  const auto actions = auditActions("caller", hash.substr(0, 16));
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "caller.flag"), 1) << actions.size();
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "caller.unflag"), 1);
  EXPECT_EQ(deployment().log().find(number), std::string::npos);
}

TEST_F(ContactModelTest, SafetyPlanIsSealedAuditedAndNotForDataOfficers) {
  HttpClient consultant = signedIn(kConsultantA);
  boost::json::object crisis = validContact("2023-08-01T10:00:00Z");
  crisis["category"] = "crisis";
  crisis["imminent_danger"] = true;
  const std::string id = idOf(create(consultant, crisis));
  ASSERT_FALSE(id.empty());
  const std::string base = "/api/v1/contacts/" + id + "/safety-plan";
  EXPECT_EQ(consultant.get(base).status, 404u) << "no plan yet";

  const std::string marker = "OTTER-" + crypto::toHex(crypto::randomBytes(8));
  const HttpResponse made = consultant.post(base, toJson(plan(marker)));
  ASSERT_EQ(made.status, 201u) << made.body;
  const std::string plan_id(made.json->as_object().at("id").as_string());
  EXPECT_EQ(made.json->as_object().at("version"), 1);
  EXPECT_EQ(consultant.post(base, toJson(plan(marker))).status, 409u) << "one plan per contact";

  const HttpResponse read = consultant.get(base);
  ASSERT_EQ(read.status, 200u) << read.body;
  EXPECT_EQ(read.json->as_object().at("risks"), plan(marker).at("risks"));
  EXPECT_EQ(read.json->as_object().at("notes"), "Καλημέρα");
  EXPECT_EQ(read.json->as_object().at("code_word"), "blue umbrella");
  EXPECT_EQ(consultant.get("/api/v1/contacts/" + id).json->as_object().at("safety_plan_id"),
            boost::json::string(plan_id));

  // Case workers and supervisors read it; data officers do not; other organisations see nothing.
  EXPECT_EQ(signedIn(kCaseWorkerA).get(base).status, 200u);
  EXPECT_EQ(signedIn(kSupervisorA).get(base).status, 200u);
  HttpClient officer = signedIn(kDataOfficerA);
  const HttpResponse refused = officer.get(base);
  EXPECT_EQ(refused.status, 403u);
  EXPECT_TRUE(refused.hasErrorShape());
  EXPECT_EQ(refused.body.find(marker), std::string::npos);
  EXPECT_EQ(officer.post(base, toJson(plan("x"))).status, 403u);
  EXPECT_EQ(signedIn(kConsultantB).get(base).status, 404u);

  // Changes carry the version.
  boost::json::object change = plan(marker);
  change["options"] = "Go to the shelter tonight.";
  change["version"] = 1;
  const HttpResponse changed = consultant.request("PUT", base, toJson(change), CsrfMode::kSession);
  ASSERT_EQ(changed.status, 200u) << changed.body;
  EXPECT_EQ(changed.json->as_object().at("version"), 2);
  const HttpResponse stale = consultant.request("PUT", base, toJson(change), CsrfMode::kSession);
  EXPECT_EQ(stale.status, 409u);
  EXPECT_EQ(stale.errorField(), "version");
  EXPECT_EQ(consultant.get(base).json->as_object().at("options"), "Go to the shelter tonight.");

  // Every read and write is audited, by the plan's id.
  EXPECT_EQ(
      auditActions("safety_plan", plan_id),
      (std::vector<std::string>{"safety_plan.create", "safety_plan.read", "safety_plan.read",
                                "safety_plan.read", "safety_plan.update", "safety_plan.read"}));

  // Sealed at rest; never logged.
  const std::string at_rest = everythingAtRest();
  EXPECT_NE(at_rest.find(plan_id), std::string::npos) << "the control";
  EXPECT_EQ(at_rest.find(marker), std::string::npos);
  EXPECT_EQ(at_rest.find("OTTER-"), std::string::npos);
  EXPECT_EQ(at_rest.find("blue umbrella"), std::string::npos);
  EXPECT_EQ(deployment().log().find("OTTER-"), std::string::npos);
}

TEST_F(ContactModelTest, SafetyPlanInputIsChecked) {
  HttpClient c = signedIn(kConsultantA);
  const std::string id = idOf(create(c, validContact("2023-08-02T10:00:00Z")));
  const std::string base = "/api/v1/contacts/" + id + "/safety-plan";
  boost::json::object too_long = plan("m");
  too_long["documents"] = std::string(4001, 'd');
  EXPECT_EQ(c.post(base, toJson(too_long)).errorField(), "documents");
  boost::json::object extra = plan("m");
  extra["address"] = "Main street 1";
  EXPECT_EQ(c.post(base, toJson(extra)).errorField(), "address");
  boost::json::object wrong_type = plan("m");
  wrong_type["notes"] = 5;
  EXPECT_EQ(c.post(base, toJson(wrong_type)).errorField(), "notes");
  EXPECT_EQ(c.request("PUT", base, toJson(plan("m")), CsrfMode::kSession).status, 400u)
      << "a change needs the version";
  boost::json::object exactly = plan("m");
  exactly["documents"] = std::string(4000, 'd');
  EXPECT_EQ(c.post(base, toJson(exactly)).status, 201u);
  // A non-data contact has no safety plan.
  const std::string silent = idOf(create(c, nonData("2023-08-02T11:00:00Z")));
  EXPECT_EQ(c.post("/api/v1/contacts/" + silent + "/safety-plan", toJson(plan("m"))).status, 400u);
  EXPECT_EQ(c.get("/api/v1/contacts/not-an-id/safety-plan").status, 404u);
}

TEST_F(ContactModelTest, CodesCarryEveryListWithLabelsInEveryLanguage) {
  const HttpResponse r = signedIn(kCaseWorkerA).get("/api/v1/codes");
  ASSERT_EQ(r.status, 200u);
  const auto& body = r.json->as_object();
  EXPECT_FALSE(body.at("version").as_string().empty());
  const auto& lists = body.at("lists").as_object();
  for (const char* name :
       {"contact_kind", "non_data_type", "channel", "category", "caller_type", "gender", "age_band",
        "exploitation", "industry", "indicator", "assistance", "outcome", "caller_flag",
        "agency_type", "agency_service", "language", "country"}) {
    ASSERT_TRUE(lists.contains(name)) << name;
    EXPECT_FALSE(lists.at(name).as_array().empty()) << name;
  }
  const auto& labels = body.at("labels").as_object();
  EXPECT_EQ(labels.at("category").as_object().at("crisis").as_object().at("nl"), "Crisis");
  EXPECT_EQ(labels.at("non_data_type").as_object().at("wrong_number").as_object().at("ro"),
            "Număr greșit");
  // The partner-agency lists are code lists like the others, translated in every UI language.
  for (const char* name : {"agency_type", "agency_service"}) {
    ASSERT_TRUE(labels.contains(name)) << name;
    for (const auto& code : lists.at(name).as_array()) {
      const auto& text = labels.at(name).as_object().at(code.as_string()).as_object();
      for (const char* lang : {"en", "nl", "ro", "bg", "ar", "cs", "pl", "uk", "ru"}) {
        ASSERT_TRUE(text.contains(lang)) << name << " " << code << " " << lang;
        EXPECT_FALSE(text.at(lang).as_string().empty()) << name << " " << code << " " << lang;
      }
    }
  }
  EXPECT_EQ(labels.at("agency_type").as_object().at("shelter").as_object().at("nl"), "Opvang");
  EXPECT_EQ(labels.at("agency_service").as_object().at("legal_aid").as_object().at("ro"),
            "Asistență juridică");
  EXPECT_FALSE(labels.contains("country")) << "ISO labels come from the browser";
  for (const auto& [list, codes] : labels) {
    EXPECT_EQ(codes.as_object().size(), lists.at(list).as_array().size()) << list;
  }
}

// ?languages= trims the labels to the UI's language and English (the fallback): the page load of
// a Bulgarian or Arabic user does not carry every language.
TEST_F(ContactModelTest, CodesInTheLanguagesAskedForWithEnglish) {
  HttpClient c = signedIn(kCaseWorkerA);
  const HttpResponse all = c.get("/api/v1/codes");
  ASSERT_EQ(all.status, 200u);
  const auto& all_crisis = all.json->at("labels").at("category").at("crisis").as_object();
  EXPECT_EQ(all_crisis.size(), 9U) << "no parameter: every language";

  const HttpResponse bg = c.get("/api/v1/codes?languages=bg");
  ASSERT_EQ(bg.status, 200u) << bg.body;
  EXPECT_LT(bg.body.size(), all.body.size() / 2);
  EXPECT_EQ(bg.json->at("lists"), all.json->at("lists"));
  EXPECT_EQ(bg.json->at("version"), all.json->at("version"));
  for (const auto& [list, codes] : bg.json->at("labels").as_object()) {
    for (const auto& [code, text] : codes.as_object()) {
      const auto& by_lang = text.as_object();
      ASSERT_EQ(by_lang.size(), 2U) << list << " " << code;
      EXPECT_FALSE(by_lang.at("bg").as_string().empty()) << list << " " << code;
      EXPECT_EQ(by_lang.at("en"), all.json->at("labels").at(list).at(code).at("en"));
      EXPECT_EQ(by_lang.at("bg"), all.json->at("labels").at(list).at(code).at("bg"));
    }
  }
  EXPECT_NE(bg.json->at("labels").at("channel").at("phone").at("bg"),
            bg.json->at("labels").at("channel").at("phone").at("en"))
      << "Bulgarian, not English";

  const HttpResponse ar = c.get("/api/v1/codes?languages=ar,uk");
  ASSERT_EQ(ar.status, 200u);
  const auto& ar_phone = ar.json->at("labels").at("channel").at("phone").as_object();
  EXPECT_EQ(ar_phone.size(), 3U);
  EXPECT_TRUE(ar_phone.contains("ar") && ar_phone.contains("uk") && ar_phone.contains("en"));
  EXPECT_EQ(c.get("/api/v1/codes?languages=en")
                .json->at("labels")
                .at("channel")
                .at("phone")
                .as_object()
                .size(),
            1U);

  // A language without labels, an empty one, or a parameter the route does not know: 400.
  EXPECT_EQ(c.get("/api/v1/codes?languages=de").errorField(), "languages");
  EXPECT_EQ(c.get("/api/v1/codes?languages=bg,").errorField(), "languages");
  EXPECT_EQ(c.get("/api/v1/codes?languages=").errorField(), "languages");
  EXPECT_EQ(c.get("/api/v1/codes?lang=bg").errorField(), "lang");
}

}  // namespace
}  // namespace strada::testing
