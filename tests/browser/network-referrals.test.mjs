// Issue 9, section 2, in a real browser over a real network of three servers (a hub and two
// members, each `strada serve` on its own data): a case worker of member A refers a person to
// member B with "Refer abroad" on the case, choosing field by field what travels and seeing it
// in the preview; B's case worker finds it on the Referrals screen, opens it, accepts it (a case
// of B's own) and sends feedback; A's case timeline and Referrals screen show the answer; the
// referral, opened, in every language of the staff UI. Every screen passes axe.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { acceptIncomingReferral, addUser, apiSession, checkA11y, loadAfresh, signIn, startBrowser, startServer, STRADA_BIN, uiRegistry, until, withPage } from './support.mjs';

const coordinator = { email: 'coordinator@hub.example.org', password: 'harbour willow signal 4', name: 'Nora Coordinator' };
const workerA = { email: 'worker@ma.example.org', password: 'amber willow orchard 4', name: 'Anna Worker' };
const workerB = { email: 'worker@mb.example.org', password: 'granite meadow lantern 8', name: 'Nikos Worker' };
const personName = `Eleni Referred ${Date.now() % 100000}`;

function strada(args) {
  execFileSync(STRADA_BIN, args, { env: { ...process.env, STRADA_DB: '' }, stdio: ['ignore', 'ignore', 'inherit'] });
}

let hub;
let a;
let b;
let browser;
const state = { caseId: '' };

before(async () => {
  // SQLite only, in both passes: three servers at once, each with its own file.
  hub = await startServer({ sqlite: true });
  a = await startServer({ sqlite: true });
  b = await startServer({ sqlite: true });
  addUser(hub.dataDir, { ...coordinator, role: 'network_coordinator' });
  addUser(a.dataDir, { ...workerA, role: 'case_worker' });
  addUser(b.dataDir, { ...workerB, role: 'case_worker' });
  strada(['network', 'init-hub', '--data', hub.dataDir, '--url', hub.baseUrl, '--code', 'HUB', '--name', 'Network hub', '--country', 'NL']);
  strada(['network', 'join', '--data', a.dataDir, '--hub', hub.baseUrl, '--url', a.baseUrl, '--code', 'MA', '--name', 'Member A', '--country', 'NL']);
  strada(['network', 'join', '--data', b.dataDir, '--hub', hub.baseUrl, '--url', b.baseUrl, '--code', 'MB', '--name', 'Member B', '--country', 'GR']);
  const asCoordinator = await apiSession(hub.baseUrl, coordinator);
  for (const code of ['MA', 'MB']) {
    const approved = await asCoordinator('POST', `/api/v1/network/members/${code}/approve`, {});
    assert.equal(approved.status, 200, JSON.stringify(approved.body));
  }
  const asA = await apiSession(a.baseUrl, workerA);
  await until(async () => {
    const r = await asA('GET', '/api/v1/referrals/receivers');
    return r.status === 200 && r.body.items.some((m) => m.code === 'MB');
  }, 'member A to learn of member B');
  const client = await asA('POST', '/api/v1/clients', { person: { full_name: personName, birth_date: '1999-03-04' }, coded: { gender: 'Feminine' } });
  assert.equal(client.status, 201, JSON.stringify(client.body));
  const kase = await asA('POST', '/api/v1/cases', { client_id: client.body.id, referral: { source_type: 'police', referred_on: '2024-05-01' } });
  assert.equal(kase.status, 201, JSON.stringify(kase.body));
  state.caseId = kase.body.id;
  const consent = await asA('POST', `/api/v1/cases/${state.caseId}/consents`, {
    kind: 'share',
    share_with: { kind: 'member' },
    given_as: 'written',
    given_on: '2024-05-02',
  });
  assert.equal(consent.status, 201, JSON.stringify(consent.body));
  browser = await startBrowser();
});

after(async () => {
  await browser?.stop();
  for (const s of [b, a, hub]) await s?.stop();
});

