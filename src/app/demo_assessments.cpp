#include "app/demo_assessments.h"

#include "cases/case_assessments.h"

namespace strada::app {
namespace {

domain::Status failed(const domain::Error& e) { return tl::unexpected(e); }

domain::Identification demoIdentification(int stages) {
  return {
      {"deceptive_recruitment.conditions_of_work", "coercion_at_destination.confiscated_documents",
       "exploitative_conditions.excessive_hours"},
      "",
      "2024-01-20",
      stages >= 2 ? "ActualVictimOfTrafficking" : "PossibleVictimOfTrafficking",
      "NGO"};
}

domain::NeedsAssessment demoNeeds() {
  return {{{"housing_shelter", "urgent", "Needs a safe place to stay this week (demo)."},
           {"psychological", "high", "Trouble sleeping since leaving (demo)."},
           {"legal_aid", "medium", ""},
           {"document_restoration", "high", "Passport kept by the employer (demo)."}},
          "2024-01-25"};
}

std::vector<domain::PlanGoal> demoGoals() {
  return {{"housing_shelter", "Stay in the shelter until a flat is found (demo).", "2024-04-30",
           "case_worker", "in_progress"},
          {"document_restoration", "New passport through the embassy (demo).", "2024-03-31",
           "person", "not_started"},
          {"psychological", "Weekly sessions with the psychologist (demo).", "2024-06-30",
           "partner", "in_progress"}};
}

}  // namespace

domain::Status addDemoAssessments(const hotline::Context& ctx, const hotline::Actor& case_worker,
                                  const hotline::Actor& supervisor, const std::string& case_id,
                                  int stages, bool approved) {
  if (stages < 1) {
    return {};
  }
  auto identified = cases::runToCompletion(
      cases::changeIdentification(ctx, case_worker, case_id, demoIdentification(stages), 0));
  if (!identified) {
    return failed(identified.error());
  }
  if (stages < 2) {
    return {};
  }
  auto needs =
      cases::runToCompletion(cases::changeNeeds(ctx, case_worker, case_id, demoNeeds(), 0));
  if (!needs) {
    return failed(needs.error());
  }
  auto plan = cases::runToCompletion(cases::changePlan(ctx, case_worker, case_id, demoGoals(), 0));
  if (!plan) {
    return failed(plan.error());
  }
  if (stages < 3) {
    return {};
  }
  auto submitted =
      cases::runToCompletion(cases::submitPlan(ctx, case_worker, case_id, plan->meta.version));
  if (!submitted) {
    return failed(submitted.error());
  }
  if (!approved) {
    return {};
  }
  auto decided = cases::runToCompletion(
      cases::decidePlan(ctx, supervisor, case_id, {"approve", "", submitted->meta.version}));
  return decided ? domain::Status{} : failed(decided.error());
}

}  // namespace strada::app
