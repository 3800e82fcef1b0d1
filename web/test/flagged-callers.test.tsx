// @vitest-environment happy-dom
// The supervisor's list of flagged callers: rows with their labels, "Load more", and "Remove"
// by the row's opaque reference (after a confirmation), with messages that say what happened.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../src/api/client';
import { FlaggedCallers } from '../src/contacts/FlaggedCallers';
import { appendPage, type FlaggedCaller, type FlaggedCallerPage } from '../src/contacts/flagsApi';
import type { CodeLists } from '../src/api/types';
import { initI18n } from '../src/i18n';

const codes: CodeLists = {
  version: 'test',
  lists: { caller_flag: ['abusive', 'at_risk'] },
  labels: { caller_flag: { abusive: { en: 'Abusive caller', nl: '', ro: '' }, at_risk: { en: 'Caller at risk', nl: '', ro: '' } } },
};

const refA = 'a'.repeat(64);
const refB = 'b'.repeat(64);
const refC = 'c'.repeat(64);

function row(ref: string, flag: string, extra: Partial<FlaggedCaller> = {}): FlaggedCaller {
  return {
    caller_ref: ref,
    flag,
    expires_at: '2027-01-31T22:59:00Z',
    created_by: 'f00dfeed' + '0'.repeat(24),
    created_by_name: 'Sam Supervisor',
    created_at: '2026-11-30T10:00:00Z',
    contact_count: 0,
    latest_contact: null,
    ...extra,
  };
}

interface Call {
  method: string;
  url: string;
  body: unknown;
}

// A client whose server answers from `reply`, recording every request.
function fakeApi(reply: (call: Call) => { status: number; body?: unknown }) {
  const calls: Call[] = [];
  const fetchFn = (input: string, init?: RequestInit) => {
    const body: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    const call = { method: init?.method ?? 'GET', url: input, body };
    calls.push(call);
    const answer = reply(call);
    const text = answer.body === undefined ? '' : JSON.stringify(answer.body);
    return Promise.resolve(new Response(answer.status === 204 ? null : text, { status: answer.status }));
  };
  return { api: new ApiClient({ fetch: fetchFn as typeof fetch }), calls };
}

async function settle() {
  for (let i = 0; i < 5; i++) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
  }
}

function mount(api: ApiClient): HTMLElement {
  const root = document.createElement('div');
  document.body.appendChild(root);
  render(<FlaggedCallers api={api} codes={codes} />, root);
  return root;
}

// happy-dom has no window.confirm: each test answers it.
function answerConfirm(...answers: boolean[]) {
  const confirm = vi.fn(() => answers.shift() ?? false);
  Object.defineProperty(window, 'confirm', { value: confirm, configurable: true, writable: true });
  return confirm;
}

const bodyRows = (root: HTMLElement) => [...root.querySelectorAll('tbody tr')];
const cells = (tr: Element | undefined) => [...(tr?.querySelectorAll('td') ?? [])].map((td) => td.textContent?.trim() ?? '');
const buttonNamed = (root: HTMLElement, text: string) =>
  [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === text);

