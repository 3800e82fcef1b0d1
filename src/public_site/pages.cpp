// The public pages (public_site/pages.h).
#include "public_site/pages.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <tuple>

#include "public_site/html.h"

namespace strada::public_site {
namespace {

// Names of languages in themselves, for a hotline's languages (the code where none is known).
const std::map<std::string_view, std::string_view>& autonyms() {
  static const std::map<std::string_view, std::string_view> kNames = {
      {"ar", "العربية"},    {"bg", "Български"},  {"cs", "Čeština"},    {"da", "Dansk"},
      {"de", "Deutsch"},    {"el", "Ελληνικά"},   {"en", "English"},    {"es", "Español"},
      {"et", "Eesti"},      {"fa", "فارسی"},      {"fi", "Suomi"},      {"fr", "Français"},
      {"hr", "Hrvatski"},   {"hu", "Magyar"},     {"it", "Italiano"},   {"lt", "Lietuvių"},
      {"lv", "Latviešu"},   {"nl", "Nederlands"}, {"pl", "Polski"},     {"pt", "Português"},
      {"ro", "Română"},     {"ru", "Русский"},    {"sk", "Slovenčina"}, {"sl", "Slovenščina"},
      {"sq", "Shqip"},      {"sr", "Српски"},     {"sv", "Svenska"},    {"tr", "Türkçe"},
      {"uk", "Українська"}, {"vi", "Tiếng Việt"}, {"zh", "中文"}};
  return kNames;
}

std::string languageName(const std::string& code) {
  const auto& names = autonyms();
  auto it = names.find(code);
  return it == names.end() ? code : std::string(it->second);
}

// A link to a public page in the reader's language.
std::string href(const Catalog& c, std::string_view path) {
  return std::string(path) + "?lang=" + urlEncode(c.language());
}

enum class Section { kHome, kHotlines, kFigures, kNews, kNone };

void open(Html& h, const Catalog& c, std::string_view title, std::string_view path,
          Section section) {
  h.fill(
      "<!doctype html>\n<html lang=\"{0}\" dir=\"{1}\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<meta name=\"referrer\" content=\"no-referrer\"><title>{2} – {3}</title>"
      "<link rel=\"stylesheet\" href=\"/public/assets/site.css\">"
      "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"/public/feed/{0}.atom\" "
      "title=\"{4}\">"
      "<script src=\"/public/assets/site.js\" defer></script></head><body>",
      {c.language(), c.direction(), title, c.text("site_title"), c.text("news_feed")});
  h.fill("<a class=\"skip\" href=\"#main\">{0}</a><header><div class=\"exit-bar\">",
         {c.text("skip")});
  h.fill(
      "<a class=\"quick-exit\" id=\"quick-exit\" href=\"{0}\" rel=\"noreferrer\">{1}</a>"
      "<p class=\"hint\">{2}</p></div>",
      {kQuickExitUrl, c.text("quick_exit"), c.text("quick_exit_hint")});
  h.fill("<nav aria-label=\"{0}\"><ul>", {c.text("site_title")});
  const std::array<std::tuple<Section, std::string_view, std::string_view>, 4> items = {{
      {Section::kHome, "/public/", "nav_home"},
      {Section::kHotlines, "/public/hotlines", "nav_hotlines"},
      {Section::kFigures, "/public/figures", "nav_figures"},
      {Section::kNews, "/public/news", "nav_news"},
  }};
  for (const auto& [which, to, key] : items) {
    if (which == section) {
      h.fill("<li><a href=\"{0}\" aria-current=\"page\">{1}</a></li>", {href(c, to), c.text(key)});
    } else {
      h.fill("<li><a href=\"{0}\">{1}</a></li>", {href(c, to), c.text(key)});
    }
  }
  h.raw("</ul></nav>");
  h.fill("<nav aria-label=\"{0}\"><ul>", {c.text("language")});
  for (const std::string_view l : kPublicLanguages) {
    const std::string to = std::string(path) + "?lang=" + urlEncode(l);
    const std::string_view name = Catalog::of(l).text("lang_name");
    if (l == c.language()) {
      h.fill("<li><a href=\"{0}\" lang=\"{1}\" hreflang=\"{1}\" aria-current=\"true\">{2}</a></li>",
             {to, l, name});
    } else {
      h.fill("<li><a href=\"{0}\" lang=\"{1}\" hreflang=\"{1}\">{2}</a></li>", {to, l, name});
    }
  }
  h.raw("</ul></nav></header><main id=\"main\">");
}

std::string close(Html& h) {
  h.raw("</main></body></html>\n");
  return h.take();
}

// The countries of `listings`, ordered by their name in the reader's language.
std::vector<std::pair<std::string, std::string>> countriesOf(const Catalog& c,
                                                             const std::vector<Listing>& listings) {
  std::set<std::string> codes;
  for (const Listing& l : listings) {
    codes.insert(l.country);
  }
  std::vector<std::pair<std::string, std::string>> out;  // name, code
  out.reserve(codes.size());
  for (const std::string& code : codes) {
    out.emplace_back(c.countryName(code), code);
  }
  std::sort(out.begin(), out.end());
  return out;
}

void countryLinks(Html& h, const Catalog& c,
                  const std::vector<std::pair<std::string, std::string>>& countries,
                  std::string_view except = {}) {
  h.raw("<ul class=\"countries\">");
  for (const auto& [name, code] : countries) {
    if (code == except) {
      continue;
    }
    h.fill("<li><a href=\"{0}\">{1}</a></li>", {href(c, "/public/hotlines/" + code), name});
  }
  h.raw("</ul>");
}

// "+40800800678" in groups for reading aloud: "+40 800 800 678" (the digits after the country
// code in threes). The link keeps the E.164 form.
std::string readable(std::string_view e164) {
  if (e164.size() < 6 || e164.front() != '+') {
    return std::string(e164);
  }
  std::string out(e164.substr(0, 3));
  std::string_view rest = e164.substr(3);
  while (!rest.empty()) {
    out += ' ';
    out += rest.substr(0, 3);
    rest.remove_prefix(std::min<std::size_t>(3, rest.size()));
  }
  return out;
}

void memberCard(Html& h, const Catalog& c, const Listing& member, std::string_view heading) {
  h.raw("<section class=\"member\">");
  h.fill("<{0}>", {heading}).text(member.name).fill("</{0}>", {heading});
  for (const Hotline& line : member.hotlines) {
    h.raw("<div class=\"hotline\">");
    h.fill("<p><strong>{0}</strong></p><dl>", {line.name});
    h.fill("<dt>{0}</dt><dd><ul>", {c.text("numbers")});
    for (const std::string& number : line.numbers) {
      h.fill("<li><a class=\"number\" href=\"tel:{0}\">{1}</a></li>", {number, readable(number)});
    }
    h.raw("</ul></dd>");
    if (!line.hours.empty()) {
      h.fill("<dt>{0}</dt><dd>{1}</dd>", {c.text("hours"), line.hours});
    }
    h.fill("<dt>{0}</dt><dd>{1}</dd>",
           {c.text("free"), line.free_of_charge ? c.text("free") : c.text("not_free")});
    if (!line.languages.empty()) {
      h.fill("<dt>{0}</dt><dd>", {c.text("languages")});
      for (std::size_t i = 0; i < line.languages.size(); ++i) {
        h.fill("{0}<span lang=\"{1}\">{2}</span>",
               {i == 0 ? "" : ", ", line.languages[i], languageName(line.languages[i])});
      }
      h.raw("</dd>");
    }
    if (!line.channels.empty()) {
      h.fill("<dt>{0}</dt><dd><ul>", {c.text("channels")});
      for (const HotlineChannel& way : line.channels) {
        const std::string label(c.text("channel_" + way.kind));
        if (way.kind == "phone") {
          h.fill("<li>{0}: <a href=\"tel:{1}\">{2}</a></li>",
                 {label, way.value, readable(way.value)});
        } else if (way.kind == "email") {
          h.fill("<li>{0}: <a href=\"mailto:{1}\">{1}</a></li>", {label, way.value});
        } else {
          // Chat pages and messaging apps as text: the public pages link to no other site.
          h.fill("<li>{0}: {1}</li>", {label, way.value});
        }
      }
      h.raw("</ul></dd>");
    }
    h.raw("</dl></div>");
  }
  if (!member.public_address.empty()) {
    h.fill("<p><strong>{0}:</strong> {1}</p>", {c.text("address"), member.public_address});
  }
  h.raw("</section>");
}

}  // namespace

std::string homePage(const Catalog& c, const std::vector<Listing>& listings) {
  Html h;
  open(h, c, c.text("nav_home"), "/public/", Section::kHome);
  h.fill("<h1>{0}</h1><p>{1}</p><p class=\"emergency\">{2}</p>",
         {c.text("home_heading"), c.text("home_intro"), c.text("home_emergency")});
  h.fill("<h2>{0}</h2>", {c.text("choose_country")});
  const auto countries = countriesOf(c, listings);
  if (countries.empty()) {
    h.fill("<p>{0}</p>", {c.text("no_hotlines")});
  } else {
    countryLinks(h, c, countries);
  }
  h.fill("<p><a href=\"{0}\">{1}</a></p>", {href(c, "/public/hotlines"), c.text("all_hotlines")});
  return close(h);
}

std::string hotlinesPage(const Catalog& c, const std::vector<Listing>& listings) {
  Html h;
  open(h, c, c.text("hotlines_heading"), "/public/hotlines", Section::kHotlines);
  h.fill("<h1>{0}</h1>", {c.text("hotlines_heading")});
  const auto countries = countriesOf(c, listings);
  if (countries.empty()) {
    h.fill("<p>{0}</p>", {c.text("no_hotlines")});
  }
  for (const auto& [name, code] : countries) {
    h.fill("<h2 id=\"{0}\"><a href=\"{1}\">{2}</a></h2>",
           {code, href(c, "/public/hotlines/" + code), name});
    for (const Listing& member : listings) {
      if (member.country == code) {
        memberCard(h, c, member, "h3");
      }
    }
  }
  return close(h);
}

std::string countryPage(const Catalog& c, std::string_view country,
                        const std::vector<Listing>& listings) {
  Html h;
  const std::string title = c.format("hotlines_in", {c.countryName(country)});
  open(h, c, title, "/public/hotlines/" + std::string(country), Section::kHotlines);
  h.fill("<h1>{0}</h1>", {title});
  bool any = false;
  for (const Listing& member : listings) {
    if (member.country == country) {
      memberCard(h, c, member, "h2");
      any = true;
    }
  }
  if (!any) {
    h.fill("<p>{0}</p>", {c.text("no_hotlines_country")});
  }
  h.fill("<p class=\"emergency\">{0}</p>", {c.text("home_emergency")});
  const auto countries = countriesOf(c, listings);
  if (countries.size() > (any ? 1U : 0U)) {
    h.fill("<h2>{0}</h2>", {c.text("other_countries")});
    countryLinks(h, c, countries, country);
  }
  return close(h);
}

namespace {

std::string figureLabel(const Catalog& c, const std::string& figure) {
  const std::string key = "figure." + figure;
  const std::string_view text = c.text(key);
  return text == key ? figure : std::string(text);
}

std::string_view stateText(const Catalog& c, network::CellState state) {
  switch (state) {
    case network::CellState::kNotCollected:
      return c.text("not_collected");
    case network::CellState::kSuppressed:
      return c.text("suppressed");
    case network::CellState::kNotReported:
    case network::CellState::kCount:
      break;
  }
  return c.text("not_reported");
}

// The total of one figure by year as bars: a year nobody counted shows its reason, never 0.
void chart(Html& h, const Catalog& c, const network::Overview& o, std::size_t figure,
           const std::string& id, const std::string& label) {
  constexpr int kBarWidth = 48;
  constexpr int kGap = 24;
  constexpr int kPlotHeight = 160;
  constexpr int kTop = 20;
  constexpr int kBottom = 40;
  std::int64_t most = 1;
  for (const auto& [year, totals] : o.year_totals) {
    if (totals.at(figure).counted > 0) {
      most = std::max(most, totals.at(figure).n);
    }
  }
  const int width =
      std::max<int>(200, static_cast<int>(o.year_totals.size()) * (kBarWidth + kGap) + kGap);
  const int height = kTop + kPlotHeight + kBottom;
  const std::string title = c.format("chart_label", {label});
  h.fill(
      "<svg class=\"chart\" role=\"img\" aria-labelledby=\"{0}-t\" width=\"{1}\" height=\"{2}\" "
      "viewBox=\"0 0 {1} {2}\"><title id=\"{0}-t\">{3}</title>",
      {id, std::to_string(width), std::to_string(height), title});
  int x = kGap;
  for (const auto& [year, totals] : o.year_totals) {
    const network::OverviewTotal& t = totals.at(figure);
    const std::string year_text = std::to_string(year);
    const int base = kTop + kPlotHeight;
    if (t.counted > 0) {
      const int bar = static_cast<int>(t.n * kPlotHeight / most);
      h.fill(
          "<rect class=\"bar\" x=\"{0}\" y=\"{1}\" width=\"{2}\" height=\"{3}\"></rect>"
          "<text x=\"{4}\" y=\"{5}\" text-anchor=\"middle\">{6}</text>",
          {std::to_string(x), std::to_string(base - bar), std::to_string(kBarWidth),
           std::to_string(bar), std::to_string(x + kBarWidth / 2), std::to_string(base - bar - 4),
           std::to_string(t.n)});
    } else {
      h.fill(
          "<text x=\"{0}\" y=\"{1}\" text-anchor=\"middle\">{2}</text>",
          {std::to_string(x + kBarWidth / 2), std::to_string(base - 4), c.text("not_collected")});
    }
    h.fill("<text x=\"{0}\" y=\"{1}\" text-anchor=\"middle\">{2}</text>",
           {std::to_string(x + kBarWidth / 2), std::to_string(base + 18), year_text});
    x += kBarWidth + kGap;
  }
  h.fill("<line class=\"axis\" x1=\"0\" y1=\"{0}\" x2=\"{1}\" y2=\"{0}\"></line></svg>",
         {std::to_string(kTop + kPlotHeight), std::to_string(width)});
}

}  // namespace

std::string figuresPage(const Catalog& c, const network::Overview& o) {
  Html h;
  open(h, c, c.text("figures_heading"), "/public/figures", Section::kFigures);
  h.fill("<h1>{0}</h1><p>{1}</p>", {c.text("figures_heading"), c.text("figures_intro")});
  if (o.rows.empty() || o.figures.empty()) {
    h.fill("<p>{0}</p>", {c.text("no_figures")});
    return close(h);
  }
  std::vector<int> years;
  for (const auto& [year, totals] : o.year_totals) {
    years.push_back(year);
  }
  for (std::size_t f = 0; f < o.figures.size(); ++f) {
    const std::string label = figureLabel(c, o.figures[f]);
    const std::string id = "figure-" + std::to_string(f);
    h.fill("<h2 id=\"{0}-h\">{1}</h2>", {id, label});
    chart(h, c, o, f, id, label);
    h.fill(
        "<div class=\"table-wrap\"><table aria-labelledby=\"{0}-h\"><thead><tr><th "
        "scope=\"col\">{1}</th>",
        {id, c.text("member")});
    for (const int year : years) {
      h.fill("<th scope=\"col\">{0}</th>", {std::to_string(year)});
    }
    h.raw("</tr></thead><tbody>");
    for (const network::OverviewMember& m : o.members) {
      h.fill("<tr><th scope=\"row\">{0}</th>", {m.name.empty() ? m.code : m.name});
      for (const int year : years) {
        const auto row = std::find_if(
            o.rows.begin(), o.rows.end(),
            [&](const network::OverviewRow& r) { return r.member == m.code && r.year == year; });
        if (row == o.rows.end() || f >= row->values.size()) {
          h.fill("<td class=\"none\">{0}</td>", {c.text("not_reported")});
          continue;
        }
        const network::OverviewValue& v = row->values[f];
        if (v.state == network::CellState::kCount) {
          h.fill("<td class=\"n\">{0}</td>", {std::to_string(v.n)});
        } else {
          h.fill("<td class=\"none\">{0}</td>", {stateText(c, v.state)});
        }
      }
      h.raw("</tr>");
    }
    h.fill("</tbody><tfoot><tr><th scope=\"row\">{0}</th>", {c.text("total")});
    for (const int year : years) {
      const network::OverviewTotal& t = o.year_totals.at(year).at(f);
      if (t.counted > 0) {
        h.fill("<td class=\"n\">{0}</td>", {std::to_string(t.n)});
      } else {
        h.fill("<td class=\"none\">{0}</td>", {c.text("not_collected")});
      }
    }
    h.raw("</tr></tfoot></table></div>");
  }
  return close(h);
}

void openNewsPage(Html& h, const Catalog& c, std::string_view title, std::string_view path) {
  open(h, c, title, path, Section::kNews);
}

void openOtherPage(Html& h, const Catalog& c, std::string_view title, std::string_view path) {
  open(h, c, title, path, Section::kNone);
}

std::string closePage(Html& h) { return close(h); }

std::string notFoundPage(const Catalog& c) {
  Html h;
  open(h, c, c.text("not_found"), "/public/", Section::kNone);
  h.fill("<h1>{0}</h1><p><a href=\"{1}\">{2}</a></p>",
         {c.text("not_found"), href(c, "/public/hotlines"), c.text("all_hotlines")});
  return close(h);
}

}  // namespace strada::public_site
