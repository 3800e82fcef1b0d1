// Erasing a person in a real browser: a supervisor erases a client from the case page (typing the
// client code, giving a reason); the page then shows the person as erased and what stays; a search
// by the old name no longer finds them. Every screen passes axe.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { apiSession, checkA11y, setUpServerAndBrowser, signIn } from './support.mjs';

const supervisor = { email: 'erase.supervisor@example.org', password: 'granite meadow lantern 8', name: 'Sam Supervisor' };

const { server, open } = setUpServerAndBrowser({ users: [{ ...supervisor, role: 'supervisor' }] });

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
});
