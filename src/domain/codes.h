// Code lists: the closed vocabularies a contact is coded with. Every stored code comes from one
// of these lists, so figures stay comparable across members (shared/standards/).
#pragma once

#include <span>
#include <string_view>

namespace strada::domain {

struct CodeList {
  std::string_view name;     // "channel"
  std::string_view version;  // bumps whenever a code is added or retired
  std::span<const std::string_view> codes;

  [[nodiscard]] bool contains(std::string_view code) const;
};

// Contact channel: phone, chat, email, sms, messaging_app, social_media, walk_in, letter.
const CodeList& channelCodes();
// Who called (hotline-taxonomy.md "Who calls").
const CodeList& callerTypeCodes();
// ISO 639-1 two-letter language codes.
const CodeList& languageCodes();
// ISO 3166-1 alpha-2 country codes.
const CodeList& countryCodes();

}  // namespace strada::domain
