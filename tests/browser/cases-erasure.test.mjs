// Erasing a person in a real browser: a supervisor erases a client from the case page (typing the
// client code, giving a reason); the page then shows the person as erased and what stays; a search
// by the old name no longer finds them. A data officer exports a person's data for them (one
// file, sealed fields readable) and then erases them. Every screen passes axe.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { apiSession, checkA11y, setUpServerAndBrowser, signIn } from './support.mjs';

const supervisor = { email: 'erase.supervisor@example.org', password: 'granite meadow lantern 8', name: 'Sam Supervisor' };

const officer = { email: 'erase.officer@example.org', password: 'quartz harbour ledger 5', name: 'Dana Officer' };

const { server, open } = setUpServerAndBrowser({
  users: [
    { ...supervisor, role: 'supervisor' },
    { ...officer, role: 'data_officer' },
  ],
});

const personName = `Elena Erasure ${Date.now() % 100000}`;

describe('erasure', () => {
  test('a supervisor erases a person; the page shows erased and a search no longer finds them', async (t) => {
    const call = await apiSession(server.baseUrl, supervisor);
    const client = await call('POST', '/api/v1/clients', { person: { full_name: personName }, coded: { gender: 'Feminine' } });
    assert.equal(client.status, 201, JSON.stringify(client.body));
    const kase = await call('POST', '/api/v1/cases', {
      client_id: client.body.id,
      referral: { source_type: 'ngo', referred_on: '2024-05-01' },
    });
    assert.equal(kase.status, 201, JSON.stringify(kase.body));
    const code = client.body.client_code;

    await open(t, async (page) => {
      await signIn(page, supervisor);
      await page.goto(`${server.baseUrl}/#/cases/${kase.body.id}`);
      await page.getByRole('heading', { level: 1, name: `Case ${kase.body.case_code}` }).waitFor();
      await page.getByText(personName).first().waitFor();
      await page.getByRole('button', { name: 'Erase this person' }).click();
      await checkA11y(page, 'the erasure form');
      await page.getByLabel(/Type the client code/).fill('CL-WRONG');
      await page.getByLabel(/Reason/).fill('The person asked to be erased.');
      await page.getByRole('button', { name: 'Erase this person for good' }).click();
      await page.getByText('Type the client code exactly as shown to confirm.').first().waitFor();
      await page.getByLabel(/Type the client code/).fill(code);
      await page.getByRole('button', { name: 'Erase this person for good' }).click();
      await page.getByText(/This person was erased on/).waitFor();
      assert.equal(await page.getByText(personName).count(), 0);
      await checkA11y(page, 'the case of an erased person');
    });
    const found = await call('POST', '/api/v1/clients/search', { full_name: personName });
    assert.equal(found.status, 200);
    assert.equal(found.body.matches.length, 0);
  });

  test('a data officer exports a person’s data for them, then erases them', async (t) => {
    const call = await apiSession(server.baseUrl, supervisor);
    const name = `Ana Access ${Date.now() % 100000}`;
    const client = await call('POST', '/api/v1/clients', { person: { full_name: name }, coded: { gender: 'Feminine' } });
    assert.equal(client.status, 201, JSON.stringify(client.body));
    const kase = await call('POST', '/api/v1/cases', {
      client_id: client.body.id,
      referral: { source_type: 'police', referred_on: '2024-06-01' },
    });
    assert.equal(kase.status, 201, JSON.stringify(kase.body));
    const note = await call('POST', `/api/v1/cases/${kase.body.id}/notes`, { text: 'Met at the shelter.' });
    assert.equal(note.status, 201, JSON.stringify(note.body));
    const code = client.body.client_code;

    await open(t, async (page) => {
      await signIn(page, officer);
      await page.goto(`${server.baseUrl}/#/cases/${kase.body.id}`);
      await page.getByRole('heading', { level: 1, name: `Case ${kase.body.case_code}` }).waitFor();
      // The data officer's screen shows coded fields only: never the name.
      assert.equal(await page.getByText(name).count(), 0);
      await checkA11y(page, 'the case as a data officer sees it');
      const downloading = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Export the person’s data' }).click();
      const download = await downloading;
      assert.equal(download.suggestedFilename(), `subject-access-${code}.json`);
      const file = JSON.parse(await readFile(await download.path(), 'utf8'));
      assert.equal(file.client.person.full_name, name);
      assert.equal(file.case.notes.items[0].text, 'Met at the shelter.');
      await page.getByText(`Downloaded subject-access-${code}.json`).waitFor();
      assert.equal(await page.getByText(name).count(), 0);

      await page.getByRole('button', { name: 'Erase this person' }).click();
      await page.getByLabel(/Type the client code/).fill(code);
      await page.getByLabel(/Reason/).fill('Asked for their data, then to be erased.');
      await page.getByRole('button', { name: 'Erase this person for good' }).click();
      await page.getByText(/This person was erased on/).waitFor();
      assert.equal(await page.getByRole('button', { name: 'Export the person’s data' }).count(), 0);
      await checkA11y(page, 'the case after a data officer erased the person');
    });
  });
});
