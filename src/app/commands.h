// The sub-commands of `strada`. Each returns the process exit code and prints what happened and,
// on failure, what to do next. Nothing printed holds personal data except what the operator typed.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "app/data_dir.h"
#include "app/strada_server.h"
#include "domain/error.h"

namespace strada::app {

int runInit(const DataOptions& data);
int runMigrate(const DataOptions& data);
int runOrgAdd(const DataOptions& data, const std::string& code, const std::string& name,
              const std::string& country, const std::vector<std::string>& languages);
// The password comes from STRADA_PASSWORD, or else the first line of standard input.
int runUserAdd(const DataOptions& data, const std::string& org_code, const std::string& email,
               const std::string& name, const std::vector<std::string>& roles,
               const std::string& agency_id);
// Walks the whole audit chain, checking every event's MAC under the audit key (which needs the
// master key). With `anchor` ("SEQ:HASH", as an earlier run printed and an operator kept apart
// from the server), also proves that event SEQ is still there with that MAC: the chain alone
// cannot show events cut off its END. With `anchors_file` (app/audit_anchor.h), does so for
// every anchor in it after checking its signature against this instance's anchor key. 0 intact,
// 3 broken (every failure printed, naming the seq), 2 bad anchor text.
int runAuditVerify(const DataOptions& data, const std::string& anchor = {},
                   const std::filesystem::path& anchors_file = {});
// Appends a signed anchor of the trail's last event to `to` (and its public key to TO.pub when
// missing). `label` names the instance in the anchor (default: the host name).
int runAuditAnchor(const DataOptions& data, const std::filesystem::path& to,
                   const std::string& label = {});
// Checks every anchor of `anchors_file` against `public_key_hex` (default: ANCHORS_FILE.pub)
// without any data folder or master key: for a reviewer. 0 all signed and in seq order, 3 not,
// 2 no usable public key.
int runAuditCheckAnchors(const std::filesystem::path& anchors_file,
                         const std::string& public_key_hex = {});
int runServe(const DataOptions& data, const ServeOptions& serve);

struct DemoOptions {
  int contacts = 2000;
  int cases = 0;  // generated clients with a case each, beside the eight hand-written ones
  int years = 3;
  unsigned seed = 20261130;
};
// Creates the data folder if needed, then a demo network (three members, a user of every role
// each, contacts over the years); prints the logins. Running it again only prints the logins.
int runDemo(const DataOptions& data, const DemoOptions& demo);
// The password of every demo account (printed: the demo exists to be tried out).
std::string_view demoPassword();
// One member of the demo network alone (code NL, RO or UA) in the opened data folder: its users
// (<role>@<code>.demo.example), all of demo.contacts, its directory, cases and knowledge, its
// statistics rebuilt. `strada network demo` gives each member an instance of its own.
[[nodiscard]] domain::Status addDemoMemberOrganisation(OpenedData& opened, std::string_view code,
                                                       const DemoOptions& demo);

// Prints a failure in the shape every command uses: "strada: <message>".
int reportFailure(const domain::Error& error);

// Opens the data folder of `data` and runs `command(OpenedData&)` on it: its exit code, or 1
// with the reason when the folder cannot be opened.
template <class Command>
int withOpenData(const DataOptions& data, Command command) {
  auto opened = openData(data);
  if (!opened) {
    return reportFailure(opened.error());
  }
  return command(*opened);
}

}  // namespace strada::app
