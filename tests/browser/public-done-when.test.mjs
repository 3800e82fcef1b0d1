// Issue 11's "done when", in one browser test: in Chromium on a throttled connection (400 kbit/s
// down and up, 400 ms latency) a visitor opens /public/, finds the hotline of a country in two
// clicks (its number a tel: link), every page under 100 KB transferred, and leaves with quick exit
// by key and by click, the page and its history entry replaced (going back does not return to the
// hotline); with JavaScript disabled the essentials still work; the news feed validates as Atom
// (xmllint against tests/data/atom.rng) in every language; no secret address (the organisation's
// unpublished address, a shelter's confidential address) is in any response of a crawl of every
// link reachable from /public/ in every language, the feeds and /api/v1/public/*; and a training
// the data officer logs in #/trainings shows in the member's aggregate report. axe on every page
// the visitor and the data officer see.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { apiSession, checkA11y, setUpServerAndBrowser, signIn } from './support.mjs';
import { publicSeed, seedPublic } from './screens.mjs';

const admin = { email: 'done.admin@example.org', password: 'lantern orchard 61 quiet', name: 'Dora Admin', role: 'org_admin' };
const dataOfficer = { email: 'done.data@example.org', password: 'lantern orchard 62 quiet', name: 'Dan Data', role: 'data_officer' };
const supervisor = { email: 'done.sup@example.org', password: 'lantern orchard 63 quiet', name: 'Sid Sup', role: 'supervisor' };
const neutral = 'https://www.bbc.com/weather';
const shelterAddress = 'Confidential Shelter Road 23';
const rng = new URL('../data/atom.rng', import.meta.url).pathname;
const languages = readdirSync(new URL('../../public/messages/', import.meta.url))
  .filter((f) => f.endsWith('.tsv'))
  .map((f) => f.slice(0, -4));

const { server, open } = setUpServerAndBrowser({
  users: [admin, dataOfficer, supervisor],
  afterStart: async (s) => {
    // The member: its hotline published, its own address kept secret; a shelter of its directory
    // with a confidential address.
    await seedPublic(s, admin);
    const asSupervisor = await apiSession(s.baseUrl, supervisor);
    const shelter = await asSupervisor('POST', '/api/v1/agencies', {
      name: 'Hidden Shelter',
      type: 'shelter',
      country: 'NL',
      city: 'Utrecht',
      address: shelterAddress,
      address_confidential: true,
      languages: ['nl'],
      services: ['shelter'],
    });
    assert.equal(shelter.status, 201, JSON.stringify(shelter.body));
  },
});

// The neutral site, answered here: the test machine reaches no other site.
async function serveNeutralSite(page) {
  await page.route('https://www.bbc.com/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Weather</title><h1>Weather</h1>' }),
  );
}

/**
 * Throttles `page` (400 kbit/s, 400 ms) and counts the bytes it receives: `transferred()` is the
 * sum of every response's encoded length (headers included) since the last `reset()`.
 */
async function throttle(page) {
  const cdp = await page.context().newCDPSession(page);
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e) => {
    bytes += e.encodedDataLength;
  });
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 400,
    downloadThroughput: (400 * 1024) / 8,
    uploadThroughput: (400 * 1024) / 8,
  });
  return {
    reset: () => {
      bytes = 0;
    },
    transferred: () => bytes,
  };
}

/**
 * Opens /public/ and reaches the Netherlands' hotline in two clicks, axe on each page (`a11y`
 * false: not with JavaScript disabled, which axe needs); answers the bytes each page took (with
 * `meter`).
 */
