// The network's routes (api/network.cpp): /federation/v1/ (signed messages, acted on by
// `handlers`, which must outlive the router) and the coordinator's /api/v1/network/.
#pragma once

#include "api/routes.h"
#include "network/message_handlers.h"

namespace strada::api {

void registerNetworkRoutes(RouteTable& routes, const network::MessageHandlers& handlers);
// The members' figures at the hub (api/network_figures.cpp): overview, revisions received,
// publication; registered by registerNetworkRoutes.
void registerNetworkFigureRoutes(RouteTable& routes);
// Referrals between members (api/network_referrals.cpp): /api/v1/referrals and the hub's
// /api/v1/network/referrals/overdue. registerNetworkRoutes registers them.
void registerReferralRoutes(RouteTable& routes);

}  // namespace strada::api
