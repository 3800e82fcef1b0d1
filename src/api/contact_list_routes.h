// The routes of the contact list's neighbours, registered by registerContactListRoutes
// (contact_lists.cpp): the supervisor's views (supervision.cpp) and the statistics
// (contact_stats.cpp).
#pragma once

#include "api/routes.h"

namespace strada::api {

void registerSupervisionRoutes(RouteTable& routes);
void registerContactStatsRoutes(RouteTable& routes);

}  // namespace strada::api
