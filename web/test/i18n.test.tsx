// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../src/i18n/en.json';
import { i18n, initI18n, languageName, loadMessages, setUiLanguage, uiLanguages, useT } from '../src/i18n';

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

// i18next picks x_one, x_few, ... by Intl.PluralRules: a message with a {{count}} is a plural
// family, and each language has exactly the forms its rules name.
const pluralSuffix = /_(zero|one|two|few|many|other)$/;
const pluralBase = (key: string) => key.replace(pluralSuffix, '');

/** The keys without their plural suffix, and for each family the forms it has. */
function families(bundle: Map<string, string>): { plain: Set<string>; plural: Map<string, string[]> } {
  const plain = new Set<string>();
  const plural = new Map<string, string[]>();
  for (const key of bundle.keys()) {
    const form = pluralSuffix.exec(key)?.[1];
    if (form === undefined) plain.add(key);
    else plural.set(pluralBase(key), [...(plural.get(pluralBase(key)) ?? []), form].sort());
  }
  return { plain, plural };
}

const reference = flatten(en);
const referenceFamilies = families(reference);

describe('translations', () => {
  it('offers English first, every language by its own name', () => {
    expect(uiLanguages[0]).toBe('en');
    expect(uiLanguages).toEqual(expect.arrayContaining(['en', 'nl', 'ro', 'bg', 'ar']));
    expect(languageName('bg')).toBe('Български');
    expect(languageName('ar')).toBe('العربية');
  });

  it('puts every message with a {{count}} in plural keys', () => {
    const plainWithCount = [...reference].filter(([k, text]) => !pluralSuffix.test(k) && /\{\{\s*count\s*\}\}/.test(text));
    expect(plainWithCount.map(([k]) => k)).toEqual([]);
  });

  for (const lng of uiLanguages) {
    describe(lng, () => {
      let bundle = new Map<string, string>();
      beforeAll(async () => {
        bundle = flatten(await loadMessages(lng));
      });

      it('has every key of English and no others, plural forms aside', () => {
        const { plain, plural } = families(bundle);
        const missing = [...referenceFamilies.plain, ...referenceFamilies.plural.keys()].filter(
          (k) => !plain.has(k) && !plural.has(k),
        );
        const extra = [...plain, ...plural.keys()].filter(
          (k) => !referenceFamilies.plain.has(k) && !referenceFamilies.plural.has(k),
        );
        expect({ missing, extra }).toEqual({ missing: [], extra: [] });
      });

      it('has exactly the plural forms Intl.PluralRules names for it', () => {
        const wanted = [...new Intl.PluralRules(lng).resolvedOptions().pluralCategories].sort();
        const wrong = [...families(bundle).plural].filter(([, forms]) => forms.join() !== wanted.join());
        expect(wrong, `${lng} needs ${wanted.join(', ')}`).toEqual([]);
        expect(families(bundle).plain.size + families(bundle).plural.size).toBeGreaterThan(0);
      });

      it('has no empty texts and keeps every {{placeholder}}', () => {
        const referenceText = (key: string) =>
          reference.get(key) ?? reference.get(`${pluralBase(key)}_other`) ?? '';
        for (const [key, text] of bundle) {
          expect(text.trim(), key).not.toBe('');
          // A form for exactly one (or zero, two) may say the number in words instead.
          const got = placeholders(text).filter((p) => p !== 'count' || !/_(zero|one|two)$/.test(key));
          const want = placeholders(referenceText(key)).filter(
            (p) => p !== 'count' || !/_(zero|one|two)$/.test(key),
          );
          expect(got, key).toEqual(want);
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

  it('sets <html lang> and dir when the language changes', async () => {
    await setUiLanguage('nl');
    expect(document.documentElement.lang).toBe('nl');
    expect(document.documentElement.dir).toBe('ltr');
    expect(localStorage.getItem('strada.uiLanguage')).toBe('nl');
    await setUiLanguage('ar');
    expect(document.documentElement.lang).toBe('ar');
    expect(document.documentElement.dir).toBe('rtl');
    await setUiLanguage('en');
    expect(document.documentElement.lang).toBe('en');
    expect(document.documentElement.dir).toBe('ltr');
  });

  it('picks the plural form by the rules of the language', async () => {
    expect(i18n.t('reports.submittedAll', { count: 1 })).toBe("1 report submitted to the network's hub.");
    expect(i18n.t('reports.submittedAll', { count: 3 })).toBe("3 reports submitted to the network's hub.");
    await setUiLanguage('ro');
    expect(i18n.t('reports.submittedAll', { count: 3 })).toBe('3 rapoarte trimise către hubul rețelei.');
    expect(i18n.t('reports.submittedAll', { count: 21 })).toBe('21 de rapoarte trimise către hubul rețelei.');
    // Slavic languages: one, few and many (Russian and Ukrainian 21 as 1, 22 as 3; Polish 21 as 5).
    await setUiLanguage('ru');
    expect([1, 3, 5, 21, 22, 25].map((count) => i18n.t('exports.ctdc.save', { count }))).toEqual(
      ['1 запись', '3 записи', '5 записей', '21 запись', '22 записи', '25 записей'].map((n) => `Сохранить файл CTDC (${n})`),
    );
    await setUiLanguage('pl');
    expect([1, 3, 5, 21, 22].map((count) => i18n.t('reports.submittedAll', { count }))).toEqual(
      ['1 raport', '3 raporty', '5 raportów', '21 raportów', '22 raporty'].map((n) => `Przesłano ${n} do centrum sieci.`),
    );
    await setUiLanguage('cs');
    expect([1, 3, 5].map((count) => i18n.t('networkOverview.byCountrySummary', { count }))).toEqual(
      ['1 země', '3 země', '5 zemí'].map((n) => `Sloupce podle země (${n}) se součty za celé období; v tabulce níže jsou všechny součty.`),
    );
    await setUiLanguage('uk');
    expect([1, 3, 5, 21].map((count) => i18n.t('lists.exportDone', { count }))).toEqual(
      ['1 контакт', '3 контакти', '5 контактів', '21 контакт'].map((n) => `Експорт готовий: ${n}. Файл у ваших завантаженнях.`),
    );
    await setUiLanguage('en');
  });

  it('writes a count with the digits and grouping of the language, and leaves other numbers be', async () => {
    expect(i18n.t('contacts.shown', { count: 12345 })).toBe('Contacts shown: 12,345.');
    expect(i18n.t('networkOverview.printedSpan', { from: 2024, to: 2026 })).toBe('Network overview 2024–2026');
    expect(i18n.t('lists.inactiveUser', { name: 'Ana' })).toBe('Ana (inactive)');
    await setUiLanguage('bg');
    expect(i18n.t('contacts.shown', { count: 12345 })).toBe(`Показани контакти: ${new Intl.NumberFormat('bg-BG').format(12345)}.`);
    await setUiLanguage('ar');
    expect(i18n.t('contacts.shown', { count: 12345 })).toContain(new Intl.NumberFormat('ar').format(12345));
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
