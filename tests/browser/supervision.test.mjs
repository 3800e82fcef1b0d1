// A supervisor's screens against the real server: a follow-up due (and marked done), the
// statistics with a chart and its data table, and the filtered contact list.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { apiSession, setUpServerAndBrowser, signIn } from './support.mjs';

const supervisor = {
  email: 'supervisor@example.org',
  password: 'amber lantern 42 quietly',
  name: 'Test Supervisor',
};

const { server, open } = setUpServerAndBrowser({ users: [{ ...supervisor, role: 'supervisor' }] });

/** Signs in over HTTP and posts one contact; returns its id. */
async function postContact(baseUrl, body) {
  const call = await apiSession(baseUrl, supervisor);
  const created = await call('POST', '/api/v1/contacts', body);
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return created.body.id;
}

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
