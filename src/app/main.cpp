// strada: one binary for the server and every administrative command.
#include <CLI/CLI.hpp>
#include <boost/asio/ip/address.hpp>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <optional>
#include <string>
#include <typeinfo>
#include <utility>
#include <vector>

#include "app/backup_commands.h"
#include "app/commands.h"
#include "app/network_commands.h"
#include "app/network_demo.h"
#include "app/report_commands.h"
#include "app/retention_commands.h"
#include "app/stats_commands.h"
#include "app/telephony_commands.h"
#include "observe/log.h"

#ifndef STRADA_DEFAULT_WEB_ROOT
#define STRADA_DEFAULT_WEB_ROOT ""
#endif

namespace {

using strada::app::DataOptions;

// A command of `parent` that works on a data folder: it takes --data and --db.
CLI::App* addDataCommand(CLI::App* parent, const std::string& name, const std::string& help,
                         DataOptions& data) {
  auto* cmd = parent->add_subcommand(name, help);
  cmd->add_option("--data", data.data_dir, "The data folder (master key, SQLite database)")
      ->required();
  cmd->add_option("--db", data.db_url,
                  "A PostgreSQL URL (postgresql://user@host:port/db) instead of DIR/strada.db")
      ->envname("STRADA_DB");
  return cmd;
}

// A group of commands, such as `line`, of which one must be named.
CLI::App* addCommandGroup(CLI::App& app, const std::string& name, const std::string& help) {
  auto* group = app.add_subcommand(name, help);
  return group;
}

// "HOST:PORT" -> (host, port); nullopt when malformed. "[::1]:8080" gives "::1".
std::optional<std::pair<std::string, std::uint16_t>> parseListen(const std::string& text) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 >= text.size()) {
    return std::nullopt;
  }
  const std::string port = text.substr(colon + 1);
  char* end = nullptr;
  const long value = std::strtol(port.c_str(), &end, 10);
  if (end == nullptr || *end != '\0' || value < 0 || value > 65535) {
    return std::nullopt;
  }
  std::string host = text.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  return std::pair{std::move(host), static_cast<std::uint16_t>(value)};
}

// Every option of every command, alive while the command line is parsed and run.
struct Arguments {
  DataOptions data;
  int code = 0;
  std::string org_code, org_name, org_country;
  std::vector<std::string> org_languages;
  std::string user_org, user_email, user_name;
  std::string report_org, report_file;
  std::vector<std::string> user_roles;
  std::string user_agency;
  std::string line_org, line_name, line_id;
  std::string anchor;
  std::filesystem::path anchors_file;
  std::string anchor_label, anchor_public_key;
  strada::app::DemoOptions demo;
  std::string listen = "127.0.0.1:8080";
  std::string second_factor = "required";
  std::string rate_limits = "on";
  std::string metrics_listen;
  int header_timeout_seconds = 10;
  int audit_anchor_minutes = 60;
  int purge_every_minutes = 24 * 60;
  strada::app::PurgeOptions purge;
  bool purge_preview = false;
  strada::app::ServeOptions serve;
  strada::app::NetworkCommandOptions network;
  strada::app::NetworkDemoOptions network_demo;
  strada::app::BackupOptions backup;
  std::string restore_from;
};

// init, migrate, org add, user add.
void addSetupCommands(CLI::App& app, Arguments& a) {
  auto* init =
      addDataCommand(&app, "init", "Create a data folder: master key and database", a.data);
  init->callback([&a] { a.code = strada::app::runInit(a.data); });

  auto* migrate = addDataCommand(&app, "migrate", "Apply pending database migrations", a.data);
  migrate->callback([&a] { a.code = strada::app::runMigrate(a.data); });

  auto* org = addCommandGroup(app, "org", "Manage member organisations");
  auto* org_add = addDataCommand(org, "add", "Add an organisation", a.data);
  org_add->add_option("--code", a.org_code, "Short unique code, such as NL")->required();
  org_add->add_option("--name", a.org_name, "Name")->required();
  org_add->add_option("--country", a.org_country, "ISO 3166-1 country code")->required();
  org_add->add_option("--language", a.org_languages, "ISO 639-1 language codes (repeatable)");
  org_add->callback([&a] {
    a.code = strada::app::runOrgAdd(a.data, a.org_code, a.org_name, a.org_country, a.org_languages);
  });

  auto* user = addCommandGroup(app, "user", "Manage users");
  auto* user_add = addDataCommand(
      user, "add", "Add a user; the password comes from STRADA_PASSWORD or standard input", a.data);
  user_add->add_option("--org", a.user_org, "The organisation's code")->required();
  user_add->add_option("--email", a.user_email, "E-mail address (the login)")->required();
  user_add->add_option("--name", a.user_name, "Full name")->required();
  user_add
      ->add_option("--role", a.user_roles,
                   "consultant, case_worker, supervisor, data_officer, org_admin, "
                   "network_coordinator, partner (repeatable)")
      ->required();
  user_add->add_option("--agency", a.user_agency,
                       "A partner account's directory agency (its id): required for partner");
  user_add->callback([&a] {
    a.code = strada::app::runUserAdd(a.data, a.user_org, a.user_email, a.user_name, a.user_roles,
                                     a.user_agency);
  });
}

