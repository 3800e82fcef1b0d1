// Every screen as each role that sees it uses it, in Chromium against the real server: axe-core
// finds no serious or critical violation, and the layouts hold at 390 px (a phone) and 1366 px
// (a laptop), in the UI language's formats.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkA11y, consultant, setUpServerAndBrowser } from './support.mjs';
import { dataOfficer, seed, seeded, screensOf, show, signInAs, supervisor } from './screens.mjs';

const { open } = setUpServerAndBrowser({
  users: [
    { ...supervisor, role: 'supervisor' },
    { ...dataOfficer, role: 'data_officer' },
  ],
  // The server's own rate limits: every screen (every export) as users work stays under them.
  serverOptions: { rateLimits: 'on' },
  afterStart: seed,
});

describe('every screen, every role', () => {
  test('the login screen has no serious accessibility violation', async (t) => {
    await open(t, async (page) => {
      await page.getByRole('heading', { level: 1, name: 'Sign in to Strada' }).waitFor();
      await checkA11y(page, 'login');
    });
  });

  for (const [role, who] of [
    ['consultant', consultant],
    ['supervisor', supervisor],
    ['data officer', dataOfficer],
  ]) {
    test(`axe finds no serious violation on the ${role}'s screens`, async (t) => {
      await open(t, async (page) => {
        await signInAs(page, who);
        for (const [hash, heading] of screensOf(role)) {
          await show(page, hash, heading);
          await checkA11y(page, `${role} ${hash}`);
        }
      });
    });
  }
});

describe('screens at 390 and 1366 px', () => {
  test('on a phone the header is compact, the filters fold, and the first contact is on the first screen', async (t) => {
    await open(t, async (page) => {
      await page.setViewportSize({ width: 390, height: 844 });
      await signInAs(page, consultant);
      await show(page, '#/contacts', 'Contacts');
      const header = await page.locator('header').boundingBox();
      assert.ok(header && header.height <= 64, `header ${header?.height} px tall`);
      const toggle = page.getByRole('button', { name: /^Filters/ });
      assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
      const firstRow = await page.locator('table.contacts tbody tr').first().boundingBox();
      assert.ok(firstRow && firstRow.y < 844, `first contact at ${firstRow?.y} px`);
      await toggle.click();
      await page.locator('#filter-channel').waitFor();

      const menu = page.getByRole('button', { name: 'Menu' });
      assert.equal(await page.getByRole('navigation').isVisible(), false, 'the menu is folded');
      await menu.click();
      await page.getByRole('navigation').getByRole('link', { name: 'Knowledge' }).click();
      await page.getByRole('heading', { level: 1, name: 'Knowledge base' }).waitFor();
      // The menu folds in an effect after the new page renders: wait for it, do not race it.
      await page.getByRole('navigation').waitFor({ state: 'hidden', timeout: 5_000 });
      await checkA11y(page, 'knowledge at 390 px');
    });
  });

  test("at 1366 px the supervisor's header is one line and the contact list needs no sideways scroll", async (t) => {
    await open(t, async (page) => {
      await page.setViewportSize({ width: 1366, height: 900 });
      await signInAs(page, supervisor);
      await show(page, '#/contacts', 'Contacts');
      const tops = await page.locator('header nav li, header .header-user > *').evaluateAll((els) =>
        els.map((e) => Math.round(e.getBoundingClientRect().top + e.getBoundingClientRect().height / 2)),
      );
      assert.ok(Math.max(...tops) - Math.min(...tops) <= 4, `header items on one line: ${tops}`);
      const header = await page.locator('header').boundingBox();
      assert.ok(header && header.height <= 64, `header ${header?.height} px tall`);
      const wrap = await page.locator('.table-wrap').evaluate((e) => [e.scrollWidth, e.clientWidth]);
      assert.ok(wrap[0] <= wrap[1] + 1, `table ${wrap[0]} px in ${wrap[1]} px`);
      assert.deepEqual(
        await page.locator('table.contacts thead th').allInnerTexts(),
        ['Started', 'Status', 'Channel', 'Category', 'Caller type', 'Duration', 'Language', 'Anonymous', 'Consultant'],
      );
    });
  });

  test("the statistics tables fit a phone in Romanian", async (t) => {
    await open(t, async (page) => {
      await page.setViewportSize({ width: 390, height: 844 });
      await signInAs(page, supervisor);
      await page.evaluate(() => localStorage.setItem('strada.uiLanguage', 'ro'));
      await page.reload();
      await page.locator('header').waitFor();
      await show(page, '#/stats', 'Statistici');
      const clipped = await page.locator('figure.chart .table-wrap').evaluateAll((els) =>
        els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.getAttribute('aria-label')),
      );
      assert.deepEqual(clipped, []);
      await checkA11y(page, 'statistics at 390 px in Romanian');
    });
  });

  test('the knowledge search box is wide enough to read, and snippets show no Markdown', async (t) => {
    await open(t, async (page) => {
      await page.setViewportSize({ width: 1366, height: 900 });
      await signInAs(page, consultant);
      await page.locator('#lookup-q').waitFor();
      const lookup = await page.locator('#lookup-q').boundingBox();
      assert.ok(lookup && lookup.width >= 150, `look-up box ${lookup?.width} px wide`);
      await show(page, '#/knowledge', 'Knowledge base');
      const box = page.locator('#kb-q');
      assert.ok(((await box.boundingBox())?.width ?? 0) >= 150);
      await box.fill('police');
      const snippet = page.locator('.knowledge-result-snippet').first();
      await snippet.waitFor();
      const text = await snippet.innerText();
      assert.match(text, /police/);
      assert.doesNotMatch(text, /\*\*|##|\]\(/);
    });
  });
});

