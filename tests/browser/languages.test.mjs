// The staff UI and the public pages in every language they offer, in Chromium against the real
// server: for each language of the registry (web/src/i18n/index.ts), the language chosen in the
// switch, then one sign-in per role (supervisor, organisation's administrator, network
// coordinator, partner agency) and every staff screen of web/src/pages.tsx that role reaches
// (everyScreen in screens.mjs) visited by its hash route and checked by axe-core; <html lang>
// and dir follow the language, no English fallback text shows in the menu and the headings,
// buttons and labels, the contact list fits a 1366 px laptop without sideways scrolling, the
// choice survives a reload, and Arabic lays the page out right to left. Every public page
// (/public/, the hotlines, a country's, the figures, the news and a news item, a page, the case
// studies and one) passes axe in
// every language of the public catalogs (public/messages/*.tsv), with its <html lang> and dir.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { checkA11y, STRADA_BIN, setUpServerAndBrowser, signIn, uiRegistry } from './support.mjs';
import { coordinator, dataOfficer, everyScreen, orgAdmin, partner, publicSeed, seed, seedEveryScreen, seeded, supervisor } from './screens.mjs';

const i18nDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'src', 'i18n');

/** The languages of the registry, in its order. */
const registry = uiRegistry;

function texts(tree, out = new Set()) {
  for (const value of Object.values(tree)) {
    if (typeof value === 'string') out.add(value.trim());
    else texts(value, out);
  }
  return out;
}
const bundle = (code) => JSON.parse(readFileSync(join(i18nDir, `${code}.json`), 'utf8'));
const english = texts(bundle('en'));

// The code lists' labels (categories, channels, caller types...) come from the server, in every
// UI language (codes/hotline-codes.tsv: list, code, then one column per language in
// domain::kLabelLanguages' order). A label shown in English where the language has its own is a
// leak too; one that is the same word in both (SMS, E-mail, the age bands) is not.
const labelColumns = ['en', 'nl', 'ro', 'bg', 'ar', 'cs', 'pl', 'uk', 'ru'];
const codeRows = readFileSync(new URL('../../codes/hotline-codes.tsv', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line !== '' && !line.startsWith('#') && !line.startsWith('version\t'))
  .map((line) => line.split('\t').slice(2).map((label) => label.trim()));
/** The labels of `code` (a set), and the English labels that are not also one of them. */
function codeLabelsOf(code) {
  const column = labelColumns.indexOf(code);
  assert.ok(column >= 0, `codes/hotline-codes.tsv has a ${code} column`);
  const own = new Set(codeRows.map((row) => row[column]));
  return { own, englishOnly: new Set(codeRows.map((row) => row[0]).filter((label) => !own.has(label))) };
}

/** The public catalogs' languages: public/messages/{code}.tsv. */
const publicLanguages = readdirSync(new URL('../../public/messages/', import.meta.url))
  .filter((f) => f.endsWith('.tsv'))
  .map((f) => f.slice(0, -4));
const rtl = new Set(registry.filter((l) => l.dir === 'rtl').map((l) => l.code));

const { server, open } = setUpServerAndBrowser({
  users: [
    { ...supervisor, role: 'supervisor' },
    { ...dataOfficer, role: 'data_officer' },
    { ...orgAdmin, role: 'org_admin' },
    { ...coordinator, role: 'network_coordinator' },
  ],
  afterStart: async (s) => {
    await seed(s);
    await seedEveryScreen(s);
    const strada = (args, env = {}) =>
      execFileSync(STRADA_BIN, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
    // The partner agency's account, of the seeded shelter; the server made the network's hub.
    strada(['user', 'add', '--data', s.dataDir, '--org', 'NL', '--email', partner.email, '--name', partner.name, '--role', 'partner', '--agency', seeded.agency], {
      STRADA_PASSWORD: partner.password,
    });
    strada(['network', 'init-hub', '--data', s.dataDir, '--url', s.baseUrl, '--code', 'HUB', '--name', 'The network hub', '--country', 'NL']);
  },
});

/** Signs `who` in on the login page, in whatever language it shows, and waits for the header. */
async function signInAnyLanguage(page, who) {
  await page.locator('#login-email').fill(who.email);
  await page.locator('#login-password').fill(who.password);
  await page.locator('#login-password').press('Enter');
  await page.locator('header').getByText(who.name).waitFor({ state: 'attached' });
}

/** Opens `hash` and waits for its h1 and for nothing to be loading (in `loading`'s words). */
async function visit(page, hash, loading) {
  await page.evaluate((h) => {
    window.location.hash = h;
  }, hash);
  await page.locator('main h1').first().waitFor();
  await page.waitForFunction((l) => !document.querySelector('main')?.innerText.includes(l), loading);
  await page.waitForTimeout(100); // debounced searches, lazily loaded charts
  // The screen shows what it is for, not an error (a record not found, a permission missing).
  const errors = await page.locator('main .notice-error').allInnerTexts();
  assert.deepEqual(errors, [], `errors on ${hash}`);
}

/**
 * Texts of the UI on screen that are English messages but not messages of `own` (a fallback), and
 * code labels in English where `code` has its own (in cells and in the choices of every select).
 */
async function englishLeaks(page, own, code) {
  const shown = await page
    .locator('header nav a, main h1, main h2, main button, main label, main th, main td, main legend')
    .evaluateAll((els) =>
      els
        // What people wrote (an article's Markdown) is in its own language, whatever the UI's.
        .filter((e) => e.getClientRects().length > 0 && !e.closest('.markdown'))
        .map((e) => e.textContent?.trim() ?? ''),
    );
  const choices = await page.locator('main select option').evaluateAll((os) => os.map((o) => o.textContent?.trim() ?? ''));
  const labels = codeLabelsOf(code);
  return [...new Set([...shown, ...choices])].filter(
    (s) => s !== '' && ((english.has(s) && !own.has(s) && !labels.own.has(s)) || labels.englishOnly.has(s)),
  );
}

async function htmlLangDir(page) {
  return page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]);
}

