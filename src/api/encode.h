// JSON shapes of the API's resources (see docs/openapi.yaml).
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "domain/contact.h"
#include "domain/time.h"
#include "domain/user.h"

namespace strada::api {

// An RFC 3339 time, or null for 0 and below (not yet: published_at of a draft, a review not
// submitted).
boost::json::value timeOrNull(domain::UnixMillis at);

// The role names of a user, as /me and the list of colleagues answer them.
boost::json::array encodeRoles(const std::vector<domain::Role>& roles);

// How a colleague is named to other users: their name, or "User" and the first 8 characters of
// their id when they have none. Never their e-mail address.
std::string colleagueName(std::string_view name, std::string_view user_id);

// {"id","email","name","roles":[...],"organisation":{"id","code","name","country"}}
boost::json::object encodeUser(const domain::User& user, const domain::Organisation& org);

// Every coded field of the contact (a non-data contact: only its kind's fields), plus the sealed
// "summary", "caller_identifier" and (data contacts) "caller_region" when `with_sealed` (the
// detail view of roles that may read sealed text; never in lists or exports).
boost::json::object encodeContact(const domain::Contact& contact, bool with_sealed);

}  // namespace strada::api
