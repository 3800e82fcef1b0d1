// JSON shapes of the API's resources (see docs/openapi.yaml).
#pragma once

#include <boost/json/object.hpp>

#include "domain/contact.h"
#include "domain/user.h"

namespace strada::api {

// {"id","email","name","roles":[...],"organisation":{"id","code","name","country"}}
boost::json::object encodeUser(const domain::User& user, const domain::Organisation& org);

// {"id","channel","started_at","duration_s","caller_type","anonymous","language",
//  "created_at","created_by","code_version"} plus "summary" when `with_summary`.
boost::json::object encodeContact(const domain::Contact& contact, bool with_summary);

}  // namespace strada::api
