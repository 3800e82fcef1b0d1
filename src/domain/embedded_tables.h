// The data files of codes/, compiled into the library (src/CMakeLists.txt, embed_text.cmake),
// and the one reader of their shape. For domain/ itself only.
//
// A file is UTF-8 text: lines of tab-separated fields; empty lines and lines starting with "#"
// are comments; a trailing "\r" is dropped.
#pragma once

#include <string_view>
#include <vector>

namespace strada::domain {

std::string_view embeddedHotlineCodes();   // codes/hotline-codes.tsv
std::string_view embeddedLanguageCodes();  // codes/languages.tsv
std::string_view embeddedCountryNames();   // codes/country-names.tsv

// The fields of each data line of `text`, in order; views into `text`.
std::vector<std::vector<std::string_view>> tableRows(std::string_view text);

// The data files are part of the binary: a malformed line is a build mistake, caught by the first
// test. Prints which file and where, and aborts.
[[noreturn]] void malformedTable(std::string_view file, std::string_view near);

}  // namespace strada::domain
