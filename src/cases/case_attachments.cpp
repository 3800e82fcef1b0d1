// A case's documents (case_attachments.h), read and written through the entry machinery
// (case_entry_steps.h); the title and the content sealed under the key of the case's client.
#include "cases/case_attachments.h"

#include <optional>
#include <utility>

#include "cases/case_documents.h"
#include "cases/case_entry_steps.h"
#include "cases/case_records.h"
#include "crypto/crypto.h"
#include "domain/document_type.h"
#include "domain/encoding.h"
#include "store/async.h"

namespace strada::cases {

using audit::AuditAction;
using boost::asio::awaitable;
using domain::Result;

namespace {

constexpr std::size_t kMaxTitleChars = 200;

// The upload's checks, the content's type last; the media type recognised.
Result<std::string> checkUpload(const DocumentUpload& u) {
  if (!domain::isValidUtf8(u.title) || u.title.find_first_not_of(" \t") == std::string::npos ||
      utf8Length(u.title) > kMaxTitleChars) {
    return domain::invalidField("title", "Give the document a title of 1 to 200 characters.");
  }
  if (!inCodeList("document_kind", u.kind)) {
    return domain::invalidField("kind", "Choose the kind of document from the list offered.");
  }
  if (u.content.empty()) {
    return domain::invalidField("content", "The file is empty. Choose the file again.");
  }
  if (u.content.size() > kMaxDocumentBytes) {
    return domain::fail(domain::ErrorCode::kPayloadTooLarge,
                        "The file is larger than 10 MiB. Scan it at a lower resolution or split "
                        "it, then upload it again.",
                        "content");
  }
  const auto type = domain::recognisedDocumentType(u.content);
  if (!type) {
    return domain::fail(domain::ErrorCode::kUnsupportedMediaType,
                        "This kind of file is not taken. Save it as PDF, JPEG, PNG, OpenDocument "
                        "text or plain text, then upload it again.",
                        "content");
  }
  return std::string(*type);
}

// The case and document ids of `ref` ("<case id>/<document id>").
std::pair<std::string, std::string> splitRef(const std::string& ref) {
  const auto slash = ref.find('/');
  if (slash == std::string::npos) {
    return {ref, ""};
  }
  return {ref.substr(0, slash), ref.substr(slash + 1)};
}

Result<DocumentList> openedList(const Context& ctx, const LoadedCase& loaded,
                                EntryList<Attachments> list) {
  auto key = openingKey(ctx, loaded, policy::CaseAccess::kFull);
  if (!key) {
    return tl::unexpected(key.error());
  }
  DocumentList out;
  out.names = std::move(list.names);
  for (auto& row : list.rows) {
    auto title =
        openText(ctx, *key, {vault::SealedField::kDocumentTitle, row.id}, row.title_sealed);
    if (!title) {
      return tl::unexpected(title.error());
    }
    row.title_sealed.clear();
    const bool readable = key->has_value();
    out.items.push_back({readable, std::move(*title), std::move(row)});
  }
  return out;
}

// The timeline entry of a document's upload or withdrawal (its kind code as the summary).
store::CaseHistoryEntry timelineEntry(const domain::Case& kase, std::string kind,
                                      domain::UnixMillis at, const std::string& by,
                                      std::string document_kind) {
  return {crypto::newId(), kase.id, kase.status, kase.status,
          std::move(kind), at,      by,          std::move(document_kind)};
}

// The document `document_id` among the case's, when it is there (NotFound otherwise).
Result<store::AttachmentRow> findRow(std::vector<store::AttachmentRow>& rows,
                                     const std::string& document_id) {
  for (auto& row : rows) {
    if (row.id == document_id) {
      return std::move(row);
    }
  }
  return domain::fail(domain::ErrorCode::kNotFound,
                      "This case has no such document. Reload the case's documents.",
                      "document_id");
}

// The stored media type and the sealed content of a document that is still on the case: Gone
// when it was withdrawn.
Result<DocumentContent> storedContent(soci::session& sql, const std::string& case_id,
                                      const std::string& document_id) {
  auto rows = store::listAttachments(sql, case_id);
  if (!rows) {
    return tl::unexpected(rows.error());
  }
  auto row = findRow(*rows, document_id);
  if (!row) {
    return tl::unexpected(row.error());
  }
  auto content = store::findAttachmentContent(sql, case_id, document_id);
  if (!content) {
    return tl::unexpected(content.error());
  }
  if (row->withdrawn_at != 0 || !*content) {
    return domain::fail(domain::ErrorCode::kGone,
                        "A supervisor withdrew this document: its content was deleted.",
                        "document_id");
  }
  return DocumentContent{std::move(row->media_type), std::move(**content)};
}

// `change` written with its audit event `action` on the case (writeEntry), then the document
// `id` alone, opened.
awaitable<Result<DocumentList>> writeAndOpen(Context ctx, const Actor& actor,
                                             const LoadedCase& loaded, store::WriteJob change,
                                             AuditAction action, std::string id) {
  auto list = co_await writeEntry<Attachments>(ctx, actor, loaded, std::move(change), action,
                                               std::move(id));
  if (!list) {
    co_return tl::unexpected(list.error());
  }
  co_return openedList(ctx, loaded, std::move(*list));
}

// The case of the document `ref` when the actor holds `permission` and works on the case.
awaitable<Result<LoadedCase>> caseOfDocument(Context ctx, Actor actor, std::string ref,
                                             policy::Permission permission) {
  co_return co_await allowedCase(ctx, actor, splitRef(ref).first, permission, CaseUse::kWork);
}

}  // namespace

// Only read and written back through the machinery: no insert, validation or row of its own.
const EntryKind<Attachments> Attachments::kKind{
    store::listAttachments,           nullptr,   nullptr, nullptr, nullptr, "",
    AuditAction::kCaseDocumentUpload, "document"};

std::string documentRef(const std::string& case_id, const std::string& document_id) {
  return case_id + "/" + document_id;
}

awaitable<Result<DocumentList>> listDocuments(Context ctx, Actor actor, std::string case_id) {
  auto loaded = co_await allowedCase(ctx, actor, std::move(case_id), policy::Permission::kCaseRead,
                                     CaseUse::kWork);
  if (!loaded) {
    co_return tl::unexpected(loaded.error());
  }
  auto list = co_await readEntries<Attachments>(ctx, loaded->kase.org_id, loaded->kase.id);
  if (!list) {
    co_return tl::unexpected(list.error());
  }
  auto entry = actor.entry(AuditAction::kCaseDocumentList, loaded->kase.id);
  if (auto s = co_await hotline::recordAudit(ctx, std::move(entry)); !s) {
    co_return tl::unexpected(s.error());
  }
  co_return openedList(ctx, *loaded, std::move(*list));
}

awaitable<Result<DocumentList>> uploadDocument(Context ctx, Actor actor, std::string case_id,
                                               DocumentUpload upload) {
  auto loaded = co_await allowedCase(ctx, actor, std::move(case_id),
                                     policy::Permission::kCaseUpdate, CaseUse::kWork);
  if (!loaded) {
    co_return tl::unexpected(loaded.error());
  }
  auto media_type = checkUpload(upload);
  if (!media_type) {
    co_return tl::unexpected(media_type.error());
  }
  auto key = sealingKey(ctx, *loaded, "content");
  if (!key) {
    co_return tl::unexpected(key.error());
  }
  store::AttachmentRow row;
  row.id = crypto::newId();
  row.case_id = loaded->kase.id;
  row.kind = upload.kind;
  row.media_type = std::move(*media_type);
  row.byte_size = static_cast<std::int64_t>(upload.content.size());
  row.uploaded_by = actor.principal.user_id;
  row.uploaded_at = ctx.clock();
  row.title_sealed =
      ctx.vault.seal(*key, {vault::SealedField::kDocumentTitle, row.id}, upload.title);
  std::string content =
      ctx.vault.seal(*key, {vault::SealedField::kDocumentContent, row.id}, upload.content);
  upload.content.clear();
  auto history =
      timelineEntry(loaded->kase, "document", row.uploaded_at, row.uploaded_by, row.kind);
  const std::string id = row.id;
  store::WriteJob insert = [row = std::move(row), content = std::move(content),
                            history = std::move(history)](store::WriteContext& w) {
    if (auto s = store::insertAttachment(w, row, content); !s) {
      return s;
    }
    return store::insertCaseHistory(w, history);
  };
  co_return co_await writeAndOpen(ctx, actor, *loaded, std::move(insert),
                                  AuditAction::kCaseDocumentUpload, id);
}

awaitable<Result<DocumentContent>> downloadDocument(Context ctx, Actor actor, std::string ref) {
  const std::string document_id = splitRef(ref).second;
  auto loaded = co_await caseOfDocument(ctx, actor, std::move(ref), policy::Permission::kCaseRead);
  if (!loaded) {
    co_return tl::unexpected(loaded.error());
  }
  auto job = [case_id = loaded->kase.id, document_id](soci::session& sql) {
    return storedContent(sql, case_id, document_id);
  };
  auto sealed = co_await store::awaitRead<Result<DocumentContent>>(ctx.db, std::move(job));
  if (!sealed) {
    co_return tl::unexpected(sealed.error());
  }
  auto key = openingKey(ctx, *loaded, policy::CaseAccess::kFull);
  if (!key) {
    co_return tl::unexpected(key.error());
  }
  if (!*key) {
    co_return domain::fail(domain::ErrorCode::kGone,
                           "This person's data was erased: their documents can no longer be "
                           "opened by anyone.",
                           "document_id");
  }
  auto bytes =
      ctx.vault.open(**key, {vault::SealedField::kDocumentContent, document_id}, sealed->bytes);
  if (!bytes) {
    co_return tl::unexpected(bytes.error());
  }
  auto entry = actor.entry(AuditAction::kCaseDocumentDownload, loaded->kase.id);
  if (auto s = co_await hotline::recordAudit(ctx, std::move(entry)); !s) {
    co_return tl::unexpected(s.error());
  }
  co_return DocumentContent{std::move(sealed->media_type), std::move(*bytes)};
}

awaitable<Result<DocumentList>> withdrawDocument(Context ctx, Actor actor, std::string ref) {
  const std::string document_id = splitRef(ref).second;
  auto loaded = co_await caseOfDocument(ctx, actor, std::move(ref),
                                        policy::Permission::kCaseDocumentWithdraw);
  if (!loaded) {
    co_return tl::unexpected(loaded.error());
  }
  const domain::UnixMillis now = ctx.clock();
  const std::string by = actor.principal.user_id;
  store::WriteJob withdraw = [kase = loaded->kase, document_id, now, by](store::WriteContext& w) {
    if (auto s = store::withdrawAttachment(w, kase.id, document_id, by); !s) {
      return s;
    }
    return store::insertCaseHistory(w, timelineEntry(kase, "document_withdrawal", now, by, ""));
  };
  co_return co_await writeAndOpen(ctx, actor, *loaded, std::move(withdraw),
                                  AuditAction::kCaseDocumentWithdraw, document_id);
}

}  // namespace strada::cases
