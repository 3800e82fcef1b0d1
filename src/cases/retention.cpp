#include "cases/retention.h"

#include <utility>

#include "store/client_merge_repository.h"
#include "store/client_repository.h"
#include "store/retention_repository.h"

namespace strada::cases {
namespace {

using domain::Result;

// The people to erase for a closed_cases rule: the clients of the cases past their date and
// those merged into them (erased with them, as cases/client_erasure.cpp does).
Result<std::vector<std::string>> peoplePast(soci::session& sql, const std::string& org_id,
                                            std::int64_t cutoff) {
  auto clients = store::closedCaseClientsPast(sql, org_id, cutoff);
  if (!clients) {
    return clients;
  }
  std::vector<std::string> out;
  for (const auto& id : *clients) {
    out.push_back(id);
    auto merged = store::mergedInto(sql, id);
    if (!merged) {
      return tl::unexpected(merged.error());
    }
    for (const auto& m : *merged) {
      out.push_back(m.id);
    }
  }
  return out;
}

// Erases `people` of the organisation and records the purge, in one transaction.
domain::Status erasePeople(store::Database& db, const vault::Vault& vault,
                           const RetentionOutcome& line, const std::vector<std::string>& people,
                           std::int64_t& done) {
  const std::string reason = "Retention: the case was closed more than " +
                             std::to_string(line.rule.keep_days) + " days ago.";
  std::vector<std::pair<std::string, std::string>> sealed;
  sealed.reserve(people.size());
  for (const auto& id : people) {
    sealed.emplace_back(id, vault.seal({vault::SealedField::kErasureReason, id}, reason));
  }
  auto status = db.write([&](store::WriteContext& w) -> domain::Status {
    for (const auto& [id, reason_sealed] : sealed) {
      if (auto erased = store::eraseClient(w, line.org_id, id, "", reason_sealed); !erased) {
        return erased;
      }
      if (auto audited = w.audit(
              audit::AuditEntry{"", line.org_id, audit::AuditAction::kClientKeyDestroy, id, ""});
          !audited) {
        return audited;
      }
    }
    return w.audit(audit::AuditEntry{
        "", line.org_id, audit::AuditAction::kRetentionPurge,
        line.rule.kind + ":" + line.rule.action + "=" + std::to_string(people.size()), ""});
  });
  if (!status) {
    return status;
  }
  done = static_cast<std::int64_t>(people.size());
  // Outside the database, so that a backup made before cannot bring the people back; a failed
  // append is made good at the next start (cases/erasure_reconcile.h).
  if (const vault::ErasureLedger* ledger = vault.erasureLedger(); ledger != nullptr) {
    (void)ledger->append(people);
  }
  return {};
}

// Deletes or de-identifies the records of one rule and records the purge, in one transaction.
domain::Status purgeRecords(store::Database& db, const RetentionOutcome& line, std::int64_t cutoff,
                            std::int64_t& done) {
  return db.write([&](store::WriteContext& w) -> domain::Status {
    Result<std::int64_t> changed = std::int64_t{0};
    const domain::RetentionRule& rule = line.rule;
    if (rule.kind == domain::kRetentionContacts) {
      changed =
          store::purgeContacts(w, line.org_id, cutoff, rule.action == domain::kRetentionDeidentify);
    } else if (rule.kind == domain::kRetentionCaseNotes) {
      changed = store::deleteCaseNotesPast(w, line.org_id, cutoff);
    } else if (rule.kind == domain::kRetentionCaseDocuments) {
      changed = store::deleteCaseDocumentsPast(w, line.org_id, cutoff);
    }
    if (!changed) {
      return tl::unexpected(changed.error());
    }
    done = *changed;
    return w.audit(audit::AuditEntry{"", line.org_id, audit::AuditAction::kRetentionPurge,
                                     rule.kind + ":" + rule.action + "=" + std::to_string(*changed),
                                     ""});
  });
}

}  // namespace

Result<std::vector<RetentionOutcome>> previewRetention(store::Database& db,
                                                       const std::string& org_code,
                                                       std::int64_t now) {
  Result<std::vector<RetentionOutcome>> out = std::vector<RetentionOutcome>{};
  db.read([&](soci::session& sql) {
    auto orgs = store::retentionOrganisations(sql, org_code);
    if (!orgs) {
      out = tl::unexpected(orgs.error());
      return;
    }
    if (orgs->empty() && !org_code.empty()) {
      out = domain::fail(domain::ErrorCode::kNotFound, "No organisation has this code.", "org");
      return;
    }
    for (const auto& org : *orgs) {
      auto counts = store::retentionPreview(sql, org.id, now);
      if (!counts) {
        out = tl::unexpected(counts.error());
        return;
      }
      for (auto& c : *counts) {
        out->push_back(RetentionOutcome{org.id, org.code, std::move(c.rule), c.due, 0});
      }
    }
  });
  return out;
}

Result<std::vector<RetentionOutcome>> applyRetention(store::Database& db, const vault::Vault& vault,
                                                     const std::string& org_code,
                                                     std::int64_t now) {
  auto lines = previewRetention(db, org_code, now);
  if (!lines) {
    return lines;
  }
  for (auto& line : *lines) {
    if (line.due == 0) {
      continue;
    }
    const std::int64_t cutoff = domain::retentionCutoff(line.rule, now);
    domain::Status status;
    if (line.rule.kind == domain::kRetentionClosedCases) {
      Result<std::vector<std::string>> people = std::vector<std::string>{};
      db.read([&](soci::session& sql) { people = peoplePast(sql, line.org_id, cutoff); });
      if (!people) {
        return tl::unexpected(people.error());
      }
      status = erasePeople(db, vault, line, *people, line.done);
    } else {
      status = purgeRecords(db, line, cutoff, line.done);
    }
    if (!status) {
      return tl::unexpected(status.error());
    }
  }
  return lines;
}

}  // namespace strada::cases
