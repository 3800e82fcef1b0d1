// The validation of a case's identification, needs and plan (domain/case_assessment.h): every
// refusal names the field, and the plan's review rules.
#include "domain/case_assessment.h"

#include <gtest/gtest.h>

namespace strada::domain {
namespace {

constexpr UnixMillis kNow = 1'717'200'000'000;  // 2024-06-01

std::string fieldOf(const Status& s) { return s ? "<ok>" : s.error().field; }

Identification identification() {
  return {{"deceptive_recruitment.wages", "coercion_at_destination.violence"},
          "",
          "2024-05-03",
          "PossibleVictimOfTrafficking",
          "NGO"};
}

TEST(CaseAssessmentTest, IdentificationNamesTheFieldItRefuses) {
  EXPECT_EQ(fieldOf(validateIdentification(identification(), kNow)), "<ok>");
  auto id = identification();
  id.indicators.push_back("deceptive_recruitment");  // a dimension, not an indicator
  EXPECT_EQ(fieldOf(validateIdentification(id, kNow)), "indicators[2]");
  id = identification();
  id.indicators.push_back(id.indicators[0]);
  EXPECT_EQ(fieldOf(validateIdentification(id, kNow)), "indicators[2]");
  id = identification();
  id.assessed_on = "2024-06-02";
  EXPECT_EQ(fieldOf(validateIdentification(id, kNow)), "assessed_on");
  id = identification();
  id.decided_by = "";
  EXPECT_EQ(fieldOf(validateIdentification(id, kNow)), "decided_by");
  id = identification();
  id.trafficking_status = "";
  EXPECT_EQ(fieldOf(validateIdentification(id, kNow)), "trafficking_status");
  id.decided_by = "";
  EXPECT_EQ(fieldOf(validateIdentification(id, kNow)), "<ok>");
  id = identification();
  id.trafficking_status = "Victim";
  EXPECT_EQ(fieldOf(validateIdentification(id, kNow)), "trafficking_status");
}

TEST(CaseAssessmentTest, NeedsNameTheDomainEntryRefused) {
  NeedsAssessment needs{{{"legal_aid", "urgent", "A lawyer"}, {"education", "none", ""}},
                        "2024-05-04"};
  EXPECT_EQ(fieldOf(validateNeeds(needs, kNow)), "<ok>");
  needs.domains.push_back({"legal_aid", "low", ""});
  EXPECT_EQ(fieldOf(validateNeeds(needs, kNow)), "domains[2].domain");
  needs.domains.back() = {"safe_return", "extreme", ""};
  EXPECT_EQ(fieldOf(validateNeeds(needs, kNow)), "domains[2].level");
  needs.domains.back() = {"safe_return", "low", std::string(2001, 'x')};
  EXPECT_EQ(fieldOf(validateNeeds(needs, kNow)), "domains[2].note");
  needs.domains.pop_back();
  needs.assessed_on = "05/04/2024";
  EXPECT_EQ(fieldOf(validateNeeds(needs, kNow)), "assessed_on");
}

TEST(CaseAssessmentTest, PlanGoalsNameTheGoalAndMember) {
  std::vector<PlanGoal> goals{
      {"housing_shelter", "Safe housing", "2024-09-01", "case_worker", "not_started"},
      {"employment", "A job", "2025-01-01", "person", "in_progress"}};
  EXPECT_EQ(fieldOf(validatePlanGoals(goals)), "<ok>");
  goals.push_back({"education", "Course", "2024-02-30", "team", "achieved"});
  EXPECT_EQ(fieldOf(validatePlanGoals(goals)), "goals[2].target_date");
  goals.back().target_date = "2024-02-29";
  goals.back().goal = "  ";
  EXPECT_EQ(fieldOf(validatePlanGoals(goals)), "goals[2].goal");
  goals.back().goal = "Course";
  goals.back().owner = "neighbour";
  EXPECT_EQ(fieldOf(validatePlanGoals(goals)), "goals[2].owner");
  goals.back().owner = "team";
  goals.back().status = "done";
  EXPECT_EQ(fieldOf(validatePlanGoals(goals)), "goals[2].status");
  goals.back().status = "achieved";
  goals.back().domain = "safety";
  EXPECT_EQ(fieldOf(validatePlanGoals(goals)), "goals[2].domain");
  EXPECT_EQ(fieldOf(validatePlanGoals(std::vector<PlanGoal>(51, goals[0]))), "goals");
}

TEST(CaseAssessmentTest, OnlyADraftOrReturnedPlanIsSubmittedAndAReturnSaysWhy) {
  EXPECT_TRUE(maySubmitPlan(kPlanDraft));
  EXPECT_TRUE(maySubmitPlan(kPlanReturned));
  EXPECT_FALSE(maySubmitPlan(kPlanSubmitted));
  EXPECT_FALSE(maySubmitPlan(kPlanApproved));
  EXPECT_FALSE(maySubmitPlan(kPlanNone));
  EXPECT_EQ(fieldOf(validatePlanDecision("approve", "")), "<ok>");
  EXPECT_EQ(fieldOf(validatePlanDecision("return", " ")), "reason");
  EXPECT_EQ(fieldOf(validatePlanDecision("return", "Add dates")), "<ok>");
  EXPECT_EQ(fieldOf(validatePlanDecision("reject", "")), "decision");
  EXPECT_EQ(fieldOf(validatePlanDecision("approve", std::string(501, 'x'))), "reason");
}

}  // namespace
}  // namespace strada::domain
