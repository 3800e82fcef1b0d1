// The routes of the standard exports (standard_exports.cpp): GET /api/v1/exports/htcds (CSV or
// XLSX) and POST /api/v1/exports/ctdc (the k-anonymised file with its report), exports.standard.
#pragma once

#include "api/routes.h"

namespace strada::api {

void registerStandardExportRoutes(RouteTable& routes);

}  // namespace strada::api
