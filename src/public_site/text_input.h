// What the public site's written texts share (news items, pages, case studies): the checks of a
// staff's title, summary, body and slug.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "domain/error.h"

namespace strada::public_site {

// Trims `text` (spaces, tabs, line ends) in place; InvalidArgument on `field` when it then has
// fewer than `min` or more than `max` characters (UTF-8 code points), or a control character
// (tab, newline and carriage return allowed only where `lines`).
[[nodiscard]] domain::Status checkText(std::string& text, const std::string& field, std::size_t min,
                                       std::size_t max, bool lines = false);

// Whether `slug` is [a-z0-9]+(-[a-z0-9]+)*, at most 80 characters.
bool validSlug(std::string_view slug);

// Whether `language` is one of kPublicLanguages.
bool publicLanguage(std::string_view language);

}  // namespace strada::public_site
