// The partner-agency repository, on the backend named by STRADA_TEST_BACKEND.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <optional>
#include <string>
#include <utility>

#include "store/agency_repository.h"
#include "store/repositories.h"
#include "support/test_db.h"

namespace strada::store {
namespace {

domain::Organisation org(const std::string& id, const std::string& code) {
  domain::Organisation o;
  o.id = id;
  o.code = code;
  o.name = "Hotline " + code;
  o.country = "NL";
  o.created_at = 1700000000000;
  return o;
}

// Ids sort as given; the store does not care about their shape.
AgencyRow agency(const std::string& id, const std::string& org_id, const std::string& name) {
  AgencyRow row;
  domain::Agency& a = row.agency;
  a.id = id;
  a.org_id = org_id;
  a.data.name = name;
  a.data.type = "ngo";
  a.data.country = "NL";
  a.data.city = "Amsterdam";
  a.data.phone = "+31 20 555 0100";
  a.data.email = "desk@example.org";
  a.data.website = "https://example.org";
  a.data.languages = {"nl", "en"};
  a.data.services = {"legal_aid", "shelter"};
  a.data.notes = "Open on weekdays.";
  a.updated_at = 1700000000000;
  a.updated_by = "user-a";
  a.version = 1;
  row.address_sealed = std::string(
      "\x01sealed\x00"
      "bytes",
      13);  // a NUL inside
  return row;
}

template <class Fn>
auto onReader(Database& db, Fn fn) {
  std::optional<decltype(fn(std::declval<soci::session&>()))> out;
  db.read([&](soci::session& sql) { out.emplace(fn(sql)); });
  return std::move(*out);
}

class AgencyRepositoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(db().write([](WriteContext& w) -> domain::Status {
      if (auto s = insertOrganisation(w, org("org-a", "LS-NL")); !s) {
        return s;
      }
      return insertOrganisation(w, org("org-b", "LS-BE"));
    }));
  }

  Database& db() { return t_.db(); }

  void insert(const AgencyRow& row) {
    auto s = db().write([&](WriteContext& w) { return insertAgency(w, row); });
    ASSERT_TRUE(s) << s.error().detail;
  }

  std::vector<std::string> names(const AgencyQuery& q) {
    auto rows = onReader(db(), [&](soci::session& s) { return listAgencies(s, q); });
    EXPECT_TRUE(rows) << rows.error().detail;
    std::vector<std::string> out;
    if (rows) {
      for (const auto& r : *rows) {
        out.push_back(r.agency.data.name);
      }
    }
    return out;
  }

  testing::TestDatabase t_;
};

TEST_F(AgencyRepositoryTest, InsertThenFindEveryField) {
  AgencyRow row = agency("ag-1", "org-a", "Legal Aid Desk");
  row.agency.data.address_confidential = true;
  insert(row);
  auto found = onReader(db(), [](soci::session& s) { return findAgency(s, "ag-1"); });
  ASSERT_TRUE(found) << found.error().detail;
  ASSERT_TRUE(found->has_value());
  const AgencyRow& got = **found;
  EXPECT_EQ(got.agency.id, "ag-1");
  EXPECT_EQ(got.agency.org_id, "org-a");
  EXPECT_EQ(got.agency.data.name, "Legal Aid Desk");
  EXPECT_EQ(got.agency.data.type, "ngo");
  EXPECT_EQ(got.agency.data.country, "NL");
  EXPECT_EQ(got.agency.data.city, "Amsterdam");
  EXPECT_EQ(got.agency.data.phone, "+31 20 555 0100");
  EXPECT_EQ(got.agency.data.email, "desk@example.org");
  EXPECT_EQ(got.agency.data.website, "https://example.org");
  EXPECT_EQ(got.agency.data.languages, (std::vector<std::string>{"nl", "en"}));
  EXPECT_EQ(got.agency.data.services, (std::vector<std::string>{"legal_aid", "shelter"}));
  EXPECT_EQ(got.agency.data.notes, "Open on weekdays.");
  EXPECT_TRUE(got.agency.data.address_confidential);
  EXPECT_TRUE(got.agency.active);
  EXPECT_EQ(got.agency.updated_at, 1700000000000);
  EXPECT_EQ(got.agency.updated_by, "user-a");
  EXPECT_EQ(got.agency.version, 1);
  EXPECT_EQ(got.address_sealed, row.address_sealed);  // binary bytes, NUL included
  EXPECT_TRUE(got.agency.data.address.empty());

  auto missing = onReader(db(), [](soci::session& s) { return findAgency(s, "nope"); });
  ASSERT_TRUE(missing);
  EXPECT_FALSE(missing->has_value());

  auto twice = db().write([&](WriteContext& w) { return insertAgency(w, row); });
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, domain::ErrorCode::kConflict);
}

