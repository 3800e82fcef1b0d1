// Caller flags and corrections against the real server: a supervisor flags a caller from the
// consultant's screen, a consultant logging the same caller sees the flag (and no controls), the
// supervisor removes it from the contact's page; a finished contact is corrected by its author,
// a stale correction gets the conflict message (409), and a correction the role may not make
// gets a plain explanation (403).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { apiSession, consultant, setUpServerAndBrowser, signIn, signInToLog } from './support.mjs';

const supervisor = {
  email: 'flag-supervisor@example.org',
  password: 'amber lantern 42 quietly',
  name: 'Flag Supervisor',
};

const { server, open } = setUpServerAndBrowser({ users: [{ ...supervisor, role: 'supervisor' }] });

// The fields a PUT /contacts/{id} accepts (additionalProperties: false).
const updatable = [
  'status', 'kind', 'non_data_type', 'channel', 'started_at', 'duration_s', 'category', 'caller_type', 'anonymous',
  'caller_gender', 'caller_age_band', 'language', 'caller_country', 'caller_region', 'destination_country',
  'exploitation', 'industry', 'indicators', 'imminent_danger', 'assistance', 'referral_agency_ids', 'outcome',
  'follow_up_needed', 'follow_up_due', 'summary', 'caller_identifier',
];
const updateBody = (contact, changes) => ({
  ...Object.fromEntries(updatable.filter((k) => contact[k] !== undefined && contact[k] !== null).map((k) => [k, contact[k]])),
  ...changes,
  version: contact.version,
});

/** Types the caller identifier and leaves the field, which looks the caller up. */
async function lookUp(page, identifier) {
  await page.locator('#contact-caller-identifier').fill(identifier);
  await page.locator('#contact-caller-identifier').press('Tab');
}

