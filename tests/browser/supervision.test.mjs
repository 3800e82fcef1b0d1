// A supervisor's screens against the real server: a follow-up due (and marked done), the
// statistics with a chart and its data table, and the filtered contact list.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { STRADA_BIN, signIn, startBrowser, startServer, withPage } from './support.mjs';

const supervisor = {
  email: 'supervisor@example.org',
  password: 'amber lantern 42 quietly',
  name: 'Test Supervisor',
};

let server;
let browser;

/** Signs in over HTTP and posts one contact; returns its id. */
async function postContact(baseUrl, body) {
  const login = await fetch(`${baseUrl}/api/v1/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: supervisor.email, password: supervisor.password }),
  });
  assert.equal(login.status, 200, await login.clone().text());
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const { csrf_token: csrf } = await login.json();
  const created = await fetch(`${baseUrl}/api/v1/contacts`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrf },
    body: JSON.stringify(body),
  });
  const text = await created.text();
  assert.equal(created.status, 201, text);
  return JSON.parse(text).id;
}

before(async () => {
  server = await startServer();
  execFileSync(
    STRADA_BIN,
    ['user', 'add', '--data', server.dataDir, '--org', 'NL', '--email', supervisor.email, '--name', supervisor.name,
      '--role', 'supervisor'],
    { env: { ...process.env, STRADA_PASSWORD: supervisor.password }, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  browser = await startBrowser();
});

after(async () => {
  await browser?.stop();
  await server?.stop();
});

const open = (t, fn) => withPage(t, browser.context, server.baseUrl, fn);

describe('supervision and statistics', () => {
  test('a supervisor sees a follow-up due, marks it done, and reads the statistics', async (t) => {
    const now = Date.now();
    const id = await postContact(server.baseUrl, {
      channel: 'phone',
      started_at: new Date(now - 3600_000).toISOString(),
      duration_s: 600,
      caller_type: 'family_member',
      anonymous: true,
      language: 'en',
      category: 'tip',
      follow_up_needed: true,
      follow_up_due: new Date(now + 86400_000).toISOString(),
      summary: 'Browser supervision test: sealed text that no list shows',
    });

    await open(t, async (page) => {
      await signIn(page, supervisor);
      const nav = page.getByRole('navigation');
      await nav.getByRole('link', { name: 'Supervision' }).click();
      await page.getByRole('heading', { level: 1, name: 'Supervision' }).waitFor();
      const followUps = page.getByRole('table', { name: /Follow-ups due or overdue/ });
      const row = followUps.locator(`tr:has(a[href="#/contacts/${id}"])`);
      await row.waitFor();
      assert.match(await row.innerText(), /Due/);
      assert.doesNotMatch(await page.content(), /sealed text that no list shows/);

      await row.getByRole('button', { name: /Mark done/ }).click();
      await page.getByText('The follow-up is marked done.').waitFor();
      await page.getByText('No follow-ups are waiting.').waitFor();

      await nav.getByRole('link', { name: 'Statistics' }).click();
      await page.getByRole('heading', { level: 1, name: 'Statistics' }).waitFor();
      await page.getByText('Contacts in this period: 1.').waitFor();
      const chart = page.locator('figure', { hasText: 'Contacts per period, data and non-data' });
      const canvas = chart.locator('canvas[role="img"]');
      await canvas.waitFor();
      assert.match((await canvas.getAttribute('aria-label')) ?? '', /Contacts per period/);
      // Chart.js drew something (the canvas was sized by it).
      await page.waitForFunction(() => {
        const c = document.querySelector('figure canvas');
        return c instanceof HTMLCanvasElement && c.width > 0 && c.height > 0;
      });
      const table = chart.locator('table');
      assert.match(await table.innerText(), /Data contacts/);
      const category = page.locator('figure', { hasText: 'By category' });
      await category.locator('canvas[role="img"]').waitFor();
      assert.match(await category.locator('table tbody').innerText(), /Report of a situation \(tip\)\s+1/);

      // The filtered list and its export button.
      await nav.getByRole('link', { name: 'Contacts' }).click();
      await page.locator('#filter-category').selectOption('tip');
      await page.getByRole('button', { name: 'Show' }).click();
      await page.waitForURL(/#\/contacts\?category=tip/);
      await page.locator(`table tbody tr:has(a[href="#/contacts/${id}"])`).waitFor();
      await page.getByRole('button', { name: 'Export CSV' }).waitFor();
    });
  });
});
