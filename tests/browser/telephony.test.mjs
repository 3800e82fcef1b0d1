// Telephony end to end: a PBX (this test, signing with node:crypto) posts an "answered" event for
// the consultant; the consultant finds the call's draft among their drafts with its start time,
// sees the repeat-caller note on its detail, completes it and finishes it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHmac, randomInt } from 'node:crypto';
import { describe, test } from 'node:test';
import { STRADA_BIN, consultant, setUpServerAndBrowser, signIn } from './support.mjs';

let line;

const { server, open } = setUpServerAndBrowser({ afterStart: addLine });

function addLine() {
  // The same command an administrator runs; it prints the id and, once, the secret.
  const out = execFileSync(
    STRADA_BIN,
    ['line', 'add', '--data', server.dataDir, '--org', 'NL', '--name', 'Browser test PBX'],
    { encoding: 'utf8' },
  );
  const id = /Added telephony line ([0-9a-f]{32})/.exec(out)?.[1];
  const secret = /Secret \(shown only this once\): ([A-Za-z0-9_-]{43})/.exec(out)?.[1];
  assert.ok(id && secret, `strada line add printed: ${out}`);
  line = { id, secret };
}

/** Posts one call event signed as docs/telephony.md says; resolves with the JSON answer. */
async function postEvent(event) {
  const body = JSON.stringify(event);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = createHmac('sha256', line.secret).update(`${timestamp}.${body}`).digest('hex');
  const response = await fetch(`${server.baseUrl}/api/v1/telephony/events`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-Strada-Line': line.id,
      'X-Strada-Timestamp': timestamp,
      'X-Strada-Signature': `sha256=${signature}`,
    },
    body,
  });
  const json = await response.json();
  assert.equal(response.status, 200, JSON.stringify(json));
  return json;
}

/** The en-GB text the UI shows for an instant (formatDateTime). */
const shown = (iso) =>
  new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

describe('telephony', () => {
  test('an answered call becomes the consultant’s draft, with the repeat caller, and is finished', async (t) => {
    const number = `+316${String(randomInt(10_000_000, 99_999_999))}`;
    // An earlier call from the same number, answered and ended.
    const earlierAt = new Date(Date.now() - 3 * 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');
    const first = await postEvent({
      event: 'answered', call_id: 'browser-1', at: earlierAt, caller_number: number, agent_email: consultant.email,
    });
    assert.match(first.contact_id, /^[0-9a-f]{32}$/);
    await postEvent({ event: 'ended', call_id: 'browser-1', at: new Date(Date.parse(earlierAt) + 90_000).toISOString() });

    // The call under test: rings, then the consultant answers it.
    const answeredAt = new Date(Date.now() - 20 * 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
    await postEvent({ event: 'offered', call_id: 'browser-2', at: answeredAt, caller_number: number });
    const second = await postEvent({
      event: 'answered', call_id: 'browser-2', at: answeredAt, caller_number: number, agent_email: consultant.email,
    });
    assert.match(second.contact_id, /^[0-9a-f]{32}$/);
    assert.notEqual(second.contact_id, first.contact_id);
    await postEvent({ event: 'ended', call_id: 'browser-2', at: new Date(Date.parse(answeredAt) + 7 * 60_000).toISOString() });

    await open(t, async (page) => {
      await signIn(page);
      await page.getByRole('heading', { level: 1, name: 'Log a contact' }).waitFor();

      // The drafts list shows the call by its start time.
      const drafts = page.locator('aside.my-drafts');
      const draftButton = drafts.getByRole('button', { name: `Continue the contact of ${shown(answeredAt)}` });
      await draftButton.waitFor();
      await drafts.getByRole('button', { name: `Continue the contact of ${shown(earlierAt)}` }).waitFor();

      // Its detail: a draft by phone, started when the call was answered, 7 minutes, repeat caller.
      await page.goto(`${server.baseUrl}/#/contacts/${second.contact_id}`);
      await page.getByRole('heading', { level: 1, name: 'Contact details' }).waitFor();
      await page.getByText('Draft: not finished yet').waitFor();
      await page.getByText('Repeat caller – earlier contacts: 1').waitFor();
      const details = await page.locator('dl.details').innerText();
      assert.match(details, new RegExp(shown(answeredAt).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
      assert.match(details, /Phone/);
      assert.match(details, /7 min/);

      // Complete and finish it from the form.
      await page.getByRole('navigation').getByRole('link', { name: 'Log a contact' }).click();
      await page.getByRole('heading', { level: 1, name: 'Log a contact' }).waitFor();
      await page.locator('aside.my-drafts').getByRole('button', { name: `Continue the contact of ${shown(answeredAt)}` }).click();
      await page.getByText('Draft opened. Finish it when it is complete.').waitFor();
      await page.locator('#contact-category').getByRole('button', { name: /Safe-migration advice/ }).click();
      await page.locator('#contact-caller-type').selectOption('possible_victim');
      await page.locator('#contact-language').selectOption('en');
      await page.getByRole('button', { name: 'Finish and save contact' }).click();
      await page.getByText('Contact saved.').waitFor();

      // Finished: out of the drafts, and final on its detail with the call's start and duration.
      // (The list reloads after the save: wait for the finished call to leave it.)
      await page.locator('aside.my-drafts').getByRole('button', { name: `Continue the contact of ${shown(earlierAt)}` }).waitFor();
      await page
        .locator('aside.my-drafts')
        .getByRole('button', { name: `Continue the contact of ${shown(answeredAt)}` })
        .waitFor({ state: 'detached' });
      await page.goto(`${server.baseUrl}/#/contacts/${second.contact_id}`);
      await page.getByRole('heading', { level: 1, name: 'Contact details' }).waitFor();
      await page.getByText('Repeat caller – earlier contacts: 1').waitFor();
      assert.equal(await page.getByText('Draft: not finished yet').count(), 0);
    });
  });
});
