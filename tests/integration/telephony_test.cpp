// Telephony over real HTTP: signed call events from a PBX become a consultant's draft contact.
// Signatures, the replay window and idempotency, strict bodies, out-of-order events, the
// repeat-caller match, and the caller's number never stored or logged in the clear.
#include <soci/soci.h>

#include <chrono>
#include <string>
#include <vector>

#include "app/telephony_commands.h"
#include "crypto/crypto.h"
#include "domain/time.h"
#include "integration/at_rest.h"
#include "integration/suite.h"

namespace strada::testing {
namespace {

constexpr std::string_view kEventsPath = "/api/v1/telephony/events";

class TelephonyTest : public DeploymentTest<TelephonyTest> {
 protected:
  // One line of ORG-A for the suite, made by the function `strada line add` uses.
  static const app::NewTelephonyLine& line() {
    static const app::NewTelephonyLine created = [] {
      auto l = app::addTelephonyLine(deployment().data(), kOrgA, "Test PBX");
      EXPECT_TRUE(l.has_value()) << (l ? "" : l.error().message);
      return l.value_or(app::NewTelephonyLine{});
    }();
    return created;
  }

  static std::string nowSeconds(std::int64_t offset_s = 0) {
    return std::to_string(domain::nowMillis() / 1000 + offset_s);
  }

  static std::string sign(const std::string& secret, const std::string& timestamp,
                          const std::string& body) {
    return "sha256=" + crypto::toHex(crypto::hmacSha256(secret, timestamp + "." + body));
  }

  // Posts `body` signed for `l` with `timestamp`; `signature` overrides the computed one.
  static HttpResponse post(const std::string& body, const app::NewTelephonyLine& l,
                           const std::string& timestamp, std::optional<std::string> signature) {
    HttpClient c = client();
    return c.request("POST", kEventsPath, body, CsrfMode::kOmit,
                     {{"X-Strada-Line", l.id},
                      {"X-Strada-Timestamp", timestamp},
                      {"X-Strada-Signature", signature.value_or(sign(l.secret, timestamp, body))}});
  }
  static HttpResponse post(const std::string& body) {
    return post(body, line(), nowSeconds(), std::nullopt);
  }

  static std::string event(const std::string& type, const std::string& call_id,
                           domain::UnixMillis at, const std::string& number,
                           const std::string& agent = "") {
    boost::json::object o{{"event", type}, {"call_id", call_id}, {"at", domain::formatRfc3339(at)}};
    if (!number.empty()) {
      o["caller_number"] = number;
    }
    if (!agent.empty()) {
      o["agent_email"] = agent;
    }
    return toJson(o);
  }

  static std::string newCallId() { return "pbx-" + crypto::toHex(crypto::randomBytes(6)); }
  // A Dutch mobile number nobody else uses in this run.
  static std::string newNumber() {
    std::string digits;
    for (const char b : crypto::randomBytes(8)) {
      digits += static_cast<char>('0' + static_cast<unsigned char>(b) % 10);
    }
    return "+316" + digits;
  }

  // The contact id of a 200 answer ("" when null).
  static std::string contactId(const HttpResponse& r) {
    EXPECT_EQ(r.status, 200u) << r.body;
    if (r.status != 200 || !r.json) {
      return {};
    }
    const auto& o = r.json->as_object();
    EXPECT_EQ(o.at("status").as_string(), "ok");
    return o.at("contact_id").is_null() ? std::string()
                                        : std::string(o.at("contact_id").as_string());
  }

  static bool inDrafts(HttpClient& c, const std::string& id) {
    const HttpResponse r = c.get("/api/v1/contacts/drafts");
    EXPECT_EQ(r.status, 200u) << r.body;
    if (!r.json) {
      return false;
    }
    for (const auto& item : r.json->as_object().at("items").as_array()) {
      if (item.as_object().at("id") == boost::json::value(id)) {
        return true;
      }
    }
    return false;
  }

