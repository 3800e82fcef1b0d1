// Stable names of a closed enumeration, listed once in a table, and the lookups every such
// enumeration needs: a value's name, the value of a name, and every value in order.
//
// A table is a std::array of rows that have a `value` (the enumerator) and a `name` member:
// EnumName<E>, or a struct of the caller's own that adds columns (audit::AuditAction's object
// type, policy::Permission's roles). List every enumerator once, in declaration order, and check
// it with static_assert(listsEveryValue(table, <last enumerator>)): a missing or reordered row
// then fails the build instead of answering "unknown" at run time.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace strada::domain {

template <class Enum>
struct EnumName {
  Enum value;
  std::string_view name;
};

// The row of `value`, or nullptr when the table does not list it.
template <class Row, std::size_t N>
constexpr const Row* rowOf(const std::array<Row, N>& table, decltype(Row::value) value) {
  for (const Row& row : table) {
    if (row.value == value) {
      return &row;
    }
  }
  return nullptr;
}

// The name of `value`, or `fallback` when the table does not list it.
template <class Row, std::size_t N>
constexpr std::string_view nameOf(const std::array<Row, N>& table, decltype(Row::value) value,
                                  std::string_view fallback) {
  const Row* row = rowOf(table, value);
  return row != nullptr ? row->name : fallback;
}

// The value named `name` (the first row of that name), or nullopt.
template <class Row, std::size_t N>
constexpr std::optional<decltype(Row::value)> valueNamed(const std::array<Row, N>& table,
                                                         std::string_view name) {
  for (const Row& row : table) {
    if (row.name == name) {
      return row.value;
    }
  }
  return std::nullopt;
}

// The table's values, in its order.
template <class Row, std::size_t N>
constexpr std::array<decltype(Row::value), N> valuesOf(const std::array<Row, N>& table) {
  std::array<decltype(Row::value), N> values{};
  for (std::size_t i = 0; i < N; ++i) {
    values[i] = table[i].value;
  }
  return values;
}

// True when row i holds the enumerator of value i and the last row holds `last`: for an
// enumeration whose enumerators take no explicit values and end with `last`, the table then lists
// every one of them once, in declaration order.
template <class Row, std::size_t N>
constexpr bool listsEveryValue(const std::array<Row, N>& table, decltype(Row::value) last) {
  for (std::size_t i = 0; i < N; ++i) {
    if (static_cast<std::size_t>(table[i].value) != i) {
      return false;
    }
  }
  return N > 0 && table[N - 1].value == last;
}

}  // namespace strada::domain
