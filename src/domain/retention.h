// Retention (issue 10, section 5; docs/security.md "Retention"): how long an organisation keeps
// each kind of record and what happens to it after. No rule: the kind is kept without limit.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "domain/error.h"

namespace strada::domain {

// The kinds a rule can name, and when a record of each is past its date:
//   contacts        started_at older than keep_days (draft or final);
//   closed_cases    closed cases whose closure was approved more than keep_days ago;
//   case_notes      a case's notes written more than keep_days ago;
//   case_documents  a case's uploaded documents, uploaded more than keep_days ago.
// Audit events and exports have no rule: the chain is the proof, and exports are not stored.
inline constexpr std::string_view kRetentionContacts = "contacts";
inline constexpr std::string_view kRetentionClosedCases = "closed_cases";
inline constexpr std::string_view kRetentionCaseNotes = "case_notes";
inline constexpr std::string_view kRetentionCaseDocuments = "case_documents";

inline constexpr std::string_view kRetentionDelete = "delete";
inline constexpr std::string_view kRetentionDeidentify = "deidentify";

// The shortest and longest keep_days a rule may name (1 day, 100 years).
inline constexpr std::int32_t kRetentionMinDays = 1;
inline constexpr std::int32_t kRetentionMaxDays = 36500;

struct RetentionRule {
  std::string kind;
  std::int32_t keep_days = 0;
  std::string action;
  std::int64_t updated_at = 0;
  std::string updated_by;
};

// Every kind, in the order they are shown and applied.
std::span<const std::string_view> retentionKinds();
// Whether `action` may apply to `kind`: contacts delete or deidentify; closed_cases deidentify
// only (the person's key is destroyed, as an erasure does); case_notes and case_documents delete
// only.
bool retentionActionAllowed(std::string_view kind, std::string_view action);
// InvalidArgument naming `field_prefix` + "kind" / "keep_days" / "action" when the rule is not
// one of the above (audit_events and exports are refused with the reason why).
Status checkRetentionRule(const RetentionRule& rule, const std::string& field_prefix);
// The instant before which a record is past its date under `rule` at `now` (Unix ms).
inline std::int64_t retentionCutoff(const RetentionRule& rule, std::int64_t now) {
  return now - std::int64_t{rule.keep_days} * 86'400'000;
}

}  // namespace strada::domain
