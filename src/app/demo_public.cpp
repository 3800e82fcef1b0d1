// `strada demo`: what one demo organisation shows the public (issue 11): its public profile (a
// hotline with an invented free number, its hours, languages and ways to reach it, and an address
// that only the Dutch member keeps off the public pages), its news, and the trainings it gave over
// the last two years (the figures of /public/figures and of the Trainings screen). Every item goes
// through the use case the web client calls, as the organisation's administrator.
#include <array>
#include <string>
#include <string_view>

#include "app/demo_content.h"
#include "domain/client.h"
#include "public_site/news.h"
#include "public_site/profile.h"
#include "trainings/trainings.h"

namespace strada::app {
namespace {

constexpr domain::UnixMillis kDayMs = 24LL * 60 * 60 * 1000;

struct DemoHotline {
  std::string_view country;
  std::string_view name;
  std::string_view number;  // invented, in the country's free-call range
  std::string_view hours;
  std::array<std::string_view, 3> languages;
  std::string_view email;
  std::string_view address;
  bool address_public;
};

// The Dutch member's address is secret (a shelter's): the public pages never show it.
constexpr std::array<DemoHotline, 3> kHotlines = {{
    {"NL",
     "Hotline Noord (demo)",
     "0800 0123456",
     "Mon-Sun 8:00-22:00",
     {"nl", "en", "ar"},
     "help@nl.demo.example",
     std::string_view(kDemoSecretAddress),
     false},
    {"RO",
     "Linia Sperantei (demo)",
     "0800 800 123",
     "24/7",
     {"ro", "en", "uk"},
     "ajutor@ro.demo.example",
     "Strada Exemplu 12, Bucuresti (demo)",
     true},
    {"UA",
     "Nadiya Line (demo)",
     "0800 500 123",
     "Mon-Fri 9:00-18:00",
     {"uk", "ru", "en"},
     "help@ua.demo.example",
     "",
     false},
}};

struct DemoNews {
  std::string_view country;  // of the member that writes it
  std::string_view language;
  std::string_view title;
  std::string_view summary;
  std::string_view body;
  std::string_view status;
  int days_ago;
};

// Four items: in English, Dutch and Romanian, and a Dutch member's draft that no page shows.
constexpr std::array<DemoNews, 4> kNews = {{
    {"NL", "en", "Our hotline now answers every day (demo)",
     "From this month the hotline answers seven days a week, from 8:00 to 22:00.",
     "## Every day\n\nFrom this month the hotline answers **seven days a week**, from 8:00 to "
     "22:00. Calls are free and confidential; you do not have to give your name.",
     "published", 12},
    {"NL", "nl", "Nieuwe folder voor seizoenswerkers (demo)",
     "Een folder in zes talen over rechten en hulp bij seizoenswerk.",
     "Samen met de arbeidsinspectie maakten we een folder in **zes talen** voor seizoenswerkers: "
     "wat je rechten zijn en waar je hulp vindt.",
     "published", 45},
    {"RO", "ro", "Campanie de informare in gari (demo)",
     "Voluntarii nostri informeaza calatorii despre ofertele de munca inselatoare.",
     "In luna aceasta voluntarii nostri sunt in **gari** si informeaza calatorii despre ofertele "
     "de munca inselatoare.",
     "published", 20},
    {"NL", "en", "Annual report (draft, demo)", "Not published yet.",
     "The figures of the year, still being checked.", "draft", 2},
}};

struct DemoTraining {
  int days_ago;
  std::string_view place;
  std::array<store::TrainingAudience, 2> audiences;  // participants 0: none
  std::string_view topic;
};

// Six courses over the last two years, for several audiences.
const std::array<DemoTraining, 6> kTrainings = {{
    {30, "Police academy (demo)", {{{"police", 24}, {"border_guards", 8}}}, "identification"},
    {95, "Labour inspectorate (demo)", {{{"labour_inspectors", 18}, {"", 0}}}, "indicators"},
    {170,
     "Regional hospital (demo)",
     {{{"health_workers", 15}, {"social_workers", 6}}},
     "referral"},
    {260, "Court house (demo)", {{{"judges", 9}, {"prosecutors", 11}}}, "identification"},
    {400, "Town hall (demo)", {{{"social_workers", 21}, {"", 0}}}, "indicators"},
    {520, "Embassy (demo)", {{{"embassy_staff", 7}, {"other", 5}}}, "referral"},
}};

std::string dateDaysAgo(const hotline::Context& ctx, int days) {
  return domain::formatCalendarDate((ctx.clock() - days * kDayMs) / kDayMs);
}

domain::Status addProfile(const hotline::Context& ctx, const hotline::Actor& admin,
                          const DemoHotline& h) {
  public_site::PublicProfile profile;
  public_site::Hotline hotline;
  hotline.name = std::string(h.name);
  hotline.numbers = {std::string(h.number)};
  hotline.hours = std::string(h.hours);
  hotline.free_of_charge = true;
  for (auto language : h.languages) {
    hotline.languages.emplace_back(language);
  }
  hotline.channels = {{"email", std::string(h.email)}};
  profile.hotlines = {std::move(hotline)};
  profile.address = std::string(h.address);
  profile.address_public = h.address_public;
  auto saved = public_site::changePublicProfile(ctx.db, ctx.vault, admin, std::move(profile), 0);
  return saved ? domain::Status{} : tl::unexpected(saved.error());
}

domain::Status addNews(const hotline::Context& ctx, const hotline::Actor& admin,
                       std::string_view country) {
  for (const auto& n : kNews) {
    if (n.country != country) {
      continue;
    }
    public_site::NewsInput in;
    in.language = std::string(n.language);
    in.title = std::string(n.title);
    in.summary = std::string(n.summary);
    in.body = std::string(n.body);
    in.status = std::string(n.status);
    if (in.status == "published") {
      in.published_at = ctx.clock() - n.days_ago * kDayMs;
    }
    if (auto made = public_site::createNews(ctx.db, admin, std::move(in)); !made) {
      return tl::unexpected(made.error());
    }
  }
  return {};
}

domain::Status addTrainings(const hotline::Context& ctx, const hotline::Actor& admin) {
  for (const auto& t : kTrainings) {
    trainings::TrainingInput in;
    in.status = "held";
    in.date = dateDaysAgo(ctx, t.days_ago);
    in.place = std::string(t.place);
    for (const auto& a : t.audiences) {
      if (a.participants > 0) {
        in.audiences.push_back(a);
      }
    }
    in.topics = {std::string(t.topic)};
    in.score_tenths = 42;
    auto made = hotline::runToCompletion(trainings::createTraining(ctx, admin, std::move(in)));
    if (!made) {
      return tl::unexpected(made.error());
    }
  }
  return {};
}

}  // namespace

domain::Status addDemoPublic(const hotline::Context& ctx, const hotline::Actor& admin,
                             const std::string& country) {
  for (const auto& h : kHotlines) {
    if (h.country != country) {
      continue;
    }
    if (auto s = addProfile(ctx, admin, h); !s) {
      return s;
    }
  }
  if (auto s = addNews(ctx, admin, country); !s) {
    return s;
  }
  return addTrainings(ctx, admin);
}

}  // namespace strada::app
