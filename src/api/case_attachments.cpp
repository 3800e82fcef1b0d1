// A case's documents. The upload's body is the file's raw bytes (application/octet-stream, at
// most cases::kMaxDocumentBytes: the one route with a larger body limit), its title and kind in
// headers (the title percent-encoded: personal data never goes in a URL); the download answers
// the bytes with the type recognised at upload, as an attachment with a generic file name.
#include "cases/case_attachments.h"

#include <boost/json/object.hpp>
#include <string>
#include <tuple>

#include "api/case_sections.h"
#include "api/cases_json.h"
#include "api/encode.h"
#include "api/routes.h"
#include "http/parse.h"

namespace strada::api {
namespace {

namespace json = boost::json;

constexpr std::size_t kMaxTitleHeaderBytes = 2048;

json::object encodeDocument(const cases::AttachedDocument& d, const cases::DocumentList& list) {
  const store::AttachmentRow& r = d.row;
  const bool withdrawn = r.withdrawn_at != 0;
  return json::object{
      {"id", r.id},
      {"case_id", r.case_id},
      {"title", d.readable ? json::value(d.title) : json::value(nullptr)},
      {"kind", r.kind},
      {"media_type", r.media_type},
      {"size", r.byte_size},
      {"uploaded_by", userRef(list.names, r.uploaded_by)},
      {"uploaded_at", domain::formatRfc3339(r.uploaded_at)},
      {"withdrawn", withdrawn},
      {"withdrawn_by", userRef(list.names, r.withdrawn_by)},
      {"withdrawn_at",
       withdrawn ? json::value(domain::formatRfc3339(r.withdrawn_at)) : json::value(nullptr)},
      {"content_available", d.readable && !withdrawn}};
}

// {"items": [document...], "max_bytes": the largest upload}
json::object encodeDocuments(const cases::DocumentList& list) {
  json::object body = itemsBody(
      list.items, [&list](const cases::AttachedDocument& d) { return encodeDocument(d, list); });
  body["max_bytes"] = list.max_bytes;
  return body;
}

// The document just uploaded (the list holds it alone): 201.
http::Response encodeUploaded(const cases::DocumentList& list) {
  const auto& d = list.items.front();
  return created(encodeDocument(d, list),
                 "/api/v1/cases/" + d.row.case_id + "/documents/" + d.row.id + "/content");
}

// The document withdrawn (the list holds it alone).
json::object encodeWithdrawn(const cases::DocumentList& list) {
  return encodeDocument(list.items.front(), list);
}

// The file name a download is saved under: generic (the title is personal data and stays out of
// headers), with the extension of its type.
std::string downloadName(const std::string& media_type) {
  if (media_type == "application/pdf") {
    return "document.pdf";
  }
  if (media_type == "image/jpeg") {
    return "document.jpg";
  }
  if (media_type == "image/png") {
    return "document.png";
  }
  if (media_type == "application/vnd.oasis.opendocument.text") {
    return "document.odt";
  }
  return media_type.starts_with("text/plain") ? "document.txt" : "document.bin";
}

http::Response encodeContent(const cases::DocumentContent& content) {
  auto response = http::Response::text(200, content.media_type, content.bytes);
  response.headers.emplace_back(
      "Content-Disposition", "attachment; filename=\"" + downloadName(content.media_type) + "\"");
  return response;
}

// The header `name` percent-decoded, required: InvalidArgument on `field` when absent or broken.
domain::Result<std::string> decodedHeader(const http::Request& req, std::string_view name,
                                          std::string_view field, std::string_view message) {
  const auto value = req.header(name);
  if (!value || value->size() > kMaxTitleHeaderBytes) {
    return domain::invalidField(std::string(field), std::string(message));
  }
  auto text = http::percentDecoded(*value);
  if (!text) {
    return domain::invalidField(std::string(field), std::string(message));
  }
  return std::move(*text);
}

// POST /cases/{id}/documents: the body is the file; X-Strada-Document-Title (percent-encoded
// UTF-8) and X-Strada-Document-Kind (a document_kind code).
Arguments<std::string, cases::DocumentUpload> decodeUpload(const http::Request& req) {
  auto title = decodedHeader(req, "x-strada-document-title", "title",
                             "Give the document a title (the header X-Strada-Document-Title, "
                             "percent-encoded UTF-8).");
  if (!title) {
    return tl::unexpected(title.error());
  }
  auto kind = decodedHeader(req, "x-strada-document-kind", "kind",
                            "Choose the kind of document (the header X-Strada-Document-Kind).");
  if (!kind) {
    return tl::unexpected(kind.error());
  }
  if (!req.query.empty()) {
    return unknownParam(req.query.front().first);
  }
  return std::tuple(std::string(req.param("id")),
                    cases::DocumentUpload{std::move(*title), std::move(*kind), req.body});
}

// The reference "<case id>/<document id>" of the route's two ids.
domain::Result<std::string> documentParam(const http::Request& req) {
  return cases::documentRef(std::string(req.param("id")), std::string(req.param("document_id")));
}

}  // namespace

void registerCaseAttachmentRoutes(RouteTable& routes) {
  using policy::Permission;
  const std::string documents = "/api/v1/cases/{id}/documents";
  const std::string one = documents + "/{document_id}";
  routes.uploadRoute("POST", documents, Permission::kCaseUpdate, cases::kMaxDocumentBytes,
                     decodeUpload, cases::uploadDocument, encodeUploaded);
  routes.route("GET", documents, Permission::kCaseRead, idParam, cases::listDocuments,
               encodeDocuments);
  routes.route("GET", one + "/content", Permission::kCaseRead, documentParam,
               cases::downloadDocument, encodeContent);
  routes.route("DELETE", one, Permission::kCaseDocumentWithdraw, documentParam,
               cases::withdrawDocument, encodeWithdrawn);
}

json::object sections::documents(const cases::DocumentList& list) { return encodeDocuments(list); }

}  // namespace strada::api
