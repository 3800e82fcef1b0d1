#include <array>
#include <string_view>
#include <vector>

#include "app/demo_content.h"
#include "domain/agency.h"
#include "domain/encoding.h"
#include "hotline/agencies.h"

namespace strada::app {
namespace {

struct DemoPlace {
  std::string_view country;
  std::string_view phone_prefix;  // a fictional 555 range
  std::array<std::string_view, 3> cities;
  std::array<std::string_view, 2> languages;
};

constexpr std::array<DemoPlace, 3> kPlaces = {{
    {"NL", "+31 20 555 01", {"Amsterdam", "Rotterdam", "Groningen"}, {"nl", "en"}},
    {"RO", "+40 21 555 01", {"Bucuresti", "Iasi", "Cluj-Napoca"}, {"ro", "en"}},
    {"UA", "+380 44 555 01", {"Kyiv", "Lviv", "Odesa"}, {"uk", "ru"}},
}};

struct DemoAgency {
  std::string_view name;
  std::string_view type;
  int city;  // index into DemoPlace::cities
  std::string_view services;
  std::string_view address;  // fictional
  bool confidential;
  std::string_view notes;
};

constexpr std::array<DemoAgency, 10> kAgencies = {{
    {"Shelter North (demo)", "shelter", 2, "shelter,psychological_support,social_assistance",
     "Demo Lane 1 (fictional)", true, "Places for women and children. Call before arriving."},
    {"Safe House East (demo)", "shelter", 1, "shelter,medical_care", "Example Court 7 (fictional)",
     true, "Places for men. Admission through a case worker."},
    {"Legal Aid Desk (demo)", "legal_service", 0, "legal_aid,interpretation",
     "Sample Street 12 (fictional)", false, "Free legal advice on labour and residence rights."},
    {"City Police Anti-Trafficking Unit (demo)", "police", 0, "investigation,identification",
     "Placeholder Square 3 (fictional)", false, "Ask for the duty officer of the unit."},
    {"Border Guard Liaison Office (demo)", "border_guard", 1, "identification",
     "Harbour Road 5 (fictional)", false, ""},
    {"Labour Inspection Team (demo)", "labour_inspectorate", 0, "investigation",
     "Office Park 9 (fictional)", false, "Handles tips on unpaid wages and unsafe work."},
    {"Community Health Clinic (demo)", "health_service", 1, "medical_care,psychological_support",
     "Clinic Way 4 (fictional)", false, "Sees people without insurance."},
    {"Migrant Support Network (demo)", "ngo", 2, "social_assistance,employment_support,education",
     "Market Street 20 (fictional)", false, ""},
    {"Return and Reintegration Office (demo)", "international_organisation", 0,
     "repatriation,reintegration,financial_aid", "Avenue of Examples 2 (fictional)", false,
     "Assisted voluntary return and reintegration grants."},
    {"Child Protection Service (demo)", "social_service", 2, "child_protection,shelter",
     "Town Hall Annex 1 (fictional)", false, "Emergency number answered day and night."},
}};

}  // namespace

domain::Result<std::string> addDemoAgencies(const hotline::Context& ctx,
                                            const hotline::Actor& editor,
                                            const std::string& country) {
  const DemoPlace* place = &kPlaces[0];
  for (const auto& p : kPlaces) {
    if (p.country == country) {
      place = &p;
    }
  }
  int n = 0;
  std::string police_id;
  for (const auto& d : kAgencies) {
    domain::AgencyInput a;
    a.name = std::string(d.name);
    a.type = std::string(d.type);
    a.country = country;
    a.city = std::string(place->cities[static_cast<std::size_t>(d.city)]);
    const int suffix = 10 + n++;
    a.phone = std::string(place->phone_prefix) + std::to_string(suffix);
    a.email = "agency" + std::to_string(suffix) + "@demo.example";
    a.website = "https://agency" + std::to_string(suffix) + ".demo.example";
    a.languages = {std::string(place->languages[0]), std::string(place->languages[1])};
    a.services = domain::splitList(d.services);
    a.notes = std::string(d.notes);
    a.notes +=
        a.notes.empty() ? "(demo) Fictional phone number." : " (demo) Fictional phone number.";
    a.address_confidential = d.confidential;
    a.address = std::string(d.address);
    auto created = hotline::runToCompletion(hotline::createAgency(ctx, editor, std::move(a)));
    if (!created) {
      return tl::unexpected(created.error());
    }
    if (d.type == "police") {
      police_id = created->agency.id;
    }
  }
  return police_id;
}

}  // namespace strada::app
