#include "store/telephony_repository.h"

#include <soci/soci.h>

#include "store/sql_errors.h"

namespace strada::store {

using detail::internalFrom;
using detail::isUniqueViolation;
using domain::ErrorCode;

namespace {

// An optional instant as a bound value and its NULL indicator.
struct OptionalMillis {
  explicit OptionalMillis(const std::optional<domain::UnixMillis>& v)
      : value(v.value_or(0)), ind(v ? soci::i_ok : soci::i_null) {}
  long long value;
  soci::indicator ind;
};

std::optional<domain::UnixMillis> fromColumn(long long value, soci::indicator ind) {
  if (ind != soci::i_ok) {
    return std::nullopt;
  }
  return value;
}

}  // namespace

// --- lines ---

domain::Status insertTelephonyLine(WriteContext& w, const TelephonyLine& line) {
  try {
    const std::string secret_hex = detail::toHex(line.secret_sealed);
    const int active = line.active ? 1 : 0;
    const long long created_at = line.created_at;
    w.sql() << "INSERT INTO telephony_lines (id, org_id, name, secret_sealed, active, created_at) "
               "VALUES (:id, :org_id, :name, :secret_sealed, :active, :created_at)",
        soci::use(line.id), soci::use(line.org_id), soci::use(line.name), soci::use(secret_hex),
        soci::use(active), soci::use(created_at);
    return {};
  } catch (const std::exception& e) {
    if (isUniqueViolation(e)) {
      return domain::fail(ErrorCode::kConflict, "A telephony line with this id already exists.",
                          "id");
    }
    return internalFrom("insert telephony line", e);
  }
}

domain::Result<std::optional<TelephonyLine>> findTelephonyLine(soci::session& sql,
                                                               const std::string& id) {
  try {
    TelephonyLine line;
    std::string secret_hex;
    int active = 0;
    long long created_at = 0;
    sql << "SELECT id, org_id, name, secret_sealed, active, created_at FROM telephony_lines "
           "WHERE id = :id",
        soci::into(line.id), soci::into(line.org_id), soci::into(line.name), soci::into(secret_hex),
        soci::into(active), soci::into(created_at), soci::use(id);
    if (!sql.got_data()) {
      return std::nullopt;
    }
    auto secret = detail::fromHex(secret_hex);
    if (!secret) {
      return domain::internalError("telephony_lines.secret_sealed is not hex");
    }
    line.secret_sealed = std::move(*secret);
    line.active = active != 0;
    line.created_at = created_at;
    return std::optional<TelephonyLine>(std::move(line));
  } catch (const std::exception& e) {
    return internalFrom("find telephony line", e);
  }
}

domain::Result<std::vector<TelephonyLine>> listTelephonyLines(soci::session& sql) {
  try {
    TelephonyLine line;
    int active = 0;
    long long created_at = 0;
    soci::statement st =
        (sql.prepare << "SELECT id, org_id, name, active, created_at FROM telephony_lines "
                        "ORDER BY org_id, created_at, id",
         soci::into(line.id), soci::into(line.org_id), soci::into(line.name), soci::into(active),
         soci::into(created_at));
    st.execute();
    std::vector<TelephonyLine> out;
    while (st.fetch()) {
      TelephonyLine copy = line;
      copy.active = active != 0;
      copy.created_at = created_at;
      out.push_back(std::move(copy));
    }
    return out;
  } catch (const std::exception& e) {
    return internalFrom("list telephony lines", e);
  }
}

domain::Status setTelephonyLineActive(WriteContext& w, const std::string& id, bool active) {
  try {
    const int value = active ? 1 : 0;
    soci::statement st = (w.sql().prepare << "UPDATE telephony_lines SET active = :active "
                                             "WHERE id = :id",
                          soci::use(value), soci::use(id));
    st.execute(true);
    if (st.get_affected_rows() == 0) {
      return domain::fail(ErrorCode::kNotFound, "No telephony line with this id.", "id");
    }
    return {};
  } catch (const std::exception& e) {
    return internalFrom("set telephony line active", e);
  }
}

// --- calls ---

domain::Result<std::optional<TelephonyCall>> findTelephonyCall(soci::session& sql,
                                                               const std::string& line_id,
                                                               const std::string& call_id) {
  try {
    TelephonyCall call;
    long long offered = 0, answered = 0, ended = 0;
    soci::indicator offered_ind = soci::i_null, answered_ind = soci::i_null,
                    ended_ind = soci::i_null;
    sql << "SELECT line_id, call_id, org_id, contact_id, offered_at, answered_at, ended_at, "
           "caller_hash FROM telephony_calls WHERE line_id = :line_id AND call_id = :call_id",
        soci::into(call.line_id), soci::into(call.call_id), soci::into(call.org_id),
        soci::into(call.contact_id), soci::into(offered, offered_ind),
        soci::into(answered, answered_ind), soci::into(ended, ended_ind),
        soci::into(call.caller_hash), soci::use(line_id), soci::use(call_id);
    if (!sql.got_data()) {
      return std::nullopt;
    }
    call.offered_at = fromColumn(offered, offered_ind);
    call.answered_at = fromColumn(answered, answered_ind);
    call.ended_at = fromColumn(ended, ended_ind);
    return std::optional<TelephonyCall>(std::move(call));
  } catch (const std::exception& e) {
    return internalFrom("find telephony call", e);
  }
}

domain::Status insertTelephonyCall(WriteContext& w, const TelephonyCall& call) {
  try {
    OptionalMillis offered(call.offered_at), answered(call.answered_at), ended(call.ended_at);
    w.sql() << "INSERT INTO telephony_calls (line_id, call_id, org_id, contact_id, offered_at, "
               "answered_at, ended_at, caller_hash) VALUES (:line_id, :call_id, :org_id, "
               ":contact_id, :offered_at, :answered_at, :ended_at, :caller_hash)",
        soci::use(call.line_id), soci::use(call.call_id), soci::use(call.org_id),
        soci::use(call.contact_id), soci::use(offered.value, offered.ind),
        soci::use(answered.value, answered.ind), soci::use(ended.value, ended.ind),
        soci::use(call.caller_hash);
    return {};
  } catch (const std::exception& e) {
    if (isUniqueViolation(e)) {
      return domain::fail(ErrorCode::kConflict, "This call is recorded already.", "call_id");
    }
    return internalFrom("insert telephony call", e);
  }
}

domain::Status updateTelephonyCall(WriteContext& w, const TelephonyCall& call) {
  try {
    OptionalMillis offered(call.offered_at), answered(call.answered_at), ended(call.ended_at);
    soci::statement st =
        (w.sql().prepare << "UPDATE telephony_calls SET contact_id = :contact_id, "
                            "offered_at = :offered_at, answered_at = :answered_at, "
                            "ended_at = :ended_at, caller_hash = :caller_hash "
                            "WHERE line_id = :line_id AND call_id = :call_id",
         soci::use(call.contact_id), soci::use(offered.value, offered.ind),
         soci::use(answered.value, answered.ind), soci::use(ended.value, ended.ind),
         soci::use(call.caller_hash), soci::use(call.line_id), soci::use(call.call_id));
    st.execute(true);
    if (st.get_affected_rows() == 0) {
      return domain::fail(ErrorCode::kNotFound, "This call is not recorded.", "call_id");
    }
    return {};
  } catch (const std::exception& e) {
    return internalFrom("update telephony call", e);
  }
}

// --- idempotency ---

domain::Result<std::optional<std::string>> findTelephonyEventSeen(soci::session& sql,
                                                                  const std::string& line_id,
                                                                  const std::string& event_key) {
  try {
    std::string result;
    sql << "SELECT result_contact_id FROM telephony_events_seen "
           "WHERE line_id = :line_id AND event_key = :event_key",
        soci::into(result), soci::use(line_id), soci::use(event_key);
    if (!sql.got_data()) {
      return std::nullopt;
    }
    return std::optional<std::string>(std::move(result));
  } catch (const std::exception& e) {
    return internalFrom("find telephony event", e);
  }
}

domain::Status insertTelephonyEventSeen(WriteContext& w, const std::string& line_id,
                                        const std::string& event_key,
                                        domain::UnixMillis received_at,
                                        const std::string& result_contact_id) {
  try {
    const long long at = received_at;
    w.sql() << "INSERT INTO telephony_events_seen (line_id, event_key, received_at, "
               "result_contact_id) VALUES (:line_id, :event_key, :received_at, :result)",
        soci::use(line_id), soci::use(event_key), soci::use(at), soci::use(result_contact_id);
    return {};
  } catch (const std::exception& e) {
    if (isUniqueViolation(e)) {
      return domain::fail(ErrorCode::kConflict, "This event was applied already.", "call_id");
    }
    return internalFrom("insert telephony event", e);
  }
}

}  // namespace strada::store
