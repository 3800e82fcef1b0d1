// Issue 8's court proceedings and social-inclusion outcomes in a real browser: a case worker
// records a criminal proceeding with the person as injured party, a trial hearing and the support
// given in court; changes it when it concludes (compensation awarded); the timeline shows the
// proceeding and its hearing. Then the case worker asks to close the case with the outcome per
// domain, and records a follow-up. A data officer reads the codes, never the court's name. Every
// screen passes axe.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { apiSession, checkA11y, setUpServerAndBrowser, signIn } from './support.mjs';

const caseWorker = { email: 'court.worker@example.org', password: 'amber willow orchard 4', name: 'Casey Worker' };
const officer = { email: 'court.officer@example.org', password: 'granite meadow lantern 8', name: 'Dana Officer' };

const { server, open } = setUpServerAndBrowser({
  users: [
    { ...caseWorker, role: 'case_worker' },
    { ...officer, role: 'data_officer' },
  ],
});

const state = { caseId: '' };
const court = `District court ${Date.now() % 100000}`;
const today = new Date().toISOString().slice(0, 10);

async function openCase(page) {
  await signIn(page, caseWorker);
  await page.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
  await page.goto(`${server.baseUrl}/#/cases/${state.caseId}`);
  await page.getByRole('heading', { level: 1, name: /^Case / }).waitFor();
}