// line add, line list, line deactivate.
void addLineCommands(CLI::App& app, Arguments& a) {
  auto* line = addCommandGroup(app, "line", "Telephony lines that post signed call events");
  auto* line_add = addDataCommand(
      line, "add", "Add a line; prints its id and its secret (once) for the PBX or relay", a.data);
  line_add->add_option("--org", a.line_org, "The organisation's code")->required();
  line_add->add_option("--name", a.line_name, "A name, such as \"Asterisk main office\"")
      ->required();
  line_add->callback([&a] { a.code = strada::app::runLineAdd(a.data, a.line_org, a.line_name); });
  auto* line_list = addDataCommand(line, "list", "List the telephony lines", a.data);
  line_list->callback([&a] { a.code = strada::app::runLineList(a.data); });
  auto* line_deactivate = addDataCommand(
      line, "deactivate", "Refuse a line's events from now on (secret rotation)", a.data);
  line_deactivate->add_option("--id", a.line_id, "The line's id")->required();
  line_deactivate->callback([&a] { a.code = strada::app::runLineDeactivate(a.data, a.line_id); });
}

// audit verify, stats rebuild, demo.
void addDataCommands(CLI::App& app, Arguments& a) {
  auto* audit = addCommandGroup(app, "audit", "The audit trail");
  auto* verify = addDataCommand(audit, "verify", "Check the audit trail's hash chain", a.data);
  verify->add_option("--anchor", a.anchor,
                     "SEQ:HASH printed by an earlier run: prove nothing was cut off the end");
  verify->add_option("--anchors", a.anchors_file,
                     "An anchors file written by `strada audit anchor`: check every anchor in it");
  verify->callback(
      [&a] { a.code = strada::app::runAuditVerify(a.data, a.anchor, a.anchors_file); });
  auto* anchor = addDataCommand(
      audit, "anchor", "Append a signed anchor of the trail's last event to a file", a.data);
  anchor->add_option("--to", a.anchors_file, "The anchors file (kept apart from this server)")
      ->required();
  anchor->add_option("--label", a.anchor_label, "Names this instance in the anchor (host name)");
  anchor->callback(
      [&a] { a.code = strada::app::runAuditAnchor(a.data, a.anchors_file, a.anchor_label); });
  auto* check = audit->add_subcommand("check-anchors",
                                      "Check an anchors file's signatures without the master key");
  check->add_option("--anchors", a.anchors_file, "The anchors file")->required();
  check->add_option("--public-key", a.anchor_public_key,
                    "The anchor public key in hex (default: the one in ANCHORS.pub)");
  check->callback(
      [&a] { a.code = strada::app::runAuditCheckAnchors(a.anchors_file, a.anchor_public_key); });

  auto* stats = addCommandGroup(app, "stats", "The contact and case statistics");
  auto* stats_rebuild =
      addDataCommand(stats, "rebuild", "Recount the statistics rollup from the contacts", a.data);
  stats_rebuild->callback([&a] { a.code = strada::app::runStatsRebuild(a.data); });
  auto* cases_rebuild = addDataCommand(stats, "rebuild-cases",
                                       "Recount the case statistics rollup from the cases", a.data);
  cases_rebuild->callback([&a] { a.code = strada::app::runCaseStatsRebuild(a.data); });

  auto* reports = addCommandGroup(app, "reports", "The aggregate reports for the network");
  auto* reports_import = addDataCommand(
      reports, "import", "Import yearly historic figures from a CSV (docs/reports.md)", a.data);
  reports_import->add_option("--org", a.report_org, "The organisation's code")->required();
  reports_import->add_option("--file", a.report_file, "The CSV file")->required();
  reports_import->callback(
      [&a] { a.code = strada::app::runReportsImport(a.data, a.report_org, a.report_file); });

  auto* purge = addDataCommand(
      &app, "purge",
      "Apply the organisations' retention rules: --preview counts what is past its date, "
      "--apply deletes or de-identifies it",
      a.data);
  purge->add_option("--org", a.purge.org_code, "Only this organisation (its code)");
  auto* preview = purge->add_flag("--preview", a.purge_preview, "Count only: nothing changes");
  auto* apply = purge->add_flag("--apply", a.purge.apply, "Delete or de-identify (audited)");
  preview->excludes(apply);
  apply->excludes(preview);
  purge->callback([&a] {
    if (!a.purge_preview && !a.purge.apply) {
      std::cerr << "strada: say --preview (count only) or --apply.\n";
      a.code = 2;
      return;
    }
    a.code = strada::app::runPurge(a.data, a.purge);
  });

  auto* demo = addDataCommand(&app, "demo", "Create a demo network with realistic data", a.data);
  demo->add_option("--contacts", a.demo.contacts, "How many contacts in all")
      ->check(CLI::Range(0, 2000000));
  demo->add_option("--cases", a.demo.cases,
                   "How many generated clients with a case each, with services and notes")
      ->check(CLI::Range(0, 1000000));
  demo->callback([&a] { a.code = strada::app::runDemo(a.data, a.demo); });
}

