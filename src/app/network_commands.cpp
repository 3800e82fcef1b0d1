#include "app/network_commands.h"

#include <iostream>

#include "app/commands.h"
#include "crypto/crypto.h"
#include "network/membership.h"

namespace strada::app {

int runNetworkInitHub(const DataOptions& data, const NetworkCommandOptions& options) {
  return withOpenData(data, [&](OpenedData& opened) {
    const network::InstanceDetails details{options.code, options.name, options.country,
                                           options.url};
    auto hub = network::initHub(*opened.db, *opened.keys, details);
    if (!hub) {
      return reportFailure(hub.error());
    }
    std::cout << "This instance is the hub of the network.\n"
              << "  code:           " << hub->instance.code << "\n"
              << "  url:            " << hub->instance.url << "\n"
              << "  key id:         " << hub->key_id << "\n"
              << "  signing key:    " << crypto::toBase64Url(hub->signing_public) << "\n"
              << "  box key:        " << crypto::toBase64Url(hub->box_public) << "\n"
              << "Next: start it with `strada serve`, give members the url, and add a user with "
                 "the role network_coordinator to approve their join requests.\n";
    return 0;
  });
}

int runNetworkJoin(const DataOptions& data, const NetworkCommandOptions& options) {
  return withOpenData(data, [&](OpenedData& opened) {
    const network::InstanceDetails details{options.code, options.name, options.country,
                                           options.url};
    network::HttpClientOptions http;
    http.ca_file = options.ca_file;
    auto joined = network::requestJoin(*opened.db, *opened.keys, details, options.hub_url, http);
    if (!joined) {
      return reportFailure(joined.error());
    }
    std::cout << "Join request sent to the hub " << joined->hub_code << " (" << joined->hub_url
              << "). It is pending.\n"
              << "Next: the network's coordinator approves it at the hub; the hub then sends this "
                 "instance the member list. Keep `strada serve` running at "
              << joined->url << " so the hub can reach it.\n";
    return 0;
  });
}

int runNetworkRotateKeys(const DataOptions& data) {
  return withOpenData(data, [&](OpenedData& opened) {
    auto key_id = network::rotateKeys(*opened.db, *opened.keys);
    if (!key_id) {
      return reportFailure(key_id.error());
    }
    std::cout << "New network keys: key id " << *key_id
              << ". The old key is retired; the network learns the new one from a message "
                 "signed with the old key, sent by `strada serve`.\n";
    return 0;
  });
}

int runNetworkMembers(const DataOptions& data) {
  return withOpenData(data, [&](OpenedData& opened) {
    domain::Result<std::vector<store::NetworkMember>> members;
    opened.db->read([&](soci::session& sql) { members = store::listNetworkMembers(sql); });
    if (!members) {
      return reportFailure(members.error());
    }
    if (members->empty()) {
      std::cout << "No members known yet.\n";
    }
    for (const auto& m : *members) {
      std::cout << m.code << "\t" << m.status << (m.is_hub ? "\thub" : "\tmember") << "\t"
                << m.country << "\t" << m.url << "\tkey " << m.key_id << "\n";
    }
    return 0;
  });
}

}  // namespace strada::app
