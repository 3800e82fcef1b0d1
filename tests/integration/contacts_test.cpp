// Contacts over real HTTP: CSRF, create and read back, validation, keyset pages and filters,
// organisation isolation, roles, audited reads, and sealed free text at rest.
#include <soci/soci.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "crypto/crypto.h"
#include "domain/time.h"
#include "integration/at_rest.h"
#include "integration/suite.h"
#include "store/repositories.h"

namespace strada::testing {
namespace {

// A second consultant of organisation A: not the author of the first one's contacts.
const char* const kOtherConsultantA = "other.consultant@a.example.org";

class ContactsTest : public DeploymentTest<ContactsTest> {
 public:
  static std::vector<UserSpec> users() {
    std::vector<UserSpec> users = standardUsers();
    users.push_back({kOrgA, kOtherConsultantA, "Otto Consultant", {"consultant"}});
    return users;
  }

 protected:
  // Posts `body` as `c`; expects 201 and returns the new contact's id.
  static std::string create(HttpClient& c, const boost::json::object& body) {
    return createdId(c, "/api/v1/contacts", body);
  }
};

TEST_F(ContactsTest, CreateNeedsAValidCsrfToken) {
  HttpClient c = signedIn(kConsultantA);
  const HttpResponse none = c.post("/api/v1/contacts", toJson(validContact()), CsrfMode::kOmit);
  EXPECT_EQ(none.status, 403u) << none.body;
  EXPECT_TRUE(none.hasErrorShape()) << none.body;
  EXPECT_EQ(none.errorCode(), "permission_denied");

  const HttpResponse wrong =
      c.request("POST", "/api/v1/contacts", toJson(validContact()), CsrfMode::kOmit,
                {{"X-CSRF-Token", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}});
  EXPECT_EQ(wrong.status, 403u) << wrong.body;
  EXPECT_TRUE(wrong.hasErrorShape()) << wrong.body;

  const HttpResponse empty = c.request("POST", "/api/v1/contacts", toJson(validContact()),
                                       CsrfMode::kOmit, {{"X-CSRF-Token", ""}});
  EXPECT_EQ(empty.status, 403u) << empty.body;

  // Without a session, the answer is 401 whatever the token.
  HttpClient anonymous = client();
  anonymous.setCsrfToken(c.csrfToken());
  EXPECT_EQ(anonymous.post("/api/v1/contacts", toJson(validContact())).status, 401u);
}

TEST_F(ContactsTest, CreateThenReadBackEveryField) {
  HttpClient c = signedIn(kConsultantA);
  boost::json::object in = validContact("2024-06-02T09:15:30.250+02:00");
  in["channel"] = "chat";
  in["duration_s"] = 86400;
  in["caller_type"] = "family_member";
  in["anonymous"] = false;
  in["language"] = "el";
  in["summary"] = "Καλημέρα – ☎ naïve \"quoted\" \\ line\nbreak";
  const HttpResponse r = c.post("/api/v1/contacts", toJson(in));
  ASSERT_EQ(r.status, 201u) << r.body;
  const auto& body = r.json->as_object();
  const std::string id(body.at("id").as_string());
  EXPECT_EQ(id.size(), 32u);
  EXPECT_EQ(r.header("location").value_or(""), "/api/v1/contacts/" + id);
  EXPECT_EQ(body.at("channel"), "chat");
  EXPECT_EQ(body.at("started_at"), "2024-06-02T07:15:30.250Z");
  EXPECT_EQ(body.at("duration_s"), 86400);
  EXPECT_EQ(body.at("caller_type"), "family_member");
  EXPECT_EQ(body.at("anonymous"), false);
  EXPECT_EQ(body.at("language"), "el");
  EXPECT_EQ(body.at("summary"), in.at("summary"));
  EXPECT_EQ(body.at("created_by"), boost::json::string(deployment().userId(kConsultantA)));
  EXPECT_FALSE(body.at("code_version").as_string().empty());
  auto created_at = domain::parseRfc3339(body.at("created_at").as_string(), "created_at");
  ASSERT_TRUE(created_at.has_value()) << r.body;
  EXPECT_LE(std::abs(*created_at - domain::nowMillis()), 60'000);
  EXPECT_FALSE(body.contains("org_id")) << r.body;
  EXPECT_FALSE(body.contains("summary_sealed")) << r.body;

  const HttpResponse got = c.get("/api/v1/contacts/" + id);
  ASSERT_EQ(got.status, 200u) << got.body;
  EXPECT_EQ(got.json->as_object(), body) << got.body;

  // A supervisor of the same organisation reads it too, summary included.
  HttpClient s = signedIn(kSupervisorA);
  const HttpResponse by_supervisor = s.get("/api/v1/contacts/" + id);
  ASSERT_EQ(by_supervisor.status, 200u);
  EXPECT_EQ(by_supervisor.json->as_object().at("summary"), in.at("summary"));
}

TEST_F(ContactsTest, SummaryIsOptionalAndTwentyThousandBytesFit) {
  HttpClient c = signedIn(kConsultantA);
  boost::json::object without = validContact();
  without.erase("summary");
  without.erase("anonymous");
  const HttpResponse r = c.post("/api/v1/contacts", toJson(without));
  ASSERT_EQ(r.status, 201u) << r.body;
  EXPECT_EQ(r.json->as_object().at("anonymous"), true) << "anonymous defaults to true";
  EXPECT_EQ(r.json->as_object().at("summary"), "");

  boost::json::object longest = validContact();
  longest["summary"] = std::string(20000, 's');
  EXPECT_EQ(c.post("/api/v1/contacts", toJson(longest)).status, 201u);
}

struct InvalidCase {
  std::string name;
  boost::json::object body;
  std::string field;
};

TEST_F(ContactsTest, ValidationNamesTheOffendingField) {
  HttpClient c = signedIn(kConsultantA);
  const auto with = [](const char* key, boost::json::value v) {
    boost::json::object o = validContact();
    o[key] = std::move(v);
    return o;
  };
  const auto without = [](const char* key) {
    boost::json::object o = validContact();
    o.erase(key);
    return o;
  };
  const std::string tomorrow = domain::formatRfc3339(domain::nowMillis() + 24LL * 3600 * 1000);
  const std::vector<InvalidCase> cases = {
      {"unknown field", with("colour", "blue"), "colour"},
      {"missing channel", without("channel"), "channel"},
      {"missing started_at", without("started_at"), "started_at"},
      {"missing duration", without("duration_s"), "duration_s"},
      {"missing caller_type", without("caller_type"), "caller_type"},
      {"missing language", without("language"), "language"},
      {"duration as string", with("duration_s", "300"), "duration_s"},
      {"duration as fraction", with("duration_s", 1.5), "duration_s"},
      {"duration -1", with("duration_s", -1), "duration_s"},
      {"duration 86401", with("duration_s", 86401), "duration_s"},
      {"duration huge", with("duration_s", boost::json::value(18446744073709551615ULL)),
       "duration_s"},
      {"channel not a code", with("channel", "pigeon"), "channel"},
      {"channel wrong case", with("channel", "Phone"), "channel"},
      {"channel as number", with("channel", 3), "channel"},
      {"caller_type not a code", with("caller_type", "alien"), "caller_type"},
      {"language not a code", with("language", "xx"), "language"},
      {"language as a name", with("language", "english"), "language"},
      {"started_at malformed", with("started_at", "yesterday"), "started_at"},
      {"started_at without zone", with("started_at", "2024-05-01T10:00:00"), "started_at"},
      {"started_at in the future", with("started_at", boost::json::string(tomorrow)), "started_at"},
      {"started_at before 2000", with("started_at", "1999-12-31T23:59:59Z"), "started_at"},
      {"anonymous as string", with("anonymous", "yes"), "anonymous"},
      {"summary as number", with("summary", 7), "summary"},
      {"summary of 20001 bytes", with("summary", boost::json::string(std::string(20001, 's'))),
       "summary"},
  };
  for (const auto& tc : cases) {
    const HttpResponse r = c.post("/api/v1/contacts", toJson(tc.body));
    EXPECT_EQ(r.status, 400u) << tc.name << ": " << r.body;
    EXPECT_TRUE(r.hasErrorShape()) << tc.name << ": " << r.body;
    EXPECT_EQ(r.errorCode(), "invalid_argument") << tc.name;
    EXPECT_EQ(r.errorField(), tc.field) << tc.name << ": " << r.body;
  }
  // Invalid UTF-8 is refused, whichever layer notices it.
  const std::string not_utf8 =
      R"({"channel":"phone","started_at":"2024-05-01T10:00:00Z","duration_s":1,)"
      R"("caller_type":"other","language":"en","summary":"bad )"
      "\xff\xfe"
      R"( bytes"})";
  const HttpResponse bad_text = c.post("/api/v1/contacts", not_utf8);
  EXPECT_EQ(bad_text.status, 400u) << bad_text.body;
  EXPECT_TRUE(bad_text.hasErrorShape()) << bad_text.body;
  // Not an object at all.
  const HttpResponse array = c.post("/api/v1/contacts", "[]");
  EXPECT_EQ(array.status, 400u);
  EXPECT_EQ(array.errorField(), "");
}

