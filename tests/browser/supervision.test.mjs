// A supervisor's screens against the real server: a follow-up due (and marked done), the
// statistics with a chart and its data table, the filtered contact list (also by consultant),
// and the stale drafts named by who logged them.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { PG_ADMIN_URL, apiSession, consultant, setUpServerAndBrowser, signIn } from './support.mjs';

const supervisor = {
  email: 'supervisor@example.org',
  password: 'amber lantern 42 quietly',
  name: 'Test Supervisor',
};

const { server, open } = setUpServerAndBrowser({ users: [{ ...supervisor, role: 'supervisor' }] });

/** Signs in over HTTP (as the supervisor unless `who` says otherwise) and posts one contact; returns its id. */
async function postContact(baseUrl, body, who = supervisor) {
  const call = await apiSession(baseUrl, who);
  const created = await call('POST', '/api/v1/contacts', body);
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return created.body.id;
}

/**
 * Moves a contact's creation `hours` into the past, straight in the database: the server stamps
 * created_at itself, and a draft shows as stale only after 4 hours.
 */
function backdateCreation(dataDir, id, hours) {
  const sql = `UPDATE contacts SET created_at = created_at - ${hours * 3600_000} WHERE id = '${id}'`;
  if (PG_ADMIN_URL) {
    // support.mjs points STRADA_DB at this server's database while it runs.
    execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', process.env.STRADA_DB, '-c', sql]);
  } else {
    execFileSync('sqlite3', ['-cmd', '.timeout 5000', join(dataDir, 'strada.db'), sql]);
  }
}

const contactOn = (startedAt, extra = {}) => ({
  channel: 'email',
  started_at: startedAt,
  duration_s: 300,
  caller_type: 'possible_victim',
  anonymous: true,
  language: 'en',
  category: 'safe_migration',
  ...extra,
});

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

  test('a supervisor filters the contacts by consultant and sees stale drafts by name', async (t) => {
    const day = new Date(Date.now() - 2 * 86400_000);
    const started = day.toISOString();
    const byConsultant = await postContact(server.baseUrl, contactOn(started), consultant);
    const bySupervisor = await postContact(server.baseUrl, contactOn(started));
    const draft = await postContact(server.baseUrl, contactOn(started, { status: 'draft' }), consultant);
    backdateCreation(server.dataDir, draft, 5);
    const call = await apiSession(server.baseUrl, consultant);
    const { body: me } = await call('GET', '/api/v1/me');
    const consultantId = me.user.id;

    await open(t, async (page) => {
      await signIn(page, supervisor);
      const nav = page.getByRole('navigation');
      await nav.getByRole('link', { name: 'Contacts' }).click();
      await page.getByRole('heading', { level: 1, name: 'Contacts' }).waitFor();
      const rows = page.locator('table.contacts tbody tr');
      await page.locator(`table tbody tr:has(a[href="#/contacts/${bySupervisor}"])`).waitFor();

      const select = page.getByLabel('Consultant');
      // Every colleague by name (no e-mail addresses), the consultant among them.
      const options = await select.locator('option').allInnerTexts();
      assert.deepEqual(options, ['Any', 'Test Consultant', 'Test Supervisor']);
      await select.selectOption({ label: 'Test Consultant' });
      await page.getByRole('button', { name: 'Show' }).click();
      await page.waitForURL(new RegExp(`#/contacts\\?consultant=${consultantId}$`));
      await page.locator(`a[href="#/contacts/${bySupervisor}"]`).waitFor({ state: 'detached' });
      await page.getByText('Contacts shown: 2.').waitFor();
      // Only the consultant's contacts, not the supervisor's: the finished one, and the draft,
      // which a supervisor sees in the list as when opening it (policy::draftsVisibleOnlyOf).
      assert.equal(await rows.count(), 2);
      const only = page.locator(`table tbody tr:has(a[href="#/contacts/${byConsultant}"])`);
      await only.waitFor();
      await page.locator(`table tbody tr:has(a[href="#/contacts/${draft}"])`).waitFor();
      // Each row names who logged it.
      await page.waitForFunction(
        (id) =>
          document.querySelector(`table tbody tr:has(a[href="#/contacts/${id}"]) td[data-label="Consultant"]`)
            ?.textContent === 'Test Consultant',
        byConsultant,
      );

      // The filter comes back from the address, with the name chosen.
      await page.reload();
      await page.locator(`table tbody tr:has(a[href="#/contacts/${byConsultant}"])`).waitFor();
      await page.locator(`table tbody tr:has(a[href="#/contacts/${draft}"])`).waitFor();
      assert.equal(await rows.count(), 2);
      await page.waitForFunction(
        () => document.querySelector('#filter-consultant')?.selectedOptions[0]?.textContent === 'Test Consultant',
      );

      await nav.getByRole('link', { name: 'Supervision' }).click();
      const drafts = page.getByRole('table', { name: /Drafts older than 4 hours/ });
      const row = drafts.locator(`tr:has(a[href="#/contacts/${draft}"])`);
      await row.waitFor();
      assert.equal(await row.locator('td[data-label="Consultant"]').innerText(), 'Test Consultant');
    });
  });
});
