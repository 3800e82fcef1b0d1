// End-to-end tests of the web UI against the real server (see support.mjs for the set-up).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { consultant, setUpServerAndBrowser, signIn, tabTo } from './support.mjs';

const { open } = setUpServerAndBrowser();

async function fillContact(page, { minutes, summary }) {
  // A finished data contact needs its category (issue 3).
  await page.locator('#contact-category button[data-code="general_information"]').click();
  await page.locator('#contact-channel').selectOption('phone');
  await page.locator('#contact-duration').fill(String(minutes));
  await page.locator('#contact-caller-type').selectOption('possible_victim');
  await page.locator('#contact-summary').fill(summary);
}

describe('web UI', () => {
  test('log in, log a contact, find it in the list, open it, log out', async (t) => {
    await open(t, async (page) => {
      await signIn(page);
      const header = page.locator('header');
      await header.getByText(consultant.name).waitFor();
      await header.getByText(consultant.organisation).waitFor();
      await page.getByRole('heading', { level: 1, name: 'Log a contact' }).waitFor();

      const summary = `Browser test a ${Date.now()}: caller asked about work permits`;
      await fillContact(page, { minutes: 12, summary });
      await page.locator('#contact-summary').press('Control+Enter');
      await page.getByText('Contact saved.').waitFor();
      assert.equal(await page.locator('#contact-summary').inputValue(), '', 'the form is reset');
      const href = await page.getByRole('link', { name: 'Open the saved contact' }).getAttribute('href');
      assert.match(href ?? '', /^#\/contacts\/.+/);

      await page.getByRole('navigation').getByRole('link', { name: 'Contacts' }).click();
      const row = page.locator(`table tbody tr:has(a[href="${href}"])`);
      await row.waitFor();
      assert.match(await row.innerText(), /Phone/);
      assert.match(await row.innerText(), /Possible victim/);
      assert.match(await row.innerText(), /12 min/);

      await row.click();
      await page.getByRole('heading', { level: 1, name: 'Contact details' }).waitFor();
      await page.getByText(summary).waitFor();

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('heading', { level: 1, name: 'Sign in to Strada' }).waitFor();
      await page.getByText('You have signed out.').waitFor();
    });
  });

  test('a wrong password shows what to do', async (t) => {
    await open(t, async (page) => {
      await signIn(page, { password: 'not the password' });
      const alert = page.getByRole('alert');
      await alert.waitFor();
      assert.equal(
        (await alert.innerText()).trim(),
        'The e-mail or password is not right. Check them and try again.',
      );
      assert.equal(await page.locator('#login-password').evaluate((el) => el === document.activeElement), true);
    });
  });

  test('a rejected duration is shown next to the duration input', async (t) => {
    await open(t, async (page) => {
      await signIn(page);
      await page.locator('#contact-channel').waitFor();
      await fillContact(page, { minutes: 100000, summary: 'Browser test c: too long' });
      await page.getByRole('button', { name: 'Finish and save contact' }).click();

      const error = page.locator('#contact-duration-error');
      await error.waitFor();
      assert.notEqual((await error.innerText()).trim(), '', 'the server message is shown');
      const duration = page.locator('#contact-duration');
      assert.equal(await duration.getAttribute('aria-invalid'), 'true');
      assert.match((await duration.getAttribute('aria-describedby')) ?? '', /contact-duration-error/);
      assert.equal(await duration.evaluate((el) => el === document.activeElement), true, 'focus on the field');
      assert.equal(await duration.inputValue(), '100000', 'what was typed is kept');
      await page.getByText('The contact was not saved.', { exact: false }).waitFor();
    });
  });

  test('switching the language to Dutch translates the navigation and is remembered', async (t) => {
    await open(t, async (page) => {
      await signIn(page);
      const nav = page.getByRole('navigation');
      await nav.getByRole('link', { name: 'Log a contact' }).waitFor();

      await page.getByLabel('Language', { exact: true }).selectOption('nl');
      await nav.getByRole('link', { name: 'Contact vastleggen' }).waitFor();
      await nav.getByRole('link', { name: 'Contacten' }).waitFor();
      assert.equal(await page.getAttribute('html', 'lang'), 'nl');
      await page.getByRole('button', { name: 'Uitloggen' }).waitFor();

      await page.reload();
      await page.getByRole('navigation').getByRole('link', { name: 'Contact vastleggen' }).waitFor();
    });
  });

  test('sign in and log a contact with the keyboard only', async (t) => {
    await open(t, async (page) => {
      const email = page.locator('#login-email');
      await email.waitFor();
      assert.equal(await email.evaluate((el) => el === document.activeElement), true, 'e-mail has focus');
      await page.keyboard.type(consultant.email);
      await page.keyboard.press('Tab');
      await page.keyboard.type(consultant.password);
      await page.keyboard.press('Enter');

      await page.getByRole('heading', { level: 1, name: 'Log a contact' }).waitFor();
      await page.locator('#contact-channel').waitFor();
      // The category row is one Tab stop; the arrow keys move inside it.
      await tabTo(page, '#contact-category button');
      for (let i = 0; i < 9 && !(await page.evaluate(() => document.activeElement?.dataset.code === 'general_information')); i++) {
        await page.keyboard.press('ArrowRight');
      }
      await page.keyboard.press('Enter');
      // The consultant's screen (issue 3): caller type, channel, summary, then the duration.
      await tabTo(page, '#contact-caller-type');
      await page.keyboard.type('Possible');
      await tabTo(page, '#contact-channel');
      await page.keyboard.type('Phone');
      await tabTo(page, '#contact-summary');
      const summary = `Browser test e ${Date.now()}: keyboard only`;
      await page.keyboard.type(summary);
      await tabTo(page, '#contact-duration');
      await page.keyboard.type('7');
      assert.equal(await page.locator('#contact-channel').inputValue(), 'phone');
      assert.equal(await page.locator('#contact-caller-type').inputValue(), 'possible_victim');
      await page.keyboard.press('Control+Enter');
      await page.getByText('Contact saved.').waitFor();

      // The confirmation has the focus: its link is the next Tab stop.
      await tabTo(page, 'a[href^="#/contacts/"]');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Contact details' }).waitFor();
      await page.getByText(summary).waitFor();
    });
  });
});
