// Loading a case with what its access rule and its view need (cases.h's use cases share it).
#pragma once

#include <boost/asio/awaitable.hpp>
#include <string>

#include "cases/cases.h"
#include "cases/context.h"
#include "policy/case_access.h"
#include "store/client_repository.h"

namespace strada::cases {

struct LoadedCase {
  domain::Case kase;
  store::ClientRow client;
  policy::CaseAccessFacts facts;
};

// The case `id` of the principal's organisation, with its client and the access facts
// (break-glass at the context's clock). recordNotFound() for a missing case or another
// organisation's; policy is the caller's.
[[nodiscard]] boost::asio::awaitable<domain::Result<LoadedCase>> loadCase(Context ctx,
                                                                          policy::Principal who,
                                                                          std::string id);

// The view of a loaded case with access `access` (kCoded or kFull): history, linked contacts and
// names read from the store, the person opened when full.
[[nodiscard]] boost::asio::awaitable<domain::Result<CaseView>> viewCase(Context ctx,
                                                                        LoadedCase loaded,
                                                                        policy::CaseAccess access);

// Runs `job` (the case write) in one write job with the audit entry.
[[nodiscard]] boost::asio::awaitable<domain::Status> writeWithAudit(Context ctx,
                                                                    store::WriteJob job,
                                                                    audit::AuditEntry entry);

}  // namespace strada::cases
