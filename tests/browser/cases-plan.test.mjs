// Issue 8's identification, needs and plan in a real browser: a case worker records the
// identification (ILO/EC indicators, the trafficking status) and the needs, writes a plan and
// submits it; the submitter cannot approve it; a supervisor finds it on the approvals screen and
// approves it; the case page then shows the plan approved. Every screen passes axe.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { apiSession, checkA11y, setUpServerAndBrowser, signIn } from './support.mjs';

const caseWorker = { email: 'plan.worker@example.org', password: 'amber willow orchard 4', name: 'Casey Worker' };
const supervisor = { email: 'plan.supervisor@example.org', password: 'granite meadow lantern 8', name: 'Sam Supervisor' };

const { server, open } = setUpServerAndBrowser({
  users: [
    { ...caseWorker, role: 'case_worker' },
    { ...supervisor, role: 'supervisor' },
  ],
});

const state = { caseId: '', caseCode: '' };

async function openCaseAs(page, who) {
  await signIn(page, who);
  await page.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
  await page.goto(`${server.baseUrl}/#/cases/${state.caseId}`);
  await page.getByRole('heading', { level: 1, name: /^Case / }).waitFor();
}

describe('a case’s identification, needs and plan', () => {
  test('a case worker records the identification and the needs', async (t) => {
    const call = await apiSession(server.baseUrl, caseWorker);
    const client = await call('POST', '/api/v1/clients', { person: { full_name: `Plan Person ${Date.now() % 100000}` }, coded: {} });
    assert.equal(client.status, 201, JSON.stringify(client.body));
    const kase = await call('POST', '/api/v1/cases', { client_id: client.body.id, referral: { source_type: 'police', referred_on: '2026-11-02' } });
    assert.equal(kase.status, 201, JSON.stringify(kase.body));
    state.caseId = kase.body.id;
    state.caseCode = kase.body.case_code;
    await open(t, async (page) => {
      await openCaseAs(page, caseWorker);
      const identification = page.locator('#case-identification');
      await identification.getByRole('group', { name: 'Deceptive recruitment' }).waitFor();
      assert.equal(await page.getByText('not kept on this server', { exact: false }).count(), 0);
      await identification.getByLabel('Deceived about wages or earnings').check();
      await identification.getByLabel('Documents confiscated').check();
      await identification.getByLabel('Trafficking status').selectOption({ label: 'Actual victim of trafficking' });
      // A status without who decided it is refused on the field, before anything is sent.
      await identification.getByRole('button', { name: 'Save the identification' }).click();
      await identification.getByText('Choose who decided the trafficking status.').first().waitFor();
      await identification.getByLabel('Status decided by').selectOption({ label: 'NGO' });
      await identification.getByRole('button', { name: 'Save the identification' }).click();
      await identification.getByText('Identification saved.').waitFor();
      await identification.getByText(/Assessed by Casey Worker/).waitFor();
      await checkA11y(page, 'the identification');

      const needs = page.locator('#case-needs');
      await needs.getByLabel('Housing and shelter', { exact: true }).selectOption({ label: 'Urgent' });
      await needs.getByLabel('Note on Housing and shelter').fill('Needs a safe place this week');
      await needs.getByLabel('Legal aid', { exact: true }).selectOption({ label: 'High' });
      await needs.getByRole('button', { name: 'Save the needs assessment' }).click();
      await needs.getByText('Needs assessment saved.').waitFor();
      await page.locator('#case-timeline').getByText('Needs assessed').waitFor();
      await page.locator('#case-timeline').getByText('Identification recorded').waitFor();
      // The client's coded status is the identification's.
      await page.locator('#case-identification').getByText('Identification saved.').waitFor();
      await checkA11y(page, 'the needs');
    });
  });

  test('the case worker writes the plan and submits it, and may not approve it', async (t) => {
    await open(t, async (page) => {
      await openCaseAs(page, caseWorker);
      const plan = page.locator('#case-plan');
      await plan.getByText('Plan: Not written yet.').waitFor();
      await plan.getByRole('button', { name: 'Add a goal' }).click();
      await plan.locator('#goal-0-domain').selectOption({ label: 'Housing and shelter' });
      await plan.locator('#goal-0-goal').fill('A room in the shelter, then a flat');
      await plan.locator('#goal-0-target_date').fill('2027-03-31');
      await plan.locator('#goal-0-owner').selectOption({ label: 'Case worker' });
      await plan.locator('#goal-0-status').selectOption({ label: 'In progress' });
      await checkA11y(page, 'the plan form');
      await plan.getByRole('button', { name: 'Save the plan' }).click();
      await plan.getByText('Plan saved.').waitFor();
      await plan.getByText('Plan: Draft.').waitFor();
      await plan.getByRole('button', { name: 'Submit the plan for approval' }).click();
      await plan.getByText('Plan: Waiting for a supervisor’s approval.').waitFor();
      await page.locator('dl.case-header').getByText('Waiting for a supervisor’s approval').waitFor();
      // The submitter is offered no approval, and the server refuses one.
      assert.equal(await plan.getByRole('button', { name: 'Approve the plan' }).count(), 0);
      const call = await apiSession(server.baseUrl, caseWorker);
      const current = await call('GET', `/api/v1/cases/${state.caseId}/plan`);
      const refused = await call('POST', `/api/v1/cases/${state.caseId}/plan/approval`, { decision: 'approve', version: current.body.version });
      assert.equal(refused.status, 403);
      await checkA11y(page, 'the submitted plan');
    });
  });

  test('a supervisor who did not submit it approves it from the approvals screen', async (t) => {
    await open(t, async (page) => {
      await signIn(page, supervisor);
      await page.getByRole('link', { name: 'Approvals' }).click();
      await page.getByRole('heading', { level: 1, name: 'Waiting for approval' }).waitFor();
      const row = page.locator('tr', { hasText: state.caseCode });
      await row.getByText('Assistance plan').waitFor();
      await row.getByText('Casey Worker').first().waitFor();
      await checkA11y(page, 'the approvals screen');
      await row.getByRole('link', { name: state.caseCode }).click();
      await page.getByRole('heading', { level: 1, name: `Case ${state.caseCode}` }).waitFor();
      const plan = page.locator('#case-plan');
      await plan.getByText(/Submitted by Casey Worker/).waitFor();
      await plan.getByRole('button', { name: 'Approve the plan' }).click();
      await plan.getByText('Plan approved.').waitFor();
      await plan.getByText('Plan: Approved.').waitFor();
      await page.locator('dl.case-header').getByText('Approved', { exact: true }).waitFor();
      await page.locator('#case-timeline').getByText('Plan approved').waitFor();
      await checkA11y(page, 'the approved plan');
    });
  });

  test('the case page shows the plan approved to the case worker, and the approvals list is empty of it', async (t) => {
    await open(t, async (page) => {
      await openCaseAs(page, caseWorker);
      await page.locator('#case-plan').getByText('Plan: Approved.').waitFor();
      await page.locator('#case-plan').getByText(/Approved by Sam Supervisor/).waitFor();
      const asSupervisor = await apiSession(server.baseUrl, supervisor);
      const pending = await asSupervisor('GET', '/api/v1/approvals?kind=plan');
      assert.equal(pending.status, 200);
      assert.ok(!pending.body.items.some((i) => i.case_id === state.caseId));
    });
  });
});
