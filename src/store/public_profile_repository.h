// The organisations' public hotline profiles (migration 0035; public_site/profile.h).
//
// Errors: Conflict on "version" when a change started from another version; Internal for
// anything else, with the database's text in `detail` only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/error.h"
#include "domain/time.h"
#include "store/database.h"

namespace soci {
class session;
}

namespace strada::store {

struct StoredPublicProfile {
  std::string org_id;
  std::string hotlines = "[]";  // JSON text, public by intent
  std::string address_sealed;   // the sealed address, raw bytes ("" for none)
  bool address_public = false;
  std::string public_address;  // the address in the clear, only when address_public
  std::string updated_by;
  domain::UnixMillis updated_at = 0;
  std::int32_t version = 0;  // 0: never written
};

// What the public pages may read of one organisation: its name, country and public columns only.
struct PublishedProfile {
  std::string org_id;
  std::string org_code;
  std::string org_name;
  std::string country;
  std::string hotlines;        // JSON text
  std::string public_address;  // "" unless the organisation made it public
};

// The organisation's profile; nothing when it never wrote one.
[[nodiscard]] domain::Result<std::optional<StoredPublicProfile>> findPublicProfile(
    soci::session& sql, const std::string& org_id);

// Writes `p` as version expected_version + 1 (expected_version 0: the first time); Conflict on
// "version" when the stored version is another.
[[nodiscard]] domain::Status writePublicProfile(WriteContext& w, const StoredPublicProfile& p,
                                                std::int32_t expected_version);

// Every organisation's profile as the public pages show it (never the sealed address), ordered by
// country then organisation name.
[[nodiscard]] domain::Result<std::vector<PublishedProfile>> listPublishedProfiles(
    soci::session& sql);

// At the hub: stores the public profile member `member_code` sent (replacing the one before).
[[nodiscard]] domain::Status putNetworkPublicProfile(WriteContext& w,
                                                     const std::string& member_code,
                                                     const std::string& hotlines,
                                                     const std::string& public_address,
                                                     const std::string& message_id);

// At the hub: the profiles of the active members (name and country from the registry), as
// PublishedProfile with org_id "" and org_code the member code, ordered by country then name.
[[nodiscard]] domain::Result<std::vector<PublishedProfile>> listNetworkPublicProfiles(
    soci::session& sql);

}  // namespace strada::store
