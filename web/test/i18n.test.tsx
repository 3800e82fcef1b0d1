// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeAll, describe, expect, it } from 'vitest';
import { i18n, initI18n, messages, setUiLanguage, uiLanguages, useT } from '../src/i18n';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

const reference = flatten(messages.en);

describe('translations', () => {
  it('offers English, Dutch and Romanian', () => {
    expect(uiLanguages).toEqual(['en', 'nl', 'ro']);
  });

  for (const lng of uiLanguages) {
    describe(lng, () => {
      const bundle = flatten(messages[lng]);

      it('has every key of English and no others', () => {
        const missing = [...reference.keys()].filter((k) => !bundle.has(k));
        const extra = [...bundle.keys()].filter((k) => !reference.has(k));
        expect({ missing, extra }).toEqual({ missing: [], extra: [] });
      });

      it('has no empty texts and keeps every {{placeholder}}', () => {
        for (const [key, text] of bundle) {
          expect(text.trim(), key).not.toBe('');
          expect(placeholders(text), key).toEqual(placeholders(reference.get(key) ?? ''));
        }
      });

      it('carries no code labels: GET /api/v1/codes is their only source', () => {
        expect([...bundle.keys()].filter((k) => k.startsWith('codes.'))).toEqual([]);
      });
    });
  }
});

describe('i18n runtime', () => {
  beforeAll(async () => {
    await initI18n('en');
  });

  it('sets <html lang> when the language changes', async () => {
    await setUiLanguage('nl');
    expect(document.documentElement.lang).toBe('nl');
    expect(localStorage.getItem('strada.uiLanguage')).toBe('nl');
    await setUiLanguage('en');
    expect(document.documentElement.lang).toBe('en');
  });

  it('re-renders components that use useT when the language changes', async () => {
    function Nav() {
      const t = useT();
      return <span>{t('shell.logContact')}</span>;
    }
    const root = document.createElement('div');
    void act(() => {
      render(<Nav />, root);
    });
    expect(root.textContent).toBe('Log a contact');
    await act(async () => {
      await setUiLanguage('nl');
    });
    expect(root.textContent).toBe('Contact vastleggen');
    await act(async () => {
      await i18n.changeLanguage('en');
    });
    expect(root.textContent).toBe('Log a contact');
    render(null, root);
  });
});
