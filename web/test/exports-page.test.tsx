// @vitest-environment happy-dom
// The Exports screen: running the CTDC export shows its report (figures and one row per step)
// before the file is saved; a k the server refuses marks the k field and says why.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../src/api/client';
import { ExportsPage } from '../src/exports/ExportsPage';
import type { CtdcExport } from '../src/exports/api';
import { initI18n } from '../src/i18n';

const made: CtdcExport = {
  report: {
    k: 11,
    year_span: 5,
    cases_read: 27,
    without_consent: 12,
    records_in: 15,
    records_below_k_before: 3,
    records_out: 12,
    records_suppressed: 3,
    classes: 1,
    smallest_class: 12,
    steps: [
      { step: 'year_span', records_changed: 3, records_below_k: 3 },
      { step: 'suppression', records_changed: 3, records_below_k: 0 },
    ],
  },
  file: { name: 'strada-ctdc.csv', content_type: 'text/csv; charset=utf-8', content: 'yearOfRegistration\r\n' },
};

function fakeApi(status: number, body: unknown, sent: unknown[] = []) {
  const fetchFn = (_url: string, init: RequestInit) => {
    sent.push(JSON.parse(init.body as string));
    return Promise.resolve(new Response(JSON.stringify(body), { status }));
  };
  return new ApiClient({ fetch: fetchFn as unknown as typeof fetch });
}

async function settle() {
  for (let i = 0; i < 5; i++) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
  }
}

function submitCtdc(root: HTMLElement) {
  const form = root.querySelector('form');
  form?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
}

describe('exports screen', () => {
  beforeAll(async () => {
    await initI18n('en');
  });
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('shows the CTDC report with a row per step before the file is saved', async () => {
    const root = document.createElement('div');
    document.body.appendChild(root);
    const sent: unknown[] = [];
    render(<ExportsPage api={fakeApi(200, made, sent)} />, root);
    submitCtdc(root);
    await settle();
    expect(sent).toEqual([{ k: 11, year_span: 5 }]);
    const rows = [...root.querySelectorAll('.ctdc-report tbody tr')].map((tr) => tr.textContent);
    expect(rows).toEqual(['Year → span of years33', 'Dropped (still under k)30']);
    expect(root.querySelector('[data-figure="suppressed"]')?.textContent).toBe('3');
    expect(root.querySelector('[data-figure="withoutConsent"]')?.textContent).toBe('12');
    expect(root.textContent).toContain('Save the CTDC file (12 records)');
  });

  it('marks k when the server refuses it', async () => {
    const root = document.createElement('div');
    document.body.appendChild(root);
    const refusal = { error: { code: 'invalid_argument', message: 'k must be at least 11.', field: 'k' } };
    render(<ExportsPage api={fakeApi(422, refusal)} />, root);
    submitCtdc(root);
    await settle();
    expect(root.querySelector('#exports-k')?.getAttribute('aria-invalid')).toBe('true');
    expect(root.querySelector('[role="alert"]')?.textContent).toContain('k must be at least 11.');
    expect(root.querySelector('.ctdc-report')).toBeNull();
  });
});
