// Private to store/: turning database exceptions into domain errors without leaking personal data,
// and the text encodings of the store's columns.
#pragma once

#include <exception>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/encoding.h"
#include "domain/error.h"

namespace strada::store::detail {

// The database's own message, first line only. PostgreSQL adds a "DETAIL: Key (email)=(...)" line
// and SOCI's what() appends the bound values: both can hold personal data, so neither is kept.
std::string safeDbMessage(const std::exception& e);

// A unique or primary-key violation: SQLite "UNIQUE constraint failed", PostgreSQL SQLSTATE 23505.
bool isUniqueViolation(const std::exception& e);

// Whether a unique violation names `column` of `table` ("users.email" on SQLite, the constraint
// "users_email_key" on PostgreSQL; column "id" also matches the primary key "users_pkey").
bool uniqueViolationNames(const std::exception& e, std::string_view table, std::string_view column);

// The connection to the database is gone (PostgreSQL stopped or unreachable): not a bug of ours.
bool isConnectionLost(const std::exception& e);
// The database's disk is full (SQLITE_FULL, PostgreSQL 53100).
bool isDiskFull(const std::exception& e);

// Internal error whose detail says what failed, plus the safe database message; Unavailable (503,
// "try again") when the connection is lost or the disk is full.
[[nodiscard]] tl::unexpected<domain::Error> internalFrom(std::string_view what,
                                                         const std::exception& e);

// Hex for sealed bytes kept in TEXT columns, and comma-separated lists (domain/encoding.h).
using domain::fromHex;
using domain::joinList;
using domain::splitList;
using domain::toHex;

// Decodes every column read as hex in place (sealed bytes); false, leaving the rest as read, when
// one is not hex.
[[nodiscard]] bool decodeHexColumns(std::initializer_list<std::string*> columns);

}  // namespace strada::store::detail
