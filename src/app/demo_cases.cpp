#include "app/demo_cases.h"

#include <array>
#include <string>
#include <string_view>

#include "app/demo_assessments.h"
#include "cases/case_entries.h"
#include "cases/case_referrals.h"
#include "cases/cases.h"
#include "cases/clients.h"

namespace strada::app {
namespace {

struct DemoClient {
  std::string_view name;
  std::string_view gender;
  std::string_view citizenship;
  std::string_view exploitation;
  std::string_view source;
  int stages;   // moves after intake: 0 intake ... 4 return_reintegration
  int closing;  // 0 open, 1 closure requested, 2 closed
};

constexpr std::array<DemoClient, 8> kClients = {{
    {"Mira Demova (demo)", "Feminine", "MD", "SexualExploitation", "police", 0, 0},
    {"Ion Exemplu (demo)", "Masculine", "RO", "ForcedLabour", "hotline", 1, 0},
    {"Olena Prykladna (demo)", "Feminine", "UA", "ForcedLabour", "ngo", 2, 0},
    {"Samir Example (demo)", "Masculine", "SY", "ForcedBegging", "social_worker", 3, 0},
    {"Ana Fictiva (demo)", "Feminine", "RO", "SexualExploitation", "border_guard", 4, 0},
    {"Lena Muster (demo)", "Feminine", "BG", "Servitude", "self", 3, 1},
    {"Petru Model (demo)", "Masculine", "MD", "ForcedLabour", "prosecutor", 3, 2},
    {"Daria Sample (demo)", "NonSpecifiedUnknown", "UA", "ForcedMarriage",
     "international_organisation", 4, 2},
}};

constexpr std::array<std::string_view, 4> kStages = {
    "identification", "first_assistance", "long_term_assistance", "return_reintegration"};

domain::Status failed(const domain::Error& e) { return tl::unexpected(e); }

domain::Status advance(const hotline::Context& ctx, const hotline::Actor& worker,
                       const hotline::Actor& supervisor, const DemoClient& d, const std::string& id,
                       std::int32_t version) {
  for (int i = 0; i < d.stages; ++i) {
    cases::StatusChange change{
        std::string(kStages[static_cast<std::size_t>(i)]), version, "", "", "", "", {}};
    if (i == 1) {
      change.reflection_start = "2024-02-01";
      change.reflection_end = "2024-04-30";
    }
    auto moved = cases::runToCompletion(cases::changeCaseStatus(ctx, worker, id, change));
    if (!moved) {
      return failed(moved.error());
    }
    version = moved->kase.version;
  }
  if (d.closing == 0) {
    return {};
  }
  const std::vector<store::InclusionOutcomeRow> outcomes{{"housing", "achieved"},
                                                         {"employment", "in_progress"}};
  auto requested = cases::runToCompletion(cases::changeCaseStatus(
      ctx, worker, id,
      {"closed", version, "goals_achieved", "independent_living", "", "", outcomes}));
  if (!requested) {
    return failed(requested.error());
  }
  if (d.closing == 1) {
    return {};
  }
  auto approved =
      cases::runToCompletion(cases::approveClosure(ctx, supervisor, id, requested->kase.version));
  return approved ? domain::Status{} : failed(approved.error());
}

// Consents to receive services, to record data and to be counted in anonymised statistics, given
// in writing, and a first note.
domain::Status recordDemoEntries(const hotline::Context& ctx, const hotline::Actor& worker,
                                 const std::string& case_id) {
  for (const char* kind : {"services", "record_data", "statistics"}) {
    cases::ConsentInput consent{kind, "", "", "written", "2024-01-15", "", ""};
    auto recorded = cases::runToCompletion(cases::recordConsent(ctx, worker, case_id, consent));
    if (!recorded) {
      return failed(recorded.error());
    }
  }
  auto note = cases::runToCompletion(
      cases::addNote(ctx, worker, case_id, "First meeting at the office; needs explained (demo)."));
  return note ? domain::Status{} : failed(note.error());
}

// The person's consent to share with another member organisation of the network, and a referral
// to one in their country of origin under it.
domain::Status referDemoCase(const hotline::Context& ctx, const hotline::Actor& worker,
                             const std::string& case_id) {
  cases::ConsentInput consent{"share", "", "member", "written", "2024-02-10", "", ""};
  auto recorded = cases::runToCompletion(cases::recordConsent(ctx, worker, case_id, consent));
  if (!recorded) {
    return failed(recorded.error());
  }
  cases::ReferralInput referral;
  referral.member_name = "Partner helpline Kyiv (demo)";
  referral.member_country = "UA";
  referral.purpose = "Support on return: housing and a job search (demo).";
  referral.referred_on = "2024-02-12";
  auto referred = cases::runToCompletion(cases::addReferral(ctx, worker, case_id, referral));
  return referred ? domain::Status{} : failed(referred.error());
}

}  // namespace

domain::Status addDemoCases(const hotline::Context& ctx, const hotline::Actor& case_worker,
                            const hotline::Actor& supervisor) {
  for (const auto& d : kClients) {
    domain::ClientPerson person;
    person.full_name = std::string(d.name);
    person.birth_date = "1996-06-15";
    domain::ClientCoded coded;
    coded.gender = std::string(d.gender);
    coded.citizenships = {std::string(d.citizenship)};
    coded.exploitation_types = {std::string(d.exploitation)};
    coded.trafficking_status = "PossibleVictimOfTrafficking";
    auto client = cases::runToCompletion(cases::createClient(ctx, case_worker, person, coded));
    if (!client) {
      return failed(client.error());
    }
    cases::CaseInput input{client->client.id, {std::string(d.source), "", "2024-01-15"}, {}, ""};
    auto opened = cases::runToCompletion(cases::createCase(ctx, case_worker, input));
    if (!opened) {
      return failed(opened.error());
    }
    if (auto s = recordDemoEntries(ctx, case_worker, opened->kase.id); !s) {
      return s;
    }
    if (auto s = d.citizenship == "UA" && d.stages == 2
                     ? referDemoCase(ctx, case_worker, opened->kase.id)
                     : domain::Status{};
        !s) {
      return s;
    }
    // Plans of the later stages wait for approval (long-term assistance) or are approved.
    if (auto s = addDemoAssessments(ctx, case_worker, supervisor, opened->kase.id, d.stages,
                                    d.stages == 4 || d.closing == 2);
        !s) {
      return s;
    }
    if (auto s = advance(ctx, case_worker, supervisor, d, opened->kase.id, opened->kase.version);
        !s) {
      return s;
    }
  }
  // A second record of the first person, registered although the search matched: an open
  // possible duplicate on the supervisor's approvals screen (issue 8, section 1).
  domain::ClientPerson again;
  again.full_name = std::string(kClients.front().name);
  if (auto duplicate = cases::runToCompletion(cases::createClient(ctx, case_worker, again, {}));
      !duplicate) {
    return failed(duplicate.error());
  }
  return {};
}

}  // namespace strada::app
