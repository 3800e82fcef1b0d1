// `strada line ...`: the telephony lines through which a PBX or a provider's relay posts signed
// call events (docs/telephony.md).
#pragma once

#include <string>

#include "vault/vault.h"
#include "app/data_dir.h"
#include "domain/error.h"
#include "store/database.h"

namespace strada::app {

struct NewTelephonyLine {
  std::string id;
  std::string org_code;
  std::string name;
  // 32 random bytes, base64url (43 characters): the HMAC key, exactly as printed. Shown once;
  // the database keeps it sealed only.
  std::string secret;
};

// Creates an active line of organisation `org_code` with a fresh secret, audited
// ("telephony_line.create"). InvalidArgument (field "org" or "name") for an unknown organisation
// or a name that is empty or longer than 100 bytes. The command line and the tests both use it.
[[nodiscard]] domain::Result<NewTelephonyLine> addTelephonyLine(store::Database& db,
                                                                const vault::Vault& keys,
                                                                const std::string& org_code,
                                                                const std::string& name);
// The same, opening the data folder first.
[[nodiscard]] domain::Result<NewTelephonyLine> addTelephonyLine(const DataOptions& data,
                                                                const std::string& org_code,
                                                                const std::string& name);

// Deactivates a line (its events are refused from then on), audited
// ("telephony_line.deactivate"). NotFound (field "id") when there is no such line.
[[nodiscard]] domain::Status deactivateTelephonyLine(store::Database& db, const std::string& id);

// The sub-commands: print what happened, return the exit code.
int runLineAdd(const DataOptions& data, const std::string& org_code, const std::string& name);
int runLineList(const DataOptions& data);
int runLineDeactivate(const DataOptions& data, const std::string& id);

}  // namespace strada::app
