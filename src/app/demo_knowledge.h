// `strada demo`: the knowledge base of one demo organisation.
#pragma once

#include <string>

#include "domain/error.h"
#include "store/database.h"

namespace strada::app {

// Adds country sheets for six destination countries, safety tips and a useful-numbers page, in
// English; for `language` "nl" also two articles in Dutch. Only real, well-known public
// emergency numbers appear; organisations are described by kind, never with invented numbers.
// One write, audited as "knowledge.create" by `author_id`.
[[nodiscard]] domain::Status addDemoKnowledge(store::Database& db, const std::string& org_id,
                                              const std::string& author_id,
                                              const std::string& language);

}  // namespace strada::app
