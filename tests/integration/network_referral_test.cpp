// Referrals between members over a real network of three servers (issue 9, sections 2 and 6), on
// SQLite and PostgreSQL: A ("MA", NL) refers a person to B ("MB", GR) for safe return; B sees it
// in its inbox, opens it, accepts (a case of its own, pre-filled) and sends feedback; A's case
// timeline shows it. Refused without consent (409); the receiver offline then back; a tampered
// packet flagged, not crashing; the hub holds no plaintext of the packets it relayed; the deadline
// sweep reminds and escalates to the hub's coordinator; a withdrawal of consent is acted on; bad
// inputs answer 4xx naming the field.
#include <soci/soci.h>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "integration/network_fixture.h"
#include "network/referrals.h"
#include "reports/report_sources.h"
#include "store/audit_repository.h"
#include "store/organisation_repository.h"

namespace strada::testing {
namespace {

namespace json = boost::json;

constexpr const char* kWorkerA = "worker@ma.example.org";
constexpr const char* kWorkerB = "worker@mb.example.org";
constexpr const char* kSupervisorB = "supervisor@mb.example.org";
constexpr const char* kOfficerB = "officer@mb.example.org";
constexpr domain::UnixMillis kHourMs = 60LL * 60 * 1000;

class NetworkReferralTest : public NetworkFixture {
 public:
  // The raw count (before any suppression) of `figure` in this year's report of the member
  // organisation `org_code`, from the same sources a computed report reads.
  static std::int64_t thisYearsFigure(app::OpenedData& data, const std::string& org_code,
                                      const std::string& figure) {
    const std::string year = domain::formatRfc3339(domain::nowMillis()).substr(0, 4);
    auto period = reports::periodStarting(reports::PeriodKind::kYear, year + "-01-01", "start");
    EXPECT_TRUE(period.has_value());
    std::int64_t n = -1;
    data.db->read([&](soci::session& sql) {
      auto org = store::findOrganisationByCode(sql, org_code);
      if (!org || !*org || !period) {
        return;
      }
      auto sources = reports::readReportSources(sql, (*org)->id, *period);
      if (sources) {
        auto raw = reports::rawFigures(*sources, *period);
        n = raw.count(figure) ? raw.at(figure) : 0;
      }
    });
    return n;
  }

