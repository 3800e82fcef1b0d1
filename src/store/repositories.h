// Repositories: every SQL statement of Strada lives in store/. Reads take a pooled session;
// writes take the WriteContext of a group commit. Sealed columns are opaque bytes here: sealing
// and opening happen above the store.
//
// This header only gathers the repositories of the accounts, sessions, keys and audit, one pair
// of files per topic, so that callers written against it compile; include the one you use.
#pragma once

#include "store/audit_repository.h"
#include "store/contact_repository.h"  // contacts moved there; included so callers compile
#include "store/data_key_repository.h"
#include "store/login_throttle_repository.h"
#include "store/organisation_repository.h"
#include "store/session_repository.h"
#include "store/user_repository.h"
