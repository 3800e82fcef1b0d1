// Importing clients with their cases in bulk: the demo generator at scale today (`strada demo
// --cases N`), an importer of another system's records tomorrow. Like hotline/contact_import.h it
// runs as the installation's operator (no signed-in principal, no role asked): every person and
// entry is still validated at the context's clock, the person and the notes are sealed under the
// person's own new key, the blind indexes are computed, and each client and case is recorded with
// its client.create and case.create events in the name of the user who opened it. The entries
// recorded on a case (history, consents, services, notes) carry their own author and time and get
// no event each: the creation events say who brought the record in.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <string>
#include <vector>

#include "cases/case_entries.h"
#include "cases/context.h"
#include "domain/case.h"
#include "domain/client.h"
#include "store/case_repository.h"

namespace strada::cases {

template <class Input>
struct ImportedEntry {
  Input input;
  std::string by;
  domain::UnixMillis at = 0;
};

struct ImportedNote {
  std::string author;
  domain::UnixMillis at = 0;
  std::string text;  // clear: sealed here
};

// One client and its case as they stand: client.id, org_id, created_by, created_at, person and
// coded filled in (client_code is set here); kase.id, status, assigned_to, referral, closure,
// reflection period, opened_on, created_by, created_at and updated_at filled in (client_id,
// org_id and case_code are set here). `moves` are the status history after the first entry
// (to intake at created_at), oldest first, case_id and id set here.
struct ImportedCase {
  domain::Client client;
  domain::Case kase;
  std::vector<store::CaseHistoryEntry> moves;
  std::vector<ImportedEntry<ConsentInput>> consents;
  std::vector<ImportedEntry<ServiceInput>> services;
  std::vector<ImportedNote> notes;
};

// All or nothing, in one write job: InvalidArgument naming the field (and the case's position in
// `detail`) when one does not validate at the context's clock.
[[nodiscard]] boost::asio::awaitable<domain::Status> importCases(Context ctx,
                                                                 std::vector<ImportedCase> cases);

}  // namespace strada::cases
