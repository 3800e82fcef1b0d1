// Retention in a real browser (issue 10, section 5): a data officer finds the screen in the menu,
// is told what a wrong number of days is, sets a rule for hotline contacts, sees the old contact
// counted as past its date in the preview, and `strada purge --apply` then removes it while a
// recent one stays. axe finds no serious violation; the form is used with the keyboard alone.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { apiSession, checkA11y, consultant, contactBody, setUpServerAndBrowser, signIn, STRADA_BIN } from './support.mjs';

const dataOfficer = { email: 'retention.data@example.org', password: 'copper orchard beacon 4', name: 'Rita Data' };

const { server, open } = setUpServerAndBrowser({ users: [{ ...dataOfficer, role: 'data_officer' }] });

describe('retention', () => {
  test('a data officer sets how long contacts are kept, previews it, and the purge applies it', async (t) => {
    const api = await apiSession(server.baseUrl, consultant);
    const old = await api('POST', '/api/v1/contacts', contactBody('2021-03-01T10:00:00Z'));
    assert.equal(old.status, 201, JSON.stringify(old.body));
    const recent = await api('POST', '/api/v1/contacts', contactBody(new Date(Date.now() - 3600_000).toISOString()));
    assert.equal(recent.status, 201, JSON.stringify(recent.body));

    await open(t, async (page) => {
      await signIn(page, dataOfficer);
      await page.locator('header').waitFor();
      await page.getByRole('link', { name: 'Retention' }).click();
      await page.getByRole('heading', { level: 1, name: 'How long records are kept' }).waitFor();
      await page.getByText('No rule is set: every record is kept.').waitFor();
      await checkA11y(page, 'retention');

      // With the keyboard alone: into the contacts' days, a wrong number first.
      const days = page.locator('#keep-contacts');
      await days.focus();
      await page.keyboard.type('-5');
      await page.keyboard.press('Enter'); // submits the form
      const error = page.getByRole('alert').or(page.locator('.notice.error, [role=status]')).first();
      await error.waitFor();
      assert.match(await error.innerText(), /\S/);
      assert.equal(await page.getByText('The rules are saved.', { exact: false }).count(), 0);

      await days.focus();
      await page.keyboard.press('Control+A');
      await page.keyboard.type('365');
      await page.keyboard.press('Tab'); // to "Then"
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'action-contacts');
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Enter'); // submits the form from the text field
      await page.getByText('The rules are saved.', { exact: false }).waitFor();

      // The preview counts the 2021 contact, not the recent one.
      const preview = page.getByRole('table', { name: 'Past their date now' });
      await preview.waitFor();
      const row = preview.getByRole('row', { name: /Hotline contacts/ });
      assert.match(await row.innerText(), /365/);
      assert.match(await row.innerText(), /\b1\b/);
      await checkA11y(page, 'retention with a rule');
    });

    // The purge (the daily job's work, run here as the command) applies the rule.
    const out = execFileSync(STRADA_BIN, ['purge', '--data', server.dataDir, '--apply'], { encoding: 'utf8' });
    assert.match(out, /contacts/);
    assert.equal((await api('GET', `/api/v1/contacts/${old.body.id}`)).status, 404);
    assert.equal((await api('GET', `/api/v1/contacts/${recent.body.id}`)).status, 200);
  });
});
