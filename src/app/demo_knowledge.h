// `strada demo`: the knowledge base of one demo organisation.
#pragma once

#include <string>

#include "domain/error.h"
#include "hotline/context.h"

namespace strada::app {

// Adds country sheets for six destination countries, safety tips and a useful-numbers page, in
// English; for `language` "nl" also two articles in Dutch. Only real, well-known public
// emergency numbers appear; organisations are described by kind, never with invented numbers.
// Each goes through hotline::createArticle as `editor` (an administrator of the organisation):
// validated, indexed and recorded ("knowledge.create") like an article written in the web client.
[[nodiscard]] domain::Status addDemoKnowledge(const hotline::Context& ctx,
                                              const hotline::Actor& editor,
                                              const std::string& language);

}  // namespace strada::app
