// `strada demo`: a small network that looks like the real thing, for trying Strada out.
// Every name, number and story here is invented.
#include <array>
#include <iostream>
#include <random>

#include "app/commands.h"
#include "app/demo_agencies.h"
#include "app/demo_knowledge.h"
#include "crypto/crypto.h"
#include "crypto/password.h"
#include "domain/codes.h"
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

constexpr std::array<DemoUser, 6> kUsers = {{
    {"consultant", "Demo Consultant", domain::Role::kConsultant},
    {"caseworker", "Demo Case Worker", domain::Role::kCaseWorker},
    {"supervisor", "Demo Supervisor", domain::Role::kSupervisor},
    {"dataofficer", "Demo Data Officer", domain::Role::kDataOfficer},
    {"admin", "Demo Administrator", domain::Role::kOrgAdmin},
    {"coordinator", "Demo Network Coordinator", domain::Role::kNetworkCoordinator},
}};

template <std::size_t N>
std::string_view pick(std::mt19937& rng, const std::array<std::pair<std::string_view, int>, N>& w) {
  int total = 0;
  for (const auto& e : w) {
    total += e.second;
  }
  std::uniform_int_distribution<int> dist(1, total);
  int roll = dist(rng);
  for (const auto& e : w) {
    roll -= e.second;
    if (roll <= 0) {
      return e.first;
    }
  }
  return w.back().first;
}

// Shares seen in published hotline reports: mostly phone, many calls from possible victims and
// their families, a large share about safe migration.
constexpr std::array<std::pair<std::string_view, int>, 8> kChannels = {{{"phone", 58},
                                                                        {"chat", 14},
                                                                        {"email", 9},
                                                                        {"messaging_app", 10},
                                                                        {"social_media", 4},
                                                                        {"walk_in", 2},
                                                                        {"sms", 2},
                                                                        {"letter", 1}}};
constexpr std::array<std::pair<std::string_view, int>, 12> kCallers = {
    {{"possible_victim", 34},
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
     {"unknown", 7}}};

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

std::string demoEmail(const DemoUser& u, const DemoOrg& o) {
  return std::string(u.local) + "@" + std::string(o.domain);
}

void printLogins() {
  std::cout << "Demo logins (password for all: " << kDemoPassword << "):\n";
  for (const auto& o : kOrgs) {
    std::cout << "  " << o.code << "  " << demoEmail(kUsers[0], o) << "  (consultant)\n";
  }
  std::cout << "  Other roles: supervisor@, dataofficer@, caseworker@, admin@, coordinator@ "
               "each domain above.\n";
}

}  // namespace

int runDemo(const DataOptions& data, const DemoOptions& demo) {
  if (!std::filesystem::exists(data.data_dir / "master.key")) {
    if (int rc = runInit(data); rc != 0) {
      return rc;
    }
  }
  auto opened = openData(data);
  if (!opened) {
    return reportFailure(opened.error());
  }
  store::Database& db = *opened->db;
  domain::Result<std::optional<domain::Organisation>> existing;
  db.read([&](soci::session& sql) { existing = store::findOrganisationByCode(sql, "NL"); });
  if (!existing) {
    return reportFailure(existing.error());
  }
  if (existing->has_value()) {
    std::cout << "The demo network is already there.\n";
    printLogins();
    return 0;
  }

  std::mt19937 rng(demo.seed);
  auto hash = crypto::hashPassword(kDemoPassword);
  if (!hash) {
    return reportFailure(hash.error());
  }
  const domain::UnixMillis now = domain::nowMillis();
  const domain::UnixMillis span = static_cast<domain::UnixMillis>(demo.years) * 365 * 86400000LL;

  for (const auto& o : kOrgs) {
    domain::Organisation org{crypto::newId(), std::string(o.code), std::string(o.name),
                             std::string(o.country),
                             {std::string(o.languages[0]), std::string(o.languages[1])}, now};
    std::vector<store::UserRecord> users;
    for (const auto& u : kUsers) {
      store::UserRecord r;
      r.user = {crypto::newId(), org.id, demoEmail(u, o), std::string(u.name), {u.role}, true, now};
      r.password_hash = *hash;
      users.push_back(std::move(r));
    }
    auto status = db.write([&](store::WriteContext& w) -> domain::Status {
      if (auto s = store::insertOrganisation(w, org); !s) {
        return s;
      }
      for (const auto& r : users) {
        if (auto s = store::insertUser(w, r); !s) {
          return s;
        }
        if (auto s = w.audit({"", org.id, "user.create", "user", r.user.id, ""}); !s) {
          return s;
        }
      }
      return w.audit({"", org.id, "organisation.create", "organisation", org.id, ""});
    });
    if (!status) {
      return reportFailure(status.error());
    }

    const int count = static_cast<int>(demo.contacts * o.share);
    const std::string& consultant = users[0].user.id;
    const std::string& supervisor = users[2].user.id;
    std::uniform_int_distribution<domain::UnixMillis> when(now - span, now - 3600000);
    std::lognormal_distribution<double> minutes(1.9, 0.8);
    std::uniform_int_distribution<std::size_t> story(0, kSummaries.size() - 1);
    std::bernoulli_distribution named(0.15);
    std::bernoulli_distribution by_supervisor(0.1);
    std::bernoulli_distribution second_language(0.25);
    constexpr int kBatch = 500;
    for (int start = 0; start < count; start += kBatch) {
      std::vector<store::ContactRow> rows;
      for (int i = start; i < std::min(count, start + kBatch); ++i) {
        store::ContactRow row;
        auto& c = row.contact;
        c.id = crypto::newId();
        c.org_id = org.id;
        c.created_by = by_supervisor(rng) ? supervisor : consultant;
        c.data.started_at = when(rng);
        c.created_at = c.data.started_at + 60000;
        c.code_version = std::string(domain::channelCodes().version);
        c.data.channel = std::string(pick(rng, kChannels));
        c.data.caller_type = std::string(pick(rng, kCallers));
        c.data.duration_s = static_cast<std::int32_t>(
            std::min(7200.0, 60.0 * minutes(rng)));
        c.data.anonymous = !named(rng);
        c.data.language = std::string(o.languages[second_language(rng) ? 1 : 0]);
        row.summary_sealed = opened->keys->contacts().seal(kSummaries[story(rng)],
                                                           api::contactSummaryAad(c.id));
        rows.push_back(std::move(row));
      }
      auto inserted = db.write([&](store::WriteContext& w) -> domain::Status {
        for (const auto& row : rows) {
          if (auto s = store::insertContact(w, row); !s) {
            return s;
          }
          if (auto s = w.audit({row.contact.created_by, org.id, "contact.create", "contact",
                                row.contact.id, ""});
              !s) {
            return s;
          }
        }
        return {};
      });
      if (!inserted) {
        return reportFailure(inserted.error());
      }
    }
    // The knowledge base is kept by the organisation's administrator (kUsers[4]).
    if (auto s = addDemoKnowledge(db, org.id, users[4].user.id, std::string(o.languages[0])); !s) {
      return reportFailure(s.error());
    }
    if (auto s = addDemoAgencies(db, *opened->keys, org.id, supervisor, org.country); !s) {
      return reportFailure(s.error());
    }
    std::cout << "Created " << o.code << " with " << users.size() << " users and " << count
              << " contacts.\n";
  }
  printLogins();
  return 0;
}

}  // namespace strada::app
