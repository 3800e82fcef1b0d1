// The routes of a partner agency's intake form and its own referrals (partner_referrals.cpp).
#pragma once

#include "api/routes.h"

namespace strada::api {

void registerPartnerReferralRoutes(RouteTable& routes);

}  // namespace strada::api
