// The knowledge repository on the backend named by STRADA_TEST_BACKEND: round trips, optimistic
// versions, organisation scoping, filters, and full-text search (ranking, prefixes, odd input,
// non-ASCII text).
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <algorithm>
#include <optional>
#include <string>
#include <utility>

#include "store/knowledge_repository.h"
#include "store/repositories.h"
#include "support/test_db.h"

namespace strada::store {
namespace {

template <class Fn>
auto onReader(Database& db, Fn fn) {
  std::optional<decltype(fn(std::declval<soci::session&>()))> out;
  db.read([&](soci::session& sql) { out.emplace(fn(sql)); });
  return std::move(*out);
}

domain::Organisation makeOrg(const std::string& id, const std::string& code) {
  domain::Organisation org;
  org.id = id;
  org.code = code;
  org.name = "Hotline " + code;
  org.country = "NL";
  org.languages = {"nl", "en"};
  org.created_at = 1700000000000;
  return org;
}

domain::KnowledgeArticle article(const std::string& id, const std::string& org_id,
                                 const std::string& kind, const std::string& country,
                                 const std::string& language, const std::string& title,
                                 const std::string& body) {
  domain::KnowledgeArticle a;
  a.id = id;
  a.org_id = org_id;
  a.data = {kind, country, language, title, body};
  a.updated_at = 1700000000000;
  a.updated_by = "user-a";
  a.version = 1;
  return a;
}

std::vector<std::string> ids(const std::vector<KnowledgeHit>& hits) {
  std::vector<std::string> out;
  for (const auto& h : hits) {
    out.push_back(h.id);
  }
  return out;
}

class KnowledgeRepositoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(db().write([](WriteContext& w) -> domain::Status {
      for (const auto& org : {makeOrg("org-a", "LS-NL"), makeOrg("org-b", "LS-BE")}) {
        if (auto s = insertOrganisation(w, org); !s) {
          return s;
        }
      }
      return {};
    }));
  }

  void insert(const domain::KnowledgeArticle& a) {
    auto s = db().write([&](WriteContext& w) { return insertKnowledgeArticle(w, a); });
    ASSERT_TRUE(s) << s.error().detail;
  }

  std::vector<KnowledgeHit> search(const std::string& text, KnowledgeFilter f = {}) {
    if (f.org_id.empty()) {
      f.org_id = "org-a";
    }
    auto r = onReader(db(), [&](soci::session& s) { return searchKnowledge(s, f, text); });
    EXPECT_TRUE(r) << r.error().detail;
    return r ? *r : std::vector<KnowledgeHit>{};
  }

  // Six articles in org-a, one in org-b.
  void seed() {
    insert(article("de", "org-a", "country_sheet", "DE", "en", "Germany: working and living",
                   "Emergency number 112. Minimum wage applies to seasonal work in agriculture. "
                   "Your employer may not keep your passport."));
    insert(article("nl", "org-a", "country_sheet", "NL", "en", "Netherlands",
                   "Work in greenhouses and distribution centres. Germany borders the east."));
    insert(article("tip", "org-a", "safety_tip", "", "en", "Before you travel",
                   "Keep a copy of your passport and of your contract with someone you trust."));
    insert(article("uk", "org-a", "country_sheet", "UA", "uk", "Україна: довідка",
                   "Гаряча лінія протидії торгівлі людьми. Паспорт завжди тримайте при собі."));
    insert(article("ro", "org-a", "country_sheet", "RO", "ro", "România: informații",
                   "Muncă sezonieră în agricultură; angajatorul nu are voie să vă rețină "
                   "pașaportul."));
    insert(article("nums", "org-a", "useful_numbers", "", "nl", "Nuttige nummers",
                   "Europees alarmnummer 112."));
    insert(article("other", "org-b", "country_sheet", "DE", "en", "Germany (other org)",
                   "Germany Germany Germany."));
  }

  Database& db() { return t_.db(); }
  testing::TestDatabase t_;
};

