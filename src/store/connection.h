// Private to store/: connecting to SQLite or PostgreSQL through SOCI, the session settings of the
// durability contract, reconnecting a PostgreSQL connection the server closed, and the writer's
// transaction. Errors never carry the database password.
#pragma once

#include <chrono>
#include <exception>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "domain/error.h"
#include "store/database.h"

namespace soci {
class session;
}

namespace strada::store::detail {

inline constexpr std::string_view kSqlitePrefix = "sqlite:";

struct Connector {
  Backend backend = Backend::kSqlite;
  std::string connect;   // SOCI connect string
  std::string password;  // scrubbed from any error text
};

// The connector for a "sqlite:/path" or "postgresql://..." URL; Unavailable with a sentence
// saying what to fix otherwise.
[[nodiscard]] domain::Result<Connector> parseUrl(const std::string& url);
// A new connection with the settings of the durability contract.
[[nodiscard]] domain::Result<std::unique_ptr<soci::session>> connect(const Connector& c);
// Reconnects a PostgreSQL connection that the server closed while it was idle (no round trip).
// `before_reconnect` (may be empty) runs first: statements prepared on the old connection must
// be dropped before it goes.
void ensureConnected(soci::session& sql, Backend backend,
                     std::chrono::steady_clock::time_point& last_used,
                     const std::function<void()>& before_reconnect = {});
// BEGIN IMMEDIATE on SQLite; BEGIN and the transaction-scoped advisory lock `lock_key` on
// PostgreSQL. Throws what SOCI throws.
void beginWriteTransaction(soci::session& sql, Backend backend, long long lock_key);
// ROLLBACK, ignoring a failure (the connection may be gone).
void rollbackQuietly(soci::session& sql);
// `text` with every occurrence of `secret` replaced by "***".
std::string scrub(std::string text, const std::string& secret);
// Unavailable for a failed `what`, the password scrubbed from the detail.
domain::Error unavailable(std::string_view what, const std::exception& e,
                          const std::string& password);
// Whether schema_migrations exists yet.
[[nodiscard]] domain::Result<bool> migrationsTableExists(soci::session& sql, Backend backend);
// The highest applied migration (0 for none).
int maxAppliedVersion(soci::session& sql);

}  // namespace strada::store::detail
