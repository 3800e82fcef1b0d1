// Issue 11, section 1, in a real browser: the public pages under /public/. On a throttled
// connection (400 kbit/s, 400 ms), a visitor opens /public/, reaches the hotline of a country in
// at most two clicks, presses Escape and lands on the neutral site with the public pages gone from
// the history; with JavaScript off the pages still show the hotline and the quick-exit link; axe
// finds no serious or critical violation on any public page in English and in Arabic (right to
// left). The organisation's admin publishes the hotline over the API first.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { apiSession, checkA11y, setUpServerAndBrowser, signIn } from './support.mjs';

const admin = { email: 'admin@example.org', password: 'lantern orchard 58 quiet', name: 'Ada Admin', role: 'org_admin' };
const neutral = 'https://www.bbc.com/weather';

const { server, open } = setUpServerAndBrowser({
  users: [admin],
  afterStart: async (s) => {
    const call = await apiSession(s.baseUrl, admin);
    const now = await call('GET', '/api/v1/public-profile');
    assert.equal(now.status, 200);
    const saved = await call('PUT', '/api/v1/public-profile', {
      hotlines: [
        {
          name: 'Trafficking helpline',
          numbers: ['0800 1234567'],
          hours: '24/7',
          free_of_charge: true,
          languages: ['nl', 'en', 'ar'],
          channels: [{ kind: 'email', value: 'help@example.org' }],
        },
      ],
      address: 'Secret Shelter Street 9',
      address_public: false,
      version: now.body.version,
    });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
  },
});

// The neutral site, answered here: the test machine reaches no other site.
async function serveNeutralSite(page) {
  await page.route('https://www.bbc.com/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Weather</title><h1>Weather</h1>' }),
  );
}

async function throttle(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 400,
    downloadThroughput: (400 * 1024) / 8,
    uploadThroughput: (400 * 1024) / 8,
  });
  return cdp;
}

describe('public pages', () => {
  test('on a slow connection a visitor finds the hotline in two clicks and leaves with Escape', async (t) => {
    await open(t, async (page) => {
      await serveNeutralSite(page);
      await throttle(page);
      await page.goto(`${server.baseUrl}/public/`);
      await page.getByRole('heading', { level: 1, name: 'Find a hotline in your country' }).waitFor();
      const exit = page.getByRole('link', { name: 'Leave this site quickly' });
      assert.equal(await exit.getAttribute('href'), neutral);
      const entries = await page.evaluate(() => history.length);

      let clicks = 0;
      await page.getByRole('link', { name: 'Netherlands' }).click();
      clicks += 1;
      await page.getByRole('heading', { level: 1, name: 'Hotlines in Netherlands' }).waitFor();
      await page.getByRole('link', { name: '+31 800 123 456 7' }).waitFor();
      assert.ok(clicks <= 2);
      assert.equal(await page.getByText('Secret Shelter Street').count(), 0);
      // Moving between the public pages kept the visit one history entry.
      assert.equal(await page.evaluate(() => history.length), entries);

      // The script comes after the page (deferred): on this connection, wait for it.
      await page.waitForLoadState('load');
      await page.keyboard.press('Escape');
      await page.waitForURL(neutral);
      await page.getByRole('heading', { name: 'Weather' }).waitFor();
      assert.equal(await page.evaluate(() => history.length), entries);
      await page.goBack();
      assert.ok(!page.url().includes('/public/'), `back went to ${page.url()}`);
    });
  });

  test('the quick-exit link replaces the page too', async (t) => {
    await open(t, async (page) => {
      await serveNeutralSite(page);
      await page.goto(`${server.baseUrl}/public/hotlines/NL?lang=ro`);
      const entries = await page.evaluate(() => history.length);
      await page.getByRole('link', { name: 'Părăsiți rapid acest site' }).click();
      await page.waitForURL(neutral);
      assert.equal(await page.evaluate(() => history.length), entries);
    });
  });

  test('without JavaScript the pages still show the hotline and the quick exit', async (t) => {
    await open(t, async (page) => {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
      await page.goto(`${server.baseUrl}/public/?lang=nl`);
      await page.getByRole('heading', { level: 1, name: 'Vind een hulplijn in uw land' }).waitFor();
      await page.getByRole('link', { name: 'Nederland', exact: true }).click();
      await page.getByRole('link', { name: '+31 800 123 456 7' }).waitFor();
      await page.getByText('Gratis', { exact: true }).first().waitFor();
      assert.equal(await page.getByRole('link', { name: 'Deze site snel verlaten' }).getAttribute('href'), neutral);
    });
  });

  test('every public page passes axe in English and in Arabic', async (t) => {
    await open(t, async (page) => {
      for (const lang of ['en', 'ar']) {
        for (const path of ['/public/', '/public/hotlines', '/public/hotlines/NL', '/public/figures']) {
          await page.goto(`${server.baseUrl}${path}?lang=${lang}`);
          assert.equal(await page.locator('html').getAttribute('lang'), lang);
          assert.equal(await page.locator('html').getAttribute('dir'), lang === 'ar' ? 'rtl' : 'ltr');
          await checkA11y(page, `${path} in ${lang}`);
        }
      }
    });
  });

  test("the organisation's admin edits the profile in the staff UI and the public page shows it", async (t) => {
    await open(t, async (page) => {
      await signIn(page, admin);
      await page.getByRole('link', { name: 'Public profile' }).click();
      await page.getByRole('heading', { level: 1, name: 'What the public pages show' }).waitFor();
      assert.equal(await page.getByLabel('Name').inputValue(), 'Trafficking helpline');
      assert.equal(await page.getByLabel("The organisation's address").inputValue(), 'Secret Shelter Street 9');
      assert.equal(await page.getByLabel('Show this address on the public pages').isChecked(), false);
      await page.getByLabel('Hours').fill('Mon-Sun 8:00-22:00');
      await page.getByRole('button', { name: 'Add another way to reach it' }).click();
      await page.getByLabel('Way 2', { exact: true }).selectOption('messaging');
      await page.getByLabel('Address or handle of way 2').fill('Signal: +31 6 12345678');
      await checkA11y(page, 'the public profile');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByText('Saved. The public pages show it now.').waitFor();

      await page.goto(`${server.baseUrl}/public/hotlines/NL`);
      await page.getByText('Mon-Sun 8:00-22:00').waitFor();
      await page.getByText('Messaging app: Signal: +31 6 12345678').waitFor();
      assert.equal(await page.getByText('Secret Shelter Street').count(), 0);
    });
  });
});
