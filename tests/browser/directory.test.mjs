// The partner-agency directory in the browser: a supervisor adds a shelter with a confidential
// address; a consultant finds it in the directory and sees "Confidential address", never the
// address itself, in the list or in the agency's own page.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setUpServerAndBrowser, signIn } from './support.mjs';

const supervisor = {
  email: 'directory.supervisor@example.org',
  password: 'quiet lantern harbour 7',
  name: 'Directory Supervisor',
};

const { open } = setUpServerAndBrowser({ users: [{ ...supervisor, role: 'supervisor' }] });

describe('directory', () => {
  const name = `Shelter North ${Date.now()} (test)`;
  const secret = `Hidden Lane ${Date.now() % 100000}`;

  test('a supervisor adds a shelter with a confidential address', async (t) => {
    await open(t, async (page) => {
      await signIn(page, { email: supervisor.email, password: supervisor.password });
      await page.getByRole('navigation').getByRole('link', { name: 'Directory' }).click();
      await page.getByRole('heading', { level: 1, name: 'Directory of partner agencies' }).waitFor();
      await page.getByRole('link', { name: 'Add an agency' }).click();
      await page.getByRole('heading', { level: 1, name: 'Add an agency' }).waitFor();
      await page.locator('#agency-name').fill(name);
      await page.locator('#agency-type').selectOption('shelter');
      await page.locator('#agency-country').selectOption('NL');
      await page.locator('#agency-city').fill('Groningen');
      await page.locator('#agency-phone').fill('+31 20 555 0142');
      await page.locator('#agency-languages').fill('nl, en');
      await page.getByLabel('Shelter', { exact: true }).check();
      await page.locator('#agency-address').fill(secret);
      await page.getByText('Shown only to case workers, supervisors and administrators; never in lists or exports.').waitFor();
      await page.locator('#agency-confidential').check();
      await page.getByRole('button', { name: 'Save agency' }).click();
      await page.getByRole('heading', { level: 1, name }).waitFor();
      // The supervisor may see the address (and that view is audited on the server).
      await page.getByText(secret).waitFor();
      await page.getByText('Confidential address').first().waitFor();
    });
  });

  test('a consultant finds it and sees "Confidential address" but no address', async (t) => {
    await open(t, async (page) => {
      await signIn(page);
      await page.getByRole('navigation').getByRole('link', { name: 'Directory' }).click();
      await page.getByRole('heading', { level: 1, name: 'Directory of partner agencies' }).waitFor();
      assert.equal(await page.getByRole('link', { name: 'Add an agency' }).count(), 0, 'no editing for consultants');
      await page.getByLabel('Search by name').fill('shelter north');
      await page.getByLabel('Type').selectOption('shelter');
      await page.getByRole('button', { name: 'Search' }).click();
      const item = page.locator('.agency-item', { hasText: name });
      await item.waitFor();
      await item.getByText('Confidential address').waitFor();
      assert.doesNotMatch(await page.locator('main').innerText(), new RegExp(secret));

      await item.getByRole('link', { name }).click();
      await page.getByRole('heading', { level: 1, name }).waitFor();
      await page.getByText('Confidential address').waitFor();
      await page.getByText('+31 20 555 0142').waitFor();
      assert.doesNotMatch(await page.locator('main').innerText(), new RegExp(secret));
      assert.equal(await page.getByRole('link', { name: 'Change' }).count(), 0);

      // The type and services are code lists of /codes, labelled in the UI language.
      const details = page.locator('dl.details');
      assert.match(await details.innerText(), /Type\s+Shelter\s/);
      assert.match(await details.innerText(), /Services\s+Shelter\s/);
      await page.getByLabel('Language', { exact: true }).selectOption('nl');
      await details.getByText('Opvang').first().waitFor();
      assert.match(await details.innerText(), /Diensten\s+Opvang\s/);
    });
  });
});
