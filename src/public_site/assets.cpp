// The public pages' one stylesheet and one script (public_site/pages.h): small, served from
// /public/assets/, cached. The script only adds the quick exit by key and keeps the visit out of
// the browser's history; every page works without it.
#include "public_site/pages.h"

namespace strada::public_site {

std::string_view siteCss() {
  return R"css(:root{color-scheme:light;--ink:#1a1a1a;--muted:#4a4a4a;--line:#c8c8c8;--accent:#0b5394;--exit:#a30000;--bar:#0b5394}
*{box-sizing:border-box}
body{margin:0;font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--ink);background:#fff}
a{color:var(--accent)}
a:focus-visible,.quick-exit:focus-visible{outline:3px solid #ffbf47;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem}
.skip:focus{left:.5rem}
header{border-bottom:1px solid var(--line);padding:.5rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center}
.quick-exit{display:inline-block;background:var(--exit);color:#fff;font-weight:700;padding:.6rem 1rem;border-radius:.3rem;text-decoration:none}
.exit-bar{width:100%;display:flex;flex-wrap:wrap;align-items:center;gap:.25rem 1rem}
.hint{margin:0;color:var(--muted);font-size:.9rem}
nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
nav a[aria-current]{font-weight:700;color:var(--ink)}
main{max-width:52rem;margin:0 auto;padding:1rem}
h1{font-size:1.6rem;line-height:1.25}
h2{font-size:1.3rem;margin-top:2rem}
h3{font-size:1.1rem;margin-bottom:.25rem}
.emergency{font-weight:700}
.countries{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(12rem,1fr));gap:.5rem}
.countries a{display:block;padding:.6rem .8rem;border:1px solid var(--line);border-radius:.3rem;text-decoration:none;font-weight:600}
.member{border:1px solid var(--line);border-radius:.3rem;padding:.25rem 1rem 1rem;margin:1rem 0}
.hotline dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:.5rem 0}
.hotline dt{font-weight:600}
.hotline dd{margin:0}
.hotline ul{margin:0;padding-inline-start:1.2rem}
.number{font-size:1.25rem;font-weight:700}
table{border-collapse:collapse;margin:1rem 0;width:100%}
th,td{border:1px solid var(--line);padding:.3rem .5rem;text-align:start}
td.n{text-align:end;font-variant-numeric:tabular-nums}
td.none{color:var(--muted);font-style:italic}
.chart{max-width:100%;height:auto}
.chart .bar{fill:var(--bar)}
.chart text{font-size:12px;fill:var(--ink)}
.chart .axis{stroke:var(--ink)}
.table-wrap{overflow-x:auto}
)css";
}

std::string_view siteJs() {
  return R"js((function () {
  'use strict';
  var link = document.getElementById('quick-exit');
  if (!link) { return; }
  var away = link.getAttribute('href');
  function leave(event) {
    if (event) { event.preventDefault(); }
    document.title = '';
    document.body.textContent = '';
    window.location.replace(away);
  }
  link.addEventListener('click', leave);
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' || event.key === 'Esc') { leave(event); }
  });
  // Moving between the public pages replaces the history entry: the visit stays one entry, and
  // the quick exit replaces it.
  document.addEventListener('click', function (event) {
    var a = event.target && event.target.closest ? event.target.closest('a[href^="/public/"]') : null;
    if (!a || event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey ||
        event.shiftKey || event.altKey) { return; }
    event.preventDefault();
    window.location.replace(a.getAttribute('href'));
  });
})();
)js";
}

}  // namespace strada::public_site
