// A person's data for them (issue 8, section 8): GET /api/v1/clients/{id}/subject-access answers
// one JSON file (an attachment) with the person, their coded fields and every part of their case,
// each part in the shape its own route answers (api/case_sections.h).
#include "cases/subject_access.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "api/case_sections.h"
#include "api/cases_json.h"
#include "api/encode.h"
#include "api/routes.h"
#include "crypto/crypto.h"
#include "domain/time.h"

namespace strada::api {
namespace {

namespace json = boost::json;

// The documents with their contents (base64) and the type each was recognised as.
json::object encodeDocuments(const cases::CaseRecord& r) {
  json::object out = sections::documents(r.documents);
  json::array files;
  for (const auto& [id, file] : r.document_files) {
    files.push_back(json::object{{"document_id", id},
                                 {"media_type", file.media_type},
                                 {"byte_size", file.bytes.size()},
                                 {"content_base64", crypto::toBase64(file.bytes)}});
  }
  out["files"] = std::move(files);
  return out;
}

json::object encodeCaseRecord(const cases::CaseRecord& r) {
  return {{"case", encodeCaseView(r.kase)},
          {"consents", sections::consents(r.consents)},
          {"identification", sections::identification(r.identification)},
          {"needs", sections::needs(r.needs)},
          {"plan", sections::plan(r.plan)},
          {"services", sections::services(r.services)},
          {"notes", sections::notes(r.notes)},
          {"tasks", sections::tasks(r.tasks)},
          {"proceedings", sections::proceedings(r.proceedings)},
          {"follow_ups", sections::followUps(r.follow_ups)},
          {"documents", encodeDocuments(r)},
          {"timeline", sections::timeline(r.timeline)}};
}

http::Response encodeSubjectAccess(const cases::SubjectAccess& s) {
  json::object file{
      {"about",
       "Everything this organisation holds about the person, exported for them on their "
       "request (right of access). Codes follow HTCDS 2.0; their labels are at /api/v1/codes."},
      {"exported_at", domain::formatRfc3339(s.exported_at)},
      {"client", encodeClientView(s.client)},
      {"case", s.kase ? json::value(encodeCaseRecord(*s.kase)) : json::value(nullptr)}};
  json::array merged;
  for (const auto& [client_code, record] : s.merged_cases) {
    merged.push_back(
        json::object{{"client_code", client_code}, {"case", encodeCaseRecord(record)}});
  }
  file["merged_cases"] = std::move(merged);
  auto response = http::Response::json(200, file);
  response.headers.emplace_back("Content-Disposition", "attachment; filename=\"subject-access-" +
                                                           s.client.client.client_code + ".json\"");
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

}  // namespace

void registerSubjectAccessRoutes(RouteTable& routes) {
  routes.route("GET", "/api/v1/clients/{id}/subject-access", policy::Permission::kClientExport,
               idParam, cases::exportSubjectAccess, encodeSubjectAccess);
}

}  // namespace strada::api
