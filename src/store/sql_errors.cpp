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

tl::unexpected<domain::Error> internalFrom(std::string_view what, const std::exception& e) {
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
