// Issue 8's tasks and transfers in a real browser: a case worker adds a task with a due day on
// the case, finds it on their home screen ("My tasks", overdue first), ticks it done there and on
// the case; asks another worker to take the case; that worker signs in, finds the case offered on
// their home screen and accepts it; a supervisor assigns the case's team. Every screen passes axe.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { apiSession, checkA11y, setUpServerAndBrowser, signIn } from './support.mjs';

const worker = { email: 'tasks.worker@example.org', password: 'amber willow orchard 4', name: 'Casey Worker' };
const receiver = { email: 'tasks.receiver@example.org', password: 'copper river beacon 6', name: 'Robin Receiver' };
const supervisor = { email: 'tasks.supervisor@example.org', password: 'granite meadow lantern 8', name: 'Sam Supervisor' };

const { server, open } = setUpServerAndBrowser({
  users: [
    { ...worker, role: 'case_worker' },
    { ...receiver, role: 'case_worker' },
    { ...supervisor, role: 'supervisor' },
  ],
});

const state = { caseId: '', caseCode: '' };

/** Signs in and waits for the home screen of those who work cases: My tasks above the case list. */
async function signInHome(page, who) {
  await signIn(page, who);
  await page.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'My tasks' }).waitFor();
}

async function openCase(page) {
  await page.goto(`${server.baseUrl}/#/cases/${state.caseId}`);
  await page.getByRole('heading', { level: 1, name: /^Case / }).waitFor();
}

