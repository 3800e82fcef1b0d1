#include "app/demo_contacts.h"

#include <algorithm>
#include <string_view>
#include <utility>
#include <vector>

#include "app/demo_generate.h"
#include "crypto/crypto.h"
#include "domain/codes.h"
#include "hotline/contact_import.h"

namespace strada::app {
namespace {

// Shares seen in published hotline reports: mostly phone, many calls from possible victims and
// their families, a large share about safe migration, a quarter of contacts without content.
const Weighted kChannels = {
    {"phone", 58},       {"chat", 14},   {"email", 9}, {"messaging_app", 10},
    {"social_media", 4}, {"walk_in", 2}, {"sms", 2},   {"letter", 1}};
const Weighted kCallers = {{"possible_victim", 34},
                           {"family_member", 22},
                           {"friend", 8},
                           {"partner", 4},
                           {"community_member", 7},
                           {"professional_ngo", 6},
                           {"professional_social_worker", 5},
                           {"professional_police", 3},
                           {"professional_embassy", 2},
                           {"client", 1},
                           {"employer", 1},
                           {"unknown", 7}};
const Weighted kNonData = {{"silent", 30}, {"hang_up", 30}, {"wrong_number", 15}, {"prank", 10},
                           {"abusive", 5}, {"test", 2},     {"missed", 8}};
const Weighted kCategories = {{"safe_migration", 35},
                              {"general_information", 20},
                              {"tip", 10},
                              {"crisis", 5},
                              {"referral_request", 8},
                              {"follow_up", 8},
                              {"professional_consultation", 7},
                              {"training_request", 2},
                              {"related_not_trafficking", 5}};
const Weighted kDestinations = {{"DE", 20}, {"NL", 15}, {"GB", 10}, {"IT", 8}, {"ES", 8},
                                {"FR", 6},  {"BE", 5},  {"PL", 5},  {"AT", 4}, {"CZ", 3},
                                {"US", 3},  {"AE", 3},  {"TR", 3},  {"IL", 2}, {"SE", 2}};
const Weighted kExploitation = {
    {"ForcedLabour", 50},  {"SexualExploitation", 30}, {"Servitude", 5}, {"ForcedBegging", 5},
    {"ForcedMarriage", 4}, {"ChildLabour", 3},         {"Other", 3}};
const Weighted kIndustries = {
    {"A_AgricultureForestryAndFishing", 30},         {"F_Construction", 20},
    {"I_AccommodationAndFoodServiceActivities", 20}, {"C_Manufacturing", 10},
    {"T_ActivitiesOfHouseholdsAsEmployers", 10},     {"H_TransportationAndStorage", 10}};
const Weighted kOutcomes = {{"resolved", 40},
                            {"referred", 15},
                            {"follow_up_planned", 10},
                            {"case_opened", 3},
                            {"reported_to_authorities", 2},
                            {"caller_declined", 5},
                            {"incomplete", 5},
                            {"no_action_needed", 20}};
const Weighted kAssistance = {{"destination_info", 30}, {"safety_tips", 25},
                              {"useful_numbers", 15},   {"emotional_support", 10},
                              {"plan_of_action", 8},    {"agency_referral", 6},
                              {"legal_support", 3},     {"crisis_intervention", 3}};
const Weighted kGenders = {{"Feminine", 55}, {"Masculine", 40}, {"NonSpecifiedUnknown", 5}};
const Weighted kAgeBands = {{"age_18_24", 25}, {"age_25_34", 30}, {"age_35_44", 20},
                            {"age_45_54", 10}, {"age_0_17", 5},   {"unknown", 10}};

constexpr std::array<std::string_view, 10> kSummaries = {
    "Asked how to check a job offer in agriculture abroad; gave the destination country sheet "
    "and safety tips.",
    "Mother worried about her daughter who stopped answering after leaving for work in a "
    "restaurant; discussed options and agreed a follow-up call.",
    "Caller's passport is held by the employer; explained rights at work and the embassy "
    "number.",
    "Student planning to study abroad asked about visa rules and how to recognise fake agencies.",
    "Caller works long hours in construction without pay for three months; made a plan of "
    "action and referred to a legal service.",
    "Social worker asked for the referral procedure for a possible victim in a shelter.",
    "Friend reported a situation in a nail salon; took the details of the tip and explained the "
    "next steps.",
    "Caller feels unsafe and wants to leave; made a safety plan and organised a shelter place.",
    "Question about marrying a foreign partner met online; gave information and safety tips.",
    "Follow-up of an earlier call: the caller returned home safely and thanked the team.",
};

// 1 to `most` distinct codes.
std::vector<std::string> pickSome(std::mt19937& rng, const Weighted& w, int most) {
  const int n = std::uniform_int_distribution<int>(1, most)(rng);
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) {
    std::string code(pick(rng, w));
    if (std::find(out.begin(), out.end(), code) == out.end()) {
      out.push_back(std::move(code));
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

domain::Contact makeContact(std::mt19937& rng, const DemoContactsSpec& spec, domain::UnixMillis now,
                            domain::UnixMillis span) {
  std::uniform_int_distribution<domain::UnixMillis> when(now - span, now - 3600000);
  std::lognormal_distribution<double> minutes(1.9, 0.8);
  const auto chance = [&rng](double p) { return std::bernoulli_distribution(p)(rng); };

  domain::Contact c;
  auto& d = c.data;
  c.id = crypto::newId();
  c.org_id = spec.org_id;
  c.created_by = chance(0.1) ? spec.supervisor_id : spec.consultant_id;
  d.started_at = when(rng);
  c.created_at = d.started_at + 60000;
  c.updated_at = c.created_at;
  c.finalised_at = c.created_at;
  c.code_version = std::string(domain::codesVersion());
  d.channel = std::string(pick(rng, kChannels));
  if (chance(0.25)) {
    d.kind = std::string(domain::kKindNonData);
    d.non_data_type = std::string(pick(rng, kNonData));
    d.duration_s = std::uniform_int_distribution<std::int32_t>(0, 60)(rng);
    return c;
  }
  d.duration_s = static_cast<std::int32_t>(std::min(7200.0, 60.0 * minutes(rng)));
  d.category = std::string(pick(rng, kCategories));
  d.caller_type = std::string(pick(rng, kCallers));
  d.anonymous = !chance(0.15);
  d.language = spec.languages[chance(0.25) ? 1 : 0];
  if (chance(0.5)) {
    d.caller_gender = std::string(pick(rng, kGenders));
    d.caller_age_band = std::string(pick(rng, kAgeBands));
  }
  d.caller_country = chance(0.8) ? spec.country : std::string(pick(rng, kDestinations));
  if (chance(0.6)) {
    d.destination_country = std::string(pick(rng, kDestinations));
  }
  const bool about_a_case =
      d.category == "tip" || d.category == "crisis" || d.category == "referral_request";
  if (about_a_case && chance(0.7)) {
    d.exploitation = pickSome(rng, kExploitation, 2);
    if (std::find(d.exploitation.begin(), d.exploitation.end(), "ForcedLabour") !=
        d.exploitation.end()) {
      d.industry = pickSome(rng, kIndustries, 1);
    }
  }
  d.imminent_danger = d.category == "crisis" ? chance(0.4) : chance(0.005);
  d.assistance = pickSome(rng, kAssistance, 3);
  d.outcome = std::string(pick(rng, kOutcomes));
  if (d.outcome == "follow_up_planned") {
    d.follow_up_needed = true;
    d.follow_up_due = d.started_at + std::uniform_int_distribution<domain::UnixMillis>(
                                         86400000, 7 * 86400000LL)(rng);
    if (*d.follow_up_due < now && chance(0.95)) {
      c.follow_up_done_at = *d.follow_up_due;
    }
  }
  std::uniform_int_distribution<std::size_t> story(0, kSummaries.size() - 1);
  d.summary = std::string(kSummaries[story(rng)]);
  return c;
}

}  // namespace

domain::Status addDemoContacts(const hotline::Context& ctx, const DemoContactsSpec& spec,
                               std::mt19937& rng,
                               const std::function<void(std::int64_t)>& inserted) {
  const domain::UnixMillis now = ctx.clock();
  const domain::UnixMillis span = static_cast<domain::UnixMillis>(spec.years) * 365 * 86400000LL;
  return generateInJobs(
      spec.count, kDemoContactsPerJob, [&] { return makeContact(rng, spec, now, span); },
      [&ctx](std::vector<domain::Contact> contacts) {
        // The rollup is rebuilt in bulk once every contact is in (store::rebuildContactStats).
        return hotline::runToCompletion(hotline::importContacts(ctx, std::move(contacts), false));
      },
      inserted);
}

}  // namespace strada::app
