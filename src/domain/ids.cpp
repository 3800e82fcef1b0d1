#include "domain/ids.h"

#include <algorithm>

namespace strada::domain {

bool isLowerHex(std::string_view text, std::size_t size) {
  return text.size() == size && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

}  // namespace strada::domain
