// Issue 10, "done when": in a real browser against `strada serve` (second factor required, its
// default), a supervisor sets up a second factor with the QR code's secret, keeps the recovery
// codes, signs out, and signs in with a code; an administrator removes it (a lost phone) and the
// supervisor must set one up again. Codes come from the otpauth library, as a phone's app makes
// them (RFC 6238).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as OTPAuth from 'otpauth';
import { addUser, checkA11y, signIn, startBrowser, startServer, withPage } from './support.mjs';

const supervisor = { email: 'sam.supervisor@example.org', password: 'quiet lantern harbour 7', name: 'Sam Supervisor' };
const admin = { email: 'ada.admin@example.org', password: 'amber orchard willow 5', name: 'Ada Admin' };

/** The six digits of `secret` (base32 as the screen shows it) `steps` time steps from now. */
function codeOf(secret, steps = 0) {
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret.replaceAll('-', '')), algorithm: 'SHA1', digits: 6, period: 30 });
  return totp.generate({ timestamp: Date.now() + steps * 30_000 });
}

/**
 * On the "Set up a second factor" step: starts the set-up, reads the key shown beside the QR
 * code, confirms with the app's code, checks the ten recovery codes and acknowledges them.
 * Resolves with the secret and the codes.
 */
async function setUpSecondFactor(page, a11yLabel) {
  await page.getByRole('heading', { level: 1, name: 'Set up a second factor' }).waitFor();
  await page.getByRole('button', { name: 'Set up a second factor' }).click();
  const qr = page.getByRole('img', { name: /QR code to add Strada/ });
  await qr.waitFor();
  const secret = (await page.locator('code.secret').textContent()).trim();
  assert.match(secret, /^[A-Z2-7]{4}(-[A-Z2-7]{4}){7}$/);
  if (a11yLabel) await checkA11y(page, a11yLabel);
  await page.getByLabel('Six-digit code from the app').fill('12345');
  await page.getByRole('button', { name: 'Confirm' }).click();
  await page.getByText('Type the six digits your app shows, without spaces.').waitFor();
  await page.getByLabel('Six-digit code from the app').fill(codeOf(secret, -1));
  await page.getByRole('button', { name: 'Confirm' }).click();
  const codes = page.getByRole('region', { name: 'Your recovery codes' });
  await codes.waitFor();
  const items = await codes.getByRole('listitem').allTextContents();
  assert.equal(items.length, 10);
  for (const c of items) assert.match(c.trim(), /^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/);
  if (a11yLabel) await checkA11y(page, `${a11yLabel}: the recovery codes`);
  await page.getByRole('button', { name: 'I have stored my recovery codes' }).click();
  return { secret, codes: items.map((c) => c.trim()) };
}

let server;
let browser;
let enrolled;
before(async () => {
  server = await startServer({ secondFactor: 'required' });
  addUser(server.dataDir, { ...supervisor, role: 'supervisor' });
  addUser(server.dataDir, { ...admin, role: 'org_admin' });
  browser = await startBrowser();
});
after(async () => {
  await browser?.stop();
  await server?.stop();
});

describe('the second factor', () => {
  test('a supervisor must set one up before anything else, with the QR code and recovery codes', async (t) => {
    await withPage(t, browser.context, server.baseUrl, async (page) => {
      await signIn(page, supervisor);
      await page.getByText('your role reaches data about people in danger', { exact: false }).waitFor();
      await checkA11y(page, 'the sign-in step: set up a second factor');
      assert.equal(await page.getByRole('navigation').count(), 0, 'nothing else of the app opens before the set-up');
      enrolled = await setUpSecondFactor(page, 'the second factor set-up');
      await page.getByRole('navigation').first().waitFor();
      await page.getByRole('link', { name: 'Account security' }).click();
      await page.getByRole('heading', { level: 1, name: 'Account security' }).waitFor();
      await page.getByText('A second factor is set up', { exact: false }).waitFor();
      await page.getByText('Unused recovery codes: 10.').waitFor();
      await page.getByRole('table', { name: 'Where you are signed in' }).getByText('This session').waitFor();
      await checkA11y(page, 'the Account security page');
    });
  });

  test('the supervisor signs out and in again with a code; a wrong code is refused', async (t) => {
    assert.ok(enrolled, 'the set-up test ran first');
    await withPage(t, browser.context, server.baseUrl, async (page) => {
      await signIn(page, supervisor);
      await page.getByRole('heading', { level: 1, name: 'Enter your code' }).waitFor();
      await checkA11y(page, 'the sign-in step: the code');
      await page.getByLabel('Code', { exact: true }).fill('000000');
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByText('The code is not right.', { exact: false }).waitFor();
      // The set-up used the step before now; the code of now is the phone's next one.
      await page.getByLabel('Code', { exact: true }).fill(codeOf(enrolled.secret));
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('navigation').first().waitFor();
      await page.getByRole('button', { name: 'Sign out' }).first().click();
      await page.getByText('You have signed out.').waitFor();

      // A lost phone: a recovery code signs in once.
      await signIn(page, supervisor);
      await page.getByRole('heading', { level: 1, name: 'Enter your code' }).waitFor();
      await page.getByLabel('Code', { exact: true }).fill(enrolled.codes[0].toLowerCase());
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('navigation').first().waitFor();
    });
  });

  test('an administrator removes the second factor of a user who lost their phone', async (t) => {
    await withPage(t, browser.context, server.baseUrl, async (page) => {
      await signIn(page, admin);
      await setUpSecondFactor(page, null);
      await page.getByRole('link', { name: 'Users' }).click();
      await page.getByRole('heading', { level: 1, name: 'Users and sign-in' }).waitFor();
      const row = page.getByRole('row', { name: /Sam Supervisor/ });
      await row.getByRole('cell', { name: 'Set up' }).waitFor();
      await checkA11y(page, 'the Users page');
      page.once('dialog', (dialog) => dialog.accept());
      await row.getByRole('button', { name: /Remove second factor/ }).click();
      await page.getByText('The second factor of Sam Supervisor is removed.', { exact: false }).waitFor();
      await row.getByRole('cell', { name: 'None' }).waitFor();
    });
    await withPage(t, browser.context, server.baseUrl, async (page) => {
      await signIn(page, supervisor);
      await page.getByRole('heading', { level: 1, name: 'Set up a second factor' }).waitFor();
    });
  });
});
