// The message files of public/messages/, compiled into the library (src/CMakeLists.txt, through
// domain/embed_text.cmake). For public_site/catalog.cpp only.
#pragma once

#include <string_view>

namespace strada::domain {

std::string_view publicMessages_en();
std::string_view publicMessages_nl();
std::string_view publicMessages_ro();
std::string_view publicMessages_bg();
std::string_view publicMessages_cs();
std::string_view publicMessages_pl();
std::string_view publicMessages_uk();
std::string_view publicMessages_ru();
std::string_view publicMessages_ar();

}  // namespace strada::domain