  static std::int64_t countContactsStartedAt(domain::UnixMillis at) {
    long long n = 0;
    const long long t = at;
    deployment().database().db().read([&](soci::session& sql) {
      sql << "SELECT COUNT(*) FROM contacts WHERE started_at = :t", soci::use(t), soci::into(n);
    });
    return n;
  }
};

// An instant a little in the past, unique to a test.
domain::UnixMillis minutesAgo(int minutes) {
  return domain::nowMillis() / 1000 * 1000 - static_cast<domain::UnixMillis>(minutes) * 60'000 -
         static_cast<domain::UnixMillis>(crypto::randomBytes(1)[0]) * 1000;
}

TEST_F(TelephonyTest, OfferedAnsweredEndedMakeADraftWithItsDuration) {
  const std::string call = newCallId();
  const std::string number = newNumber();
  const domain::UnixMillis rang = minutesAgo(40);
  const domain::UnixMillis answered = rang + 9'000;
  const domain::UnixMillis ended = answered + 125'400;

  EXPECT_EQ(contactId(post(event("offered", call, rang, number))), "");
  const std::string id = contactId(post(event("answered", call, answered, number, kConsultantA)));
  ASSERT_EQ(id.size(), 32u);

  HttpClient consultant = signedIn(kConsultantA);
  EXPECT_TRUE(inDrafts(consultant, id));
  HttpResponse got = consultant.get("/api/v1/contacts/" + id);
  ASSERT_EQ(got.status, 200u) << got.body;
  {
    const auto& c = got.json->as_object();
    EXPECT_EQ(c.at("status").as_string(), "draft");
    EXPECT_EQ(c.at("kind").as_string(), "data");
    EXPECT_EQ(c.at("channel").as_string(), "phone");
    EXPECT_TRUE(c.at("anonymous").as_bool());
    EXPECT_EQ(c.at("started_at"), boost::json::value(domain::formatRfc3339(answered)));
    EXPECT_EQ(c.at("duration_s").as_int64(), 0);
    EXPECT_EQ(c.at("version").as_int64(), 1);
    EXPECT_EQ(c.at("created_by"), boost::json::value(deployment().userId(kConsultantA)));
  }
  // Another consultant does not see it among their drafts.
  HttpClient other = signedIn(kConsultantB);
  EXPECT_FALSE(inDrafts(other, id));

  EXPECT_EQ(contactId(post(event("ended", call, ended, ""))), id);
  got = consultant.get("/api/v1/contacts/" + id);
  ASSERT_EQ(got.status, 200u) << got.body;
  EXPECT_EQ(got.json->as_object().at("duration_s").as_int64(), 125);
  EXPECT_EQ(got.json->as_object().at("version").as_int64(), 2);
  EXPECT_EQ(got.json->as_object().at("status").as_string(), "draft");

  // Audited: answered by the agent, ended by the line.
  std::vector<std::string> actions;
  deployment().database().db().read([&](soci::session& sql) {
    soci::rowset<std::string> rows =
        (sql.prepare << "SELECT action FROM audit_events WHERE object_id = :id ORDER BY seq",
         soci::use(id));
    for (const auto& a : rows) {
      actions.push_back(a);
    }
  });
  EXPECT_NE(std::find(actions.begin(), actions.end(), "telephony.answered"), actions.end());
  EXPECT_NE(std::find(actions.begin(), actions.end(), "telephony.ended"), actions.end());
}

TEST_F(TelephonyTest, EndedBeforeAnsweredIsAppliedWhenTheAnswerArrives) {
  const std::string call = newCallId();
  const domain::UnixMillis answered = minutesAgo(30);
  EXPECT_EQ(contactId(post(event("ended", call, answered + 61'000, ""))), "");
  const std::string id =
      contactId(post(event("answered", call, answered, "anonymous", kConsultantA)));
  ASSERT_EQ(id.size(), 32u);
  HttpClient consultant = signedIn(kConsultantA);
  const HttpResponse got = consultant.get("/api/v1/contacts/" + id);
  ASSERT_EQ(got.status, 200u) << got.body;
  EXPECT_EQ(got.json->as_object().at("duration_s").as_int64(), 61);
  // A withheld number is no number: no repeat-caller box.
  EXPECT_FALSE(got.json->as_object().contains("repeat_caller")) << got.body;
}

TEST_F(TelephonyTest, UnsignedWronglySignedStaleOrUnknownLineEventsAre401Alike) {
  const std::string body =
      event("answered", newCallId(), minutesAgo(20), newNumber(), kConsultantA);
  const std::string ts = nowSeconds();
  std::vector<HttpResponse> refused;
  refused.push_back(client().post(std::string(kEventsPath), body, CsrfMode::kOmit));  // unsigned
  refused.push_back(post(body, line(), ts, sign("not the secret", ts, body)));
  refused.push_back(post(body, line(), ts, "sha256="));
  refused.push_back(post(body + " ", line(), ts, sign(line().secret, ts, body)));  // body changed
  refused.push_back(post(body, line(), nowSeconds(-301), std::nullopt));           // stale
  refused.push_back(post(body, line(), nowSeconds(+301), std::nullopt));           // future
  refused.push_back(post(body, line(), "not-a-number", std::nullopt));
  app::NewTelephonyLine unknown = line();
  unknown.id = crypto::newId();
  refused.push_back(post(body, unknown, ts, std::nullopt));
  for (const HttpResponse& r : refused) {
    EXPECT_EQ(r.status, 401u) << r.body;
    EXPECT_TRUE(r.hasErrorShape()) << r.body;
    EXPECT_EQ(r.errorField(), "");
    EXPECT_EQ(r.body, refused.front().body) << "a refusal reveals which part failed";
  }
  // Within the window, the same event is accepted.
  EXPECT_EQ(post(body, line(), nowSeconds(-290), std::nullopt).status, 200u);
}

TEST_F(TelephonyTest, AnInactiveLineIsRefused) {
  auto second = app::addTelephonyLine(deployment().data(), kOrgA, "Old PBX");
  ASSERT_TRUE(second.has_value());
  const std::string body = event("offered", newCallId(), minutesAgo(10), "");
  EXPECT_EQ(post(body, *second, nowSeconds(), std::nullopt).status, 200u);
  {
    auto opened = app::openData(deployment().data());
    ASSERT_TRUE(opened.has_value());
    ASSERT_TRUE(app::deactivateTelephonyLine(*opened->db, *opened->keys, second->id).has_value());
  }
  const HttpResponse r =
      post(event("offered", newCallId(), minutesAgo(10), ""), *second, nowSeconds(), std::nullopt);
  EXPECT_EQ(r.status, 401u) << r.body;
}

TEST_F(TelephonyTest, AReplayedAnswerIsIdempotent) {
  const std::string call = newCallId();
  const domain::UnixMillis at = minutesAgo(50);
  const std::string body = event("answered", call, at, newNumber(), kConsultantA);
  const std::string ts = nowSeconds();
  const std::string signature = sign(line().secret, ts, body);
  const std::string first = contactId(post(body, line(), ts, signature));
  ASSERT_EQ(first.size(), 32u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(contactId(post(body, line(), ts, signature)), first);
  }
  EXPECT_EQ(countContactsStartedAt(at), 1);
  // The same call answered again with another signature and timestamp: still one draft.
  EXPECT_EQ(contactId(post(body)), first);
  EXPECT_EQ(countContactsStartedAt(at), 1);
}

TEST_F(TelephonyTest, BadBodiesAre400NamingTheField) {
  const domain::UnixMillis at = minutesAgo(15);
  struct Case {
    std::string body;
    std::string field;
  };
  const std::vector<Case> cases = {
      {event("answered", newCallId(), at, "", "nobody@a.example.org"), "agent_email"},
      {event("answered", newCallId(), at, "", kConsultantB), "agent_email"},   // another org
      {event("answered", newCallId(), at, "", kDataOfficerA), "agent_email"},  // not a consultant
      {event("answered", newCallId(), at, "", "not an address"), "agent_email"},
      {event("answered", newCallId(), at, ""), "agent_email"},
      {event("ringing", newCallId(), at, ""), "event"},
      {event("offered", "", at, ""), "call_id"},
      {event("offered", std::string(129, 'x'), at, ""), "call_id"},
      {event("offered", "tab\there", at, ""), "call_id"},
      {R"({"event":"offered","call_id":"c1","at":"yesterday"})", "at"},
      {R"({"event":"offered","call_id":"c1"})", "at"},
      {R"({"event":"offered","call_id":"c1","at":"2024-01-01T00:00:00Z","extra":1})", "extra"},
      {R"({"event":"offered","call_id":"c1","at":"2024-01-01T00:00:00Z","caller_number":5})",
       "caller_number"},
      {event("answered", newCallId(), domain::nowMillis() + 3'600'000, "", kConsultantA), "at"},
      {"not json", ""},
  };
  for (const Case& c : cases) {
    const HttpResponse r = post(c.body);
    EXPECT_EQ(r.status, 400u) << c.body << " -> " << r.body;
    EXPECT_TRUE(r.hasErrorShape()) << r.body;
    EXPECT_EQ(r.errorField(), c.field) << c.body;
  }
  const HttpResponse big = post(std::string(8 * 1024 + 1, ' '));
  EXPECT_EQ(big.status, 413u) << big.body;
}

TEST_F(TelephonyTest, ASecondCallFromTheSameNumberShowsTheRepeatCaller) {
  const std::string number = newNumber();
  const domain::UnixMillis first_at = minutesAgo(200);
  const std::string first_call = newCallId();
  const std::string first =
      contactId(post(event("answered", first_call, first_at, number, kConsultantA)));
  ASSERT_EQ(first.size(), 32u);
  // The second time the PBX sends the number only with "offered", in another format.
  const std::string second_call = newCallId();
  const std::string spaced =
      number.substr(0, 3) + " " + number.substr(3, 1) + "-" + number.substr(4);
  EXPECT_EQ(contactId(post(event("offered", second_call, first_at + 3'600'000, spaced))), "");
  const std::string second =
      contactId(post(event("answered", second_call, first_at + 3'610'000, "", kConsultantA)));
  ASSERT_EQ(second.size(), 32u);
  ASSERT_NE(first, second);

  HttpClient consultant = signedIn(kConsultantA);
  const HttpResponse got = consultant.get("/api/v1/contacts/" + second);
  ASSERT_EQ(got.status, 200u) << got.body;
  ASSERT_TRUE(got.json->as_object().contains("repeat_caller")) << got.body;
  EXPECT_EQ(got.json->as_object().at("repeat_caller").as_object().at("earlier_contacts").as_int64(),
            1)
      << got.body;
  const HttpResponse earliest = consultant.get("/api/v1/contacts/" + first);
  ASSERT_EQ(earliest.status, 200u) << earliest.body;
  EXPECT_EQ(
      earliest.json->as_object().at("repeat_caller").as_object().at("earlier_contacts").as_int64(),
      0);
}

// Issue 2.7: a PBX that sends national numbers ("06...") and a consultant who types the number
// with its country code ("+31 6 ...") log one caller; the draft holds the number in E.164.
TEST_F(TelephonyTest, ANationalNumberFromThePbxIsTheSameCallerAsTheTypedOne) {
  const std::string number = newNumber();  // +316 and 8 digits
  HttpClient consultant = signedIn(kConsultantA);
  boost::json::object typed = validContact("2024-01-10T10:00:00Z");
  typed["caller_identifier"] = "+31 6 " + number.substr(4);
  ASSERT_FALSE(createdId(consultant, "/api/v1/contacts", typed).empty());
  const std::string national = "0" + number.substr(3);
  const std::string id =
      contactId(post(event("answered", newCallId(), minutesAgo(30), national, kConsultantA)));
  ASSERT_EQ(id.size(), 32u);
  const HttpResponse got = consultant.get("/api/v1/contacts/" + id);
  ASSERT_EQ(got.status, 200u) << got.body;
  EXPECT_EQ(got.json->as_object().at("repeat_caller").as_object().at("earlier_contacts"), 1)
      << got.body;
  EXPECT_EQ(got.json->as_object().at("caller_identifier"), boost::json::string(number));
}

TEST_F(TelephonyTest, TheCallersNumberIsNeitherInTheDatabaseNorInTheLog) {
  const std::string number = newNumber();
  const std::string local = number.substr(3);  // the digits after +31
  const std::string call = newCallId();
  const domain::UnixMillis at = minutesAgo(60);
  EXPECT_EQ(contactId(post(event("offered", call, at - 5'000, number))), "");
  const std::string id = contactId(post(event("answered", call, at, number, kConsultantA)));
  ASSERT_EQ(id.size(), 32u);
  EXPECT_EQ(contactId(post(event("ended", call, at + 30'000, number))), id);
  // A refused event with the number in it does not log it either.
  EXPECT_EQ(
      post(event("offered", newCallId(), at, number), line(), nowSeconds(), "sha256=00").status,
      401u);
  EXPECT_EQ(post(event("answered", newCallId(), at, number, "nobody@a.example.org")).status, 400u);

  TestDatabase& tdb = deployment().database();
  if (!tdb.isPostgres()) {
    const std::string bytes = sqliteBytesAtRest(tdb);
    EXPECT_NE(bytes.find(id), std::string::npos) << "the control: the draft is in the bytes";
    EXPECT_NE(bytes.find(call), std::string::npos) << "the control: the call is in the bytes";
    EXPECT_EQ(bytes.find(local), std::string::npos) << "the caller's number is in " << tdb.url();
    EXPECT_EQ(bytes.find(crypto::toHex(number)), std::string::npos);
  } else {
    const auto values = postgresValuesAtRest(tdb);
    bool id_seen = false;
    for (const auto& v : values) {
      id_seen = id_seen || v.find(id) != std::string::npos;
      EXPECT_EQ(v.find(local), std::string::npos) << "found in a column: " << v.substr(0, 200);
      EXPECT_EQ(v.find(crypto::toHex(number)), std::string::npos);
    }
    EXPECT_TRUE(id_seen) << "the control: the draft's id is in the values searched";
  }
  const std::string log = deployment().log();
  EXPECT_NE(log.find("\"route\":\"/api/v1/telephony/events\""), std::string::npos)
      << "the control: the server's request lines are in the captured log";
  EXPECT_NE(log.find("telephony event refused"), std::string::npos);
  EXPECT_EQ(log.find(local), std::string::npos) << "the caller's number is in the log";
  EXPECT_EQ(log.find(line().secret), std::string::npos) << "the line's secret is in the log";
}

// The worked example of docs/telephony.md, computed here so that the document stays true.
TEST(TelephonySignature, TheDocumentedExampleIsTrue) {
  const std::string secret = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";
  const std::string timestamp = "1764492000";
  const std::string body =
      R"({"event":"answered","call_id":"1764491990.42","at":"2025-11-30T08:39:55Z",)"
      R"("caller_number":"+31612345678","agent_email":"consultant@a.example.org"})";
  EXPECT_EQ("sha256=" + crypto::toHex(crypto::hmacSha256(secret, timestamp + "." + body)),
            "sha256=9c9befafd098548aa168d2525cdf05c55679e8664b6ee7660ed86875e94c2bd3");
}

}  // namespace
}  // namespace strada::testing
