// Issue 8's consent check on every share, in a real browser: a case worker refers a person to a
// shelter without the person's consent and is refused with what to do; records a consent to share
// with shelters, and the referral is accepted. A supervisor refers the person to the police
// without consent, is refused, overrides with a stated reason, and sees the override on the case,
// on its timeline and in the consent overrides of the approvals screen. Every screen passes axe.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { apiSession, checkA11y, setUpServerAndBrowser, signIn } from './support.mjs';

const caseWorker = { email: 'referral.worker@example.org', password: 'amber willow orchard 4', name: 'Casey Worker' };
const supervisor = { email: 'referral.supervisor@example.org', password: 'granite meadow lantern 8', name: 'Sam Supervisor' };

const { server, open } = setUpServerAndBrowser({
  users: [
    { ...caseWorker, role: 'case_worker' },
    { ...supervisor, role: 'supervisor' },
  ],
});

const tag = Date.now() % 100000;
const shelterName = `Haven Shelter ${tag}`;
const policeName = `City Police ${tag}`;
const state = { caseId: '', caseCode: '' };

async function openCase(page, who) {
  await signIn(page, who);
  await page.getByRole('navigation').first().waitFor();
  await page.goto(`${server.baseUrl}/#/cases/${state.caseId}`);
  await page.getByRole('heading', { level: 1, name: /^Case / }).waitFor();
}

async function chooseAgency(section, name) {
  await section.getByLabel('Refer to (an agency of the directory) *').fill(name.slice(0, 8));
  await section.getByRole('button', { name: new RegExp(name) }).click();
}

const agency = (name, type) => ({
  name,
  type,
  country: 'NL',
  city: 'Utrecht',
  phone: '',
  email: '',
  website: '',
  languages: ['nl'],
  services: [],
  notes: '',
  address: '',
  address_confidential: false,
});

describe('a referral is a share: checked against the person’s consent', () => {
  test('a case worker is refused without consent, records a consent to share with shelters, and refers', async (t) => {
    const asSupervisor = await apiSession(server.baseUrl, supervisor);
    for (const [name, type] of [[shelterName, 'shelter'], [policeName, 'police']]) {
      const made = await asSupervisor('POST', '/api/v1/agencies', agency(name, type));
      assert.equal(made.status, 201, JSON.stringify(made.body));
    }
    const call = await apiSession(server.baseUrl, caseWorker);
    const client = await call('POST', '/api/v1/clients', { person: { full_name: `Referred Person ${tag}` }, coded: {} });
    assert.equal(client.status, 201, JSON.stringify(client.body));
    const kase = await call('POST', '/api/v1/cases', { client_id: client.body.id, referral: { source_type: 'police', referred_on: '2026-10-02' } });
    assert.equal(kase.status, 201, JSON.stringify(kase.body));
    state.caseId = kase.body.id;
    state.caseCode = kase.body.case_code;

    await open(t, async (page) => {
      await openCase(page, caseWorker);
      const section = page.locator('#case-referrals');
      await section.getByText('No referral made yet.').waitFor();
      await chooseAgency(section, shelterName);
      await section.getByLabel('What the referral is for *').fill('Safe housing from tonight');
      await section.getByRole('button', { name: 'Refer', exact: true }).click();
      await section.getByText(/has not consented to sharing their data with this organisation.*ask a supervisor to override/).waitFor();
      // A case worker is never offered the override.
      assert.equal(await section.getByLabel(/Why the referral cannot wait/).count(), 0);
      await checkA11y(page, 'a referral refused for want of consent');

      const consents = page.locator('#case-consents');
      await consents.getByLabel('Consent to *').selectOption({ label: 'To share with an organisation' });
      await consents.getByLabel('Share with *').selectOption({ label: 'Shelter' });
      await consents.getByLabel('Given *').selectOption({ label: 'Written' });
      await consents.getByRole('button', { name: 'Record the consent' }).click();
      await consents.getByText('Consent recorded.').waitFor();

      await section.getByRole('button', { name: 'Refer', exact: true }).click();
      await section.getByText('Referral recorded.').waitFor();
      const item = section.locator('li', { hasText: shelterName });
      await item.getByText(/under the person's consent/).waitFor();
      await item.getByText('Safe housing from tonight').waitFor();
      await page.locator('#case-timeline').getByText(/Referral, under the person's consent, to: Shelter/).waitFor();
      await checkA11y(page, 'a referral under consent');
    });
  });

  test('a supervisor overrides for a police referral with a reason and sees it in the consent overrides', async (t) => {
    await open(t, async (page) => {
      await openCase(page, supervisor);
      const section = page.locator('#case-referrals');
      await chooseAgency(section, policeName);
      await section.getByLabel('What the referral is for *').fill('Protection order');
      await section.getByRole('button', { name: 'Refer', exact: true }).click();
      await section.getByText(/or state below why you override it/).waitFor();
      const reason = section.getByLabel(/Why the referral cannot wait/);
      await reason.fill('Immediate danger to life tonight');
      await checkA11y(page, 'the override of a missing consent');
      await section.getByRole('button', { name: 'Override and refer without consent' }).click();
      await section.getByText(/Referral recorded without consent/).waitFor();
      const item = section.locator('li', { hasText: policeName });
      await item.getByText(/without consent — overridden by Sam Supervisor/).waitFor();
      await item.getByText('reason: Immediate danger to life tonight').waitFor();
      await page.locator('#case-timeline').getByText(/Referral without consent — overridden by Sam Supervisor, to: Police/).waitFor();

      await page.getByRole('link', { name: 'Approvals' }).click();
      await page.getByRole('heading', { level: 1, name: 'Waiting for approval' }).waitFor();
      const overrides = page.locator('#consent-overrides');
      await overrides.getByRole('heading', { name: 'Consent overrides' }).waitFor();
      const entry = overrides.locator('li', { hasText: state.caseCode });
      await entry.getByText(new RegExp(`referred to ${policeName} without consent, overridden by Sam Supervisor`)).waitFor();
      await checkA11y(page, 'the consent overrides on the approvals screen');
    });
  });
});
