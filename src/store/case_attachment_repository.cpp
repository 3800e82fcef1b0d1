#include "store/case_attachment_repository.h"

#include <soci/soci.h>

#include "store/guarded.h"
#include "store/sql_errors.h"
#include "store/statements.h"

namespace strada::store {

using detail::guarded;

namespace {

// The bytes of `hex`, a sealed column's text; Internal naming `column` when it is not hex.
domain::Result<std::string> sealedBytes(const std::string& hex, std::string_view column) {
  auto bytes = detail::fromHex(hex);
  if (!bytes) {
    return domain::internalError(std::string(column) + " is not hex");
  }
  return std::move(*bytes);
}

}  // namespace

domain::Status insertAttachment(WriteContext& w, const AttachmentRow& r,
                                const std::string& content_sealed) {
  return guarded("insert document", [&]() -> domain::Status {
    detail::insertRow(w.sql(), "case_attachments",
                      "id, case_id, kind, media_type, byte_size, title_sealed, uploaded_by, "
                      "uploaded_at",
                      r.id, r.case_id, r.kind, r.media_type, r.byte_size,
                      detail::toHex(r.title_sealed), r.uploaded_by, r.uploaded_at);
    detail::insertRow(w.sql(), "case_attachment_contents", "attachment_id, content_sealed", r.id,
                      detail::toHex(content_sealed));
    return {};
  });
}

domain::Result<std::vector<AttachmentRow>> listAttachments(soci::session& sql,
                                                           const std::string& case_id) {
  return guarded("list documents", [&]() -> domain::Result<std::vector<AttachmentRow>> {
    soci::statement st(sql);
    AttachmentRow r;
    long long size = 0, uploaded_at = 0, withdrawn_at = 0;
    std::string title_hex;
    detail::intoEach(st, r.id, r.case_id, r.kind, r.media_type, size, title_hex, r.uploaded_by,
                     uploaded_at, r.withdrawn_by, withdrawn_at);
    detail::useEach(st, case_id);
    detail::prepareAndExecute(
        st,
        "SELECT id, case_id, kind, media_type, byte_size, title_sealed, uploaded_by, uploaded_at, "
        "withdrawn_by, withdrawn_at FROM case_attachments WHERE case_id = :c "
        "ORDER BY uploaded_at DESC, id");
    return detail::collectCheckedRows(st, [&]() -> domain::Result<AttachmentRow> {
      return sealedBytes(title_hex, "case_attachments.title_sealed").map([&](std::string title) {
        r.title_sealed = std::move(title);
        r.byte_size = size;
        r.uploaded_at = uploaded_at;
        r.withdrawn_at = withdrawn_at;
        return r;
      });
    });
  });
}

domain::Result<std::optional<std::string>> findAttachmentContent(soci::session& sql,
                                                                 const std::string& case_id,
                                                                 const std::string& id) {
  return guarded("read document", [&]() -> domain::Result<std::optional<std::string>> {
    std::string content_hex;
    soci::statement st(sql);
    detail::intoEach(st, content_hex);
    detail::useEach(st, id, case_id);
    detail::prepareAndExecute(st,
                              "SELECT c.content_sealed FROM case_attachment_contents c "
                              "JOIN case_attachments a ON a.id = c.attachment_id "
                              "WHERE a.id = :i AND a.case_id = :c");
    if (!st.fetch()) {
      return std::nullopt;
    }
    return sealedBytes(content_hex, "case_attachment_contents.content_sealed")
        .map([](std::string bytes) { return std::optional<std::string>(std::move(bytes)); });
  });
}

domain::Status withdrawAttachment(WriteContext& w, const std::string& case_id,
                                  const std::string& id, const std::string& by) {
  return guarded("withdraw document", [&]() -> domain::Status {
    long long withdrawn_at = -1;
    soci::indicator found = soci::i_null;
    w.sql() << "SELECT withdrawn_at FROM case_attachments WHERE id = :i AND case_id = :c",
        soci::into(withdrawn_at, found), soci::use(id), soci::use(case_id);
    if (!w.sql().got_data()) {
      return domain::fail(domain::ErrorCode::kNotFound, "This case has no such document.",
                          "document_id");
    }
    if (withdrawn_at != 0) {
      return domain::fail(domain::ErrorCode::kConflict,
                          "This document was withdrawn already: there is nothing left to remove.",
                          "document_id");
    }
    const long long now = w.now();
    w.sql() << "UPDATE case_attachments SET withdrawn_by = :b, withdrawn_at = :t WHERE id = :i",
        soci::use(by), soci::use(now), soci::use(id);
    w.sql() << "DELETE FROM case_attachment_contents WHERE attachment_id = :i", soci::use(id);
    return {};
  });
}

}  // namespace strada::store
