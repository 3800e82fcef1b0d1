#include "store/public_profile_repository.h"

#include <soci/soci.h>

#include "domain/encoding.h"
#include "store/guarded.h"

namespace strada::store {
namespace {

struct ProfileColumns {
  StoredPublicProfile p;
  std::string sealed_hex;
  int address_public = 0;
  long long updated_at = 0;

  void bindInto(soci::statement& st) {
    detail::intoEach(st, p.org_id, p.hotlines, sealed_hex, address_public, p.public_address,
                     p.updated_by, updated_at, p.version);
  }
  domain::Result<StoredPublicProfile> toRow() const {
    StoredPublicProfile out = p;
    auto sealed = domain::fromHex(sealed_hex);
    if (!sealed) {
      return domain::fail(domain::ErrorCode::kInternal, "A stored profile could not be read.", "",
                          "public_profiles.address_sealed is not hex");
    }
    out.address_sealed = std::move(*sealed);
    out.address_public = address_public != 0;
    out.updated_at = updated_at;
    return out;
  }
};

struct PublishedColumns {
  PublishedProfile p;
  void bindInto(soci::statement& st) {
    detail::intoEach(st, p.org_id, p.org_code, p.org_name, p.country, p.hotlines, p.public_address);
  }
  PublishedProfile toRow() const { return p; }
};

}  // namespace

domain::Result<std::optional<StoredPublicProfile>> findPublicProfile(soci::session& sql,
                                                                     const std::string& org_id) {
  return detail::guarded(
      "read public profile", [&]() -> domain::Result<std::optional<StoredPublicProfile>> {
        ProfileColumns columns;
        soci::statement st(sql);
        detail::runSelect(st, columns,
                          "SELECT org_id, hotlines, address_sealed, address_public, "
                          "public_address, updated_by, updated_at, version "
                          "FROM public_profiles WHERE org_id = :org",
                          org_id);
        return detail::fetchCheckedRow(st, [&] { return columns.toRow(); });
      });
}

domain::Status writePublicProfile(WriteContext& w, const StoredPublicProfile& p,
                                  std::int32_t expected_version) {
  return detail::guarded("write public profile", [&]() -> domain::Status {
    soci::session& sql = w.sql();
    int stored = 0;
    soci::indicator ind = soci::i_null;
    sql << "SELECT version FROM public_profiles WHERE org_id = :org", soci::use(p.org_id),
        soci::into(stored, ind);
    if (!sql.got_data() || ind != soci::i_ok) {
      stored = 0;
    }
    if (stored != expected_version) {
      return domain::fail(domain::ErrorCode::kConflict,
                          "Someone changed the public profile meanwhile. Reload it and try again.",
                          "version");
    }
    sql << "DELETE FROM public_profiles WHERE org_id = :org", soci::use(p.org_id);
    const std::string sealed_hex = domain::toHex(p.address_sealed);
    const int address_public = p.address_public ? 1 : 0;
    const std::string public_address = p.address_public ? p.public_address : std::string();
    const long long now = w.now();
    detail::insertRow(sql, "public_profiles",
                      "org_id, hotlines, address_sealed, address_public, public_address, "
                      "updated_by, updated_at, version",
                      p.org_id, p.hotlines, sealed_hex, address_public, public_address,
                      p.updated_by, now, stored + 1);
    return {};
  });
}

domain::Result<std::vector<PublishedProfile>> listPublishedProfiles(soci::session& sql) {
  PublishedColumns columns;
  return detail::selectRows(sql, "published profiles", columns,
                            "SELECT o.id, o.code, o.name, o.country, p.hotlines, p.public_address "
                            "FROM public_profiles p JOIN organisations o ON o.id = p.org_id "
                            "ORDER BY o.country, o.name, o.id");
}

domain::Status putNetworkPublicProfile(WriteContext& w, const std::string& member_code,
                                       const std::string& hotlines,
                                       const std::string& public_address,
                                       const std::string& message_id) {
  return detail::guarded("write network public profile", [&]() -> domain::Status {
    soci::session& sql = w.sql();
    sql << "DELETE FROM network_public_profiles WHERE member_code = :code", soci::use(member_code);
    const long long now = w.now();
    detail::insertRow(sql, "network_public_profiles",
                      "member_code, hotlines, public_address, message_id, received_at", member_code,
                      hotlines, public_address, message_id, now);
    return {};
  });
}

domain::Result<std::vector<PublishedProfile>> listNetworkPublicProfiles(soci::session& sql) {
  PublishedColumns columns;
  return detail::selectRows(
      sql, "network public profiles", columns,
      "SELECT '', m.code, m.name, m.country, p.hotlines, p.public_address "
      "FROM network_public_profiles p JOIN network_members m ON m.code = p.member_code "
      "WHERE m.status = 'active' ORDER BY m.country, m.name, m.code");
}

}  // namespace strada::store
