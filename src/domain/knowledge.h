// Knowledge base: the country sheets, safety tips and useful numbers a consultant looks up
// during a call. Articles are organisational knowledge, not personal data: they are stored in
// the clear and reading them is not audited (writing them is).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "domain/error.h"
#include "domain/time.h"

namespace strada::domain {

// What an editor submits.
struct KnowledgeInput {
  std::string kind;      // one of knowledgeKinds()
  std::string country;   // ISO 3166-1 alpha-2, or "" when the article is about no one country
  std::string language;  // ISO 639-1
  std::string title;
  std::string body;  // Markdown
};

struct KnowledgeArticle {
  std::string id;
  std::string org_id;
  KnowledgeInput data;
  UnixMillis updated_at = 0;
  std::string updated_by;    // user id ("" for generated demo content)
  std::int32_t version = 1;  // 1 at creation, +1 per update (optimistic concurrency)
};

// "country_sheet", "safety_tip", "useful_numbers".
std::span<const std::string_view> knowledgeKinds();
[[nodiscard]] bool isKnowledgeKind(std::string_view kind);

inline constexpr std::size_t kMaxKnowledgeTitleChars = 200;  // Unicode code points
inline constexpr std::size_t kMaxKnowledgeBodyBytes = std::size_t{100} * 1024;

// Checks kind, codes, lengths and that title and body are valid UTF-8 without control
// characters (tab and line breaks allowed in the body). Fails with InvalidArgument naming the
// first offending field.
[[nodiscard]] Status validateKnowledge(const KnowledgeInput& input);

}  // namespace strada::domain