// Five contacts in a period of their own, two of them at the same instant (ties break on id).
TEST_F(ContactsTest, ListIsNewestFirstWithKeysetPages) {
  HttpClient c = signedIn(kConsultantA);
  const std::vector<std::string> starts = {"2021-03-01T10:00:00Z", "2021-03-03T10:00:00Z",
                                           "2021-03-02T10:00:00Z", "2021-03-03T10:00:00Z",
                                           "2021-03-05T10:00:00Z"};
  struct Made {
    std::string started;
    std::string id;
  };
  std::vector<Made> made;
  for (const auto& s : starts) {
    made.push_back({s, create(c, validContact(s))});
  }
  // Newest first: started_at descending, then id descending.
  std::sort(made.begin(), made.end(), [](const Made& a, const Made& b) {
    return a.started != b.started ? a.started > b.started : a.id > b.id;
  });
  std::vector<std::string> expected;
  for (const auto& m : made) {
    expected.push_back(m.id);
  }

  const std::string period = "from=2021-03-01T00:00:00Z&to=2021-04-01T00:00:00Z";
  std::vector<std::string> seen;
  std::string cursor;
  int pages = 0;
  for (; pages < 10; ++pages) {
    const std::string target =
        "/api/v1/contacts?" + period + "&limit=2" + (cursor.empty() ? "" : "&cursor=" + cursor);
    const HttpResponse page = c.get(target);
    ASSERT_EQ(page.status, 200u) << target << ": " << page.body;
    const auto page_ids = itemIds(page);
    EXPECT_LE(page_ids.size(), 2u);
    seen.insert(seen.end(), page_ids.begin(), page_ids.end());
    for (const auto& item : page.json->as_object().at("items").as_array()) {
      EXPECT_FALSE(item.as_object().contains("summary")) << "lists never carry summary";
    }
    const auto& next = page.json->as_object().at("next_cursor");
    if (next.is_null()) {
      break;
    }
    ASSERT_TRUE(next.is_string());
    cursor = std::string(next.as_string());
  }
  EXPECT_EQ(pages, 2) << "5 contacts at 2 a page: 3 pages, the last with next_cursor null";
  EXPECT_EQ(seen, expected);

  // Default page size takes them all at once.
  const HttpResponse all = c.get("/api/v1/contacts?" + period);
  ASSERT_EQ(all.status, 200u);
  EXPECT_EQ(itemIds(all), expected);
  EXPECT_TRUE(all.json->as_object().at("next_cursor").is_null());
}