/** Which half of the window the menu starts in: its first link and the brand, 'left' or 'right'. */
async function menuSide(page) {
  const width = page.viewportSize()?.width ?? 0;
  const first = await page.locator('header nav a').first().boundingBox();
  const brand = await page.locator('header .brand').boundingBox();
  assert.ok(first && brand, 'the header has a brand and a menu');
  const side = (box) => (box.x + box.width / 2 < width / 2 ? 'left' : 'right');
  assert.equal(side(first), side(brand), 'the menu starts beside the brand');
  return side(first);
}

describe('the staff UI in every language', () => {
  test('the registry lists the languages the switch offers, each by its own name', async (t) => {
    assert.ok(registry.length >= 5, `languages read from the registry: ${JSON.stringify(registry)}`);
    assert.ok(registry.some((l) => l.dir === 'rtl'), 'one right-to-left language');
    await open(t, async (page) => {
      await page.locator(`#ui-language option[value="${registry.at(-1).code}"]`).waitFor({ state: 'attached' });
      const options = await page.locator('#ui-language option').evaluateAll((os) => os.map((o) => [o.value, o.textContent]));
      assert.deepEqual(options, registry.map((l) => [l.code, l.name]));
    });
  });

  for (const { code, dir } of registry) {
    test(`in ${code}: every screen passes axe, nothing shows in English, the choice is remembered`, async (t) => {
      const messages = bundle(code);
      const own = texts(messages);
      const loading = messages.app.loading;
      await open(t, async (page) => {
        await signIn(page, supervisor);
        await page.locator('header').getByText(supervisor.name).waitFor({ state: 'attached' });
        // The code labels of the new language come after the switch (the page keeps the old ones
        // meanwhile): the walk starts once they are in.
        const labels = code === 'en' ? null : page.waitForResponse((r) => r.url().includes(`/api/v1/codes?languages=${code}`) && r.ok());
        await page.locator('#ui-language').selectOption(code);
        await page.waitForFunction((c) => document.documentElement.lang === c, code);
        await labels;
        assert.deepEqual(await htmlLangDir(page), [code, dir]);
        assert.equal(await page.evaluate(() => localStorage.getItem('strada.uiLanguage')), code);

        const leaks = [];
        const screens = everyScreen();
        const walk = async (role) => {
          for (const hash of screens[role]) {
            await visit(page, hash, loading);
            await checkA11y(page, `${code} ${role} ${hash}`);
            if (code !== 'en') leaks.push(...(await englishLeaks(page, own, code)).map((s) => `${role} ${hash}: ${s}`));
          }
        };
        await walk('supervisor');

        // The menu in the language's own words, and on the side the language reads from.
        const menu = await page.locator('header nav a').allInnerTexts();
        assert.ok(menu.includes(messages.shell.contacts), `menu ${JSON.stringify(menu)}`);
        assert.equal(await menuSide(page), dir === 'rtl' ? 'right' : 'left');
        if (dir === 'rtl') {
          // Tables read from the right too: the first column is the rightmost.
          await visit(page, '#/contacts', loading);
          const cells = await page.locator('table.contacts thead th').evaluateAll((ths) =>
            ths.slice(0, 2).map((th) => th.getBoundingClientRect().x),
          );
          assert.ok(cells.length === 2 && cells[0] > cells[1], `first column right of the second: ${cells}`);
        }

        // On a laptop the contact list fits without sideways scrolling in every language.
        const viewport = page.viewportSize();
        await page.setViewportSize({ width: 1366, height: 900 });
        await visit(page, '#/contacts', loading);
        const wrap = await page.locator('.table-wrap').first().evaluate((e) => [e.scrollWidth, e.clientWidth]);
        assert.ok(wrap[0] <= wrap[1] + 1, `${code}: contact list ${wrap[0]} px in ${wrap[1]} px`);
        if (viewport) await page.setViewportSize(viewport);

        await page.reload();
        await page.locator('header nav').first().waitFor();
        assert.deepEqual(await htmlLangDir(page), [code, dir]);
        assert.equal(await page.locator('#ui-language').inputValue(), code);
        await page.getByRole('link', { name: messages.shell.contacts, exact: true }).first().waitFor();

        // The other roles, each signed in once on the login page in the chosen language.
        for (const [role, who] of [['orgAdmin', orgAdmin], ['coordinator', coordinator], ['partner', partner]]) {
          await page.context().clearCookies();
          await page.goto(`${server.baseUrl}/`);
          await page.locator('#login-email').waitFor();
          assert.deepEqual(await htmlLangDir(page), [code, dir]);
          if (role === 'orgAdmin') await checkA11y(page, `${code} login`);
          await signInAnyLanguage(page, who);
          await walk(role);
        }
        assert.deepEqual(leaks, [], `English text in ${code}`);
      });
    });
  }

  for (const code of publicLanguages) {
    test(`the public pages in ${code} pass axe, in its direction`, async (t) => {
      await open(t, async (page) => {
        const paths = [
          '/public/',
          '/public/hotlines',
          '/public/hotlines/NL',
          '/public/figures',
          '/public/news',
          `/public/news/${publicSeed.slugs.en}`,
          '/public/pages/about', // in English only: the other languages show it with a note
          '/public/case-studies',
          '/public/case-studies/a-way-home',
        ];
        for (const path of paths) {
          const response = await page.goto(`${server.baseUrl}${path}?lang=${code}`);
          assert.equal(response?.status(), 200, path);
          assert.deepEqual(await htmlLangDir(page), [code, rtl.has(code) ? 'rtl' : 'ltr'], `${path} in ${code}`);
          await checkA11y(page, `${path} in ${code}`);
        }
      });
    });
  }
});