 protected:
  static HttpClient signedIn(const Deployment& d, const char* email) {
    HttpClient c(d.port());
    const HttpResponse r = c.login(email, kTestPassword);
    EXPECT_EQ(r.status, 200u) << r.body;
    return c;
  }
  static std::string createdId(HttpClient& c, const std::string& path, const json::object& body) {
    const HttpResponse r = c.post(path, json::serialize(body));
    EXPECT_EQ(r.status, 201u) << path << ": " << r.body;
    return r.json ? std::string(r.json->at("id").as_string()) : std::string();
  }
  // A client and a case at A for `name`; with `consent`, a consent to share with members.
  static std::string newCase(HttpClient& worker, const std::string& name, bool consent) {
    const std::string client =
        createdId(worker, "/api/v1/clients",
                  {{"person",
                    {{"full_name", name},
                     {"birth_date", "1999-03-04"},
                     {"phones", json::array{"+31612345678"}}}},
                   {"coded", {{"gender", "Feminine"}, {"citizenships", json::array{"GR"}}}}});
    std::string id =
        createdId(worker, "/api/v1/cases",
                  {{"client_id", client},
                   {"referral", {{"source_type", "police"}, {"referred_on", "2024-05-01"}}}});
    if (consent) {
      const HttpResponse given =
          worker.post("/api/v1/cases/" + id + "/consents",
                      json::serialize(json::object{{"kind", "share"},
                                                   {"share_with", {{"kind", "member"}}},
                                                   {"given_as", "written"},
                                                   {"given_on", "2024-05-02"}}));
      EXPECT_EQ(given.status, 201u) << given.body;
    }
    return id;
  }
  static json::object referral(const std::string& case_id) {
    return {{"case_id", case_id},
            {"receiver", "MB"},
            {"services", json::array{"safe_return", "reception_on_arrival"}},
            {"urgency", "urgent"},
            {"fields", json::array{"full_name", "birth_date", "gender", "citizenships", "phone",
                                   "needs_summary"}},
            {"needs_summary", "Needs a safe journey home and a place to stay"},
            {"note", "She asked to be met at the airport"}};
  }
  static std::string send(HttpClient& worker, const std::string& case_id) {
    const HttpResponse r = worker.post("/api/v1/referrals", json::serialize(referral(case_id)));
    EXPECT_EQ(r.status, 201u) << r.body;
    return r.json ? std::string(r.json->at("id").as_string()) : std::string();
  }
  // The referral `id` as `c` lists it (incoming or outgoing), or null.
  static std::optional<json::object> listed(HttpClient& c, const std::string& direction,
                                            const std::string& id) {
    const HttpResponse r = c.get("/api/v1/referrals?direction=" + direction);
    if (r.status != 200u || !r.json) {
      return std::nullopt;
    }
    for (const auto& item : r.json->at("items").as_array()) {
      if (item.at("id") == json::value(id)) {
        return item.as_object();
      }
    }
    return std::nullopt;
  }
  static bool arrived(HttpClient& c, const std::string& id) {
    return eventually([&] { return listed(c, "incoming", id).has_value(); });
  }
  static std::string statusAt(HttpClient& c, const std::string& direction, const std::string& id) {
    auto item = listed(c, direction, id);
    return item ? std::string(item->at("status").as_string()) : std::string();
  }
  static std::vector<std::string> timelineKinds(HttpClient& c, const std::string& case_id) {
    const HttpResponse r = c.get("/api/v1/cases/" + case_id + "/timeline");
    std::vector<std::string> kinds;
    if (r.status == 200u && r.json) {
      for (const auto& e : r.json->at("entries").as_array()) {
        kinds.emplace_back(e.at("kind").as_string());
      }
    }
    return kinds;
  }
  static bool has(const std::vector<std::string>& items, const std::string& item) {
    return std::find(items.begin(), items.end(), item) != items.end();
  }
  static int auditCount(app::OpenedData& data, const std::string& action) {
    long long n = 0;
    data.db->read([&](soci::session& sql) {
      sql << "SELECT COUNT(*) FROM audit_events WHERE action = :a", soci::into(n),
          soci::use(action);
    });
    return static_cast<int>(n);
  }
  // On PostgreSQL: how many values of every text column of every table of `data` contain `text`.
  static long long textValuesContaining(app::OpenedData& data, const std::string& text) {
    long long found = 0;
    const std::string pattern = "%" + text + "%";
    data.db->read([&](soci::session& sql) {
      std::vector<std::string> tables(2000), columns(2000);
      sql << "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = "
             "current_schema() AND data_type IN ('text', 'character varying', 'bytea')",
          soci::into(tables), soci::into(columns);
      for (std::size_t i = 0; i < tables.size(); ++i) {
        long long n = 0;
        sql << "SELECT COUNT(*) FROM \"" + tables[i] + "\" WHERE CAST(\"" + columns[i] +
                   "\" AS TEXT) LIKE :p",
            soci::into(n), soci::use(pattern);
        found += n;
      }
    });
    return found;
  }
  static std::string rawFile(const Deployment& d) {
    std::ifstream in(d.data().data_dir / "strada.db", std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    for (const char* suffix : {"-wal"}) {
      std::ifstream wal(d.data().data_dir / (std::string("strada.db") + suffix), std::ios::binary);
      bytes.append((std::istreambuf_iterator<char>(wal)), std::istreambuf_iterator<char>());
    }
    return bytes;
  }
};

TEST_F(NetworkReferralTest, SafeReturnEndToEndSendAcceptFeedbackOnBothTimelines) {
  HttpClient worker_a = signedIn(*a_, kWorkerA);
  HttpClient worker_b = signedIn(*b_, kWorkerB);
  const std::int64_t out_before = thisYearsFigure(*a_data_, "MA", "referrals.out.cross_border");
  const std::int64_t in_before = thisYearsFigure(*b_data_, "MB", "referrals.in.cross_border");
  const std::string name = "Eleni Distinctivename " + crypto::toHex(crypto::randomBytes(4));
  const std::string case_a = newCase(worker_a, name, true);

  // A case worker sees who may receive: the other active member, never itself or the hub.
  const HttpResponse receivers = worker_a.get("/api/v1/referrals/receivers");
  ASSERT_EQ(receivers.status, 200u) << receivers.body;
  ASSERT_EQ(receivers.json->at("items").as_array().size(), 1u);
  EXPECT_EQ(receivers.json->at("items").as_array()[0].at("code"), "MB");
  EXPECT_EQ(receivers.json->at("items").as_array()[0].at("country"), "GR");

  const HttpResponse sent = worker_a.post("/api/v1/referrals", json::serialize(referral(case_a)));
  ASSERT_EQ(sent.status, 201u) << sent.body;
  const std::string id(sent.json->at("id").as_string());
  EXPECT_EQ(sent.json->at("direction"), "outgoing");
  EXPECT_EQ(sent.json->at("status"), "sent");
  EXPECT_EQ(sent.json->at("peer").at("code"), "MB");
  EXPECT_EQ(sent.json->at("services").as_array().size(), 2u);
  EXPECT_EQ(sent.json->at("packet"), nullptr);  // the sender keeps no copy of the packet
  EXPECT_TRUE(has(timelineKinds(worker_a, case_a), "network_referral_sent"));

  // B: the inbox lists coded fields only; the detail opens the packet, audited.
  ASSERT_TRUE(arrived(worker_b, id));
  auto item = *listed(worker_b, "incoming", id);
  EXPECT_EQ(item.at("status"), "received");
  EXPECT_EQ(item.at("urgency"), "urgent");
  EXPECT_EQ(item.at("peer").at("code"), "MA");
  EXPECT_EQ(json::serialize(item).find(name), std::string::npos);
  const int reads_before = auditCount(*b_data_, "network_referral.read");
  const HttpResponse detail = worker_b.get("/api/v1/referrals/" + id);
  ASSERT_EQ(detail.status, 200u) << detail.body;
  EXPECT_EQ(detail.json->at("packet").at("fields").at("full_name"), json::value(name));
  EXPECT_EQ(detail.json->at("packet").at("fields").at("phone"), "+31612345678");
  EXPECT_FALSE(detail.json->at("packet").at("fields").as_object().contains("location"));
  EXPECT_EQ(auditCount(*b_data_, "network_referral.read"), reads_before + 1);
  // B's data officer may not open it.
  HttpClient officer_b = signedIn(*b_, kOfficerB);
  EXPECT_EQ(officer_b.get("/api/v1/referrals/" + id).status, 403u);
  EXPECT_EQ(officer_b.get("/api/v1/referrals?direction=incoming").status, 403u);

  // Feedback before accepting is refused; then B accepts: a case of B's own, pre-filled.
  EXPECT_EQ(worker_b
                .post("/api/v1/referrals/" + id + "/feedback",
                      json::serialize(json::object{{"kind", "arrived_safely"}}))
                .status,
            409u);
  const HttpResponse accepted = worker_b.post("/api/v1/referrals/" + id + "/accept", "{}");
  ASSERT_EQ(accepted.status, 200u) << accepted.body;
  EXPECT_EQ(accepted.json->at("status"), "accepted");
  const std::string case_b(accepted.json->at("case_id").as_string());
  const HttpResponse kase = worker_b.get("/api/v1/cases/" + case_b);
  ASSERT_EQ(kase.status, 200u) << kase.body;
  EXPECT_EQ(kase.json->at("client").at("person").at("full_name"), json::value(name));
  EXPECT_EQ(kase.json->at("client").at("person").at("birth_date"), "1999-03-04");
  EXPECT_EQ(kase.json->at("client").at("coded").at("gender"), "Feminine");
  EXPECT_EQ(worker_b.post("/api/v1/referrals/" + id + "/accept", "{}").status, 409u);

  ASSERT_TRUE(eventually([&] { return statusAt(worker_a, "outgoing", id) == "accepted"; }));

  const HttpResponse feedback = worker_b.post(
      "/api/v1/referrals/" + id + "/feedback",
      json::serialize(json::object{{"kind", "arrived_safely"}, {"note", "Met at the airport"}}));
  ASSERT_EQ(feedback.status, 200u) << feedback.body;
  ASSERT_TRUE(eventually([&] {
    auto out = listed(worker_a, "outgoing", id);
    return out && out->at("last_feedback") == json::value("arrived_safely");
  }));
  const auto kinds_a = timelineKinds(worker_a, case_a);
  EXPECT_TRUE(has(kinds_a, "network_referral_accepted"));
  EXPECT_TRUE(has(kinds_a, "network_referral_feedback"));
  const auto kinds_b = timelineKinds(worker_b, case_b);
  EXPECT_TRUE(has(kinds_b, "network_referral_received"));
  EXPECT_TRUE(has(kinds_b, "network_referral_accepted"));
  EXPECT_TRUE(has(kinds_b, "network_referral_feedback"));
  // A's detail shows the feedback's note (sealed at rest at A).
  const HttpResponse at_a = worker_a.get("/api/v1/referrals/" + id);
  ASSERT_EQ(at_a.status, 200u) << at_a.body;
  EXPECT_NE(at_a.body.find("Met at the airport"), std::string::npos);
  EXPECT_NE(at_a.body.find("\"arrived_safely\""), std::string::npos);

  // Both sides audited what they did.
  EXPECT_GE(auditCount(*a_data_, "network_referral.send"), 1);
  EXPECT_GE(auditCount(*a_data_, "network_referral.update"), 2);
  EXPECT_GE(auditCount(*b_data_, "network_referral.receive"), 1);
  EXPECT_GE(auditCount(*b_data_, "network_referral.accept"), 1);
  EXPECT_GE(auditCount(*b_data_, "network_referral.feedback"), 1);

  // The hub relayed every message and holds no plaintext of any of them.
  long long relayed = 0, plaintext = 1;
  const std::string pattern = "%" + name + "%";
  hub_data_->db->read([&](soci::session& sql) {
    sql << "SELECT COUNT(*) FROM network_relays WHERE kind LIKE 'referral.%'", soci::into(relayed);
    sql << "SELECT COUNT(*) FROM network_outbox WHERE envelope LIKE :p", soci::into(plaintext),
        soci::use(pattern);
  });
  EXPECT_GE(relayed, 3);  // the offer, the answer and the feedback
  EXPECT_EQ(plaintext, 0);
  if (hub_data_->db->backendName() == "sqlite") {  // the raw bytes of the hub's database file
    const std::string hub_bytes = rawFile(*hub_);
    EXPECT_NE(hub_bytes.find("MB"), std::string::npos);  // a control: the file was read
    EXPECT_EQ(hub_bytes.find(name), std::string::npos);
    // B keeps the packet sealed at rest too.
    EXPECT_EQ(rawFile(*b_).find("Needs a safe journey home"), std::string::npos);
  } else {  // PostgreSQL: every text value of every table of the hub's database
    EXPECT_EQ(textValuesContaining(*hub_data_, name), 0);
    EXPECT_EQ(textValuesContaining(*hub_data_, "Needs a safe journey home"), 0);
    EXPECT_EQ(textValuesContaining(*b_data_, "Needs a safe journey home"), 0);
    EXPECT_GT(textValuesContaining(*hub_data_, "MB"), 0);  // a control: the search reads rows
  }

  // The members' reports count it: a cross-border referral out at A; at B, the case opened by
  // accepting it is a cross-border referral in once the person consents to being counted (as
  // every case of the figures: docs/reports.md).
  EXPECT_EQ(thisYearsFigure(*a_data_, "MA", "referrals.out.cross_border"), out_before + 1);
  EXPECT_EQ(thisYearsFigure(*b_data_, "MB", "referrals.in.cross_border"), in_before);
  const std::string today = domain::formatRfc3339(domain::nowMillis()).substr(0, 10);
  const HttpResponse counted =
      worker_b.post("/api/v1/cases/" + case_b + "/consents",
                    json::serialize(json::object{
                        {"kind", "statistics"}, {"given_as", "written"}, {"given_on", today}}));
  ASSERT_EQ(counted.status, 201u) << counted.body;
  EXPECT_EQ(thisYearsFigure(*b_data_, "MB", "referrals.in.cross_border"), in_before + 1);
}

TEST_F(NetworkReferralTest, RefusedWithoutConsentAndBadInputsNameTheField) {
  HttpClient worker_a = signedIn(*a_, kWorkerA);
  const std::string no_consent = newCase(worker_a, "No Consent Person", false);
  const HttpResponse refused =
      worker_a.post("/api/v1/referrals", json::serialize(referral(no_consent)));
  EXPECT_EQ(refused.status, 409u) << refused.body;
  EXPECT_EQ(refused.errorCode(), "consent_required");
  EXPECT_EQ(refused.errorField(), "consent");

  const std::string case_a = newCase(worker_a, "Bad Input Person", true);
  const auto expect_field = [&](const json::object& body, const char* field) {
    const HttpResponse r = worker_a.post("/api/v1/referrals", json::serialize(body));
    EXPECT_EQ(r.status, 400u) << field << ": " << r.body;
    EXPECT_EQ(r.errorField(), field) << r.body;
  };
  auto body = referral(case_a);
  body["services"] = json::array{"teleportation"};
  expect_field(body, "services");
  body = referral(case_a);
  body["services"] = json::array{};
  expect_field(body, "services");
  body = referral(case_a);
  body["urgency"] = "whenever";
  expect_field(body, "urgency");
  body = referral(case_a);
  body["fields"] = json::array{"full_name", "shoe_size"};
  expect_field(body, "fields");
  body = referral(case_a);
  body["receiver"] = "no such member!";
  expect_field(body, "receiver");
  body = referral(case_a);
  body["receiver"] = "MA";
  expect_field(body, "receiver");
  body = referral(case_a);
  body["receiver"] = "ZZ";  // no member of the network
  expect_field(body, "receiver");
  body = referral(case_a);
  body["receiver"] = "HUB";  // the hub receives no referral
  expect_field(body, "receiver");
  body = referral(case_a);
  body["answer_by"] = "2001-01-01T00:00:00Z";
  expect_field(body, "answer_by");
  body = referral(case_a);
  body["needs_summary"] = "";
  expect_field(body, "needs_summary");
  body = referral(case_a);
  body["colour"] = "red";
  expect_field(body, "colour");

  HttpClient worker_b = signedIn(*b_, kWorkerB);
  const std::string id = send(worker_a, case_a);
  ASSERT_TRUE(arrived(worker_b, id));
  const HttpResponse no_reason =
      worker_b.post("/api/v1/referrals/" + id + "/decline", json::serialize(json::object{}));
  EXPECT_EQ(no_reason.status, 400u);
  EXPECT_EQ(no_reason.errorField(), "reason");
  const HttpResponse bad_kind = worker_b.post("/api/v1/referrals/" + id + "/feedback",
                                              json::serialize(json::object{{"kind", "fine"}}));
  EXPECT_EQ(bad_kind.status, 400u);
  EXPECT_EQ(bad_kind.errorField(), "kind");
  EXPECT_EQ(worker_b.get("/api/v1/referrals?direction=sideways").errorField(), "direction");
  EXPECT_EQ(worker_b.get("/api/v1/referrals/" + std::string(32, 'a')).status, 404u);

  // Declined with a reason: the sender sees it with the reason.
  const HttpResponse declined =
      worker_b.post("/api/v1/referrals/" + id + "/decline",
                    json::serialize(json::object{{"reason", "No shelter place this month"}}));
  ASSERT_EQ(declined.status, 200u) << declined.body;
  ASSERT_TRUE(eventually([&] { return statusAt(worker_a, "outgoing", id) == "declined"; }));
  EXPECT_NE(worker_a.get("/api/v1/referrals/" + id).body.find("No shelter place this month"),
            std::string::npos);
  EXPECT_TRUE(has(timelineKinds(worker_a, case_a), "network_referral_declined"));
}

TEST_F(NetworkReferralTest, ReceiverOfflineThenBackGetsTheReferral) {
  HttpClient worker_a = signedIn(*a_, kWorkerA);
  const std::string case_a = newCase(worker_a, "Offline Receiver Person", true);
  const std::uint16_t b_port = b_->port();
  b_->stopServer();
  const std::string id = send(worker_a, case_a);
  ASSERT_FALSE(id.empty());
  ASSERT_TRUE(eventually([&] {
    long long attempts = 0;
    hub_data_->db->read([&](soci::session& sql) {
      sql << "SELECT COALESCE(MAX(attempts), 0) FROM network_outbox WHERE kind = "
             "'referral.offer' AND acknowledged_at = 0",
          soci::into(attempts);
    });
    return attempts >= 2;
  }));
  b_->startServer(b_port);
  HttpClient worker_b = signedIn(*b_, kWorkerB);
  ASSERT_TRUE(arrived(worker_b, id));
  EXPECT_EQ(statusAt(worker_b, "incoming", id), "received");
}

TEST_F(NetworkReferralTest, TamperedPacketIsFlaggedAndNeverOpened) {
  HttpClient worker_a = signedIn(*a_, kWorkerA);
  HttpClient worker_b = signedIn(*b_, kWorkerB);
  const std::string case_a = newCase(worker_a, "Tampered Packet Person", true);
  const std::string id = send(worker_a, case_a);
  ASSERT_TRUE(arrived(worker_b, id));
  // Someone with access to B's database flips a byte of the sealed packet.
  auto tampered = b_data_->db->write([&](store::WriteContext& w) -> domain::Status {
    std::string hex;
    w.sql() << "SELECT packet_sealed FROM network_referrals WHERE id = :id", soci::into(hex),
        soci::use(id);
    hex[80] = hex[80] == '0' ? '1' : '0';
    w.sql() << "UPDATE network_referrals SET packet_sealed = :p WHERE id = :id", soci::use(hex),
        soci::use(id);
    return {};
  });
  ASSERT_TRUE(tampered.has_value());
  const HttpResponse opened = worker_b.get("/api/v1/referrals/" + id);
  EXPECT_EQ(opened.status, 409u) << opened.body;
  EXPECT_EQ(opened.errorField(), "packet");
  const HttpResponse accept = worker_b.post("/api/v1/referrals/" + id + "/accept", "{}");
  EXPECT_EQ(accept.status, 409u) << accept.body;
  EXPECT_EQ(accept.errorField(), "packet");
  // The server still answers.
  EXPECT_EQ(worker_b.get("/api/v1/referrals?direction=incoming").status, 200u);

  // A packet that does not open on arrival (sealed to another key) is flagged "unreadable" and
  // the sender is told. Sent by hand from A, sealed to the hub's key instead of B's.
  const network::Identity a = identity(*a_data_);
  const network::Identity hub = identity(*hub_data_);
  const std::string bad_id = crypto::newId();
  auto sealed = crypto::sealTo(hub.box_public, "{\"referral_id\":\"" + bad_id + "\"}");
  ASSERT_TRUE(sealed.has_value());
  const std::string body = json::serialize(json::object{{"referral_id", bad_id},
                                                        {"key_id", identity(*b_data_).key_id},
                                                        {"sealed", crypto::toBase64Url(*sealed)}});
  auto queued = a_data_->db->write([&](store::WriteContext& w) -> domain::Status {
    return network::sendMessage(w, a, "MB", "referral.offer", body);
  });
  ASSERT_TRUE(queued.has_value());
  ASSERT_TRUE(eventually([&] { return statusAt(worker_b, "incoming", bad_id) == "unreadable"; }));
}

TEST_F(NetworkReferralTest, DeadlineSweepRemindsThenEscalatesToTheHub) {
  HttpClient worker_a = signedIn(*a_, kWorkerA);
  HttpClient worker_b = signedIn(*b_, kWorkerB);
  const std::string case_a = newCase(worker_a, "Deadline Person", true);
  auto body = referral(case_a);
  body["urgency"] = "emergency";  // 4 hours to answer
  const HttpResponse sent = worker_a.post("/api/v1/referrals", json::serialize(body));
  ASSERT_EQ(sent.status, 201u) << sent.body;
  const std::string id(sent.json->at("id").as_string());
  ASSERT_TRUE(arrived(worker_b, id));
  const domain::UnixMillis now = domain::nowMillis();

  // Before half-time: nothing.
  auto early = network::sweepReferrals(*a_data_->db, *a_data_->keys, now + kHourMs);
  ASSERT_TRUE(early.has_value());
  // At half-time (2 h of 4): a reminder reaches B's inbox.
  auto half = network::sweepReferrals(*a_data_->db, *a_data_->keys, now + 2 * kHourMs + 1000);
  ASSERT_TRUE(half.has_value());
  EXPECT_GE(half->reminded, 1);
  ASSERT_TRUE(eventually([&] {
    auto item = listed(worker_b, "incoming", id);
    return item && !item->at("reminded_at").is_null();
  }));
  // Past the deadline: escalated to the hub, whose coordinator sees it (metadata only).
  auto late = network::sweepReferrals(*a_data_->db, *a_data_->keys, now + 5 * kHourMs);
  ASSERT_TRUE(late.has_value());
  EXPECT_GE(late->escalated, 1);
  auto again = network::sweepReferrals(*a_data_->db, *a_data_->keys, now + 6 * kHourMs);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->escalated, 0);  // once
  HttpClient coordinator = signedInCoordinator();
  ASSERT_TRUE(eventually([&] {
    const HttpResponse r = coordinator.get("/api/v1/network/referrals/overdue");
    return r.status == 200u && r.body.find(id) != std::string::npos;
  }));
  const HttpResponse overdue = coordinator.get("/api/v1/network/referrals/overdue");
  EXPECT_NE(overdue.body.find("\"MB\""), std::string::npos);
  EXPECT_EQ(overdue.body.find("Deadline Person"), std::string::npos);
  EXPECT_EQ(worker_a.get("/api/v1/network/referrals/overdue").status, 403u);
  auto out = listed(worker_a, "outgoing", id);
  ASSERT_TRUE(out.has_value());
  EXPECT_FALSE(out->at("escalated_at").is_null());
}

TEST_F(NetworkReferralTest, ConsentWithdrawalTravelsAndMustBeAcknowledged) {
  HttpClient worker_a = signedIn(*a_, kWorkerA);
  HttpClient worker_b = signedIn(*b_, kWorkerB);
  HttpClient supervisor_b = signedIn(*b_, kSupervisorB);
  const std::string case_a = newCase(worker_a, "Withdrawing Person", true);
  const std::string id = send(worker_a, case_a);
  ASSERT_TRUE(arrived(worker_b, id));
  const HttpResponse accepted = worker_b.post("/api/v1/referrals/" + id + "/accept", "{}");
  ASSERT_EQ(accepted.status, 200u) << accepted.body;

  // The person withdraws the consent at A (the existing use case); the sweep tells B.
  const HttpResponse consents = worker_a.get("/api/v1/cases/" + case_a + "/consents");
  ASSERT_EQ(consents.status, 200u);
  std::string consent_id;
  for (const auto& c : consents.json->at("items").as_array()) {
    consent_id = std::string(c.at("id").as_string());
  }
  const HttpResponse withdrawn =
      worker_a.post("/api/v1/cases/" + case_a + "/consents/" + consent_id + "/withdrawal", "{}");
  ASSERT_EQ(withdrawn.status, 200u) << withdrawn.body;
  auto swept = network::sweepReferrals(*a_data_->db, *a_data_->keys, domain::nowMillis());
  ASSERT_TRUE(swept.has_value());
  EXPECT_EQ(swept->consent_withdrawn, 1);
  EXPECT_EQ(worker_a.post("/api/v1/referrals/" + id + "/consent-withdrawn", "{}").status, 409u);
  EXPECT_TRUE(has(timelineKinds(worker_a, case_a), "network_referral_consent_withdrawn"));

  ASSERT_TRUE(eventually([&] {
    auto item = listed(worker_b, "incoming", id);
    return item && item->at("action_required") == json::value(true);
  }));
  const HttpResponse missing = supervisor_b.post(
      "/api/v1/referrals/" + id + "/acknowledge-withdrawal", json::serialize(json::object{}));
  EXPECT_EQ(missing.status, 400u);
  EXPECT_EQ(missing.errorField(), "what_was_done");
  const HttpResponse ack = supervisor_b.post(
      "/api/v1/referrals/" + id + "/acknowledge-withdrawal",
      json::serialize(json::object{{"what_was_done", "Stopped sharing; the case is closed"}}));
  ASSERT_EQ(ack.status, 200u) << ack.body;
  EXPECT_EQ(ack.json->at("action_required"), false);
  EXPECT_GE(auditCount(*b_data_, "network_referral.withdrawal_ack"), 1);
  EXPECT_GE(auditCount(*a_data_, "network_referral.consent_withdrawn"), 1);
  EXPECT_EQ(supervisor_b
                .post("/api/v1/referrals/" + id + "/acknowledge-withdrawal",
                      json::serialize(json::object{{"what_was_done", "Again"}}))
                .status,
            409u);
}

TEST_F(NetworkReferralTest, ErasingTheAcceptedPersonLeavesNoPacketToOpen) {
  HttpClient worker_a = signedIn(*a_, kWorkerA);
  HttpClient worker_b = signedIn(*b_, kWorkerB);
  const std::string name = "Erased Referral " + crypto::toHex(crypto::randomBytes(4));
  const std::string id = send(worker_a, newCase(worker_a, name, true));
  ASSERT_TRUE(arrived(worker_b, id));
  const HttpResponse accepted = worker_b.post("/api/v1/referrals/" + id + "/accept", "{}");
  ASSERT_EQ(accepted.status, 200u) << accepted.body;
  const HttpResponse kase =
      worker_b.get("/api/v1/cases/" + std::string(accepted.json->at("case_id").as_string()));
  ASSERT_EQ(kase.status, 200u) << kase.body;
  const std::string client_id(kase.json->at("client").at("id").as_string());
  const std::string client_code(kase.json->at("client").at("client_code").as_string());

  // The person asks to be erased at B: the packet B kept goes with the person's key.
  HttpClient supervisor_b = signedIn(*b_, kSupervisorB);
  const HttpResponse erased = supervisor_b.post(
      "/api/v1/clients/" + client_id + "/erasure",
      json::serialize(json::object{{"reason", "Request of the person (GDPR art. 17)"},
                                   {"confirm_client_code", client_code}}));
  ASSERT_EQ(erased.status, 200u) << erased.body;
  const HttpResponse detail = worker_b.get("/api/v1/referrals/" + id);
  ASSERT_EQ(detail.status, 200u) << detail.body;
  EXPECT_EQ(detail.body.find(name), std::string::npos);
  std::string sealed = "not read";
  b_data_->db->read([&](soci::session& sql) {
    sql << "SELECT packet_sealed FROM network_referrals WHERE id = :id", soci::into(sealed),
        soci::use(id);
  });
  EXPECT_EQ(sealed, "");
}

TEST_F(NetworkReferralTest, ForAPartnerOfTheReceiverTheNameTravelsSealed) {
  HttpClient worker_a = signedIn(*a_, kWorkerA);
  HttpClient worker_b = signedIn(*b_, kWorkerB);
  const std::string case_a =
      newCase(worker_a, "Partner Referral " + crypto::toHex(crypto::randomBytes(4)), true);
  const std::string partner = "Shelter Chisinau " + crypto::toHex(crypto::randomBytes(4));

  json::object bad = referral(case_a);
  bad["partner"] = json::object{{"name", partner}};
  HttpResponse refused = worker_a.post("/api/v1/referrals", json::serialize(bad));
  EXPECT_EQ(refused.status, 400u) << refused.body;
  EXPECT_EQ(refused.errorField(), "partner.country");
  bad["partner"] = json::object{{"name", ""}, {"country", "MD"}};
  refused = worker_a.post("/api/v1/referrals", json::serialize(bad));
  EXPECT_EQ(refused.status, 400u) << refused.body;
  EXPECT_EQ(refused.errorField(), "partner.name");

  json::object body = referral(case_a);
  body["partner"] = json::object{{"name", partner}, {"country", "MD"}};
  const HttpResponse sent = worker_a.post("/api/v1/referrals", json::serialize(body));
  ASSERT_EQ(sent.status, 201u) << sent.body;
  const std::string id(sent.json->at("id").as_string());
  // The sender's record names the partner (the sent event's sealed note).
  EXPECT_NE(worker_a.get("/api/v1/referrals/" + id).body.find(partner), std::string::npos);
  // The receiver reads it in the packet; the hub never could.
  ASSERT_TRUE(arrived(worker_b, id));
  const HttpResponse detail = worker_b.get("/api/v1/referrals/" + id);
  ASSERT_EQ(detail.status, 200u) << detail.body;
  EXPECT_EQ(detail.json->at("packet").at("partner").at("name"), json::value(partner));
  EXPECT_EQ(detail.json->at("packet").at("partner").at("country"), "MD");
  const std::string pattern = "%" + partner + "%";
  long long plaintext = 1;
  hub_data_->db->read([&](soci::session& sql) {
    sql << "SELECT COUNT(*) FROM network_outbox WHERE envelope LIKE :p", soci::into(plaintext),
        soci::use(pattern);
  });
  EXPECT_EQ(plaintext, 0);
}

}  // namespace
}  // namespace strada::testing
