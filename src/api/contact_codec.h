// Private to the contact resources of api/ (contacts, drafts, callers, safety plans, telephony):
// decoding a contact body.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "api/context.h"
#include "api/routes.h"
#include "domain/contact.h"
#include "domain/error.h"
#include "domain/time.h"
#include "policy/policy.h"
#include "store/contact_repository.h"

namespace strada::api {

// The fields of a contact body (strict: unknown members are refused). When `version` is not
// null, the body must also hold "version" (an integer >= 1), read into *version.
[[nodiscard]] domain::Result<domain::ContactInput> decodeContactInput(std::string_view body,
                                                                      std::int32_t* version);

// Registered by registerContactRoutes, one file each.
void registerCallerRoutes(RouteTable& routes);      // callers.cpp
void registerSafetyPlanRoutes(RouteTable& routes);  // safety_plans.cpp

}  // namespace strada::api
