// The routes of the aggregate reports of issue 9 (reports.cpp; docs/reports.md).
#pragma once

#include "api/routes.h"

namespace strada::api {

void registerReportRoutes(RouteTable& routes);

}  // namespace strada::api
