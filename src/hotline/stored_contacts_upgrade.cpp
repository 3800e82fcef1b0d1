#include "hotline/stored_contacts_upgrade.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "hotline/contact_records.h"
#include "store/async.h"
#include "store/repositories.h"
#include "store/stored_contacts_upgrade.h"

namespace strada::hotline {
namespace {

constexpr int kBatchContacts = 500;

using RegionOf = std::map<std::string, std::string, std::less<>>;  // org id -> country

awaitable<Result<RegionOf>> loadRegions(Context ctx) {
  auto job = [](soci::session& sql) { return store::listOrganisations(sql); };
  auto orgs =
      co_await store::awaitRead<Result<std::vector<domain::Organisation>>>(ctx.db, std::move(job));
  if (!orgs) {
    co_return tl::unexpected(orgs.error());
  }
  RegionOf out;
  for (auto& org : *orgs) {
    out.emplace(std::move(org.id), std::move(org.country));
  }
  co_return out;
}

// What changes for one stored contact; nullopt when nothing does.
Result<std::optional<store::CallerRecordUpgrade>> upgradeOf(const vault::Vault& vault,
                                                            const RegionOf& regions,
                                                            const store::StoredCallerRecord& r) {
  store::CallerRecordUpgrade u{r.id, r.org_id, r.caller_hash, r.caller_hash, std::nullopt};
  if (!r.caller_sealed.empty()) {
    auto identifier = vault.open({vault::SealedField::kContactCaller, r.id}, r.caller_sealed);
    if (!identifier) {
      return tl::unexpected(identifier.error());
    }
    const auto region = regions.find(r.org_id);
    u.new_hash =
        callerIndex(vault, r.org_id, region == regions.end() ? "" : region->second, *identifier);
  }
  if (!r.caller_region.empty()) {
    u.region_sealed = vault.seal({vault::SealedField::kContactRegion, r.id}, r.caller_region);
  }
  if (u.new_hash == u.old_hash && !u.region_sealed) {
    return std::nullopt;
  }
  return std::optional<store::CallerRecordUpgrade>(std::move(u));
}

}  // namespace

awaitable<Result<std::int64_t>> upgradeStoredContacts(Context ctx) {
  auto check = [](soci::session& sql) {
    return store::isDataMigrationDone(sql, kCallerRecordsStep);
  };
  auto done = co_await store::awaitRead<Result<bool>>(ctx.db, std::move(check));
  if (!done) {
    co_return tl::unexpected(done.error());
  }
  if (*done) {
    co_return 0;
  }
  auto regions = co_await loadRegions(ctx);
  if (!regions) {
    co_return tl::unexpected(regions.error());
  }
  std::int64_t changed = 0;
  std::string after;
  bool last = false;
  while (!last) {
    auto list = [after](soci::session& sql) {
      return store::listStoredCallerRecords(sql, after, kBatchContacts);
    };
    auto batch = co_await store::awaitRead<Result<std::vector<store::StoredCallerRecord>>>(
        ctx.db, std::move(list));
    if (!batch) {
      co_return tl::unexpected(batch.error());
    }
    last = batch->size() < static_cast<std::size_t>(kBatchContacts);
    std::vector<store::CallerRecordUpgrade> upgrades;
    for (const auto& record : *batch) {
      auto upgrade = upgradeOf(ctx.vault, *regions, record);
      if (!upgrade) {
        co_return tl::unexpected(upgrade.error());
      }
      if (*upgrade) {
        upgrades.push_back(std::move(**upgrade));
      }
    }
    if (!batch->empty()) {
      after = batch->back().id;
    }
    changed += static_cast<std::int64_t>(upgrades.size());
    store::WriteJob write = [upgrades = std::move(upgrades), last,
                             entry = audit::AuditEntry{"", "", audit::AuditAction::kContactUpgrade,
                                                       "rows:" + std::to_string(changed), ""}](
                                store::WriteContext& w) -> domain::Status {
      if (auto s = store::applyCallerRecordUpgrades(w, upgrades); !s || !last) {
        return s;
      }
      if (auto s = store::recordDataMigration(w, kCallerRecordsStep); !s) {
        return s;
      }
      return w.audit(entry);
    };
    if (auto s = co_await store::awaitWrite(ctx.db, std::move(write)); !s) {
      co_return tl::unexpected(s.error());
    }
  }
  co_return changed;
}

}  // namespace strada::hotline
