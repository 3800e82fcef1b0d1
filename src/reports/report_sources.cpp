#include "reports/report_sources.h"

#include <algorithm>

#include "cases/case_stats.h"
#include "domain/contact.h"
#include "domain/time.h"
#include "store/organisation_repository.h"
#include "store/report_repository.h"

namespace strada::reports {
namespace {

// Referral sources of a case opened on another organisation's referral: across the border when
// it came from an international organisation, national otherwise. Self-referrals, the own
// hotline, family and friends are no referral in.
constexpr std::string_view kNationalReferralSources[] = {"ngo",
                                                         "social_worker",
                                                         "police",
                                                         "border_guard",
                                                         "prosecutor",
                                                         "health_service",
                                                         "central_government",
                                                         "local_government",
                                                         "immigration_service",
                                                         "legal_service",
                                                         "business",
                                                         "school"};
// From abroad: an international organisation, or another member of the network (a referral
// accepted from its inbox, network/referrals.h).
constexpr std::string_view kCrossBorderReferralSources[] = {"international_organisation",
                                                            "network_member"};

// Contact figures: the total, data and non-data, and the three breakdowns by their codes.
void addContactFigures(const ReportSources& s, std::map<std::string, std::int64_t>& raw) {
  for (const auto& cell : s.contact_totals) {
    if (cell.dimension == "total") {
      raw["contacts.total"] += cell.n;
    } else if (cell.code == domain::kKindData) {
      raw["contacts.data"] += cell.n;
    } else if (cell.code == domain::kKindNonData) {
      raw["contacts.non_data"] += cell.n;
    }
  }
  const std::pair<std::string_view, std::string_view> dimensions[] = {
      {"category", "contacts.by_category."},
      {"channel", "contacts.by_channel."},
      {"caller_type", "contacts.by_caller_role."}};
  for (const auto& cell : s.contact_breakdowns) {
    for (const auto& [dimension, prefix] : dimensions) {
      if (cell.dimension == dimension) {
        raw[std::string(prefix) + cell.code] += cell.n;
      }
    }
  }
}

std::int64_t countOf(const hotline::StatsBreakdowns& breakdowns, std::string_view dimension,
                     std::string_view code) {
  for (const auto& [name, cells] : breakdowns) {
    if (name != dimension) {
      continue;
    }
    for (const auto& cell : cells) {
      if (cell.code == code) {
        return cell.n.n;
      }
    }
  }
  return 0;
}

// People assisted (open at some time during the period), new (opened in it) and ongoing, their
// breakdowns, services, returns and cases in proceedings: the case statistics of the period.
void addCaseFigures(const ReportSources& s, const Period& period,
                    std::map<std::string, std::int64_t>& raw) {
  const std::int64_t first = domain::monthStartDay(period.first_day);
  const std::int64_t last = domain::monthStartDay(period.last_day);
  const cases::CaseStats stats =
      cases::caseStatsOf(s.cases, first, last, hotline::Granularity::kYear);
  raw["people.total"] = stats.totals.assisted.n;
  raw["people.new"] = stats.totals.opened.n;
  raw["people.ongoing"] = stats.totals.assisted.n - stats.totals.opened.n;
  raw["services.total"] = stats.totals.services.n;
  const std::pair<std::string_view, std::string_view> dimensions[] = {
      {"gender", "people.by_gender."},
      {"age_band", "people.by_age_band."},
      {"exploitation", "people.by_exploitation."},
      {"service_type", "services.by_type."}};
  for (const auto& [dimension, cells] : stats.breakdowns) {
    for (const auto& [name, prefix] : dimensions) {
      if (dimension == name) {
        for (const auto& cell : cells) {
          raw[std::string(prefix) + cell.code] += cell.n.n;
        }
      }
    }
    if (dimension == "citizenship") {
      for (const auto& cell : cells) {
        const bool national = !s.org_country.empty() && cell.code == s.org_country;
        raw[std::string("people.by_citizenship_group.") +
            std::string(national ? kCitizenshipNational : kCitizenshipForeign)] += cell.n.n;
      }
    }
  }
  raw["returns"] = countOf(stats.breakdowns, "service_type", "return_reintegration");
  raw["cases.in_proceedings"] = countOf(stats.breakdowns, "in_proceedings", "yes");
  // Referrals in: cases opened in the period, by where they were referred from.
  for (const auto& sum : s.cases.sums) {
    if (sum.measure != "opened" || sum.dimension != "referral_source") {
      continue;
    }
    const std::int64_t n = sum.up_to_end - sum.before_start;
    if (std::find(std::begin(kCrossBorderReferralSources), std::end(kCrossBorderReferralSources),
                  sum.code) != std::end(kCrossBorderReferralSources)) {
      raw["referrals.in.cross_border"] += n;
    } else if (std::find(std::begin(kNationalReferralSources), std::end(kNationalReferralSources),
                         sum.code) != std::end(kNationalReferralSources)) {
      raw["referrals.in.national"] += n;
    }
  }
}

}  // namespace

domain::Result<ReportSources> readReportSources(soci::session& sql, const std::string& org_id,
                                                const Period& period) {
  ReportSources out;
  auto org = store::findOrganisationById(sql, org_id);
  if (!org) {
    return tl::unexpected(org.error());
  }
  out.org_country = *org ? (*org)->country : std::string();
  auto totals = store::statsSeries(sql, org_id, period.first_day, period.last_day,
                                   store::StatsSeriesUnit::kMonth);
  auto breakdowns = store::statsBreakdowns(sql, org_id, period.first_day, period.last_day);
  auto cases = store::readCaseStatsRollup(sql, org_id, domain::monthStartDay(period.first_day),
                                          domain::monthStartDay(period.last_day));
  const std::string first = period.start();
  const std::string last = Period{period.kind, period.last_day, period.last_day}.start();
  auto referrals = store::outgoingReferralsByCountry(sql, org_id, first, last);
  auto network_referrals =
      store::outgoingNetworkReferralsByCountry(sql, org_id, period.first_day, period.last_day);
  auto settings = store::readReportSettings(sql, org_id);
  auto trainings = store::countHeldTrainings(sql, org_id, first, last);
  if (!totals || !breakdowns || !cases || !referrals || !network_referrals || !settings ||
      !trainings) {
    return tl::unexpected(!totals              ? totals.error()
                          : !breakdowns        ? breakdowns.error()
                          : !cases             ? cases.error()
                          : !referrals         ? referrals.error()
                          : !network_referrals ? network_referrals.error()
                          : !settings          ? settings.error()
                                               : trainings.error());
  }
  out.trainings = std::move(*trainings);
  referrals->insert(referrals->end(), network_referrals->begin(), network_referrals->end());
  out.settings = std::move(*settings);
  out.contact_totals = std::move(*totals);
  out.contact_breakdowns = std::move(*breakdowns);
  out.cases = std::move(*cases);
  out.referrals_out = std::move(*referrals);
  return out;
}

std::map<std::string, std::int64_t> rawFigures(const ReportSources& sources, const Period& period) {
  std::map<std::string, std::int64_t> raw;
  addContactFigures(sources, raw);
  addCaseFigures(sources, period, raw);
  // Referrals out: national when the target is in the organisation's own country (or its country
  // is not recorded), across the border otherwise.
  for (const auto& [country, n] : sources.referrals_out) {
    const bool national = country.empty() || country == sources.org_country;
    raw[national ? "referrals.out.national" : "referrals.out.cross_border"] += n;
  }
  // Trainings given: the held courses that began in the period, and their participants by
  // audience (a course of two audiences counts once in trainings.courses).
  for (const auto& count : sources.trainings) {
    if (count.audience.empty()) {
      raw["trainings.courses"] += count.courses;
      raw["trainings.participants"] += count.participants;
    } else {
      raw["trainings.by_audience." + count.audience] += count.participants;
    }
  }
  return raw;
}

}  // namespace strada::reports
