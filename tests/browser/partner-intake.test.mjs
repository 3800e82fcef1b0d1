// Issue 8, section 2, in a real browser: a partner agency (the police unit of the directory) has
// an account tied to it; on a phone-sized screen it sees only the intake form and its own
// referrals, refers a person (who agreed) and sees the referral waiting in intake; a supervisor
// then finds the new intake case, unassigned, with the referral source and a link to the agency.
// Every screen passes axe.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { apiSession, checkA11y, setUpServerAndBrowser, signIn, STRADA_BIN } from './support.mjs';

const supervisor = { email: 'partner.supervisor@example.org', password: 'granite meadow lantern 8', name: 'Sam Supervisor' };
const partner = { email: 'police.partner@example.org', password: 'quartz lagoon ember 5', name: 'Pol Partner' };
const state = { agencyId: '', caseCode: '' };
const personName = `Referred Person ${Date.now() % 100000}`;

/** `strada user add` for a partner account of `agencyId` ("" for none); its exit code. */
function addPartner(dataDir, who, agencyId) {
  const args = ['user', 'add', '--data', dataDir, '--org', 'NL', '--email', who.email, '--name', who.name, '--role', 'partner'];
  if (agencyId !== '') args.push('--agency', agencyId);
  try {
    execFileSync(STRADA_BIN, args, { env: { ...process.env, STRADA_PASSWORD: who.password }, stdio: ['ignore', 'ignore', 'pipe'] });
    return { code: 0, stderr: '' };
  } catch (error) {
    return { code: error.status, stderr: String(error.stderr) };
  }
}

const { server, open } = setUpServerAndBrowser({
  users: [{ ...supervisor, role: 'supervisor' }],
  afterStart: async (s) => {
    const call = await apiSession(s.baseUrl, supervisor);
    const made = await call('POST', '/api/v1/agencies', {
      name: 'City Police Unit (test)',
      type: 'police',
      country: 'NL',
      city: 'Amsterdam',
      languages: ['nl'],
      services: ['identification'],
    });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    state.agencyId = made.body.id;
    // The administrator's command refuses a partner account without its agency, naming the field.
    const refused = addPartner(s.dataDir, { ...partner, email: 'no.agency@example.org' }, '');
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /agency_id/);
    assert.equal(addPartner(s.dataDir, partner, state.agencyId).code, 0);
  },
});

describe('partner intake', () => {
  test('a partner sees only the intake form and its referrals, and refers a person', async (t) => {
    await open(t, async (page) => {
      await page.setViewportSize({ width: 390, height: 844 });
      await signIn(page, partner);
      await page.getByRole('heading', { level: 1, name: 'Refer a person' }).waitFor();
      await page.getByText('Your agency has not referred anyone yet.').waitFor();
      // No other screen is offered: the navigation holds no link.
      assert.equal(await page.locator('nav a').count(), 0);
      await checkA11y(page, 'the partner intake form');

      // Without the person's agreement the form is not sent, and says why.
      await page.getByLabel('Full name *').fill(personName);
      await page.getByLabel('Why you refer this person *').fill('Found at a car wash; says her papers were taken.');
      await page.getByRole('button', { name: 'Send the referral' }).click();
      await page.getByText('Tick that the person agreed to be referred.', { exact: false }).first().waitFor();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'referral-person_agreed');
      await checkA11y(page, 'the intake form with an error');

      await page.getByLabel('Other names').fill('Mira');
      await page.getByLabel('Birth date').fill('1998-02-03');
      await page.getByLabel('Phone number').fill('+31 6 1234 5678');
      await page.getByLabel("The person's language").selectOption('en');
      await page.getByLabel('Gender').selectOption('Feminine');
      await page.getByLabel('The person agreed to be referred *').check();
      await page.getByRole('button', { name: 'Send the referral' }).click();
      await page.getByText('Referral sent.', { exact: false }).waitFor();
      const row = page.locator('table tbody tr').first();
      await row.waitFor();
      state.caseCode = (await row.locator('td').first().innerText()).trim();
      assert.match(state.caseCode, /^CS-/);
      assert.match(await row.innerText(), /Intake/);
      assert.match(await row.innerText(), /Not yet/);
      // The form is empty again, and the name typed is nowhere on the screen.
      assert.equal(await page.getByLabel('Full name *').inputValue(), '');
      assert.doesNotMatch(await page.locator('main').innerText(), new RegExp(personName));
      await checkA11y(page, 'the partner referral list');

      // After a reload, the list comes from the server: still only codes and the stage.
      await page.reload();
      await page.getByRole('cell', { name: state.caseCode }).waitFor();
      assert.doesNotMatch(await page.locator('main').innerText(), new RegExp(personName));
    });
  });

  test('a supervisor sees the new intake case with its referral source and agency', async (t) => {
    assert.notEqual(state.caseCode, '', 'the partner test ran first');
    await open(t, async (page) => {
      await signIn(page, supervisor);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page.goto(`${server.baseUrl}/#/cases?status=intake`);
      await page.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
      const link = page.getByRole('link', { name: state.caseCode });
      await link.waitFor();
      const row = page.locator('tr', { has: link });
      assert.match(await row.innerText(), /Unassigned|Not assigned|—/i);
      await link.click();
      await page.getByRole('heading', { level: 1, name: `Case ${state.caseCode}` }).waitFor();
      await page.getByText('Police ·', { exact: false }).first().waitFor();
      await page.getByText(personName).first().waitFor();
      await checkA11y(page, 'the referred case');
      await page.getByRole('link', { name: 'Referring agency in the directory' }).click();
      await page.getByRole('heading', { level: 1, name: 'City Police Unit (test)' }).waitFor();
    });
  });
});