TEST_F(AgencyRepositoryTest, UpdateChecksTheVersion) {
  insert(agency("ag-1", "org-a", "Old name"));
  AgencyRow changed = agency("ag-1", "org-a", "New name");
  changed.agency.data.services = {"medical_care"};
  changed.agency.updated_by = "user-b";
  changed.address_sealed.clear();
  auto ok = db().write([&](WriteContext& w) { return updateAgency(w, changed, 1); });
  ASSERT_TRUE(ok) << ok.error().detail;
  auto found = onReader(db(), [](soci::session& s) { return findAgency(s, "ag-1"); });
  ASSERT_TRUE(found && found->has_value());
  EXPECT_EQ((*found)->agency.data.name, "New name");
  EXPECT_EQ((*found)->agency.data.services, (std::vector<std::string>{"medical_care"}));
  EXPECT_EQ((*found)->agency.updated_by, "user-b");
  EXPECT_EQ((*found)->agency.version, 2);
  EXPECT_TRUE((*found)->address_sealed.empty());

  // Stale: the version is 2 now.
  changed.agency.data.name = "Stale name";
  auto stale = db().write([&](WriteContext& w) { return updateAgency(w, changed, 1); });
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, domain::ErrorCode::kConflict);
  EXPECT_EQ(stale.error().field, "version");

  // Another organisation's agency, or none: NotFound.
  AgencyRow other = changed;
  other.agency.org_id = "org-b";
  auto wrong_org = db().write([&](WriteContext& w) { return updateAgency(w, other, 2); });
  ASSERT_FALSE(wrong_org);
  EXPECT_EQ(wrong_org.error().code, domain::ErrorCode::kNotFound);
  other = agency("ag-none", "org-a", "x");
  auto none = db().write([&](WriteContext& w) { return updateAgency(w, other, 1); });
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code, domain::ErrorCode::kNotFound);

  auto after = onReader(db(), [](soci::session& s) { return findAgency(s, "ag-1"); });
  ASSERT_TRUE(after && after->has_value());
  EXPECT_EQ((*after)->agency.data.name, "New name");
  EXPECT_EQ((*after)->agency.version, 2);
}

TEST_F(AgencyRepositoryTest, DeactivateHidesFromListsOnly) {
  insert(agency("ag-1", "org-a", "Alpha"));
  insert(agency("ag-2", "org-a", "Beta"));
  std::int32_t version = 0;
  auto s = db().write([&](WriteContext& w) -> domain::Status {
    auto v = deactivateAgency(w, "org-a", "ag-1", "user-z");
    if (!v) {
      return tl::unexpected(v.error());
    }
    version = *v;
    return {};
  });
  ASSERT_TRUE(s) << s.error().detail;
  EXPECT_EQ(version, 2);
  AgencyQuery q;
  q.org_id = "org-a";
  EXPECT_EQ(names(q), (std::vector<std::string>{"Beta"}));
  q.include_inactive = true;
  EXPECT_EQ(names(q), (std::vector<std::string>{"Alpha", "Beta"}));
  auto found = onReader(db(), [](soci::session& sql) { return findAgency(sql, "ag-1"); });
  ASSERT_TRUE(found && found->has_value());
  EXPECT_FALSE((*found)->agency.active);
  EXPECT_EQ((*found)->agency.updated_by, "user-z");

  auto other_org = db().write([](WriteContext& w) -> domain::Status {
    auto v = deactivateAgency(w, "org-b", "ag-2", "user-z");
    if (!v) {
      return tl::unexpected(v.error());
    }
    return {};
  });
  ASSERT_FALSE(other_org);
  EXPECT_EQ(other_org.error().code, domain::ErrorCode::kNotFound);
}

