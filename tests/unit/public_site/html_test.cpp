// The public pages' escaping and templating helper (public_site/html.h), their message catalogs
// (every language has every English key, no placeholders lost) and the choice of language.
#include "public_site/html.h"

#include <gtest/gtest.h>

#include <string>

#include "public_site/catalog.h"
#include "public_site/pages.h"

namespace strada::public_site {
namespace {

TEST(EscapeHtml, ReplacesEveryMarkupCharacter) {
  EXPECT_EQ(escapeHtml("<script>alert('x')</script>"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
  EXPECT_EQ(escapeHtml("a & b \"c\""), "a &amp; b &quot;c&quot;");
  EXPECT_EQ(escapeHtml("&amp;"), "&amp;amp;");  // never unescapes
  EXPECT_EQ(escapeHtml(""), "");
}

TEST(EscapeHtml, KeepsUtf8AndReplacesWhatIsNotText) {
  EXPECT_EQ(escapeHtml("Română Українська العربية"), "Română Українська العربية");
  EXPECT_EQ(escapeHtml("tab\tand\nline"), "tab\tand\nline");
  EXPECT_EQ(escapeHtml(std::string("a\0b", 3)),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(escapeHtml("bell\x07"), "bell\xEF\xBF\xBD");
  EXPECT_EQ(escapeHtml("\xC3"), "\xEF\xBF\xBD");                                  // a cut sequence
  EXPECT_EQ(escapeHtml("\xC0\xBC"), "\xEF\xBF\xBD\xEF\xBF\xBD");                  // an overlong "<"
  EXPECT_EQ(escapeHtml("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate
}

TEST(Fill, EscapesEveryValueAndNotThePattern) {
  EXPECT_EQ(fill("<a href=\"{0}\">{1}</a>", {"/x?a=1&b=\"2\"", "<b>"}),
            "<a href=\"/x?a=1&amp;b=&quot;2&quot;\">&lt;b&gt;</a>");
  EXPECT_EQ(fill("{1}{0}{1}", {"a", "b"}), "bab");
  EXPECT_EQ(fill("{{0} {2}", {"a"}), "{0} ");  // "{{" is "{"; a missing value is ""
  EXPECT_EQ(fill("{0", {"a"}), "{0");
}

TEST(Html, TextIsEscapedRawIsNot) {
  Html h;
  h.raw("<p>").text("<i>&</i>").raw("</p>");
  EXPECT_EQ(h.str(), "<p>&lt;i&gt;&amp;&lt;/i&gt;</p>");
}

TEST(UrlEncode, KeepsOnlyUnreservedCharacters) {
  EXPECT_EQ(urlEncode("en"), "en");
  EXPECT_EQ(urlEncode("a b&c=\"d\""), "a%20b%26c%3D%22d%22");
  EXPECT_EQ(urlEncode("ă"), "%C4%83");
}

TEST(Catalog, EveryLanguageHasEveryEnglishKeyWithItsPlaceholders) {
  const Catalog& english = Catalog::of("en");
  for (const std::string_view language : kPublicLanguages) {
    const Catalog& c = Catalog::of(language);
    EXPECT_EQ(c.language(), language);
    for (const std::string& key : english.keys()) {
      EXPECT_TRUE(c.has(key)) << language << " lacks " << key;
      const bool placeholder = english.text(key).find("{0}") != std::string_view::npos;
      EXPECT_EQ(c.text(key).find("{0}") != std::string_view::npos, placeholder)
          << language << " " << key;
    }
    EXPECT_EQ(c.keys().size(), english.keys().size()) << language;
  }
  EXPECT_NE(Catalog::of("ro").text("quick_exit"), english.text("quick_exit"));
  EXPECT_EQ(Catalog::of("ar").direction(), "rtl");
  EXPECT_EQ(Catalog::of("uk").direction(), "ltr");
  EXPECT_EQ(Catalog::of("zz").language(), "en");
  EXPECT_EQ(english.text("no.such.key"), "no.such.key");
  EXPECT_EQ(english.format("hotlines_in", {"Romania"}), "Hotlines in Romania");
}

TEST(Catalog, CountryNamesInTheLanguageWhereKnownElseEnglish) {
  EXPECT_EQ(Catalog::of("en").countryName("NL"), "Netherlands");
  EXPECT_EQ(Catalog::of("nl").countryName("DE"), "Duitsland");
  EXPECT_EQ(Catalog::of("pl").countryName("NL").empty(), false);
  EXPECT_EQ(Catalog::of("en").countryName("ZZ"), "ZZ");
}

TEST(ChooseLanguage, QueryThenAcceptLanguageByWeightThenEnglish) {
  EXPECT_EQ(chooseLanguage("ar", "ro"), "ar");
  EXPECT_EQ(chooseLanguage("xx", "ro-RO,ro;q=0.9"), "ro");
  EXPECT_EQ(chooseLanguage(std::nullopt, "de-DE,de;q=0.9,pl;q=0.8,en;q=0.5"), "pl");
  EXPECT_EQ(chooseLanguage(std::nullopt, "en;q=0.2,uk;q=0.9"), "uk");
  EXPECT_EQ(chooseLanguage(std::nullopt, "UK"), "uk");
  EXPECT_EQ(chooseLanguage(std::nullopt, "de"), "en");
  EXPECT_EQ(chooseLanguage(std::nullopt, std::nullopt), "en");
  EXPECT_EQ(chooseLanguage(std::nullopt, ",;q=,"), "en");
}

TEST(Pages, EscapeWhatMembersWroteAndCarryTheQuickExit) {
  Listing member;
  member.org_code = "RO-1";
  member.name = "<script>x</script>";
  member.country = "RO";
  member.hotlines.push_back(Hotline{"\"Line\"", {"+40800800678"}, "24/7", true, {"ro"}, {}});
  const std::string html = countryPage(Catalog::of("ro"), "RO", {member});
  EXPECT_EQ(html.find("<script>x"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;x&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("&quot;Line&quot;"), std::string::npos);
  EXPECT_NE(html.find("+40 800 800 678"), std::string::npos);
  EXPECT_NE(html.find(std::string("href=\"") + std::string(kQuickExitUrl) + "\""),
            std::string::npos);
  EXPECT_EQ(html.find("style="), std::string::npos);
  EXPECT_EQ(html.find("<style"), std::string::npos);
  EXPECT_EQ(html.find("<script>"), std::string::npos);  // only the external script element
}

}  // namespace
}  // namespace strada::public_site