TEST_F(KnowledgeRepositoryTest, InsertFindRoundTrip) {
  seed();
  auto found = onReader(db(), [](soci::session& s) { return findKnowledgeArticle(s, "uk"); });
  ASSERT_TRUE(found) << found.error().detail;
  ASSERT_TRUE(found->has_value());
  const auto& a = **found;
  EXPECT_EQ(a.org_id, "org-a");
  EXPECT_EQ(a.data.kind, "country_sheet");
  EXPECT_EQ(a.data.country, "UA");
  EXPECT_EQ(a.data.language, "uk");
  EXPECT_EQ(a.data.title, "Україна: довідка");
  EXPECT_EQ(a.updated_at, 1700000000000);
  EXPECT_EQ(a.updated_by, "user-a");
  EXPECT_EQ(a.version, 1);
  auto missing = onReader(db(), [](soci::session& s) { return findKnowledgeArticle(s, "x"); });
  ASSERT_TRUE(missing);
  EXPECT_FALSE(missing->has_value());
}

TEST_F(KnowledgeRepositoryTest, DuplicateIdIsConflict) {
  seed();
  auto s = db().write([](WriteContext& w) {
    return insertKnowledgeArticle(w, article("de", "org-a", "safety_tip", "", "en", "t", "b"));
  });
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, domain::ErrorCode::kConflict);
}

TEST_F(KnowledgeRepositoryTest, UpdateChecksTheVersionAndReindexes) {
  seed();
  auto changed = article("tip", "org-a", "safety_tip", "", "en", "Before you travel abroad",
                         "Learn the local emergency number: 112 in the whole EU.");
  changed.version = 2;
  changed.updated_by = "user-b";
  auto ok = db().write([&](WriteContext& w) { return updateKnowledgeArticle(w, changed, 1); });
  ASSERT_TRUE(ok) << ok.error().detail;

  // The same edit again was made against version 1: stale.
  auto stale = db().write([&](WriteContext& w) { return updateKnowledgeArticle(w, changed, 1); });
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, domain::ErrorCode::kConflict);
  EXPECT_EQ(stale.error().field, "version");

  // Another organisation's article is not found, whatever the version.
  auto foreign = changed;
  foreign.id = "other";
  auto nf = db().write([&](WriteContext& w) { return updateKnowledgeArticle(w, foreign, 1); });
  ASSERT_FALSE(nf);
  EXPECT_EQ(nf.error().code, domain::ErrorCode::kNotFound);

  auto found = onReader(db(), [](soci::session& s) { return findKnowledgeArticle(s, "tip"); });
  ASSERT_TRUE(found && found->has_value());
  EXPECT_EQ((*found)->version, 2);
  EXPECT_EQ((*found)->updated_by, "user-b");
  EXPECT_EQ((*found)->data.title, "Before you travel abroad");

  // The index follows: the old words are gone, the new ones found.
  EXPECT_TRUE(search("contract").empty());
  EXPECT_EQ(ids(search("local emergency")), std::vector<std::string>{"tip"});
}

TEST_F(KnowledgeRepositoryTest, DeleteIsScopedToTheOrganisation) {
  seed();
  auto foreign =
      db().write([](WriteContext& w) { return deleteKnowledgeArticle(w, "org-b", "de"); });
  ASSERT_FALSE(foreign);
  EXPECT_EQ(foreign.error().code, domain::ErrorCode::kNotFound);
  auto ok = db().write([](WriteContext& w) { return deleteKnowledgeArticle(w, "org-a", "de"); });
  ASSERT_TRUE(ok) << ok.error().detail;
  auto again = db().write([](WriteContext& w) { return deleteKnowledgeArticle(w, "org-a", "de"); });
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, domain::ErrorCode::kNotFound);
  EXPECT_EQ(ids(search("Germany")), std::vector<std::string>{"nl"});
}

