#include "hotline/knowledge.h"

#include <limits>
#include <memory>
#include <utility>

#include "crypto/crypto.h"
#include "domain/codes.h"
#include "domain/ids.h"
#include "hotline/use_case_steps.h"

namespace strada::hotline {
namespace {

constexpr std::size_t kMaxQueryBytes = 400;

domain::Error articleNotFound() {
  return domain::Error{domain::ErrorCode::kNotFound, "No such article.", "", ""};
}

domain::Status validateQuery(const KnowledgeQuery& q) {
  if (q.text && q.text->size() > kMaxQueryBytes) {
    return domain::invalidField("q", "The search text is too long: use a few words.");
  }
  const store::KnowledgeFilter& f = q.filter;
  if (!f.country.empty() && !domain::countryCodes().contains(f.country)) {
    return domain::invalidField("country", "Use an ISO 3166-1 two-letter country code.");
  }
  if (!f.kind.empty() && !domain::isKnowledgeKind(f.kind)) {
    return domain::invalidField("kind", "Use country_sheet, safety_tip or useful_numbers.");
  }
  if (!f.language.empty() && !domain::languageCodes().contains(f.language)) {
    return domain::invalidField("language", "Use an ISO 639-1 two-letter language code.");
  }
  return {};
}

}  // namespace

awaitable<Result<KnowledgeResults>> searchKnowledge(Context ctx, Actor actor,
                                                    KnowledgeQuery query) {
  const policy::Principal& who = actor.principal;
  if (auto may = policy::require(who, policy::Permission::kKnowledgeRead); !may) {
    co_return tl::unexpected(may.error());
  }
  if (auto valid = validateQuery(query); !valid) {
    co_return tl::unexpected(valid.error());
  }
  query.filter.org_id = who.org_id;
  // Search text with no letters or digits in it is no search: list instead.
  const bool search = query.text.has_value() && !store::knowledgeSearchWords(*query.text).empty();
  auto job = [q = std::move(query), search](soci::session& sql) {
    return search ? store::searchKnowledge(sql, q.filter, *q.text)
                  : store::listKnowledgeArticles(sql, q.filter);
  };
  auto hits =
      co_await store::awaitRead<Result<std::vector<store::KnowledgeHit>>>(ctx.db, std::move(job));
  if (!hits) {
    co_return tl::unexpected(hits.error());
  }
  co_return KnowledgeResults{std::move(*hits), search};
}

awaitable<Result<domain::KnowledgeArticle>> readArticle(Context ctx, Actor actor, std::string id) {
  const policy::Principal& who = actor.principal;
  if (auto may = policy::require(who, policy::Permission::kKnowledgeRead); !may) {
    co_return tl::unexpected(may.error());
  }
  if (!domain::isIdShaped(id)) {
    co_return tl::unexpected(articleNotFound());
  }
  auto lookup = [id = std::move(id)](soci::session& sql) {
    return store::findKnowledgeArticle(sql, id);
  };
  domain::Error missing = articleNotFound();
  auto found = co_await readOne(ctx, std::move(lookup), std::move(missing));
  if (found && !policy::requireSameOrganisation(who, found->org_id)) {
    co_return tl::unexpected(articleNotFound());
  }
  co_return found;
}

awaitable<Result<domain::KnowledgeArticle>> createArticle(Context ctx, Actor actor,
                                                          domain::KnowledgeInput input) {
  const policy::Principal& who = actor.principal;
  if (auto may = policy::require(who, policy::Permission::kKnowledgeEdit); !may) {
    co_return tl::unexpected(may.error());
  }
  if (auto valid = domain::validateKnowledge(input); !valid) {
    co_return tl::unexpected(valid.error());
  }
  domain::KnowledgeArticle a;
  a.id = crypto::newId();
  a.org_id = who.org_id;
  a.data = std::move(input);
  a.updated_at = ctx.clock();
  a.updated_by = who.user_id;
  a.version = 1;
  auto insert = [a](store::WriteContext& w) { return store::insertKnowledgeArticle(w, a); };
  auto entry = actor.entry(AuditAction::kKnowledgeCreate, a.id);
  if (auto written = co_await writeAudited(ctx, std::move(insert), std::move(entry)); !written) {
    co_return tl::unexpected(written.error());
  }
  co_return a;
}

awaitable<Result<domain::KnowledgeArticle>> updateArticle(Context ctx, Actor actor, std::string id,
                                                          domain::KnowledgeInput input,
                                                          std::int32_t expected_version) {
  const policy::Principal& who = actor.principal;
  if (auto may = policy::require(who, policy::Permission::kKnowledgeEdit); !may) {
    co_return tl::unexpected(may.error());
  }
  if (!domain::isIdShaped(id)) {
    co_return tl::unexpected(articleNotFound());
  }
  if (auto valid = domain::validateKnowledge(input); !valid) {
    co_return tl::unexpected(valid.error());
  }
  if (expected_version == std::numeric_limits<std::int32_t>::max()) {
    co_return domain::fail(domain::ErrorCode::kConflict,
                           "Someone else changed this article. Reload it and apply your change "
                           "again.",
                           "version", "version at maximum");
  }
  domain::KnowledgeArticle a;
  a.id = std::move(id);
  a.org_id = who.org_id;  // the update matches this organisation's article only
  a.data = std::move(input);
  a.updated_at = ctx.clock();
  a.updated_by = who.user_id;
  a.version = expected_version + 1;
  auto update = [a, expected_version](store::WriteContext& w) {
    return store::updateKnowledgeArticle(w, a, expected_version);
  };
  auto entry = actor.entry(AuditAction::kKnowledgeUpdate, a.id);
  if (auto written = co_await writeAudited(ctx, std::move(update), std::move(entry)); !written) {
    co_return tl::unexpected(written.error());
  }
  co_return a;
}

awaitable<domain::Status> deleteArticle(Context ctx, Actor actor, std::string id) {
  ChangeById how{policy::Permission::kKnowledgeEdit, AuditAction::kKnowledgeDelete,
                 articleNotFound()};
  co_return co_await changeById(ctx, std::move(actor), std::move(how), std::move(id),
                                store::deleteKnowledgeArticle);
}

awaitable<Result<std::int32_t>> refreshKnowledgeIndex(Context ctx) {
  auto refreshed = std::make_shared<std::int32_t>(0);
  store::WriteJob refresh = [refreshed](store::WriteContext& w) -> domain::Status {
    auto n = store::refreshKnowledgeCountryNames(w);
    if (!n) {
      return tl::unexpected(n.error());
    }
    *refreshed = *n;
    return {};
  };
  if (auto status = co_await store::awaitWrite(ctx.db, std::move(refresh)); !status) {
    co_return tl::unexpected(status.error());
  }
  co_return *refreshed;
}

}  // namespace strada::hotline
