// @vitest-environment happy-dom
// The directory's agency types and services take their labels from GET /api/v1/codes, in the UI
// language, like every other code list: no agency label lives in the web bundle.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeLists } from '../src/api/types';
import { CodeField } from '../src/components/CodeSelect';
import { initI18n, loadMessages, setUiLanguage, uiLanguages } from '../src/i18n';

const codes: CodeLists = {
  version: '2026-11.3',
  lists: { agency_type: ['ngo', 'shelter', 'brand_new'], agency_service: ['legal_aid'] },
  labels: {
    agency_type: {
      ngo: { en: 'NGO', nl: 'Ngo', ro: 'ONG' },
      shelter: { en: 'Shelter', nl: 'Opvang', ro: 'Adăpost' },
    },
    agency_service: { legal_aid: { en: 'Legal aid', nl: 'Rechtshulp', ro: 'Asistență juridică' } },
  },
};

function optionTexts(root: HTMLElement): string[] {
  return [...root.querySelectorAll('option')].map((o) => o.textContent ?? '');
}

describe('agency code labels', () => {
  beforeAll(async () => {
    await initI18n('en');
  });
  afterAll(async () => {
    await setUiLanguage('en');
  });

  it('come from the server, in the UI language, else the raw code', async () => {
    const root = document.createElement('div');
    void act(() => {
      render(
        <CodeField
          id="agency-type"
          label="Type"
          list="agency_type"
          codes={codes.lists.agency_type ?? []}
          labels={codes}
          value=""
          placeholder="Choose…"
          onChange={() => undefined}
        />,
        root,
      );
    });
    expect(root.querySelector('label')?.getAttribute('for')).toBe('agency-type');
    expect(optionTexts(root)).toEqual(['Choose…', 'NGO', 'Shelter', 'brand_new']);
    await act(async () => {
      await setUiLanguage('nl');
    });
    expect(optionTexts(root)).toEqual(['Choose…', 'Ngo', 'Opvang', 'brand_new']);
    render(null, root);
  });

  it('are not in the web translations any more', async () => {
    for (const lng of uiLanguages) {
      const directory = (await loadMessages(lng)).directory as Record<string, unknown>;
      expect(directory.types, lng).toBeUndefined();
      expect(directory.serviceCodes, lng).toBeUndefined();
    }
  });
});
