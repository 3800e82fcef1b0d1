// The news's Markdown (public_site/news.h renderMarkdown): cmark's safe mode keeps the text and
// its formatting and lets no script, raw HTML, event attribute or javascript: / data: link through.
#include <gtest/gtest.h>

#include <cctype>
#include <string>

#include "public_site/news.h"

namespace strada::public_site {
namespace {

bool has(const std::string& html, const std::string& part) {
  return html.find(part) != std::string::npos;
}

TEST(RenderMarkdown, KeepsTheFormatting) {
  const std::string html = renderMarkdown(
      "# Title\n\nSome *text* and a [link](https://example.org/a).\n\n- one\n- two\n");
  EXPECT_TRUE(has(html, "<h1>Title</h1>")) << html;
  EXPECT_TRUE(has(html, "<em>text</em>")) << html;
  EXPECT_TRUE(has(html, "<a href=\"https://example.org/a\">link</a>")) << html;
  EXPECT_TRUE(has(html, "<li>one</li>")) << html;
}

TEST(RenderMarkdown, NoScriptRawHtmlOrEventAttribute) {
  for (const std::string markdown :
       {"<script>alert(1)</script>", "Text <script>alert(1)</script> more",
        "<img src=x onerror=alert(1)>", "<a href=\"#\" onclick=\"alert(1)\">x</a>",
        "<div onmouseover=\"alert(1)\">x</div>", "<iframe src=\"https://evil.example\"></iframe>",
        "<svg onload=alert(1)>", "<style>body{display:none}</style>",
        "```\n</code><script>alert(1)</script>\n```", "`<script>`"}) {
    const std::string html = renderMarkdown(markdown);
    EXPECT_FALSE(has(html, "<script")) << markdown << " -> " << html;
    EXPECT_FALSE(has(html, "<img")) << markdown << " -> " << html;
    EXPECT_FALSE(has(html, "<iframe")) << markdown << " -> " << html;
    EXPECT_FALSE(has(html, "<svg")) << markdown << " -> " << html;
    EXPECT_FALSE(has(html, "<style")) << markdown << " -> " << html;
    EXPECT_FALSE(has(html, "<div")) << markdown << " -> " << html;
    EXPECT_FALSE(has(html, "onerror=")) << markdown << " -> " << html;
    EXPECT_FALSE(has(html, "onclick=")) << markdown << " -> " << html;
    EXPECT_FALSE(has(html, "onmouseover=")) << markdown << " -> " << html;
    EXPECT_FALSE(has(html, "onload=")) << markdown << " -> " << html;
  }
}

TEST(RenderMarkdown, NoJavascriptOrDataLink) {
  for (const std::string markdown :
       {"[x](javascript:alert(1))", "[x](JavaScript:alert(1))", "[x](  javascript:alert(1) )",
        "<javascript:alert(1)>", "[x](vbscript:msgbox(1))",
        "[x](data:text/html,<script>alert(1)</script>)", "[x][r]\n\n[r]: javascript:alert(1)",
        "![x](javascript:alert(1))"}) {
    const std::string html = renderMarkdown(markdown);
    // The link stays, emptied (its text may still read "javascript:...", as text).
    std::string lower = html;
    for (char& c : lower) {
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    for (const char* scheme : {"javascript:", "vbscript:", "data:"}) {
      EXPECT_FALSE(has(lower, std::string("href=\"") + scheme)) << markdown << " -> " << html;
      EXPECT_FALSE(has(lower, std::string("src=\"") + scheme)) << markdown << " -> " << html;
      EXPECT_FALSE(has(lower, std::string("href=\" ") + scheme)) << markdown << " -> " << html;
    }
  }
}

TEST(RenderMarkdown, InvalidUtf8IsReplaced) {
  const std::string html = renderMarkdown(
      "a\xff"
      "b");
  EXPECT_TRUE(has(html,
                  "a\xEF\xBF\xBD"
                  "b"))
      << html;
}

TEST(SlugOf, LatinLettersAndDigitsWithSingleHyphens) {
  EXPECT_EQ(slugOf("New hotline: 24/7 from 1 May!"), "new-hotline-24-7-from-1-may");
  EXPECT_EQ(slugOf("Ştiri — noi"), "tiri-noi");
  EXPECT_EQ(slugOf("Новини"), "");
}

}  // namespace
}  // namespace strada::public_site