describe('flagged callers', () => {
  beforeAll(async () => {
    await initI18n('en');
  });
  afterEach(() => {
    vi.restoreAllMocks();
    document.body.innerHTML = '';
  });

  it('lists each flag with its label, author, contacts and a link to the latest contact', async () => {
    const page: FlaggedCallerPage = {
      items: [
        row(refA, 'at_risk', { created_by_name: null }),
        row(refB, 'abusive', {
          contact_count: 3,
          latest_contact: { id: 'c'.repeat(32), started_at: '2026-11-29T08:00:00Z' },
        }),
      ],
      next_cursor: null,
    };
    const { api, calls } = fakeApi(() => ({ status: 200, body: page }));
    const root = mount(api);
    await settle();
    expect(calls.map((c) => c.url)).toEqual(['/api/v1/callers/flags?limit=50']);
    const [first, second] = bodyRows(root);
    expect(cells(first)[0]).toBe('Caller at risk');
    expect(cells(first)[2]).toBe('User f00dfeed');
    expect(cells(first)[5]).toBe('None yet');
    expect(cells(second)[0]).toBe('Abusive caller');
    expect(cells(second)[2]).toBe('Sam Supervisor');
    expect(cells(second)[4]).toBe('3');
    expect(second?.querySelector('a')?.getAttribute('href')).toBe(`#/contacts/${'c'.repeat(32)}`);
    expect(root.textContent).not.toContain(refA);
    expect(buttonNamed(root, 'Load more')).toBeUndefined();
  });

  it('says so when no caller is flagged', async () => {
    const { api } = fakeApi(() => ({ status: 200, body: { items: [], next_cursor: null } }));
    const root = mount(api);
    await settle();
    expect(root.textContent).toContain('No caller is flagged at the moment.');
    expect(root.querySelector('table')).toBeNull();
  });

  it('loads the next page after the rows shown', async () => {
    const { api, calls } = fakeApi((call) =>
      call.url.includes('cursor=next1')
        ? { status: 200, body: { items: [row(refC, 'abusive')], next_cursor: null } }
        : { status: 200, body: { items: [row(refA, 'abusive'), row(refB, 'abusive')], next_cursor: 'next1' } },
    );
    const root = mount(api);
    await settle();
    expect(bodyRows(root)).toHaveLength(2);
    buttonNamed(root, 'Load more')?.click();
    await settle();
    expect(calls[1]?.url).toBe('/api/v1/callers/flags?limit=50&cursor=next1');
    expect(bodyRows(root)).toHaveLength(3);
    expect(buttonNamed(root, 'Load more')).toBeUndefined();
  });

  it('removes a flag by its reference after a confirmation', async () => {
    const { api, calls } = fakeApi((call) =>
      call.method === 'POST'
        ? { status: 204 }
        : { status: 200, body: { items: [row(refA, 'abusive'), row(refB, 'at_risk')], next_cursor: null } },
    );
    const confirm = answerConfirm(false, true);
    const root = mount(api);
    await settle();

    buttonNamed(root, 'Remove')?.click();
    await settle();
    expect(confirm).toHaveBeenCalledTimes(1);
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
    expect(bodyRows(root)).toHaveLength(2);

    buttonNamed(root, 'Remove')?.click();
    await settle();
    expect(calls.filter((c) => c.method === 'POST')).toEqual([
      { method: 'POST', url: '/api/v1/callers/flags/delete', body: { caller_ref: refA, flag: 'abusive' } },
    ]);
    expect(bodyRows(root)).toHaveLength(1);
    expect(root.querySelector('.notice')?.textContent).toContain('Flag removed: Abusive caller.');
  });

  it('says what happened and what to do when the removal fails, and keeps the row', async () => {
    const { api } = fakeApi((call) =>
      call.method === 'POST'
        ? { status: 503, body: { error: { code: 'unavailable', message: '', field: '' } } }
        : { status: 200, body: { items: [row(refA, 'abusive')], next_cursor: null } },
    );
    answerConfirm(true);
    const root = mount(api);
    await settle();
    buttonNamed(root, 'Remove')?.click();
    await settle();
    const notice = root.querySelector('.notice-error');
    expect(notice?.getAttribute('role')).toBe('alert');
    expect(notice?.textContent).toContain('The flag “Abusive caller” was not removed.');
    expect(notice?.textContent).toContain('Try again in a moment');
    expect(bodyRows(root)).toHaveLength(1);
  });

  it('drops a row someone else removed meanwhile', async () => {
    const { api } = fakeApi((call) =>
      call.method === 'POST'
        ? { status: 404, body: { error: { code: 'not_found', message: 'This caller has no such flag.', field: 'flag' } } }
        : { status: 200, body: { items: [row(refA, 'abusive')], next_cursor: null } },
    );
    answerConfirm(true);
    const root = mount(api);
    await settle();
    buttonNamed(root, 'Remove')?.click();
    await settle();
    expect(bodyRows(root)).toHaveLength(0);
    expect(root.textContent).toContain('had already been removed or has expired');
  });

  it('never shows a row twice when pages overlap', () => {
    const a = row(refA, 'abusive');
    expect(appendPage([a], [a, row(refA, 'at_risk')]).map((r) => r.flag)).toEqual(['abusive', 'at_risk']);
  });
});
