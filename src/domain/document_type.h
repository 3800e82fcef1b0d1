// What an uploaded document is, judged by its content alone (never by its name or the type the
// sender claims): the few types a case's documents may have.
//
// The signatures are checked by hand rather than with libmagic: the whitelist is five types whose
// signatures are fixed by their specifications, a yes-or-no answer is all that is needed, and a
// few comparisons on the first bytes are easier to review than a general file-type parser (and
// its rule database) run on untrusted uploads. DOCX is not taken: telling it from any other ZIP
// archive needs the archive's directory read, which is the kind of parsing avoided here.
#pragma once

#include <optional>
#include <string_view>

namespace strada::domain {

// The media type of `content` when it is one of: PDF (application/pdf), JPEG (image/jpeg), PNG
// (image/png), an OpenDocument text (application/vnd.oasis.opendocument.text), or plain UTF-8
// text without control characters other than tab, line feed, form feed and carriage return
// (text/plain; charset=utf-8). Nothing otherwise, and for empty content.
[[nodiscard]] std::optional<std::string_view> recognisedDocumentType(std::string_view content);

}  // namespace strada::domain
