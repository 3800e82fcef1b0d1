// What the membership messages and the join request carry, read and written (network/
// membership.cpp, network/join.cpp): instance details, public keys as JSON (base64url), and the
// member list the hub sends. Private to network/.
#pragma once

#include <boost/json/object.hpp>
#include <string>

#include "domain/error.h"
#include "network/envelope.h"
#include "network/identity.h"
#include "network/membership.h"
#include "store/database.h"

namespace strada::network::detail {

namespace json = boost::json;

// InvalidArgument naming "code", "name", "country" or "url".
domain::Status validateDetails(const InstanceDetails& d);
json::object keysJson(const std::string& key_id, const std::string& signing_public,
                      const std::string& box_public);
json::object memberJson(const store::NetworkMember& m, const store::PeerKey& key);

// Public keys read from a membership body: key id, signing and box keys, checked to match.
struct PublicKeys {
  std::string key_id, signing_public, box_public;
};
domain::Result<PublicKeys> keysFrom(const json::object& o);
// The string member `key` of `o`, or "".
std::string stringIn(const json::object& o, const char* key);
domain::Result<json::object> bodyOf(const Envelope& e);
// The body of network.member_approved: the hub's keys and every active member's.
domain::Result<std::string> memberListBody(soci::session& sql, const Identity& self);
// Records an instance the hub told us of, and its key (active).
domain::Status rememberInstance(store::WriteContext& w, const json::object& o, bool is_hub);

}  // namespace strada::network::detail