TEST_F(ContactsTest, FromIsInclusiveAndToExclusive) {
  HttpClient c = signedIn(kConsultantA);
  const std::string at_from = create(c, validContact("2019-07-01T00:00:00Z"));
  const std::string inside = create(c, validContact("2019-07-15T12:00:00Z"));
  const std::string at_to = create(c, validContact("2019-08-01T00:00:00Z"));
  const std::string before = create(c, validContact("2019-06-30T23:59:59.999Z"));

  const HttpResponse r =
      c.get("/api/v1/contacts?from=2019-07-01T00:00:00Z&to=2019-08-01T00:00:00Z");
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(itemIds(r), (std::vector<std::string>{inside, at_from}));

  // Offsets are honoured: 02:00+02:00 is midnight UTC.
  const HttpResponse offset =
      c.get("/api/v1/contacts?from=2019-07-01T02:00:00%2B02:00&to=2019-07-02T00:00:00Z");
  ASSERT_EQ(offset.status, 200u) << offset.body;
  EXPECT_EQ(itemIds(offset), (std::vector<std::string>{at_from}));

  const HttpResponse only_to = c.get("/api/v1/contacts?to=2019-07-01T00:00:00Z&limit=1");
  ASSERT_EQ(only_to.status, 200u);
  EXPECT_EQ(itemIds(only_to), (std::vector<std::string>{before}));
  (void)at_to;
}

