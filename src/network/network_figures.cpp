#include "network/network_figures.h"

#include <algorithm>
#include <set>

#include "reports/report_definition.h"
#include "store/network_repository.h"

namespace strada::network {
namespace {

constexpr int kFirstYear = 1990;
constexpr int kMaxSpan = 50;
constexpr std::size_t kMaxFigures = 100;

int currentYear() { return std::stoi(domain::formatRfc3339(domain::nowMillis()).substr(0, 4)); }

domain::Status checkYears(int from, int to, const char* from_field, const char* to_field) {
  const int now = currentYear();
  if (from < kFirstYear || from > now) {
    return domain::invalidField(from_field, "Choose a first year from 1990 to this year.");
  }
  if (to < from || to > now) {
    return domain::invalidField(to_field, "Choose a last year from the first year to this year.");
  }
  if (to - from + 1 > kMaxSpan) {
    return domain::invalidField(to_field, "Choose at most 50 years.");
  }
  return {};
}

domain::Status checkFigures(const std::vector<std::string>& figures, bool may_be_empty) {
  if ((!may_be_empty && figures.empty()) || figures.size() > kMaxFigures) {
    return domain::invalidField("figures", "Choose 1 to 100 figures of the report's definition.");
  }
  std::set<std::string, std::less<>> seen;
  for (const std::string& f : figures) {
    if (reports::groupOfFigure(f) == nullptr || !seen.insert(f).second) {
      return domain::invalidField("figures", "Choose figures of the report's definition, once.");
    }
  }
  return {};
}

// The members whose figures count: every member but the hub and pending join requests.
std::vector<OverviewMember> membersOf(const std::vector<store::NetworkMember>& registry,
                                      const std::string& country,
                                      const std::vector<std::string>& only) {
  std::vector<OverviewMember> out;
  for (const store::NetworkMember& m : registry) {
    if (m.is_hub || m.status == "pending" || (!country.empty() && m.country != country)) {
      continue;
    }
    if (!only.empty() && std::find(only.begin(), only.end(), m.code) == only.end()) {
      continue;
    }
    out.push_back(OverviewMember{m.code, m.name, m.country});
  }
  return out;
}

// The overview of `members` over years [from, to] and `figures`, in one read.
domain::Result<Overview> readOverview(store::Database& db, int from, int to,
                                      const std::vector<std::string>& figures,
                                      const std::string& country,
                                      const std::vector<std::string>& only) {
  domain::Result<std::vector<store::NetworkMember>> registry;
  domain::Result<std::vector<store::OverviewCell>> cells;
  db.read([&](soci::session& sql) {
    registry = store::listNetworkMembers(sql);
    if (registry) {
      cells = store::overviewCells(sql, from, to, figures);
    }
  });
  if (!registry) {
    return tl::unexpected(registry.error());
  }
  if (!cells) {
    return tl::unexpected(cells.error());
  }
  return buildOverview(from, to, figures, membersOf(*registry, country, only), *cells);
}

}  // namespace

domain::Result<Overview> networkOverview(store::Database& db, const hotline::Actor& actor,
                                         const OverviewRequest& request) {
  if (auto may = policy::require(actor.principal, policy::Permission::kNetworkOverviewRead); !may) {
    return tl::unexpected(may.error());
  }
  if (auto years = checkYears(request.from, request.to, "from", "to"); !years) {
    return tl::unexpected(years.error());
  }
  if (auto figures = checkFigures(request.figures, true); !figures) {
    return tl::unexpected(figures.error());
  }
  if (!request.country.empty() &&
      (request.country.size() != 2 || !std::all_of(request.country.begin(), request.country.end(),
                                                   [](char c) { return c >= 'A' && c <= 'Z'; }))) {
    return domain::invalidField("country", "Choose a country by its two-letter code, e.g. NL.");
  }
  const std::vector<std::string>& figures =
      request.figures.empty() ? headlineFigures() : request.figures;
  auto overview = readOverview(db, request.from, request.to, figures, request.country, {});
  if (!overview || request.format == "json") {
    return overview;
  }
  // A download leaves the screen: recorded.
  const std::string object = "from=" + std::to_string(request.from) +
                             ";to=" + std::to_string(request.to) + ";format=" + request.format;
  auto recorded = db.write([&](store::WriteContext& w) {
    return w.audit(actor.entry(audit::AuditAction::kNetworkOverviewRead, object));
  });
  if (!recorded) {
    return tl::unexpected(recorded.error());
  }
  return overview;
}

domain::Result<store::Publication> readPublication(store::Database& db,
                                                   const hotline::Actor& actor) {
  if (auto may = policy::require(actor.principal, policy::Permission::kNetworkOverviewRead); !may) {
    return tl::unexpected(may.error());
  }
  domain::Result<store::Publication> out;
  db.read([&](soci::session& sql) { out = store::readPublication(sql); });
  return out;
}

domain::Result<store::Publication> changePublication(store::Database& db,
                                                     const hotline::Actor& actor,
                                                     store::Publication publication,
                                                     int expected_version) {
  if (auto may = policy::require(actor.principal, policy::Permission::kNetworkPublicationManage);
      !may) {
    return tl::unexpected(may.error());
  }
  if (auto years = checkYears(publication.year_from, publication.year_to, "year_from", "year_to");
      !years) {
    return tl::unexpected(years.error());
  }
  if (auto figures = checkFigures(publication.figures, false); !figures) {
    return tl::unexpected(figures.error());
  }
  std::sort(publication.figures.begin(), publication.figures.end());
  std::sort(publication.members.begin(), publication.members.end());
  publication.members.erase(std::unique(publication.members.begin(), publication.members.end()),
                            publication.members.end());
  publication.updated_by = actor.principal.user_id;
  auto status = db.write([&](store::WriteContext& w) -> domain::Status {
    auto registry = store::listNetworkMembers(w.sql());
    if (!registry) {
      return tl::unexpected(registry.error());
    }
    for (const std::string& code : publication.members) {
      const bool known =
          std::any_of(registry->begin(), registry->end(), [&](const store::NetworkMember& m) {
            return m.code == code && !m.is_hub && m.status != "pending";
          });
      if (!known) {
        return domain::invalidField("members", "Choose members of the network.");
      }
    }
    if (auto written = store::writePublication(w, publication, expected_version); !written) {
      return written;
    }
    return w.audit(actor.entry(audit::AuditAction::kNetworkPublicationChange,
                               "years=" + std::to_string(publication.year_from) + "-" +
                                   std::to_string(publication.year_to)));
  });
  if (!status) {
    return tl::unexpected(status.error());
  }
  domain::Result<store::Publication> out;
  db.read([&](soci::session& sql) { out = store::readPublication(sql); });
  return out;
}

domain::Result<Overview> publishedFigures(store::Database& db) {
  domain::Result<store::Publication> p;
  db.read([&](soci::session& sql) { p = store::readPublication(sql); });
  if (!p) {
    return tl::unexpected(p.error());
  }
  if (p->version == 0 || p->figures.empty() || p->members.empty()) {
    return Overview{};
  }
  return readOverview(db, p->year_from, p->year_to, p->figures, "", p->members);
}

}  // namespace strada::network