TEST_F(AgencyRepositoryTest, ListFiltersByNameTypeCountryCityAndService) {
  AgencyRow a = agency("ag-1", "org-a", "Shelter North");
  a.agency.data.type = "shelter";
  a.agency.data.services = {"shelter"};
  a.agency.data.city = "Groningen";
  insert(a);
  AgencyRow b = agency("ag-2", "org-a", "Legal 100% Desk_One");
  b.agency.data.type = "legal_service";
  b.agency.data.services = {"legal_aid"};
  insert(b);
  AgencyRow c = agency("ag-3", "org-a", "Police Unit");
  c.agency.data.type = "police";
  c.agency.data.country = "BE";
  c.agency.data.services = {"investigation", "identification"};
  insert(c);
  insert(agency("ag-4", "org-b", "Shelter of another org"));

  AgencyQuery q;
  q.org_id = "org-a";
  EXPECT_EQ(names(q),
            (std::vector<std::string>{"Legal 100% Desk_One", "Police Unit", "Shelter North"}));
  q.name_contains = "SHELTER";
  EXPECT_EQ(names(q), (std::vector<std::string>{"Shelter North"}));
  // LIKE wildcards in the search are literal.
  q.name_contains = "%";
  EXPECT_EQ(names(q), (std::vector<std::string>{"Legal 100% Desk_One"}));
  q.name_contains = "_";
  EXPECT_EQ(names(q), (std::vector<std::string>{"Legal 100% Desk_One"}));
  q.name_contains = "l_gal";
  EXPECT_TRUE(names(q).empty());
  q.name_contains = "!";
  EXPECT_TRUE(names(q).empty());
  q.name_contains.clear();
  q.type = "police";
  EXPECT_EQ(names(q), (std::vector<std::string>{"Police Unit"}));
  q.type.clear();
  q.country = "NL";
  EXPECT_EQ(names(q), (std::vector<std::string>{"Legal 100% Desk_One", "Shelter North"}));
  q.country.clear();
  q.city = "groningen";
  EXPECT_EQ(names(q), (std::vector<std::string>{"Shelter North"}));
  q.city.clear();
  q.service = "identification";
  EXPECT_EQ(names(q), (std::vector<std::string>{"Police Unit"}));
  q.service = "legal_aid";
  EXPECT_EQ(names(q), (std::vector<std::string>{"Legal 100% Desk_One"}));
  q.service = "legal";  // a whole code only
  EXPECT_TRUE(names(q).empty());
}

TEST_F(AgencyRepositoryTest, ListPagesByNameThenIdAndBlanksConfidentialAddresses) {
  for (int i = 0; i < 5; ++i) {
    AgencyRow row =
        agency("ag-" + std::to_string(i), "org-a", i < 2 ? "Same" : "Z" + std::to_string(i));
    row.agency.data.address_confidential = i % 2 == 0;
    insert(row);
  }
  AgencyQuery q;
  q.org_id = "org-a";
  q.limit = 2;
  std::vector<std::string> ids;
  for (int page = 0; page < 4; ++page) {
    auto rows = onReader(db(), [&](soci::session& s) { return listAgencies(s, q); });
    ASSERT_TRUE(rows) << rows.error().detail;
    for (const auto& r : *rows) {
      ids.push_back(r.agency.id);
      if (r.agency.data.address_confidential) {
        EXPECT_TRUE(r.address_sealed.empty()) << r.agency.id;
      } else {
        EXPECT_FALSE(r.address_sealed.empty()) << r.agency.id;
      }
    }
    if (rows->size() < 2) {
      break;
    }
    q.after = AgencyCursor{rows->back().agency.data.name, rows->back().agency.id};
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"ag-0", "ag-1", "ag-2", "ag-3", "ag-4"}));
}

}  // namespace
}  // namespace strada::store