describe('a case’s court proceedings and social-inclusion outcomes', () => {
  test('a case worker records a criminal proceeding as injured party, with a hearing and court support', async (t) => {
    const call = await apiSession(server.baseUrl, caseWorker);
    const client = await call('POST', '/api/v1/clients', { person: { full_name: `Court Person ${Date.now() % 100000}` }, coded: {} });
    assert.equal(client.status, 201, JSON.stringify(client.body));
    const kase = await call('POST', '/api/v1/cases', { client_id: client.body.id, referral: { source_type: 'police', referred_on: '2026-10-02' } });
    assert.equal(kase.status, 201, JSON.stringify(kase.body));
    state.caseId = kase.body.id;
    await open(t, async (page) => {
      await openCase(page);
      const section = page.locator('#case-proceedings');
      await section.getByText('No court proceedings recorded yet.').waitFor();
      await section.getByRole('button', { name: 'Record a court proceeding' }).click();
      const form = section.getByRole('form', { name: 'Record a court proceeding' });
      await form.getByLabel('Kind of proceeding').selectOption({ label: 'Criminal' });
      await form.getByLabel('The person’s role').or(form.getByLabel("The person's role")).selectOption({ label: 'Injured party' });
      await form.getByLabel('Status *').selectOption({ label: 'Ongoing' });
      await form.getByLabel('Court or authority, if not in the directory').fill(court);
      await form.getByLabel('The court\'s case reference').fill('2026/4411');
      await form.locator('#proceeding-claimed_amount').fill('15000');
      await form.locator('#proceeding-claimed_currency').fill('eur');
      await form.getByRole('button', { name: 'Add a hearing' }).click();
      // A hearing without its date is refused on its field, before anything is sent.
      await form.getByRole('button', { name: 'Record the proceeding' }).click();
      await form.getByText('Give the date of the hearing.').first().waitFor();
      const hearing = form.getByRole('group', { name: 'Hearing 1' });
      await hearing.getByLabel('Date *').fill('2026-11-20');
      await hearing.getByLabel('Kind of hearing').selectOption({ label: 'Trial hearing' });
      await hearing.getByLabel('Accompaniment').check();
      await hearing.getByLabel('Interpretation').check();
      await hearing.getByLabel('Note').fill('Met the prosecutor beforehand');
      await checkA11y(page, 'the proceeding form');
      await form.getByRole('button', { name: 'Record the proceeding' }).click();
      await section.getByText('Proceeding recorded.').waitFor();
      const item = section.locator('li', { hasText: court });
      await item.getByText('as Injured party').waitFor();
      await item.getByText('Claimed: 15000 EUR').waitFor();
      await item.getByText(/2026-11-20 · Trial hearing · Accompaniment, Interpretation/).waitFor();
      await checkA11y(page, 'the proceeding recorded');
    });
  });

  test('the case worker changes it when it concludes, and the timeline shows it', async (t) => {
    await open(t, async (page) => {
      await openCase(page);
      const section = page.locator('#case-proceedings');
      await section.getByRole('button', { name: 'Change Criminal' }).click();
      const form = section.getByRole('form', { name: 'Change the proceeding' });
      assert.equal(await form.getByLabel('Court or authority, if not in the directory').inputValue(), court);
      await form.getByLabel('Status *').selectOption({ label: 'Concluded' });
      await form.getByLabel('Outcome (once concluded)').selectOption({ label: 'Conviction' });
      await form.locator('#proceeding-awarded_amount').fill('8000');
      await form.locator('#proceeding-awarded_currency').fill('EUR');
      await form.getByRole('button', { name: 'Add a hearing' }).click();
      const verdict = form.getByRole('group', { name: 'Hearing 2' });
      await verdict.getByLabel('Date *').fill('2026-11-27');
      await verdict.getByLabel('Kind of hearing').selectOption({ label: 'Verdict' });
      await verdict.getByLabel('Protection measures').check();
      await checkA11y(page, 'the proceeding being changed');
      await form.getByRole('button', { name: 'Save the proceeding' }).click();
      await section.getByText('Proceeding saved.').waitFor();
      const item = section.locator('li', { hasText: court });
      await item.getByText('Awarded: 8000 EUR').waitFor();
      await item.getByText(/Concluded · Conviction/).waitFor();
      await item.getByText(/2026-11-27 · Verdict · Protection measures/).waitFor();
      const timeline = page.locator('#case-timeline');
      await timeline.getByText('Court proceeding recorded: Criminal').waitFor();
      await timeline.getByText('Hearing: Trial hearing').waitFor();
      await timeline.getByText('Hearing: Verdict').waitFor();
      assert.equal(await timeline.getByText(court).count(), 0);
      // A stale change is refused with the proceeding as it is now.
      const call = await apiSession(server.baseUrl, caseWorker);
      const list = await call('GET', `/api/v1/cases/${state.caseId}/proceedings`);
      const p = list.body.items[0];
      const stale = await call('PUT', `/api/v1/cases/${state.caseId}/proceedings/${p.id}`, {
        kind: p.kind,
        role: p.role,
        status: 'appealed',
        version: p.version - 1,
      });
      assert.equal(stale.status, 409);
      assert.equal(stale.body.current.version, p.version);
    });
  });

  test('a closure with the outcome per domain, then a follow-up', async (t) => {
    await open(t, async (page) => {
      await openCase(page);
      const followUps = page.locator('#case-follow-ups');
      await followUps.getByText('Follow-ups are recorded once the case’s closure is requested.').or(followUps.getByText("Follow-ups are recorded once the case's closure is requested.")).waitFor();
      const move = page.getByRole('form', { name: 'Move the case to another stage' });
      await move.locator('#move-to').selectOption({ label: 'Closed' });
      await move.getByLabel('Reason for closing').selectOption({ label: 'Plan goals achieved' });
      await move.getByLabel('Outcome *').selectOption({ label: 'In employment' });
      const outcomes = move.getByRole('group', { name: 'Social-inclusion outcomes' });
      await outcomes.getByLabel('Housing').selectOption({ label: 'Achieved' });
      await outcomes.getByLabel('Employment').selectOption({ label: 'In progress' });
      await outcomes.getByLabel('Education').selectOption({ label: 'Not applicable' });
      await checkA11y(page, 'the closure form with outcomes');
      await move.getByRole('button', { name: 'Ask a supervisor to close the case' }).click();
      await page.getByText('Closure requested.', { exact: false }).first().waitFor();
      await followUps.getByText(/At closure · .*Housing: Achieved; Education: Not applicable; Employment: In progress/).waitFor();
      const form = followUps.getByRole('form', { name: 'Record the follow-up' });
      await form.getByRole('button', { name: 'Record the follow-up' }).click();
      await form.getByText('Record the outcome of at least one domain.').first().waitFor();
      await form.getByLabel('Employment').selectOption({ label: 'Achieved' });
      await form.getByLabel('Note').fill('Permanent contract at the bakery');
      await form.getByRole('button', { name: 'Record the follow-up' }).click();
      await followUps.getByText('Follow-up recorded.').waitFor();
      await followUps.getByText(`Follow-up · ${today}: Employment: Achieved`).waitFor();
      await followUps.getByText('Permanent contract at the bakery').waitFor();
      await page.locator('#case-timeline').getByText('Follow-up recorded').waitFor();
      await checkA11y(page, 'the outcomes');
    });
  });

  test('a data officer reads the codes of the proceeding and the outcomes, never the sealed text', async () => {
    const call = await apiSession(server.baseUrl, officer);
    const proceedings = await call('GET', `/api/v1/cases/${state.caseId}/proceedings`);
    assert.equal(proceedings.status, 200);
    const p = proceedings.body.items[0];
    assert.equal(p.kind, 'criminal');
    assert.equal(p.compensation_awarded.amount, 8000);
    assert.equal(p.court.name, null);
    assert.equal(p.reference, null);
    assert.ok(!JSON.stringify(proceedings.body).includes(court));
    const followUps = await call('GET', `/api/v1/cases/${state.caseId}/follow-ups`);
    assert.equal(followUps.status, 200);
    assert.ok(!JSON.stringify(followUps.body).includes('bakery'));
    assert.equal(followUps.body.items.length, 2);
  });
});
