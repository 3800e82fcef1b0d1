// Applying the organisations' retention rules (issue 10, section 5; domain/retention.h): what
// `strada purge --apply` and the daily job of `strada serve` run. Blocking (Database::read and
// write): never call it on a request's path or on the writer thread.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/error.h"
#include "domain/retention.h"
#include "store/database.h"
#include "vault/vault.h"

namespace strada::cases {

// One rule of one organisation: how many records were past their date, and how many the purge
// changed (deleted, de-identified or, for closed cases, the people erased).
struct RetentionOutcome {
  std::string org_id;
  std::string org_code;
  domain::RetentionRule rule;
  std::int64_t due = 0;
  std::int64_t done = 0;
};

// Every rule of every organisation (only `org_code`'s when not empty) with its count at `now`.
// NotFound ("org") when `org_code` names no organisation.
[[nodiscard]] domain::Result<std::vector<RetentionOutcome>> previewRetention(
    store::Database& db, const std::string& org_code, std::int64_t now);

// Applies them: each (organisation, kind) in one transaction with its retention.purge event
// ("<kind>:<action>=<count>", no personal data; none when nothing was past its date). Closed
// cases: the person is erased as an erasure does (key destroyed, client.key_destroy audited,
// the erasure ledger appended). Stops at the first failure.
[[nodiscard]] domain::Result<std::vector<RetentionOutcome>> applyRetention(
    store::Database& db, const vault::Vault& vault, const std::string& org_code, std::int64_t now);

}  // namespace strada::cases
