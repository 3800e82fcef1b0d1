// A case's tasks (case_tasks.h), read and written through the entry machinery
// (case_entry_steps.h); the title sealed under the key of the case's client.
#include "cases/case_tasks.h"

#include <algorithm>
#include <iterator>
#include <utility>

#include "cases/case_documents.h"
#include "cases/case_entry_steps.h"
#include "cases/case_records.h"
#include "crypto/crypto.h"
#include "domain/client.h"
#include "store/async.h"

namespace strada::cases {
namespace {

using audit::AuditAction;
using boost::asio::awaitable;
using domain::Result;

constexpr std::size_t kMaxTitleChars = 500;

domain::Status validateTask(const TaskInput& t, domain::UnixMillis /*now*/) {
  if (!isTextWithin(t.title, kMaxTitleChars)) {
    return domain::invalidField("title", "Write the task in 1 to 500 characters.");
  }
  if (auto day = domain::parseCalendarDate(t.due_on, "due_on"); !day) {
    return tl::unexpected(day.error());
  }
  if (!t.kind.empty() && !inCodeList("task_kind", t.kind)) {
    return domain::invalidField("kind", "Choose the kind of task from the list offered.");
  }
  return {};
}

// The tasks of `rows`, each title opened with `key` (none: not readable).
Result<std::vector<Task>> openTasks(const Context& ctx, const std::optional<vault::PersonKey>& key,
                                    std::vector<store::TaskRow> rows) {
  std::vector<Task> tasks;
  for (auto& row : rows) {
    auto title = openText(ctx, key, {vault::SealedField::kTaskTitle, row.id}, row.title_sealed);
    if (!title) {
      return tl::unexpected(title.error());
    }
    row.title_sealed.clear();
    tasks.push_back({std::move(row), std::move(*title), key.has_value()});
  }
  return tasks;
}

// `list` (the case's tasks, or one) opened for `loaded`'s readers.
Result<TaskList> openedList(const Context& ctx, const LoadedCase& loaded, EntryList<Tasks> list) {
  auto key = openingKey(ctx, loaded, policy::CaseAccess::kFull);
  if (!key) {
    return tl::unexpected(key.error());
  }
  auto tasks = openTasks(ctx, *key, std::move(list.rows));
  if (!tasks) {
    return tl::unexpected(tasks.error());
  }
  return TaskList{std::move(*tasks), std::move(list.names), std::move(list.today)};
}

// The case and task ids of `ref` ("<case id>/<task id>").
std::pair<std::string, std::string> splitRef(const std::string& ref) {
  const auto slash = ref.find('/');
  if (slash == std::string::npos) {
    return {ref, ""};
  }
  return {ref.substr(0, slash), ref.substr(slash + 1)};
}

// The case's tasks as a worker on it reads them; `task_id` keeps that one alone ("" for all).
// The read is recorded as case_task.list when `audited`.
awaitable<Result<TaskList>> readTasks(Context ctx, Actor actor, std::string case_id,
                                      std::string task_id, bool audited) {
  auto loaded = co_await allowedCase(ctx, actor, std::move(case_id), policy::Permission::kCaseRead,
                                     CaseUse::kWork);
  if (!loaded) {
    co_return tl::unexpected(loaded.error());
  }
  auto list = co_await readEntries<Tasks>(ctx, loaded->kase.org_id, loaded->kase.id);
  if (!list) {
    co_return tl::unexpected(list.error());
  }
  if (!task_id.empty()) {
    if (auto kept = keepOnly(list->rows, task_id, "task"); !kept) {
      co_return tl::unexpected(recordNotFound());
    }
  }
  if (audited) {
    audit::AuditEntry entry = actor.entry(AuditAction::kCaseTaskList, loaded->kase.id);
    if (auto s = co_await hotline::recordAudit(ctx, std::move(entry)); !s) {
      co_return tl::unexpected(s.error());
    }
  }
  co_return openedList(ctx, *loaded, std::move(*list));
}

// Whether the actor may change what a task is (its title, due day, owner) and not only tick it:
// the task's owner, the case's assigned worker, or a supervisor.
bool mayReviseTask(const Actor& actor, const LoadedCase& loaded, const store::TaskRow& row) {
  const policy::Principal& who = actor.principal;
  return who.user_id == row.assigned_to || who.user_id == loaded.kase.assigned_to ||
         std::find(who.roles.begin(), who.roles.end(), domain::Role::kSupervisor) !=
             who.roles.end();
}

// `row` after `change`, checked (the title sealed anew), or why not.
awaitable<Result<store::TaskRow>> revisedTask(Context ctx, const Actor& actor,
                                              const LoadedCase& loaded, store::TaskRow row,
                                              TaskChange change) {
  if ((change.title || change.due_on || change.assigned_to) && !mayReviseTask(actor, loaded, row)) {
    co_return domain::fail(domain::ErrorCode::kPermissionDenied,
                           "Only the task's owner, the case's worker or a supervisor may change "
                           "the task. You can still tick it done.",
                           {}, "case_task.revise");
  }
  // What is set is checked; what is not passes (the stored due day, a placeholder title).
  TaskInput checked{change.title.value_or("unchanged"), change.due_on.value_or(row.due_on), "", ""};
  if (auto ok = validateTask(checked, ctx.clock()); !ok) {
    co_return tl::unexpected(ok.error());
  }
  if (change.assigned_to && *change.assigned_to != row.assigned_to) {
    auto users = co_await readUsers(ctx, loaded.kase.org_id);
    if (!users) {
      co_return tl::unexpected(users.error());
    }
    if (!isCaseWorkerAmong(*users, *change.assigned_to)) {
      co_return domain::invalidField("assigned_to",
                                     "Choose a case worker or supervisor of your organisation.");
    }
    row.assigned_to = *change.assigned_to;
  }
  if (change.title) {
    auto key = sealingKey(ctx, loaded, "title");
    if (!key) {
      co_return tl::unexpected(key.error());
    }
    row.title_sealed =
        ctx.vault.seal(*key, {vault::SealedField::kTaskTitle, row.id}, *change.title);
  }
  row.due_on = checked.due_on;
  if (change.done && *change.done != row.done) {
    row.done = *change.done;
    row.done_by = row.done ? actor.principal.user_id : std::string();
    row.done_at = row.done ? ctx.clock() : 0;
  }
  co_return row;
}

}  // namespace

const EntryKind<Tasks> Tasks::kKind{.list = store::listTasks,
                                    .insert = store::insertTask,
                                    .validate = validateTask,
                                    .row = nullptr,
                                    .agency_id = nullptr,
                                    .agency_field = "",
                                    .created = AuditAction::kCaseTaskCreate,
                                    .name = "task"};

std::string taskRef(const std::string& case_id, const std::string& task_id) {
  return case_id + "/" + task_id;
}

awaitable<Result<TaskList>> listTasks(Context ctx, Actor actor, std::string case_id) {
  co_return co_await readTasks(ctx, std::move(actor), std::move(case_id), "", true);
}

awaitable<Result<TaskList>> addTask(Context ctx, Actor actor, std::string case_id,
                                    TaskInput input) {
  auto loaded = co_await allowedCase(ctx, actor, std::move(case_id),
                                     policy::Permission::kCaseUpdate, CaseUse::kWork);
  if (!loaded) {
    co_return tl::unexpected(loaded.error());
  }
  const domain::UnixMillis now = ctx.clock();
  if (auto ok = validateTask(input, now); !ok) {
    co_return tl::unexpected(ok.error());
  }
  if (input.assigned_to.empty()) {
    input.assigned_to = actor.principal.user_id;
  }
  auto users = co_await readUsers(ctx, loaded->kase.org_id);
  if (!users) {
    co_return tl::unexpected(users.error());
  }
  if (!isCaseWorkerAmong(*users, input.assigned_to)) {
    co_return domain::invalidField("assigned_to",
                                   "Choose a case worker or supervisor of your organisation.");
  }
  auto key = sealingKey(ctx, *loaded, "title");
  if (!key) {
    co_return tl::unexpected(key.error());
  }
  store::TaskRow row;
  row.id = crypto::newId();
  row.case_id = loaded->kase.id;
  row.kind = std::move(input.kind);
  row.due_on = std::move(input.due_on);
  row.assigned_to = std::move(input.assigned_to);
  row.created_by = actor.principal.user_id;
  row.created_at = now;
  row.title_sealed = ctx.vault.seal(*key, {vault::SealedField::kTaskTitle, row.id}, input.title);
  const std::string id = row.id;
  store::WriteJob insert = [row = std::move(row)](store::WriteContext& w) {
    return store::insertTask(w, row);
  };
  auto list = co_await writeEntry<Tasks>(ctx, actor, *loaded, std::move(insert),
                                         AuditAction::kCaseTaskCreate, id);
  if (!list) {
    co_return tl::unexpected(list.error());
  }
  co_return openedList(ctx, *loaded, std::move(*list));
}

awaitable<Result<TaskList>> changeTask(Context ctx, Actor actor, std::string ref, TaskChange change,
                                       std::int32_t version) {
  auto ids = splitRef(ref);
  const std::string task_id = ids.second;
  auto loaded = co_await allowedCase(ctx, actor, std::move(ids.first),
                                     policy::Permission::kCaseUpdate, CaseUse::kWork);
  if (!loaded) {
    co_return tl::unexpected(loaded.error());
  }
  auto list = co_await readEntries<Tasks>(ctx, loaded->kase.org_id, loaded->kase.id);
  if (!list) {
    co_return tl::unexpected(list.error());
  }
  if (auto kept = keepOnly(list->rows, task_id, "task"); !kept) {
    co_return tl::unexpected(recordNotFound());
  }
  auto revised = co_await revisedTask(ctx, actor, *loaded, list->rows.front(), std::move(change));
  if (!revised) {
    co_return tl::unexpected(revised.error());
  }
  store::WriteJob write = [row = std::move(*revised), version](store::WriteContext& w) {
    return store::updateTask(w, row, version);
  };
  auto written = co_await writeEntry<Tasks>(ctx, actor, *loaded, std::move(write),
                                            AuditAction::kCaseTaskUpdate, task_id);
  if (!written) {
    co_return tl::unexpected(written.error());
  }
  co_return openedList(ctx, *loaded, std::move(*written));
}

awaitable<Result<TaskList>> readTask(Context ctx, Actor actor, std::string ref) {
  auto [case_id, task_id] = splitRef(ref);
  co_return co_await readTasks(ctx, std::move(actor), std::move(case_id), std::move(task_id),
                               false);
}

awaitable<Result<TaskList>> myOpenTasks(Context ctx, Actor actor) {
  if (auto may = policy::require(actor.principal, policy::Permission::kTaskListMine); !may) {
    co_return tl::unexpected(may.error());
  }
  const std::string org_id = actor.principal.org_id;
  const std::string user_id = actor.principal.user_id;
  auto job = [org_id, user_id](soci::session& sql) -> Result<EntryList<Tasks>> {
    auto rows = store::listOpenTasksOf(sql, org_id, user_id);
    auto names = userNames(sql, org_id);
    if (!rows || !names) {
      return tl::unexpected(!rows ? rows.error() : names.error());
    }
    return EntryList<Tasks>{std::move(*rows), std::move(*names), ""};
  };
  auto read = co_await store::awaitRead<Result<EntryList<Tasks>>>(ctx.db, std::move(job));
  if (!read) {
    co_return tl::unexpected(read.error());
  }
  TaskList out{{}, std::move(read->names), calendarDate(ctx.clock())};
  // The title of a task opens only where the caller may work on its case.
  std::map<std::string, std::vector<store::TaskRow>> by_case;
  for (auto& row : read->rows) {
    by_case[row.case_id].push_back(std::move(row));
  }
  for (auto& [case_id, rows] : by_case) {
    std::optional<vault::PersonKey> key;
    auto loaded =
        co_await allowedCase(ctx, actor, case_id, policy::Permission::kCaseRead, CaseUse::kWork);
    if (loaded) {
      auto opening = openingKey(ctx, *loaded, policy::CaseAccess::kFull);
      if (opening && *opening) {
        key.emplace(std::move(**opening));
      }
    }
    auto opened = openTasks(ctx, key, std::move(rows));
    if (!opened) {
      co_return tl::unexpected(opened.error());
    }
    std::move(opened->begin(), opened->end(), std::back_inserter(out.items));
  }
  std::stable_sort(out.items.begin(), out.items.end(),
                   [](const Task& a, const Task& b) { return a.row.due_on < b.row.due_on; });
  auto entry = actor.entry(AuditAction::kTaskListMine, "rows=" + std::to_string(out.items.size()));
  if (auto s = co_await hotline::recordAudit(ctx, std::move(entry)); !s) {
    co_return tl::unexpected(s.error());
  }
  co_return out;
}

}  // namespace strada::cases
