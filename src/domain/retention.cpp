#include "domain/retention.h"

#include <algorithm>
#include <array>

namespace strada::domain {
namespace {

constexpr std::array<std::string_view, 4> kKinds = {kRetentionContacts, kRetentionClosedCases,
                                                    kRetentionCaseNotes, kRetentionCaseDocuments};

}  // namespace

std::span<const std::string_view> retentionKinds() { return kKinds; }

bool retentionActionAllowed(std::string_view kind, std::string_view action) {
  if (kind == kRetentionContacts) {
    return action == kRetentionDelete || action == kRetentionDeidentify;
  }
  if (kind == kRetentionClosedCases) {
    return action == kRetentionDeidentify;
  }
  if (kind == kRetentionCaseNotes || kind == kRetentionCaseDocuments) {
    return action == kRetentionDelete;
  }
  return false;
}

Status checkRetentionRule(const RetentionRule& rule, const std::string& field_prefix) {
  if (rule.kind == "audit_events") {
    return invalidField(field_prefix + "kind",
                        "Audit events are never purged: the chained trail is the proof of who "
                        "did what.");
  }
  if (rule.kind == "exports") {
    return invalidField(field_prefix + "kind",
                        "Exports are not stored by Strada: there is nothing to keep or purge.");
  }
  if (std::find(kKinds.begin(), kKinds.end(), rule.kind) == kKinds.end()) {
    return invalidField(field_prefix + "kind",
                        "Name one of contacts, closed_cases, case_notes, case_documents.");
  }
  if (rule.keep_days < kRetentionMinDays || rule.keep_days > kRetentionMaxDays) {
    return invalidField(field_prefix + "keep_days",
                        "Keep records from 1 to 36500 days (100 years).");
  }
  if (rule.action != kRetentionDelete && rule.action != kRetentionDeidentify) {
    return invalidField(field_prefix + "action", "The action is delete or deidentify.");
  }
  if (!retentionActionAllowed(rule.kind, rule.action)) {
    return invalidField(field_prefix + "action",
                        rule.kind == kRetentionClosedCases
                            ? "Closed cases are de-identified (the person's key is destroyed, as "
                              "an erasure does): their coded history feeds the figures."
                            : "Notes and documents are deleted: they have nothing left to keep "
                              "once their text is gone.");
  }
  return {};
}

}  // namespace strada::domain
