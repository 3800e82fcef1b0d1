// `strada demo`: the network's pages and case studies (app/demo_pages.h). Every story here is
// invented.
#include "app/demo_pages.h"

#include <array>
#include <string_view>

#include "public_site/site_pages.h"

namespace strada::app {
namespace {

struct DemoPage {
  std::string_view kind;
  std::string_view slug;
  std::string_view language;
  std::string_view title;
  std::string_view summary;
  std::string_view body;
};

constexpr std::array<DemoPage, 7> kPages = {{
    {"page", "about-the-hotline", "en", "About the hotline", "",
     "The hotlines of this network listen to anyone who thinks they, or someone they know, are "
     "being exploited.\n\n"
     "- Calls are **free** and **confidential**.\n"
     "- You do not have to give your name.\n"
     "- We speak many languages.\n\n"
     "In an emergency, call **112**."},
    {"page", "about-the-hotline", "nl", "Over de hulplijn", "",
     "De hulplijnen van dit netwerk luisteren naar iedereen die denkt dat zij, of iemand die zij "
     "kennen, worden uitgebuit.\n\n"
     "- Bellen is **gratis** en **vertrouwelijk**.\n"
     "- U hoeft uw naam niet te noemen.\n"
     "- Wij spreken veel talen.\n\n"
     "Bel in een noodgeval **112**."},
    {"page", "about-the-hotline", "ro", "Despre linia de asistență", "",
     "Liniile de asistență ale acestei rețele ascultă pe oricine crede că este exploatat sau că "
     "cineva cunoscut este exploatat.\n\n"
     "- Apelurile sunt **gratuite** și **confidențiale**.\n"
     "- Nu trebuie să vă spuneți numele.\n"
     "- Vorbim multe limbi.\n\n"
     "În caz de urgență, sunați la **112**."},
    {"page", "how-we-help", "en", "How we help", "",
     "We listen, we explain your rights and, when you want it, we put you in touch with shelters, "
     "lawyers, doctors and the police. *Nothing happens without your consent.*"},
    {"page", "how-we-help", "nl", "Hoe wij helpen", "",
     "Wij luisteren, leggen uw rechten uit en brengen u, als u dat wilt, in contact met opvang, "
     "advocaten, artsen en de politie. *Niets gebeurt zonder uw toestemming.*"},
    {"page", "how-we-help", "ro", "Cum vă ajutăm", "",
     "Vă ascultăm, vă explicăm drepturile și, dacă doriți, vă punem în legătură cu adăposturi, "
     "avocați, medici și poliția. *Nimic nu se întâmplă fără acordul dumneavoastră.*"},
    {"case_study", "a-job-abroad", "en", "A job abroad that was not what it seemed",
     "An invented story: how a call to the hotline led to a safe way home.",
     "*This story is invented for the demo; real case studies are anonymised.*\n\n"
     "A young man answered an advertisement for farm work abroad. On arrival his passport was "
     "taken and his wages withheld \"for the rent\".\n\n"
     "A friend called the hotline. The consultant explained his rights, and with his consent a "
     "case worker arranged a shelter, a lawyer and his journey home. He is now back with his "
     "family, and the employer is being investigated."},
}};

}  // namespace

domain::Status addDemoSitePages(store::Database& db, const hotline::Actor& coordinator) {
  for (const DemoPage& p : kPages) {
    public_site::SitePageInput in;
    in.kind = std::string(p.kind);
    in.slug = std::string(p.slug);
    in.language = std::string(p.language);
    in.title = std::string(p.title);
    in.summary = std::string(p.summary);
    in.body = std::string(p.body);
    in.status = "published";
    if (auto made = public_site::createSitePage(db, coordinator, std::move(in)); !made) {
      return tl::unexpected(made.error());
    }
  }
  return {};
}

}  // namespace strada::app
