// The partner-agency directory over real HTTP: every route, every role rule, confidential
// addresses (never in lists or searches; in the single GET only for case workers, supervisors and
// admins, audited), validation naming the field, optimistic versions (409), the
// same-organisation rule (404), and the address sealed at rest.
#include <soci/soci.h>

#include <string>
#include <vector>

#include "crypto/crypto.h"
#include "integration/at_rest.h"
#include "integration/suite.h"
#include "store/repositories.h"

namespace strada::testing {
namespace {

constexpr const char* kAdminA = "agency.admin@a.example.org";
constexpr const char* kAdminB = "agency.admin@b.example.org";
constexpr const char* kCoordinatorA = "agency.coordinator@a.example.org";

boost::json::object validAgency(const std::string& name = "Legal Aid Desk (test)") {
  return {{"name", name},
          {"type", "legal_service"},
          {"country", "NL"},
          {"city", "Amsterdam"},
          {"phone", "+31 20 555 0101"},
          {"email", "Desk@Example.org"},
          {"website", "https://legal.example.org/desk"},
          {"languages", boost::json::array{"nl", "en"}},
          {"services", boost::json::array{"legal_aid", "interpretation"}},
          {"notes", "Free advice on Tuesdays."},
          {"address", "Sample Street 12, Amsterdam"},
          {"address_confidential", false}};
}

class AgencyTest : public DeploymentTest<AgencyTest> {
 public:
  // The standard users plus an organisation admin in each organisation and a network
  // coordinator (who has no directory role).
  static std::vector<UserSpec> users() {
    auto users = standardUsers();
    users.push_back({kOrgA, kAdminA, "Ada Admin", {"org_admin"}});
    users.push_back({kOrgB, kAdminB, "Bo Admin", {"org_admin"}});
    users.push_back({kOrgA, kCoordinatorA, "Cora Coordinator", {"network_coordinator"}});
    return users;
  }

 protected:
  static std::string create(HttpClient& c, const boost::json::object& body) {
    return createdId(c, "/api/v1/agencies", body);
  }

  static HttpResponse put(HttpClient& c, const std::string& id, const boost::json::object& body) {
    return c.request("PUT", "/api/v1/agencies/" + id, toJson(body), CsrfMode::kSession);
  }

  // A confidential shelter whose address holds a unique marker.
  static std::pair<std::string, std::string> createConfidentialShelter(HttpClient& editor) {
    const std::string marker = "HIDDEN-" + crypto::toHex(crypto::randomBytes(8));
    boost::json::object body = validAgency("Shelter Secret " + marker.substr(7, 6));
    body["type"] = "shelter";
    body["services"] = boost::json::array{"shelter"};
    body["address"] = "Secret Lane 3 " + marker;
    body["address_confidential"] = true;
    return {create(editor, body), marker};
  }

  static std::vector<audit::AuditEvent> events(const std::string& id) {
    domain::Result<std::vector<audit::AuditEvent>> found;
    deployment().database().db().read(
        [&](soci::session& sql) { found = store::auditEventsFor(sql, "agency", id); });
    EXPECT_TRUE(found.has_value());
    return found ? *found : std::vector<audit::AuditEvent>{};
  }

