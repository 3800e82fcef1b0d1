#include "store/sql_errors.h"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

namespace strada::store::detail {

std::string safeDbMessage(const std::exception& e) {
  std::string text;
  if (const auto* soci_error = dynamic_cast<const soci::soci_error*>(&e)) {
    text = soci_error->get_error_message();
  } else {
    text = e.what();
  }
  const std::size_t nl = text.find('\n');
  if (nl != std::string::npos) {
    text.resize(nl);
  }
  const std::size_t detail = text.find("DETAIL");
  if (detail != std::string::npos) {
    text.resize(detail);
  }
  return text;
}

bool isUniqueViolation(const std::exception& e) {
  if (const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e)) {
    return pg->sqlstate() == "23505";
  }
  const std::string text = safeDbMessage(e);
  return text.find("UNIQUE constraint failed") != std::string::npos ||
         text.find("duplicate key value") != std::string::npos;
}

bool uniqueViolationNames(const std::exception& e, std::string_view table,
                          std::string_view column) {
  const std::string text = safeDbMessage(e);
  const std::string t(table);
  const std::string c(column);
  if (text.find(t + "." + c) != std::string::npos ||
      text.find(t + "_" + c + "_key") != std::string::npos) {
    return true;
  }
  return column == "id" && text.find(t + "_pkey") != std::string::npos;
}

tl::unexpected<domain::Error> internalFrom(std::string_view what, const std::exception& e) {
  return domain::internalError(std::string(what) + ": " + safeDbMessage(e));
}

std::string toHex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (const char ch : bytes) {
    const auto b = static_cast<unsigned char>(ch);
    out += kDigits[b >> 4];
    out += kDigits[b & 0x0f];
  }
  return out;
}

namespace {
int hexValue(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}
}  // namespace

std::optional<std::string> fromHex(std::string_view hex) {
  if (hex.size() % 2 != 0) {
    return std::nullopt;
  }
  std::string out;
  out.reserve(hex.size() / 2);
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const int hi = hexValue(hex[i]);
    const int lo = hexValue(hex[i + 1]);
    if (hi < 0 || lo < 0) {
      return std::nullopt;
    }
    out += static_cast<char>((hi << 4) | lo);
  }
  return out;
}

std::string joinList(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) {
      out += ',';
    }
    out += item;
  }
  return out;
}

std::vector<std::string> splitList(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size() && !text.empty()) {
    const std::size_t comma = text.find(',', start);
    const std::size_t end = comma == std::string_view::npos ? text.size() : comma;
    if (end > start) {
      out.emplace_back(text.substr(start, end - start));
    }
    if (comma == std::string_view::npos) {
      break;
    }
    start = comma + 1;
  }
  return out;
}

}  // namespace strada::store::detail
