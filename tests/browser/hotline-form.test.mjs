// The consultant's form as the browser review found it wanting: autosave (one draft, then its
// versions), the question before a filled form is replaced, Discard draft, the warning before
// leaving unsaved input, the confirmation in view after finishing, a non-data call without the
// timer, the keyboard path (one Tab stop per row of buttons, focus moving on, jump keys) and
// axe-core on the form with its disclosures open.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertNoSeriousA11yViolations } from './axe.mjs';
import { apiSession, consultant, setUpServerAndBrowser, signInToLog } from './support.mjs';

const { server, open } = setUpServerAndBrowser();

const activeId = (page) => page.evaluate(() => document.activeElement?.id ?? '');
const activeMatches = (page, selector) => page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector);

/** My drafts as the server lists them. */
async function myDrafts() {
  const call = await apiSession(server.baseUrl, consultant);
  const { status, body } = await call('GET', '/api/v1/contacts/drafts');
  assert.equal(status, 200);
  return body.items;
}

/** Counts the requests to the contacts API by method, from now on. */
function countContactWrites(page) {
  const seen = { POST: 0, PUT: 0, DELETE: 0 };
  page.on('request', (request) => {
    if (/\/api\/v1\/contacts(\/[0-9a-f]{32})?$/.test(new URL(request.url()).pathname) && request.method() in seen) {
      seen[request.method()] += 1;
    }
  });
  return seen;
}

