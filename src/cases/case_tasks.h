// Use cases of a case's tasks: the to-dos of the assistance team ("book the interpreter"), each
// with a due day and an owner. The title is sealed under the key of the case's client; the rest
// (kind, due day, owner, done) is in the clear. Who may do what follows the case's notes: a case
// worker on the cases they work on, a supervisor on every case; never a data officer.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cases/case_entries.h"

namespace strada::cases {

struct TaskInput {
  std::string title;        // 1 to 500 characters
  std::string due_on;       // YYYY-MM-DD
  std::string assigned_to;  // a case worker or supervisor of the organisation; "" for the caller
  std::string kind;         // task_kind or ""
};

// One task, its title opened ("" and `readable` false where the reader may not read the case,
// or the person was erased).
struct Task {
  store::TaskRow row;
  std::string title;
  bool readable = false;
};
struct TaskList {
  std::vector<Task> items;
  std::map<std::string, std::string> names;
  std::string today;  // YYYY-MM-DD at the context's clock: what "overdue" is judged against
};

// The kind of entry the entry machinery (case_entry_steps.h) reads and writes back.
struct Tasks {
  using Input = TaskInput;
  using Row = store::TaskRow;
  static const EntryKind<Tasks> kKind;  // case_tasks.cpp
};

// kCaseRead with requireCaseWorkable; case_task.list.
[[nodiscard]] boost::asio::awaitable<domain::Result<TaskList>> listTasks(Context ctx, Actor actor,
                                                                         std::string case_id);
// kCaseUpdate with requireCaseWorkable; case_task.create. Returns the new task alone.
[[nodiscard]] boost::asio::awaitable<domain::Result<TaskList>> addTask(Context ctx, Actor actor,
                                                                       std::string case_id,
                                                                       TaskInput input);

// A task of a case: "<case id>/<task id>" (the route's two ids, one record reference).
std::string taskRef(const std::string& case_id, const std::string& task_id);

// A change to a task: what is set changes, the rest stays.
struct TaskChange {
  std::optional<std::string> title;        // 1 to 500 characters
  std::optional<std::string> due_on;       // YYYY-MM-DD
  std::optional<std::string> assigned_to;  // a case worker or supervisor of the organisation
  std::optional<bool> done;
};

// kCaseUpdate with requireCaseWorkable; changes the task `ref` when `version` is its version
// (Conflict on "version" otherwise); case_task.update. Anyone who works the case ticks a task
// done or open again; its title, due day and owner change only by the task's owner, the case's
// assigned worker or a supervisor (PermissionDenied otherwise). Returns the task alone.
[[nodiscard]] boost::asio::awaitable<domain::Result<TaskList>> changeTask(Context ctx, Actor actor,
                                                                          std::string ref,
                                                                          TaskChange change,
                                                                          std::int32_t version);
// kCaseRead with requireCaseWorkable: the task `ref` alone (what a stale write answers).
[[nodiscard]] boost::asio::awaitable<domain::Result<TaskList>> readTask(Context ctx, Actor actor,
                                                                        std::string ref);

// task.list_mine: the caller's open tasks across the organisation's cases, soonest due first; a
// title only where the caller may work on the case; audited as task.list_mine.
[[nodiscard]] boost::asio::awaitable<domain::Result<TaskList>> myOpenTasks(Context ctx,
                                                                           Actor actor);

}  // namespace strada::cases