TEST_F(ContactsTest, BadListParametersAre400NamingTheParameter) {
  HttpClient c = signedIn(kConsultantA);
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"cursor=not-a-cursor", "cursor"},
      {"cursor=" + crypto::toBase64Url("12:short"), "cursor"},
      {"cursor=" + crypto::toBase64Url("abc:" + std::string(32, 'a')), "cursor"},
      {"cursor=", "cursor"},
      {"limit=0", "limit"},
      {"limit=201", "limit"},
      {"limit=-1", "limit"},
      {"limit=ten", "limit"},
      {"limit=", "limit"},
      {"from=yesterday", "from"},
      {"to=2024-13-01T00:00:00Z", "to"},
      {"from=2024-02-01T00:00:00Z&to=2024-01-01T00:00:00Z", "to"},
      {"sort=asc", "sort"},
  };
  for (const auto& [query, field] : cases) {
    const HttpResponse r = c.get("/api/v1/contacts?" + query);
    EXPECT_EQ(r.status, 400u) << query << ": " << r.body;
    EXPECT_TRUE(r.hasErrorShape()) << query << ": " << r.body;
    EXPECT_EQ(r.errorField(), field) << query << ": " << r.body;
  }
  EXPECT_EQ(c.get("/api/v1/contacts?limit=1").status, 200u);
  EXPECT_EQ(c.get("/api/v1/contacts?limit=200").status, 200u);
}

