// Clients of direct assistance over real HTTP, on SQLite and PostgreSQL: registration with the
// person sealed under a key of this person alone (destroying the key makes the person
// unreadable), search before create through blind indexes, possible duplicates, versions (409
// with `current`), roles (data officer: coded only; consultant: existence only), another
// organisation's client (404), every read audited, and the access history.
#include <soci/soci.h>

#include <string>
#include <vector>

#include "app/data_dir.h"
#include "crypto/crypto.h"
#include "crypto/keyring.h"
#include "integration/at_rest.h"
#include "integration/suite.h"
#include "store/audit_repository.h"
#include "store/client_repository.h"

namespace strada::testing {
namespace {

constexpr const char* kSupervisorB = "clients.supervisor@b.example.org";
constexpr const char* kOtherWorkerA = "clients.worker2@a.example.org";

// A person with unique name and phone, so that tests do not match each other's clients.
boost::json::object newClient(std::string& name, std::string& phone) {
  const std::string tag = crypto::toHex(crypto::randomBytes(4));
  name = "Ana Maria Test" + tag;
  const auto digits = std::to_string(100000 + (std::stoul(tag, nullptr, 16) % 899999));
  phone = "06 12 " + digits;
  return {
      {"person",
       {{"full_name", name},
        {"other_names", boost::json::array{boost::json::value("Ani " + tag)}},
        {"birth_date", "1999-04-30"},
        {"phones", boost::json::array{phone}},
        {"email", "ana@example.org"},
        {"address", "Secret street 1"},
        {"id_documents",
         boost::json::array{{{"kind", "passport"}, {"number", "P" + tag}, {"country", "RO"}}}}}},
      {"coded",
       {{"gender", "Feminine"},
        {"birth_year", 1999},
        {"citizenships", boost::json::array{"RO"}},
        {"trafficking_status", "PossibleVictimOfTrafficking"},
        {"exploitation_types", boost::json::array{"SexualExploitation"}},
        {"countries_exploitation", boost::json::array{"NL"}}}}};
}

class ClientsTest : public DeploymentTest<ClientsTest> {
 public:
  static std::vector<UserSpec> users() {
    auto users = standardUsers();
    users.push_back({kOrgB, kSupervisorB, "Bea Supervisor", {"supervisor"}});
    users.push_back({kOrgA, kOtherWorkerA, "Otto Worker", {"case_worker"}});
    return users;
  }

 protected:
  static boost::json::object create(HttpClient& c, std::string& name, std::string& phone) {
    const HttpResponse r = c.post("/api/v1/clients", toJson(newClient(name, phone)));
    EXPECT_EQ(r.status, 201u) << r.body;
    return r.json ? r.json->as_object() : boost::json::object{};
  }

  static int events(const std::string& type, const std::string& id, const std::string& action) {
    domain::Result<std::vector<audit::AuditEvent>> found;
    deployment().database().db().read(
        [&](soci::session& sql) { found = store::auditEventsFor(sql, type, id); });
    int n = 0;
    for (const auto& e : found.value()) {
      n += e.input.action == action ? 1 : 0;
    }
    return n;
  }