TEST_F(KnowledgeRepositoryTest, ListFiltersAndOrders) {
  seed();
  KnowledgeFilter f{"org-a", "", "", "", 50};
  auto all = onReader(db(), [&](soci::session& s) { return listKnowledgeArticles(s, f); });
  ASSERT_TRUE(all) << all.error().detail;
  // By country ("" first), then title.
  EXPECT_EQ(ids(*all), (std::vector<std::string>{"tip", "nums", "de", "nl", "ro", "uk"}));
  EXPECT_TRUE(all->front().snippet.empty());

  f.kind = "country_sheet";
  f.country = "DE";
  auto de = onReader(db(), [&](soci::session& s) { return listKnowledgeArticles(s, f); });
  ASSERT_TRUE(de);
  EXPECT_EQ(ids(*de), std::vector<std::string>{"de"});

  KnowledgeFilter lang{"org-a", "", "", "nl", 50};
  auto nl = onReader(db(), [&](soci::session& s) { return listKnowledgeArticles(s, lang); });
  ASSERT_TRUE(nl);
  EXPECT_EQ(ids(*nl), std::vector<std::string>{"nums"});

  KnowledgeFilter one{"org-a", "", "", "", 2};
  auto two = onReader(db(), [&](soci::session& s) { return listKnowledgeArticles(s, one); });
  ASSERT_TRUE(two);
  EXPECT_EQ(two->size(), 2U);
}

TEST_F(KnowledgeRepositoryTest, SearchRanksTitleMatchesFirstAndStaysInTheOrganisation) {
  seed();
  const auto hits = search("germany");
  // Both org-a articles mention Germany; the one with it in the title comes first. org-b's
  // article (which says it most) is never seen.
  EXPECT_EQ(ids(hits), (std::vector<std::string>{"de", "nl"}));
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].title, "Germany: working and living");
  EXPECT_EQ(hits[0].kind, "country_sheet");
  EXPECT_EQ(hits[0].country, "DE");
  EXPECT_EQ(hits[0].language, "en");
  EXPECT_EQ(hits[0].version, 1);
  // The second hit's snippet marks the matched word.
  EXPECT_NE(hits[1].snippet.find("\x02Germany\x03"), std::string::npos) << hits[1].snippet;

  auto other = search("germany", KnowledgeFilter{"org-b", "", "", "", 20});
  EXPECT_EQ(ids(other), std::vector<std::string>{"other"});
}

TEST_F(KnowledgeRepositoryTest, EveryWordMustMatchAndTheLastIsAPrefix) {
  seed();
  EXPECT_EQ(ids(search("passport employer")), std::vector<std::string>{"de"});
  EXPECT_EQ(ids(search("Germ")), (std::vector<std::string>{"de", "nl"}));
  // A trailing space ends the word: no prefix match.
  EXPECT_TRUE(search("Germ ").empty());
  EXPECT_EQ(ids(search("seasonal agri")), std::vector<std::string>{"de"});
}

TEST_F(KnowledgeRepositoryTest, SearchFilters) {
  seed();
  EXPECT_EQ(ids(search("112", KnowledgeFilter{"org-a", "useful_numbers", "", "", 20})),
            std::vector<std::string>{"nums"});
  EXPECT_EQ(ids(search("112", KnowledgeFilter{"org-a", "", "DE", "", 20})),
            std::vector<std::string>{"de"});
  EXPECT_EQ(ids(search("112", KnowledgeFilter{"org-a", "", "", "nl", 20})),
            std::vector<std::string>{"nums"});
  EXPECT_EQ(search("112").size(), 2U);
}

TEST_F(KnowledgeRepositoryTest, SearchSyntaxInUserTextIsInert) {
  seed();
  for (const std::string odd :
       {"\"a\" OR ( -", "passport\" OR \"x", "NEAR(passport employer)", "pass*port", "' OR 1=1 --",
        "title:Germany", "^Germany", "Germany AND", "\\", "!&|:*()", "   ", "", "'\"'\"'",
        "passport) OR (germany"}) {
    auto f = KnowledgeFilter{"org-a", "", "", "", 20};
    auto r = onReader(db(), [&](soci::session& s) { return searchKnowledge(s, f, odd); });
    ASSERT_TRUE(r) << "input: " << odd << ": " << r.error().detail;
  }
  // Operators are just words: "OR" does not widen the search.
  EXPECT_TRUE(search("passport OR nothingmatches").empty());
  EXPECT_EQ(ids(search("\"passport\" employer(")), std::vector<std::string>{"de"});
  EXPECT_EQ(knowledgeSearchWords("\"a\" OR ( -"), (std::vector<std::string>{"a", "OR"}));
}

