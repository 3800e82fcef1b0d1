// JSON shapes of the API's resources (see docs/openapi.yaml).
#pragma once

#include <boost/json/object.hpp>

#include "domain/contact.h"
#include "domain/user.h"

namespace strada::api {

// {"id","email","name","roles":[...],"organisation":{"id","code","name","country"}}
boost::json::object encodeUser(const domain::User& user, const domain::Organisation& org);

// Every coded field of the contact (a non-data contact: only its kind's fields), plus the sealed
// "summary" and "caller_identifier" when `with_sealed` (the detail view of roles that may read
// sealed text; never in lists or exports).
boost::json::object encodeContact(const domain::Contact& contact, bool with_sealed);

}  // namespace strada::api
