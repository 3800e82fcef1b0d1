#include "app/telephony_commands.h"

#include <iostream>
#include <map>
#include <optional>

#include "app/commands.h"
#include "crypto/secret.h"
#include "domain/time.h"
#include "store/repositories.h"
#include "store/telephony_repository.h"

namespace strada::app {

domain::Result<NewTelephonyLine> addTelephonyLine(store::Database& db, const vault::Vault& keys,
                                                  const std::string& org_code,
                                                  const std::string& name) {
  return hotline::runToCompletion(
      hotline::addTelephonyLine(hotline::Context{db, keys}, org_code, name));
}

domain::Result<NewTelephonyLine> addTelephonyLine(const DataOptions& data,
                                                  const std::string& org_code,
                                                  const std::string& name) {
  auto opened = openData(data);
  if (!opened) {
    return tl::unexpected(opened.error());
  }
  return addTelephonyLine(*opened->db, *opened->keys, org_code, name);
}

domain::Status deactivateTelephonyLine(store::Database& db, const vault::Vault& keys,
                                       const std::string& id) {
  return hotline::runToCompletion(hotline::deactivateTelephonyLine(hotline::Context{db, keys}, id));
}

int runLineAdd(const DataOptions& data, const std::string& org_code, const std::string& name) {
  auto line = addTelephonyLine(data, org_code, name);
  if (!line) {
    return reportFailure(line.error());
  }
  std::cout << "Added telephony line " << line->id << " (" << line->name << ") to "
            << line->org_code << ".\n"
            << "Secret (shown only this once): " << line->secret << "\n"
            << "Put the line id and this secret in the configuration of the PBX or relay that "
               "signs the call events (docs/telephony.md), and nowhere else: Strada keeps only a "
               "sealed copy and cannot show it again. If it is lost or leaks, add a new line and "
               "deactivate this one.\n";
  crypto::wipe(line->secret);
  return 0;
}

int runLineList(const DataOptions& data) {
  auto opened = openData(data);
  if (!opened) {
    return reportFailure(opened.error());
  }
  domain::Result<std::vector<store::TelephonyLine>> lines;
  domain::Result<std::vector<domain::Organisation>> orgs;
  opened->db->read([&](soci::session& sql) {
    lines = store::listTelephonyLines(sql);
    orgs = store::listOrganisations(sql);
  });
  if (!lines) {
    return reportFailure(lines.error());
  }
  if (!orgs) {
    return reportFailure(orgs.error());
  }
  std::map<std::string, std::string> code_of;
  for (const auto& o : *orgs) {
    code_of[o.id] = o.code;
  }
  if (lines->empty()) {
    std::cout << "No telephony lines. Add one with `strada line add`.\n";
    return 0;
  }
  for (const auto& l : *lines) {
    std::cout << l.id << "  " << code_of[l.org_id] << "  " << (l.active ? "active  " : "inactive")
              << "  " << domain::formatRfc3339(l.created_at) << "  " << l.name << "\n";
  }
  return 0;
}

int runLineDeactivate(const DataOptions& data, const std::string& id) {
  auto opened = openData(data);
  if (!opened) {
    return reportFailure(opened.error());
  }
  if (auto s = deactivateTelephonyLine(*opened->db, *opened->keys, id); !s) {
    return reportFailure(s.error());
  }
  std::cout << "Deactivated telephony line " << id << ": its events are refused from now on.\n";
  return 0;
}

}  // namespace strada::app
