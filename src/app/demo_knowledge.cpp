#include <array>
#include <string_view>
#include <vector>

#include "app/demo_content.h"
#include "domain/knowledge.h"
#include "hotline/knowledge.h"

namespace strada::app {
namespace {

struct DemoArticle {
  std::string_view kind;
  std::string_view country;
  std::string_view language;
  std::string_view title;
  std::string_view body;
};

// Written for consultants to read aloud or paraphrase during a call. Rules change: every sheet
// says to check the official source before advising on a detail.
constexpr std::array<DemoArticle, 11> kEnglish = {{
    {"country_sheet", "DE", "en", "Germany: work, residence and help",
     R"md(## At a glance
- **Emergency:** 112 (ambulance, fire), **110** (police). Both are free from any phone.
- **Medical on-call service (not urgent):** 116117.
- **Language:** German. Many counselling services also work in Polish, Romanian, Bulgarian and English.

## Rights at work
- A **statutory minimum wage** applies to almost every employee, including seasonal workers, agency workers and people paid "per piece". Deductions for housing or transport may not push pay below it.
- The employer must give the **main terms of the job in writing**: pay, hours, place of work, start date.
- Working time is limited; overtime must be recorded and paid or compensated.
- Nobody may **keep a worker's passport or ID card**. Handing it over "for safekeeping" is a warning sign.
- Workers are covered by accident insurance from the first day, also without a written contract.

## Residence and visas (general)
- Citizens of the EU, EEA and Switzerland may live and work in Germany without a permit. Everyone must **register their address** at the local registration office shortly after moving in.
- Others need a **residence title that allows work** (for example a visa for employment). Working on a tourist visa is not allowed and leaves the person very vulnerable.
- Check the current rules with the German foreign office or the immigration office before giving details.

## Where to get help
- **Specialised counselling centres for victims of trafficking**: free, confidential, many languages; they can arrange shelter and a reflection period.
- **Trade-union advice centres for mobile workers**: help with unpaid wages and contracts.
- **The customs authority's unit against undeclared work** checks minimum wage and working conditions.
- **The consulate of the caller's country** (in Berlin, Munich, Frankfurt, Hamburg and other cities) for lost or withheld documents.

## Notes for the consultant
Ask where the caller is (city, region) before suggesting a service. If the caller is in danger now: 110.)md"},
    {"country_sheet", "NL", "en", "Netherlands: work, residence and help",
     R"md(## At a glance
- **Emergency:** 112 (police, ambulance, fire).
- **Police, not urgent:** 0900 8844.
- **Language:** Dutch; English is widely understood.

## Rights at work
- A **statutory minimum wage** applies to all employees from 21 years (lower youth rates below that), including agency workers.
- Many labour migrants work through **employment agencies** and live in housing arranged by the agency. Rent and other costs may be deducted from pay only within legal limits and with the worker's written agreement.
- When a job ends, the worker may lose the housing at the same time: ask about both.
- Nobody may **keep a worker's identity document**. Employers must make a copy, not keep the original.
- Payslips are compulsory; they show hours, gross pay and every deduction.

## Residence and visas (general)
- EU, EEA and Swiss citizens may work without a permit. Staying longer than four months: **register with the municipality** (and get a citizen service number, BSN, needed for work).
- Others usually need a residence permit that allows work, often applied for by the employer.
- The immigration service (IND) publishes the current rules; check there before giving details.

## Where to get help
- **The Netherlands Labour Authority** investigates underpayment, unsafe work and labour exploitation; reports can be anonymous.
- **The national coordination centre for victims of trafficking** arranges shelter and assistance and can explain the reflection period.
- **Municipal social services** and **legal aid desks** for housing and contract problems.
- **The consulate or embassy of the caller's country** in The Hague, Amsterdam or Rotterdam.

## Notes for the consultant
If the caller lives in agency housing, ask whether they can talk freely where they are.)md"},
    {"country_sheet", "PL", "en", "Poland: work, residence and help",
     R"md(## At a glance
- **Emergency:** 112. The older numbers still work: **997** police, **998** fire, **999** ambulance.
- **Language:** Polish. Many foreign workers come from Ukraine, Belarus, Georgia and Asian countries.

## Rights at work
- A **minimum wage** applies to employment contracts, and a minimum hourly rate to many civil-law contracts.
- Be careful with **civil-law contracts** (contract of mandate, contract for specific work): they give fewer rights than an employment contract. Ask which contract the caller signed and in which language.
- Pay must be made at least once a month. Nobody may keep a worker's passport.
- **The National Labour Inspectorate** checks working conditions and the legality of employing foreigners; it has offices in every region.

## Residence and visas (general)
- EU, EEA and Swiss citizens may work without a permit; a stay longer than three months must be registered.
- Others need a **legal basis for work** (such as a work permit, or a simplified procedure for some nationalities) and a matching visa or residence card. A visa issued by another Schengen country does not always allow work in Poland.
- **Special rules apply to citizens of Ukraine**; they change often. Check the current rules with the regional office for foreigners (voivodeship office) before giving details.

## Where to get help
- **The national consultation and intervention centre for victims of trafficking**: support, shelter and legal advice.
- **NGOs for migrants** in the large cities give legal advice, often in Ukrainian and Russian.
- **The consulate of the caller's country** in Warsaw, Kraków, Lublin, Wrocław or Gdańsk.

## Notes for the consultant
Ask whether the caller's documents are with them. Agencies that recruit in the home country and place people in Poland are a frequent source of deception.)md"},
    {"country_sheet", "GB", "en", "United Kingdom: work, residence and help",
     R"md(## At a glance
- **Emergency:** **999** or 112 (police, ambulance, fire, coastguard).
- **Police, not urgent:** 101. **Health advice, not urgent:** 111 (England, Scotland and Wales).
- The UK is **not in the EU**: EU rules on free movement do not apply.

## Rights at work
- The **National Minimum Wage** (and the higher National Living Wage for older workers) applies to almost all workers, including agency and seasonal workers.
- Workers have the right to **payslips**, paid holiday and rest breaks.
- Nobody may take a worker's passport or bank card, or pay their wages into an account they do not control.
- "Debts" for travel, recruitment or housing that grow faster than the worker can pay are a serious warning sign (debt bondage).

## Residence and visas (general)
- Since 2021 most people from abroad, including most EU citizens who arrived after 2020, need a **visa to work** (for example a Skilled Worker or Seasonal Worker visa). Those who lived in the UK before 2021 may have status under the EU Settlement Scheme.
- Working without permission is a criminal offence for the worker and the employer; exploiters use this fear to control people.
- Check the current rules on the official UK government website before giving details.

## Where to get help
- **The National Referral Mechanism (NRM)** is the UK's framework for identifying and supporting victims of modern slavery; police, local councils and some charities can refer a person into it.
- **The national modern slavery helpline** (free, confidential, 24 hours, many languages): look up its current number on the official website.
- **Citizens Advice** offices for work and housing problems.
- **The consulate or embassy of the caller's country** in London, Edinburgh, Manchester or other cities.

## Notes for the consultant
Many callers fear deportation. Explain that victims of modern slavery can get support, but do not promise a particular immigration outcome.)md"},
    {"country_sheet", "IT", "en", "Italy: work, residence and help",
     R"md(## At a glance
- **Emergency:** **112** (single European number, being extended across all regions). The older numbers still work: **113** police, **118** ambulance, **115** fire.
- **Language:** Italian.

## Rights at work
- Wages are set by **national collective agreements** for each sector (agriculture, care work, construction, tourism); ask which sector the caller works in.
- **Caporalato** (illegal recruitment and control of workers by gangmasters, common in agriculture) is a crime. So is employing workers under exploitative conditions.
- Domestic and care workers living with a family are entitled to rest days, holidays and a written contract.
- Nobody may keep a worker's passport or residence permit.

## Residence and visas (general)
- EU citizens may work without a permit; a stay longer than three months must be registered with the municipality.
- Others need an entry visa and a **residence permit for work**, usually within yearly quotas. The permit must be requested at the police headquarters (Questura) shortly after arrival.
- Italian law provides a **special residence permit for victims of trafficking and serious exploitation**, also when they do not report the exploiters.
- Check the current rules with the prefecture or the Questura before giving details.

## Where to get help
- **The national anti-trafficking helpline** (free, confidential, many languages) and the **regional anti-trafficking projects** it connects to: look up the current number on the official website.
- **Trade unions' advice offices** for farm and care workers.
- **Labour inspectors** (the national labour inspectorate) for unpaid wages and unsafe work.
- **The consulate of the caller's country** in Rome, Milan, Naples or other cities.

## Notes for the consultant
In rural areas callers may not know the name of the town: ask about landmarks, the nearest station, the crops they pick.)md"},
    {"country_sheet", "ES", "en", "Spain: work, residence and help",
     R"md(## At a glance
- **Emergency:** 112.
- **National Police:** 091. **Guardia Civil** (rural areas, roads): 062.
- **016:** national helpline for victims of violence against women; free and does not appear on the phone bill.
- **Language:** Spanish, plus Catalan, Basque and Galician in their regions.

## Rights at work
- A **minimum interprofessional wage** applies to all workers; collective agreements often set more.
- Seasonal farm work (fruit, vegetables) is common; many workers are recruited in their home country for a fixed season. Ask who arranged the trip and who holds the contract.
- Workers must be **registered with Social Security** from the first day; a worker can check this themselves.
- Nobody may keep a worker's passport or charge fees for a job.

## Residence and visas (general)
- EU citizens may work without a permit; those staying longer than three months register with the foreigners' office.
- Others need a **residence and work authorisation**; seasonal workers often come on a specific seasonal programme.
- Spanish law allows a **recovery and reflection period** and a residence permit for victims of trafficking.
- Check the current rules with the foreigners' office (Oficina de Extranjería) before giving details.

## Where to get help
- **Specialised NGOs for victims of trafficking** in every large city, many with shelters.
- **The Labour and Social Security Inspectorate** for unpaid wages and illegal working conditions.
- **The consulate of the caller's country** in Madrid, Barcelona, Valencia, Seville or other cities.

## Notes for the consultant
For women who may be in sexual exploitation, 016 is a safe first number: it leaves no trace on the bill.)md"},
    {"safety_tip", "", "en", "Before you accept a job abroad",
     R"md(Questions to go through with the caller, one at a time:

1. **Who is the employer?** A full company name and address that can be checked, not only a first name and a phone number.
2. **Is there a written contract** in a language you understand, *before* you travel? Keep a copy at home.
3. **What will you earn,** per hour or per month, after costs? Compare it with the minimum wage of the country.
4. **Who pays for travel, housing and the job itself?** In most European countries, charging workers a fee for finding them a job is not allowed.
5. **Where will you live?** Get the address. Housing tied to the job means you can lose both at once.
6. **Can you keep your passport?** Never hand it to an employer or a recruiter.

Tell the caller: *Leave a copy of your passport, the contract and the employer's details with someone you trust, and agree on a time to call them every week.*)md"},
    {"safety_tip", "", "en", "Signs that a job offer may be a trap",
     R"md(- The pay is much higher than usual for the work, and no experience is needed.
- The recruiter is in a hurry: "leave tomorrow", "only two places left".
- No contract before departure, or a contract in a language the worker cannot read.
- The worker must pay a fee, or the travel is "advanced" and will be taken from wages.
- Someone else buys the ticket and holds it, or will "look after" the passport.
- The job, the place or the employer changes after arrival.
- Contact is only through social media or a messaging app, and the profile is new.

One sign alone is not proof. Several together: advise the caller **not to travel yet** and to check the offer with us or a trusted organisation first.)md"},
    {"safety_tip", "", "en", "If the caller is in danger now",
     R"md(1. **Ask:** "Are you safe to talk right now?" If not, agree on a safe word and a time to call back, or offer to stay on the line in silence.
2. **Immediate danger:** the caller should call **112** (in any EU country, free, also from a phone without credit). In the UK: 999.
3. **Location:** ask for an address, a landmark, the name of a shop or station. Ask whether location sharing on the phone is possible.
4. **Do not** advise the caller to confront the employer or to take documents by force.
5. **After the call:** write down only what the follow-up needs, and agree on the next contact.

Keep your voice calm. Short, concrete questions help a frightened person more than long explanations.)md"},
    {"safety_tip", "", "en", "Keeping documents safe",
     R"md(- Make photos of the passport, ID card, residence permit, contract and payslips, and **send them to someone you trust** or to your own e-mail.
- Carry the original passport yourself. An employer may make a copy but may not keep it.
- Write down, on paper, the addresses of where you work and live, and two phone numbers you know you can call.
- Keep a simple diary of hours worked and money received: it is evidence if wages are not paid.
- If your documents are taken, the **consulate of your country** can help you get new ones; the police can record that they were taken.)md"},
    {"useful_numbers", "", "en", "Useful numbers in Europe",
     R"md(## Everywhere in the EU
| number | what |
|---|---|
| **112** | Emergency: police, ambulance, fire. Free, from any phone, also without credit. |
| **116 000** | Hotline for missing children (in most EU countries). |
| **116 111** | Child helpline (in most EU countries). |

## Country numbers
| country | emergency | police (not urgent) | other |
|---|---|---|---|
| Germany | 112, 110 police | | 116117 medical on-call |
| Netherlands | 112 | 0900 8844 | |
| Poland | 112 (997, 998, 999) | | |
| United Kingdom | 999 or 112 | 101 | 111 health advice |
| Italy | 112 (113, 115, 118) | | |
| Spain | 112 | 091 National Police, 062 Guardia Civil | 016 violence against women |

## Embassies and consulates
Search for "the embassy of <caller's country> in <country>" on the caller's own foreign ministry website: the numbers there are current. Do not give numbers from memory.)md"},
}};

constexpr std::array<DemoArticle, 2> kDutch = {{
    {"safety_tip", "", "nl", "Voordat je een baan in het buitenland aanneemt",
     R"md(Vragen om met de beller door te lopen:

1. **Wie is de werkgever?** Een volledige bedrijfsnaam en een adres dat je kunt controleren.
2. **Is er een schriftelijk contract** in een taal die je begrijpt, *voordat* je vertrekt?
3. **Wat verdien je** per uur of per maand, na aftrek van kosten? Vergelijk het met het minimumloon van het land.
4. **Wie betaalt reis, huisvesting en bemiddeling?** Bemiddelingskosten in rekening brengen bij werknemers is in de meeste Europese landen niet toegestaan.
5. **Houd je je paspoort zelf?** Geef het nooit aan een werkgever of bemiddelaar.

Laat een kopie van paspoort, contract en gegevens van de werkgever achter bij iemand die je vertrouwt.)md"},
    {"useful_numbers", "NL", "nl", "Nuttige nummers in Nederland",
     R"md(- **112**: spoed (politie, ambulance, brandweer).
- **0900 8844**: politie, geen spoed.
- **116 000**: Europees nummer voor vermiste kinderen.
- Ambassades en consulaten: zoek het actuele nummer op de website van het ministerie van Buitenlandse Zaken van het land van de beller. Geef geen nummers uit je hoofd.)md"},
}};

}  // namespace

domain::Status addDemoKnowledge(const hotline::Context& ctx, const hotline::Actor& editor,
                                const std::string& language) {
  auto add = [&](const DemoArticle& d) -> domain::Status {
    domain::KnowledgeInput input{std::string(d.kind), std::string(d.country),
                                 std::string(d.language), std::string(d.title),
                                 std::string(d.body)};
    auto created = hotline::runToCompletion(hotline::createArticle(ctx, editor, std::move(input)));
    if (!created) {
      return tl::unexpected(created.error());
    }
    return {};
  };
  for (const auto& d : kEnglish) {
    if (auto s = add(d); !s) {
      return s;
    }
  }
  if (language == "nl") {
    for (const auto& d : kDutch) {
      if (auto s = add(d); !s) {
        return s;
      }
    }
  }
  return {};
}

}  // namespace strada::app
