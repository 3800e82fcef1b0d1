#include "app/network_demo.h"

#include <pthread.h>

#include <array>
#include <csignal>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "admin/organisations.h"
#include "app/commands.h"
#include "app/data_dir.h"
#include "app/strada_server.h"
#include "cases/case_entries.h"
#include "cases/cases.h"
#include "cases/clients.h"
#include "crypto/password.h"
#include "domain/time.h"
#include "hotline/context.h"
#include "network/membership.h"
#include "network/report_submission.h"
#include "reports/report_import.h"
#include "reports/reports.h"
#include "store/contact_stats.h"
#include "store/network_report_repository.h"
#include "store/network_repository.h"
#include "store/user_repository.h"

namespace strada::app {
namespace {

// The three instances, in the order they are started: the hub first (the members join it).
struct Node {
  std::string folder;  // under the demo's folder
  std::string code, name, country;
};
const std::array<Node, 3>& nodes() {
  static const std::array<Node, 3> kNodes = {{
      {"hub", "HUB", "La Strada network hub (demo)", "NL"},
      {"nl", "NL", "Hotline Noord (demo)", "NL"},
      {"ro", "RO", "Linia Sperantei (demo)", "RO"},
  }};
  return kNodes;
}

constexpr const char* kCoordinator = "coordinator@hub.demo.example";
// The first and last year of the historic figures each member imports; last year is left to be
// computed from the demo's contacts and cases and submitted on screen.
constexpr int kFirstYear = 2006;

// Written last: a folder without it was interrupted while it was made.
constexpr const char* kReadyFile = "network-demo.ready";

DataOptions dataOf(const NetworkDemoOptions& options, const Node& node) {
  return DataOptions{options.dir / node.folder, ""};
}

domain::Status failure(std::string message) {
  return domain::fail(domain::ErrorCode::kInternal, std::move(message));
}

// The user with `email`, acting in their organisation with their roles.
domain::Result<hotline::Actor> actorByEmail(store::Database& db, const std::string& email) {
  domain::Result<std::optional<store::UserRecord>> found = std::nullopt;
  db.read([&](soci::session& sql) { found = store::findUserByEmail(sql, email); });
  if (!found) {
    return tl::unexpected(found.error());
  }
  if (!*found) {
    return domain::fail(domain::ErrorCode::kNotFound, "The demo has no user " + email + ".");
  }
  const domain::User& u = (*found)->user;
  return hotline::Actor{policy::Principal{u.id, u.org_id, u.roles, ""}, ""};
}

// The hub's organisation and its network coordinator.
domain::Status addHubOrganisation(OpenedData& opened, const Node& hub) {
  auto hash = crypto::hashPassword(demoPassword());
  if (!hash) {
    return tl::unexpected(hash.error());
  }
  auto added = admin::addOrganisation(
      *opened.db, {"", hub.code, hub.name, hub.country, {"en"}, 0},
      {{kCoordinator, "Demo Network Coordinator", {"network_coordinator"}, {}, *hash, ""}});
  return added ? domain::Status{} : tl::unexpected(added.error());
}

// A woman from Romania found in forced labour in the Netherlands who wants to go home: her case
// at Hotline Noord, with her consents to services, to the record, to statistics and to sharing
// her data with the network's members (a referral home needs it).
domain::Status addPersonToReferHome(OpenedData& opened, const std::string& email) {
  auto worker = actorByEmail(*opened.db, email);
  if (!worker) {
    return tl::unexpected(worker.error());
  }
  const hotline::Context ctx{*opened.db, *opened.keys};
  domain::ClientPerson person;
  person.full_name = "Ioana Radu (demo)";
  person.birth_date = "1994-03-02";
  domain::ClientCoded coded;
  coded.gender = "Feminine";
  coded.citizenships = {"RO"};
  coded.exploitation_types = {"ForcedLabour"};
  coded.trafficking_status = "ActualVictimOfTrafficking";
  auto client = cases::runToCompletion(cases::createClient(ctx, *worker, person, coded));
  if (!client) {
    return tl::unexpected(client.error());
  }
  cases::CaseInput input{client->client.id, {"hotline", "", "2026-11-02"}, {}, ""};
  auto opened_case = cases::runToCompletion(cases::createCase(ctx, *worker, input));
  if (!opened_case) {
    return tl::unexpected(opened_case.error());
  }
  for (const char* kind : {"services", "record_data", "statistics", "share"}) {
    const std::string share_kind = std::string(kind) == "share" ? "member" : "";
    cases::ConsentInput consent{kind, "", share_kind, "written", "2026-11-02", "", ""};
    auto recorded =
        cases::runToCompletion(cases::recordConsent(ctx, *worker, opened_case->kase.id, consent));
    if (!recorded) {
      return tl::unexpected(recorded.error());
    }
  }
  return {};
}

// Yearly figures from kFirstYear to `last_year` as the CSV of docs/reports.md. Romania collects
// no hotline figures (contacts): they are absent, so "not collected".
std::string historicFigures(const Node& node, int last_year) {
  std::ostringstream csv;
  csv << "year,figure,value\n";
  const bool hotline = node.code == "NL";
  for (int year = kFirstYear; year <= last_year; ++year) {
    const int step = year - kFirstYear;
    if (hotline) {
      const int calls = 900 + 45 * step + (step % 3) * 70;
      const int data = calls * 2 / 5;
      csv << year << ",contacts.total," << calls << "\n"
          << year << ",contacts.data," << data << "\n"
          << year << ",contacts.non_data," << calls - data << "\n";
    }
    const int people = (hotline ? 48 : 61) + 3 * step + (step % 4) * 5;
    const int fresh = people * 3 / 5;
    csv << year << ",people.total," << people << "\n"
        << year << ",people.new," << fresh << "\n"
        << year << ",people.ongoing," << people - fresh << "\n"
        << year << ",services.total," << people * 4 << "\n"
        << year << ",returns," << (hotline ? 12 + step : 20 + step) << "\n"
        << year << ",referrals.out.cross_border," << (hotline ? 14 + step : 11 + step / 2) << "\n";
  }
  return csv.str();
}

// The member's figure settings (Romania: no hotline figures) and its historic yearly reports,
// imported and approved by its data officer.
domain::Status addHistoricReports(OpenedData& opened, const Node& node, int last_year) {
  auto officer = actorByEmail(*opened.db, "dataofficer@" + node.folder + ".demo.example");
  if (!officer) {
    return tl::unexpected(officer.error());
  }
  const hotline::Context ctx{*opened.db, *opened.keys};
  if (node.code != "NL") {
    store::ReportSettings settings;
    settings.groups_not_collected = {"contacts.total", "contacts.kind", "contacts.by_category",
                                     "contacts.by_channel", "contacts.by_caller_role"};
    auto changed = hotline::runToCompletion(reports::changeReportSettings(ctx, *officer, settings));
    if (!changed) {
      return tl::unexpected(changed.error());
    }
  }
  auto imported = hotline::runToCompletion(
      reports::importReports(ctx, *officer, historicFigures(node, last_year)));
  if (!imported) {
    return tl::unexpected(imported.error());
  }
  if (!imported->errors.empty()) {
    const auto& e = imported->errors.front();
    return failure("historic figures, line " + std::to_string(e.line) + ": " + e.message);
  }
  for (const auto& r : imported->reports) {
    auto approved = hotline::runToCompletion(reports::approveReport(ctx, *officer, r.id));
    if (!approved) {
      return tl::unexpected(approved.error());
    }
  }
  return {};
}

// This year (UTC), as the reports' import reckons it.
int currentYear() {
  return static_cast<int>(domain::civilFromDays(store::dayOf(domain::nowMillis())).y);
}

// The data of one instance in a fresh folder.
domain::Status fillInstance(const NetworkDemoOptions& options, const Node& node) {
  const DataOptions data = dataOf(options, node);
  if (runInit(data) != 0) {
    return failure("could not create " + data.data_dir.string());
  }
  auto opened = openData(data);
  if (!opened) {
    return tl::unexpected(opened.error());
  }
  if (node.code == "HUB") {
    return addHubOrganisation(*opened, node);
  }
  std::cout << "Creating the demo member " << node.name << "...\n" << std::flush;
  DemoOptions demo;
  demo.contacts = options.contacts;
  demo.years = 3;
  if (auto s = addDemoMemberOrganisation(*opened, node.code, demo); !s) {
    return s;
  }
  if (node.code == "NL") {
    if (auto s = addPersonToReferHome(*opened, "caseworker@nl.demo.example"); !s) {
      return s;
    }
  }
  return addHistoricReports(*opened, node, currentYear() - 2);
}

// Waits up to 30 s for `done`.
bool eventually(const std::function<bool()>& done) {
  for (int i = 0; i < 300; ++i) {
    if (done()) {
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return done();
}

std::string membershipOf(store::Database& db) {
  domain::Result<store::NetworkInstance> n;
  db.read([&](soci::session& sql) { n = store::loadNetworkInstance(sql); });
  return n ? n->membership : "";
}

// How many report revisions the hub has received.
std::size_t receivedAtHub(store::Database& db) {
  domain::Result<std::vector<store::ReceivedReport>> received;
  db.read([&](soci::session& sql) { received = store::listReceivedReports(sql, ""); });
  return received ? received->size() : 0;
}

// The hub made, both members joined and approved, each member's historic reports submitted.
domain::Status buildNetwork(std::array<OpenedData, 3>& opened,
                            const std::array<std::string, 3>& urls) {
  const auto& n = nodes();
  auto hub = network::initHub(*opened[0].db, *opened[0].keys,
                              {n[0].code, n[0].name, n[0].country, urls[0]});
  if (!hub) {
    return tl::unexpected(hub.error());
  }
  auto coordinator = actorByEmail(*opened[0].db, kCoordinator);
  if (!coordinator) {
    return tl::unexpected(coordinator.error());
  }
  for (std::size_t i = 1; i < n.size(); ++i) {
    auto joined = network::requestJoin(*opened[i].db, *opened[i].keys,
                                       {n[i].code, n[i].name, n[i].country, urls[i]}, urls[0], {});
    if (!joined) {
      return tl::unexpected(joined.error());
    }
    auto approved = network::approveMember(*opened[0].db, *opened[0].keys, *coordinator, n[i].code);
    if (!approved) {
      return tl::unexpected(approved.error());
    }
  }
  if (!eventually([&] {
        return membershipOf(*opened[1].db) == "active" && membershipOf(*opened[2].db) == "active";
      })) {
    return failure("the members did not hear from the hub within 30 s");
  }
  // Each member's data officer submits the approved historic reports; the hub has them all
  // before the network is announced.
  std::size_t submitted = 0;
  for (std::size_t i = 1; i < n.size(); ++i) {
    auto officer = actorByEmail(*opened[i].db, "dataofficer@" + n[i].folder + ".demo.example");
    if (!officer) {
      return tl::unexpected(officer.error());
    }
    auto sent = network::submitAllApproved(*opened[i].db, *opened[i].keys, *officer);
    if (!sent) {
      return tl::unexpected(sent.error());
    }
    submitted += sent->size();
  }
  if (!eventually([&] { return receivedAtHub(*opened[0].db) >= submitted; })) {
    return failure("the hub did not receive the members' reports within 30 s");
  }
  return {};
}

void printNetwork(const std::array<std::string, 3>& urls) {
  const auto& n = nodes();
  std::cout << "\nThe demo network is running (stop it with Ctrl+C):\n";
  for (std::size_t i = 0; i < n.size(); ++i) {
    std::cout << "  " << std::left << std::setw(5) << n[i].code << n[i].name << "  " << urls[i]
              << "\n";
  }
  std::cout << "Logins (password for all: " << demoPassword() << "):\n"
            << "  HUB  " << kCoordinator << "  (network coordinator)\n"
            << "  NL   caseworker@nl.demo.example, dataofficer@nl.demo.example, "
               "supervisor@nl.demo.example\n"
            << "  RO   caseworker@ro.demo.example, dataofficer@ro.demo.example, "
               "supervisor@ro.demo.example\n"
            << "Try: at NL, refer Ioana Radu (demo) home to RO for a safe return; at RO, accept "
               "and send feedback; at each member, submit last year's report; at the hub, the "
               "network overview.\n"
            << std::flush;
}

}  // namespace

int runNetworkDemo(const NetworkDemoOptions& options) {
  const auto& n = nodes();
  const bool ready = std::filesystem::exists(options.dir / kReadyFile);
  if (!ready && std::filesystem::exists(options.dir / "hub")) {
    std::cerr << "strada: " << options.dir.string()
              << " holds an unfinished demo network. Remove the folder and run the demo again.\n";
    return 1;
  }
  if (!ready) {
    std::error_code ec;
    std::filesystem::create_directories(options.dir, ec);
    for (const auto& node : n) {
      if (auto s = fillInstance(options, node); !s) {
        return reportFailure(s.error());
      }
    }
  }
  // SIGINT and SIGTERM wait for sigwait() below: blocked before the servers' threads start, so
  // that they inherit the mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  std::array<std::unique_ptr<StradaServer>, 3> servers;
  std::array<std::string, 3> urls;
  std::vector<std::thread> threads;
  auto stop_all = [&] {
    for (auto& s : servers) {
      if (s) {
        s->stop();
      }
    }
    for (auto& t : threads) {
      t.join();
    }
  };
  for (std::size_t i = 0; i < n.size(); ++i) {
    ServeOptions serve;
    serve.port = options.port == 0 ? 0 : static_cast<std::uint16_t>(options.port + i);
    serve.web_root = options.web_root;
    serve.handle_signals = false;
    serve.delivery = options.delivery;
    auto started = StradaServer::start(dataOf(options, n[i]), serve);
    if (!started) {
      stop_all();
      return reportFailure(started.error());
    }
    servers[i] = std::move(*started);
    urls[i] = "http://127.0.0.1:" + std::to_string(servers[i]->port());
    threads.emplace_back([server = servers[i].get()] { server->run(); });
  }
  if (!ready) {
    std::array<OpenedData, 3> opened;
    for (std::size_t i = 0; i < n.size(); ++i) {
      auto o = openData(dataOf(options, n[i]));
      if (!o) {
        stop_all();
        return reportFailure(o.error());
      }
      opened[i] = std::move(*o);
    }
    if (auto s = buildNetwork(opened, urls); !s) {
      stop_all();
      return reportFailure(s.error());
    }
    std::ofstream(options.dir / kReadyFile) << "made by strada network demo\n";
  }
  printNetwork(urls);
  int received = 0;
  sigwait(&stop_signals, &received);
  std::cout << "Stopping the demo network...\n" << std::flush;
  stop_all();
  return 0;
}

}  // namespace strada::app