// backup, restore, keys rotate (docs/deployment.md).
void addBackupCommands(CLI::App& app, Arguments& a) {
  auto* backup = addDataCommand(
      &app, "backup", "An encrypted, consistent backup of the database while the server runs",
      a.data);
  auto* to = backup->add_option("--to", a.backup.to_file, "The backup file to write");
  auto* to_dir =
      backup->add_option("--to-dir", a.backup.to_dir,
                         "A folder: writes strada-YYYYMMDD-HHMMSS.backup in it (for a timer)");
  to->excludes(to_dir);
  to_dir->excludes(to);
  backup
      ->add_option("--keep", a.backup.keep,
                   "With --to-dir: keep the newest N backups of the folder, remove the others")
      ->check(CLI::Range(1, 100000))
      ->needs(to_dir);
  backup->callback([&a] { a.code = strada::app::runBackup(a.data, a.backup); });

  auto* restore = addDataCommand(
      &app, "restore",
      "Restore a backup into an EMPTY data folder (or empty PostgreSQL database) that holds the "
      "master key, then check it",
      a.data);
  restore->add_option("--from", a.restore_from, "The backup file")->required();
  restore->callback([&a] { a.code = strada::app::runRestore(a.data, a.restore_from); });

  auto* keys = addCommandGroup(app, "keys", "The master key");
  auto* rotate = addDataCommand(
      keys, "rotate",
      "Make a new master key, re-wrap every data key under it, destroy the old one (stop the "
      "servers first)",
      a.data);
  rotate->callback([&a] { a.code = strada::app::runKeysRotate(a.data); });
}

// `strada serve` once its options are parsed; 2 when an address is malformed.
int runServeCommand(Arguments& a) {
  const auto listen = parseListen(a.listen);
  if (!listen) {
    std::cerr << "strada: --listen takes HOST:PORT, such as 127.0.0.1:8080.\n";
    return 2;
  }
  a.serve.host = listen->first;
  a.serve.port = listen->second;
  if (!a.metrics_listen.empty()) {
    a.serve.metrics_listen = parseListen(a.metrics_listen);
    if (!a.serve.metrics_listen) {
      std::cerr << "strada: --metrics-listen takes HOST:PORT, such as 127.0.0.1:9090.\n";
      return 2;
    }
  }
  a.serve.header_timeout = std::chrono::seconds(a.header_timeout_seconds);
  a.serve.require_second_factor = a.second_factor == "required";
  a.serve.rate_limits = a.rate_limits == "on";
  a.serve.audit_anchor_every = std::chrono::minutes(a.audit_anchor_minutes);
  a.serve.retention_every = std::chrono::minutes(a.purge_every_minutes);
  for (auto& proxy : a.serve.trusted_proxies) {
    boost::system::error_code ec;
    const auto address = boost::asio::ip::make_address(proxy, ec);
    if (ec) {
      std::cerr << "strada: --trust-proxy takes an IP address, such as 127.0.0.1.\n";
      return 2;
    }
    proxy = address.to_string();  // as the server writes a peer's address
  }
  return strada::app::runServe(a.data, a.serve);
}

