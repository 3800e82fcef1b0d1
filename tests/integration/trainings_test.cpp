// Trainings given to partner professionals (issue 11, section 3; docs/trainings.md) over real
// HTTP, on SQLite and PostgreSQL: recorded, read, listed and filtered, changed and deleted with
// their versions, validated (400 naming the field: an agency or trainer not of the organisation),
// another organisation's answered 404, the free text sealed at rest, audited; the figures per
// year by audience; and the member's aggregate report: a held training in March is in the March,
// Q1 and year reports, a draft is not, another organisation's never.
#include <soci/soci.h>

#include <string>
#include <vector>

#include "integration/suite.h"

namespace strada::testing {

inline const char* const kSupervisorB = "training.supervisor@b.example.org";

class TrainingsTest : public DeploymentTest<TrainingsTest> {
 public:
  static std::vector<UserSpec> users() {
    auto users = standardUsers();
    users.push_back({kOrgB, kSupervisorB, "Tess Trainer", {"supervisor"}});
    return users;
  }

 protected:
  static std::string userId(const std::string& email) {
    std::string id;
    deployment().database().db().read([&](soci::session& sql) {
      sql << "SELECT id FROM users WHERE email = :e", soci::into(id), soci::use(email);
    });
    return id;
  }

  static std::string agency(HttpClient& c, const std::string& name) {
    return createdId(c, "/api/v1/agencies",
                     {{"name", name}, {"type", "police"}, {"country", "NL"}});
  }

  static boost::json::object training(const std::string& date, const std::string& status,
                                      std::int64_t police, std::int64_t judges = 0) {
    boost::json::array audiences;
    if (police > 0) {
      audiences.push_back({{"audience", "police"}, {"participants", police}});
    }
    if (judges > 0) {
      audiences.push_back({{"audience", "judges"}, {"participants", judges}});
    }
    return {{"date", date},
            {"status", status},
            {"place", "Police academy, Apeldoorn"},
            {"audiences", std::move(audiences)},
            {"topics", boost::json::array{"identification", "referral"}}};
  }

  static HttpResponse compute(HttpClient& c, const std::string& period, const std::string& start) {
    return c.post("/api/v1/reports", toJson({{"period", period}, {"start", start}}));
  }

  static const boost::json::object* figure(const HttpResponse& r, const std::string& id) {
    for (const auto& f : r.json->at("figures").as_array()) {
      if (f.at("id").as_string() == id) {
        return &f.as_object();
      }
    }
    return nullptr;
  }

