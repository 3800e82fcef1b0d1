// `strada network demo`: a whole network on one machine, for trying the network out (issue 9):
// a hub and two members, each an instance of its own (its data folder, SQLite database, keys and
// port), served by this one process until Ctrl+C.
//
// The first run creates DIR/hub, DIR/nl and DIR/ro: the hub's organisation with a network
// coordinator; "Hotline Noord (demo)" in the Netherlands (a destination country) and "Linia
// Sperantei (demo)" in Romania (a country of origin), each with the users, contacts, cases and
// directory of `strada demo`; the members join and the hub approves them; each member imports
// and submits its yearly figures from 2006 to two years ago (Romania collects no hotline figures:
// "not collected"), leaving last year's report to be computed, approved and submitted on screen;
// and in the Netherlands a person from Romania who consents to sharing with the network's
// members, ready to be referred home. Later runs serve the same folders again.
#pragma once

#include <cstdint>
#include <filesystem>

#include "network/outbox.h"

namespace strada::app {

struct NetworkDemoOptions {
  std::filesystem::path dir = "network-demo";
  // The hub's port; the members take the next two. 0: any free ports (a fresh folder only: the
  // members' addresses are recorded at the hub when they join).
  std::uint16_t port = 8081;
  std::filesystem::path web_root;  // the built web UI; empty serves the API only
  int contacts = 1500;             // per member, over the last three years
  network::DeliveryOptions delivery;
};

// Creates what is missing, serves the three instances, prints their addresses and logins, and
// returns when SIGINT or SIGTERM arrives (0), or 1 with the reason printed.
int runNetworkDemo(const NetworkDemoOptions& options);

}  // namespace strada::app