// serve, with its listeners and limits.
void addServeCommand(CLI::App& app, Arguments& a) {
  auto* serve = addDataCommand(&app, "serve", "Serve the web UI and the API", a.data);
  a.serve.web_root = STRADA_DEFAULT_WEB_ROOT;
  serve->add_option("--listen", a.listen, "HOST:PORT to listen on (port 0 picks a free one)")
      ->envname("STRADA_LISTEN");
  serve->add_option("--web-root", a.serve.web_root, "The built web UI")->envname("STRADA_WEB_ROOT");
  serve->add_option("--threads", a.serve.threads, "I/O threads")->check(CLI::Range(1, 64));
  serve
      ->add_option("--metrics-listen", a.metrics_listen,
                   "HOST:PORT of a separate listener for GET /metrics (Prometheus); "
                   "off by default, and /metrics is served nowhere else")
      ->envname("STRADA_METRICS_LISTEN");
  serve
      ->add_option("--max-connections", a.serve.max_connections,
                   "Open connections in all; past it a connection gets 503 and is closed")
      ->envname("STRADA_MAX_CONNECTIONS")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000000));
  serve
      ->add_option("--max-connections-per-address", a.serve.max_connections_per_address,
                   "Open connections from one client address (0: no limit; behind a reverse "
                   "proxy every client shares the proxy's address)")
      ->envname("STRADA_MAX_CONNECTIONS_PER_ADDRESS")
      ->capture_default_str()
      ->check(CLI::Range(0, 1000000));
  serve
      ->add_option("--header-timeout", a.header_timeout_seconds,
                   "Seconds a client has to send a request's headers (and an idle connection "
                   "stays open)")
      ->envname("STRADA_HEADER_TIMEOUT")
      ->capture_default_str()
      ->check(CLI::Range(1, 300));
  serve
      ->add_option("--ca-file", a.serve.delivery.http.ca_file,
                   "CA certificates (PEM) to verify other network instances' certificates; "
                   "default: the system's")
      ->envname("STRADA_CA_FILE");
  auto* tls_cert = serve
                       ->add_option("--tls-cert", a.serve.tls_cert,
                                    "PEM certificate chain: serve HTTPS only on --listen")
                       ->envname("STRADA_TLS_CERT");
  auto* tls_key = serve->add_option("--tls-key", a.serve.tls_key, "PEM private key of --tls-cert")
                      ->envname("STRADA_TLS_KEY");
  tls_cert->needs(tls_key);
  tls_key->needs(tls_cert);
  serve
      ->add_option("--second-factor", a.second_factor,
                   "required: the roles that reach sealed data sign in with a second factor "
                   "(the default); optional: only those who set one up (demos, tests)")
      ->check(CLI::IsMember({"required", "optional"}))
      ->envname("STRADA_SECOND_FACTOR");
  serve
      ->add_option("--rate-limits", a.rate_limits,
                   "on: requests a minute are limited per client network and per account, "
                   "429 past them (the default); off: for benchmarks on one machine")
      ->check(CLI::IsMember({"on", "off"}))
      ->envname("STRADA_RATE_LIMITS");
  serve->add_option("--trust-proxy", a.serve.trusted_proxies,
                    "IP address of a reverse proxy whose X-Forwarded-For and X-Forwarded-Proto "
                    "are believed (repeatable)");
  serve
      ->add_option("--audit-anchor-to", a.serve.audit_anchor_to,
                   "Append a signed anchor of the audit trail to this file at start and then "
                   "periodically (keep it apart from this server: docs/security.md)")
      ->envname("STRADA_AUDIT_ANCHOR_TO");
  serve
      ->add_option("--audit-anchor-every", a.audit_anchor_minutes,
                   "Minutes between two anchors of --audit-anchor-to (when the trail grew)")
      ->check(CLI::Range(1, 7 * 24 * 60))
      ->envname("STRADA_AUDIT_ANCHOR_EVERY");
  serve
      ->add_option("--purge-every", a.purge_every_minutes,
                   "Minutes between two runs of the retention rules (at start, then every "
                   "period; 0: never, `strada purge --apply` only)")
      ->capture_default_str()
      ->check(CLI::Range(0, 7 * 24 * 60))
      ->envname("STRADA_PURGE_EVERY");
  serve->callback([&a] { a.code = runServeCommand(a); });
}

