// Membership of the network: the hub set up (`strada network init-hub`), a member's join request
// (`strada network join`), the coordinator's approval and revocation at the hub, key rotation,
// and the membership messages that keep every member's list of keys in step with the hub's:
//   network.member_approved  hub -> members: the hub's keys and every active member's
//   network.key_revoked      hub -> members: a member's keys are revoked (refused from now on)
//   network.key_rotated      member -> hub (signed with the old key): the member's new keys;
//                            hub -> members: the same, for their lists
#pragma once

#include <string>
#include <vector>

#include "domain/error.h"
#include "hotline/context.h"
#include "network/http_client.h"
#include "network/receive.h"
#include "store/network_repository.h"

namespace strada::network {

struct InstanceDetails {
  std::string code, name, country, url;
};

// Makes this instance the hub. InvalidArgument naming the field for a bad code, country or URL;
// Conflict when it is a member of a network already.
[[nodiscard]] domain::Result<Identity> initHub(store::Database& db, const vault::Vault& vault,
                                               const InstanceDetails& details);

// Sends this instance's join request to the hub at `hub_url` and records the hub's keys, the
// membership pending. Unavailable when the hub does not answer; the hub's error otherwise.
[[nodiscard]] domain::Result<store::NetworkInstance> requestJoin(store::Database& db,
                                                                 const vault::Vault& vault,
                                                                 const InstanceDetails& details,
                                                                 const std::string& hub_url,
                                                                 const HttpClientOptions& http);

// Rotates this instance's keys: the new ones become current, the old ones retired. A member
// tells the hub (network.key_rotated signed with the old key); the hub tells its members. The
// new key id.
[[nodiscard]] domain::Result<std::string> rotateKeys(store::Database& db,
                                                     const vault::Vault& vault);

// The coordinator's use cases at the hub. They block on the database: run them off the I/O
// threads (api/network.cpp runs them on the CPU pool). `actor` must hold kNetworkMembersRead /
// kNetworkMembersManage (PermissionDenied otherwise).
// Every member and pending join request, by code (recorded as network_member.list).
[[nodiscard]] domain::Result<std::vector<store::NetworkMember>> listMembers(
    store::Database& db, const hotline::Actor& actor);
// Approves a pending join request; then every active member is sent the new list. NotFound
// (field "code"), Conflict when it is not pending.
[[nodiscard]] domain::Result<store::NetworkMember> approveMember(store::Database& db,
                                                                 const vault::Vault& vault,
                                                                 const hotline::Actor& actor,
                                                                 const std::string& code);
// Revokes a member and every key of theirs; every other active member is told. NotFound,
// Conflict when revoked already; InvalidArgument naming "reason" (1 to 500 bytes).
[[nodiscard]] domain::Result<store::NetworkMember> revokeMember(store::Database& db,
                                                                const vault::Vault& vault,
                                                                const hotline::Actor& actor,
                                                                const std::string& code,
                                                                const std::string& reason);

// Registers the membership kinds.
void addMembershipHandlers(MessageHandlers& handlers);

}  // namespace strada::network
