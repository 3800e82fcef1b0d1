#include "store/sql_errors.h"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

namespace strada::store::detail {

std::string safeDbMessage(const std::exception& e) {
  std::string text;
  if (const auto* soci_error = dynamic_cast<const soci::soci_error*>(&e)) {
    text = soci_error->get_error_message();
  } else {
    text = e.what();
  }
  const std::size_t nl = text.find('\n');
  if (nl != std::string::npos) {
    text.resize(nl);
  }
  const std::size_t detail = text.find("DETAIL");
  if (detail != std::string::npos) {
    text.resize(detail);
  }
  return text;
}

bool isUniqueViolation(const std::exception& e) {
  if (const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e)) {
    return pg->sqlstate() == "23505";
  }
  const std::string text = safeDbMessage(e);
  return text.find("UNIQUE constraint failed") != std::string::npos ||
         text.find("duplicate key value") != std::string::npos;
}

bool uniqueViolationNames(const std::exception& e, std::string_view table,
                          std::string_view column) {
  const std::string text = safeDbMessage(e);
  const std::string t(table);
  const std::string c(column);
  if (text.find(t + "." + c) != std::string::npos ||
      text.find(t + "_" + c + "_key") != std::string::npos) {
    return true;
  }
  return column == "id" && text.find(t + "_pkey") != std::string::npos;
}

bool isConnectionLost(const std::exception& e) {
  if (const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e)) {
    // SQLSTATE class 08: connection exception; 57P01-57P03: the server shutting down.
    const std::string state = pg->sqlstate();
    if (state.starts_with("08") || state == "57P01" || state == "57P02" || state == "57P03") {
      return true;
    }
  }
  if (const auto* soci_error = dynamic_cast<const soci::soci_error*>(&e);
      soci_error != nullptr &&
      soci_error->get_error_category() == soci::soci_error::connection_error) {
    return true;
  }
  const std::string text = safeDbMessage(e);
  for (const char* sign :
       {"Session is not connected", "no connection to the server", "server closed the connection",
        "terminating connection", "could not connect to server", "Connection refused",
        "connection to server"}) {
    if (text.find(sign) != std::string::npos) {
      return true;
    }
  }
  return false;
}

bool isDiskFull(const std::exception& e) {
  if (const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e)) {
    return pg->sqlstate() == "53100";  // disk_full
  }
  return safeDbMessage(e).find("database or disk is full") != std::string::npos;  // SQLITE_FULL
}

tl::unexpected<domain::Error> internalFrom(std::string_view what, const std::exception& e) {
  if (isDiskFull(e)) {
    return tl::unexpected(domain::Error{
        domain::ErrorCode::kUnavailable,
        "The server's disk is full: this was not saved. Tell your administrator, then try again.",
        "", std::string(what) + ": " + safeDbMessage(e)});
  }
  if (isConnectionLost(e)) {
    return tl::unexpected(
        domain::Error{domain::ErrorCode::kUnavailable,
                      "The database cannot be reached just now. Please try again in a moment.", "",
                      std::string(what) + ": " + safeDbMessage(e)});
  }
  return domain::internalError(std::string(what) + ": " + safeDbMessage(e));
}

bool decodeHexColumns(std::initializer_list<std::string*> columns) {
  for (std::string* column : columns) {
    auto bytes = fromHex(*column);
    if (!bytes) {
      return false;
    }
    *column = std::move(*bytes);
  }
  return true;
}

}  // namespace strada::store::detail