// network init-hub, join, rotate-keys, members, demo.
void addNetworkCommands(CLI::App& app, Arguments& a) {
  auto* network = addCommandGroup(app, "network", "This instance's place in the network");
  const auto describe = [&a](CLI::App* cmd) {
    cmd->add_option("--url", a.network.url,
                    "This instance's address as the others reach it, such as "
                    "https://strada.example.org")
        ->required();
    cmd->add_option("--code", a.network.code, "This instance's member code, such as NL")
        ->required();
    cmd->add_option("--name", a.network.name, "The member's name")->required();
    cmd->add_option("--country", a.network.country, "ISO 3166-1 country code")->required();
  };
  auto* init_hub = addDataCommand(network, "init-hub", "Make this instance the hub", a.data);
  describe(init_hub);
  init_hub->callback([&a] { a.code = strada::app::runNetworkInitHub(a.data, a.network); });
  auto* join = addDataCommand(network, "join", "Ask the hub to join its network", a.data);
  describe(join);
  join->add_option("--hub", a.network.hub_url, "The hub's address")->required();
  join->add_option("--ca-file", a.network.ca_file,
                   "CA certificates (PEM) to verify the hub's; default: the system's");
  join->callback([&a] { a.code = strada::app::runNetworkJoin(a.data, a.network); });
  auto* rotate = addDataCommand(network, "rotate-keys", "Make new network keys", a.data);
  rotate->callback([&a] { a.code = strada::app::runNetworkRotateKeys(a.data); });
  auto* members = addDataCommand(network, "members", "List the network's members", a.data);
  members->callback([&a] { a.code = strada::app::runNetworkMembers(a.data); });
  auto* demo = network->add_subcommand(
      "demo", "Start a demo network on this machine: a hub and two members, with demo data");
  demo->add_option("--dir", a.network_demo.dir, "The folder of the three instances' data")
      ->capture_default_str();
  demo->add_option("--port", a.network_demo.port,
                   "The hub's port; the members take the next two (0: any free ports)")
      ->capture_default_str();
  demo->add_option("--web-root", a.network_demo.web_root, "The built web UI (web/dist)")
      ->envname("STRADA_WEB_ROOT");
  demo->add_option("--contacts", a.network_demo.contacts, "Contacts of each member")
      ->capture_default_str()
      ->check(CLI::Range(0, 1000000));
  demo->callback([&a] { a.code = strada::app::runNetworkDemo(a.network_demo); });
}

// The command line, parsed and run; the exit code.
int run(int argc, char** argv) {
  CLI::App app{"Strada: hotlines, assistance and referrals for anti-trafficking NGOs."};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string(STRADA_VERSION));
  Arguments arguments;
  addSetupCommands(app, arguments);
  addLineCommands(app, arguments);
  addDataCommands(app, arguments);
  addServeCommand(app, arguments);
  addBackupCommands(app, arguments);
  addNetworkCommands(app, arguments);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return arguments.code;
}

}  // namespace

int main(int argc, char** argv) {
  // The commands report their own errors; this catches what escapes them. Uncaught, an exception
  // ends the process in std::terminate, and g++'s runtime then unwinds nothing: no destructor
  // runs (keys wiped with sodium_memzero, the database closed). what() is not printed: it may
  // quote the data that caused it.
  try {
    return run(argc, argv);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "strada: stopped by an unexpected exception (%s).\n",
                 typeid(error).name());
  } catch (...) {
    std::fputs("strada: stopped by an unexpected exception.\n", stderr);
  }
  return 1;
}
