// The message files of public/messages/, compiled into the library (src/CMakeLists.txt, through
// domain/embed_text.cmake). For public_site/catalog.cpp only.
#pragma once

#include <string_view>

namespace strada::domain {

std::string_view publicMessagesEN();
std::string_view publicMessagesNL();
std::string_view publicMessagesRO();
std::string_view publicMessagesBG();
std::string_view publicMessagesCS();
std::string_view publicMessagesPL();
std::string_view publicMessagesUK();
std::string_view publicMessagesRU();
std::string_view publicMessagesAR();

}  // namespace strada::domain
