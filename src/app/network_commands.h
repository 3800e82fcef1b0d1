// `strada network ...`: this instance's place in the network (docs/network.md).
#pragma once

#include <string>

#include "app/data_dir.h"

namespace strada::app {

struct NetworkCommandOptions {
  std::string url;      // this instance's address, as the others reach it
  std::string hub_url;  // join: the hub's address
  std::string code, name, country;
  std::string ca_file;  // join: CA certificates to verify the hub's (default: the system's)
};

// Makes this instance the hub; prints its code, key id, public keys and URL.
int runNetworkInitHub(const DataOptions& data, const NetworkCommandOptions& options);
// Sends the join request to the hub; prints what happens next.
int runNetworkJoin(const DataOptions& data, const NetworkCommandOptions& options);
// New keys; the hub (or the members) learn them by a message signed with the old key.
int runNetworkRotateKeys(const DataOptions& data);
// The members this instance knows (the hub: every join request and member).
int runNetworkMembers(const DataOptions& data);

}  // namespace strada::app