TEST_F(ContactsTest, AnotherOrganisationsContactIsExactlyLikeAMissingOne) {
  HttpClient a = signedIn(kConsultantA);
  HttpClient b = signedIn(kConsultantB);
  const std::string id = create(a, validContact("2022-01-10T10:00:00Z"));
  ASSERT_FALSE(id.empty());

  const HttpResponse foreign = b.get("/api/v1/contacts/" + id);
  const HttpResponse missing = b.get("/api/v1/contacts/" + std::string(32, '0'));
  const HttpResponse malformed = b.get("/api/v1/contacts/not-an-id");
  EXPECT_EQ(foreign.status, 404u) << foreign.body;
  EXPECT_TRUE(foreign.hasErrorShape()) << foreign.body;
  EXPECT_EQ(foreign.errorCode(), "not_found");
  EXPECT_EQ(foreign.body, missing.body);
  EXPECT_EQ(foreign.body, malformed.body);
  EXPECT_EQ(missing.status, 404u);
  EXPECT_EQ(malformed.status, 404u);

  // B's list never shows A's contacts, and A's list never shows B's.
  const std::string b_id = create(b, validContact("2022-01-10T10:00:00Z"));
  const HttpResponse b_list = b.get("/api/v1/contacts?limit=200");
  ASSERT_EQ(b_list.status, 200u);
  const auto b_ids = itemIds(b_list);
  EXPECT_NE(std::find(b_ids.begin(), b_ids.end(), b_id), b_ids.end());
  EXPECT_EQ(std::find(b_ids.begin(), b_ids.end(), id), b_ids.end());
  const HttpResponse a_list = a.get("/api/v1/contacts?limit=200");
  ASSERT_EQ(a_list.status, 200u);
  const auto a_ids = itemIds(a_list);
  EXPECT_EQ(std::find(a_ids.begin(), a_ids.end(), b_id), a_ids.end());
  EXPECT_NE(std::find(a_ids.begin(), a_ids.end(), id), a_ids.end());
  for (const auto& item : a_list.json->as_object().at("items").as_array()) {
    EXPECT_EQ(item.as_object().at("created_by").as_string().find(deployment().userId(kConsultantB)),
              std::string::npos);
  }
}

TEST_F(ContactsTest, RolesDecideWhatIsShownAndAllowed) {
  HttpClient consultant = signedIn(kConsultantA);
  const std::string id = create(consultant, validContact("2022-02-10T10:00:00Z"));
  ASSERT_FALSE(id.empty());

  HttpClient officer = signedIn(kDataOfficerA);
  const HttpResponse read = officer.get("/api/v1/contacts/" + id);
  ASSERT_EQ(read.status, 200u) << read.body;
  EXPECT_FALSE(read.json->as_object().contains("summary")) << read.body;
  EXPECT_EQ(read.json->as_object().at("id"), boost::json::string(id));
  EXPECT_EQ(read.body.find("work permits"), std::string::npos);
  const HttpResponse officer_list = officer.get("/api/v1/contacts?limit=5");
  EXPECT_EQ(officer_list.status, 200u) << officer_list.body;
  const HttpResponse officer_post = officer.post("/api/v1/contacts", toJson(validContact()));
  EXPECT_EQ(officer_post.status, 403u) << officer_post.body;
  EXPECT_TRUE(officer_post.hasErrorShape()) << officer_post.body;
  EXPECT_EQ(officer_post.errorCode(), "permission_denied");

  HttpClient worker = signedIn(kCaseWorkerA);
  const HttpResponse worker_list = worker.get("/api/v1/contacts");
  EXPECT_EQ(worker_list.status, 403u) << worker_list.body;
  EXPECT_TRUE(worker_list.hasErrorShape()) << worker_list.body;
  EXPECT_EQ(worker.get("/api/v1/contacts/" + id).status, 403u);
  EXPECT_EQ(worker.post("/api/v1/contacts", toJson(validContact())).status, 403u);
  EXPECT_EQ(worker.me().status, 200u) << "every role reads its own profile";
  EXPECT_EQ(worker.get("/api/v1/codes").status, 200u);
}

// "may_correct" of a contact as `c` reads it; fails the test unless it is a boolean.
bool mayCorrectAs(HttpClient& c, const std::string& id) {
  const HttpResponse r = c.get("/api/v1/contacts/" + id);
  EXPECT_EQ(r.status, 200u) << r.body;
  if (r.status != 200 || !r.json || !r.json->as_object().contains("may_correct") ||
      !r.json->as_object().at("may_correct").is_bool()) {
    ADD_FAILURE() << "no boolean may_correct: " << r.body;
    return false;
  }
  return r.json->as_object().at("may_correct").as_bool();
}

