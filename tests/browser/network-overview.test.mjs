// Issue 9, section 4, in a real browser: the hub's coordinator opens the "Network overview" with
// one approved member that has submitted nothing yet: every cell reads "not reported", the totals
// say none was counted and the footnote names the member and years; the coordinator publishes a
// selection. The screen passes axe. (The full round with submitted figures runs over the API in
// tests/integration/network_stats_test.cpp.)
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkA11y, setUpHubWithJoinRequest, signIn } from './support.mjs';

const coordinator = { email: 'coordinator@example.org', password: 'harbour willow signal 4', name: 'Nora Coordinator' };
const { open } = setUpHubWithJoinRequest({ coordinator, member: { code: 'GR-MEMBER', name: 'Member in Greece', country: 'GR' } });

describe('network overview', () => {
  test('the coordinator reads the overview and chooses what is published', async (t) => {
    await open(t, async (page) => {
      await signIn(page, coordinator);
      await page.getByRole('heading', { level: 1, name: 'Network members' }).waitFor();
      await page.getByRole('button', { name: 'Approve GR-MEMBER' }).click();
      await page.getByText('GR-MEMBER is a member now.', { exact: false }).waitFor();

      await page.getByRole('link', { name: 'Network overview' }).click();
      await page.getByRole('heading', { level: 1, name: 'Network overview' }).waitFor();
      const year = new Date().getFullYear();
      await page.getByLabel('First year').fill(String(year - 2));
      await page.getByLabel('Last year').fill(String(year));
      await page.getByRole('checkbox', { name: 'Cases in court proceedings' }).check();
      await page.getByRole('button', { name: 'Show', exact: true }).click();
      await page.getByRole('heading', { level: 2, name: `Totals ${String(year - 2)}–${String(year)}` }).waitFor();
      const yearly = page.getByRole('table', { name: 'Figures per member and year' });
      assert.match(await yearly.getByRole('row', { name: new RegExp(`GR-MEMBER ${String(year)}`) }).innerText(), /not reported/);
      const totals = page.getByRole('table', { name: `Totals ${String(year - 2)}–${String(year)}` });
      assert.match(await totals.getByRole('row', { name: /^All members none counted/ }).innerText(), /none counted/);
      await page.getByRole('heading', { level: 2, name: 'Notes on the totals' }).waitFor();
      await page.getByText(`not reported, Calls: GR-MEMBER (${String(year - 2)}–${String(year)})`).waitFor();
      await yearly.getByRole('columnheader', { name: 'Cases in court proceedings' }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'Reports received' }).waitFor();
      await page.getByText('No report was received for these years yet.').waitFor();
      await page.getByRole('link', { name: 'Download CSV' }).waitFor();
      await page.getByRole('link', { name: 'Download XLSX' }).waitFor();
      await page.getByRole('button', { name: 'Print' }).waitFor();
      await checkA11y(page, 'the network overview');

      await page.getByRole('heading', { level: 2, name: 'What the network publishes' }).waitFor();
      await page.getByText('Nothing is published yet.', { exact: false }).waitFor();
      const publication = page.getByRole('form', { name: 'What the network publishes' });
      await publication.getByRole('checkbox', { name: 'Calls' }).check();
      await publication.getByRole('checkbox', { name: 'GR-MEMBER Member in Greece' }).check();
      await page.getByRole('button', { name: `Publish ${String(year - 2)}–${String(year)} as chosen` }).click();
      await page.getByText('Saved. The public site now shows the chosen figures', { exact: false }).waitFor();
      await checkA11y(page, 'the network overview after publishing');
    });
  });
});
