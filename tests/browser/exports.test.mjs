// The Exports screen in a real browser: a data officer downloads the HTCDS 2.0 file (the
// standard's field names in its header, client codes, no name), runs the CTDC export, reads its
// report (generalised and dropped counts per step) and saves the file, whose every combination is
// shared by at least 11 people; axe finds no serious violation.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { apiSession, checkA11y, setUpServerAndBrowser, signIn } from './support.mjs';

const supervisor = { email: 'exports.supervisor@example.org', password: 'granite meadow lantern 8', name: 'Sam Supervisor' };
const dataOfficer = { email: 'exports.data@example.org', password: 'silver harbour compass 2', name: 'Dana Data' };

const { server, open } = setUpServerAndBrowser({
  users: [
    { ...supervisor, role: 'supervisor' },
    { ...dataOfficer, role: 'data_officer' },
  ],
  // The server's own rate limits: every screen (every export) as users work stays under them.
  serverOptions: { rateLimits: 'on' },
});

// Registers a client and opens their case with a consent of each kind in `consents`.
async function openCase(api, n, coded, consents) {
  const client = await api('POST', '/api/v1/clients', { person: { full_name: `Export Person ${n}` }, coded });
  assert.equal(client.status, 201, JSON.stringify(client.body));
  const made = await api('POST', '/api/v1/cases', {
    client_id: client.body.id,
    referral: { source_type: 'police', referred_on: '2024-03-01' },
  });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  for (const kind of consents) {
    const consent = await api('POST', `/api/v1/cases/${made.body.id}/consents`, {
      kind,
      given_as: 'written',
      given_on: '2024-03-01',
    });
    assert.equal(consent.status, 201, JSON.stringify(consent.body));
  }
  return client.body.client_code;
}

async function downloaded(page, buttonName) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: buttonName }).click()]);
  return { name: download.suggestedFilename(), text: await readFile(await download.path(), 'utf8') };
}

describe('standard exports', () => {
  test('a data officer downloads the HTCDS file and the CTDC file after reading its report', async (t) => {
    const api = await apiSession(server.baseUrl, supervisor);
    const codes = [];
    const romanian = { gender: 'Feminine', age_band: 'age_25_34', citizenships: ['RO'], exploitation_types: ['SexualExploitation'] };
    for (let i = 0; i < 12; i += 1) codes.push(await openCase(api, i, romanian, ['research']));
    const rare = { gender: 'Masculine', age_band: 'age_45_54', citizenships: ['VN'], exploitation_types: ['ForcedLabour'] };
    for (let i = 12; i < 14; i += 1) codes.push(await openCase(api, i, rare, ['research']));

    await open(t, async (page) => {
      await signIn(page, dataOfficer);
      await page.getByRole('link', { name: 'Exports' }).click();
      await page.getByRole('heading', { level: 1, name: 'Standard exports' }).waitFor();
      await checkA11y(page, 'exports');

      const htcds = await downloaded(page, 'Download HTCDS CSV');
      assert.equal(htcds.name, 'strada-htcds.csv');
      const lines = htcds.text.trim().split('\r\n');
      assert.match(lines[0], /^strada_ClientCode,strada_CaseCode,strada_OpenedOn,prs_Gender,/);
      assert.match(lines[0], /vic_TypeOfExploitation/);
      assert.equal(lines.length, 15, htcds.text);
      for (const code of codes) assert.ok(htcds.text.includes(code), code);
      assert.ok(!htcds.text.includes('Export Person'));
      await page.getByText('The HTCDS file was downloaded.').waitFor();

      await page.getByRole('button', { name: 'Run the CTDC export' }).click();
      const report = page.locator('.ctdc-report');
      await report.waitFor();
      const steps = page.getByRole('table', { name: 'Generalisation steps, in order' });
      assert.match(await steps.getByRole('row', { name: /Dropped/ }).innerText(), /2/);
      assert.equal(await page.locator('[data-figure="recordsOut"]').innerText(), '12');
      assert.equal(await page.locator('[data-figure="suppressed"]').innerText(), '2');
      await checkA11y(page, 'exports with the CTDC report');

      const ctdc = await downloaded(page, 'Save the CTDC file (12 records)');
      assert.equal(ctdc.name, 'strada-ctdc.csv');
      const rows = ctdc.text.trim().split('\r\n');
      assert.equal(rows[0], 'yearOfRegistration,gender,ageBroad,citizenship,CountryOfExploitation,typeOfExploitConcatenated');
      assert.equal(rows.length, 13, ctdc.text);
      assert.ok(rows.slice(1).every((r) => r === rows[1]), ctdc.text);
      assert.ok(!ctdc.text.includes('VN'), ctdc.text);

      // A k under 11 is refused, naming the field.
      await page.getByLabel('k (at least 11)').fill('5');
      await page.getByRole('button', { name: 'Run the CTDC export' }).click();
      await page.getByRole('alert').waitFor();
      assert.equal(await page.getByLabel('k (at least 11)').getAttribute('aria-invalid'), 'true');
    });
  });
});
