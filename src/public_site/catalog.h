// The public pages' languages and their messages: one file a language, public/messages/xx.tsv
// (key, tab, text), compiled into the binary. A key missing in a language falls back to English,
// then to the key itself (a test checks every language has every English key).
#pragma once

#include <array>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace strada::public_site {

// The languages of the public pages, English first (the default).
inline constexpr std::array<std::string_view, 9> kPublicLanguages = {"en", "nl", "ro", "bg", "cs",
                                                                     "pl", "uk", "ru", "ar"};

class Catalog {
 public:
  // The catalog of `language` (one of kPublicLanguages); English for any other.
  static const Catalog& of(std::string_view language);

  [[nodiscard]] std::string_view language() const { return language_; }
  // "rtl" for a right-to-left language (Arabic), else "ltr".
  [[nodiscard]] std::string_view direction() const { return language_ == "ar" ? "rtl" : "ltr"; }
  // The text of `key`, plain text (not HTML: escape it).
  [[nodiscard]] std::string_view text(std::string_view key) const;
  // The text of `key` with {0} .. {9} replaced by the values (plain text).
  [[nodiscard]] std::string format(std::string_view key,
                                   std::initializer_list<std::string_view> values) const;
  // Whether this language's own file has `key` (tests).
  [[nodiscard]] bool has(std::string_view key) const;
  // Every key of this language's file (tests).
  [[nodiscard]] std::vector<std::string> keys() const;

  // The name of the country `code` (ISO 3166-1 alpha-2) in this language where
  // codes/country-names.tsv has it, else in English; `code` itself when it is not on the list.
  [[nodiscard]] std::string countryName(std::string_view code) const;

  struct Impl;
  explicit Catalog(std::string_view language);

 private:
  std::string_view language_;
  const Impl* impl_;
};

// The language of a request: `query_lang` (?lang=xx) when it is one of kPublicLanguages, else the
// first of Accept-Language's (by weight) that is, else English.
std::string_view chooseLanguage(std::optional<std::string_view> query_lang,
                                std::optional<std::string_view> accept_language);

}  // namespace strada::public_site
