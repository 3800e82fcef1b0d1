// The knowledge base in the browser: a consultant logging a contact looks up the Germany country
// sheet in the side panel, reads it, and the form still holds what they typed.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setUpServerAndBrowser, signIn } from './support.mjs';

const admin = { email: 'kb.admin@example.org', password: 'lantern-orchard-58-quill' };

const germany = {
  kind: 'country_sheet',
  country: 'DE',
  language: 'en',
  title: 'Germany: work, residence and help',
  body: '## At a glance\n\n- **Emergency:** 112\n\n## Rights at work\n\nNobody in Germany may keep a worker\'s passport. <script>window.hacked = true</script> [bad](javascript:window.hacked=true)',
};

const { open } = setUpServerAndBrowser({ users: [{ ...admin, name: 'KB Admin', role: 'org_admin' }] });

describe('knowledge base', () => {
  test('a consultant looks up the Germany sheet while logging a contact and keeps the form', async (t) => {
    await open(t, async (page) => {
      // The administrator writes the sheet through the API, as the editor does.
      await signIn(page, admin);
      await page.getByRole('button', { name: 'Sign out' }).waitFor();
      // An administrator does not answer the hotline: the start page is the knowledge base, and
      // the menu offers neither the contact form nor the contact list.
      await page.getByRole('heading', { level: 1, name: 'Knowledge base' }).waitFor();
      const nav = page.getByRole('navigation', { name: 'Main' });
      assert.equal(await nav.getByRole('link', { name: 'Log a contact' }).count(), 0);
      assert.equal(await nav.getByRole('link', { name: 'Contacts' }).count(), 0);
      assert.equal(await nav.getByRole('link', { name: 'Knowledge' }).count(), 1);
      const status = await page.evaluate(async (article) => {
        const me = await (await fetch('/api/v1/me')).json();
        const r = await fetch('/api/v1/knowledge', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token },
          body: JSON.stringify(article),
        });
        return r.status;
      }, germany);
      assert.equal(status, 201);
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('heading', { level: 1, name: 'Sign in to Strada' }).waitFor();

      await signIn(page);
      await page.getByRole('heading', { level: 1, name: 'Log a contact' }).waitFor();
      const summary = 'Caller plans to work in a warehouse near Hamburg';
      await page.locator('#contact-summary').fill(summary);

      const panel = page.locator('aside.lookup-panel');
      await panel.getByRole('heading', { name: 'Look up' }).waitFor();
      const search = panel.locator('#lookup-q');
      await search.fill('Germany');
      const result = panel.locator('li[role="option"]', { hasText: 'Germany: work, residence and help' });
      await result.waitFor();
      assert.match(await result.locator('mark').first().innerText(), /Germany/i);

      // Keyboard: arrow down to the result, Enter opens it in the panel.
      await search.press('ArrowDown');
      await search.press('Enter');
      await panel.getByRole('heading', { level: 3, name: 'Germany: work, residence and help' }).waitFor();
      await panel.getByRole('heading', { name: 'Rights at work' }).waitFor();
      await panel.locator('.markdown strong', { hasText: 'Emergency:' }).waitFor();
      // Raw HTML is text, and unsafe links are not links.
      assert.equal(await panel.locator('.markdown script').count(), 0);
      assert.equal(await panel.locator('.markdown a[href^="javascript"]').count(), 0);
      assert.equal(await page.evaluate(() => window.hacked === true), false);

      // The form kept what was typed, and the page never left "Log a contact".
      assert.equal(await page.locator('#contact-summary').inputValue(), summary);
      await page.getByRole('heading', { level: 1, name: 'Log a contact' }).waitFor();

      // Back to the results, then the Knowledge screen from the navigation.
      await panel.getByRole('button', { name: 'Back to the results' }).click();
      await search.waitFor();
      await page.getByRole('navigation').getByRole('link', { name: 'Knowledge' }).click();
      await page.getByRole('heading', { level: 1, name: 'Knowledge base' }).waitFor();
      // The "/" shortcut is bound, and the heading takes focus, in effects after the page renders:
      // press it until the search box has focus rather than racing them (it raced under load).
      for (let i = 0; i < 20 && (await page.evaluate(() => document.activeElement?.id)) !== 'kb-q'; i++) {
        await page.keyboard.press('/');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'kb-q');
      await page.keyboard.type('passp');
      await page.locator('#kb-results li', { hasText: 'Germany' }).waitFor();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 2, name: 'Germany: work, residence and help' }).waitFor();
      assert.equal(await page.getByRole('button', { name: 'Edit' }).count(), 0, 'consultants cannot edit');
    });
  });
});
