#include "app/report_commands.h"

#include <fstream>
#include <iostream>
#include <sstream>

#include "app/commands.h"
#include "reports/report_import.h"
#include "store/organisation_repository.h"

namespace strada::app {

int runReportsImport(const DataOptions& data, const std::string& org_code,
                     const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::cerr << "strada: cannot read " << file << ". Check the path of --file.\n";
    return 1;
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (text.str().size() > reports::kMaxImportBytes) {
    std::cerr << "strada: " << file << " is larger than 4 MiB. Split it by years.\n";
    return 1;
  }
  return withOpenData(data, [&](OpenedData& opened) {
    domain::Result<std::optional<domain::Organisation>> found = std::nullopt;
    opened.db->read(
        [&](soci::session& sql) { found = store::findOrganisationByCode(sql, org_code); });
    if (!found) {
      return reportFailure(found.error());
    }
    if (!*found) {
      std::cerr << "strada: no organisation with the code " << org_code
                << ". Check --org (the code given to strada org add).\n";
      return 1;
    }
    // The command line acts as the organisation's data officer, with no user of its own.
    hotline::Actor actor{policy::Principal{"", (*found)->id, {domain::Role::kDataOfficer}, ""}, ""};
    auto outcome = hotline::runToCompletion(
        reports::importReports(hotline::Context{*opened.db, *opened.keys}, actor, text.str()));
    if (!outcome) {
      return reportFailure(outcome.error());
    }
    for (const auto& e : outcome->errors) {
      std::cerr << file << ":" << e.line << ": " << (e.field.empty() ? "" : e.field + ": ")
                << e.message << "\n";
    }
    if (!outcome->errors.empty()) {
      std::cerr << "strada: nothing was imported. Correct the lines above and run it again.\n";
      return 1;
    }
    for (const auto& r : outcome->reports) {
      std::cout << "Imported " << r.period_start.substr(0, 4) << " as revision " << r.revision
                << " (draft " << r.id << "): review and approve it on the Reports screen.\n";
    }
    return 0;
  });
}

}  // namespace strada::app
