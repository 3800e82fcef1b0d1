// Hotline contacts in the store: the complete contact (coded fields, multi-valued codes in
// contact_codes, referrals in contact_referrals), drafts, the repeat-caller blind index, caller
// flags and safety plans.
//
// Sealed columns are opaque bytes here (summary_sealed, caller_sealed, region_sealed, safety
// plans' sealed):
// sealing and opening happen above the store, and the caller identifier never reaches it in the
// clear, only its blind index (caller_hash) and its sealed form.
//
// Errors: Conflict for a duplicate id or a stale version (field "version"); NotFound when an
// update names no such record of the organisation; Internal for anything else (the database's
// text in `detail` only).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/contact.h"
#include "domain/error.h"
#include "store/database.h"

namespace soci {
class session;
}

namespace strada::store {

// --- contacts ---
struct ContactRow {
  // data.summary, data.caller_identifier and data.caller_region are left empty by the store.
  domain::Contact contact;
  std::string summary_sealed;  // opaque bytes (empty when there is no summary)
  std::string caller_hash;     // blind index of the caller identifier, hex; "" when none
  std::string caller_sealed;   // opaque bytes (empty when there is no identifier)
  std::string region_sealed;   // opaque bytes: data.caller_region sealed (empty when none)
};

// Inserts every field: the row, its multi-valued codes (contact_codes, lists "exploitation",
// "industry", "indicator", "assistance", with started_at copied) and its referrals. The version,
// updated_at and finalised_at are stored as given.
// The statistics rollup (store/contact_stats.h) is adjusted in the same transaction unless
// `count_in_stats` is false: only for bulk loads that rebuild the rollup afterwards.
[[nodiscard]] domain::Status insertContact(WriteContext& w, const ContactRow& row,
                                           bool count_in_stats = true);

// Replaces every field of contact (id, org_id) if its stored version is still
// `expected_version`, including its contact_codes and contact_referrals rows; stores
// row.contact.version (the caller passes expected_version + 1). created_by and created_at are
// kept. NotFound when the organisation has no such contact; Conflict (field "version") when
// someone changed it meanwhile.
[[nodiscard]] domain::Status updateContact(WriteContext& w, const ContactRow& row,
                                           std::int32_t expected_version);

// By id, any organisation (the caller applies the record-level policy); every field, with the
// sealed columns.
[[nodiscard]] domain::Result<std::optional<ContactRow>> findContact(soci::session& sql,
                                                                    const std::string& id);

struct ContactCursor {
  domain::UnixMillis started_at = 0;
  std::string id;
};
[[nodiscard]] domain::Result<std::int64_t> countContacts(soci::session& sql,
                                                         const std::string& org_id);

// The drafts `user_id` created in `org_id`, newest first (by created_at, then id); coded fields
// only. `limit` is clamped to [1, 1000].
[[nodiscard]] domain::Result<std::vector<ContactRow>> listDrafts(soci::session& sql,
                                                                 const std::string& org_id,
                                                                 const std::string& user_id,
                                                                 std::int32_t limit);

// --- repeat callers ---
// Both take the draft rule as policy::draftsVisibleOnlyOf states it: with `drafts_only_of`, a
// draft counts only when that user wrote it; nullopt counts every draft (a supervisor).
//
// The organisation's contacts with this blind index, newest first (started_at, then id); coded
// fields only. `limit` is clamped to [1, 1000].
[[nodiscard]] domain::Result<std::vector<ContactRow>> findContactsByCaller(
    soci::session& sql, const std::string& org_id, const std::string& caller_hash,
    std::int32_t limit, const std::optional<std::string>& drafts_only_of);
// How many of the organisation's contacts carry this blind index; with `before`, only those
// that come before it in time (started_at, then id).
[[nodiscard]] domain::Result<std::int64_t> countContactsByCaller(
    soci::session& sql, const std::string& org_id, const std::string& caller_hash,
    const std::optional<std::string>& drafts_only_of,
    const std::optional<ContactCursor>& before = std::nullopt);

// Deletes the draft `id` of `org_id` with its codes, referrals and the safety plan written for
// it. NotFound when there is no such contact; Conflict when it is final (drafts are not counted
// in the statistics, so the rollup does not change).
[[nodiscard]] domain::Status deleteDraftContact(WriteContext& w, const std::string& org_id,
                                                const std::string& id);

struct CallerFlag {
  std::string org_id;
  std::string caller_hash;
  std::string flag;  // a code of the caller_flag list
  domain::UnixMillis expires_at = 0;
  std::string created_by;
  domain::UnixMillis created_at = 0;
};
// Adds the flag, or replaces its expiry and author when the caller has it already.
[[nodiscard]] domain::Status upsertCallerFlag(WriteContext& w, const CallerFlag& flag);
// NotFound when the caller has no such flag.
[[nodiscard]] domain::Status deleteCallerFlag(WriteContext& w, const std::string& org_id,
                                              const std::string& caller_hash,
                                              const std::string& flag);
// The flags that have not expired at `now` (expires_at > now), ordered by flag.
[[nodiscard]] domain::Result<std::vector<CallerFlag>> listActiveCallerFlags(
    soci::session& sql, const std::string& org_id, const std::string& caller_hash,
    domain::UnixMillis now);

// One row of an organisation's list of flagged callers: an active flag, and the caller's
// contacts as the repeat-caller lookup counts them.
struct FlaggedCaller {
  CallerFlag flag;
  std::int64_t contact_count = 0;
  // The caller's newest contact (started_at, then id); none when no contact carries the index.
  std::optional<ContactCursor> latest_contact;
};
// Where a page of flagged callers starts: after the row with this created_at, caller_hash and
// flag. `caller_hash_prefix` may be a prefix of the row's index (at least 16 hex characters), so
// that a cursor need not carry the whole index; two indexes sharing it at the same instant
// (chance about 2^-64) would then page as one.
struct FlaggedCallerCursor {
  domain::UnixMillis created_at = 0;
  std::string caller_hash_prefix;
  std::string flag;
};
struct FlaggedCallerQuery {
  std::string org_id;
  domain::UnixMillis now = 0;  // flags with expires_at <= now are left out
  std::optional<FlaggedCallerCursor> after;
  std::int32_t limit = 50;  // clamped to [1, 1000]
};
// The organisation's active flags, newest first (created_at, then caller_hash, then flag, all
// descending). Reads the organisation's flags and, per row of the page only, the contacts index
// (org_id, caller_hash, started_at).
[[nodiscard]] domain::Result<std::vector<FlaggedCaller>> listFlaggedCallers(
    soci::session& sql, const FlaggedCallerQuery& query);

// --- referral targets ---
// The ids of `ids` that name no agency of `org_id` (in the order given).
[[nodiscard]] domain::Result<std::vector<std::string>> unknownAgencyIds(
    soci::session& sql, const std::string& org_id, const std::vector<std::string>& ids);

// --- safety plans ---
struct SafetyPlanRow {
  std::string id;
  std::string org_id;
  std::string contact_id;
  std::string sealed;  // opaque bytes: every field of the plan, sealed together
  std::string created_by;
  domain::UnixMillis created_at = 0;
  std::string updated_by;
  domain::UnixMillis updated_at = 0;
  std::int32_t version = 1;
};
// Conflict (field "contact_id") when the contact has a safety plan already.
[[nodiscard]] domain::Status insertSafetyPlan(WriteContext& w, const SafetyPlanRow& row);
// Replaces the sealed content, updated_by and updated_at of plan (id, org_id) if its stored
// version is `expected_version`; stores row.version. NotFound / Conflict (field "version").
[[nodiscard]] domain::Status updateSafetyPlan(WriteContext& w, const SafetyPlanRow& row,
                                              std::int32_t expected_version);
// By id, any organisation (the caller applies the record-level policy).
[[nodiscard]] domain::Result<std::optional<SafetyPlanRow>> findSafetyPlan(soci::session& sql,
                                                                          const std::string& id);
// The plan of one contact of `org_id`, if any.
[[nodiscard]] domain::Result<std::optional<SafetyPlanRow>> findSafetyPlanByContact(
    soci::session& sql, const std::string& org_id, const std::string& contact_id);

}  // namespace strada::store