  static HttpResponse search(HttpClient& c, const boost::json::object& body) {
    return c.post("/api/v1/clients/search", toJson(body));
  }
};

TEST_F(ClientsTest, ACaseWorkerRegistersAPersonAndReadsThemBack) {
  HttpClient worker = signedIn(kCaseWorkerA);
  std::string name, phone;
  const auto created = create(worker, name, phone);
  const std::string id(created.at("id").as_string());
  EXPECT_TRUE(created.at("client_code").as_string().starts_with("CL-"));
  EXPECT_EQ(created.at("version").as_int64(), 1);
  EXPECT_EQ(created.at("case"), nullptr);

  const HttpResponse got = worker.get("/api/v1/clients/" + id);
  ASSERT_EQ(got.status, 200u) << got.body;
  const auto& c = got.json->as_object();
  EXPECT_EQ(c.at("person").at("full_name"), boost::json::value(name));
  EXPECT_EQ(c.at("person").at("birth_date"), "1999-04-30");
  EXPECT_EQ(c.at("person").at("id_documents").as_array().size(), 1u);
  EXPECT_EQ(c.at("coded").at("gender"), "Feminine");
  EXPECT_EQ(c.at("coded").at("exploitation_types"), (boost::json::array{"SexualExploitation"}));
  EXPECT_EQ(c.at("coded").at("education"), nullptr);
  EXPECT_EQ(events("client", id, "client.create"), 1);
  EXPECT_EQ(events("client", id, "client.read"), 1);
  // Nothing of the person reaches the log.
  EXPECT_EQ(deployment().log().find(name), std::string::npos);
}

TEST_F(ClientsTest, RolesAndOrganisationsDecideWhatIsSeen) {
  HttpClient worker = signedIn(kCaseWorkerA);
  std::string name, phone;
  const std::string id(create(worker, name, phone).at("id").as_string());

  HttpClient officer = signedIn(kDataOfficerA);
  const HttpResponse coded = officer.get("/api/v1/clients/" + id);
  ASSERT_EQ(coded.status, 200u) << coded.body;
  EXPECT_EQ(coded.json->at("person"), nullptr);
  EXPECT_EQ(coded.json->at("coded").at("gender"), "Feminine");
  EXPECT_EQ(coded.body.find(name), std::string::npos);

  HttpClient consultant = signedIn(kConsultantA);
  EXPECT_EQ(consultant.get("/api/v1/clients/" + id).status, 403u);
  HttpClient other_worker = signedIn(kOtherWorkerA);
  EXPECT_EQ(other_worker.get("/api/v1/clients/" + id).status, 404u);
  HttpClient supervisor_b = signedIn(kSupervisorB);
  const HttpResponse foreign = supervisor_b.get("/api/v1/clients/" + id);
  EXPECT_EQ(foreign.status, 404u);
  EXPECT_TRUE(foreign.hasErrorShape());
  HttpClient supervisor = signedIn(kSupervisorA);
  EXPECT_EQ(supervisor.get("/api/v1/clients/" + id).json->at("person").at("full_name"),
            boost::json::value(name));
  EXPECT_EQ(events("client", id, "client.read"), 2);  // the officer's and the supervisor's
}

TEST_F(ClientsTest, SearchBeforeCreateMatchesNameBirthDatePhoneAndCodeExactly) {
  HttpClient worker = signedIn(kCaseWorkerA);
  std::string name, phone;
  const auto created = create(worker, name, phone);
  const std::string id(created.at("id").as_string());
  const std::string code(created.at("client_code").as_string());

  HttpClient consultant = signedIn(kConsultantA);
  // The name case-folded with its whitespace collapsed; the phone in another notation (E.164).
  std::string folded = name;
  for (auto& ch : folded) {
    ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  }
  const HttpResponse by_name = search(consultant, {{"full_name", "  " + folded + "  "}});
  ASSERT_EQ(by_name.status, 200u) << by_name.body;
  const auto& matches = by_name.json->at("matches").as_array();
  ASSERT_EQ(matches.size(), 1u) << by_name.body;
  EXPECT_EQ(matches[0].at("client_id"), boost::json::value(id));
  EXPECT_EQ(matches[0].at("matched_on"), (boost::json::array{"full_name"}));
  EXPECT_EQ(by_name.body.find("Secret street"), std::string::npos);

  const std::string e164 = "+316 12" + phone.substr(6);
  const HttpResponse by_phone = search(consultant, {{"phone", e164}, {"client_code", code}});
  ASSERT_EQ(by_phone.status, 200u) << by_phone.body;
  ASSERT_EQ(by_phone.json->at("matches").as_array().size(), 1u) << by_phone.body;
  EXPECT_EQ(by_phone.json->at("matches").at(0).at("matched_on"),
            (boost::json::array{"client_code", "phone"}));
  // A near miss is no match: exact values only.
  const HttpResponse miss = search(consultant, {{"full_name", name + "x"}});
  EXPECT_EQ(miss.json->at("matches").as_array().size(), 0u);
  // Another organisation finds nothing.
  HttpClient supervisor_b = signedIn(kSupervisorB);
  EXPECT_EQ(search(supervisor_b, {{"full_name", name}}).json->at("matches").as_array().size(), 0u);
  // Nothing to search for, or a malformed date, names the field.
  const HttpResponse empty = search(consultant, boost::json::object{});
  EXPECT_EQ(empty.status, 400u);
  EXPECT_EQ(empty.errorField(), "full_name");
  EXPECT_EQ(search(consultant, {{"birth_date", "30-04-1999"}}).errorField(), "birth_date");
  // The data officer does not search.
  HttpClient officer = signedIn(kDataOfficerA);
  EXPECT_EQ(search(officer, {{"full_name", name}}).status, 403u);
}

TEST_F(ClientsTest, ASecondRegistrationIsFlaggedAsAPossibleDuplicate) {
  HttpClient worker = signedIn(kCaseWorkerA);
  std::string name, phone;
  const std::string first(create(worker, name, phone).at("id").as_string());
  const std::string first_name = name;
  auto again = newClient(name, phone);  // another phone
  again["person"].as_object()["full_name"] = first_name;
  const HttpResponse r = worker.post("/api/v1/clients", toJson(again));
  ASSERT_EQ(r.status, 201u) << r.body;
  EXPECT_EQ(r.json->at("possible_duplicates"), (boost::json::array{boost::json::value(first)}));
}

TEST_F(ClientsTest, InvalidInputNamesTheField) {
  HttpClient worker = signedIn(kCaseWorkerA);
  std::string name, phone;
  auto body = newClient(name, phone);
  const auto field = [&](boost::json::object b) {
    return worker.post("/api/v1/clients", toJson(b)).errorField();
  };
  auto no_name = body;
  no_name["person"].as_object().erase("full_name");
  EXPECT_EQ(field(no_name), "person.full_name");
  auto bad_gender = body;
  bad_gender["coded"].as_object()["gender"] = "female";
  EXPECT_EQ(field(bad_gender), "coded.gender");
  auto bad_country = body;
  bad_country["coded"].as_object()["countries_origin"] = boost::json::array{"RO", "XX"};
  EXPECT_EQ(field(bad_country), "coded.countries_origin[1]");
  auto future = body;
  future["person"].as_object()["birth_date"] = "2999-01-01";
  EXPECT_EQ(field(future), "person.birth_date");
  auto unknown = body;
  unknown["person"].as_object()["nickname"] = "x";
  EXPECT_EQ(field(unknown), "person.nickname");
  auto bad_phone = body;
  bad_phone["person"].as_object()["phones"] = boost::json::array{"+40 721", "call me"};
  EXPECT_EQ(field(bad_phone), "person.phones[1]");
}

TEST_F(ClientsTest, AStaleVersionAnswers409WithTheCurrentClient) {
  HttpClient worker = signedIn(kCaseWorkerA);
  std::string name, phone;
  auto body = newClient(name, phone);
  const HttpResponse created = worker.post("/api/v1/clients", toJson(body));
  const std::string id(created.json->at("id").as_string());
  body["version"] = 1;
  body["coded"].as_object()["education"] = "PrimaryEducation";
  const HttpResponse first =
      worker.request("PUT", "/api/v1/clients/" + id, toJson(body), CsrfMode::kSession);
  ASSERT_EQ(first.status, 200u) << first.body;
  EXPECT_EQ(first.json->at("version").as_int64(), 2);
  body["coded"].as_object()["education"] = "UpperSecondaryEducation";
  const HttpResponse stale =
      worker.request("PUT", "/api/v1/clients/" + id, toJson(body), CsrfMode::kSession);
  ASSERT_EQ(stale.status, 409u) << stale.body;
  EXPECT_EQ(stale.errorField(), "version");
  EXPECT_EQ(stale.json->at("current").at("version").as_int64(), 2);
  EXPECT_EQ(stale.json->at("current").at("coded").at("education"), "PrimaryEducation");
  EXPECT_EQ(events("client", id, "client.update"), 1);
}

TEST_F(ClientsTest, DestroyingThePersonsKeyMakesThePersonUnreadable) {
  HttpClient worker = signedIn(kCaseWorkerA);
  std::string name, phone;
  const auto created = create(worker, name, phone);
  const std::string id(created.at("id").as_string());
  // The person is sealed at rest, under its own key: the sealed bytes are there, the name is not.
  std::string sealed_before;
  std::string org_id;
  deployment().database().db().read([&](soci::session& sql) {
    auto row = store::findClient(sql, id);
    sealed_before = row.value()->person_sealed;
    org_id = row.value()->client.org_id;
  });
  EXPECT_FALSE(sealed_before.empty());
  EXPECT_EQ(sealed_before.find(name), std::string::npos);

  ASSERT_TRUE(deployment().database().db().write(
      [&](store::WriteContext& w) { return store::destroyClientKey(w, org_id, id); }));
  const HttpResponse after = worker.get("/api/v1/clients/" + id);
  ASSERT_EQ(after.status, 200u) << after.body;
  EXPECT_EQ(after.json->at("person"), nullptr);
  EXPECT_EQ(after.json->at("coded").at("gender"), "Feminine");
  // A copy of the sealed person (a backup) does not open without the key either.
  deployment().database().db().read([&](soci::session& sql) {
    auto row = store::findClient(sql, id);
    EXPECT_TRUE(row.value()->wrapped_key.empty());
    EXPECT_TRUE(row.value()->person_sealed.empty());
  });
  // And the erased person is no longer found by name.
  HttpClient consultant = signedIn(kConsultantA);
  EXPECT_EQ(search(consultant, {{"full_name", name}}).json->at("matches").as_array().size(), 0u);
}

TEST_F(ClientsTest, TheAccessHistoryListsEveryReadForASupervisor) {
  HttpClient worker = signedIn(kCaseWorkerA);
  std::string name, phone;
  const std::string id(create(worker, name, phone).at("id").as_string());
  ASSERT_EQ(worker.get("/api/v1/clients/" + id).status, 200u);
  HttpClient supervisor = signedIn(kSupervisorA);
  const HttpResponse history = supervisor.get("/api/v1/clients/" + id + "/access");
  ASSERT_EQ(history.status, 200u) << history.body;
  const auto& entries = history.json->at("entries").as_array();
  ASSERT_EQ(entries.size(), 2u) << history.body;
  EXPECT_EQ(entries[0].at("action"), "client.read");  // newest first
  EXPECT_EQ(entries[0].at("user").at("name"), "Cas Caseworker");
  EXPECT_EQ(entries[1].at("action"), "client.create");
  EXPECT_EQ(worker.get("/api/v1/clients/" + id + "/access").status, 403u);
  EXPECT_EQ(events("client", id, "client.access_read"), 1);
}

TEST_F(ClientsTest, TheCallersBlindIndexIsUnchangedAndEachPurposeHasItsOwnKey) {
  auto opened = app::openData(deployment().data());
  ASSERT_TRUE(opened) << opened.error().message;
  const vault::Vault& keys = *opened->keys;
  // kCaller: HMAC-SHA-256 under master subkey 2 ("blindidx") of scope NUL value, as stored.
  const auto subkey = opened->master->deriveSubkey(2, "blindidx");
  const std::string value = "+31612345678";
  const std::string message = std::string("org-1") + '\0' + value;
  EXPECT_EQ(keys.blindIndex(vault::BlindIndex::kCaller, "org-1", value),
            crypto::toHex(crypto::hmacSha256(subkey.bytes(), message)));
  const std::string phone = keys.blindIndex(vault::BlindIndex::kClientPhone, "org-1", value);
  EXPECT_NE(phone, keys.blindIndex(vault::BlindIndex::kCaller, "org-1", value));
  EXPECT_NE(phone, keys.blindIndex(vault::BlindIndex::kClientName, "org-1", value));
  EXPECT_NE(phone, keys.blindIndex(vault::BlindIndex::kClientBirthDate, "org-1", value));
  EXPECT_NE(phone, keys.blindIndex(vault::BlindIndex::kClientPhone, "org-2", value));
  // A person's key opens only that person's wrapped key.
  auto fresh = keys.createPersonKey("client-1");
  EXPECT_TRUE(keys.openPersonKey("client-1", fresh.wrapped));
  EXPECT_FALSE(keys.openPersonKey("client-2", fresh.wrapped));
  const std::string sealed =
      keys.seal(fresh.key, {vault::SealedField::kClientPerson, "client-1"}, "Ana");
  auto other = keys.createPersonKey("client-1");
  EXPECT_FALSE(keys.open(other.key, {vault::SealedField::kClientPerson, "client-1"}, sealed));
  EXPECT_EQ(keys.open(fresh.key, {vault::SealedField::kClientPerson, "client-1"}, sealed).value(),
            "Ana");
}

}  // namespace
}  // namespace strada::testing
