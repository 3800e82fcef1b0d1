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

namespace {

domain::Result<std::vector<StoredWrappedKey>> listHexKeys(soci::session& sql, std::string_view what,
                                                          const std::string& query) {
  return guarded(what, [&]() -> domain::Result<std::vector<StoredWrappedKey>> {
    std::string id;
    std::string hex;
    soci::statement st = (sql.prepare << query, soci::into(id), soci::into(hex));
    st.execute();
    std::vector<StoredWrappedKey> out;
    while (st.fetch()) {
      auto bytes = detail::fromHex(hex);
      if (!bytes) {
        return domain::internalError(std::string(what) + ": a wrapped key is not hex");
      }
      out.push_back(StoredWrappedKey{id, std::move(*bytes)});
    }
    return out;
  });
}

}  // namespace

domain::Result<std::vector<StoredWrappedKey>> listWrappedKeys(soci::session& sql) {
  return listHexKeys(sql, "list wrapped keys",
                     "SELECT key_id, wrapped FROM data_keys ORDER BY key_id");
}

domain::Status updateWrappedKey(WriteContext& w, const std::string& key_id,
                                const std::string& wrapped) {
  return guarded("update wrapped key", [&]() -> domain::Status {
    const std::string hex = detail::toHex(wrapped);
    soci::statement st = (w.sql().prepare << "UPDATE data_keys SET wrapped = :wrapped WHERE "
                                             "key_id = :key_id",
                          soci::use(hex), soci::use(key_id));
    return detail::changeOneRow(st, "The data key was not found.");
  });
}

domain::Result<std::vector<StoredWrappedKey>> listPersonKeys(soci::session& sql) {
  return listHexKeys(sql, "list person keys",
                     "SELECT client_id, wrapped_key FROM client_keys WHERE wrapped_key <> '' "
                     "ORDER BY client_id");
}

domain::Status updatePersonKey(WriteContext& w, const std::string& client_id,
                               const std::string& wrapped) {
  return guarded("update person key", [&]() -> domain::Status {
    const std::string hex = detail::toHex(wrapped);
    soci::statement st =
        (w.sql().prepare << "UPDATE client_keys SET wrapped_key = :wrapped WHERE client_id = "
                            ":client_id AND wrapped_key <> ''",
         soci::use(hex), soci::use(client_id));
    return detail::changeOneRow(st, "The person's key was not found.");
  });
}

}  // namespace strada::store
