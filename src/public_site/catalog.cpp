// The public pages' message catalogs (public_site/catalog.h).
#include "public_site/catalog.h"

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <map>
#include <vector>

#include "domain/codes.h"
#include "domain/country_names.h"
#include "public_site/embedded_messages.h"

namespace strada::public_site {

struct Catalog::Impl {
  std::map<std::string, std::string, std::less<>> messages;
};

namespace {

std::string_view embeddedText(std::string_view language) {
  if (language == "nl") return domain::publicMessagesNL();
  if (language == "ro") return domain::publicMessagesRO();
  if (language == "bg") return domain::publicMessagesBG();
  if (language == "cs") return domain::publicMessagesCS();
  if (language == "pl") return domain::publicMessagesPL();
  if (language == "uk") return domain::publicMessagesUK();
  if (language == "ru") return domain::publicMessagesRU();
  if (language == "ar") return domain::publicMessagesAR();
  return domain::publicMessagesEN();
}

// Lines of "key<TAB>text"; "#" starts a comment line. A line without a tab is a build mistake.
Catalog::Impl parse(std::string_view language, std::string_view text) {
  Catalog::Impl impl;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    if (line.empty() || line.front() == '#') {
      continue;
    }
    const std::size_t tab = line.find('\t');
    if (tab == std::string_view::npos) {
      std::cerr << "public/messages/" << language << ".tsv: a line without a tab: " << line << "\n";
      std::abort();
    }
    impl.messages.emplace(std::string(line.substr(0, tab)), std::string(line.substr(tab + 1)));
  }
  return impl;
}

const Catalog::Impl& implOf(std::string_view language) {
  static const auto* const kAll = [] {
    auto* all = new std::map<std::string_view, Catalog::Impl>();  // NOLINT: lives forever
    for (const std::string_view l : kPublicLanguages) {
      all->emplace(l, parse(l, embeddedText(l)));
    }
    return all;
  }();
  return kAll->at(language);
}

std::string_view canonical(std::string_view language) {
  const auto* found = std::find(kPublicLanguages.begin(), kPublicLanguages.end(), language);
  return found == kPublicLanguages.end() ? kPublicLanguages.front() : *found;
}

}  // namespace

Catalog::Catalog(std::string_view language)
    : language_(canonical(language)), impl_(&implOf(language_)) {}

const Catalog& Catalog::of(std::string_view language) {
  static const auto* const kCatalogs = [] {
    auto* all = new std::map<std::string_view, Catalog>();  // NOLINT: lives forever
    for (const std::string_view l : kPublicLanguages) {
      all->emplace(l, Catalog(l));
    }
    return all;
  }();
  return kCatalogs->at(canonical(language));
}

std::string_view Catalog::text(std::string_view key) const {
  if (auto it = impl_->messages.find(key); it != impl_->messages.end()) {
    return it->second;
  }
  const Impl& english = implOf("en");
  if (auto it = english.messages.find(key); it != english.messages.end()) {
    return it->second;
  }
  return key;
}

std::string Catalog::format(std::string_view key,
                            std::initializer_list<std::string_view> values) const {
  const std::string_view pattern = text(key);
  std::string out;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{' && i + 2 < pattern.size() && pattern[i + 1] >= '0' &&
        pattern[i + 1] <= '9' && pattern[i + 2] == '}') {
      const auto index = static_cast<std::size_t>(pattern[i + 1] - '0');
      if (index < values.size()) {
        out += *(values.begin() + index);
      }
      i += 2;
    } else {
      out += pattern[i];
    }
  }
  return out;
}

bool Catalog::has(std::string_view key) const { return impl_->messages.contains(key); }

std::vector<std::string> Catalog::keys() const {
  std::vector<std::string> out;
  out.reserve(impl_->messages.size());
  for (const auto& [key, text] : impl_->messages) {
    out.push_back(key);
  }
  return out;
}

std::string Catalog::countryName(std::string_view code) const {
  const auto& languages = domain::kLabelLanguages;
  const auto* column = std::find(languages.begin(), languages.end(), language_);
  for (const domain::CountryNames& country : domain::countryNameTable()) {
    if (country.code == code) {
      const auto index =
          column == languages.end() ? 0 : static_cast<std::size_t>(column - languages.begin());
      const std::string_view name = country.names.at(index);
      return std::string(name.empty() ? country.names.at(0) : name);
    }
  }
  return std::string(code);
}

std::string_view chooseLanguage(std::optional<std::string_view> query_lang,
                                std::optional<std::string_view> accept_language) {
  const auto known = [](std::string_view l) {
    return std::find(kPublicLanguages.begin(), kPublicLanguages.end(), l) != kPublicLanguages.end();
  };
  if (query_lang && known(*query_lang)) {
    return canonical(*query_lang);
  }
  if (!accept_language) {
    return kPublicLanguages.front();
  }
  // "ro-RO,ro;q=0.9,en;q=0.5": the known primary tag of the highest weight, first on a tie.
  std::string_view best;
  double best_weight = 0.0;
  std::string_view header = *accept_language;
  while (!header.empty()) {
    const std::size_t comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    header.remove_prefix(comma == std::string_view::npos ? header.size() : comma + 1);
    double weight = 1.0;
    if (const std::size_t semi = item.find(';'); semi != std::string_view::npos) {
      std::string_view params = item.substr(semi + 1);
      item = item.substr(0, semi);
      if (const std::size_t q = params.find("q="); q != std::string_view::npos) {
        const std::string value(params.substr(q + 2, 5));
        weight = std::strtod(value.c_str(), nullptr);
      }
    }
    while (!item.empty() && item.front() == ' ') {
      item.remove_prefix(1);
    }
    std::string primary(item.substr(0, item.find('-')));
    std::transform(primary.begin(), primary.end(), primary.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (known(primary) && weight > best_weight) {
      best = canonical(primary);
      best_weight = weight;
    }
  }
  return best.empty() ? kPublicLanguages.front() : best;
}

}  // namespace strada::public_site
