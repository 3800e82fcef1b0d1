#include "observe/log.h"

#include <spdlog/logger.h>
#include <spdlog/sinks/stdout_sinks.h>

#include <array>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cmath>
#include <ctime>
#include <memory>
#include <type_traits>

#include "domain/encoding.h"
#include "domain/enum_names.h"

namespace strada::observe {
namespace {

std::atomic<int> g_min_level{static_cast<int>(Level::kInfo)};

// A private logger, not registered in spdlog's global registry, so that no other library's
// set_pattern() or set_level() can change the shape of our lines.
spdlog::logger& jsonLogger() {
  static const std::shared_ptr<spdlog::logger> kLogger = [] {
    auto sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
    auto created = std::make_shared<spdlog::logger>("strada", std::move(sink));
    created->set_pattern("%v");
    created->set_level(spdlog::level::trace);
    created->flush_on(spdlog::level::trace);
    return created;
  }();
  return *kLogger;
}

// A level's name in the line, and the spdlog level it is written at.
struct LevelOutput {
  Level value;
  std::string_view name;
  spdlog::level::level_enum spdlog_level;
};
constexpr std::array<LevelOutput, 4> kLevels = {{
    {Level::kDebug, "debug", spdlog::level::debug},
    {Level::kInfo, "info", spdlog::level::info},
    {Level::kWarn, "warn", spdlog::level::warn},
    {Level::kError, "error", spdlog::level::err},
}};
static_assert(domain::listsEveryValue(kLevels, Level::kError));

const LevelOutput& outputOf(Level level) {
  const LevelOutput* row = domain::rowOf(kLevels, level);
  return row != nullptr ? *row : kLevels[1];  // an unknown value is logged at info
}

void appendTwoDigits(std::string& out, int value) {
  out.push_back(static_cast<char>('0' + value / 10));
  out.push_back(static_cast<char>('0' + value % 10));
}

// RFC 3339, UTC, milliseconds: 2026-11-30T08:15:00.000Z
void appendTimestamp(std::string& out) {
  const auto now = std::chrono::system_clock::now();
  const auto ms_total =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  const std::time_t seconds = static_cast<std::time_t>(ms_total / 1000);
  const int millis = static_cast<int>(ms_total % 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char year[16];
  const auto [end, ec] = std::to_chars(year, year + sizeof(year), tm.tm_year + 1900);
  out.append(year, ec == std::errc() ? end : year);
  out.push_back('-');
  appendTwoDigits(out, tm.tm_mon + 1);
  out.push_back('-');
  appendTwoDigits(out, tm.tm_mday);
  out.push_back('T');
  appendTwoDigits(out, tm.tm_hour);
  out.push_back(':');
  appendTwoDigits(out, tm.tm_min);
  out.push_back(':');
  appendTwoDigits(out, tm.tm_sec);
  out.push_back('.');
  out.push_back(static_cast<char>('0' + millis / 100));
  appendTwoDigits(out, millis % 100);
  out.push_back('Z');
}

void appendString(std::string& out, std::string_view text) {
  out.push_back('"');
  out += jsonEscape(text);
  out.push_back('"');
}

void appendValue(std::string& out, const Field& field) {
  std::visit(
      [&out](const auto& value) {
        using T = std::decay_t<decltype(value)>;
        if constexpr (std::is_same_v<T, std::string_view>) {
          appendString(out, value);
        } else if constexpr (std::is_same_v<T, bool>) {
          out += value ? "true" : "false";
        } else if constexpr (std::is_same_v<T, double>) {
          // JSON has no NaN or infinity.
          if (!std::isfinite(value)) {
            out += "null";
            return;
          }
          char buffer[32];
          const auto [end, ec] = std::to_chars(buffer, buffer + sizeof(buffer), value);
          out.append(buffer, ec == std::errc() ? end : buffer);
        } else {
          char buffer[24];
          const auto [end, ec] = std::to_chars(buffer, buffer + sizeof(buffer), value);
          out.append(buffer, ec == std::errc() ? end : buffer);
        }
      },
      field.value);
}

}  // namespace

void setLogLevel(Level level) { g_min_level.store(static_cast<int>(level)); }

std::string jsonEscape(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(text.size() + 8);
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      // Invalid UTF-8 would make the whole line unparseable: replace it with U+FFFD.
      const std::size_t length = domain::utf8SequenceLength(text, i);
      if (length == 0) {
        out += "\\ufffd";
        ++i;
      } else {
        out.append(text.substr(i, length));
        i += length;
      }
      continue;
    }
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20 || c == 0x7F) {
          out += "\\u00";
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 0x0F]);
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
    ++i;
  }
  return out;
}

void log(Level level, std::string_view message, std::initializer_list<Field> fields) {
  if (static_cast<int>(level) < g_min_level.load(std::memory_order_relaxed)) {
    return;
  }
  std::string line;
  line.reserve(96 + message.size() + fields.size() * 24);
  line += "{\"ts\":\"";
  appendTimestamp(line);
  line += "\",\"level\":\"";
  line += outputOf(level).name;
  line += "\",\"msg\":";
  appendString(line, message);
  for (const Field& field : fields) {
    line.push_back(',');
    appendString(line, field.key);
    line.push_back(':');
    appendValue(line, field);
  }
  line.push_back('}');
  jsonLogger().log(outputOf(level).spdlog_level, spdlog::string_view_t(line.data(), line.size()));
}

}  // namespace strada::observe