async function reachHotline(page, meter, { a11y = true } = {}) {
  const check = (label) => (a11y ? checkA11y(page, label) : undefined);
  meter?.reset();
  await page.goto(`${server.baseUrl}/public/`);
  await page.getByRole('heading', { level: 1, name: 'Find a hotline in your country' }).waitFor();
  await page.waitForLoadState('load');
  const sizes = [meter?.transferred()];
  await check('/public/');
  let clicks = 0;
  // Click one: the list of every country's hotlines; click two: the country's page.
  meter?.reset();
  await page.getByRole('link', { name: 'All hotlines' }).first().click();
  clicks += 1;
  await page.waitForURL(/\/public\/hotlines(\?.*)?$/);
  await page.waitForLoadState('load');
  sizes.push(meter?.transferred());
  await check('/public/hotlines');
  meter?.reset();
  await page.getByRole('link', { name: 'Netherlands', exact: true }).first().click();
  clicks += 1;
  await page.getByRole('heading', { level: 1, name: 'Hotlines in Netherlands' }).waitFor();
  await page.waitForLoadState('load');
  sizes.push(meter?.transferred());
  assert.equal(clicks, 2);
  const number = page.locator('a[href^="tel:"]', { hasText: '+31 800 123 456 7' }).first();
  await number.waitFor();
  assert.equal(await number.getAttribute('href'), 'tel:+318001234567');
  await check('/public/hotlines/NL');
  return sizes;
}

/** Every response body of a breadth-first crawl of the public pages, from `starts`. */
async function crawl(starts) {
  const origin = new URL(server.baseUrl).origin;
  const seen = new Set();
  const queue = [...starts];
  const bodies = [];
  while (queue.length > 0) {
    const url = queue.shift();
    if (seen.has(url)) continue;
    seen.add(url);
    const response = await fetch(url, { redirect: 'manual' });
    const text = await response.text();
    bodies.push({ url, status: response.status, text });
    const location = response.headers.get('location');
    const links = [...text.matchAll(/(?:href|src)="([^"]+)"/g)].map((m) => m[1].replaceAll('&amp;', '&'));
    if (location) links.push(location);
    for (const link of links) {
      const next = new URL(link, url);
      next.hash = '';
      if (next.origin === origin && !seen.has(next.href)) queue.push(next.href);
    }
  }
  return bodies;
}

