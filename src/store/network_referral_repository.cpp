#include "store/network_referral_repository.h"

#include <soci/soci.h>

#include "store/guarded.h"
#include "store/sql_errors.h"
#include "store/statements.h"

namespace strada::store {
namespace {

using detail::guarded;

constexpr char kColumns[] =
    "id, direction, peer_code, org_id, case_id, status, urgency, services, fields, answer_by, "
    "packet_sealed, box_key_id, last_feedback, created_at, created_by, answered_at, answered_by, "
    "reminded_at, escalated_at, consent_withdrawn_at, withdrawal_acknowledged_at, version";

// The holders of one row of kColumns; the packet arrives as hex.
struct ReferralColumns {
  NetworkReferralRow r;
  long long answer_by = 0, created_at = 0, answered_at = 0, reminded_at = 0, escalated_at = 0;
  long long withdrawn_at = 0, acknowledged_at = 0;
  int version = 0;

  void bindInto(soci::statement& st) {
    detail::intoEach(st, r.id, r.direction, r.peer_code, r.org_id, r.case_id, r.status, r.urgency,
                     r.services, r.fields, answer_by, r.packet_sealed, r.box_key_id,
                     r.last_feedback, created_at, r.created_by, answered_at, r.answered_by,
                     reminded_at, escalated_at, withdrawn_at, acknowledged_at, version);
  }
  domain::Result<NetworkReferralRow> toRow() const {
    NetworkReferralRow out = r;
    out.answer_by = answer_by;
    out.created_at = created_at;
    out.answered_at = answered_at;
    out.reminded_at = reminded_at;
    out.escalated_at = escalated_at;
    out.consent_withdrawn_at = withdrawn_at;
    out.withdrawal_acknowledged_at = acknowledged_at;
    out.version = version;
    if (!detail::decodeHexColumns({&out.packet_sealed})) {
      return domain::internalError("network_referrals packet is not hex");
    }
    return out;
  }
};

template <class... Params>
domain::Result<std::vector<NetworkReferralRow>> selectReferrals(soci::session& sql,
                                                                const std::string& query,
                                                                const Params&... params) {
  return guarded("list network referrals",
                 [&]() -> domain::Result<std::vector<NetworkReferralRow>> {
                   ReferralColumns columns;
                   soci::statement st(sql);
                   detail::runSelect(st, columns, query, params...);
                   return detail::collectCheckedRows(st, [&] { return columns.toRow(); });
                 });
}

struct EventColumns {
  NetworkReferralEvent e;
  long long at = 0;
  void bindInto(soci::statement& st) {
    detail::intoEach(st, e.id, e.referral_id, e.kind, at, e.by_user, e.by_member, e.note_sealed);
  }
  domain::Result<NetworkReferralEvent> toRow() const {
    NetworkReferralEvent out = e;
    out.at = at;
    if (!detail::decodeHexColumns({&out.note_sealed})) {
      return domain::internalError("network_referral_events note is not hex");
    }
    return out;
  }
};

struct EscalationColumns {
  ReferralEscalation e;
  long long answer_by = 0, at = 0;
  void bindInto(soci::statement& st) {
    detail::intoEach(st, e.referral_id, e.sender_code, e.receiver_code, answer_by, at);
  }
  ReferralEscalation toRow() const {
    ReferralEscalation out = e;
    out.answer_by = answer_by;
    out.escalated_at = at;
    return out;
  }
};

}  // namespace

domain::Status insertNetworkReferral(WriteContext& w, const NetworkReferralRow& r) {
  const std::string packet_hex = detail::toHex(r.packet_sealed);
  return guarded("insert network referral", [&]() -> domain::Status {
    detail::insertRow(w.sql(), "network_referrals", kColumns, r.id, r.direction, r.peer_code,
                      r.org_id, r.case_id, r.status, r.urgency, r.services, r.fields, r.answer_by,
                      packet_hex, r.box_key_id, r.last_feedback, r.created_at, r.created_by,
                      r.answered_at, r.answered_by, r.reminded_at, r.escalated_at,
                      r.consent_withdrawn_at, r.withdrawal_acknowledged_at, r.version);
    return {};
  });
}

domain::Result<std::optional<NetworkReferralRow>> findNetworkReferral(soci::session& sql,
                                                                      const std::string& id) {
  auto rows = selectReferrals(
      sql, std::string("SELECT ") + kColumns + " FROM network_referrals WHERE id = :id", id);
  if (!rows) {
    return tl::unexpected(rows.error());
  }
  if (rows->empty()) {
    return std::nullopt;
  }
  return std::move(rows->front());
}

domain::Result<std::vector<NetworkReferralRow>> listNetworkReferrals(soci::session& sql,
                                                                     const std::string& direction,
                                                                     int limit) {
  const std::string query = std::string("SELECT ") + kColumns +
                            " FROM network_referrals WHERE (:d = '' OR direction = :d2) "
                            "ORDER BY created_at DESC, id DESC LIMIT " +
                            std::to_string(limit);
  return selectReferrals(sql, query, direction, direction);
}

domain::Result<std::vector<NetworkReferralRow>> openOutgoingReferrals(soci::session& sql) {
  return selectReferrals(sql,
                         std::string("SELECT ") + kColumns +
                             " FROM network_referrals WHERE direction = 'outgoing' AND status IN "
                             "('sent', 'accepted') ORDER BY created_at, id");
}

domain::Status updateNetworkReferral(WriteContext& w, const NetworkReferralRow& r,
                                     std::int32_t expected) {
  const long long answered_at = r.answered_at, reminded_at = r.reminded_at,
                  escalated_at = r.escalated_at, withdrawn_at = r.consent_withdrawn_at,
                  acknowledged_at = r.withdrawal_acknowledged_at;
  const int version = expected;
  return guarded("update network referral", [&]() -> domain::Status {
    soci::statement st(w.sql());
    detail::useEach(st, r.org_id, r.case_id, r.status, r.last_feedback, answered_at, r.answered_by,
                    reminded_at, escalated_at, withdrawn_at, acknowledged_at, r.id, version);
    return detail::runOnOneRow(
        st,
        "UPDATE network_referrals SET org_id = :o, case_id = :c, status = :s, last_feedback = :f, "
        "answered_at = :aa, answered_by = :ab, reminded_at = :r, escalated_at = :e, "
        "consent_withdrawn_at = :w, withdrawal_acknowledged_at = :k, version = version + 1 "
        "WHERE id = :id AND version = :v",
        detail::RowUnchanged{domain::ErrorCode::kConflict,
                             "This referral was changed meanwhile. Reload it and try again.",
                             "version"});
  });
}

domain::Status insertNetworkReferralEvent(WriteContext& w, const NetworkReferralEvent& e) {
  const std::string note_hex = detail::toHex(e.note_sealed);
  return guarded("insert network referral event", [&]() -> domain::Status {
    detail::insertRow(w.sql(), "network_referral_events",
                      "id, referral_id, kind, at, by_user, by_member, note_sealed", e.id,
                      e.referral_id, e.kind, e.at, e.by_user, e.by_member, note_hex);
    return {};
  });
}

domain::Result<std::vector<NetworkReferralEvent>> listNetworkReferralEvents(
    soci::session& sql, const std::string& referral_id) {
  return guarded("list network referral events",
                 [&]() -> domain::Result<std::vector<NetworkReferralEvent>> {
                   EventColumns columns;
                   soci::statement st(sql);
                   detail::runSelect(st, columns,
                                     "SELECT id, referral_id, kind, at, by_user, by_member, "
                                     "note_sealed FROM network_referral_events WHERE "
                                     "referral_id = :r ORDER BY at, id",
                                     referral_id);
                   return detail::collectCheckedRows(st, [&] { return columns.toRow(); });
                 });
}

domain::Status insertReferralEscalation(WriteContext& w, const ReferralEscalation& e) {
  return guarded("insert referral escalation", [&]() -> domain::Status {
    long long n = 0;
    w.sql() << "SELECT COUNT(*) FROM network_referral_escalations WHERE referral_id = :r",
        soci::into(n), soci::use(e.referral_id);
    if (n > 0) {
      return {};
    }
    detail::insertRow(w.sql(), "network_referral_escalations",
                      "referral_id, sender_code, receiver_code, answer_by, escalated_at",
                      e.referral_id, e.sender_code, e.receiver_code, e.answer_by, e.escalated_at);
    return {};
  });
}

domain::Result<std::vector<ReferralEscalation>> listReferralEscalations(soci::session& sql) {
  EscalationColumns columns;
  return detail::selectRows(sql, "list referral escalations", columns,
                            "SELECT referral_id, sender_code, receiver_code, answer_by, "
                            "escalated_at FROM network_referral_escalations ORDER BY "
                            "escalated_at DESC LIMIT 500");
}

}  // namespace strada::store
