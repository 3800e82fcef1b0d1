#include "hotline/contact_import.h"

#include <map>
#include <string>
#include <utility>

#include "domain/codes.h"
#include "hotline/contact_records.h"
#include "store/async.h"

namespace strada::hotline {

boost::asio::awaitable<domain::Status> importContacts(Context ctx,
                                                      std::vector<domain::Contact> contacts,
                                                      bool count_in_stats) {
  const domain::UnixMillis now = ctx.clock();
  std::map<std::string, std::string> region_of;  // organisation id -> country, read once each
  std::vector<store::ContactRow> rows;
  rows.reserve(contacts.size());
  for (std::size_t i = 0; i < contacts.size(); ++i) {
    domain::Contact& c = contacts[i];
    if (auto valid = domain::validateContact(c.data, now); !valid) {
      domain::Error e = valid.error();
      e.detail = "imported contact " + std::to_string(i);
      co_return tl::unexpected(std::move(e));
    }
    c.version = 1;
    c.code_version = std::string(domain::codesVersion());
    auto known = region_of.find(c.org_id);
    if (known == region_of.end()) {
      auto region = co_await organisationCountry(ctx, c.org_id);
      if (!region) {
        co_return tl::unexpected(region.error());
      }
      known = region_of.emplace(c.org_id, std::move(*region)).first;
    }
    rows.push_back(sealContact(ctx.vault, std::move(c), known->second));
  }
  store::WriteJob insert = [rows = std::move(rows), count_in_stats](store::WriteContext& w) {
    for (const auto& row : rows) {
      if (auto s = store::insertContact(w, row, count_in_stats); !s) {
        return s;
      }
      const domain::Contact& c = row.contact;
      if (auto s = w.audit(audit::AuditEntry{c.created_by, c.org_id,
                                             audit::AuditAction::kContactCreate, c.id, ""});
          !s) {
        return s;
      }
    }
    return domain::Status{};
  };
  co_return co_await store::awaitWrite(ctx.db, std::move(insert));
}

}  // namespace strada::hotline
