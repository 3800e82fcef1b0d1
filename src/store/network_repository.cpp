#include "store/network_repository.h"

#include <soci/soci.h>

#include "store/guarded.h"
#include "store/sql_errors.h"

namespace strada::store {

using detail::collectRows;
using detail::guarded;

namespace {

// Whether a row of `table` has `column` = `value` (both constants of ours but the value).
bool rowExists(soci::session& sql, const char* table, const char* column,
               const std::string& value) {
  int count = 0;
  sql << "SELECT COUNT(*) FROM " << table << " WHERE " << column << " = :v", soci::into(count),
      soci::use(value);
  return count > 0;
}

// Runs `query` (an UPDATE of ours) with `values` bound in order.
template <class... Values>
domain::Status runUpdate(WriteContext& w, std::string_view what, const std::string& query,
                         const Values&... values) {
  return guarded(what, [&]() -> domain::Status {
    soci::statement st(w.sql());
    detail::useEach(st, values...);
    detail::prepareAndRun(st, query);
    return {};
  });
}

}  // namespace

// --- this instance ---

domain::Result<NetworkInstance> loadNetworkInstance(soci::session& sql) {
  return guarded("load network instance", [&]() -> domain::Result<NetworkInstance> {
    NetworkInstance n;
    long long updated_at = 0;
    sql << "SELECT code, name, country, url, role, hub_url, hub_code, membership, updated_at "
           "FROM network_instance WHERE id = 1",
        soci::into(n.code), soci::into(n.name), soci::into(n.country), soci::into(n.url),
        soci::into(n.role), soci::into(n.hub_url), soci::into(n.hub_code), soci::into(n.membership),
        soci::into(updated_at);
    if (!sql.got_data()) {
      return NetworkInstance{};
    }
    n.updated_at = updated_at;
    return n;
  });
}

domain::Status saveNetworkInstance(WriteContext& w, const NetworkInstance& n) {
  return guarded("save network instance", [&]() -> domain::Status {
    const long long now = w.now();
    w.sql() << "DELETE FROM network_instance WHERE id = 1";
    w.sql() << "INSERT INTO network_instance (id, code, name, country, url, role, hub_url, "
               "hub_code, membership, updated_at) VALUES (1, :code, :name, :country, :url, "
               ":role, :hub_url, :hub_code, :membership, :updated_at)",
        soci::use(n.code), soci::use(n.name), soci::use(n.country), soci::use(n.url),
        soci::use(n.role), soci::use(n.hub_url), soci::use(n.hub_code), soci::use(n.membership),
        soci::use(now);
    return {};
  });
}

// --- own keys ---

domain::Result<std::vector<OwnNetworkKey>> listOwnNetworkKeys(soci::session& sql) {
  return guarded("list network keys", [&]() -> domain::Result<std::vector<OwnNetworkKey>> {
    OwnNetworkKey k;
    long long created_at = 0, retired_at = 0;
    soci::statement st =
        (sql.prepare << "SELECT key_id, signing_public, box_public, signing_secret_sealed, "
                        "box_secret_sealed, status, created_at, retired_at FROM network_keys "
                        "ORDER BY CASE status WHEN 'current' THEN 0 ELSE 1 END, created_at DESC",
         soci::into(k.key_id), soci::into(k.signing_public), soci::into(k.box_public),
         soci::into(k.signing_secret_sealed), soci::into(k.box_secret_sealed), soci::into(k.status),
         soci::into(created_at), soci::into(retired_at));
    st.execute();
    return detail::collectCheckedRows(st, [&]() -> domain::Result<OwnNetworkKey> {
      OwnNetworkKey row = k;
      if (!detail::decodeHexColumns({&row.signing_public, &row.box_public,
                                     &row.signing_secret_sealed, &row.box_secret_sealed})) {
        return domain::internalError("network_keys holds a value that is not hex");
      }
      row.created_at = created_at;
      row.retired_at = retired_at;
      return row;
    });
  });
}

domain::Status insertOwnNetworkKey(WriteContext& w, const OwnNetworkKey& k) {
  return guarded("insert network key", [&]() -> domain::Status {
    const std::string sp = detail::toHex(k.signing_public), bp = detail::toHex(k.box_public),
                      ss = detail::toHex(k.signing_secret_sealed),
                      bs = detail::toHex(k.box_secret_sealed);
    const long long created_at = k.created_at;
    w.sql() << "INSERT INTO network_keys (key_id, signing_public, box_public, "
               "signing_secret_sealed, box_secret_sealed, status, created_at) VALUES (:key_id, "
               ":sp, :bp, :ss, :bs, :status, :created_at)",
        soci::use(k.key_id), soci::use(sp), soci::use(bp), soci::use(ss), soci::use(bs),
        soci::use(k.status), soci::use(created_at);
    return {};
  });
}

domain::Status retireCurrentNetworkKey(WriteContext& w) {
  const long long now = w.now();
  return runUpdate(w, "retire network key",
                   "UPDATE network_keys SET status = 'retired', retired_at = :now WHERE status = "
                   "'current'",
                   now);
}

// --- members ---

namespace {

struct MemberColumns {
  NetworkMember m;
  int is_hub = 0;
  long long joined_at = 0, approved_at = 0, revoked_at = 0, last_message_at = 0;
  static constexpr const char* kSelect =
      "SELECT code, name, country, url, key_id, status, is_hub, joined_at, approved_at, "
      "approved_by, revoked_at, revoked_by, revoke_reason, last_message_at, version FROM "
      "network_members";
  void bindInto(soci::statement& st) {
    detail::intoEach(st, m.code, m.name, m.country, m.url, m.key_id, m.status, is_hub, joined_at,
                     approved_at, m.approved_by, revoked_at, m.revoked_by, m.revoke_reason,
                     last_message_at, m.version);
  }
  NetworkMember toRow() const {
    NetworkMember out = m;
    out.is_hub = is_hub != 0;
    out.joined_at = joined_at;
    out.approved_at = approved_at;
    out.revoked_at = revoked_at;
    out.last_message_at = last_message_at;
    return out;
  }
};

}  // namespace

domain::Result<std::optional<NetworkMember>> findNetworkMember(soci::session& sql,
                                                               const std::string& code) {
  MemberColumns columns;
  return detail::selectRow(sql, "find network member", columns,
                           std::string(MemberColumns::kSelect) + " WHERE code = :code", code);
}

domain::Result<std::vector<NetworkMember>> listNetworkMembers(soci::session& sql) {
  MemberColumns columns;
  return detail::selectRows(sql, "list network members", columns,
                            std::string(MemberColumns::kSelect) + " ORDER BY code");
}

domain::Status putNetworkMember(WriteContext& w, const NetworkMember& m) {
  return guarded("put network member", [&]() -> domain::Status {
    w.sql() << "DELETE FROM network_members WHERE code = :code", soci::use(m.code);
    detail::insertRow(w.sql(), "network_members",
                      "code, name, country, url, key_id, status, is_hub, joined_at, approved_at, "
                      "approved_by, revoked_at, revoked_by, revoke_reason, last_message_at, "
                      "version",
                      m.code, m.name, m.country, m.url, m.key_id, m.status, m.is_hub, m.joined_at,
                      m.approved_at, m.approved_by, m.revoked_at, m.revoked_by, m.revoke_reason,
                      m.last_message_at, m.version);
    return {};
  });
}

domain::Status touchNetworkMember(WriteContext& w, const std::string& code) {
  const long long now = w.now();
  return runUpdate(w, "touch network member",
                   "UPDATE network_members SET last_message_at = :now WHERE code = :code", now,
                   code);
}

// --- peer keys ---

domain::Result<std::optional<PeerKey>> findPeerKey(soci::session& sql, const std::string& key_id) {
  return guarded("find peer key", [&]() -> domain::Result<std::optional<PeerKey>> {
    PeerKey k;
    long long added_at = 0;
    sql << "SELECT key_id, member_code, signing_public, box_public, status, added_at FROM "
           "network_peer_keys WHERE key_id = :key_id",
        soci::into(k.key_id), soci::into(k.member_code), soci::into(k.signing_public),
        soci::into(k.box_public), soci::into(k.status), soci::into(added_at), soci::use(key_id);
    if (!sql.got_data()) {
      return std::nullopt;
    }
    if (!detail::decodeHexColumns({&k.signing_public, &k.box_public})) {
      return domain::internalError("network_peer_keys holds a value that is not hex");
    }
    k.added_at = added_at;
    return std::optional<PeerKey>(std::move(k));
  });
}

domain::Status putPeerKey(WriteContext& w, const PeerKey& k) {
  return guarded("put peer key", [&]() -> domain::Status {
    w.sql() << "DELETE FROM network_peer_keys WHERE key_id = :key_id", soci::use(k.key_id);
    detail::insertRow(w.sql(), "network_peer_keys",
                      "key_id, member_code, signing_public, box_public, status, added_at", k.key_id,
                      k.member_code, detail::toHex(k.signing_public), detail::toHex(k.box_public),
                      k.status, k.added_at);
    return {};
  });
}

domain::Status setPeerKeysStatus(WriteContext& w, const std::string& member_code,
                                 const std::string& status) {
  return runUpdate(w, "set peer keys status",
                   "UPDATE network_peer_keys SET status = :status WHERE member_code = :code",
                   status, member_code);
}

// --- nonces ---

domain::Status recordNonce(WriteContext& w, const std::string& nonce,
                           domain::UnixMillis forget_before) {
  return guarded("record nonce", [&]() -> domain::Status {
    const long long before = forget_before;
    w.sql() << "DELETE FROM network_seen_nonces WHERE seen_at < :before", soci::use(before);
    if (rowExists(w.sql(), "network_seen_nonces", "nonce", nonce)) {
      return domain::fail(domain::ErrorCode::kConflict, "This message was seen already.", {},
                          "nonce seen");
    }
    detail::insertRow(w.sql(), "network_seen_nonces", "nonce, seen_at", nonce, w.now());
    return {};
  });
}

// --- outbox ---

namespace {

struct OutboxColumns {
  OutboxMessage m;
  long long size_bytes = 0, next_attempt_at = 0, created_at = 0, acknowledged_at = 0;
  static constexpr const char* kSelect =
      "SELECT message_id, destination_code, destination_url, kind, envelope, size_bytes, "
      "attempts, next_attempt_at, last_error, created_at, acknowledged_at FROM network_outbox";
  void bindInto(soci::statement& st) {
    detail::intoEach(st, m.message_id, m.destination_code, m.destination_url, m.kind, m.envelope,
                     size_bytes, m.attempts, next_attempt_at, m.last_error, created_at,
                     acknowledged_at);
  }
  OutboxMessage toRow() const {
    return OutboxMessage{m.message_id, m.destination_code, m.destination_url, m.kind,
                         m.envelope,   size_bytes,         m.attempts,        next_attempt_at,
                         m.last_error, created_at,         acknowledged_at};
  }
};

}  // namespace

domain::Status enqueueOutbox(WriteContext& w, const OutboxMessage& m) {
  return guarded("enqueue outbox", [&]() -> domain::Status {
    if (rowExists(w.sql(), "network_outbox", "message_id", m.message_id)) {
      return {};
    }
    detail::insertRow(w.sql(), "network_outbox",
                      "message_id, destination_code, destination_url, kind, envelope, size_bytes, "
                      "attempts, next_attempt_at, last_error, created_at, acknowledged_at",
                      m.message_id, m.destination_code, m.destination_url, m.kind, m.envelope,
                      m.size_bytes, m.attempts, m.next_attempt_at, m.last_error, w.now(),
                      std::int64_t{0});
    return {};
  });
}

domain::Result<std::vector<OutboxMessage>> dueOutbox(soci::session& sql, domain::UnixMillis now,
                                                     int limit) {
  OutboxColumns columns;
  const long long at = now;
  return detail::selectRows(sql, "due outbox", columns,
                            std::string(OutboxColumns::kSelect) +
                                " WHERE acknowledged_at = 0 AND next_attempt_at <= :now ORDER BY "
                                "next_attempt_at LIMIT " +
                                std::to_string(limit),
                            at);
}

domain::Result<std::vector<OutboxMessage>> pendingOutbox(soci::session& sql) {
  OutboxColumns columns;
  return detail::selectRows(
      sql, "pending outbox", columns,
      std::string(OutboxColumns::kSelect) + " WHERE acknowledged_at = 0 ORDER BY created_at");
}

domain::Status acknowledgeOutbox(WriteContext& w, const std::string& message_id,
                                 bool forget_envelope) {
  return guarded("acknowledge outbox", [&]() -> domain::Status {
    const long long now = w.now();
    if (forget_envelope) {
      w.sql() << "UPDATE network_outbox SET acknowledged_at = :now, envelope = '' WHERE "
                 "message_id = :id",
          soci::use(now), soci::use(message_id);
    } else {
      w.sql() << "UPDATE network_outbox SET acknowledged_at = :now WHERE message_id = :id",
          soci::use(now), soci::use(message_id);
    }
    return {};
  });
}

domain::Status deferOutbox(WriteContext& w, const std::string& message_id, std::int32_t attempts,
                           domain::UnixMillis next_attempt_at, const std::string& error_class) {
  const long long next = next_attempt_at;
  return runUpdate(w, "defer outbox",
                   "UPDATE network_outbox SET attempts = :attempts, next_attempt_at = :next, "
                   "last_error = :error WHERE message_id = :id",
                   attempts, next, error_class, message_id);
}

// --- inbox and relays ---

domain::Result<bool> inboxHas(soci::session& sql, const std::string& message_id) {
  return guarded("find inbox message", [&]() -> domain::Result<bool> {
    return rowExists(sql, "network_inbox", "message_id", message_id);
  });
}

domain::Status insertInbox(WriteContext& w, const InboxMessage& m) {
  return guarded("insert inbox message", [&]() -> domain::Status {
    detail::insertRow(w.sql(), "network_inbox", "message_id, sender_code, kind, body, received_at",
                      m.message_id, m.sender_code, m.kind, m.body, w.now());
    return {};
  });
}

domain::Result<std::vector<InboxMessage>> listInbox(soci::session& sql, const std::string& kind) {
  return guarded("list inbox", [&]() -> domain::Result<std::vector<InboxMessage>> {
    InboxMessage m;
    long long received_at = 0;
    soci::statement st =
        (sql.prepare << "SELECT message_id, sender_code, kind, body, received_at FROM "
                        "network_inbox WHERE kind = :kind ORDER BY received_at, message_id",
         soci::into(m.message_id), soci::into(m.sender_code), soci::into(m.kind),
         soci::into(m.body), soci::into(received_at), soci::use(kind));
    st.execute();
    return collectRows(st, [&] {
      InboxMessage row = m;
      row.received_at = received_at;
      return row;
    });
  });
}

domain::Result<bool> relayHas(soci::session& sql, const std::string& message_id) {
  return guarded("find relay", [&]() -> domain::Result<bool> {
    return rowExists(sql, "network_relays", "message_id", message_id);
  });
}

domain::Status insertRelay(WriteContext& w, const RelayRecord& r) {
  return guarded("insert relay", [&]() -> domain::Status {
    detail::insertRow(w.sql(), "network_relays",
                      "message_id, sender_code, receiver_code, kind, size_bytes, received_at",
                      r.message_id, r.sender_code, r.receiver_code, r.kind, r.size_bytes, w.now());
    return {};
  });
}

}  // namespace strada::store
