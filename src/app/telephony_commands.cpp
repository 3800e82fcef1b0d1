#include "app/telephony_commands.h"

#include <sodium.h>

#include <iostream>
#include <map>
#include <optional>

#include "app/commands.h"
#include "crypto/crypto.h"
#include "domain/time.h"
#include "store/repositories.h"
#include "store/telephony_repository.h"

namespace strada::app {
namespace {

constexpr std::size_t kMaxLineNameBytes = 100;
constexpr std::size_t kSecretBytes = 32;

}  // namespace

domain::Result<NewTelephonyLine> addTelephonyLine(store::Database& db, const vault::Vault& keys,
                                                  const std::string& org_code,
                                                  const std::string& name) {
  if (name.empty() || name.size() > kMaxLineNameBytes) {
    return domain::invalidField("name",
                                "Give the line a name of 1 to 100 characters, such as "
                                "\"Asterisk main office\".");
  }
  domain::Result<std::optional<domain::Organisation>> org;
  db.read([&](soci::session& sql) { org = store::findOrganisationByCode(sql, org_code); });
  if (!org) {
    return tl::unexpected(org.error());
  }
  if (!org->has_value()) {
    return domain::invalidField(
        "org", "No organisation with code " + org_code + ". Add it first with `strada org add`.");
  }
  NewTelephonyLine created{crypto::newId(), org_code, name, crypto::randomToken(kSecretBytes)};
  store::TelephonyLine line;
  line.id = created.id;
  line.org_id = (*org)->id;
  line.name = name;
  line.active = true;
  line.secret_sealed = keys.seal({vault::SealedField::kTelephonySecret, line.id}, created.secret);
  auto status = db.write([&line](store::WriteContext& w) -> domain::Status {
    line.created_at = w.now();
    if (auto s = store::insertTelephonyLine(w, line); !s) {
      return s;
    }
    return w.audit({"", line.org_id, "telephony_line.create", "telephony_line", line.id, ""});
  });
  if (!status) {
    sodium_memzero(created.secret.data(), created.secret.size());
    return tl::unexpected(status.error());
  }
  return created;
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

domain::Status deactivateTelephonyLine(store::Database& db, const std::string& id) {
  domain::Result<std::optional<store::TelephonyLine>> line;
  db.read([&](soci::session& sql) { line = store::findTelephonyLine(sql, id); });
  if (!line) {
    return tl::unexpected(line.error());
  }
  if (!line->has_value()) {
    return domain::fail(domain::ErrorCode::kNotFound, "No telephony line with this id.", "id");
  }
  const std::string org_id = (*line)->org_id;
  return db.write([&id, &org_id](store::WriteContext& w) -> domain::Status {
    if (auto s = store::setTelephonyLineActive(w, id, false); !s) {
      return s;
    }
    return w.audit({"", org_id, "telephony_line.deactivate", "telephony_line", id, ""});
  });
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
  sodium_memzero(line->secret.data(), line->secret.size());
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
  if (auto s = deactivateTelephonyLine(*opened->db, id); !s) {
    return reportFailure(s.error());
  }
  std::cout << "Deactivated telephony line " << id << ": its events are refused from now on.\n";
  return 0;
}

}  // namespace strada::app
