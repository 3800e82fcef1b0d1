// `strada line ...`: the telephony lines through which a PBX or a provider's relay posts signed
// call events (docs/telephony.md).
#pragma once

#include <string>

#include "app/data_dir.h"
#include "domain/error.h"
#include "hotline/telephony.h"
#include "store/database.h"
#include "vault/vault.h"

namespace strada::app {

using NewTelephonyLine = hotline::NewTelephonyLine;

// The use case hotline::addTelephonyLine, run to completion: an active line of organisation
// `org_code` with a fresh secret. The command line and the tests both use it.
[[nodiscard]] domain::Result<NewTelephonyLine> addTelephonyLine(store::Database& db,
                                                                const vault::Vault& keys,
                                                                const std::string& org_code,
                                                                const std::string& name);
// The same, opening the data folder first.
[[nodiscard]] domain::Result<NewTelephonyLine> addTelephonyLine(const DataOptions& data,
                                                                const std::string& org_code,
                                                                const std::string& name);

// The use case hotline::deactivateTelephonyLine, run to completion: the line's events are
// refused from then on. NotFound (field "id") when there is no such line.
[[nodiscard]] domain::Status deactivateTelephonyLine(store::Database& db, const vault::Vault& keys,
                                                     const std::string& id);

// The sub-commands: print what happened, return the exit code.
int runLineAdd(const DataOptions& data, const std::string& org_code, const std::string& name);
int runLineList(const DataOptions& data);
int runLineDeactivate(const DataOptions& data, const std::string& id);

}  // namespace strada::app
