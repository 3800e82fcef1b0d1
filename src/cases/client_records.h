// How a client is stored: the person sealed under the person's own key, the blind indexes of
// search before create, the pseudonymous codes; and loading a client with the facts its access
// rule looks at. Shared by the use cases of clients and cases.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cases/context.h"
#include "domain/case.h"
#include "domain/client.h"
#include "policy/case_access.h"
#include "store/client_repository.h"

namespace strada::cases {

// The person as one JSON text (what is sealed), and back. Internal when the text is not a person.
std::string personToJson(const domain::ClientPerson& person);
[[nodiscard]] domain::Result<domain::ClientPerson> personFromJson(std::string_view text);

// The blind indexes of a person: name (and each other name), birth date, phones (E.164, read in
// `region`), scoped to the organisation.
std::vector<store::ClientIndexEntry> personIndex(const vault::Vault& vault, std::string_view org_id,
                                                 std::string_view region,
                                                 const domain::ClientPerson& person);

// A new pseudonymous code: `prefix` ("CL-", "CS-") and 8 characters without look-alikes.
std::string newRecordCode(std::string_view prefix);

// Opens row.person_sealed into row.client.person. NotFound ("erased") when the key was destroyed.
[[nodiscard]] domain::Status openPerson(const vault::Vault& vault, store::ClientRow& row);

// NotFound, "No such record.": also what a record of another organisation or one the user may not
// see answers.
domain::Error recordNotFound();

// A client and its case (if any), with what the access rule looks at for `who`.
struct LoadedClient {
  store::ClientRow row;
  std::optional<domain::Case> kase;
  policy::CaseAccessFacts facts;
};
// The client `id` of the principal's organisation with its case and facts (break-glass included,
// at `now`); recordNotFound() for a missing client or another organisation's. Policy is the
// caller's.
[[nodiscard]] boost::asio::awaitable<domain::Result<LoadedClient>> loadClient(Context ctx,
                                                                              policy::Principal who,
                                                                              std::string id);

// The access facts of a case for `who` (break-glass looked up by the caller).
policy::CaseAccessFacts caseFacts(const domain::Case& kase, const std::string& client_created_by,
                                  bool break_glass);

}  // namespace strada::cases
