// Issue 11, section 2, in a real browser: the news pages under /public/news. The organisation's
// admin writes items over the API (one with hostile Markdown, one in Arabic, one draft); the list
// and each item pass axe in English and Arabic, the draft is nowhere, and nothing of the hostile
// body runs (no dialog opens, no script or event attribute reaches the page).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { apiSession, checkA11y, setUpServerAndBrowser } from './support.mjs';

const admin = { email: 'news.admin@example.org', password: 'lantern orchard 58 quiet', name: 'Nia Admin', role: 'org_admin' };
const slugs = {};

const { server, open } = setUpServerAndBrowser({
  users: [admin],
  afterStart: async (s) => {
    const call = await apiSession(s.baseUrl, admin);
    const write = async (key, body) => {
      const made = await call('POST', '/api/v1/news', body);
      assert.equal(made.status, 201, JSON.stringify(made.body));
      slugs[key] = made.body.slug;
    };
    await write('hostile', {
      title: 'Longer hotline hours',
      summary: 'We answer every day now.',
      body: '## From May\n\nWe answer **every** day.\n\n<script>alert(1)</script>\n\n<img src=x onerror="alert(2)">\n\n[click](javascript:alert(3))',
      language: 'en',
      tags: ['hotline'],
      status: 'published',
    });
    await write('arabic', { title: 'ساعات أطول', summary: 'نجيب كل يوم.', body: 'نجيب **كل** يوم.', language: 'ar', status: 'published' });
    await write('draft', { title: 'Draft not for the public', body: 'secret', language: 'en' });
  },
});

describe('public news', () => {
  test('the news pages pass axe in English and Arabic, without the draft and running nothing of the body', async (t) => {
    await open(t, async (page) => {
      const dialogs = [];
      page.on('dialog', async (d) => {
        dialogs.push(d.message());
        await d.dismiss();
      });
      for (const [lang, key] of [['en', 'hostile'], ['ar', 'arabic']]) {
        await page.goto(`${server.baseUrl}/public/news?lang=${lang}`);
        assert.equal(await page.locator('html').getAttribute('dir'), lang === 'ar' ? 'rtl' : 'ltr');
        assert.equal(await page.getByText('Draft not for the public').count(), 0);
        await checkA11y(page, `/public/news in ${lang}`);
        await page.locator(`a[href^="/public/news/${slugs[key]}"]`).first().click();
        await page.waitForURL(`**/public/news/${slugs[key]}**`);
        await checkA11y(page, `a news item in ${lang}`);
      }
      // The hostile item: its formatting shown, nothing of its script.
      await page.goto(`${server.baseUrl}/public/news/${slugs.hostile}?lang=en`);
      assert.equal(await page.locator('article .body strong', { hasText: 'every' }).count(), 1);
      assert.equal(await page.locator('article script, article img, [onerror]').count(), 0);
      assert.equal(await page.locator('a[href^="javascript:"]').count(), 0);
      await page.locator('article a', { hasText: 'click' }).click().catch(() => {});
      assert.deepEqual(dialogs, []);
      const draft = await page.goto(`${server.baseUrl}/public/news/${slugs.draft}`);
      assert.equal(draft.status(), 404);
    });
  });
});
