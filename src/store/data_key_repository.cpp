#include "store/data_key_repository.h"

#include <soci/soci.h>

#include "store/guarded.h"

namespace strada::store {

using detail::guarded;
using detail::guardedWrite;

domain::Result<std::optional<std::string>> findWrappedKey(soci::session& sql,
                                                          const std::string& key_id) {
  return guarded("find wrapped key", [&]() -> domain::Result<std::optional<std::string>> {
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
  });
}

domain::Status insertWrappedKey(WriteContext& w, const std::string& key_id,
                                const std::string& wrapped) {
  return guardedWrite("insert wrapped key", "data_keys",
                      {{"", "A data key with this id already exists.", "key_id"}},
                      [&]() -> domain::Status {
                        const std::string hex = detail::toHex(wrapped);
                        const long long created_at = w.now();
                        w.sql() << "INSERT INTO data_keys (key_id, wrapped, created_at) "
                                   "VALUES (:key_id, :wrapped, :created_at)",
                            soci::use(key_id), soci::use(hex), soci::use(created_at);
                        return {};
                      });
}

}  // namespace strada::store
