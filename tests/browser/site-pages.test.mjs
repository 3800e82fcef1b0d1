// Issue 11, section 1, in a real browser: an organisation's admin writes a page on the "Pages and
// case studies" screen (#/site-pages) in English and in Dutch, and a case study (previewing the
// Markdown); publishes them,
// one with the keyboard only; a visitor then finds them on the public site in both languages
// (through the footer, the case studies' list, and the note when a page is not in their language);
// a draft is on no public page; the admin unpublishes and deletes one. axe finds no serious
// violation on the screen, its form, and the public pages.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { apiSession, checkA11y, setUpServerAndBrowser, signIn, tabTo } from './support.mjs';

const admin = { email: 'pagesui.admin@example.org', password: 'amber lighthouse 83 rope', name: 'Pam Admin', role: 'org_admin' };

const { server, open } = setUpServerAndBrowser({ users: [admin] });

const text = async (path) => {
  const response = await fetch(`${server.baseUrl}${path}`);
  return { status: response.status, body: await response.text() };
};

async function write(page, { kind = 'page', language = 'en', slug, title, summary = '', body, publish = false }) {
  await page.getByRole('button', { name: 'Write a page' }).click();
  const form = page.getByRole('form', { name: 'Write a page' });
  await form.waitFor();
  await form.getByLabel('Kind').selectOption(kind);
  await form.getByLabel('Language').selectOption(language);
  await form.getByLabel('Address').fill(slug);
  await form.getByLabel('Title').fill(title);
  await form.getByLabel('Summary').fill(summary);
  await form.getByLabel('Text', { exact: true }).fill(body);
  if (publish) await form.getByLabel('Status').selectOption('published');
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText(publish ? 'Saved and published. The public site shows it now.' : 'Saved as a draft. It is not on the public site.').waitFor();
}

describe('the Pages and case studies screen', () => {
  test('an org admin writes, publishes (by keyboard too), unpublishes and deletes; visitors see them in two languages', async (t) => {
    await open(t, async (page) => {
      await signIn(page, admin);
      await page.locator('header').waitFor();
      await page.getByRole('link', { name: 'Pages', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Pages and case studies' }).waitFor();
      await page.getByText('No pages yet.').waitFor();
      await checkA11y(page, 'site pages screen');

      // A bad address: the server names the field, the screen shows the error by it.
      await page.getByRole('button', { name: 'Write a page' }).click();
      await page.getByLabel('Address').fill('Not An Address');
      await page.getByLabel('Title').fill('About us');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.getByText('The page is not saved. Correct the field marked below.').waitFor();
      assert.equal(await page.locator('#site-page-slug').getAttribute('aria-invalid'), 'true');
      await page.locator('#site-page-slug-error').waitFor();
      await checkA11y(page, 'site page form with a field error');
      // The body's Markdown previewed as it will read, its script left out.
      await page.getByLabel('Text', { exact: true }).fill('## Who we are\n\nWe **listen**.\n\n<script>alert(1)</script>');
      await page.getByRole('button', { name: 'Show the preview' }).click();
      const preview = page.locator('#site-page-preview');
      await preview.locator('h2', { hasText: 'Who we are' }).waitFor();
      assert.equal(await preview.locator('strong', { hasText: 'listen' }).count(), 1);
      assert.equal(await preview.locator('script').count(), 0);
      await checkA11y(page, 'site page form with its preview');
      await page.getByRole('button', { name: 'Hide the preview' }).click();
      await page.getByRole('button', { name: 'Cancel' }).click();

      // English, as a draft; Dutch, published; a case study, published.
      await write(page, { slug: 'about-us', title: 'About us', body: 'We **listen**.\n\n<script>alert(1)</script>\n\n[x](javascript:alert(2))' });
      assert.equal((await text('/public/pages/about-us?lang=en')).status, 404, 'nothing published yet');
      await write(page, { language: 'nl', slug: 'about-us', title: 'Over ons', body: 'Wij **luisteren**.', publish: true });
      await write(page, { kind: 'case_study', slug: 'going-home', title: 'Going home', summary: 'An invented story.', body: 'It *ended* well.', publish: true });
      await checkA11y(page, 'site pages screen with pages');

      // The English draft published with the keyboard only.
      const api = await apiSession(server.baseUrl, admin);
      const listed = await api('GET', '/api/v1/site-pages?language=en&kind=page');
      const english = listed.body.items[0];
      assert.equal(english.status, 'draft');
      await tabTo(page, `#site-page-toggle-${english.id}`, { max: 200 });
      await page.keyboard.press('Enter');
      await page.getByText('“About us” is published.').waitFor();
      const row = page.getByRole('row', { name: /About us/ });
      await row.getByRole('cell', { name: 'Published', exact: true }).waitFor();

      // A visitor in English: the page (sanitised) and its Dutch link; the footer; the case studies.
      await page.goto(`${server.baseUrl}/public/?lang=en`);
      await page.locator('footer').getByRole('link', { name: 'About us' }).click();
      await page.getByRole('heading', { level: 1, name: 'About us' }).waitFor();
      assert.equal(await page.locator('article script').count(), 0);
      assert.equal(await page.locator('a[href^="javascript:"]').count(), 0);
      assert.equal(await page.locator('#quick-exit').count(), 1);
      await checkA11y(page, '/public/pages/about-us in English');
      await page.getByRole('link', { name: 'Nederlands', exact: true }).last().click();
      await page.getByRole('heading', { level: 1, name: 'Over ons' }).waitFor();
      await checkA11y(page, '/public/pages/about-us in Dutch');

      await page.goto(`${server.baseUrl}/public/?lang=en`);
      await page.locator('footer').getByRole('link', { name: 'Case studies' }).click();
      await page.getByRole('heading', { level: 1, name: 'Case studies' }).waitFor();
      await checkA11y(page, '/public/case-studies');
      await page.getByRole('link', { name: 'Going home' }).click();
      await page.getByRole('heading', { level: 1, name: 'Going home' }).waitFor();
      assert.equal(await page.locator('article em', { hasText: 'ended' }).count(), 1);

      // In Romanian, none is written: the English page, with a note in Romanian.
      await page.goto(`${server.baseUrl}/public/pages/about-us?lang=ro`);
      await page.getByText('Această pagină nu este încă scrisă în limba dumneavoastră').waitFor();
      await checkA11y(page, '/public/pages/about-us in Romanian (fallback)');

      // Unpublished, then deleted after the confirmation.
      await page.goto(`${server.baseUrl}/#/site-pages`);
      await page.getByRole('heading', { level: 1, name: 'Pages and case studies' }).waitFor();
      await page.getByRole('button', { name: 'Unpublish “Going home”' }).click();
      await page.getByText('“Going home” is a draft again and has left the public site.').waitFor();
      assert.equal((await text('/public/case-studies/going-home?lang=en')).status, 404);
      page.once('dialog', (dialog) => void dialog.accept());
      await page.getByRole('button', { name: 'Delete “Going home”' }).click();
      await page.getByText('The page is deleted.').waitFor();
      assert.doesNotMatch((await text('/public/case-studies?lang=en')).body, /Going home/);
    });
  });
});