TEST_F(KnowledgeRepositoryTest, NonAsciiText) {
  seed();
  EXPECT_EQ(ids(search("паспорт")), std::vector<std::string>{"uk"});
  EXPECT_EQ(ids(search("Паспорт")), std::vector<std::string>{"uk"});  // case folded
  EXPECT_EQ(ids(search("Україна")), std::vector<std::string>{"uk"});
  EXPECT_EQ(ids(search("торгів")), std::vector<std::string>{"uk"});  // prefix
  EXPECT_EQ(ids(search("pașaportul")), std::vector<std::string>{"ro"});
  EXPECT_EQ(ids(search("agricultură")), std::vector<std::string>{"ro"});
  const auto hits = search("România");
  ASSERT_EQ(ids(hits), std::vector<std::string>{"ro"});
}

// A consultant types without accents (or with them where the article has none): both backends
// fold them, in the articles and in the query (SQLite: FTS5 unicode61; PostgreSQL: unaccent,
// migration 0009).
TEST_F(KnowledgeRepositoryTest, AccentsAreFoldedBothWays) {
  seed();
  EXPECT_EQ(ids(search("Romania")), std::vector<std::string>{"ro"});
  EXPECT_EQ(ids(search("romania")), std::vector<std::string>{"ro"});
  EXPECT_EQ(ids(search("pasaportul")), std::vector<std::string>{"ro"});
  EXPECT_EQ(ids(search("agricultura")), std::vector<std::string>{"ro"});
  EXPECT_EQ(ids(search("sezoniera")), std::vector<std::string>{"ro"});
  EXPECT_EQ(ids(search("sezon")), std::vector<std::string>{"ro"});  // a prefix, accent-free
  EXPECT_EQ(ids(search("ROMÂNIA pașaportul")), std::vector<std::string>{"ro"});
  // The snippet shows the article's own spelling, highlighted.
  const auto hits = search("pasaportul");
  ASSERT_EQ(hits.size(), 1U);
  EXPECT_NE(hits[0].snippet.find("\x02pașaportul\x03"), std::string::npos) << hits[0].snippet;
}

// The country of an article is searchable by its name in every UI language (en, nl, ro, bg, ar,
// cs, pl, uk, ru), as the web client labels it, accents folded (migration 0010).
TEST_F(KnowledgeRepositoryTest, CountryNamesInEveryUiLanguageFindTheArticle) {
  seed();
  EXPECT_EQ(ids(search("Duitsland")), std::vector<std::string>{"de"});
  EXPECT_EQ(ids(search("Germania")), std::vector<std::string>{"de"});
  EXPECT_EQ(ids(search("duits")), std::vector<std::string>{"de"});  // a prefix
  EXPECT_EQ(ids(search("Nederland")), std::vector<std::string>{"nl"});
  EXPECT_EQ(ids(search("tarile de jos")), std::vector<std::string>{"nl"});  // Țările de Jos
  EXPECT_EQ(ids(search("Oekraine")), std::vector<std::string>{"uk"});       // Oekraïne
  EXPECT_EQ(ids(search("Ucraina")), std::vector<std::string>{"uk"});
  EXPECT_EQ(ids(search("Roemenië")), std::vector<std::string>{"ro"});
  EXPECT_EQ(ids(search("Roemenie")), std::vector<std::string>{"ro"});
  EXPECT_EQ(ids(search("Duitsland minimum wage")), std::vector<std::string>{"de"});
  EXPECT_EQ(ids(search("Германия")), std::vector<std::string>{"de"});  // Bulgarian and Russian
  EXPECT_EQ(ids(search("ألمانيا")), std::vector<std::string>{"de"});
  EXPECT_EQ(ids(search("Německo")), std::vector<std::string>{"de"});
  EXPECT_EQ(ids(search("Niemcy")), std::vector<std::string>{"de"});
  EXPECT_EQ(ids(search("Україна")), std::vector<std::string>{"uk"});
  // Only the organisation's own articles; a name in another language than the UI's is not known.
  EXPECT_EQ(ids(search("Duitsland", KnowledgeFilter{"org-b", "", "", "", 20})),
            std::vector<std::string>{"other"});
  EXPECT_TRUE(search("Allemagne").empty());

  // The names follow the country when an article changes it.
  auto moved = article("de", "org-a", "country_sheet", "AT", "en", "Germany: working and living",
                       "Emergency number 112.");
  moved.version = 2;
  auto ok = db().write([&](WriteContext& w) { return updateKnowledgeArticle(w, moved, 1); });
  ASSERT_TRUE(ok) << ok.error().detail;
  EXPECT_TRUE(search("Duitsland").empty());
  EXPECT_EQ(ids(search("Oostenrijk")), std::vector<std::string>{"de"});
}

