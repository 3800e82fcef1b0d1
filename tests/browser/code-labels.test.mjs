// The code lists' labels in the UI language, in a real browser: the web client asks GET
// /api/v1/codes for the labels of its UI language only (plus English), and when the consultant
// switches the language mid-contact it asks again and relabels the form's coded selects without
// losing what was typed.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setUpServerAndBrowser, signInToLog } from './support.mjs';

const { open } = setUpServerAndBrowser(); // the consultant is there from the start

// Waits until the caller's-gender select shows `label` for the code Feminine (Preact sets an
// option's value as a property, so no [value=] selector finds it).
async function feminineReads(page, label) {
  await page.waitForFunction((wanted) => {
    const select = document.getElementById('contact-gender');
    return [...(select?.options ?? [])].find((o) => o.value === 'Feminine')?.textContent === wanted;
  }, label);
}

describe('code labels', () => {
  test('come in the UI language and follow the language switch, keeping the form', async (t) => {
    await open(t, async (page) => {
      const asked = [];
      page.on('request', (request) => {
        const url = new URL(request.url());
        if (url.pathname === '/api/v1/codes') asked.push(url.search);
      });
      await signInToLog(page);
      await page.keyboard.press('Alt+n');
      await page.getByText('Draft: not finished yet').waitFor();
      assert.deepEqual(asked, ['?languages=en']);
      await page.keyboard.press('c'); // crisis
      await page.keyboard.press('1');
      await page.locator('details.more-caller summary').click();
      await feminineReads(page, 'Feminine');
      await page.locator('#contact-summary').fill('Asked about a job offer abroad.');

      await page.locator('#ui-language').selectOption('bg');
      await feminineReads(page, 'Женски');
      assert.deepEqual(asked, ['?languages=en', '?languages=bg']);
      assert.equal(await page.locator('#contact-summary').inputValue(), 'Asked about a job offer abroad.');

      await page.locator('#ui-language').selectOption('ar');
      await feminineReads(page, 'أنثى');
      assert.equal(await page.locator('#contact-summary').inputValue(), 'Asked about a job offer abroad.');
      await page.locator('#ui-language').selectOption('en');
      await feminineReads(page, 'Feminine');
      assert.deepEqual(asked, ['?languages=en', '?languages=bg', '?languages=ar', '?languages=en']);
    });
  });
});
