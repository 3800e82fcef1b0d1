#include "cases/case_documents.h"

#include <utility>

namespace strada::cases {

using boost::asio::awaitable;
using domain::Result;

awaitable<Result<ReadableCase>> readableCase(Context ctx, const Actor& actor, std::string case_id) {
  auto loaded = co_await allowedCase(ctx, actor, std::move(case_id), policy::Permission::kCaseRead,
                                     CaseUse::kSee);
  if (!loaded) {
    co_return tl::unexpected(loaded.error());
  }
  const policy::CaseAccess access = policy::caseAccess(actor.principal, loaded->facts);
  co_return ReadableCase{std::move(*loaded), access};
}

awaitable<Result<LoadedCase>> workableCase(Context ctx, const Actor& actor, std::string case_id) {
  co_return co_await allowedCase(ctx, actor, std::move(case_id), policy::Permission::kCaseUpdate,
                                 CaseUse::kWork);
}

Result<std::optional<vault::PersonKey>> openingKey(const Context& ctx, const LoadedCase& loaded,
                                                   policy::CaseAccess access) {
  if (access != policy::CaseAccess::kFull || loaded.client.wrapped_key.empty()) {
    return std::optional<vault::PersonKey>();
  }
  auto key = ctx.vault.openPersonKey(loaded.client.client.id, loaded.client.wrapped_key);
  if (!key) {
    return tl::unexpected(key.error());
  }
  return std::optional<vault::PersonKey>(std::move(*key));
}

Result<vault::PersonKey> sealingKey(const Context& ctx, const LoadedCase& loaded,
                                    const std::string& field) {
  if (loaded.client.wrapped_key.empty()) {
    return domain::fail(domain::ErrorCode::kConflict,
                        "This person's data was erased: no text about them can be recorded.",
                        field);
  }
  return ctx.vault.openPersonKey(loaded.client.client.id, loaded.client.wrapped_key);
}

Result<std::string> openText(const Context& ctx, const std::optional<vault::PersonKey>& key,
                             vault::SealTarget target, const std::string& sealed) {
  if (!key || sealed.empty()) {
    return std::string();
  }
  return ctx.vault.open(*key, target, sealed);
}

}  // namespace strada::cases
