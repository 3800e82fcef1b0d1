// The consultant's screen (issue 3) against the real server: an information call logged with the
// keyboard alone in under 30 seconds, a crisis call with a printable safety plan, a non-data call
// in one action, and a repeat caller recognised on the second contact.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { consultant, setUpServerAndBrowser, signInToLog } from './support.mjs';

const { server, open } = setUpServerAndBrowser();

/** Alt+N, then waits until the server draft exists (the badge shows). */
async function newContact(page) {
  await page.keyboard.press('Alt+n');
  await page.getByText('Draft: not finished yet').waitFor();
}

/** The id of the contact behind "Open the saved contact". */
async function savedId(page) {
  const href = await page.getByRole('link', { name: 'Open the saved contact' }).getAttribute('href');
  assert.match(href ?? '', /^#\/contacts\/[0-9a-f]{32}$/);
  return href.slice('#/contacts/'.length);
}

describe('hotline screen', () => {
  test('an anonymous information call is logged in under 30 seconds with the keyboard only', async (t) => {
    await open(t, async (page) => {
      const email = page.locator('#login-email');
      await email.waitFor();
      await page.keyboard.type(consultant.email);
      await page.keyboard.press('Tab');
      await page.keyboard.type(consultant.password);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Log a contact' }).waitFor();
      await page.locator('#contact-kind').waitFor();

      const started = Date.now();
      await page.keyboard.press('Alt+n'); // new contact: the timer runs, a draft is kept
      await page.getByText('Draft: not finished yet').waitFor();
      await page.keyboard.press('i'); // general information
      await page.keyboard.press('1'); // possible victim
      assert.equal(
        await page.locator('#contact-category button[data-code="general_information"]').getAttribute('aria-pressed'),
        'true',
      );
      assert.equal(await page.locator('#contact-caller-type').inputValue(), 'possible_victim');
      assert.equal(await page.locator('#contact-anonymous').isChecked(), true, 'anonymous by default');
      assert.match(await page.getByRole('timer').innerText(), /^\d\d:\d\d$/);
      await page.keyboard.press('Control+Enter');
      await page.getByText('Contact saved.').waitFor();
      const elapsed = (Date.now() - started) / 1000;
      t.diagnostic(`information call logged in ${elapsed.toFixed(1)} s`);
      assert.ok(elapsed < 30, `took ${elapsed} s`);

      const id = await savedId(page);
      await page.getByRole('navigation').getByRole('link', { name: 'Contacts' }).click();
      await page.locator(`a[href="#/contacts/${id}"]`).first().waitFor();
      // Finished: it is no longer among my drafts.
      const detail = await page.request.get(`${server.baseUrl}/api/v1/contacts/${id}`);
      const body = await detail.json();
      assert.equal(body.status, 'final');
      assert.equal(body.category, 'general_information');
      assert.equal(body.anonymous, true);
      assert.ok(body.duration_s >= 0);
    });
  });

  test('an anonymous crisis call with a safety plan, and its printed page', async (t) => {
    await open(t, async (page) => {
      await signInToLog(page);
      await newContact(page);
      await page.keyboard.press('c'); // crisis
      await page.keyboard.press('1');
      await page.locator('#contact-imminent-danger').check();
      await page.getByText('Crisis: after finishing, write the safety plan').waitFor();
      // Coded selects show the labels of GET /api/v1/codes, never raw codes.
      await page.locator('details.more-caller summary').click();
      await page.locator('#contact-gender').selectOption({ label: 'Feminine' });
      await page.locator('#contact-age-band').selectOption({ label: '18–24' });
      assert.equal(await page.locator('#contact-gender').inputValue(), 'Feminine');
      assert.equal(await page.locator('#contact-age-band').inputValue(), 'age_18_24');
      await page.keyboard.press('Control+Enter');
      await page.getByText('Contact saved.').waitFor();
      const id = await savedId(page);

      await page.getByRole('link', { name: 'Write the safety plan' }).click();
      await page.getByRole('heading', { level: 1, name: 'Safety plan' }).waitFor();
      const marker = `Plan ${Date.now()}: leave through the garden`;
      await page.locator('#plan-risks').fill('Employer holds the passport');
      await page.locator('#plan-options').fill(marker);
      await page.locator('#plan-code_word').fill('blue umbrella');
      await page.locator('#plan-emergency_numbers').fill('112');
      await page.getByRole('button', { name: 'Save the safety plan' }).click();
      await page.getByText('Safety plan saved.').waitFor();

      // The printed page: the plan alone, no navigation, no form.
      await page.evaluate(() => {
        window.__printed = 0;
        window.print = () => {
          window.__printed += 1;
        };
      });
      await page.getByRole('button', { name: 'Print' }).click();
      assert.equal(await page.evaluate(() => window.__printed), 1);
      await page.emulateMedia({ media: 'print' });
      const printed = page.locator('.plan-print');
      assert.equal(await printed.isVisible(), true);
      assert.match(await printed.innerText(), new RegExp(marker));
      assert.match(await printed.innerText(), /blue umbrella/);
      assert.equal(await page.locator('header.app-header').isVisible(), false, 'no navigation in print');
      assert.equal(await page.locator('.plan-form').isVisible(), false, 'no form in print');
      await page.emulateMedia({ media: 'screen' });

      // The contact links to its plan, prominently for a crisis.
      await page.goto(`${server.baseUrl}/#/contacts/${id}`);
      await page.locator('.safety-plan-link.prominent').getByRole('link', { name: 'Open the safety plan' }).waitFor();
      await page.getByText('Crisis', { exact: true }).waitFor();
    });
  });

  test('a non-data call is logged with one key and Enter', async (t) => {
    await open(t, async (page) => {
      await signInToLog(page);
      await newContact(page);
      await page.keyboard.press('n'); // non-data panel
      assert.equal(await page.locator('#contact-category').count(), 0, 'only the non-data fields');
      await page.keyboard.press('s'); // silent
      await page.keyboard.press('Enter');
      await page.getByText('Contact saved.').waitFor();
      const id = await savedId(page);
      const body = await (await page.request.get(`${server.baseUrl}/api/v1/contacts/${id}`)).json();
      assert.equal(body.kind, 'non_data');
      assert.equal(body.non_data_type, 'silent');
      assert.equal(body.status, 'final');
      await page.goto(`${server.baseUrl}/#/contacts/${id}`);
      await page.getByText('Silent call').waitFor();
    });
  });

  test('a repeat caller is recognised on the second contact', async (t) => {
    await open(t, async (page) => {
      await signInToLog(page);
      const local = String(Date.now() % 100000000).padStart(8, '0');
      await newContact(page);
      await page.keyboard.press('i');
      await page.keyboard.press('1');
      await page.locator('#contact-caller-identifier').fill(`+31 6 ${local.slice(0, 4)} ${local.slice(4)}`);
      await page.locator('#contact-caller-identifier').press('Tab');
      await page.getByText('No earlier contacts from this caller.').waitFor();
      await page.keyboard.press('Control+Enter');
      await page.getByText('Contact saved.').waitFor();
      const first = await savedId(page);

      await newContact(page);
      await page.keyboard.press('i');
      await page.keyboard.press('2');
      await page.locator('#contact-caller-identifier').fill(`+316${local}`);
      await page.locator('#contact-caller-identifier').press('Tab');
      const box = page.locator('.repeat-caller');
      await box.getByText('Repeat caller – earlier contacts: 1').waitFor();
      await box.locator(`a[href="#/contacts/${first}"]`).waitFor();
      await page.keyboard.press('Control+Enter');
      await page.getByText('Contact saved.').waitFor();
      const second = await savedId(page);

      // The second contact's page shows the repeat-caller box; the number is never in a URL.
      await page.goto(`${server.baseUrl}/#/contacts/${second}`);
      await page.locator('.repeat-caller').getByText('Repeat caller – earlier contacts: 1').waitFor();
      assert.equal(page.url().includes(local), false);
    });
  });
});
