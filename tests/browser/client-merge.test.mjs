// Possible duplicates in a real browser (issue 8, section 1): a case worker registers a second
// record of a person already registered (the search before create shows the match; they register
// anyway, so the pair is flagged); a supervisor opens the possible duplicates from the approvals
// screen, keeps the first record, and sees on its case "Merged from" the second and, in the access
// history, the entries of both. The merged record no longer turns up in a search. Every screen
// passes axe.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { apiSession, checkA11y, setUpServerAndBrowser, signIn } from './support.mjs';

const caseWorker = { email: 'merge.worker@example.org', password: 'amber willow orchard 4', name: 'Casey Worker' };
const supervisor = { email: 'merge.supervisor@example.org', password: 'granite meadow lantern 8', name: 'Sam Supervisor' };

const { server, open } = setUpServerAndBrowser({
  users: [
    { ...caseWorker, role: 'case_worker' },
    { ...supervisor, role: 'supervisor' },
  ],
});

const personName = `Irina Dublura ${Date.now() % 100000}`;

describe('possible duplicates', () => {
  test('a second record is flagged, then merged by a supervisor keeping both histories', async (t) => {
    const call = await apiSession(server.baseUrl, caseWorker);
    const first = await call('POST', '/api/v1/clients', { person: { full_name: personName }, coded: { gender: 'Feminine' } });
    assert.equal(first.status, 201, JSON.stringify(first.body));
    const kase = await call('POST', '/api/v1/cases', {
      client_id: first.body.id,
      referral: { source_type: 'ngo', referred_on: '2024-05-01' },
    });
    assert.equal(kase.status, 201, JSON.stringify(kase.body));
    let secondCode = '';

    await open(t, async (page) => {
      await signIn(page, caseWorker);
      await page.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
      await page.getByRole('link', { name: 'New client' }).click();
      await page.getByLabel('Full name').fill(personName);
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      const match = page.getByRole('list', { name: 'Matching clients' }).getByRole('listitem');
      await match.first().waitFor();
      assert.match(await match.first().innerText(), new RegExp(first.body.client_code));
      await page.getByRole('button', { name: 'None of these is the person: register a new client' }).click();
      await page.getByRole('heading', { level: 2, name: /Step 2 of 3/ }).waitFor();
      await page.getByRole('button', { name: 'Register the person' }).click();
      await page.getByRole('heading', { level: 2, name: /Step 3 of 3/ }).waitFor();
      const registered = await page.getByText(/^Client \S+ is registered\./).innerText();
      secondCode = /^Client (\S+) is registered/.exec(registered)[1];
      assert.match(registered, /a supervisor will review/);
    });

    await open(t, async (page) => {
      await signIn(page, supervisor);
      await page.goto(`${server.baseUrl}/#/approvals`);
      await page.getByRole('heading', { level: 2, name: 'Possible duplicates' }).waitFor();
      const pair = page.getByRole('list', { name: 'Possible duplicates' }).getByRole('listitem');
      await pair.first().waitFor();
      const text = await pair.first().innerText();
      assert.match(text, new RegExp(first.body.client_code));
      assert.match(text, new RegExp(secondCode));
      assert.match(text, /Same name/);
      assert.doesNotMatch(text, new RegExp(personName)); // codes only, never the person
      await checkA11y(page, 'the possible duplicates');
      await page.getByRole('button', { name: `Keep ${first.body.client_code} (merge the other into it)` }).click();
      await page.getByText(`${secondCode} is merged into ${first.body.client_code}.`).waitFor();
      await page.getByText('No possible duplicates wait for review.').waitFor();

      await page.goto(`${server.baseUrl}/#/cases/${kase.body.id}`);
      await page.getByRole('heading', { level: 1, name: `Case ${kase.body.case_code}` }).waitFor();
      await page.getByText(`Merged from ${secondCode}`).waitFor();
      await page.getByRole('button', { name: 'Show who opened this client' }).click();
      const history = page.locator('#case-access li');
      await history.first().waitFor();
      const entries = await history.allInnerTexts();
      assert.equal(entries.filter((e) => e.includes('client.create')).length, 2, entries.join('\n'));
      assert.equal(entries.filter((e) => e.includes('client.merge')).length, 2, entries.join('\n'));
      await checkA11y(page, 'the survivor with its merged record');
    });

    const found = await call('POST', '/api/v1/clients/search', { full_name: personName });
    assert.equal(found.status, 200);
    assert.deepEqual(
      found.body.matches.map((m) => m.client_code),
      [first.body.client_code],
    );
  });
});
