#include "app/stats_commands.h"

#include <chrono>
#include <iostream>

#include "app/commands.h"
#include "store/case_stats_facts.h"
#include "store/contact_stats.h"

namespace strada::app {
namespace {

// Audits a rebuild (`what`: "" for the contacts, "cases") and prints how long it took; the exit
// code.
int finishRebuild(store::Database& db, const std::string& what, const std::string& summary,
                  std::chrono::steady_clock::time_point started) {
  auto audited = db.write([&what](store::WriteContext& w) {
    return w.audit(audit::AuditEntry{"", "", audit::AuditAction::kStatsRebuild, what, ""});
  });
  if (!audited) {
    return reportFailure(audited.error());
  }
  const auto seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << summary << " in " << seconds << " s.\n";
  return 0;
}

}  // namespace

int runStatsRebuild(const DataOptions& data) {
  auto opened = openData(data);
  if (!opened) {
    return reportFailure(opened.error());
  }
  const auto started = std::chrono::steady_clock::now();
  std::string current_org;
  std::int64_t last_printed = 0;
  auto counted = store::rebuildContactStats(*opened->db, [&](const store::RebuildProgress& p) {
    const bool new_org = p.org_id != current_org;
    const bool org_done = p.days_done == p.days_total;
    if (new_org || org_done || p.contacts - last_printed >= 50000) {
      std::cout << "Statistics: organisation " << p.org_id << ", day " << p.days_done << " of "
                << p.days_total << ", " << p.contacts << " contacts counted\n"
                << std::flush;
      last_printed = p.contacts;
    }
    current_org = p.org_id;
  });
  if (!counted) {
    return reportFailure(counted.error());
  }
  return finishRebuild(
      *opened->db, "",
      "Statistics rebuilt: " + std::to_string(*counted) + " final contacts counted", started);
}

int runCaseStatsRebuild(const DataOptions& data) {
  auto opened = openData(data);
  if (!opened) {
    return reportFailure(opened.error());
  }
  const auto started = std::chrono::steady_clock::now();
  auto counted =
      store::rebuildCaseStats(*opened->db, [](const std::string& org_id, std::int64_t cases) {
        std::cout << "Case statistics: organisation " << org_id << " done, " << cases
                  << " cases counted so far\n"
                  << std::flush;
      });
  if (!counted) {
    return reportFailure(counted.error());
  }
  return finishRebuild(*opened->db, "cases",
                       "Case statistics rebuilt: " + std::to_string(*counted) +
                           " cases counted (with a statistics consent in force)",
                       started);
}

}  // namespace strada::app
