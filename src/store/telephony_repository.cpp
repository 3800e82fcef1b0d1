#include "store/telephony_repository.h"

#include <soci/soci.h>

#include "store/guarded.h"

namespace strada::store {

using detail::changeOneRow;
using detail::collectRows;
using detail::guarded;
using detail::guardedWrite;

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
  return guardedWrite(
      "insert telephony line", "telephony_lines",
      {{"", "A telephony line with this id already exists.", "id"}}, [&]() -> domain::Status {
        const std::string secret_hex = detail::toHex(line.secret_sealed);
        const int active = line.active ? 1 : 0;
        const long long created_at = line.created_at;
        w.sql() << "INSERT INTO telephony_lines (id, org_id, name, secret_sealed, active, "
                   "created_at) VALUES (:id, :org_id, :name, :secret_sealed, :active, :created_at)",
            soci::use(line.id), soci::use(line.org_id), soci::use(line.name), soci::use(secret_hex),
            soci::use(active), soci::use(created_at);
        return {};
      });
}

domain::Result<std::optional<TelephonyLine>> findTelephonyLine(soci::session& sql,
                                                               const std::string& id) {
  return guarded("find telephony line", [&]() -> domain::Result<std::optional<TelephonyLine>> {
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
  });
}

domain::Result<std::vector<TelephonyLine>> listTelephonyLines(soci::session& sql) {
  return guarded("list telephony lines", [&]() -> domain::Result<std::vector<TelephonyLine>> {
    TelephonyLine line;
    int active = 0;
    long long created_at = 0;
    soci::statement st =
        (sql.prepare << "SELECT id, org_id, name, active, created_at FROM telephony_lines "
                        "ORDER BY org_id, created_at, id",
         soci::into(line.id), soci::into(line.org_id), soci::into(line.name), soci::into(active),
         soci::into(created_at));
    st.execute();
    return collectRows(st, [&] {
      TelephonyLine copy = line;
      copy.active = active != 0;
      copy.created_at = created_at;
      return copy;
    });
  });
}

domain::Status setTelephonyLineActive(WriteContext& w, const std::string& id, bool active) {
  return guarded("set telephony line active", [&] {
    const int value = active ? 1 : 0;
    soci::statement st = (w.sql().prepare << "UPDATE telephony_lines SET active = :active "
                                             "WHERE id = :id",
                          soci::use(value), soci::use(id));
    return changeOneRow(st, "No telephony line with this id.", "id");
  });
}

// --- calls ---

domain::Result<std::optional<TelephonyCall>> findTelephonyCall(soci::session& sql,
                                                               const std::string& line_id,
                                                               const std::string& call_id) {
  return guarded("find telephony call", [&]() -> domain::Result<std::optional<TelephonyCall>> {
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
  });
}

domain::Status insertTelephonyCall(WriteContext& w, const TelephonyCall& call) {
  return guardedWrite(
      "insert telephony call", "telephony_calls",
      {{"", "This call is recorded already.", "call_id"}}, [&]() -> domain::Status {
        OptionalMillis offered(call.offered_at), answered(call.answered_at), ended(call.ended_at);
        w.sql() << "INSERT INTO telephony_calls (line_id, call_id, org_id, contact_id, "
                   "offered_at, answered_at, ended_at, caller_hash) VALUES (:line_id, :call_id, "
                   ":org_id, :contact_id, :offered_at, :answered_at, :ended_at, :caller_hash)",
            soci::use(call.line_id), soci::use(call.call_id), soci::use(call.org_id),
            soci::use(call.contact_id), soci::use(offered.value, offered.ind),
            soci::use(answered.value, answered.ind), soci::use(ended.value, ended.ind),
            soci::use(call.caller_hash);
        return {};
      });
}

domain::Status updateTelephonyCall(WriteContext& w, const TelephonyCall& call) {
  return guarded("update telephony call", [&] {
    OptionalMillis offered(call.offered_at), answered(call.answered_at), ended(call.ended_at);
    soci::statement st =
        (w.sql().prepare << "UPDATE telephony_calls SET contact_id = :contact_id, "
                            "offered_at = :offered_at, answered_at = :answered_at, "
                            "ended_at = :ended_at, caller_hash = :caller_hash "
                            "WHERE line_id = :line_id AND call_id = :call_id",
         soci::use(call.contact_id), soci::use(offered.value, offered.ind),
         soci::use(answered.value, answered.ind), soci::use(ended.value, ended.ind),
         soci::use(call.caller_hash), soci::use(call.line_id), soci::use(call.call_id));
    return changeOneRow(st, "This call is not recorded.", "call_id");
  });
}

// --- idempotency ---

domain::Result<std::optional<std::string>> findTelephonyEventSeen(soci::session& sql,
                                                                  const std::string& line_id,
                                                                  const std::string& event_key) {
  return guarded("find telephony event", [&]() -> domain::Result<std::optional<std::string>> {
    std::string result;
    sql << "SELECT result_contact_id FROM telephony_events_seen "
           "WHERE line_id = :line_id AND event_key = :event_key",
        soci::into(result), soci::use(line_id), soci::use(event_key);
    if (!sql.got_data()) {
      return std::nullopt;
    }
    return std::optional<std::string>(std::move(result));
  });
}

domain::Status insertTelephonyEventSeen(WriteContext& w, const std::string& line_id,
                                        const std::string& event_key,
                                        domain::UnixMillis received_at,
                                        const std::string& result_contact_id) {
  return guardedWrite(
      "insert telephony event", "telephony_events_seen",
      {{"", "This event was applied already.", "call_id"}}, [&]() -> domain::Status {
        const long long at = received_at;
        w.sql() << "INSERT INTO telephony_events_seen (line_id, event_key, received_at, "
                   "result_contact_id) VALUES (:line_id, :event_key, :received_at, :result)",
            soci::use(line_id), soci::use(event_key), soci::use(at), soci::use(result_contact_id);
        return {};
      });
}

}  // namespace strada::store
