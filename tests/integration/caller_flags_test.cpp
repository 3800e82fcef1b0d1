// The list of flagged callers over real HTTP (GET /api/v1/callers/flags): supervisors only, the
// organisation's active flags newest first with each caller's contacts, page by page, every view
// audited; and removing a flag by the list's caller_ref instead of the caller's identifier.
#include <soci/soci.h>

#include <algorithm>
#include <string>
#include <vector>

#include "crypto/crypto.h"
#include "domain/time.h"
#include "integration/suite.h"
#include "store/repositories.h"

namespace strada::testing {
namespace {

constexpr const char* kSupervisorB = "supervisor@b.example.org";
constexpr const char* kList = "/api/v1/callers/flags";
constexpr const char* kDelete = "/api/v1/callers/flags/delete";

class CallerFlagsTest : public DeploymentTest<CallerFlagsTest> {
 public:
  static std::vector<UserSpec> users() {
    auto all = standardUsers();
    all.push_back({kOrgB, kSupervisorB, "Bea Supervisor", {"supervisor"}});
    return all;
  }

 protected:
  void SetUp() override {
    DeploymentTest::SetUp();
    if (HasFatalFailure()) {
      return;
    }
    // Each test sees only its own flags.
    execSql("DELETE FROM caller_flags");
  }

  static void execSql(const std::string& statement) {
    auto s = deployment().database().db().write([&](store::WriteContext& w) -> domain::Status {
      w.sql() << statement;
      return {};
    });
    ASSERT_TRUE(s) << s.error().detail;
  }

  // A number no other test uses.
  static std::string number(int n) {
    static const std::string kRun = std::to_string(domain::nowMillis() % 1000000);
    return "+3161" + kRun + std::to_string(100 + n);
  }

  static void flag(HttpClient& c, const std::string& identifier, const std::string& code) {
    const std::string until = domain::formatRfc3339(domain::nowMillis() + 7LL * 24 * 3600 * 1000);
    const HttpResponse r =
        c.post("/api/v1/callers/flags",
               toJson({{"caller_identifier", identifier}, {"flag", code}, {"expires_at", until}}));
    ASSERT_EQ(r.status, 200u) << r.body;
  }

  static std::string contactWith(HttpClient& c, const std::string& identifier,
                                 const std::string& started_at) {
    boost::json::object body = validContact(started_at);
    body["caller_identifier"] = identifier;
    return createdId(c, "/api/v1/contacts", body);
  }

  static std::string hashOfContact(const std::string& id) {
    std::string hash;
    deployment().database().db().read([&](soci::session& sql) {
      sql << "SELECT caller_hash FROM contacts WHERE id = :id", soci::into(hash), soci::use(id);
    });
    return hash;
  }

  static const boost::json::array& items(const HttpResponse& page) {
    return page.json->as_object().at("items").as_array();
  }

  // "<flag>" of each item, in order.
  static std::vector<std::string> flagsOf(const HttpResponse& page) {
    std::vector<std::string> out;
    for (const auto& item : items(page)) {
      out.emplace_back(item.as_object().at("flag").as_string());
    }
    return out;
  }

