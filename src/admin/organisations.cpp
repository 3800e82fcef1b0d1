#include "admin/organisations.h"

#include <utility>

#include "audit/audit_action.h"
#include "crypto/crypto.h"
#include "crypto/password.h"
#include "crypto/secret.h"
#include "store/agency_repository.h"
#include "store/repositories.h"

namespace strada::admin {
namespace {

using audit::AuditAction;
using domain::Result;

// The stored record of `in` for the organisation `org_id`: validated, its password hashed.
Result<store::UserRecord> userRecord(const std::string& org_id, NewUser& in) {
  store::UserRecord record;
  record.user.id = crypto::newId();
  record.user.org_id = org_id;
  auto email = domain::normaliseEmail(in.email);
  if (!email) {
    return tl::unexpected(email.error());
  }
  record.user.email = *email;
  record.user.name = in.name;
  record.user.agency_id = in.agency_id;
  for (const auto& name : in.roles) {
    auto role = domain::parseRole(name);
    if (!role) {
      return domain::invalidField(
          "role", "Unknown role " + name +
                      ". Use consultant, case_worker, supervisor, data_officer, org_admin, "
                      "network_coordinator or partner.");
    }
    record.user.roles.push_back(*role);
  }
  if (auto valid = domain::validateUser(record.user); !valid) {
    return tl::unexpected(valid.error());
  }
  if (in.password_hash) {
    record.password_hash = *in.password_hash;
    return record;
  }
  if (auto strong = crypto::checkPasswordStrength(in.password, record.user.email, in.name);
      !strong) {
    crypto::wipe(in.password);
    return tl::unexpected(strong.error());
  }
  auto hash = crypto::hashPassword(in.password);
  crypto::wipe(in.password);
  if (!hash) {
    return tl::unexpected(hash.error());
  }
  record.password_hash = std::move(*hash);
  return record;
}

domain::Status insertUserAudited(store::WriteContext& w, store::UserRecord& record) {
  record.user.created_at = w.now();
  if (auto s = store::insertUser(w, record); !s) {
    return s;
  }
  return w.audit(
      audit::AuditEntry{"", record.user.org_id, AuditAction::kUserCreate, record.user.id, ""});
}

// A partner account's agency: an active agency of the user's own organisation.
domain::Status checkPartnerAgency(store::Database& db, const domain::User& user) {
  if (user.agency_id.empty()) {
    return {};  // validateUser has asked for one where it is needed
  }
  domain::Result<std::optional<store::AgencyRow>> agency;
  db.read([&](soci::session& sql) { agency = store::findAgency(sql, user.agency_id); });
  if (!agency) {
    return tl::unexpected(agency.error());
  }
  if (!agency->has_value() || (*agency)->agency.org_id != user.org_id ||
      !(*agency)->agency.active) {
    return domain::invalidField(
        "agency_id",
        "No active agency with this id in the organisation's directory. Choose one "
        "from the directory (`strada` web client, Directory).");
  }
  return {};
}

}  // namespace

Result<AddedOrganisation> addOrganisation(store::Database& db, domain::Organisation org,
                                          const std::vector<NewUser>& users) {
  org.id = crypto::newId();
  org.created_at = domain::nowMillis();
  if (auto valid = domain::validateOrganisation(org); !valid) {
    return tl::unexpected(valid.error());
  }
  std::vector<store::UserRecord> records;
  records.reserve(users.size());
  for (NewUser u : users) {
    auto record = userRecord(org.id, u);
    if (!record) {
      return tl::unexpected(record.error());
    }
    records.push_back(std::move(*record));
  }
  auto status = db.write([&org, &records](store::WriteContext& w) -> domain::Status {
    org.created_at = w.now();
    if (auto s = store::insertOrganisation(w, org); !s) {
      return s;
    }
    for (auto& record : records) {
      if (auto s = insertUserAudited(w, record); !s) {
        return s;
      }
    }
    return w.audit(audit::AuditEntry{"", org.id, AuditAction::kOrganisationCreate, org.id, ""});
  });
  if (!status) {
    return tl::unexpected(status.error());
  }
  AddedOrganisation added{std::move(org), {}};
  for (auto& record : records) {
    added.users.push_back(std::move(record.user));
  }
  return added;
}

Result<domain::User> addUser(store::Database& db, const std::string& org_code, NewUser user) {
  domain::Result<std::optional<domain::Organisation>> org;
  db.read([&](soci::session& sql) { org = store::findOrganisationByCode(sql, org_code); });
  if (!org) {
    crypto::wipe(user.password);
    return tl::unexpected(org.error());
  }
  if (!org->has_value()) {
    crypto::wipe(user.password);
    return domain::invalidField(
        "org", "No organisation with code " + org_code + ". Add it first with `strada org add`.");
  }
  auto record = userRecord((*org)->id, user);
  if (!record) {
    return tl::unexpected(record.error());
  }
  if (auto agency = checkPartnerAgency(db, record->user); !agency) {
    return tl::unexpected(agency.error());
  }
  auto status = db.write([&record](store::WriteContext& w) -> domain::Status {
    return insertUserAudited(w, *record);
  });
  if (!status) {
    return tl::unexpected(status.error());
  }
  return record->user;
}

}  // namespace strada::admin