TEST_F(ContactsTest, MayCorrectSaysWhetherTheReaderMayChangeTheContactNow) {
  HttpClient author = signedIn(kConsultantA);
  HttpClient other = signedIn(kOtherConsultantA);
  HttpClient supervisor = signedIn(kSupervisorA);
  HttpClient officer = signedIn(kDataOfficerA);
  boost::json::object finished = validContact("2022-03-10T10:00:00Z");
  finished["status"] = "final";
  const std::string id = create(author, finished);
  ASSERT_FALSE(id.empty());

  // Within the correction window: its author and any supervisor; nobody else.
  EXPECT_TRUE(mayCorrectAs(author, id));
  EXPECT_TRUE(mayCorrectAs(supervisor, id));
  EXPECT_FALSE(mayCorrectAs(other, id)) << "another consultant's contact";
  EXPECT_FALSE(mayCorrectAs(officer, id)) << "data officers do not change contacts";

  // What it says is what a change answers.
  boost::json::object change = finished;
  change["version"] = 1;
  change["duration_s"] = 301;
  EXPECT_EQ(
      other.request("PUT", "/api/v1/contacts/" + id, toJson(change), CsrfMode::kSession).status,
      403u);

  // After the window: a supervisor only.
  const std::string day_ago = std::to_string(domain::nowMillis() - 25LL * 3600 * 1000);
  auto aged = deployment().database().db().write([&](store::WriteContext& w) -> domain::Status {
    w.sql() << "UPDATE contacts SET finalised_at = " + day_ago + " WHERE id = '" + id + "'";
    return {};
  });
  ASSERT_TRUE(aged) << aged.error().detail;
  EXPECT_FALSE(mayCorrectAs(author, id)) << "the author's 24 hours are over";
  EXPECT_TRUE(mayCorrectAs(supervisor, id));
  EXPECT_EQ(
      author.request("PUT", "/api/v1/contacts/" + id, toJson(change), CsrfMode::kSession).status,
      403u);
  // The answer to a correction says it too, as a read would.
  const HttpResponse corrected =
      supervisor.request("PUT", "/api/v1/contacts/" + id, toJson(change), CsrfMode::kSession);
  ASSERT_EQ(corrected.status, 200u) << corrected.body;
  ASSERT_TRUE(corrected.json->as_object().contains("may_correct")) << corrected.body;
  EXPECT_TRUE(corrected.json->as_object().at("may_correct").as_bool());

  // Lists stay small: no may_correct in them.
  const HttpResponse list = supervisor.get("/api/v1/contacts?limit=5");
  ASSERT_EQ(list.status, 200u) << list.body;
  for (const auto& item : list.json->as_object().at("items").as_array()) {
    EXPECT_FALSE(item.as_object().contains("may_correct")) << list.body;
  }
}

TEST_F(ContactsTest, EveryReadAppendsAnAuditEventWithTheReader) {
  HttpClient consultant = signedIn(kConsultantA);
  HttpClient officer = signedIn(kDataOfficerA);
  const std::string id = create(consultant, validContact("2022-03-10T10:00:00Z"));
  ASSERT_FALSE(id.empty());
  ASSERT_EQ(consultant.get("/api/v1/contacts/" + id).status, 200u);
  ASSERT_EQ(officer.get("/api/v1/contacts/" + id).status, 200u);
  ASSERT_EQ(consultant.get("/api/v1/contacts/" + id).status, 200u);
  // A refused read (another organisation) records nothing against the contact.
  HttpClient b = signedIn(kConsultantB);
  ASSERT_EQ(b.get("/api/v1/contacts/" + id).status, 404u);

  domain::Result<std::vector<audit::AuditEvent>> events;
  deployment().database().db().read(
      [&](soci::session& sql) { events = store::auditEventsFor(sql, "contact", id); });
  ASSERT_TRUE(events.has_value()) << events.error().message;
  std::vector<std::string> readers;
  int creates = 0;
  for (auto it = events->rbegin(); it != events->rend(); ++it) {  // oldest first
    if (it->input.action == "contact.read") {
      readers.push_back(it->input.actor_user_id);
      EXPECT_FALSE(it->input.request_id.empty());
      EXPECT_EQ(it->input.org_id, events->back().input.org_id);
    } else if (it->input.action == "contact.create") {
      ++creates;
    }
  }
  const std::string c_id = deployment().userId(kConsultantA);
  const std::string o_id = deployment().userId(kDataOfficerA);
  EXPECT_EQ(creates, 1);
  EXPECT_EQ(readers, (std::vector<std::string>{c_id, o_id, c_id}));
}

