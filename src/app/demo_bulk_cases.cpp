#include "app/demo_bulk_cases.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>
#include <utility>
#include <vector>

#include "app/demo_generate.h"
#include "cases/case_import.h"
#include "crypto/crypto.h"

namespace strada::app {
namespace {

constexpr domain::UnixMillis kDay = 86'400'000;

// Codes with their weights written "code:weight code:weight ...": views into `spec`, a literal.
Weighted weights(std::string_view spec) {
  Weighted out;
  std::size_t at = 0;
  while ((at = spec.find_first_not_of(' ', at)) != std::string_view::npos) {
    const std::size_t end = std::min(spec.find(' ', at), spec.size());
    const std::string_view item = spec.substr(at, end - at);
    const std::size_t colon = item.find(':');
    out.emplace_back(item.substr(0, colon), std::stoi(std::string(item.substr(colon + 1))));
    at = end;
  }
  return out;
}

std::string pickCode(std::mt19937& rng, const Weighted& w) { return std::string(pick(rng, w)); }

// Where the cases stand, with the mean of entries (services and notes) a case of that stage has.
struct Stage {
  std::string_view status;
  int share;
  int moves;  // stage changes after intake (closed: from long-term assistance)
  double mean_entries;
};
constexpr std::array<Stage, 6> kStages = {{
    {"intake", 8, 0, 2.0},
    {"identification", 10, 1, 4.5},
    {"first_assistance", 15, 2, 8.5},
    {"long_term_assistance", 30, 3, 17.0},
    {"return_reintegration", 12, 4, 21.0},
    {"closed", 25, 3, 15.0},
}};
constexpr std::array<std::string_view, 4> kMoves = {"identification", "first_assistance",
                                                    "long_term_assistance", "return_reintegration"};

const Weighted kSources = weights(
    "police:20 hotline:18 ngo:15 social_worker:10 border_guard:8 self:8 "
    "prosecutor:5 health_service:4 international_organisation:4 "
    "family_or_friend:4 immigration_service:2 other:2 ");
const Weighted kGenders = weights("Feminine:58 Masculine:38 NonSpecifiedUnknown:4 ");
const Weighted kExploitation = weights(
    "ForcedLabour:45 SexualExploitation:38 Servitude:5 ForcedBegging:4 "
    "ForcedMarriage:4 Other:4 ");
const Weighted kIndustries = weights(
    "A_AgricultureForestryAndFishing:30 F_Construction:25 "
    "I_AccommodationAndFoodServiceActivities:20 C_Manufacturing:15 "
    "T_ActivitiesOfHouseholdsAsEmployers:10 ");
const Weighted kTraffickingStatus = weights(
    "PossibleVictimOfTrafficking:55 ActualVictimOfTrafficking:40 "
    "NotAVictimOfTrafficking:5 ");
const Weighted kRecruitment = weights(
    "ThroughFriendsOrSocialEvents:30 ThroughOnlineSocialNetworks:25 "
    "ThroughAnOnlineAdvertisement:20 ThroughFamilyOrFamilyEvents:15 ");
const Weighted kControl = weights(
    "DebtBondage:25 WithholdsDocuments:25 PhysicalThreats:15 "
    "TakesEarnings:15 FalsePromises:10 PsychologicalAbuse:10 ");
const Weighted kDestinations = weights("DE:25 NL:15 GB:12 IT:10 ES:10 PL:8 AT:6 AE:7 TR:7 ");
const Weighted kServices = weights(
    "social:20 psychological:12 health_care:12 legal_aid:12 shelter:10 "
    "interpretation:6 financial_support:6 document_restoration:5 "
    "court_support:4 employment_support:4 education_training:4 "
    "family_contact:3 crisis_intervention:2 ");
const Weighted kServiceOutcomes =
    weights("completed:60 ongoing:20 referred_on:10 declined:5 not_delivered:5 ");
const Weighted kClosureReasons = weights(
    "goals_achieved:45 returned_home:15 lost_contact:15 client_withdrew:10 "
    "referred_elsewhere:10 relocated:5 ");
const Weighted kClosureOutcomes = weights(
    "independent_living:35 employed:20 reintegrated_with_family:20 "
    "social_protection:10 referred_ongoing:5 unknown:10 ");

constexpr std::array<std::string_view, 12> kFirstNames = {"Ana",    "Ion",   "Olena", "Mira",
                                                          "Petru",  "Daria", "Samir", "Lena",
                                                          "Andrei", "Iryna", "Maria", "Bogdan"};
constexpr std::array<std::string_view, 12> kLastNames = {
    "Demova",  "Exemplu", "Prykladna", "Model",     "Sample",   "Muster",
    "Fictiva", "Probna",  "Testova",   "Imaginara", "Vygadana", "Inventata"};
constexpr std::array<std::string_view, 8> kNotes = {
    "Met the client at the office; went through the needs together (demo).",
    "Phone call: the client is settled in the shelter and sleeps better (demo).",
    "Accompanied the client to the hospital appointment (demo).",
    "Lawyer explained the residence permit procedure; next meeting agreed (demo).",
    "Client asked for help contacting the family at home (demo).",
    "Reviewed the plan: two goals reached, one moved to next month (demo).",
    "Interpreter joined; the client described the working conditions (demo).",
    "Client missed the appointment; reached by phone, new date set (demo).",
};

std::string dayOf(domain::UnixMillis at) { return domain::formatCalendarDate(at / kDay); }

// A time between `from` and `to` (to > from).
domain::UnixMillis between(std::mt19937& rng, domain::UnixMillis from, domain::UnixMillis to) {
  return std::uniform_int_distribution<domain::UnixMillis>(from, std::max(from, to))(rng);
}

const Stage& pickStage(std::mt19937& rng) {
  int roll = std::uniform_int_distribution<int>(1, 100)(rng);
  for (const auto& s : kStages) {
    roll -= s.share;
    if (roll <= 0) {
      return s;
    }
  }
  return kStages.back();
}

std::string phoneIn(std::mt19937& rng, std::string_view country) {
  const auto digits = std::uniform_int_distribution<int>(10'000'000, 99'999'999)(rng);
  if (country == "NL") {
    return "+316" + std::to_string(digits);
  }
  if (country == "RO") {
    return "+407" + std::to_string(digits);
  }
  return "+3806" + std::to_string(digits);
}

void fillClient(std::mt19937& rng, const DemoCasesSpec& spec, domain::UnixMillis opened,
                domain::Client& c) {
  const auto chance = [&rng](double p) { return std::bernoulli_distribution(p)(rng); };
  std::uniform_int_distribution<std::size_t> name(0, kFirstNames.size() - 1);
  c.id = crypto::newId();
  c.org_id = spec.org_id;
  c.created_by = spec.case_worker_id;
  c.created_at = opened;
  c.person.full_name =
      std::string(kFirstNames[name(rng)]) + " " + std::string(kLastNames[name(rng)]) + " (demo)";
  const auto year = static_cast<std::int32_t>(
      1960 + std::lround(std::min(45.0, std::max(0.0, std::normal_distribution<>(32, 9)(rng)))));
  c.person.birth_date = std::to_string(year) + "-0" + std::to_string(1 + rng() % 9) + "-1" +
                        std::to_string(rng() % 10);
  if (chance(0.6)) {
    c.person.phones.push_back(phoneIn(rng, spec.country));
  }
  domain::ClientCoded& k = c.coded;
  k.gender = pickCode(rng, kGenders);
  k.birth_year = year;
  k.citizenships = {chance(0.7) ? spec.country : pickCode(rng, kDestinations)};
  k.primary_language = spec.language;
  k.trafficking_status = pickCode(rng, kTraffickingStatus);
  k.exploitation_types = {pickCode(rng, kExploitation)};
  if (k.exploitation_types[0] == "ForcedLabour") {
    k.industries = {pickCode(rng, kIndustries)};
  }
  k.recruitment_methods = {pickCode(rng, kRecruitment)};
  k.control_methods = {pickCode(rng, kControl)};
  k.countries_origin = k.citizenships;
  k.countries_exploitation = {pickCode(rng, kDestinations)};
}

// The stage moves of `c` from its opening to `stage`, spread up to `now`; the closure approved.
void fillHistory(std::mt19937& rng, const DemoCasesSpec& spec, const Stage& stage,
                 domain::UnixMillis now, cases::ImportedCase& c) {
  domain::Case& k = c.kase;
  domain::UnixMillis at = k.created_at;
  std::string from(domain::kCaseIntake);
  const auto step = [&](const std::string& to, std::string kind, std::string by,
                        std::string reason) {
    at = between(rng, at + 3600000, at + (now - at) / 3);
    c.moves.push_back({"", "", from, to, std::move(kind), at, std::move(by), std::move(reason)});
    from = to;
  };
  for (int i = 0; i < stage.moves; ++i) {
    step(std::string(kMoves[static_cast<std::size_t>(i)]), "status_change", spec.case_worker_id,
         "");
    if (i == 1) {
      k.reflection_start = dayOf(at);
      k.reflection_end = dayOf(at + 90 * kDay);
    }
  }
  if (stage.status == domain::kCaseClosed) {
    domain::CaseClosure closure{pickCode(rng, kClosureReasons),
                                pickCode(rng, kClosureOutcomes),
                                spec.case_worker_id,
                                0,
                                spec.supervisor_id,
                                0};
    const std::string stayed = from;
    step("closed", "closure_request", spec.case_worker_id, closure.reason);
    closure.requested_at = at;
    from = stayed;
    step("closed", "closure_approve", spec.supervisor_id, closure.reason);
    closure.approved_at = at;
    k.closure = closure;
  }
  k.status = std::string(stage.status);
  k.updated_at = at;
}

// Three consents (services, recording data, anonymised statistics), then services and notes over
// the case's life (their number by stage, skewed).
void fillEntries(std::mt19937& rng, const DemoCasesSpec& spec, const Stage& stage,
                 domain::UnixMillis now, cases::ImportedCase& c) {
  const domain::Case& k = c.kase;
  const std::string opened_on = dayOf(k.created_at);
  for (const char* kind : {"services", "record_data", "statistics"}) {
    c.consents.push_back({{kind, "", "", rng() % 4 == 0 ? "oral" : "written", opened_on, "", ""},
                          spec.case_worker_id,
                          k.created_at});
  }
  constexpr double kSigma = 0.8;
  std::lognormal_distribution<double> spread(std::log(stage.mean_entries) - kSigma * kSigma / 2,
                                             kSigma);
  const auto entries = std::min(400L, std::lround(spread(rng)));
  const domain::UnixMillis last = k.status == domain::kCaseClosed ? k.updated_at : now - kDay;
  for (long i = 0; i < entries; ++i) {
    const domain::UnixMillis at = between(rng, k.created_at, last);
    if (rng() % 100 < 55) {
      cases::ServiceInput s;
      s.type = pickCode(rng, kServices);
      s.started_on = dayOf(at);
      s.duration_minutes = 30 + static_cast<std::int32_t>(rng() % 180);
      s.outcome = pickCode(rng, kServiceOutcomes);
      if (s.outcome == "completed") {
        s.ended_on = dayOf(std::min(last, at + static_cast<domain::UnixMillis>(rng() % 30) * kDay));
      }
      c.services.push_back({std::move(s), spec.case_worker_id, at});
    } else {
      c.notes.push_back({spec.case_worker_id, at, std::string(kNotes[rng() % kNotes.size()])});
    }
  }
}

// A case opened between `earliest` and two days before `now`.
cases::ImportedCase makeCase(std::mt19937& rng, const DemoCasesSpec& spec, domain::UnixMillis now,
                             domain::UnixMillis earliest) {
  cases::ImportedCase c;
  const domain::UnixMillis opened = between(rng, earliest, now - 2 * kDay);
  fillClient(rng, spec, opened, c.client);
  domain::Case& k = c.kase;
  k.id = crypto::newId();
  k.assigned_to = spec.case_worker_id;
  k.referral = {pickCode(rng, kSources), "",
                dayOf(opened - static_cast<domain::UnixMillis>(rng() % 5) * kDay)};
  k.opened_on = dayOf(opened);
  k.created_by = spec.case_worker_id;
  k.created_at = k.updated_at = opened;
  const Stage& stage = pickStage(rng);
  fillHistory(rng, spec, stage, now, c);
  fillEntries(rng, spec, stage, now, c);
  return c;
}

}  // namespace

domain::Status addDemoBulkCases(const hotline::Context& ctx, const DemoCasesSpec& spec,
                                std::mt19937& rng,
                                const std::function<void(std::int64_t)>& inserted) {
  auto write = [&ctx](std::vector<cases::ImportedCase> batch) {
    return cases::runToCompletion(cases::importCases(ctx, std::move(batch)));
  };
  const domain::UnixMillis now = ctx.clock();
  const domain::UnixMillis earliest =
      now - static_cast<domain::UnixMillis>(spec.years) * 365 * kDay;
  auto make = [&rng, &spec, now, earliest] { return makeCase(rng, spec, now, earliest); };
  return generateInJobs(spec.count, kDemoCasesPerJob, make, write, inserted);
}

}  // namespace strada::app
