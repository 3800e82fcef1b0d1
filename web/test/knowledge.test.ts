// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { snippetParts, stripMarkdown } from '../src/knowledge/api';
import { isSafeHref, markdownToSafeHtml } from '../src/knowledge/markdown';

describe('snippetParts', () => {
  it('splits on the highlight markers and keeps everything else as text', () => {
    expect(snippetParts('Call \u0002112\u0003 in \u0002Germany\u0003.')).toEqual([
      { text: 'Call ', mark: false },
      { text: '112', mark: true },
      { text: ' in ', mark: false },
      { text: 'Germany', mark: true },
      { text: '.', mark: false },
    ]);
    expect(snippetParts('<b>not html</b>')).toEqual([{ text: '<b>not html</b>', mark: false }]);
    expect(snippetParts('')).toEqual([]);
  });
});

describe('stripMarkdown', () => {
  it('shows a snippet as plain words, keeping the highlights', () => {
    expect(stripMarkdown('## Emergency\n\nCall **\u0002112\u0003** or see [the police](https://politie.nl).')).toBe(
      'Emergency Call \u0002112\u0003 or see the police.',
    );
    expect(stripMarkdown('- first item\n- *second* item\n> quoted `code`')).toBe('first item second item quoted code');
    expect(stripMarkdown('| Country | Number |\n|---|---|\n| DE | 110 |')).toBe('Country Number DE 110');
    expect(stripMarkdown('…of the [embassy](https://ex')).toBe('…of the embassy');
    expect(stripMarkdown('snake_case stays, 2 * 3 stays')).toBe('snake_case stays, 2 * 3 stays');
  });
});

describe('markdownToSafeHtml', () => {
  it('renders Markdown', async () => {
    const html = await markdownToSafeHtml('## Emergency\n\nCall **112**.\n\n- one\n- two');
    // (happy-dom's DOM drops some elements under DOMPurify; the browser test checks headings.)
    expect(html).toContain('<strong>112</strong>');
    expect(html).toContain('<li>one</li>');
  });

  it('never lets HTML or script through', async () => {
    const html = await markdownToSafeHtml(
      'Hi <script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) <b onclick="x()">b</b>\n\n<iframe src="https://example.org"></iframe>',
    );
    const box = document.createElement('div');
    box.innerHTML = html;
    expect(box.querySelector('script, img, iframe, b')).toBeNull();
    for (const el of Array.from(box.querySelectorAll('*'))) {
      for (const attr of Array.from(el.attributes)) {
        expect(attr.name.startsWith('on')).toBe(false);
        expect(attr.value.toLowerCase()).not.toContain('javascript:');
      }
    }
    expect(box.textContent).toContain('<script>');
  });

  it('opens links in a new tab without an opener', async () => {
    const html = await markdownToSafeHtml('[site](https://example.org)');
    expect(html).toContain('rel="noopener noreferrer"');
    expect(html).toContain('href="https://example.org"');
  });
});

describe('isSafeHref', () => {
  it('allows web, mail and phone links only', () => {
    for (const ok of ['https://example.org', 'http://x.y', 'mailto:a@b.c', 'tel:112', '#top']) expect(isSafeHref(ok)).toBe(true);
    for (const bad of ['javascript:alert(1)', ' JavaScript:x', 'data:text/html,x', 'vbscript:x', 'file:///etc/passwd', '//evil.example'])
      expect(isSafeHref(bad)).toBe(false);
  });
});
