// The case figures on the statistics screen in a real browser: a data officer sees the cases
// counted by coded field (only people with a consent to statistics), each as a chart with its
// table, small counts shown as "<11", downloads the figures as CSV through the button (small
// counts "suppressed" in the file), and axe finds no serious violation.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { apiSession, checkA11y, setUpServerAndBrowser, signIn } from './support.mjs';

const supervisor = { email: 'stats.supervisor@example.org', password: 'granite meadow lantern 8', name: 'Sam Supervisor' };
const dataOfficer = { email: 'stats.data@example.org', password: 'silver harbour compass 2', name: 'Dana Data' };

const { server, open } = setUpServerAndBrowser({
  users: [
    { ...supervisor, role: 'supervisor' },
    { ...dataOfficer, role: 'data_officer' },
  ],
});

describe('case statistics', () => {
  test('a data officer sees the case figures as charts with their tables', async (t) => {
    const api = await apiSession(server.baseUrl, supervisor);
    const before = await api('GET', '/api/v1/stats/cases');
    assert.equal(before.status, 200);
    const intakeBefore = before.body.breakdowns.status.find((c) => c.code === 'intake')?.n ?? 0;
    for (let i = 0; i < 12; i += 1) {
      const gender = i < 10 ? 'Masculine' : 'Feminine';
      const client = await api('POST', '/api/v1/clients', {
        person: { full_name: `Figure Person ${Date.now()} ${i}` },
        coded: { gender, citizenships: ['RO'] },
      });
      assert.equal(client.status, 201, JSON.stringify(client.body));
      const made = await api('POST', '/api/v1/cases', {
        client_id: client.body.id,
        referral: { source_type: 'police', referred_on: '2024-03-01' },
      });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      const consent = await api('POST', `/api/v1/cases/${made.body.id}/consents`, {
        kind: 'statistics',
        given_as: 'written',
        given_on: '2024-03-01',
      });
      assert.equal(consent.status, 201, JSON.stringify(consent.body));
    }
    const intake = intakeBefore + 12;

    await open(t, async (page) => {
      await signIn(page, dataOfficer);
      await page.locator('header').waitFor();
      await page.goto(`${server.baseUrl}/#/stats`);
      await page.getByRole('heading', { level: 2, name: 'Cases' }).waitFor();
      const status = page.locator('#case-stats-status-table');
      await status.waitFor();
      const row = status.getByRole('row', { name: /intake/i });
      assert.match(await row.innerText(), new RegExp(String(intake)));
      await page.locator('figure canvas, figure [role="img"]').first().waitFor();
      if (intake >= 11) {
        assert.match(await page.locator('#case-stats-gender-table').innerText(), /<11/);
      }
      await checkA11y(page, 'case statistics');

      // The CSV through the button: the same figures, a small count as "suppressed".
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download CSV' }).click(),
      ]);
      assert.equal(download.suggestedFilename(), 'strada-case-stats.csv');
      const csv = await readFile(await download.path(), 'utf8');
      const rows = csv.trim().split('\r\n');
      assert.equal(rows[0], 'figure,code,label,count');
      assert.ok(rows.some((r) => /^status,intake,[^,]*,/.test(r) && r.endsWith(`,${intake}`)), csv);
      assert.ok(rows.includes('gender,Feminine,Feminine,suppressed'), csv);
      assert.ok(!rows.some((r) => r.startsWith('gender,Feminine,') && /,\d+$/.test(r)), csv);
    });
  });
});
