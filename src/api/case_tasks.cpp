// A case's tasks and the caller's open tasks across cases. Each route decodes, calls its use
// case in cases/case_tasks.h, and encodes; a stale change answers 409 with the task as `current`.
#include "cases/case_tasks.h"

#include <boost/json/object.hpp>
#include <tuple>

#include "api/case_sections.h"
#include "api/cases_json.h"
#include "api/encode.h"
#include "api/json_input.h"
#include "api/routes.h"

namespace strada::api {
namespace {

namespace json = boost::json;

json::object encodeTask(const cases::Task& t, const cases::TaskList& list) {
  const store::TaskRow& r = t.row;
  return json::object{{"id", r.id},
                      {"case_id", r.case_id},
                      {"title", t.readable ? json::value(t.title) : json::value(nullptr)},
                      {"kind", orNull(r.kind)},
                      {"due_on", r.due_on},
                      {"overdue", !r.done && r.due_on < list.today},
                      {"assigned_to", userRef(list.names, r.assigned_to)},
                      {"done", r.done},
                      {"done_by", userRef(list.names, r.done_by)},
                      {"created_by", userRef(list.names, r.created_by)},
                      {"created_at", domain::formatRfc3339(r.created_at)},
                      {"version", r.version}};
}

// {"items": [task...]}
json::object encodeTasks(const cases::TaskList& list) {
  return itemsBody(list.items, [&list](const cases::Task& t) { return encodeTask(t, list); });
}

// The task just added (the list holds it alone): 201.
http::Response encodeAddedTask(const cases::TaskList& list) {
  return created(encodeTask(list.items.front(), list));
}

// The task changed, or the task as stored (the list holds it alone).
json::object encodeOneTask(const cases::TaskList& list) {
  return encodeTask(list.items.front(), list);
}

domain::Result<cases::TaskInput> decodeTask(std::string_view body) {
  JsonFields in(body);
  cases::TaskInput t;
  in.required("title", t.title, 500);
  in.required("due_on", t.due_on, 64);
  in.optional("assigned_to", t.assigned_to, 64);
  in.optional("kind", t.kind, 64);
  return in.finish(std::move(t));
}

// PUT /cases/{id}/tasks/{task_id} {done?, title?, due_on?, assigned_to?, version}: the task's
// reference, the change, the version.
Arguments<std::string, cases::TaskChange, std::int32_t> decodeTaskChange(const http::Request& req) {
  auto parsed = JsonInput::parse(req.body);
  JsonFields in(req.body);
  cases::TaskChange change;
  if (parsed && parsed->has("done")) {
    bool done = false;
    in.optional("done", done);
    change.done = done;
  }
  in.optional("title", change.title);
  in.optional("due_on", change.due_on);
  in.optional("assigned_to", change.assigned_to);
  std::int32_t version = 0;
  in.version(version, 0);
  if (in.ok() && !change.done && !change.title && !change.due_on && !change.assigned_to) {
    in.refuse(domain::invalidField("done", "Say what changes: done, title, due_on or assigned_to.")
                  .value());
  }
  return in.finish(
      std::tuple(cases::taskRef(std::string(req.param("id")), std::string(req.param("task_id"))),
                 std::move(change), version));
}

// GET /tasks?assigned_to=me&open=true: the caller's open tasks (the only list there is).
Arguments<> decodeMyTasksQuery(const http::Request& req) {
  for (const auto& [name, value] : req.query) {
    if (name == "assigned_to" && value != "me") {
      return domain::invalidField("assigned_to", "Only your own tasks are listed: assigned_to=me.");
    }
    if (name == "open" && value != "true") {
      return domain::invalidField("open", "Only open tasks are listed: open=true.");
    }
    if (name != "assigned_to" && name != "open") {
      return unknownParam(name);
    }
  }
  return std::tuple<>();
}

}  // namespace

void registerCaseTaskRoutes(RouteTable& routes) {
  using policy::Permission;
  routes.route("GET", "/api/v1/cases/{id}/tasks", Permission::kCaseRead, idParam, cases::listTasks,
               encodeTasks);
  routes.route("POST", "/api/v1/cases/{id}/tasks", Permission::kCaseUpdate, idAndBody<decodeTask>,
               cases::addTask, encodeAddedTask);
  routes.route(
      "PUT", "/api/v1/cases/{id}/tasks/{task_id}", Permission::kCaseUpdate,
      &versionedRecordChange<decodeTaskChange, cases::changeTask, cases::readTask, encodeOneTask>);
  routes.route("GET", "/api/v1/tasks", Permission::kTaskListMine, decodeMyTasksQuery,
               cases::myOpenTasks, encodeTasks);
}

json::object sections::tasks(const cases::TaskList& list) { return encodeTasks(list); }

}  // namespace strada::api