describe('a case’s tasks and its transfer', () => {
  test('a case worker adds a task, finds it on their home screen and ticks it done', async (t) => {
    const call = await apiSession(server.baseUrl, worker);
    const client = await call('POST', '/api/v1/clients', { person: { full_name: `Task Person ${Date.now() % 100000}` }, coded: {} });
    assert.equal(client.status, 201, JSON.stringify(client.body));
    const kase = await call('POST', '/api/v1/cases', { client_id: client.body.id, referral: { source_type: 'police', referred_on: '2026-11-02' } });
    assert.equal(kase.status, 201, JSON.stringify(kase.body));
    state.caseId = kase.body.id;
    state.caseCode = kase.body.case_code;
    await open(t, async (page) => {
      await signInHome(page, worker);
      await page.locator('#my-tasks').getByText('No open tasks are assigned to you.').waitFor();
      await openCase(page);
      const tasks = page.locator('#case-tasks');
      await tasks.getByText('No tasks yet.').waitFor();
      // Refused on the field before anything is sent.
      await tasks.getByRole('button', { name: 'Add the task' }).click();
      await tasks.getByText('Write the task first.').first().waitFor();
      await tasks.getByLabel('Task *').fill('Book the interpreter');
      await tasks.getByLabel('Due on *').fill('2020-01-15');
      await tasks.getByRole('button', { name: 'Add the task' }).click();
      await tasks.getByText('Task added.').waitFor();
      await tasks.getByText('Overdue').waitFor();
      await tasks.getByLabel('Task *').fill('Call the shelter');
      await tasks.getByLabel('Due on *').fill('2099-03-01');
      await tasks.getByRole('button', { name: 'Add the task' }).click();
      await tasks.getByRole('checkbox', { name: 'Call the shelter' }).waitFor();
      await page.locator('#case-timeline').getByText('Task added').first().waitFor();
      await checkA11y(page, 'the case’s tasks');

      // Home: overdue first, each linking to its case.
      await page.goto(`${server.baseUrl}/`);
      const mine = page.locator('#my-tasks');
      await mine.getByRole('link', { name: 'Book the interpreter' }).waitFor();
      const titles = await mine.getByRole('link').allTextContents();
      assert.deepEqual(titles, ['Book the interpreter', 'Call the shelter']);
      await mine.getByText('Overdue').waitFor();
      await checkA11y(page, 'My tasks');
      await mine.getByRole('link', { name: 'Book the interpreter' }).click();
      await page.getByRole('heading', { level: 1, name: `Case ${state.caseCode}` }).waitFor();
      // The box follows the server: it shows ticked once the change is stored.
      await tasks.getByRole('checkbox', { name: 'Book the interpreter' }).click();
      await tasks.getByText('“Book the interpreter” is done.').waitFor();
      await tasks.locator('input[type=checkbox]:checked').waitFor();
      assert.equal(await tasks.getByRole('checkbox', { name: 'Book the interpreter' }).isChecked(), true);
      await page.locator('#case-timeline').getByText('Task done').waitFor();

      // The task's owner changes its due day.
      await tasks.getByRole('button', { name: 'Change the task “Call the shelter”' }).click();
      const edit = tasks.getByRole('form', { name: 'Change the task “Call the shelter”' });
      await edit.getByLabel('Due on *').fill('2099-04-01');
      await edit.getByRole('button', { name: 'Save the task' }).click();
      await tasks.getByText('due 2099-04-01').waitFor();

      await page.goto(`${server.baseUrl}/`);
      await page.locator('#my-tasks').getByRole('link', { name: 'Call the shelter' }).waitFor();
      assert.equal(await page.locator('#my-tasks').getByRole('link', { name: 'Book the interpreter' }).count(), 0);
    });
  });

  test('the case worker asks another worker to take the case, who accepts it', async (t) => {
    await open(t, async (page) => {
      await signInHome(page, worker);
      await openCase(page);
      const assignment = page.locator('#case-assignment');
      await assignment.getByRole('button', { name: 'Ask another worker to take the case' }).click();
      await assignment.getByText('Choose the worker who should take the case.').first().waitFor();
      await assignment.getByLabel('Transfer to *').selectOption({ label: receiver.name });
      await assignment.getByLabel('Why the case moves *').fill('Going on leave for three months');
      await assignment.getByRole('button', { name: 'Ask another worker to take the case' }).click();
      await assignment.getByText(`Waiting for ${receiver.name} to accept this case`).waitFor();
      await page.locator('#case-timeline').getByText('Transfer requested to').waitFor();
      await checkA11y(page, 'a pending transfer');
    });
    await open(t, async (page) => {
      await signInHome(page, receiver);
      const mine = page.locator('#my-tasks');
      await mine.getByText(`Case ${state.caseCode} (client`).waitFor();
      await mine.getByText('Going on leave for three months').waitFor();
      await checkA11y(page, 'a case offered');
      await mine.getByRole('button', { name: `Accept case ${state.caseCode}` }).click();
      await page.getByRole('heading', { level: 1, name: `Case ${state.caseCode}` }).waitFor();
      await page.locator('.case-header').getByText(receiver.name).waitFor();
      await page.locator('#case-timeline').getByText('Transfer accepted').waitFor();
      // The tasks came with the case; the one still the former worker's is theirs to hand over.
      await page.locator('#case-tasks').getByRole('checkbox', { name: 'Call the shelter' }).waitFor();
    });
  });

  test('a supervisor assigns the case’s team', async (t) => {
    await open(t, async (page) => {
      await signIn(page, supervisor);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await openCase(page);
      const assignment = page.locator('#case-assignment');
      await assignment.getByLabel('Case worker').selectOption({ label: receiver.name });
      await assignment.getByRole('checkbox', { name: worker.name }).check();
      await checkA11y(page, 'the assignment');
      await assignment.getByRole('button', { name: 'Save the assignment' }).click();
      await assignment.getByText('Assignment saved.').waitFor();
      await page.locator('.case-header').getByText(worker.name).waitFor();
    });
    // The former worker, in the team again, opens the case.
    const call = await apiSession(server.baseUrl, worker);
    const back = await call('GET', `/api/v1/cases/${state.caseId}`);
    assert.equal(back.status, 200, JSON.stringify(back.body));
    assert.equal(back.body.team[0].name, worker.name);
  });
});