  static int countAction(const std::vector<audit::AuditEvent>& es, const std::string& action) {
    int n = 0;
    for (const auto& e : es) {
      n += e.input.action == action ? 1 : 0;
    }
    return n;
  }
};

TEST_F(AgencyTest, CreateThenReadBackEveryField) {
  HttpClient sup = signedIn(kSupervisorA);
  const HttpResponse r = sup.post("/api/v1/agencies", toJson(validAgency()));
  ASSERT_EQ(r.status, 201u) << r.body;
  const auto& created = r.json->as_object();
  const std::string id(created.at("id").as_string());
  EXPECT_EQ(r.header("location"), "/api/v1/agencies/" + id);
  EXPECT_EQ(created.at("version").as_int64(), 1);
  EXPECT_EQ(created.at("email"), "desk@example.org");  // normalised

  HttpClient consultant = signedIn(kConsultantA);
  const HttpResponse got = consultant.get("/api/v1/agencies/" + id);
  ASSERT_EQ(got.status, 200u) << got.body;
  const auto& a = got.json->as_object();
  EXPECT_EQ(a.at("name"), "Legal Aid Desk (test)");
  EXPECT_EQ(a.at("type"), "legal_service");
  EXPECT_EQ(a.at("country"), "NL");
  EXPECT_EQ(a.at("city"), "Amsterdam");
  EXPECT_EQ(a.at("phone"), "+31 20 555 0101");
  EXPECT_EQ(a.at("website"), "https://legal.example.org/desk");
  EXPECT_EQ(a.at("languages"), (boost::json::array{"nl", "en"}));
  EXPECT_EQ(a.at("services"), (boost::json::array{"legal_aid", "interpretation"}));
  EXPECT_EQ(a.at("notes"), "Free advice on Tuesdays.");
  EXPECT_EQ(a.at("address"), "Sample Street 12, Amsterdam");  // not confidential: everyone
  EXPECT_EQ(a.at("address_confidential"), false);
  EXPECT_EQ(a.at("active"), true);
  EXPECT_EQ(a.at("updated_by"), boost::json::value(deployment().userId(kSupervisorA)));
  EXPECT_EQ(a.at("version").as_int64(), 1);
  // A non-confidential read is not audited; the creation is.
  const auto es = events(id);
  EXPECT_EQ(countAction(es, "agency.create"), 1);
  EXPECT_EQ(countAction(es, "agency.read_confidential_address"), 0);
}

TEST_F(AgencyTest, RolesDecideWhatIsAllowed) {
  HttpClient admin = signedIn(kAdminA);
  const std::string id = create(admin, validAgency("Roles Check (test)"));
  ASSERT_FALSE(id.empty());
  for (const char* reader : {kConsultantA, kCaseWorkerA, kSupervisorA, kDataOfficerA, kAdminA}) {
    HttpClient c = signedIn(reader);
    EXPECT_EQ(c.get("/api/v1/agencies").status, 200u) << reader;
    EXPECT_EQ(c.get("/api/v1/agencies/" + id).status, 200u) << reader;
  }
  HttpClient coordinator = signedIn(kCoordinatorA);
  EXPECT_EQ(coordinator.get("/api/v1/agencies").status, 403u);
  EXPECT_EQ(coordinator.get("/api/v1/agencies/" + id).status, 403u);

  for (const char* non_editor : {kConsultantA, kCaseWorkerA, kDataOfficerA, kCoordinatorA}) {
    HttpClient c = signedIn(non_editor);
    const HttpResponse post = c.post("/api/v1/agencies", toJson(validAgency()));
    EXPECT_EQ(post.status, 403u) << non_editor;
    EXPECT_TRUE(post.hasErrorShape()) << post.body;
    boost::json::object body = validAgency();
    body["version"] = 1;
    EXPECT_EQ(put(c, id, body).status, 403u) << non_editor;
    EXPECT_EQ(c.del("/api/v1/agencies/" + id).status, 403u) << non_editor;
  }
  // Without a session: 401. Without the CSRF token: 403.
  EXPECT_EQ(client().get("/api/v1/agencies").status, 401u);
  EXPECT_EQ(admin.post("/api/v1/agencies", toJson(validAgency()), CsrfMode::kOmit).status, 403u);
}

TEST_F(AgencyTest, ConfidentialAddressOnlyInTheSingleGetForAllowedRolesAndAudited) {
  HttpClient sup = signedIn(kSupervisorA);
  const auto [id, marker] = createConfidentialShelter(sup);
  ASSERT_FALSE(id.empty());
  const std::size_t reads_before =
      static_cast<std::size_t>(countAction(events(id), "agency.read_confidential_address"));

  // A consultant and a data officer get the agency without its address, and nothing is audited.
  for (const char* reader : {kConsultantA, kDataOfficerA}) {
    HttpClient c = signedIn(reader);
    const HttpResponse got = c.get("/api/v1/agencies/" + id);
    ASSERT_EQ(got.status, 200u) << got.body;
    EXPECT_FALSE(got.json->as_object().contains("address")) << reader;
    EXPECT_EQ(got.json->as_object().at("address_confidential"), true);
    EXPECT_EQ(got.body.find(marker), std::string::npos) << reader;
  }
  EXPECT_EQ(static_cast<std::size_t>(countAction(events(id), "agency.read_confidential_address")),
            reads_before);

  // A case worker sees it, and the read is in the audit chain with the reader.
  HttpClient cw = signedIn(kCaseWorkerA);
  const HttpResponse got = cw.get("/api/v1/agencies/" + id);
  ASSERT_EQ(got.status, 200u) << got.body;
  EXPECT_EQ(got.json->as_object().at("address"), boost::json::value("Secret Lane 3 " + marker));
  const auto es = events(id);
  ASSERT_FALSE(es.empty());
  EXPECT_EQ(es.front().input.action, "agency.read_confidential_address");  // newest first
  EXPECT_EQ(es.front().input.actor_user_id, deployment().userId(kCaseWorkerA));
  EXPECT_FALSE(es.front().input.request_id.empty());
  EXPECT_EQ(static_cast<std::size_t>(countAction(es, "agency.read_confidential_address")),
            reads_before + 1);
  // Admin too.
  HttpClient admin = signedIn(kAdminA);
  EXPECT_EQ(admin.get("/api/v1/agencies/" + id).json->as_object().at("address"),
            boost::json::value("Secret Lane 3 " + marker));
}

TEST_F(AgencyTest, ListsAndSearchesNeverCarryAConfidentialAddress) {
  HttpClient sup = signedIn(kSupervisorA);
  const auto [id, marker] = createConfidentialShelter(sup);
  ASSERT_FALSE(id.empty());
  const std::string open_id = create(sup, validAgency("Open Address Agency (test)"));
  for (const char* reader : {kConsultantA, kCaseWorkerA, kSupervisorA, kAdminA}) {
    HttpClient c = signedIn(reader);
    for (const std::string& target : std::vector<std::string>{
             std::string("/api/v1/agencies?limit=200"), "/api/v1/agencies?q=shelter&limit=200",
             "/api/v1/agencies?type=shelter", "/api/v1/agencies?country=NL&limit=200",
             "/api/v1/agencies?q=" + marker.substr(7, 6), "/api/v1/agencies?service=shelter",
             "/api/v1/agencies?city=amsterdam&limit=200"}) {
      const HttpResponse r = c.get(target);
      ASSERT_EQ(r.status, 200u) << target << r.body;
      EXPECT_EQ(r.body.find(marker), std::string::npos) << reader << " " << target;
      EXPECT_EQ(r.body.find("Secret Lane"), std::string::npos) << reader << " " << target;
      for (const auto& item : r.json->as_object().at("items").as_array()) {
        if (item.as_object().at("address_confidential").as_bool()) {
          EXPECT_FALSE(item.as_object().contains("address"));
        }
      }
    }
    // The control: the shelter is in the search results, and a public address is listed.
    const HttpResponse found = c.get("/api/v1/agencies?q=" + marker.substr(7, 6));
    EXPECT_EQ(itemIds(found), std::vector<std::string>{id});
    const HttpResponse open = c.get("/api/v1/agencies?q=open+address");
    ASSERT_EQ(itemIds(open), std::vector<std::string>{open_id}) << open.body;
    EXPECT_EQ(open.json->as_object().at("items").as_array()[0].as_object().at("address"),
              "Sample Street 12, Amsterdam");
  }
  // Listing audits nothing about the shelter's address.
  EXPECT_EQ(countAction(events(id), "agency.read_confidential_address"), 0);
}

TEST_F(AgencyTest, AddressIsSealedAtRest) {
  HttpClient sup = signedIn(kSupervisorA);
  const auto [id, marker] = createConfidentialShelter(sup);
  ASSERT_FALSE(id.empty());
  TestDatabase& tdb = deployment().database();
  std::string sealed;
  tdb.db().read([&](soci::session& sql) {
    sql << "SELECT address_sealed FROM agencies WHERE id = :id", soci::use(id), soci::into(sealed);
  });
  ASSERT_FALSE(sealed.empty());
  EXPECT_EQ(sealed.find(crypto::toHex(marker)), std::string::npos);
  if (!tdb.isPostgres()) {
    const std::string bytes = sqliteBytesAtRest(tdb);
    EXPECT_NE(bytes.find(id), std::string::npos) << "the control: the row is in the file";
    EXPECT_EQ(bytes.find(marker), std::string::npos) << "the address is readable in the file";
    EXPECT_EQ(bytes.find("Secret Lane"), std::string::npos);
  }
  EXPECT_EQ(deployment().log().find(marker), std::string::npos);
}

TEST_F(AgencyTest, ValidationNamesTheOffendingField) {
  HttpClient sup = signedIn(kSupervisorA);
  struct Case {
    const char* field;
    boost::json::value value;
  };
  const std::vector<Case> cases = {
      {"name", boost::json::value("")},
      {"name", boost::json::value(std::string(201, 'x'))},
      {"type", boost::json::value("church")},
      {"country", boost::json::value("XX")},
      {"country", boost::json::value("nl")},
      {"phone", boost::json::value("call me")},
      {"phone", boost::json::value("12")},
      {"phone", boost::json::value("+31 20 555 0101 ext")},
      {"email", boost::json::value("not-an-address")},
      {"website", boost::json::value("ftp://example.org")},
      {"website", boost::json::value("https://")},
      {"website", boost::json::value("javascript:alert(1)")},
      {"website", boost::json::value("https://exa mple.org")},
      {"languages", boost::json::value(boost::json::array{"xx"})},
      {"languages", boost::json::value("nl,en")},
      {"languages", boost::json::value(boost::json::array{"nl", "nl"})},
      {"services", boost::json::value(boost::json::array{"massage"})},
      {"notes", boost::json::value(std::string(4001, 'n'))},
      {"address", boost::json::value(std::string(501, 'a'))},
      {"address_confidential", boost::json::value("yes")},
      {"city", boost::json::value(12)},
  };
  for (const auto& c : cases) {
    boost::json::object body = validAgency();
    body[c.field] = c.value;
    const HttpResponse r = sup.post("/api/v1/agencies", toJson(body));
    EXPECT_EQ(r.status, 400u) << c.field << " " << boost::json::serialize(c.value);
    EXPECT_EQ(r.errorField(), c.field) << r.body;
    EXPECT_TRUE(r.hasErrorShape()) << r.body;
  }
  boost::json::object missing = validAgency();
  missing.erase("type");
  EXPECT_EQ(sup.post("/api/v1/agencies", toJson(missing)).errorField(), "type");
  boost::json::object unknown = validAgency();
  unknown["rating"] = 5;
  EXPECT_EQ(sup.post("/api/v1/agencies", toJson(unknown)).errorField(), "rating");
  EXPECT_EQ(sup.post("/api/v1/agencies", "{not json").status, 400u);
  // A PUT needs its version.
  const std::string id = create(sup, validAgency("Validation Put (test)"));
  const HttpResponse no_version = put(sup, id, validAgency());
  EXPECT_EQ(no_version.status, 400u);
  EXPECT_EQ(no_version.errorField(), "version");
  // Query parameters.
  for (const auto& [target, field] :
       std::vector<std::pair<std::string, std::string>>{{"/api/v1/agencies?type=church", "type"},
                                                        {"/api/v1/agencies?country=ZZ", "country"},
                                                        {"/api/v1/agencies?limit=0", "limit"},
                                                        {"/api/v1/agencies?limit=201", "limit"},
                                                        {"/api/v1/agencies?cursor=AAAA", "cursor"},
                                                        {"/api/v1/agencies?service=x", "service"},
                                                        {"/api/v1/agencies?sort=name", "sort"}}) {
    const HttpResponse r = sup.get(target);
    EXPECT_EQ(r.status, 400u) << target;
    EXPECT_EQ(r.errorField(), field) << target << r.body;
  }
}

TEST_F(AgencyTest, TypesAndServicesAreTheListsOfCodes) {
  HttpClient sup = signedIn(kSupervisorA);
  const HttpResponse codes = sup.get("/api/v1/codes");
  ASSERT_EQ(codes.status, 200u) << codes.body;
  const auto& lists = codes.json->as_object().at("lists").as_object();
  const auto& types = lists.at("agency_type").as_array();
  const auto& services = lists.at("agency_service").as_array();
  ASSERT_FALSE(types.empty());
  ASSERT_FALSE(services.empty());
  // Every type /codes offers is accepted, on a new agency and as a filter.
  for (const auto& type : types) {
    boost::json::object body = validAgency("Listed Type " + std::string(type.as_string()));
    body["type"] = type;
    EXPECT_FALSE(create(sup, body).empty()) << type;
    const std::string filter = "/api/v1/agencies?type=" + std::string(type.as_string());
    EXPECT_EQ(sup.get(filter).status, 200u) << filter;
  }
  // So is every service, all on one agency.
  boost::json::object all = validAgency("Every Listed Service");
  all["services"] = services;
  const std::string id = create(sup, all);
  ASSERT_FALSE(id.empty());
  EXPECT_EQ(sup.get("/api/v1/agencies/" + id).json->as_object().at("services"), services);

  // An unknown type, or a code of another list, is refused naming the field.
  for (const char* type : {"church", "crisis", "Shelter"}) {
    boost::json::object body = validAgency("Unlisted Type");
    body["type"] = type;
    const HttpResponse r = sup.post("/api/v1/agencies", toJson(body));
    EXPECT_EQ(r.status, 400u) << type << " " << r.body;
    EXPECT_EQ(r.errorField(), "type") << r.body;
    EXPECT_TRUE(r.hasErrorShape()) << r.body;
    EXPECT_FALSE(r.errorMessage().empty()) << r.body;
  }
  boost::json::object wrong_service = validAgency("Unlisted Service");
  wrong_service["services"] = boost::json::array{"legal_aid", "ngo"};
  const HttpResponse r = sup.post("/api/v1/agencies", toJson(wrong_service));
  EXPECT_EQ(r.status, 400u) << r.body;
  EXPECT_EQ(r.errorField(), "services") << r.body;
}

TEST_F(AgencyTest, UpdateWithVersionAndConflict) {
  HttpClient sup = signedIn(kSupervisorA);
  HttpClient admin = signedIn(kAdminA);
  const auto [id, marker] = createConfidentialShelter(sup);
  ASSERT_FALSE(id.empty());

  // Without "address" the stored (sealed) address is kept.
  boost::json::object change = validAgency("Shelter Renamed (test)");
  change.erase("address");
  change["type"] = "shelter";
  change["address_confidential"] = true;
  change["version"] = 1;
  const HttpResponse ok = put(sup, id, change);
  ASSERT_EQ(ok.status, 200u) << ok.body;
  EXPECT_EQ(ok.json->as_object().at("version").as_int64(), 2);
  EXPECT_EQ(ok.json->as_object().at("name"), "Shelter Renamed (test)");
  const HttpResponse got = admin.get("/api/v1/agencies/" + id);
  EXPECT_EQ(got.json->as_object().at("address"), boost::json::value("Secret Lane 3 " + marker));
  EXPECT_EQ(got.json->as_object().at("updated_by"),
            boost::json::value(deployment().userId(kSupervisorA)));

  // Someone else saved in between: 409, nothing stored.
  change["name"] = "Stale Edit (test)";
  const HttpResponse stale = put(admin, id, change);
  EXPECT_EQ(stale.status, 409u) << stale.body;
  EXPECT_EQ(stale.errorCode(), "conflict");
  EXPECT_EQ(stale.errorField(), "version");
  EXPECT_EQ(admin.get("/api/v1/agencies/" + id).json->as_object().at("name"),
            "Shelter Renamed (test)");

  // A new address replaces the old one; "" removes it.
  change["version"] = 2;
  change["address"] = "New Lane 9";
  const HttpResponse moved = put(admin, id, change);
  ASSERT_EQ(moved.status, 200u) << moved.body;
  EXPECT_FALSE(moved.json->as_object().contains("address"));  // confidential: a recorded GET
  EXPECT_EQ(admin.get("/api/v1/agencies/" + id).json->as_object().at("address"), "New Lane 9");
  change["version"] = 3;
  change["address"] = "";
  ASSERT_EQ(put(admin, id, change).status, 200u);
  EXPECT_EQ(admin.get("/api/v1/agencies/" + id).json->as_object().at("address"), "");
  EXPECT_EQ(countAction(events(id), "agency.update"), 3);
}

// The answer to adding or changing an agency is what a list shows: a public address, never a
// confidential one (whose every view is a recorded GET), whoever writes and whatever they send.
TEST_F(AgencyTest, WritesNeverAnswerWithAConfidentialAddress) {
  HttpClient sup = signedIn(kSupervisorA);
  const std::string marker = "ECHO-" + crypto::toHex(crypto::randomBytes(8));
  boost::json::object body = validAgency("Shelter Echo (test)");
  body["type"] = "shelter";
  body["services"] = boost::json::array{"shelter"};
  body["address"] = "Hidden Road 5 " + marker;
  body["address_confidential"] = true;
  const HttpResponse created = sup.post("/api/v1/agencies", toJson(body));
  ASSERT_EQ(created.status, 201u) << created.body;
  EXPECT_FALSE(created.json->as_object().contains("address"));
  EXPECT_EQ(created.body.find(marker), std::string::npos);
  const std::string id(created.json->as_object().at("id").as_string());

  // A change that keeps the stored address, and one that gives a new one.
  body.erase("address");
  body["version"] = 1;
  const HttpResponse kept = put(sup, id, body);
  ASSERT_EQ(kept.status, 200u) << kept.body;
  EXPECT_FALSE(kept.json->as_object().contains("address"));
  EXPECT_EQ(kept.body.find(marker), std::string::npos);
  body["version"] = 2;
  body["address"] = "Other Road 6 " + marker;
  const HttpResponse moved = put(sup, id, body);
  ASSERT_EQ(moved.status, 200u) << moved.body;
  EXPECT_FALSE(moved.json->as_object().contains("address"));
  EXPECT_EQ(moved.body.find(marker), std::string::npos);
  EXPECT_EQ(countAction(events(id), "agency.read_confidential_address"), 0);

  // The single GET shows it, recorded.
  const HttpResponse got = sup.get("/api/v1/agencies/" + id);
  EXPECT_EQ(got.json->as_object().at("address"), boost::json::value("Other Road 6 " + marker));
  EXPECT_EQ(countAction(events(id), "agency.read_confidential_address"), 1);

  // Made public, the address is in the answer like in a list (the one it was given).
  body["version"] = 3;
  body["address_confidential"] = false;
  body.erase("address");
  const HttpResponse opened = put(sup, id, body);
  ASSERT_EQ(opened.status, 200u) << opened.body;
  EXPECT_EQ(opened.json->as_object().at("address"), boost::json::value("Other Road 6 " + marker));
  const HttpResponse open_post = sup.post("/api/v1/agencies", toJson(validAgency("Open Echo")));
  ASSERT_EQ(open_post.status, 201u) << open_post.body;
  EXPECT_EQ(open_post.json->as_object().at("address"), "Sample Street 12, Amsterdam");
}

TEST_F(AgencyTest, DeleteDeactivatesAndPutReactivates) {
  HttpClient sup = signedIn(kSupervisorA);
  const std::string id = create(sup, validAgency("Soon Inactive (test)"));
  ASSERT_FALSE(id.empty());
  const HttpResponse del = sup.del("/api/v1/agencies/" + id);
  EXPECT_EQ(del.status, 204u) << del.body;
  const HttpResponse list = sup.get("/api/v1/agencies?q=soon+inactive");
  EXPECT_TRUE(itemIds(list).empty()) << list.body;
  const HttpResponse got = sup.get("/api/v1/agencies/" + id);
  ASSERT_EQ(got.status, 200u);
  EXPECT_EQ(got.json->as_object().at("active"), false);
  EXPECT_EQ(got.json->as_object().at("version").as_int64(), 2);
  EXPECT_EQ(countAction(events(id), "agency.deactivate"), 1);

  boost::json::object back = validAgency("Soon Inactive (test)");
  back["version"] = 2;
  back["active"] = true;
  ASSERT_EQ(put(sup, id, back).status, 200u);
  EXPECT_EQ(itemIds(sup.get("/api/v1/agencies?q=soon+inactive")), std::vector<std::string>{id});
  EXPECT_EQ(sup.del("/api/v1/agencies/" + std::string(32, '0')).status, 404u);
}

TEST_F(AgencyTest, AnotherOrganisationsAgencyIsExactlyLikeAMissingOne) {
  HttpClient sup = signedIn(kSupervisorA);
  const auto [id, marker] = createConfidentialShelter(sup);
  ASSERT_FALSE(id.empty());
  HttpClient b = signedIn(kAdminB);
  const HttpResponse other = b.get("/api/v1/agencies/" + id);
  const HttpResponse missing = b.get("/api/v1/agencies/" + std::string(32, 'a'));
  EXPECT_EQ(other.status, 404u);
  EXPECT_EQ(missing.status, 404u);
  EXPECT_EQ(other.errorMessage(), missing.errorMessage());
  EXPECT_EQ(b.get("/api/v1/agencies/not-an-id").status, 404u);
  boost::json::object body = validAgency();
  body["version"] = 1;
  EXPECT_EQ(put(b, id, body).status, 404u);
  EXPECT_EQ(b.del("/api/v1/agencies/" + id).status, 404u);
  // Their list never shows organisation A's agencies.
  const HttpResponse list = b.get("/api/v1/agencies?limit=200");
  for (const auto& got : itemIds(list)) {
    EXPECT_NE(got, id);
  }
  EXPECT_EQ(list.body.find(marker), std::string::npos);
  // And A's agency is unchanged and still active.
  const HttpResponse still = sup.get("/api/v1/agencies/" + id);
  EXPECT_EQ(still.json->as_object().at("active"), true);
  EXPECT_EQ(still.json->as_object().at("version").as_int64(), 1);
}

TEST_F(AgencyTest, KeysetPagesVisitEveryAgencyOnce) {
  HttpClient admin = signedIn(kAdminB);
  std::vector<std::string> made;
  for (int i = 0; i < 7; ++i) {
    made.push_back(
        create(admin, validAgency(i % 2 == 0 ? "Paged Twin" : "Paged " + std::to_string(i))));
  }
  std::vector<std::string> seen;
  std::string target = "/api/v1/agencies?q=paged&limit=3";
  for (int page = 0; page < 5; ++page) {
    const HttpResponse r = admin.get(target);
    ASSERT_EQ(r.status, 200u) << r.body;
    for (const auto& id : itemIds(r)) {
      seen.push_back(id);
    }
    const auto& next = r.json->as_object().at("next_cursor");
    if (next.is_null()) {
      break;
    }
    target = "/api/v1/agencies?q=paged&limit=3&cursor=" + std::string(next.as_string());
  }
  std::sort(seen.begin(), seen.end());
  std::sort(made.begin(), made.end());
  EXPECT_EQ(seen, made);
}

}  // namespace
}  // namespace strada::testing
