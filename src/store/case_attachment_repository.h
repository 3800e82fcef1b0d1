// Documents attached to a case (cases/case_attachments.h): what a list shows, and the content
// apart. The title and the content are sealed under the key of the case's client (opaque bytes
// here, hex in the database).
//
// Errors: NotFound when a document is not the case's (or its content was deleted); Conflict when
// it was withdrawn already; Internal for anything else (the database's text in `detail` only).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/error.h"
#include "store/database.h"

namespace soci {
class session;
}

namespace strada::store {

struct AttachmentRow {
  std::string id;
  std::string case_id;
  std::string kind;        // document_kind
  std::string media_type;  // what the content was recognised as
  std::int64_t byte_size = 0;
  std::string title_sealed;  // opaque bytes
  std::string uploaded_by;
  std::int64_t uploaded_at = 0;
  std::string withdrawn_by;  // "" while it is on the case
  std::int64_t withdrawn_at = 0;
};

// Inserts the document `row` and its sealed content.
[[nodiscard]] domain::Status insertAttachment(WriteContext& w, const AttachmentRow& row,
                                              const std::string& content_sealed);
// The case's documents, withdrawn ones included, newest first.
[[nodiscard]] domain::Result<std::vector<AttachmentRow>> listAttachments(
    soci::session& sql, const std::string& case_id);
// The sealed content of the case's document `id`; nothing when there is none (withdrawn).
[[nodiscard]] domain::Result<std::optional<std::string>> findAttachmentContent(
    soci::session& sql, const std::string& case_id, const std::string& id);
// Marks the case's document `id` withdrawn by `by` at w.now() and deletes its content. NotFound
// when the case has no such document; Conflict when it was withdrawn already.
[[nodiscard]] domain::Status withdrawAttachment(WriteContext& w, const std::string& case_id,
                                                const std::string& id, const std::string& by);

}  // namespace strada::store
