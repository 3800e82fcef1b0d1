// Issue 11, section 2, the staff's side in a real browser: an organisation's admin writes a news
// item on the News screen (#/news) as a draft, which is on no public page; they see its Markdown
// in the preview, get a field error from the server by the field, publish the item, and find it
// on /public/news and in the English Atom feed; a change made meanwhile by someone else (over the
// API) makes their stale change fail with the conflict message; they delete the item. axe finds
// no serious violation on the screen, the form, and the screen in Arabic.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { apiSession, checkA11y, setUpServerAndBrowser, signIn } from './support.mjs';

const admin = { email: 'newsui.admin@example.org', password: 'copper harbour 47 lantern', name: 'Nell Admin', role: 'org_admin' };
const title = 'Longer hotline hours from May';

const { server, open } = setUpServerAndBrowser({ users: [admin] });

const text = async (path) => {
  const response = await fetch(`${server.baseUrl}${path}`);
  return { status: response.status, body: await response.text() };
};

describe('the News screen', () => {
  test('an org admin writes a draft, publishes it, meets a conflict and deletes it', async (t) => {
    await open(t, async (page) => {
      await signIn(page, admin);
      await page.locator('header').waitFor();
      await page.getByRole('link', { name: 'News', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'News and statements' }).waitFor();
      await page.getByText('No news items yet.').waitFor();
      await checkA11y(page, 'news screen');

      // A draft, with a preview of its Markdown.
      await page.getByRole('button', { name: 'Write a news item' }).click();
      await page.getByRole('heading', { level: 2, name: 'Write a news item' }).waitFor();
      await page.getByLabel('Title').fill(title);
      await page.getByLabel('Summary').fill('We answer every day now.');
      await page.getByLabel('Text', { exact: true }).fill('## From May\n\nWe answer **every** day.\n\n<script>alert(1)</script>');
      await page.getByLabel('Tags').fill('hotline, hours');
      await page.getByRole('button', { name: 'Show the preview' }).click();
      const preview = page.locator('#news-preview');
      await preview.locator('strong', { hasText: 'every' }).waitFor();
      assert.equal(await preview.locator('h2', { hasText: 'From May' }).count(), 1);
      assert.equal(await preview.locator('script').count(), 0);
      await checkA11y(page, 'news form with preview');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.getByText('Saved as a draft. It is not on the public pages.').waitFor();
      const row = page.getByRole('row', { name: new RegExp(title) });
      await row.getByRole('cell', { name: 'Draft', exact: true }).waitFor();
      assert.match(await row.innerText(), /English/);
      assert.equal(await row.getByRole('link').count(), 0, 'a draft has no public page');
      assert.doesNotMatch((await text('/public/news?lang=en')).body, new RegExp(title));
      assert.doesNotMatch((await text('/public/feed/en.atom')).body, new RegExp(title));

      // A tag too long: the server names the field, the screen shows the error by it.
      await page.getByRole('button', { name: `Change “${title}”` }).click();
      await page.getByRole('heading', { level: 2, name: 'Change the news item' }).waitFor();
      await page.getByLabel('Tags').fill(`hotline, ${'x'.repeat(41)}`);
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.getByText('The news item is not saved. Correct the field marked below.').waitFor();
      assert.equal(await page.locator('#news-tags').getAttribute('aria-invalid'), 'true');
      await page.locator('#news-tags-error').waitFor();
      await checkA11y(page, 'news form with a field error');

      // Published: on the public list of its language and in its feed.
      await page.getByLabel('Tags').fill('hotline, hours');
      await page.getByLabel('Status').selectOption('published');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.getByText('Saved and published. The public pages and the feed show it now.').waitFor();
      // The list reloads after the notice: wait for the row to say so.
      await row.getByRole('cell', { name: 'Published', exact: true }).waitFor();
      const publicLink = row.getByRole('link', { name: `Public page of “${title}”` });
      const href = await publicLink.getAttribute('href');
      assert.match(href, /^\/public\/news\/longer-hotline-hours-from-may/);
      assert.equal(await row.getByRole('link', { name: 'Feed in English' }).getAttribute('href'), '/public/feed/en.atom');
      assert.equal((await text(href)).status, 200);
      assert.match((await text('/public/news?lang=en')).body, new RegExp(title));
      const feed = await text('/public/feed/en.atom');
      assert.equal(feed.status, 200);
      assert.match(feed.body, new RegExp(`<title[^>]*>${title}</title>`));
      await checkA11y(page, 'news screen with a published item');

      // Someone else changes the item while the form is open: the stale change is refused.
      await page.getByRole('button', { name: `Change “${title}”` }).click();
      await page.getByRole('heading', { level: 2, name: 'Change the news item' }).waitFor();
      const other = await apiSession(server.baseUrl, admin);
      const listed = await other('GET', '/api/v1/news');
      const item = listed.body.items.find((i) => i.title === title);
      const changed = await other('PUT', `/api/v1/news/${item.id}`, {
        title,
        summary: 'Changed by someone else.',
        body: item.body,
        language: 'en',
        tags: item.tags,
        status: 'published',
        version: item.version,
      });
      assert.equal(changed.status, 200, JSON.stringify(changed.body));
      await page.getByLabel('Summary').fill('My stale change.');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.getByText(/Someone else changed this item since you opened it/).waitFor();
      assert.equal((await other('GET', `/api/v1/news/${item.id}`)).body.summary, 'Changed by someone else.');
      await page.getByRole('button', { name: 'Cancel' }).click();

      // The News screen in Arabic.
      await page.locator('#ui-language').selectOption('ar');
      await page.getByRole('heading', { level: 1, name: 'الأخبار والبيانات' }).waitFor();
      assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
      await checkA11y(page, 'news screen in Arabic');
      await page.locator('#ui-language').selectOption('en');
      await page.getByRole('heading', { level: 1, name: 'News and statements' }).waitFor();

      // Deleted after the confirmation: gone from the public pages.
      page.once('dialog', (dialog) => void dialog.accept());
      await page.getByRole('button', { name: `Delete “${title}”` }).click();
      await page.getByText('The news item is deleted.').waitFor();
      await page.getByText('No news items yet.').waitFor();
      assert.doesNotMatch((await text('/public/news?lang=en')).body, new RegExp(title));
      assert.equal((await text(href)).status, 404);
    });
  });
});
