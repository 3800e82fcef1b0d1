// What an uploaded document is, by content alone (domain/document_type.h): the whitelist's
// signatures, and everything else refused however it is named.
#include "domain/document_type.h"

#include <gtest/gtest.h>

#include <string>

namespace strada::domain {
namespace {

std::string typeOf(std::string_view content) {
  return std::string(recognisedDocumentType(content).value_or("<refused>"));
}

TEST(DocumentType, TheWhitelistIsRecognisedByItsSignature) {
  EXPECT_EQ(typeOf("%PDF-1.7\n%\xE2\xE3\xCF\xD3"), "application/pdf");
  EXPECT_EQ(typeOf(std::string("\xFF\xD8\xFF\xE1\0\0Exif", 10)), "image/jpeg");
  EXPECT_EQ(typeOf(std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16)), "image/png");
  std::string odt("PK\x03\x04", 4);
  odt += std::string(26, '\0') + "mimetypeapplication/vnd.oasis.opendocument.text";
  EXPECT_EQ(typeOf(odt), "application/vnd.oasis.opendocument.text");
  EXPECT_EQ(typeOf("Hearing on 12 May.\r\n\tÎntâlnire la tribunal.\f"),
            "text/plain; charset=utf-8");
}

TEST(DocumentType, EverythingElseIsRefused) {
  EXPECT_EQ(typeOf(""), "<refused>");
  EXPECT_EQ(typeOf(std::string("MZ\x90\0\x03\0", 6)), "<refused>");  // a Windows executable
  EXPECT_EQ(typeOf("\x7F"
                   "ELF\x02\x01\x01"),
            "<refused>");                                                  // a Linux one
  EXPECT_EQ(typeOf(std::string("PK\x03\x04\x14\0\0\0", 8)), "<refused>");  // any other ZIP
  EXPECT_EQ(typeOf("\x89PN"), "<refused>");                                // a cut PNG signature
  EXPECT_EQ(typeOf(std::string("text with a NUL\0", 16)), "<refused>");
  EXPECT_EQ(typeOf("bad UTF-8 \xC3\x28"), "<refused>");
  EXPECT_EQ(typeOf("escape \x1B[31m"), "<refused>");
}

}  // namespace
}  // namespace strada::domain