describe('hotline form', () => {
  test('autosave keeps one draft on the server, then changes it with the version it got back', async (t) => {
    await open(t, async (page) => {
      await signInToLog(page);
      const before = (await myDrafts()).length;
      const writes = countContactWrites(page);
      await page.keyboard.press('i'); // no "New contact": the first change creates the draft
      await page.keyboard.press('1');
      await page.getByText(/^Draft saved \d\d:\d\d$/).waitFor();
      const marker = `Autosave ${Date.now()}`;
      await page.locator('#contact-summary').fill(marker);
      await page.locator('#contact-summary').press('End');
      await page.keyboard.type(' and more', { delay: 50 }); // typing: no save between the keys
      await page.waitForFunction(() => document.querySelector('.autosave-status')?.textContent?.startsWith('Draft saved'));
      await page.waitForTimeout(2500); // the debounce has passed
      await page.getByText(/^Draft saved \d\d:\d\d$/).waitFor();
      assert.equal(writes.POST, 1, 'one POST');
      assert.ok(writes.PUT >= 1 && writes.PUT <= 3, `a few PUTs, not one per key: ${writes.PUT}`);
      const drafts = await myDrafts();
      assert.equal(drafts.length, before + 1, 'exactly one draft more');
      const call = await apiSession(server.baseUrl, consultant);
      const stored = (await call('GET', `/api/v1/contacts/${drafts[0].id}`)).body;
      assert.equal(stored.status, 'draft');
      assert.equal(stored.category, 'general_information');
      assert.equal(stored.summary, `${marker} and more`);
      assert.equal(stored.version, 1 + writes.PUT);

      // Changed elsewhere (a second tab): the next autosave reloads the version and wins.
      const fields = ['status', 'kind', 'channel', 'started_at', 'duration_s', 'caller_type', 'anonymous', 'language', 'category'];
      const elsewhere = await call('PUT', `/api/v1/contacts/${stored.id}`, {
        ...Object.fromEntries(fields.map((k) => [k, stored[k]])),
        summary: 'changed in another tab',
        version: stored.version,
      });
      assert.equal(elsewhere.status, 200, JSON.stringify(elsewhere.body));
      await page.locator('#contact-summary').press('End');
      await page.keyboard.type('!');
      await page.waitForFunction((v) => document.querySelector('.autosave-status')?.textContent?.startsWith('Draft saved') && v, true);
      await page.waitForTimeout(2500);
      const after = (await call('GET', `/api/v1/contacts/${stored.id}`)).body;
      assert.equal(after.summary, `${marker} and more!`);
      assert.equal((await myDrafts()).length, before + 1, 'still one draft');
    });
  });

  test('leaving with unsaved input asks first', async (t) => {
    await open(t, async (page) => {
      await signInToLog(page);
      await page.locator('#contact-summary').click();
      await page.keyboard.type('Not saved yet');
      const asked = page.waitForEvent('dialog');
      void page.close({ runBeforeUnload: true });
      const dialog = await asked;
      assert.equal(dialog.type(), 'beforeunload');
      await dialog.dismiss();
    });
  });

  test('New contact asks before it replaces a filled form, which stays in My drafts', async (t) => {
    await open(t, async (page) => {
      await signInToLog(page);
      const before = (await myDrafts()).length;
      await page.keyboard.press('Alt+n');
      await page.getByText('Draft: not finished yet').waitFor();
      await page.keyboard.press('l');
      await page.keyboard.press('Alt+n');
      const question = page.getByRole('alertdialog', { name: 'Start a new contact?' });
      await question.waitFor();
      await page.keyboard.press('Escape'); // stays
      await question.waitFor({ state: 'detached' });
      assert.equal(await page.locator('#contact-category [data-code="training_request"]').getAttribute('aria-pressed'), 'true');
      await page.getByRole('button', { name: 'New contact' }).click();
      await question.getByRole('button', { name: 'Keep it as a draft and start a new contact' }).click();
      await page.getByText('New contact started').waitFor();
      // The notice and the emptied form come in the same change; under load the form's buttons may
      // render a moment after the notice.
      await page.waitForFunction(() => document.querySelectorAll('#contact-category [aria-pressed="true"]').length === 0, null, { timeout: 5000 });
      await page.locator('.my-drafts li').first().waitFor();
      const drafts = await myDrafts();
      assert.equal(drafts.length, before + 2, 'the kept one and the new one');
      assert.equal(drafts.filter((d) => d.category === 'training_request').length, 1);
    });
  });

  test('Discard draft deletes the draft the form is tied to', async (t) => {
    await open(t, async (page) => {
      await signInToLog(page);
      await page.keyboard.press('Alt+n');
      await page.getByText('Draft: not finished yet').waitFor();
      await page.keyboard.press('p');
      await page.keyboard.press('Control+s');
      await page.getByText('Draft saved.').waitFor();
      const id = (await myDrafts()).find((d) => d.category === 'professional_consultation')?.id;
      assert.ok(id);
      await page.getByRole('button', { name: 'Discard draft' }).click();
      await page.getByRole('alertdialog', { name: 'Discard this draft?' }).getByRole('button', { name: 'Discard the draft' }).click();
      await page.getByText('The draft was discarded.').waitFor();
      assert.equal(await activeId(page), 'contact-status');
      assert.equal((await myDrafts()).some((d) => d.id === id), false);
      const call = await apiSession(server.baseUrl, consultant);
      assert.equal((await call('GET', `/api/v1/contacts/${id}`)).status, 404);
    });
  });

  test('after finishing from the lower form, the confirmation is in view and has the focus', async (t) => {
    await open(t, async (page) => {
      await signInToLog(page);
      await page.keyboard.press('Alt+n');
      await page.getByText('Draft: not finished yet').waitFor();
      await page.keyboard.press('c');
      await page.keyboard.press('1');
      await page.locator('#contact-summary').fill('Finished from the bottom of the form');
      await page.locator('#contact-duration').focus();
      await page.keyboard.press('Control+Enter');
      await page.getByText('Contact saved.').waitFor();
      await page.waitForFunction(() => document.activeElement?.id === 'contact-status');
      const box = await page.locator('#contact-status .notice').boundingBox();
      const viewport = page.viewportSize();
      assert.ok(box && box.y >= 0 && box.y + box.height <= viewport.height, `in view: ${JSON.stringify(box)}`);
    });
  });

  test('a non-data call is logged without the call timer: N, S, Enter', async (t) => {
    await open(t, async (page) => {
      await signInToLog(page);
      await page.keyboard.press('n');
      await page.keyboard.press('s');
      await page.keyboard.press('Enter');
      await page.getByText('Contact saved.').waitFor();
      const href = await page.getByRole('link', { name: 'Open the saved contact' }).getAttribute('href');
      const call = await apiSession(server.baseUrl, consultant);
      const body = (await call('GET', `/api/v1/contacts/${href.slice('#/contacts/'.length)}`)).body;
      assert.equal(body.kind, 'non_data');
      assert.equal(body.status, 'final');
      assert.ok(Number.isInteger(body.duration_s) && body.duration_s >= 0);
    });
  });

  test('each row of buttons is one Tab stop, with the arrow keys inside', async (t) => {
    await open(t, async (page) => {
      await signInToLog(page);
      await page.locator('#contact-kind-data').focus();
      await page.keyboard.press('Tab');
      assert.ok(await activeMatches(page, '#contact-category button'), 'Tab: into the category row');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      assert.equal(await page.evaluate(() => document.activeElement?.dataset.code), 'referral_request');
      await page.keyboard.press('End');
      await page.keyboard.press('Home');
      assert.equal(await page.evaluate(() => document.activeElement?.dataset.code), 'crisis');
      await page.keyboard.press('Tab');
      assert.ok(await activeMatches(page, '#contact-caller-type-keys button'), 'Tab: the caller-type row next');
      await page.keyboard.press('Tab');
      assert.equal(await activeId(page), 'contact-caller-type');

      // The tip's destination: a handful of Tabs from the kind switch, not 26.
      await page.locator('#contact-kind-data').focus();
      await page.keyboard.press('t');
      await page.locator('#contact-kind-data').focus();
      let tabs = 0;
      while (!(await activeMatches(page, '#contact-destination')) && tabs < 30) {
        await page.keyboard.press('Tab');
        tabs += 1;
      }
      t.diagnostic(`Tabs from the kind switch to Destination country: ${tabs}`);
      assert.ok(tabs <= 10, `${tabs} Tabs`);
      // From the forms of exploitation to the outcome: sectors and indicators are closed.
      await page.locator('#contact-exploitation input').last().focus();
      tabs = 0;
      while (!(await activeMatches(page, '#contact-outcome')) && tabs < 40) {
        await page.keyboard.press('Tab');
        tabs += 1;
      }
      t.diagnostic(`Tabs from the last form of exploitation to Outcome: ${tabs}`);
      assert.ok(tabs <= 6, `${tabs} Tabs`);
    });
  });

  test('an anonymous tip with destination, exploitation and outcome in under 20 key presses', async (t) => {
    await open(t, async (page) => {
      await signInToLog(page);
      let presses = 0;
      const press = async (key) => {
        presses += 1;
        await page.keyboard.press(key);
      };
      await press('Alt+n');
      await page.getByText('Draft: not finished yet').waitFor();
      await press('t'); // tip: the focus moves on to the caller type
      assert.ok(await activeMatches(page, '#contact-caller-type-keys button'));
      await press('1'); // possible victim: the focus moves on to the tip's details
      assert.equal(await activeId(page), 'contact-destination');
      await press('r'); // the destination by its name's first letters
      await press('o');
      const destination = await page.locator('#contact-destination').inputValue();
      assert.equal(destination, 'RO');
      await press('Tab'); // the first form of exploitation
      assert.ok(await activeMatches(page, '#contact-exploitation input[type="checkbox"]'));
      const exploitation = await page.evaluate(() => document.activeElement.value);
      await press(' ');
      await press('Alt+o'); // jump to the outcome
      assert.equal(await activeId(page), 'contact-outcome');
      await press('ArrowDown');
      const outcome = await page.locator('#contact-outcome').inputValue();
      assert.notEqual(outcome, '');
      await press('Alt+m'); // jump to the summary, typed (not counted)
      assert.equal(await activeId(page), 'contact-summary');
      await page.keyboard.type('Tip about a cleaning agency.');
      await press('Control+Enter');
      await page.getByText('Contact saved.').waitFor();
      t.diagnostic(`key presses besides the summary: ${presses}`);
      assert.ok(presses < 20, `${presses} key presses`);

      const href = await page.getByRole('link', { name: 'Open the saved contact' }).getAttribute('href');
      const call = await apiSession(server.baseUrl, consultant);
      const body = (await call('GET', `/api/v1/contacts/${href.slice('#/contacts/'.length)}`)).body;
      assert.equal(body.status, 'final');
      assert.equal(body.category, 'tip');
      assert.equal(body.caller_type, 'possible_victim');
      assert.equal(body.anonymous, true);
      assert.equal(body.destination_country, destination);
      assert.deepEqual(body.exploitation, [exploitation]);
      assert.equal(body.outcome, outcome);
      assert.equal(body.summary, 'Tip about a cleaning agency.');
    });
  });

  test('axe finds no serious or critical violation, disclosures and question open too', async (t) => {
    await open(t, async (page) => {
      await signInToLog(page);
      await page.keyboard.press('Alt+n');
      await page.getByText('Draft: not finished yet').waitFor();
      await page.keyboard.press('t');
      await assertNoSeriousA11yViolations(page);
      for (const summary of await page.locator('details > summary').all()) await summary.click();
      await page.locator('#contact-industry').waitFor();
      await page.locator('#contact-indicators').waitFor();
      await page.locator('.shortcut-help dl').waitFor();
      await assertNoSeriousA11yViolations(page);
      await page.getByRole('button', { name: 'Discard draft' }).click();
      await page.getByRole('alertdialog').waitFor();
      await assertNoSeriousA11yViolations(page);
    });
  });
});
