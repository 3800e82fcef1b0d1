// `strada demo`: a small network that looks like the real thing, for trying Strada out.
// Every name, number and story here is invented.
#include <algorithm>
#include <array>
#include <iostream>
#include <random>

#include "admin/organisations.h"
#include "app/commands.h"
#include "app/demo_bulk_cases.h"
#include "app/demo_cases.h"
#include "app/demo_contacts.h"
#include "app/demo_content.h"
#include "app/demo_pages.h"
#include "crypto/crypto.h"
#include "crypto/password.h"
#include "domain/codes.h"
#include "store/case_stats_facts.h"
#include "store/contact_stats.h"
#include "store/repositories.h"

namespace strada::app {
namespace {

// One shared, printed password: these accounts exist to be tried out. Never run a demo folder
// with real data.
constexpr std::string_view kDemoPassword = "strada-demo-2026";

struct DemoOrg {
  std::string_view code;
  std::string_view name;
  std::string_view country;
  std::array<std::string_view, 2> languages;
  std::string_view domain;
  double share;  // of all contacts
};

constexpr std::array<DemoOrg, 3> kOrgs = {{
    {"NL", "Hotline Noord (demo)", "NL", {"nl", "en"}, "nl.demo.example", 0.40},
    {"RO", "Linia Sperantei (demo)", "RO", {"ro", "en"}, "ro.demo.example", 0.35},
    {"UA", "Nadiya Line (demo)", "UA", {"uk", "ru"}, "ua.demo.example", 0.25},
}};

struct DemoUser {
  std::string_view local;
  std::string_view name;
  domain::Role role;
};

constexpr std::array<DemoUser, 7> kUsers = {{
    {"consultant", "Demo Consultant", domain::Role::kConsultant},
    {"caseworker", "Demo Case Worker", domain::Role::kCaseWorker},
    {"supervisor", "Demo Supervisor", domain::Role::kSupervisor},
    {"dataofficer", "Demo Data Officer", domain::Role::kDataOfficer},
    {"admin", "Demo Administrator", domain::Role::kOrgAdmin},
    {"coordinator", "Demo Network Coordinator", domain::Role::kNetworkCoordinator},
    // A second case worker of each organisation: someone to transfer a case to.
    {"caseworker2", "Demo Case Worker Two", domain::Role::kCaseWorker},
}};

// The contacts' shares and stories live in app/demo_contacts.cpp.

std::string demoEmail(const DemoUser& u, const DemoOrg& o) {
  return std::string(u.local) + "@" + std::string(o.domain);
}

void printLogins() {
  std::cout << "Demo logins (password for all: " << kDemoPassword << "):\n";
  for (const auto& o : kOrgs) {
    std::cout << "  " << o.code << "  " << demoEmail(kUsers[0], o) << "  (consultant)\n";
  }
  std::cout << "  Other roles: supervisor@, dataofficer@, caseworker@, caseworker2@, admin@, "
               "coordinator@, partner@ (the police unit's intake form) each domain above.\n";
}

// A demo user acting through the use cases the web client calls.
hotline::Actor actorOf(const domain::User& u) {
  return hotline::Actor{policy::Principal{u.id, u.org_id, u.roles, ""}, ""};
}

// The partner directory, kept by the supervisor (kUsers[2]), with the police unit's partner
// account and its referral, the cases, and the knowledge base and what the public pages show,
// kept by the organisation's administrator (kUsers[4]).
domain::Status addDemoContent(const hotline::Context& ctx, const std::vector<domain::User>& users,
                              const DemoOrg& o, const std::string& hash) {
  auto police = addDemoAgencies(ctx, actorOf(users[2]), std::string(o.country));
  if (!police) {
    return tl::unexpected(police.error());
  }
  const std::string partner = "partner@" + std::string(o.domain);
  if (auto s = addDemoPartner(ctx, std::string(o.code), partner, hash, *police); !s) {
    return s;
  }
  // Cases in every stage, worked by the case worker (kUsers[1]), closures approved by the
  // supervisor.
  if (auto s = addDemoCases(ctx, actorOf(users[1]), actorOf(users[2])); !s) {
    return s;
  }
  if (auto s = addDemoKnowledge(ctx, actorOf(users[4]), std::string(o.languages[0])); !s) {
    return s;
  }
  // The public profile, news and trainings, kept by the administrator.
  return addDemoPublic(ctx, actorOf(users[4]), std::string(o.country));
}

// The organisation `o` with a user of every role, each with the demo password's `hash`.
domain::Result<admin::AddedOrganisation> addDemoOrganisation(store::Database& db, const DemoOrg& o,
                                                             const std::string& hash) {
  std::vector<admin::NewUser> accounts;
  accounts.reserve(kUsers.size());
  for (const auto& u : kUsers) {
    accounts.push_back({demoEmail(u, o),
                        std::string(u.name),
                        {std::string(domain::roleName(u.role))},
                        {},
                        hash,
                        ""});
  }
  return admin::addOrganisation(db,
                                {"",
                                 std::string(o.code),
                                 std::string(o.name),
                                 std::string(o.country),
                                 {std::string(o.languages[0]), std::string(o.languages[1])},
                                 0},
                                accounts);
}

// `spec.count` generated clients with their cases (none without --cases), progress printed
// every 5,000.
domain::Status addBulkCases(const hotline::Context& ctx, const DemoOrg& o,
                            const DemoCasesSpec& spec, std::mt19937& rng) {
  std::int64_t next_report = 5000;
  return addDemoBulkCases(ctx, spec, rng, [&](std::int64_t n) {
    if (n >= next_report || n == spec.count) {
      std::cout << "  " << o.code << ": " << n << " of " << spec.count << " cases\n" << std::flush;
      next_report = (n / 5000 + 1) * 5000;
    }
  });
}

// One member of the demo network: the organisation and its users, its share of the contacts
// (progress printed every 50,000), its partner directory and knowledge base, and with --cases
// its share of the generated cases.
domain::Status addDemoMember(OpenedData& opened, const DemoOrg& o, const std::string& hash,
                             const DemoOptions& demo, std::mt19937& rng) {
  store::Database& db = *opened.db;
  auto added_org = addDemoOrganisation(db, o, hash);
  if (!added_org) {
    return tl::unexpected(added_org.error());
  }
  const domain::Organisation& org = added_org->organisation;
  const std::vector<domain::User>& users = added_org->users;
  const auto count = static_cast<std::int64_t>(demo.contacts * o.share);
  const std::string& supervisor = users[2].id;
  DemoContactsSpec spec{
      org.id,      org.country, {std::string(o.languages[0]), std::string(o.languages[1])},
      users[0].id, supervisor,  count,
      demo.years};
  std::int64_t next_report = 50000;
  const hotline::Context ctx{db, *opened.keys};
  auto added = addDemoContacts(ctx, spec, rng, [&](std::int64_t n) {
    if (n >= next_report) {
      std::cout << "  " << o.code << ": " << n << " of " << count << " contacts\n" << std::flush;
      next_report = (n / 50000 + 1) * 50000;
    }
  });
  if (!added) {
    return tl::unexpected(added.error());
  }
  if (auto s = addDemoContent(ctx, users, o, hash); !s) {
    return s;
  }
  // The network's pages and case study on the public site, written by the first member's
  // network coordinator (kUsers[5]).
  if (o.code == kOrgs[0].code) {
    if (auto s = addDemoSitePages(db, actorOf(users[5])); !s) {
      return s;
    }
  }
  const auto cases = static_cast<std::int64_t>(demo.cases * o.share);
  if (auto s = addBulkCases(ctx, o,
                            {org.id, org.country, std::string(o.languages[0]), users[1].id,
                             supervisor, cases, demo.years},
                            rng);
      !s) {
    return s;
  }
  std::cout << "Created " << o.code << " with " << users.size() << " users, " << count
            << " contacts and " << cases << " bulk cases.\n";
  return {};
}

// True when the demo network was created before (its first member exists).
domain::Result<bool> demoExists(store::Database& db) {
  domain::Result<std::optional<domain::Organisation>> existing;
  db.read([&](soci::session& sql) { existing = store::findOrganisationByCode(sql, "NL"); });
  if (!existing) {
    return tl::unexpected(existing.error());
  }
  return existing->has_value();
}

// The demo network in the opened data folder; its logins printed.
int addDemoNetwork(OpenedData& opened, const DemoOptions& demo) {
  auto exists = demoExists(*opened.db);
  if (!exists) {
    return reportFailure(exists.error());
  }
  if (*exists) {
    std::cout << "The demo network is already there.\n";
    printLogins();
    return 0;
  }
  std::mt19937 rng(demo.seed);
  auto hash = crypto::hashPassword(kDemoPassword);
  if (!hash) {
    return reportFailure(hash.error());
  }
  for (const auto& o : kOrgs) {
    if (auto s = addDemoMember(opened, o, *hash, demo, rng); !s) {
      return reportFailure(s.error());
    }
  }
  // The contacts went in without the per-contact statistics adjustment: count them once now.
  auto counted = store::rebuildContactStats(*opened.db, [](const store::RebuildProgress&) {});
  if (!counted) {
    return reportFailure(counted.error());
  }
  std::cout << "Statistics rebuilt: " << *counted << " final contacts.\n";
  // The bulk cases went in without the rollup's per-write refresh: count them once now.
  auto cases = store::rebuildCaseStats(*opened.db, [](const std::string&, std::int64_t) {});
  if (!cases) {
    return reportFailure(cases.error());
  }
  std::cout << "Case statistics rebuilt: " << *cases << " cases.\n";
  printLogins();
  return 0;
}

}  // namespace

std::string_view demoPassword() { return kDemoPassword; }

domain::Status addDemoMemberOrganisation(OpenedData& opened, std::string_view code,
                                         const DemoOptions& demo) {
  const auto o = std::find_if(kOrgs.begin(), kOrgs.end(),
                              [code](const DemoOrg& org) { return org.code == code; });
  if (o == kOrgs.end()) {
    return domain::invalidField("code", "The demo has the members NL, RO and UA.");
  }
  std::mt19937 rng(demo.seed);
  auto hash = crypto::hashPassword(kDemoPassword);
  if (!hash) {
    return tl::unexpected(hash.error());
  }
  // Every contact of this instance is this member's: the whole count, not its share.
  DemoOrg alone = *o;
  alone.share = 1.0;
  if (auto s = addDemoMember(opened, alone, *hash, demo, rng); !s) {
    return s;
  }
  if (auto counted = store::rebuildContactStats(*opened.db, [](const store::RebuildProgress&) {});
      !counted) {
    return tl::unexpected(counted.error());
  }
  auto cases = store::rebuildCaseStats(*opened.db, [](const std::string&, std::int64_t) {});
  return cases ? domain::Status{} : tl::unexpected(cases.error());
}

int runDemo(const DataOptions& data, const DemoOptions& demo) {
  if (!std::filesystem::exists(data.data_dir / "master.key")) {
    if (int rc = runInit(data); rc != 0) {
      return rc;
    }
  }
  return withOpenData(data, [&demo](OpenedData& opened) { return addDemoNetwork(opened, demo); });
}

}  // namespace strada::app