  static std::int64_t listViewsAudited(const std::string& user_id) {
    std::int64_t n = 0;
    domain::Status s;
    deployment().database().db().read([&](soci::session& sql) {
      s = store::forEachAuditEvent(sql, [&](const audit::AuditEvent& e) {
        if (e.input.action == "caller.flag_list" && e.input.actor_user_id == user_id) {
          EXPECT_EQ(e.input.object_type, "caller_flags");
          EXPECT_TRUE(e.input.object_id.starts_with("rows:")) << e.input.object_id;
          ++n;
        }
        return true;
      });
    });
    EXPECT_TRUE(s) << s.error().detail;
    return n;
  }
};

TEST_F(CallerFlagsTest, SupervisorSeesActiveFlagsNewestFirstWithTheCallersContacts) {
  HttpClient supervisor = signedIn(kSupervisorA);
  HttpClient consultant = signedIn(kConsultantA);
  const std::string repeat = number(1);
  const std::string quiet = number(2);
  const std::string older = contactWith(consultant, repeat, "2024-03-01T09:00:00Z");
  const std::string newer = contactWith(consultant, repeat, "2024-04-01T09:00:00Z");
  ASSERT_FALSE(older.empty());
  ASSERT_FALSE(newer.empty());
  flag(supervisor, repeat, "abusive");
  flag(supervisor, quiet, "at_risk");
  const std::int64_t views = listViewsAudited(deployment().userId(kSupervisorA));

  const HttpResponse page = supervisor.get(kList);
  ASSERT_EQ(page.status, 200u) << page.body;
  EXPECT_EQ(flagsOf(page), (std::vector<std::string>{"at_risk", "abusive"})) << "newest first";
  EXPECT_TRUE(page.json->as_object().at("next_cursor").is_null());

  const auto& newest = items(page)[0].as_object();
  EXPECT_EQ(newest.at("contact_count"), 0);
  EXPECT_TRUE(newest.at("latest_contact").is_null());

  const auto& flagged = items(page)[1].as_object();
  const std::string hash = hashOfContact(newer);
  EXPECT_EQ(flagged.at("caller_ref"), boost::json::string(hash)) << "the opaque ref";
  EXPECT_EQ(flagged.at("contact_count"), 2);
  const auto& latest = flagged.at("latest_contact").as_object();
  EXPECT_EQ(latest.at("id"), boost::json::string(newer));
  EXPECT_EQ(latest.at("started_at"), "2024-04-01T09:00:00.000Z");
  EXPECT_EQ(flagged.at("created_by"), boost::json::string(deployment().userId(kSupervisorA)));
  EXPECT_EQ(flagged.at("created_by_name"), "Sam Supervisor");
  EXPECT_EQ(page.body.find('@'), std::string::npos) << "no e-mail address of a colleague";
  const auto expires = domain::parseRfc3339(flagged.at("expires_at").as_string(), "expires_at");
  ASSERT_TRUE(expires);
  EXPECT_GT(*expires, domain::nowMillis());
  EXPECT_TRUE(domain::parseRfc3339(flagged.at("created_at").as_string(), "created_at"));

  // Never the identifier, in any form; every view is audited, with no personal data.
  const std::string digits = repeat.substr(1);
  EXPECT_EQ(page.body.find(digits), std::string::npos);
  EXPECT_EQ(page.body.find(quiet.substr(1)), std::string::npos);
  EXPECT_EQ(listViewsAudited(deployment().userId(kSupervisorA)), views + 1);
  EXPECT_EQ(deployment().log().find(digits), std::string::npos);
}

TEST_F(CallerFlagsTest, ExpiredFlagsAndOtherOrganisationsFlagsAreLeftOut) {
  HttpClient supervisor = signedIn(kSupervisorA);
  HttpClient other = signedIn(kSupervisorB);
  flag(supervisor, number(3), "abusive");
  flag(supervisor, number(4), "known_case");
  flag(other, number(5), "repeated_prank");
  execSql("UPDATE caller_flags SET expires_at = " + std::to_string(domain::nowMillis() - 1) +
          " WHERE flag = 'known_case'");

  const HttpResponse mine = supervisor.get(kList);
  ASSERT_EQ(mine.status, 200u) << mine.body;
  EXPECT_EQ(flagsOf(mine), (std::vector<std::string>{"abusive"}));
  const HttpResponse theirs = other.get(kList);
  ASSERT_EQ(theirs.status, 200u) << theirs.body;
  EXPECT_EQ(flagsOf(theirs), (std::vector<std::string>{"repeated_prank"}));
  EXPECT_EQ(items(theirs)[0].as_object().at("created_by_name"), "Bea Supervisor");

  // Another organisation's ref removes nothing.
  const boost::json::value ref = items(mine)[0].as_object().at("caller_ref");
  EXPECT_EQ(other.post(kDelete, toJson({{"caller_ref", ref}, {"flag", "abusive"}})).status, 404u);
  EXPECT_EQ(flagsOf(supervisor.get(kList)), (std::vector<std::string>{"abusive"}));
}

TEST_F(CallerFlagsTest, OnlySupervisorsList) {
  for (const char* who : {kConsultantA, kDataOfficerA, kCaseWorkerA, kConsultantB}) {
    const HttpResponse r = signedIn(who).get(kList);
    EXPECT_EQ(r.status, 403u) << who << ": " << r.body;
  }
  EXPECT_EQ(client().get(kList).status, 401u);
}

TEST_F(CallerFlagsTest, PagesFollowTheCursorToTheEnd) {
  HttpClient supervisor = signedIn(kSupervisorA);
  for (int i = 0; i < 5; ++i) {
    flag(supervisor, number(10 + i), "abusive");
  }
  std::vector<std::string> refs;
  std::vector<std::size_t> sizes;
  std::string target = std::string(kList) + "?limit=2";
  for (int guard = 0; guard < 10; ++guard) {
    const HttpResponse page = supervisor.get(target);
    ASSERT_EQ(page.status, 200u) << page.body;
    sizes.push_back(items(page).size());
    for (const auto& item : items(page)) {
      refs.emplace_back(item.as_object().at("caller_ref").as_string());
    }
    const auto& next = page.json->as_object().at("next_cursor");
    if (next.is_null()) {
      break;
    }
    const std::string cursor(next.as_string());
    // The cursor carries at most the index's first 16 characters, as an audit event does.
    const auto key = crypto::fromBase64Url(cursor);
    ASSERT_TRUE(key);
    EXPECT_EQ(key->find(refs.back()), std::string::npos);
    EXPECT_NE(key->find(refs.back().substr(0, 16)), std::string::npos);
    target = std::string(kList) + "?limit=2&cursor=" + cursor;
  }
  EXPECT_EQ(sizes, (std::vector<std::size_t>{2, 2, 1}));
  std::vector<std::string> unique = refs;
  std::sort(unique.begin(), unique.end());
  unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
  EXPECT_EQ(unique.size(), 5u) << "every flag once";

  // Newest first: the same order as one page of all.
  const HttpResponse all = supervisor.get(kList);
  ASSERT_EQ(all.status, 200u);
  std::vector<std::string> in_one;
  for (const auto& item : items(all)) {
    in_one.emplace_back(item.as_object().at("caller_ref").as_string());
  }
  EXPECT_EQ(refs, in_one);

  EXPECT_EQ(supervisor.get(std::string(kList) + "?limit=0").errorField(), "limit");
  EXPECT_EQ(supervisor.get(std::string(kList) + "?limit=201").errorField(), "limit");
  EXPECT_EQ(supervisor.get(std::string(kList) + "?cursor=not*base64").errorField(), "cursor");
  const std::string forged = crypto::toBase64Url("12:notahexprefix!!:abusive");
  EXPECT_EQ(supervisor.get(std::string(kList) + "?cursor=" + forged).errorField(), "cursor");
  EXPECT_EQ(supervisor.get(std::string(kList) + "?caller=x").errorField(), "caller");
}

TEST_F(CallerFlagsTest, RemovalByCallerRefIsAuditedAndTheBodyNamesOneCaller) {
  HttpClient supervisor = signedIn(kSupervisorA);
  HttpClient consultant = signedIn(kConsultantA);
  const std::string identifier = number(20);
  const std::string contact = contactWith(consultant, identifier, "2024-05-02T09:00:00Z");
  flag(supervisor, identifier, "abusive");
  flag(supervisor, identifier, "at_risk");
  const HttpResponse page = supervisor.get(kList);
  ASSERT_EQ(page.status, 200u) << page.body;
  ASSERT_EQ(items(page).size(), 2u);
  const std::string ref(items(page)[0].as_object().at("caller_ref").as_string());
  ASSERT_EQ(ref, hashOfContact(contact));

  // Exactly one of caller_identifier and caller_ref, well formed; 400 names the field.
  const HttpResponse both = supervisor.post(
      kDelete,
      toJson({{"caller_identifier", identifier}, {"caller_ref", ref}, {"flag", "abusive"}}));
  EXPECT_EQ(both.status, 400u);
  EXPECT_TRUE(both.hasErrorShape()) << both.body;
  EXPECT_EQ(both.errorField(), "caller_ref");
  EXPECT_EQ(supervisor.post(kDelete, toJson({{"flag", "abusive"}})).errorField(),
            "caller_identifier");
  for (const std::string& bad : {std::string("abc"), std::string(64, 'g'), ref.substr(1) + "A"}) {
    const HttpResponse r =
        supervisor.post(kDelete, toJson({{"caller_ref", bad}, {"flag", "abusive"}}));
    EXPECT_EQ(r.status, 400u) << bad;
    EXPECT_EQ(r.errorField(), "caller_ref") << bad;
  }
  EXPECT_EQ(supervisor.post(kDelete, toJson({{"caller_ref", 7}, {"flag", "abusive"}})).errorField(),
            "caller_ref");
  EXPECT_EQ(supervisor.post(kDelete, toJson({{"caller_ref", ref}})).errorField(), "flag");
  EXPECT_EQ(consultant.post(kDelete, toJson({{"caller_ref", ref}, {"flag", "abusive"}})).status,
            403u);

  const boost::json::object removal{{"caller_ref", ref}, {"flag", "abusive"}};
  EXPECT_EQ(supervisor.post(kDelete, toJson(removal)).status, 204u);
  EXPECT_EQ(supervisor.post(kDelete, toJson(removal)).status, 404u);
  EXPECT_EQ(flagsOf(supervisor.get(kList)), (std::vector<std::string>{"at_risk"}));
  // The identifier still works, and names the same caller.
  EXPECT_EQ(
      supervisor.post(kDelete, toJson({{"caller_identifier", identifier}, {"flag", "at_risk"}}))
          .status,
      204u);
  EXPECT_TRUE(items(supervisor.get(kList)).empty());

  domain::Result<std::vector<audit::AuditEvent>> events;
  deployment().database().db().read([&](soci::session& sql) {
    events = store::auditEventsFor(sql, "caller", ref.substr(0, 16));
  });
  ASSERT_TRUE(events);
  const auto unflags = std::count_if(events->begin(), events->end(), [](const auto& e) {
    return e.input.action == "caller.unflag";
  });
  EXPECT_EQ(unflags, 2);
}

}  // namespace
}  // namespace strada::testing
