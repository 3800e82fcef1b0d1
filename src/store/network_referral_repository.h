// Referrals between members of the network in the store (migration 0030, network/referrals.h):
// the referral on this side (coded and routing columns; at the receiver the sealed packet as it
// arrived), its events, and the hub's list of escalated referrals.
//
// Sealed columns arrive and leave as opaque bytes (hex in the database). Errors: Internal for any
// database failure (its text in `detail` only); Conflict on "version" for a stale change.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/error.h"
#include "domain/time.h"
#include "store/database.h"

namespace soci {
class session;
}

namespace strada::store {

struct NetworkReferralRow {
  std::string id;         // the sender's UUID, the same on both sides
  std::string direction;  // "outgoing", "incoming"
  std::string peer_code;  // the other member
  std::string org_id;     // the sender's organisation; at the receiver, the one that accepted
  std::string case_id;    // the case on this side ("" until an incoming one is accepted)
  std::string status;
  std::string urgency;
  std::string services;  // service codes, comma-separated
  std::string fields;    // the names of the fields that travelled, comma-separated
  domain::UnixMillis answer_by = 0;
  std::string packet_sealed;  // incoming: the sealed box as received (opaque bytes)
  std::string box_key_id;     // incoming: this instance's key it was sealed to
  std::string last_feedback;
  domain::UnixMillis created_at = 0;
  std::string created_by;
  domain::UnixMillis answered_at = 0;
  std::string answered_by;
  domain::UnixMillis reminded_at = 0, escalated_at = 0;
  domain::UnixMillis consent_withdrawn_at = 0, withdrawal_acknowledged_at = 0;
  std::int32_t version = 1;
};

[[nodiscard]] domain::Status insertNetworkReferral(WriteContext& w, const NetworkReferralRow& r);
[[nodiscard]] domain::Result<std::optional<NetworkReferralRow>> findNetworkReferral(
    soci::session& sql, const std::string& id);
// Of `direction` ("" both), the newest first, at most `limit`.
[[nodiscard]] domain::Result<std::vector<NetworkReferralRow>> listNetworkReferrals(
    soci::session& sql, const std::string& direction, int limit);
// The outgoing referrals still open (sent or accepted): what the deadline sweep looks at.
[[nodiscard]] domain::Result<std::vector<NetworkReferralRow>> openOutgoingReferrals(
    soci::session& sql);
// Writes every changeable column if the stored version is `expected` (then expected + 1).
[[nodiscard]] domain::Status updateNetworkReferral(WriteContext& w, const NetworkReferralRow& r,
                                                   std::int32_t expected);

struct NetworkReferralEvent {
  std::string id, referral_id, kind;
  domain::UnixMillis at = 0;
  std::string by_user, by_member;
  std::string note_sealed;  // opaque bytes or ""
};
[[nodiscard]] domain::Status insertNetworkReferralEvent(WriteContext& w,
                                                        const NetworkReferralEvent& e);
// Oldest first.
[[nodiscard]] domain::Result<std::vector<NetworkReferralEvent>> listNetworkReferralEvents(
    soci::session& sql, const std::string& referral_id);

struct ReferralEscalation {
  std::string referral_id, sender_code, receiver_code;
  domain::UnixMillis answer_by = 0, escalated_at = 0;
};
// Inserts it; nothing when the referral was escalated already.
[[nodiscard]] domain::Status insertReferralEscalation(WriteContext& w, const ReferralEscalation& e);
// The newest first, at most 500.
[[nodiscard]] domain::Result<std::vector<ReferralEscalation>> listReferralEscalations(
    soci::session& sql);

}  // namespace strada::store
