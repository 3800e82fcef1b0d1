// Importing finished contacts in bulk: the demo generator today, an importer of another system's
// records tomorrow. The command line runs it as the installation's operator (who holds the master
// key): there is no signed-in principal, so no role is asked; every contact is still validated
// like one a consultant logs, sealed by the vault, and recorded with its contact.create event in
// the name of the consultant who logged it.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <vector>

#include "domain/contact.h"
#include "domain/error.h"
#include "hotline/context.h"

namespace strada::hotline {

// Contacts as they were logged: id, org_id, created_by, created_at, finalised_at,
// follow_up_done_at and the data (clear text) filled in; version and code version are set here.
// All or nothing: InvalidArgument naming the field (and the contact's position in `detail`) when
// one does not validate at the context's clock. The statistics rollup is left alone when
// `count_in_stats` is false (a bulk load that rebuilds it afterwards).
[[nodiscard]] awaitable<domain::Status> importContacts(Context ctx,
                                                       std::vector<domain::Contact> contacts,
                                                       bool count_in_stats);

}  // namespace strada::hotline
