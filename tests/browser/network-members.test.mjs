// Issue 9, section 1, in a real browser: the server is the network's hub, a member has sent its
// join request (`strada network join`), and the network coordinator approves it on the "Network
// members" screen; the member then shows among the active members. The screen passes axe.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkA11y, setUpHubWithJoinRequest, signIn } from './support.mjs';

const coordinator = { email: 'coordinator@example.org', password: 'harbour willow signal 4', name: 'Nora Coordinator' };
const { open } = setUpHubWithJoinRequest({ coordinator, member: { code: 'RO-MEMBER', name: 'Member in Romania', country: 'RO' } });

describe('network members', () => {
  test('the coordinator approves a pending join request', async (t) => {
    await open(t, async (page) => {
      await signIn(page, coordinator);
      await page.getByRole('heading', { level: 1, name: 'Network members' }).waitFor();
      const pending = page.getByRole('region', { name: 'Join requests waiting for approval' });
      await pending.getByRole('cell', { name: 'RO-MEMBER', exact: true }).waitFor();
      assert.equal(await page.getByText('No member is active yet.', { exact: false }).count(), 1);
      await checkA11y(page, 'the network members screen with a join request');

      await page.getByRole('button', { name: 'Approve RO-MEMBER' }).click();
      await page.getByText('RO-MEMBER is a member now.', { exact: false }).waitFor();
      const active = page.getByRole('region', { name: 'Active members' });
      await active.getByRole('cell', { name: 'RO-MEMBER', exact: true }).waitFor();
      await page.getByText('No join request waits for approval.').waitFor();
      await page.getByRole('button', { name: 'Revoke RO-MEMBER' }).waitFor();
      await checkA11y(page, 'the network members screen with an active member');
    });
  });
});
