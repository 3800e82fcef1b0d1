// The one way the public pages (public_site/pages.h) put text into HTML: every value that is not
// the page's own markup goes through escapeHtml, fill or Html::text, never concatenated as is.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

namespace strada::public_site {

// `text` with &, <, >, " and ' replaced by character references: safe in element content and in
// a quoted attribute value. Bytes that are not valid UTF-8 and control characters other than tab
// and newline become U+FFFD.
std::string escapeHtml(std::string_view text);

// A query value percent-encoded (RFC 3986 unreserved characters kept), for a link's address.
std::string urlEncode(std::string_view text);

// `pattern` (the page's own markup, trusted) with {0} .. {9} replaced by the values, each escaped
// with escapeHtml; "{{" is a literal "{". A placeholder without a value becomes "".
std::string fill(std::string_view pattern, std::initializer_list<std::string_view> values);

// A page under construction: markup from the code (raw) and text from anywhere else (text,
// escaped), appended in order.
class Html {
 public:
  // Markup written in the code: never pass data through here.
  Html& raw(std::string_view markup) {
    out_ += markup;
    return *this;
  }
  Html& text(std::string_view untrusted) {
    out_ += escapeHtml(untrusted);
    return *this;
  }
  // fill(pattern, values) appended.
  Html& fill(std::string_view pattern, std::initializer_list<std::string_view> values) {
    out_ += public_site::fill(pattern, values);
    return *this;
  }
  [[nodiscard]] const std::string& str() const { return out_; }
  [[nodiscard]] std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

}  // namespace strada::public_site
