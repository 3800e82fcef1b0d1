// The case documents of migration 0014 (identification, needs, plan) on the backend named by
// STRADA_TEST_BACKEND: versioned heads, entries replaced whole, sealed bytes kept as they are, the
// client's trafficking status, the plan's review and the pending approvals.
#include "store/case_assessment_repository.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <optional>
#include <string>
#include <utility>

#include "store/case_repository.h"
#include "store/client_repository.h"
#include "store/repositories.h"
#include "support/test_db.h"

namespace strada::store {
namespace {

class CaseAssessmentRepositoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(db().write([](WriteContext& w) -> domain::Status {
      domain::Organisation org;
      org.id = "org-a";
      org.code = "LS-NL";
      org.name = "Hotline";
      org.country = "NL";
      if (auto s = insertOrganisation(w, org); !s) {
        return s;
      }
      ClientRow client;
      client.client.id = "client-1";
      client.client.org_id = "org-a";
      client.client.client_code = "CL-TEST0001";
      client.wrapped_key = "00";
      if (auto s = insertClient(w, client, {}); !s) {
        return s;
      }
      domain::Case kase;
      kase.id = "case-1";
      kase.org_id = "org-a";
      kase.client_id = "client-1";
      kase.case_code = "CS-TEST0001";
      kase.created_by = "user-1";
      return insertCase(w, kase, {});
    }));
  }

  Database& db() { return t_.db(); }
  // What `fn` answers on a pooled read connection.
  template <class Fn>
  auto readBack(Fn fn) -> decltype(fn(std::declval<soci::session&>())) {
    decltype(fn(std::declval<soci::session&>())) out = domain::internalError("not read");
    db().read([&](soci::session& sql) { out = fn(sql); });
    return out;
  }
  domain::Status writeHead(const std::string& kind, std::int32_t expected) {
    return db().write([&](WriteContext& w) {
      return writeDocumentHead(w, {"case-1", kind, "user-1", "2024-05-01", "user-1", 42, 0},
                               expected);
    });
  }

  testing::TestDatabase t_;
};

TEST_F(CaseAssessmentRepositoryTest, AHeadIsWrittenOnceAndThenOnlyFromItsVersion) {
  auto none = readBack([](soci::session& s) { return findDocumentHead(s, "case-1", "needs"); });
  ASSERT_TRUE(none);
  EXPECT_FALSE(none->has_value());
  ASSERT_TRUE(writeHead(kNeedsDocument, 0));
  const auto second = writeHead(kNeedsDocument, 0);
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, domain::ErrorCode::kConflict);
  EXPECT_EQ(second.error().field, "version");
  ASSERT_TRUE(writeHead(kNeedsDocument, 1));
  const auto stale = writeHead(kNeedsDocument, 1);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().field, "version");
  auto head = readBack([](soci::session& s) { return findDocumentHead(s, "case-1", "needs"); });
  ASSERT_TRUE(head && head->has_value());
  EXPECT_EQ((*head)->version, 2);
  EXPECT_EQ((*head)->assessed_on, "2024-05-01");
  EXPECT_EQ((*head)->updated_at, 42);
  // Another kind of the same case has its own version.
  EXPECT_TRUE(writeHead(kPlanDocument, 0));
}

TEST_F(CaseAssessmentRepositoryTest, EntriesAreReplacedWholeWithTheirSealedBytes) {
  const std::string sealed("\x01\x00\xff note", 8);
  ASSERT_TRUE(db().write([&](WriteContext& w) -> domain::Status {
    if (auto s = replaceIndicators(w, "case-1", {"b.x", "a.y"}); !s) {
      return s;
    }
    if (auto s = replaceIndicators(w, "case-1", {"c.z", "a.y"}); !s) {
      return s;
    }
    if (auto s =
            replaceNeeds(w, "case-1", {{"legal_aid", "urgent", sealed}, {"education", "low", ""}});
        !s) {
      return s;
    }
    return replaceGoals(w, "case-1",
                        {{"employment", sealed, "2025-01-01", "person", "in_progress"},
                         {"housing_shelter", "g", "2024-09-01", "team", "not_started"}});
  }));
  auto indicators = readBack([](soci::session& s) { return listIndicators(s, "case-1"); });
  ASSERT_TRUE(indicators);
  EXPECT_EQ(*indicators, (std::vector<std::string>{"a.y", "c.z"}));
  auto needs = readBack([](soci::session& s) { return listNeeds(s, "case-1"); });
  ASSERT_TRUE(needs);
  ASSERT_EQ(needs->size(), 2u);
  EXPECT_EQ((*needs)[1].domain, "legal_aid");
  EXPECT_EQ((*needs)[1].note_sealed, sealed);
  EXPECT_EQ((*needs)[0].note_sealed, "");
  auto goals = readBack([](soci::session& s) { return listGoals(s, "case-1"); });
  ASSERT_TRUE(goals);
  ASSERT_EQ(goals->size(), 2u);
  EXPECT_EQ((*goals)[0].domain, "employment");  // in the order written
  EXPECT_EQ((*goals)[0].goal_sealed, sealed);
  EXPECT_EQ((*goals)[1].owner, "team");
}

TEST_F(CaseAssessmentRepositoryTest, TheClientsStatusAndThePlansReviewAndPendingApprovals) {
  ASSERT_TRUE(db().write([](WriteContext& w) -> domain::Status {
    if (auto s =
            setClientTraffickingStatus(w, "client-1", "ActualVictimOfTrafficking", "NGO", "user-1");
        !s) {
      return s;
    }
    if (auto s = setPlanStatus(w, "case-1", "submitted"); !s) {
      return s;
    }
    return recordPlanSubmission(w, "case-1", "user-1");
  }));
  auto client = readBack([](soci::session& s) { return findClient(s, "client-1"); });
  ASSERT_TRUE(client && client->has_value());
  EXPECT_EQ((*client)->client.coded.trafficking_status, "ActualVictimOfTrafficking");
  EXPECT_EQ((*client)->client.coded.status_decided_by, "NGO");
  EXPECT_EQ((*client)->client.version, 2);
  auto kase = readBack([](soci::session& s) { return findCase(s, "case-1"); });
  ASSERT_TRUE(kase && kase->has_value());
  EXPECT_EQ((*kase)->plan_status, "submitted");
  EXPECT_EQ((*kase)->version, 1);  // the plan's own version guards it
  auto pending =
      readBack([](soci::session& s) { return listPendingApprovals(s, "org-a", true, true, 10); });
  ASSERT_TRUE(pending) << pending.error().detail;
  ASSERT_EQ(pending->size(), 1u);
  EXPECT_EQ((*pending)[0].kind, "plan");
  EXPECT_EQ((*pending)[0].requested_by, "user-1");
  EXPECT_EQ((*pending)[0].client_code, "CL-TEST0001");
  auto closures =
      readBack([](soci::session& s) { return listPendingApprovals(s, "org-a", false, true, 10); });
  ASSERT_TRUE(closures);
  EXPECT_TRUE(closures->empty());
  ASSERT_TRUE(db().write([](WriteContext& w) {
    return recordPlanDecision(w, "case-1", "user-2", "return", std::string("\x01r", 2));
  }));
  auto review = readBack([](soci::session& s) { return findPlanReview(s, "case-1"); });
  ASSERT_TRUE(review && review->has_value());
  EXPECT_EQ((*review)->submitted_by, "user-1");
  EXPECT_EQ((*review)->decided_by, "user-2");
  EXPECT_EQ((*review)->decision, "return");
  EXPECT_EQ((*review)->reason_sealed, std::string("\x01r", 2));
}

}  // namespace
}  // namespace strada::store
