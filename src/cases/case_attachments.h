// Use cases of the documents attached to a case (a scanned passport, a medical report, a signed
// consent form). The title and the content are sealed under the key of the case's client, so
// erasing the person leaves them unreadable; the kind, the media type and the size are in the
// clear. The content's type is recognised from its bytes (domain/document_type.h), never from its
// name. Served to the case's team only (requireCaseWorkable: never a data officer); a supervisor
// may withdraw one, which deletes its content. Every list, upload, download and withdrawal is
// audited on the case; uploads and withdrawals show in the case's timeline.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "cases/case_entries.h"
#include "store/case_attachment_repository.h"

namespace strada::cases {

// The largest document a case takes, in bytes (the upload route's body limit).
inline constexpr std::size_t kMaxDocumentBytes = std::size_t{10} * 1024 * 1024;

struct DocumentUpload {
  std::string title;    // 1 to 200 characters
  std::string kind;     // a document_kind code
  std::string content;  // the file's bytes
};

// One document, its title opened ("" and `readable` false where the person was erased).
struct AttachedDocument {
  bool readable = false;
  std::string title;
  store::AttachmentRow row;
};
// The documents, the names of the users they name, and the largest upload.
struct DocumentList {
  std::size_t max_bytes = kMaxDocumentBytes;
  std::vector<AttachedDocument> items;
  std::map<std::string, std::string> names;
};

// A document's content as downloaded.
struct DocumentContent {
  std::string media_type;
  std::string bytes;
};

// The kind of entry the entry machinery (case_entry_steps.h) reads and writes back.
struct Attachments {
  using Input = DocumentUpload;
  using Row = store::AttachmentRow;
  static const EntryKind<Attachments> kKind;  // case_attachments.cpp
};

// A document of a case: "<case id>/<document id>" (the route's two ids, one record reference).
std::string documentRef(const std::string& case_id, const std::string& document_id);

// kCaseRead with requireCaseWorkable; case_document.list.
[[nodiscard]] boost::asio::awaitable<domain::Result<DocumentList>> listDocuments(
    Context ctx, Actor actor, std::string case_id);
// kCaseUpdate with requireCaseWorkable; UnsupportedMediaType on "content" for a type not taken,
// InvalidArgument on "content" when empty, PayloadTooLarge past kMaxDocumentBytes, Conflict when
// the person was erased; case_document.upload. Returns the new document alone.
[[nodiscard]] boost::asio::awaitable<domain::Result<DocumentList>> uploadDocument(
    Context ctx, Actor actor, std::string case_id, DocumentUpload upload);
// kCaseRead with requireCaseWorkable: the content of the document `ref`; Gone when it was
// withdrawn or the person erased; case_document.download.
[[nodiscard]] boost::asio::awaitable<domain::Result<DocumentContent>> downloadDocument(
    Context ctx, Actor actor, std::string ref);
// kCaseDocumentWithdraw (supervisors) with requireCaseWorkable: the document `ref` withdrawn and
// its content deleted; case_document.withdraw. Returns the document alone.
[[nodiscard]] boost::asio::awaitable<domain::Result<DocumentList>> withdrawDocument(
    Context ctx, Actor actor, std::string ref);

}  // namespace strada::cases
