// The read side of hotline contacts: filtered lists with keyset pages, the supervisor's views
// (open follow-ups, stale drafts), the follow-up "done" mark, and the statistics rollup's figures.
//
// Coded fields only: no function here reads a sealed column (summary, caller identifier, safety
// plan), so nothing built on them can leak free text. Every value is a bound parameter; the
// filters pick indexes of migration 0005 (see docs/performance.md for the plans).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/contact.h"
#include "domain/error.h"
#include "store/contact_repository.h"
#include "store/database.h"

namespace strada::store {

enum class FollowUpFilter {
  kAny,
  kDue,      // open (needed, not done) and not yet past its due time
  kOverdue,  // open and past its due time
  kOpen,     // open, due or overdue
  kNone,     // no follow-up needed
};

struct ContactFilter {
  std::string org_id;                      // required: lists never cross organisations
  std::optional<domain::UnixMillis> from;  // started_at >= from
  std::optional<domain::UnixMillis> to;    // started_at < to
  std::string status = std::string(domain::kStatusFinal);  // "draft", "final", or "" for both
  // When set, drafts appear only if this user created them (another consultant's draft is theirs
  // until it is finished); when empty, drafts appear as any other contact.
  std::string drafts_of;
  std::string consultant;  // created_by (a user id)
  std::string channel;
  std::string kind;
  std::string category;
  std::string caller_type;
  std::string caller_country;
  std::string destination_country;
  std::string exploitation;  // one code: contacts coded with it (contact_codes)
  std::string outcome;
  FollowUpFilter follow_up = FollowUpFilter::kAny;
  domain::UnixMillis now = 0;  // the instant "due" and "overdue" are measured against
  std::optional<bool> imminent_danger;
  std::optional<ContactCursor> after;  // keyset: rows strictly after this one
  std::int32_t limit = 50;             // clamped to 1..5000
};

// Newest first (started_at DESC, id DESC). Each row carries every coded field, its multi-valued
// codes and referral agency ids; summary_sealed stays empty and caller_identifier is never read.
[[nodiscard]] domain::Result<std::vector<domain::Contact>> searchContacts(
    soci::session& sql, const ContactFilter& filter);

namespace detail {
// Which index a SQLite list filtered by a form of exploitation walks: "contact_codes_page_idx",
// or the contacts index of a clearly more selective filter (chosen from the statistics rollup).
// Empty without a form of exploitation; on PostgreSQL always the code's page index (the query
// joins from it and its planner reorders the join). For tests.
std::string exploitationListIndex(soci::session& sql, const ContactFilter& filter);
}  // namespace detail

// Open follow-ups (needed, not done) of an organisation, soonest due first.
[[nodiscard]] domain::Result<std::vector<domain::Contact>> listOpenFollowUps(
    soci::session& sql, const std::string& org_id, std::int32_t limit);

// Drafts created before `created_before`, oldest first.
[[nodiscard]] domain::Result<std::vector<domain::Contact>> listStaleDrafts(
    soci::session& sql, const std::string& org_id, domain::UnixMillis created_before,
    std::int32_t limit);

// The stored contact `id` of `org_id` as the statistics count it (status, kind, started_at and
// the coded fields of statsCells), or nullopt. For updateContact: read it before the UPDATE.
[[nodiscard]] domain::Result<std::optional<domain::Contact>> findCountedContact(
    soci::session& sql, const std::string& org_id, const std::string& id);

// Marks the follow-up of contact `id` (of `org_id`) done at w.now(). NotFound when there is no
// such contact in the organisation; Conflict (field "follow_up_needed") when it needs no
// follow-up or it was done already.
[[nodiscard]] domain::Status markFollowUpDone(WriteContext& w, const std::string& org_id,
                                              const std::string& id);

}  // namespace strada::store
