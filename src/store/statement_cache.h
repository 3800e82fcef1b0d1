// Private to store/: the statements the writer connection keeps prepared for the writes it runs
// for every request (a job's savepoint, a contact's row and codes, an audit event), so that a
// group commit of 64 contacts parses each of them once instead of 64 times.
//
// A cached statement is bound once to storage it owns; each use copies the new values into that
// storage and executes the statement again (SQLite: reset, bind, step; PostgreSQL: one
// PQexecPrepared round trip instead of PQexecParams parsing and planning the text each time).
//
// Ownership and lifetime: the cache belongs to one connection and one thread (the writer's). It
// must be cleared before that connection reconnects: a SOCI statement refers to the connection
// it was prepared on. A statement that failed to prepare is not kept (the next use prepares it
// again); one that failed to execute stays usable (SQLite resets it before the next step).
#pragma once

#include <cstddef>
#include <memory>
#include <typeindex>
#include <utility>
#include <vector>

namespace soci {
class session;
}

namespace strada::store::detail {

// Base of every cached statement: the cache owns it through this.
class CachedStatement {
 public:
  CachedStatement() = default;
  CachedStatement(const CachedStatement&) = delete;
  CachedStatement& operator=(const CachedStatement&) = delete;
  virtual ~CachedStatement() = default;
};

class StatementCache {
 public:
  explicit StatementCache(soci::session& sql) : sql_(sql) {}

  // The statement of type T (derived from CachedStatement, constructible from
  // (soci::session&, std::size_t key)) for `key` (e.g. how many rows a multi-row INSERT writes),
  // prepared on first use. Throws what T's constructor throws; nothing is cached then.
  template <class T>
  T& get(std::size_t key = 0) {
    const std::type_index type(typeid(T));
    for (auto& slot : slots_) {
      if (slot.type == type && slot.key == key) {
        return static_cast<T&>(*slot.statement);
      }
    }
    auto made = std::make_unique<T>(sql_, key);
    T& statement = *made;
    slots_.push_back(Slot{type, key, std::move(made)});
    return statement;
  }

  // Drops every statement (before the connection reconnects).
  void clear() { slots_.clear(); }

 private:
  struct Slot {
    std::type_index type;
    std::size_t key;
    std::unique_ptr<CachedStatement> statement;
  };
  soci::session& sql_;
  std::vector<Slot> slots_;  // a handful: a linear search is the fastest lookup
};

}  // namespace strada::store::detail