describe('a referral between members', () => {
  test('member A refers abroad, choosing what travels', async (t) => {
    await withPage(t, browser.context, a.baseUrl, async (page) => {
      await signIn(page, workerA);
      await page.getByRole('navigation').first().waitFor();
      await page.goto(`${a.baseUrl}/#/cases/${state.caseId}`);
      await page.getByRole('heading', { level: 1, name: /^Case / }).waitFor();
      const section = page.getByRole('region', { name: 'Refer abroad (network referral)' });
      await section.getByRole('button', { name: 'Refer abroad' }).click();
      await section.getByLabel('Member organisation').selectOption('MB');
      await section.getByRole('checkbox', { name: 'Safe return' }).check();
      await section.getByLabel('Urgency').selectOption('urgent');
      await section.getByRole('checkbox', { name: 'Full name' }).check();
      await section.getByRole('checkbox', { name: 'Date of birth' }).check();
      await section.getByRole('checkbox', { name: 'Summary of needs' }).check();
      await section.getByRole('textbox', { name: 'Summary of needs' }).fill('A safe journey home');
      const preview = section.getByRole('definition');
      await section.getByText(personName, { exact: true }).waitFor();
      assert.equal(await preview.count(), 3);
      await checkA11y(page, 'the Refer abroad form with its preview');
      await section.getByRole('button', { name: 'Send the referral' }).click();
      await page.getByText('The referral to MB is sent.', { exact: false }).waitFor();
      await page.getByRole('region', { name: 'Timeline' }).getByText('Referred abroad to network member', { exact: false }).waitFor();
    });
  });

  test('member B opens it, accepts it into a case and sends feedback', async (t) => {
    await withPage(t, browser.context, b.baseUrl, async (page) => {
      await signIn(page, workerB);
      await acceptIncomingReferral(page, { from: /^Referral from Member A/, person: personName });
    });
  });

  test('member A sees the answer and the feedback', async (t) => {
    await withPage(t, browser.context, a.baseUrl, async (page) => {
      await signIn(page, workerA);
      await page.getByRole('navigation').first().waitFor();
      await until(async () => {
        await loadAfresh(page, `${a.baseUrl}/#/cases/${state.caseId}`);
        const timeline = page.getByRole('region', { name: 'Timeline' });
        await timeline.getByText('Referred abroad to network member', { exact: false }).waitFor();
        return (await timeline.getByText('Feedback on the network referral', { exact: false }).count()) > 0;
      }, 'the feedback to reach A');
      await page.goto(`${a.baseUrl}/#/referrals`);
      const outgoing = page.getByRole('table', { name: 'Outgoing referrals' });
      await outgoing.getByRole('cell', { name: 'Accepted' }).waitFor();
      await checkA11y(page, 'the Referrals screen with an outgoing referral');
    });
  });

  // The one screen languages.test.mjs cannot reach on a single server: a referral, opened, in
  // every language of the switch (axe, <html lang> and dir, its heading in the language's words).
  test('the referral, opened, in every language', async (t) => {
    await withPage(t, browser.context, a.baseUrl, async (page) => {
      await signIn(page, workerA);
      await page.getByRole('navigation').first().waitFor();
      await page.goto(`${a.baseUrl}/#/referrals`);
      const link = page.getByRole('table', { name: 'Outgoing referrals' }).getByRole('link').first();
      const href = await link.getAttribute('href');
      assert.match(href ?? '', /^#\/referrals\//);
      const headings = [];
      for (const { code, dir } of uiRegistry) {
        await page.locator('#ui-language').selectOption(code);
        await page.waitForFunction((c) => document.documentElement.lang === c, code);
        await page.goto(`${a.baseUrl}/${href}`);
        const h1 = page.locator('main h1').first();
        await h1.waitFor();
        await page.waitForFunction(() => !document.querySelector('main [aria-busy="true"]'));
        assert.deepEqual(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]), [code, dir]);
        headings.push(await h1.innerText());
        await checkA11y(page, `an outgoing referral, opened, in ${code}`);
      }
      assert.equal(new Set(headings).size, uiRegistry.length, `a heading of its own in each language: ${headings.join(' | ')}`);
      await page.locator('#ui-language').selectOption('en');
    });
  });
});
