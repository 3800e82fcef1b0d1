// strada: one binary for the server and every administrative command.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <string>
#include <typeinfo>
#include <vector>

#include "app/commands.h"
#include "app/stats_commands.h"
#include "app/telephony_commands.h"
#include "observe/log.h"

#ifndef STRADA_DEFAULT_WEB_ROOT
#define STRADA_DEFAULT_WEB_ROOT ""
#endif

namespace {

using strada::app::DataOptions;

void addDataOptions(CLI::App* cmd, DataOptions& data) {
  cmd->add_option("--data", data.data_dir, "The data folder (master key, SQLite database)")
      ->required();
  cmd->add_option("--db", data.db_url,
                  "A PostgreSQL URL (postgresql://user@host:port/db) instead of DIR/strada.db")
      ->envname("STRADA_DB");
}

// "HOST:PORT" -> options; false with a message when malformed.
bool parseListen(const std::string& text, strada::app::ServeOptions& out) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 >= text.size()) {
    return false;
  }
  const std::string port = text.substr(colon + 1);
  char* end = nullptr;
  const long value = std::strtol(port.c_str(), &end, 10);
  if (end == nullptr || *end != '\0' || value < 0 || value > 65535) {
    return false;
  }
  out.host = text.substr(0, colon);
  if (out.host.size() > 2 && out.host.front() == '[' && out.host.back() == ']') {
    out.host = out.host.substr(1, out.host.size() - 2);
  }
  out.port = static_cast<std::uint16_t>(value);
  return true;
}

// The command line, parsed and run; the exit code.
int run(int argc, char** argv) {
  CLI::App app{"Strada: hotlines, assistance and referrals for anti-trafficking NGOs."};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string(STRADA_VERSION));

  DataOptions data;
  int code = 0;

  auto* init = app.add_subcommand("init", "Create a data folder: master key and database");
  addDataOptions(init, data);
  init->callback([&] { code = strada::app::runInit(data); });

  auto* migrate = app.add_subcommand("migrate", "Apply pending database migrations");
  addDataOptions(migrate, data);
  migrate->callback([&] { code = strada::app::runMigrate(data); });

  auto* org = app.add_subcommand("org", "Manage member organisations");
  org->require_subcommand(1);
  auto* org_add = org->add_subcommand("add", "Add an organisation");
  addDataOptions(org_add, data);
  std::string org_code, org_name, org_country;
  std::vector<std::string> org_languages;
  org_add->add_option("--code", org_code, "Short unique code, such as NL")->required();
  org_add->add_option("--name", org_name, "Name")->required();
  org_add->add_option("--country", org_country, "ISO 3166-1 country code")->required();
  org_add->add_option("--language", org_languages, "ISO 639-1 language codes (repeatable)");
  org_add->callback(
      [&] { code = strada::app::runOrgAdd(data, org_code, org_name, org_country, org_languages); });

  auto* user = app.add_subcommand("user", "Manage users");
  user->require_subcommand(1);
  auto* user_add = user->add_subcommand(
      "add", "Add a user; the password comes from STRADA_PASSWORD or standard input");
  addDataOptions(user_add, data);
  std::string user_org, user_email, user_name;
  std::vector<std::string> user_roles;
  user_add->add_option("--org", user_org, "The organisation's code")->required();
  user_add->add_option("--email", user_email, "E-mail address (the login)")->required();
  user_add->add_option("--name", user_name, "Full name")->required();
  user_add
      ->add_option("--role", user_roles,
                   "consultant, case_worker, supervisor, data_officer, org_admin, "
                   "network_coordinator (repeatable)")
      ->required();
  user_add->callback(
      [&] { code = strada::app::runUserAdd(data, user_org, user_email, user_name, user_roles); });

  auto* line = app.add_subcommand("line", "Telephony lines that post signed call events");
  line->require_subcommand(1);
  auto* line_add = line->add_subcommand(
      "add", "Add a line; prints its id and its secret (once) for the PBX or relay");
  addDataOptions(line_add, data);
  std::string line_org, line_name, line_id;
  line_add->add_option("--org", line_org, "The organisation's code")->required();
  line_add->add_option("--name", line_name, "A name, such as \"Asterisk main office\"")->required();
  line_add->callback([&] { code = strada::app::runLineAdd(data, line_org, line_name); });
  auto* line_list = line->add_subcommand("list", "List the telephony lines");
  addDataOptions(line_list, data);
  line_list->callback([&] { code = strada::app::runLineList(data); });
  auto* line_deactivate =
      line->add_subcommand("deactivate", "Refuse a line's events from now on (secret rotation)");
  addDataOptions(line_deactivate, data);
  line_deactivate->add_option("--id", line_id, "The line's id")->required();
  line_deactivate->callback([&] { code = strada::app::runLineDeactivate(data, line_id); });

  auto* audit = app.add_subcommand("audit", "The audit trail");
  audit->require_subcommand(1);
  auto* verify = audit->add_subcommand("verify", "Check the audit trail's hash chain");
  addDataOptions(verify, data);
  std::string anchor;
  verify->add_option("--anchor", anchor,
                     "SEQ:HASH printed by an earlier run: prove nothing was cut off the end");
  verify->callback([&] { code = strada::app::runAuditVerify(data, anchor); });

  auto* stats = app.add_subcommand("stats", "The contact statistics");
  stats->require_subcommand(1);
  auto* stats_rebuild =
      stats->add_subcommand("rebuild", "Recount the statistics rollup from the contacts");
  addDataOptions(stats_rebuild, data);
  stats_rebuild->callback([&] { code = strada::app::runStatsRebuild(data); });

  auto* demo = app.add_subcommand("demo", "Create a demo network with realistic data");
  addDataOptions(demo, data);
  strada::app::DemoOptions demo_options;
  demo->add_option("--contacts", demo_options.contacts, "How many contacts in all")
      ->check(CLI::Range(0, 2000000));
  demo->callback([&] { code = strada::app::runDemo(data, demo_options); });

  auto* serve = app.add_subcommand("serve", "Serve the web UI and the API");
  addDataOptions(serve, data);
  std::string listen = "127.0.0.1:8080";
  strada::app::ServeOptions serve_options;
  serve_options.web_root = STRADA_DEFAULT_WEB_ROOT;
  serve->add_option("--listen", listen, "HOST:PORT to listen on (port 0 picks a free one)")
      ->envname("STRADA_LISTEN");
  serve->add_option("--web-root", serve_options.web_root, "The built web UI")
      ->envname("STRADA_WEB_ROOT");
  serve->add_option("--threads", serve_options.threads, "I/O threads")->check(CLI::Range(1, 64));
  serve->callback([&] {
    if (!parseListen(listen, serve_options)) {
      std::cerr << "strada: --listen takes HOST:PORT, such as 127.0.0.1:8080.\n";
      code = 2;
      return;
    }
    code = strada::app::runServe(data, serve_options);
  });

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return code;
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
