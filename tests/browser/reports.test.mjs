// The aggregate reports in a real browser: a data officer computes the yearly report from
// contacts logged through the API, reviews it (a small count and its complement shown as the word
// "suppressed", never 0), approves it after a confirmation, then imports historic figures: a file
// with a wrong line shows that line, a correct one is imported. axe finds no serious violation.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { apiSession, checkA11y, consultant, contactBody, setUpServerAndBrowser, signIn } from './support.mjs';

const dataOfficer = { email: 'reports.data@example.org', password: 'amber quarry lantern 5', name: 'Rea Data' };

const { server, open } = setUpServerAndBrowser({ users: [{ ...dataOfficer, role: 'data_officer' }] });

async function logContacts(api, n, channel) {
  for (let i = 0; i < n; i += 1) {
    const made = await api('POST', '/api/v1/contacts', contactBody('2023-06-01T10:00:00Z', { channel }));
    assert.equal(made.status, 201, JSON.stringify(made.body));
  }
}

describe('reports', () => {
  test('a data officer computes, reviews and approves a report, then imports historic figures', async (t) => {
    const api = await apiSession(server.baseUrl, consultant);
    await logContacts(api, 12, 'phone');
    await logContacts(api, 3, 'chat');

    await open(t, async (page) => {
      await signIn(page, dataOfficer);
      await page.locator('header').waitFor();
      await page.getByRole('link', { name: 'Reports' }).click();
      await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
      await page.getByLabel('Period', { exact: true }).selectOption('year');
      await page.getByLabel('First day of the period').fill('2023-01-01');
      await page.getByRole('button', { name: 'Compute the draft' }).click();

      await page.getByRole('heading', { level: 1, name: 'Report 2023, revision 1' }).waitFor();
      const total = page.getByRole('table', { name: 'Contacts', exact: true });
      assert.match(await total.getByRole('row', { name: /All contacts/ }).innerText(), /15/);
      const channels = page.locator('#report-contacts_by_channel-table');
      assert.match(await channels.getByRole('row', { name: /Chat/ }).innerText(), /suppressed/);
      assert.match(await channels.getByRole('row', { name: /Phone/ }).innerText(), /suppressed/);
      assert.doesNotMatch(await channels.getByRole('row', { name: /Chat/ }).innerText(), /\b3\b/);
      await checkA11y(page, 'report review');

      page.once('dialog', (dialog) => dialog.accept());
      await page.getByRole('button', { name: 'Approve this report' }).click();
      await page.getByText('Approved. The figures are frozen and ready to leave.').waitFor();
      assert.equal(await page.getByRole('button', { name: 'Approve this report' }).count(), 0);
      // An approved report may be submitted; this instance is in no network, and says so.
      page.once('dialog', (dialog) => dialog.accept());
      await page.getByRole('button', { name: 'Submit to the network' }).click();
      await page.getByText('not an active member of a network', { exact: false }).waitFor();

      await page.getByRole('link', { name: 'Back to the reports' }).click();
      await page.getByRole('heading', { level: 2, name: 'Import historic figures' }).waitFor();
      await page.getByLabel('CSV file').setInputFiles({
        name: 'figures.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('year,figure,value\n2009,contacts.total,4000\n2009,contacts.by_pigeon,3\n'),
      });
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      const errors = page.getByRole('table', { name: 'Lines to correct' });
      await errors.waitFor();
      assert.match(await errors.innerText(), /3\s+figure/);
      await checkA11y(page, 'import errors');

      await page.getByLabel('CSV file').setInputFiles({
        name: 'figures.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('year,figure,value\n2009,contacts.total,4000\n2009,people.total,not_collected\n'),
      });
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      await page.getByText('1 yearly reports imported as drafts.', { exact: false }).waitFor();
      await page.getByRole('link', { name: '2009' }).waitFor();
    });
  });
});
