// Structured logging: one JSON object per line on stderr.
//
// Never pass personal data (names, e-mails, phone numbers, free text, addresses) in a message or
// a field: log ids, codes, counts and timings only.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>

namespace strada::observe {

enum class Level { kDebug, kInfo, kWarn, kError };

struct Field {
  std::string_view key;
  std::variant<std::string_view, std::int64_t, double, bool> value;

  Field(std::string_view k, std::string_view v) : key(k), value(v) {}
  Field(std::string_view k, const char* v) : key(k), value(std::string_view(v)) {}
  Field(std::string_view k, const std::string& v) : key(k), value(std::string_view(v)) {}
  Field(std::string_view k, bool v) : key(k), value(v) {}
  Field(std::string_view k, double v) : key(k), value(v) {}
  template <class I>
  requires std::is_integral_v<I> Field(std::string_view k, I v)
      : key(k), value(static_cast<std::int64_t>(v)) {}
};

// Sets the minimum level written (default kInfo). Thread safe.
void setLogLevel(Level level);
// {"ts":"2026-11-30T08:15:00.000Z","level":"info","msg":"...", <fields>} on stderr.
void log(Level level, std::string_view message, std::initializer_list<Field> fields = {});

inline void logInfo(std::string_view m, std::initializer_list<Field> f = {}) {
  log(Level::kInfo, m, f);
}
inline void logWarn(std::string_view m, std::initializer_list<Field> f = {}) {
  log(Level::kWarn, m, f);
}
inline void logError(std::string_view m, std::initializer_list<Field> f = {}) {
  log(Level::kError, m, f);
}

// Escapes `text` as the inside of a JSON string.
std::string jsonEscape(std::string_view text);

}  // namespace strada::observe