// Articles stored before migration 0010 have no names yet (the migration cannot know them): the
// refresh at start-up adds them once.
TEST_F(KnowledgeRepositoryTest, RefreshIndexesTheCountryNamesOfOlderArticlesOnce) {
  seed();
  const bool sqlite = db().backend() == Backend::kSqlite;
  ASSERT_TRUE(db().write([sqlite](WriteContext& w) -> domain::Status {
    // What 0010 leaves behind for the articles it finds.
    w.sql() << "UPDATE knowledge_articles SET country_names = ''";
    if (sqlite) {
      w.sql() << "DELETE FROM knowledge_fts";
      w.sql() << "INSERT INTO knowledge_fts (article_id, title, body, country_names) "
                 "SELECT id, title, body, country_names FROM knowledge_articles";
    }
    return {};
  }));
  ASSERT_TRUE(search("Duitsland").empty());
  ASSERT_EQ(ids(search("passport employer")), std::vector<std::string>{"de"});

  domain::Result<std::int32_t> first = 0;
  ASSERT_TRUE(db().write([&](WriteContext& w) -> domain::Status {
    first = refreshKnowledgeCountryNames(w);
    return {};
  }));
  ASSERT_TRUE(first) << first.error().detail;
  EXPECT_EQ(*first, 5);  // the seven articles, less the two about no country
  EXPECT_EQ(ids(search("Duitsland")), std::vector<std::string>{"de"});
  EXPECT_EQ(ids(search("România")), std::vector<std::string>{"ro"});
  EXPECT_EQ(ids(search("passport employer")), std::vector<std::string>{"de"});  // text kept
  EXPECT_EQ(search("112").size(), 2U);  // one index entry per article, not two

  domain::Result<std::int32_t> again = 0;
  ASSERT_TRUE(db().write([&](WriteContext& w) -> domain::Status {
    again = refreshKnowledgeCountryNames(w);
    return {};
  }));
  ASSERT_TRUE(again) << again.error().detail;
  EXPECT_EQ(*again, 0);
}

TEST_F(KnowledgeRepositoryTest, LongInputIsCutIntoAFewWords) {
  const std::string many(2000, 'a');
  auto words = knowledgeSearchWords(many + " b c d e f g h i j k l m n o p");
  ASSERT_EQ(words.size(), 12U);
  EXPECT_EQ(words[0].size(), 64U);
  // A cut never splits a UTF-8 sequence.
  std::string cyr;
  for (int i = 0; i < 40; ++i) {
    cyr += "ж";
  }
  auto w = knowledgeSearchWords(cyr);
  ASSERT_EQ(w.size(), 1U);
  EXPECT_EQ(w[0].size(), 64U);
  seed();
  EXPECT_TRUE(search(many).empty());
}

}  // namespace
}  // namespace strada::store
