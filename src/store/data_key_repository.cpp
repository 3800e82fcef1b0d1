#include "store/data_key_repository.h"

#include <soci/soci.h>

#include "store/sql_errors.h"

namespace strada::store {

using detail::internalFrom;
using detail::isUniqueViolation;
using domain::ErrorCode;

domain::Result<std::optional<std::string>> findWrappedKey(soci::session& sql,
                                                          const std::string& key_id) {
  try {
    std::string hex;
    sql << "SELECT wrapped FROM data_keys WHERE key_id = :key_id", soci::into(hex),
        soci::use(key_id);
    if (!sql.got_data()) {
      return std::nullopt;
    }
    auto bytes = detail::fromHex(hex);
    if (!bytes) {
      return domain::internalError("data_keys.wrapped is not hex");
    }
    return std::optional<std::string>(std::move(*bytes));
  } catch (const std::exception& e) {
    return internalFrom("find wrapped key", e);
  }
}

domain::Status insertWrappedKey(WriteContext& w, const std::string& key_id,
                                const std::string& wrapped) {
  try {
    const std::string hex = detail::toHex(wrapped);
    const long long created_at = w.now();
    w.sql() << "INSERT INTO data_keys (key_id, wrapped, created_at) "
               "VALUES (:key_id, :wrapped, :created_at)",
        soci::use(key_id), soci::use(hex), soci::use(created_at);
    return {};
  } catch (const std::exception& e) {
    if (isUniqueViolation(e)) {
      return domain::fail(ErrorCode::kConflict, "A data key with this id already exists.",
                          "key_id");
    }
    return internalFrom("insert wrapped key", e);
  }
}

}  // namespace strada::store