/** An information call, finished with Ctrl+Enter; returns the saved contact's id. */
async function logInformationCall(page, identifier) {
  await page.keyboard.press('Alt+n');
  await page.getByText('Draft: not finished yet').waitFor();
  await page.keyboard.press('i');
  await page.keyboard.press('1');
  if (identifier !== undefined) await lookUp(page, identifier);
  await page.keyboard.press('Control+Enter');
  await page.getByText('Contact saved.').waitFor();
  const href = await page.getByRole('link', { name: 'Open the saved contact' }).getAttribute('href');
  assert.match(href ?? '', /^#\/contacts\/[0-9a-f]{32}$/);
  return href.slice('#/contacts/'.length);
}

const atRisk = 'Caller at risk: handle with care';

describe('caller flags', () => {
  test('a supervisor flags a caller, a consultant sees the flag, the supervisor removes it', async (t) => {
    const local = String(Date.now() % 100000000).padStart(8, '0');
    const typed = `+31 6 ${local.slice(0, 4)} ${local.slice(4)}`;
    const urls = [];
    let contactId;

    await t.test('the supervisor flags the caller on the consultant’s screen', async (t) => {
      await open(t, async (page) => {
        page.on('request', (r) => urls.push(r.url()));
        await signInToLog(page, supervisor);
        await lookUp(page, typed);
        await page.getByText('No earlier contacts from this caller.').waitFor();
        await page.locator('summary', { hasText: 'Flag this caller' }).click();

        // Saved without a flag, then with an expiry beyond two years: told what to do instead.
        await page.getByRole('button', { name: 'Save flag' }).click();
        await page.getByText('Choose a flag from the list, then save again.').waitFor();
        await page.locator('#caller-flag-code').selectOption({ label: atRisk });
        const expires = page.locator('#caller-flag-expires');
        const initial = await expires.inputValue();
        const in90 = new Date();
        in90.setDate(in90.getDate() + 90);
        const pad = (n) => String(n).padStart(2, '0');
        assert.equal(initial, `${in90.getFullYear()}-${pad(in90.getMonth() + 1)}-${pad(in90.getDate())}`, '90 days');
        const tooLate = `${new Date().getFullYear() + 3}-01-01`;
        await expires.fill(tooLate);
        await page.getByRole('button', { name: 'Save flag' }).click();
        await page.getByText('Choose a last day between tomorrow and two years from today').waitFor();

        await expires.fill(initial);
        await expires.press('Enter'); // saves the flag; it does not finish the contact
        await page.getByText(`Flag set: ${atRisk}, until`).waitFor();
        const box = page.locator('.repeat-caller');
        await box.locator('.flag', { hasText: atRisk }).waitFor();
        await box.getByRole('button', { name: `Remove flag: ${atRisk}` }).waitFor();
        assert.equal(await page.getByText('Contact saved.').count(), 0);
      });
    });

    await t.test('a consultant logging the same caller sees the flag and no flag controls', async (t) => {
      await open(t, async (page) => {
        page.on('request', (r) => urls.push(r.url()));
        await signInToLog(page);
        await page.keyboard.press('Alt+n');
        await page.getByText('Draft: not finished yet').waitFor();
        await page.keyboard.press('i');
        await page.keyboard.press('1');
        await lookUp(page, `+316${local}`);
        const box = page.locator('.repeat-caller');
        await box.locator('.flag', { hasText: atRisk }).waitFor();
        assert.equal(await page.locator('summary', { hasText: 'Flag this caller' }).count(), 0);
        assert.equal(await box.getByRole('button', { name: /Remove/ }).count(), 0);
        await page.keyboard.press('Control+Enter');
        await page.getByText('Contact saved.').waitFor();
        const href = await page.getByRole('link', { name: 'Open the saved contact' }).getAttribute('href');
        contactId = href.slice('#/contacts/'.length);

        // The contact's page shows the flag, still without controls.
        await page.goto(`${server.baseUrl}/#/contacts/${contactId}`);
        await page.locator('.repeat-caller .flag', { hasText: atRisk }).waitFor();
        assert.equal(await page.locator('summary', { hasText: 'Flag this caller' }).count(), 0);
        assert.equal(await page.getByRole('button', { name: /Remove/ }).count(), 0);
      });
    });

    await t.test('the supervisor removes the flag from the contact’s page', async (t) => {
      await open(t, async (page) => {
        page.on('request', (r) => urls.push(r.url()));
        await signIn(page, supervisor);
        await page.getByRole('heading', { level: 1, name: 'Log a contact' }).waitFor();
        await page.goto(`${server.baseUrl}/#/contacts/${contactId}`);
        const box = page.locator('.repeat-caller');
        await box.locator('.flag', { hasText: atRisk }).waitFor();
        await box.getByRole('button', { name: `Remove flag: ${atRisk}` }).click();
        await page.getByText(`Flag removed: ${atRisk}. Consultants no longer see it for this caller.`).waitFor();
        assert.equal(await box.locator('.flag').count(), 0);
      });
    });

    await t.test('the consultant no longer sees it', async (t) => {
      await open(t, async (page) => {
        await signInToLog(page);
        await lookUp(page, typed);
        await page.locator('.repeat-caller').getByText('Repeat caller – earlier contacts: 1').waitFor();
        assert.equal(await page.locator('.repeat-caller .flag').count(), 0);
      });
    });

    // The identifier travelled in POST bodies only.
    assert.ok(urls.length > 0);
    for (const url of urls) assert.equal(url.includes(local), false, url);
  });
});

describe('the supervisor’s list of flagged callers', () => {
  test('lists a flag with its contacts and no number, and removes it after a confirmation', async (t) => {
    const local = String((Date.now() + 7) % 100000000).padStart(8, '0');
    const identifier = `+316${local}`;
    const call = await apiSession(server.baseUrl, supervisor);
    const created = await call('POST', '/api/v1/contacts', {
      channel: 'phone',
      started_at: new Date(Date.now() - 600_000).toISOString(),
      duration_s: 60,
      caller_type: 'client',
      anonymous: true,
      language: 'en',
      category: 'general_information',
      caller_identifier: identifier,
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const until = new Date(Date.now() + 30 * 86400_000).toISOString();
    const flagged = await call('POST', '/api/v1/callers/flags', {
      caller_identifier: identifier,
      flag: 'repeated_prank',
      expires_at: until,
    });
    assert.equal(flagged.status, 200, JSON.stringify(flagged.body));

    await open(t, async (page) => {
      await signIn(page, supervisor);
      await page.getByRole('navigation').getByRole('link', { name: 'Supervision' }).click();
      await page.getByRole('heading', { level: 1, name: 'Supervision' }).waitFor();
      const list = page.locator('section.flagged-callers');
      await list.getByRole('heading', { level: 2, name: 'Flagged callers' }).waitFor();
      const row = list.locator('tbody tr', { hasText: 'Repeated prank calls' });
      await row.waitFor();
      assert.equal(await row.count(), 1);
      assert.equal((await row.locator('td.num').innerText()).trim(), '1', 'one contact of this caller');
      assert.match((await row.innerText()), /Flag Supervisor/, 'who set it, by name');
      const latest = await row.getByRole('link', { name: /Open the latest contact/ }).getAttribute('href');
      assert.equal(latest, `#/contacts/${created.body.id}`);
      assert.equal(await page.getByText(local.slice(-4)).count(), 0, 'never the caller’s number');

      // Dismissed, nothing happens; accepted, the flag goes.
      page.once('dialog', (d) => void d.dismiss());
      await row.getByRole('button', { name: /Remove the flag Repeated prank calls/ }).click();
      assert.equal(await row.count(), 1);
      page.once('dialog', (d) => void d.accept());
      await row.getByRole('button', { name: /Remove the flag Repeated prank calls/ }).click();
      await page.getByText('Flag removed: Repeated prank calls. Consultants no longer see it for this caller.').waitFor();
      await list.locator('tbody tr', { hasText: 'Repeated prank calls' }).waitFor({ state: 'detached' });
    });
    const lookup = await call('POST', '/api/v1/callers/lookup', { caller_identifier: identifier });
    assert.equal(lookup.status, 200, JSON.stringify(lookup.body));
    assert.deepEqual(lookup.body.flags, [], 'removed on the server too');
  });
});

describe('correcting a finished contact', () => {
  test('the author corrects a finished contact; only what was changed changes', async (t) => {
    await open(t, async (page) => {
      await signInToLog(page);
      const id = await logInformationCall(page);
      const before = await (await page.request.get(`${server.baseUrl}/api/v1/contacts/${id}`)).json();

      await page.getByRole('link', { name: 'Open the saved contact' }).click();
      await page.getByRole('link', { name: 'Correct this contact' }).click();
      await page.getByRole('heading', { level: 1, name: 'Correct a finished contact' }).waitFor();
      assert.equal(
        await page.locator('#contact-category button[data-code="general_information"]').getAttribute('aria-pressed'),
        'true',
        'the form holds the stored contact',
      );
      assert.equal(await page.getByRole('button', { name: 'Save draft' }).count(), 0, 'never a draft again');
      const marker = `Corrected ${Date.now()}: the caller asked about visas`;
      await page.locator('#contact-summary').fill(marker);
      await page.getByRole('button', { name: 'Save the correction' }).click();
      await page.getByText('Correction saved.').waitFor();

      const after = await (await page.request.get(`${server.baseUrl}/api/v1/contacts/${id}`)).json();
      assert.equal(after.summary, marker);
      assert.equal(after.status, 'final');
      assert.equal(after.version, before.version + 1);
      assert.equal(after.started_at, before.started_at, 'the start time keeps its seconds');
      assert.equal(after.duration_s, before.duration_s, 'the duration keeps its seconds');
      assert.equal(after.category, 'general_information');

      await page.getByRole('link', { name: 'Open the saved contact' }).click();
      await page.getByText(marker).waitFor();
    });
  });

  test('a correction made stale by someone else gets the conflict message, then succeeds after reloading', async (t) => {
    let id;
    await open(t, async (page) => {
      await signInToLog(page);
      id = await logInformationCall(page);
    });
    await open(t, async (page) => {
      await signIn(page, supervisor);
      await page.getByRole('heading', { level: 1, name: 'Log a contact' }).waitFor();
      await page.goto(`${server.baseUrl}/#/contacts/${id}`);
      await page.getByRole('link', { name: 'Correct this contact' }).click();
      await page.getByRole('heading', { level: 1, name: 'Correct a finished contact' }).waitFor();
      await page.locator('#contact-summary').fill('The supervisor’s correction');

      // Meanwhile the author corrects it too.
      const call = await apiSession(server.baseUrl, consultant);
      const current = (await call('GET', `/api/v1/contacts/${id}`)).body;
      const put = await call('PUT', `/api/v1/contacts/${id}`, updateBody(current, { summary: 'The author’s correction' }));
      assert.equal(put.status, 200, JSON.stringify(put.body));

      await page.getByRole('button', { name: 'Save the correction' }).click();
      await page.getByText('Someone else changed this contact since you opened it').waitFor();
      let stored = (await call('GET', `/api/v1/contacts/${id}`)).body;
      assert.equal(stored.summary, 'The author’s correction', 'nothing stored from the stale form');

      await page.getByRole('button', { name: 'Reload the contact' }).click();
      await page.getByText('The contact was reloaded with the latest changes.').waitFor();
      assert.equal(await page.locator('#contact-summary').inputValue(), 'The author’s correction');
      await page.locator('#contact-summary').fill('The supervisor’s correction');
      await page.getByRole('button', { name: 'Save the correction' }).click();
      await page.getByText('Correction saved.').waitFor();
      stored = (await call('GET', `/api/v1/contacts/${id}`)).body;
      assert.equal(stored.summary, 'The supervisor’s correction');
    });
  });

  test('a consultant is not offered, and not allowed, to correct someone else’s contact', async (t) => {
    const call = await apiSession(server.baseUrl, supervisor);
    const created = await call('POST', '/api/v1/contacts', {
      channel: 'phone',
      started_at: new Date(Date.now() - 600_000).toISOString(),
      duration_s: 120,
      caller_type: 'friend',
      anonymous: true,
      language: 'en',
      category: 'general_information',
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id = created.body.id;

    await open(t, async (page) => {
      await signInToLog(page);
      await page.goto(`${server.baseUrl}/#/contacts/${id}`);
      await page.getByRole('heading', { level: 1, name: 'Contact details' }).waitFor();
      await page.getByText('Friend', { exact: true }).waitFor();
      assert.equal(await page.getByRole('link', { name: 'Correct this contact' }).count(), 0);

      // Typed into the address bar anyway: the server refuses, the screen explains.
      await page.goto(`${server.baseUrl}/#/contacts/${id}/correct`);
      await page.getByRole('heading', { level: 1, name: 'Correct a finished contact' }).waitFor();
      await page.getByRole('button', { name: 'Save the correction' }).click();
      await page.getByText('You may not correct this contact.').waitFor();
      const stored = (await call('GET', `/api/v1/contacts/${id}`)).body;
      assert.equal(stored.version, created.body.version);
    });
  });
});