describe("issue 11's done-when", () => {
  test('on a throttled connection: the hotline in two clicks, each page under 100 KB, quick exit by key', async (t) => {
    await open(t, async (page) => {
      await serveNeutralSite(page);
      const meter = await throttle(page);
      const sizes = await reachHotline(page, meter);
      for (const size of sizes) assert.ok(size > 0 && size < 100 * 1024, `pages transferred ${sizes} bytes`);
      t.diagnostic(`bytes transferred per page: ${sizes.join(', ')}`);
      const hotline = page.url();
      const entries = await page.evaluate(() => history.length);
      await page.keyboard.press('Escape');
      await page.waitForURL(neutral);
      await page.getByRole('heading', { name: 'Weather' }).waitFor();
      assert.equal(await page.evaluate(() => history.length), entries, 'the entry was replaced');
      await page.goBack().catch(() => {});
      assert.notEqual(page.url(), hotline, 'going back does not return to the hotline');
      assert.ok(!page.url().includes('/public/hotlines/'), `back went to ${page.url()}`);
    });
  });

  test('on a throttled connection the quick-exit link replaces the page and its history entry', async (t) => {
    await open(t, async (page) => {
      await serveNeutralSite(page);
      await throttle(page);
      await reachHotline(page);
      const hotline = page.url();
      const entries = await page.evaluate(() => history.length);
      await page.getByRole('link', { name: 'Leave this site quickly' }).click();
      await page.waitForURL(neutral);
      assert.equal(await page.evaluate(() => history.length), entries, 'the entry was replaced');
      await page.goBack().catch(() => {});
      assert.notEqual(page.url(), hotline, 'going back does not return to the hotline');
    });
  });

  test('without JavaScript the hotline is two clicks away and the quick-exit link leaves', async (t) => {
    await open(t, async (page) => {
      await serveNeutralSite(page);
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
      await reachHotline(page, undefined, { a11y: false });
      await page.getByText('Free of charge', { exact: false }).first().waitFor();
      await page.getByRole('link', { name: 'Leave this site quickly' }).click();
      await page.waitForURL(neutral);
    });
  });

  test('the news feed validates as Atom in every language', async (t) => {
    const found = spawnSync('xmllint', ['--version']);
    if (found.error) {
      t.skip('xmllint is not installed: the feeds are not validated');
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), 'strada-feeds-'));
    try {
      for (const lang of languages) {
        const response = await fetch(`${server.baseUrl}/public/feed/${lang}.atom`);
        assert.equal(response.status, 200, lang);
        assert.match(response.headers.get('content-type') ?? '', /application\/atom\+xml/);
        const file = join(dir, `${lang}.atom`);
        const xml = await response.text();
        writeFileSync(file, xml);
        execFileSync('xmllint', ['--noout', '--relaxng', rng, file], { stdio: ['ignore', 'ignore', 'pipe'] });
        if (lang === 'en') assert.match(xml, /Longer hotline hours/);
        if (lang === 'ro') assert.match(xml, /Program extins/);
        assert.doesNotMatch(xml, /Draft not for the public/);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('no secret address is in any public response, in any language', async () => {
    const starts = [
      ...languages.flatMap((l) => [`${server.baseUrl}/public/?lang=${l}`, `${server.baseUrl}/public/feed/${l}.atom`]),
      `${server.baseUrl}/api/v1/public/hotlines`,
      `${server.baseUrl}/api/v1/public/network-figures`,
    ];
    const bodies = await crawl(starts);
    const pages = bodies.filter((b) => b.url.includes('/public/hotlines/'));
    assert.ok(pages.length >= languages.length, `a country's page in each language: ${pages.length} crawled`);
    assert.ok(bodies.some((b) => b.text.includes(publicSeed.number) || b.text.includes('800 123 456 7')), 'the crawl reached the hotline');
    for (const { url, text } of bodies) {
      for (const secret of [publicSeed.secretAddress, shelterAddress, 'Hidden Refuge', 'Confidential Shelter']) {
        assert.ok(!text.includes(secret), `${url} shows ${secret}`);
      }
    }
  });

  test("a training the data officer logs shows in the member's aggregate report", async (t) => {
    await open(t, async (page) => {
      await signIn(page, dataOfficer);
      await page.locator('header').getByText(dataOfficer.name).waitFor({ state: 'attached' });
      await page.evaluate(() => {
        window.location.hash = '#/trainings';
      });
      await page.getByRole('heading', { level: 1, name: 'Trainings given' }).waitFor();
      await checkA11y(page, 'trainings');
      await page.getByRole('button', { name: 'Record a training' }).click();
      await page.getByLabel('First day').fill('2024-05-20');
      await page.getByLabel('Place', { exact: true }).fill('Labour inspectorate');
      await page.getByLabel('Labour inspectors', { exact: true }).fill('31');
      await page.getByLabel('Indicators of trafficking').check();
      await checkA11y(page, 'training form');
      await page.getByRole('button', { name: 'Save the training' }).click();
      await page.getByText('The training is saved.').waitFor();
      await page.getByRole('heading', { level: 2, name: 'Trainings in 2024' }).waitFor();

      // The data officer computes the member's report for 2024 and opens it.
      const officer = await apiSession(server.baseUrl, dataOfficer);
      const report = await officer('POST', '/api/v1/reports', { period: 'year', start: '2024-01-01' });
      assert.equal(report.status, 201, JSON.stringify(report.body));
      await page.evaluate((id) => {
        window.location.hash = `#/reports/${id}`;
      }, report.body.id);
      await page.getByRole('heading', { level: 1, name: 'Report 2024, revision 1' }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'Trainings given' }).waitFor();
      const total = page.getByRole('table', { name: 'Trainings given', exact: true });
      assert.match(await total.getByRole('row', { name: /Participants/ }).innerText(), /31/);
      const audiences = page.locator('#report-trainings_by_audience-table');
      assert.match(await audiences.getByRole('row', { name: /Labour inspectors/ }).innerText(), /31/);
      await checkA11y(page, 'report with trainings');
    });
  });
});
