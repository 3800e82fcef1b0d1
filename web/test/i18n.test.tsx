// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeAll, describe, expect, it } from 'vitest';
import { codeLabel, i18n, initI18n, messages, setUiLanguage, uiLanguages, useT } from '../src/i18n';

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

// The code lists of the API contract (codes version 2026-11.1).
const contractCodes = {
  channel: ['phone', 'chat', 'email', 'sms', 'messaging_app', 'social_media', 'walk_in', 'letter'],
  caller_type: [
    'possible_victim', 'family_member', 'partner', 'friend', 'client', 'community_member', 'employer',
    'professional_ngo', 'professional_social_worker', 'professional_police', 'professional_border_guard',
    'professional_prosecutor', 'professional_labour_inspector', 'professional_health', 'professional_embassy',
    'professional_international_org', 'professional_media', 'other', 'unknown',
  ],
  language: [
    'en', 'nl', 'ro', 'bg', 'uk', 'ru', 'pl', 'de', 'fr', 'es', 'it', 'pt', 'cs', 'sk', 'hu', 'lt', 'lv', 'et',
    'sq', 'mk', 'sr', 'hr', 'bs',
  ],
};

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

      it('labels every code of the contract lists', () => {
        for (const [list, codes] of Object.entries(contractCodes)) {
          for (const code of codes) expect(bundle.has(`codes.${list}.${code}`), `${list}.${code}`).toBe(true);
        }
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

  it('labels codes, falling back to the raw code', async () => {
    expect(codeLabel('channel', 'phone')).toBe('Phone');
    await setUiLanguage('nl');
    expect(codeLabel('channel', 'phone')).toBe('Telefoon');
    expect(codeLabel('channel', 'carrier_pigeon')).toBe('carrier_pigeon');
    expect(codeLabel('caller_type', 'x_new_type')).toBe('x_new_type');
    await setUiLanguage('en');
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