describe('what each role reads', () => {
  test('a data officer sees that the summary is sealed, and who logged the contact by name', async (t) => {
    await open(t, async (page) => {
      await signInAs(page, dataOfficer);
      await show(page, `#/contacts/${seeded.crisis}`, 'Contact details');
      await page.getByText('Summaries are sealed: your role may not read them.').waitFor();
      assert.equal(await page.getByText('No summary was written.').count(), 0);
      await page.locator('dd', { hasText: consultant.name }).waitFor();
      // Languages the browser cannot name still get a name, not a bare code.
      await page.locator('dd', { hasText: 'Abkhazian' }).waitFor();
    });
  });

  test('lists of countries and languages read by name, dates in the UI language', async (t) => {
    await open(t, async (page) => {
      await signInAs(page, consultant);
      // The Dutch labels and country names arrive after the switch.
      const dutchLabels = page.waitForResponse((r) => r.url().includes('/api/v1/codes?languages=nl') && r.ok());
      await page.getByLabel('Language', { exact: true }).selectOption('nl');
      await dutchLabels;
      await show(page, '#/contacts', 'Contacten');
      const countries = await page.locator('#filter-destination_country option').allInnerTexts();
      const names = countries.slice(1);
      const sorted = [...names].sort(new Intl.Collator('nl-NL', { sensitivity: 'base' }).compare);
      assert.deepEqual(names, sorted, 'countries by their Dutch name');
      assert.ok(names.indexOf('Duitsland') < names.indexOf('Oostenrijk'));
      const started = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'medium', timeStyle: 'short' }).format(seeded.tipStartedAt);
      await page.locator('table.contacts a', { hasText: started }).waitFor();

      await show(page, '#/log', 'Contact vastleggen');
      const bare = await page.locator('#contact-language option').evaluateAll((os) =>
        os.filter((o) => o.value !== '' && o.textContent === o.value).map((o) => o.value),
      );
      assert.deepEqual(bare, [], 'every language has a name');
    });
  });

  test('two minutes before the idle sign-out a warning offers to stay; afterwards the login page says why', async (t) => {
    await open(t, async (page) => {
      await page.clock.install();
      await page.reload();
      await signInAs(page, consultant);
      await page.getByRole('heading', { level: 1, name: 'Log a contact' }).waitFor();
      await page.clock.fastForward('28:10');
      const dialog = page.getByRole('alertdialog', { name: 'You will be signed out soon' });
      await dialog.waitFor();
      await checkA11y(page, 'idle warning');
      const touched = page.waitForResponse((r) => r.url().endsWith('/api/v1/me') && r.status() === 200);
      await dialog.getByRole('button', { name: 'Stay signed in' }).click();
      await touched;
      await dialog.waitFor({ state: 'hidden' });

      await page.clock.fastForward('30:10');
      await page.getByRole('heading', { level: 1, name: 'Sign in to Strada' }).waitFor();
      await page.getByText('You were signed out after 30 minutes without activity', { exact: false }).waitFor();
    });
  });

  test("the printed safety plan names the organisation's hotline", async (t) => {
    await open(t, async (page) => {
      await signInAs(page, consultant);
      await show(page, `#/contacts/${seeded.crisis}/safety-plan`, 'Safety plan');
      await page.emulateMedia({ media: 'print' });
      const printed = page.locator('.plan-print');
      assert.equal(await page.locator('form.plan-form').isVisible(), false);
      assert.match(await printed.innerText(), /Hotline of La Strada Nederland/);
      assert.match(await printed.innerText(), /Her employer keeps her passport\./);
    });
  });
});