std::string fromHex(const std::string& hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  }
  return out;
}

TEST_F(ContactsTest, SealedSummaryNeverReachesTheDatabaseOrTheLog) {
  const std::string marker = "ZEBRA-" + crypto::toHex(crypto::randomBytes(12));
  HttpClient c = signedIn(kConsultantA);
  boost::json::object in = validContact("2022-04-10T10:00:00Z");
  in["summary"] = "Caller " + marker + " said her passport was taken. Καλημέρα.";
  const HttpResponse r = c.post("/api/v1/contacts", toJson(in));
  ASSERT_EQ(r.status, 201u) << r.body;
  const std::string id(r.json->as_object().at("id").as_string());
  const HttpResponse got = c.get("/api/v1/contacts/" + id);
  ASSERT_EQ(got.status, 200u);
  EXPECT_EQ(got.json->as_object().at("summary"), in.at("summary"));
  // The list does not carry it either.
  EXPECT_EQ(c.get("/api/v1/contacts?limit=200").body.find(marker), std::string::npos);

  TestDatabase& tdb = deployment().database();
  if (!tdb.isPostgres()) {
    const std::string bytes = sqliteBytesAtRest(tdb);
    ASSERT_FALSE(bytes.empty()) << tdb.url();
    // The control: the contact's row is in the bytes searched.
    EXPECT_NE(bytes.find(id), std::string::npos) << "the contact's id is not in " << tdb.url();
    EXPECT_EQ(bytes.find(marker), std::string::npos) << "the summary is readable in the file";
    EXPECT_EQ(bytes.find("ZEBRA-"), std::string::npos);
  } else {
    const auto values = postgresValuesAtRest(tdb);
    ASSERT_FALSE(values.empty());
    bool id_seen = false;
    for (const auto& v : values) {
      id_seen = id_seen || v.find(id) != std::string::npos;
      EXPECT_EQ(v.find(marker), std::string::npos) << "found in a column: " << v.substr(0, 200);
      EXPECT_EQ(v.find("ZEBRA-"), std::string::npos);
    }
    EXPECT_TRUE(id_seen) << "the control: the contact's id is in the values searched";
  }
  // Neither is the sealed hex, decoded, the plain text.
  std::string sealed;
  tdb.db().read([&](soci::session& sql) {
    sql << "SELECT summary_sealed FROM contacts WHERE id = :id", soci::use(id), soci::into(sealed);
  });
  ASSERT_FALSE(sealed.empty());
  EXPECT_EQ(fromHex(sealed).find(marker), std::string::npos);
  EXPECT_EQ(sealed.find(crypto::toHex(marker)), std::string::npos);

  const std::string log = deployment().log();
  EXPECT_NE(log.find("\"route\":\"/api/v1/contacts/{id}\""), std::string::npos)
      << "the control: the server's request lines are in the captured log";
  EXPECT_EQ(log.find(marker), std::string::npos) << "the summary is in the server log";
  EXPECT_EQ(log.find("ZEBRA-"), std::string::npos);
  EXPECT_EQ(log.find(kConsultantA), std::string::npos) << "an e-mail address in the log";
  EXPECT_EQ(log.find(std::string(kTestPassword)), std::string::npos) << "a password in the log";
}

}  // namespace
}  // namespace strada::testing