  static std::int64_t countOf(const HttpResponse& r, const std::string& id) {
    const auto* f = figure(r, id);
    if (f == nullptr) {
      ADD_FAILURE() << "no figure " << id;
      return -1;
    }
    EXPECT_EQ(f->at("state"), "count") << id;
    return f->contains("n") ? f->at("n").as_int64() : -1;
  }
};

TEST_F(TrainingsTest, RecordsReadsChangesAndDeletesATraining) {
  HttpClient supervisor = signedIn(kSupervisorA);
  const std::string agency_id = agency(supervisor, "Regional police (trainings)");
  const std::string trainer = userId(kCaseWorkerA);

  boost::json::object body = training("2025-05-12", "held", 14, 3);
  body["end_date"] = "2025-05-13";
  body["agencies"] = boost::json::array{agency_id.c_str()};
  body["trainers"] = boost::json::array{trainer.c_str()};
  body["external_trainers"] = boost::json::array{"Dr. Ilse Expert"};
  body["evaluation_score"] = 4.25;
  body["evaluation_summary"] = "Participants asked for a follow-up on interviewing.";
  const HttpResponse made = supervisor.post("/api/v1/trainings", toJson(body));
  ASSERT_EQ(made.status, 201u) << made.body;
  const std::string id(made.json->at("id").as_string());
  EXPECT_EQ(made.json->at("version"), 1);
  EXPECT_EQ(made.json->at("participants"), 17);
  EXPECT_EQ(made.json->at("evaluation_score").as_double(), 4.3);

  // Read back whole; the free text is sealed at rest.
  const HttpResponse read = signedIn(kCaseWorkerA).get("/api/v1/trainings/" + id);
  ASSERT_EQ(read.status, 200u) << read.body;
  EXPECT_EQ(read.json->at("place"), "Police academy, Apeldoorn");
  EXPECT_EQ(read.json->at("external_trainers").as_array().at(0), "Dr. Ilse Expert");
  EXPECT_EQ(read.json->at("audiences").as_array().at(1).at("audience"), "judges");
  EXPECT_EQ(read.json->at("agencies").as_array().at(0).as_string(), agency_id);
  EXPECT_EQ(read.json->at("trainers").as_array().at(0).as_string(), trainer);
  std::string sealed;
  deployment().database().db().read([&](soci::session& sql) {
    sql << "SELECT text_sealed FROM trainings WHERE id = :id", soci::into(sealed), soci::use(id);
  });
  EXPECT_FALSE(sealed.empty());
  EXPECT_EQ(sealed.find("Apeldoorn"), std::string::npos);
  EXPECT_EQ(sealed.find("Ilse"), std::string::npos);

  // The list, by year, audience and topic.
  EXPECT_EQ(itemIds(supervisor.get("/api/v1/trainings?year=2025")), std::vector<std::string>{id});
  EXPECT_EQ(itemIds(supervisor.get("/api/v1/trainings?year=2024")).size(), 0u);
  EXPECT_EQ(itemIds(supervisor.get("/api/v1/trainings?year=2025&audience=judges")).size(), 1u);
  EXPECT_EQ(itemIds(supervisor.get("/api/v1/trainings?year=2025&audience=prosecutors")).size(), 0u);
  EXPECT_EQ(itemIds(supervisor.get("/api/v1/trainings?year=2025&topic=referral")).size(), 1u);
  EXPECT_EQ(itemIds(supervisor.get("/api/v1/trainings?year=2025&topic=safe_return")).size(), 0u);
  EXPECT_EQ(supervisor.get("/api/v1/trainings?audience=pilots").errorField(), "audience");

  // Changed with its version; a stale version is a conflict.
  body["version"] = 1;
  body["place"] = "Court house";
  const HttpResponse changed =
      supervisor.request("PUT", "/api/v1/trainings/" + id, toJson(body), CsrfMode::kSession);
  ASSERT_EQ(changed.status, 200u) << changed.body;
  EXPECT_EQ(changed.json->at("version"), 2);
  const HttpResponse stale =
      supervisor.request("PUT", "/api/v1/trainings/" + id, toJson(body), CsrfMode::kSession);
  EXPECT_EQ(stale.status, 409u) << stale.body;
  EXPECT_EQ(supervisor.get("/api/v1/trainings/" + id).json->at("place"), "Court house");

  // Another organisation's: 404 for every verb.
  HttpClient other = signedIn(kSupervisorB);
  EXPECT_EQ(other.get("/api/v1/trainings/" + id).status, 404u);
  body["version"] = 2;
  EXPECT_EQ(
      other.request("PUT", "/api/v1/trainings/" + id, toJson(body), CsrfMode::kSession).status,
      404u);
  EXPECT_EQ(other.del("/api/v1/trainings/" + id + "?version=2").status, 404u);
  EXPECT_EQ(itemIds(other.get("/api/v1/trainings?year=2025")).size(), 0u);

  // Deleted with its version.
  EXPECT_EQ(supervisor.del("/api/v1/trainings/" + id + "?version=1").status, 409u);
  EXPECT_EQ(supervisor.del("/api/v1/trainings/" + id).errorField(), "version");
  EXPECT_EQ(supervisor.del("/api/v1/trainings/" + id + "?version=2").status, 204u);
  EXPECT_EQ(supervisor.get("/api/v1/trainings/" + id).status, 404u);

  // Every change audited.
  std::vector<std::string> actions;
  deployment().database().db().read([&](soci::session& sql) {
    std::string action;
    soci::statement st = (sql.prepare << "SELECT action FROM audit_events WHERE object_id = :id "
                                         "ORDER BY seq",
                          soci::into(action), soci::use(id));
    st.execute();
    while (st.fetch()) {
      actions.push_back(action);
    }
  });
  EXPECT_EQ(actions,
            (std::vector<std::string>{"training.create", "training.update", "training.delete"}));
}

TEST_F(TrainingsTest, RefusesWrongInputNamingTheFieldAndOtherRoles) {
  HttpClient supervisor = signedIn(kSupervisorA);
  const auto refused = [&](const boost::json::object& body, const std::string& field) {
    const HttpResponse r = supervisor.post("/api/v1/trainings", toJson(body));
    EXPECT_EQ(r.status, 400u) << field << ": " << r.body;
    if (r.json) {
      EXPECT_EQ(r.errorField(), field) << r.body;
    }
  };
  auto body = training("2025-02-30", "held", 5);
  refused(body, "date");
  body = training("2025-02-03", "finished", 5);
  refused(body, "status");
  body = training("2025-02-03", "held", 0);
  refused(body, "audiences");
  body = training("2025-02-03", "held", 5);
  body["audiences"].as_array().push_back({{"audience", "pilots"}, {"participants", 3}});
  refused(body, "audiences[1].audience");
  body = training("2025-02-03", "held", 5);
  body["audiences"].as_array().at(0).as_object()["participants"] = 0;
  refused(body, "audiences[0].participants");
  body = training("2025-02-03", "held", 5);
  body["topics"] = boost::json::array{"knitting"};
  refused(body, "topics[0]");
  body = training("2025-02-03", "held", 5);
  body["end_date"] = "2025-02-01";
  refused(body, "end_date");
  body = training("2025-02-03", "held", 5);
  body["evaluation_score"] = 6;
  refused(body, "evaluation_score");
  body = training("2025-02-03", "held", 5);
  body["participant_names"] = boost::json::array{"Nobody"};
  refused(body, "participant_names");

  // An agency or a trainer of another organisation (or none) names its field.
  HttpClient other = signedIn(kSupervisorB);
  const std::string foreign_agency = agency(other, "Border police B");
  body = training("2025-02-03", "held", 5);
  body["agencies"] = boost::json::array{foreign_agency.c_str()};
  refused(body, "agencies[0]");
  body = training("2025-02-03", "held", 5);
  body["trainers"] = boost::json::array{userId(kConsultantB).c_str()};
  refused(body, "trainers[0]");
  body = training("2025-02-03", "held", 5);
  body["trainers"] = boost::json::array{"0123456789abcdef0123456789abcdef"};
  refused(body, "trainers[0]");

  // Who may: a case worker reads, a consultant does not; a case worker records nothing.
  EXPECT_EQ(signedIn(kCaseWorkerA).get("/api/v1/trainings").status, 200u);
  EXPECT_EQ(signedIn(kConsultantA).get("/api/v1/trainings").status, 403u);
  EXPECT_EQ(signedIn(kCaseWorkerA)
                .post("/api/v1/trainings", toJson(training("2025-02-03", "held", 5)))
                .status,
            403u);
  EXPECT_EQ(supervisor.get("/api/v1/trainings/figures?from=2025&to=2024").errorField(), "to");
  EXPECT_EQ(supervisor.get("/api/v1/trainings/figures").errorField(), "from");
}

TEST_F(TrainingsTest, HeldTrainingsAreInTheFiguresAndTheMembersReport) {
  HttpClient supervisor = signedIn(kSupervisorA);
  // Eleven held courses in March 2023 (the report's k is 11): 12 police officers each, and one
  // also with 15 judges; a draft in March and a held course of the other organisation are not
  // counted; one held course in May is in Q2 and the year only.
  for (int i = 0; i < 11; ++i) {
    const std::string day = "2023-03-" + std::string(i < 9 ? "0" : "") + std::to_string(i + 1);
    createdId(supervisor, "/api/v1/trainings", training(day, "held", 12, i == 0 ? 15 : 0));
  }
  createdId(supervisor, "/api/v1/trainings", training("2023-03-20", "draft", 40, 40));
  createdId(supervisor, "/api/v1/trainings", training("2023-05-02", "held", 20));
  HttpClient other = signedIn(kSupervisorB);
  createdId(other, "/api/v1/trainings", training("2023-03-15", "held", 50, 50));

  // The figures per year by audience.
  const HttpResponse figures =
      signedIn(kDataOfficerA).get("/api/v1/trainings/figures?from=2022&to=2023");
  ASSERT_EQ(figures.status, 200u) << figures.body;
  const auto& years = figures.json->at("years").as_array();
  ASSERT_EQ(years.size(), 2u);
  EXPECT_EQ(years[0].at("year"), 2022);
  EXPECT_EQ(years[0].at("courses"), 0);
  EXPECT_EQ(years[1].at("courses"), 12);
  EXPECT_EQ(years[1].at("participants"), 11 * 12 + 15 + 20);
  const auto& by_audience = years[1].at("by_audience").as_array();
  ASSERT_EQ(by_audience.size(), 9u);
  EXPECT_EQ(by_audience[0].at("audience"), "police");
  EXPECT_EQ(by_audience[0].at("courses"), 12);
  EXPECT_EQ(by_audience[0].at("participants"), 11 * 12 + 20);
  EXPECT_EQ(by_audience[3].at("audience"), "judges");
  EXPECT_EQ(by_audience[3].at("courses"), 1);
  EXPECT_EQ(by_audience[3].at("participants"), 15);

  // The member's report, for the month, the quarter and the year.
  HttpClient officer = signedIn(kDataOfficerA);
  const HttpResponse march = compute(officer, "month", "2023-03-01");
  ASSERT_EQ(march.status, 201u) << march.body;
  EXPECT_EQ(march.json->at("definition_version"), 2);
  EXPECT_EQ(countOf(march, "trainings.courses"), 11);
  EXPECT_EQ(countOf(march, "trainings.participants"), 11 * 12 + 15);
  EXPECT_EQ(countOf(march, "trainings.by_audience.police"), 11 * 12);
  EXPECT_EQ(countOf(march, "trainings.by_audience.judges"), 15);
  EXPECT_EQ(countOf(march, "trainings.by_audience.prosecutors"), 0);
  const HttpResponse q1 = compute(officer, "quarter", "2023-01-01");
  ASSERT_EQ(q1.status, 201u) << q1.body;
  EXPECT_EQ(countOf(q1, "trainings.courses"), 11);
  EXPECT_EQ(countOf(q1, "trainings.by_audience.police"), 11 * 12);
  // One course in Q2: a small count, suppressed as every figure of the report.
  const HttpResponse q2 = compute(officer, "quarter", "2023-04-01");
  ASSERT_EQ(q2.status, 201u) << q2.body;
  EXPECT_EQ(figure(q2, "trainings.courses")->at("state"), "suppressed");
  EXPECT_EQ(countOf(q2, "trainings.by_audience.police"), 20);
  const HttpResponse year = compute(officer, "year", "2023-01-01");
  ASSERT_EQ(year.status, 201u) << year.body;
  EXPECT_EQ(countOf(year, "trainings.courses"), 12);
  EXPECT_EQ(countOf(year, "trainings.by_audience.police"), 11 * 12 + 20);

  // The definition lists the groups.
  const HttpResponse definition = officer.get("/api/v1/reports/definition");
  ASSERT_EQ(definition.status, 200u) << definition.body;
  EXPECT_NE(definition.body.find("trainings.by_audience"), std::string::npos);

  // Not collected: the group's figures say so, never 0.
  ASSERT_EQ(officer
                .request("PUT", "/api/v1/reports/settings",
                         toJson({{"small_count_k", 11},
                                 {"not_collected", boost::json::array{"trainings.by_audience"}}}),
                         CsrfMode::kSession)
                .status,
            200u);
  const HttpResponse again = compute(officer, "month", "2023-03-01");
  ASSERT_EQ(again.status, 201u) << again.body;
  EXPECT_EQ(figure(again, "trainings.by_audience.police")->at("state"), "not_collected");
  EXPECT_EQ(countOf(again, "trainings.courses"), 11);
  officer.request("PUT", "/api/v1/reports/settings",
                  toJson({{"small_count_k", 11}, {"not_collected", boost::json::array{}}}),
                  CsrfMode::kSession);
}

}  // namespace strada::testing
