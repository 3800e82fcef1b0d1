// Retention rules and the purge's SQL (issue 10, section 5; domain/retention.h). `cutoff` is a
// Unix time in milliseconds: a record older than it is past its date.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.h"
#include "domain/retention.h"
#include "store/database.h"

namespace strada::store {

// The organisation's rules, in kind order.
[[nodiscard]] domain::Result<std::vector<domain::RetentionRule>> retentionRules(
    soci::session& sql, const std::string& org_id);
// Replaces every rule of the organisation with `rules` (checked by the caller), at w.now().
[[nodiscard]] domain::Status replaceRetentionRules(WriteContext& w, const std::string& org_id,
                                                   const std::vector<domain::RetentionRule>& rules,
                                                   const std::string& by);

struct RetentionOrganisation {
  std::string id;
  std::string code;
};
// Every organisation, by code; only `code` when it is not empty (none when no such code).
[[nodiscard]] domain::Result<std::vector<RetentionOrganisation>> retentionOrganisations(
    soci::session& sql, const std::string& code);

// How many records of `rule.kind` are past `cutoff` and not yet handled by `rule.action`
// (a de-identified contact or an erased person is not counted again).
[[nodiscard]] domain::Result<std::int64_t> countPastRetention(soci::session& sql,
                                                              const std::string& org_id,
                                                              const domain::RetentionRule& rule,
                                                              std::int64_t cutoff);

// Every rule of the organisation with how many records are past its date at `now`.
struct RetentionCount {
  domain::RetentionRule rule;
  std::int64_t due = 0;
};
[[nodiscard]] domain::Result<std::vector<RetentionCount>> retentionPreview(
    soci::session& sql, const std::string& org_id, std::int64_t now);

// The clients of the organisation's cases closed before `cutoff` that are not erased yet.
[[nodiscard]] domain::Result<std::vector<std::string>> closedCaseClientsPast(
    soci::session& sql, const std::string& org_id, std::int64_t cutoff);

// Contacts started before `cutoff`: deleted with their codes, referrals, safety plans and case
// links (a telephony call keeps no link), or de-identified (their sealed summary, caller and
// region and the caller's blind index emptied, their safety plans deleted). The count changed.
[[nodiscard]] domain::Result<std::int64_t> purgeContacts(WriteContext& w, const std::string& org_id,
                                                         std::int64_t cutoff, bool deidentify);
// The organisation's case notes written before `cutoff`, deleted; how many.
[[nodiscard]] domain::Result<std::int64_t> deleteCaseNotesPast(WriteContext& w,
                                                               const std::string& org_id,
                                                               std::int64_t cutoff);
// The organisation's case documents uploaded before `cutoff`, with their content, deleted.
[[nodiscard]] domain::Result<std::int64_t> deleteCaseDocumentsPast(WriteContext& w,
                                                                   const std::string& org_id,
                                                                   std::int64_t cutoff);

}  // namespace strada::store
