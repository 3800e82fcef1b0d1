// @vitest-environment happy-dom
// The Log a contact screen against a fake server: a non-data call without the call timer, the
// confirmation taking the focus after finishing, the question before New contact replaces a
// filled form, and Discard draft (DELETE /api/v1/contacts/{id}, its 404 and 409).
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../src/api/client';
import type { CodeLists, User } from '../src/api/types';
import { discardContact } from '../src/contacts/api';
import { LogContactPage, discardDraft } from '../src/components/LogContactPage';
import { initI18n } from '../src/i18n';
import { contact } from './fixtures';

const draftId = 'd'.repeat(32);
const codes = {
  lists: {
    channel: ['phone', 'chat'],
    language: ['en', 'nl'],
    caller_type: ['possible_victim', 'unknown'],
    category: ['crisis', 'tip', 'general_information'],
    non_data_type: ['silent', 'hang_up'],
    outcome: ['information_given'],
    country: ['RO', 'NL'],
    exploitation: ['forced_labour'],
    industry: ['cleaning'],
    indicator: ['debt'],
    assistance: ['safety_tips'],
  },
} as unknown as CodeLists;
const user = { id: 'u'.repeat(32), name: 'Consultant', roles: ['consultant'] } as unknown as User;

interface Sent {
  method: string;
  path: string;
  body: Record<string, unknown> | null;
}

/** A fake server: contacts are created as `draftId`; `deleteStatus` answers DELETE. */
function fakeApi(deleteStatus = 204) {
  const sent: Sent[] = [];
  let version = 0;
  const fetchFn = (path: string, init: RequestInit) => {
    const method = init.method ?? 'GET';
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : null;
    sent.push({ method, path, body });
    const json = (status: number, value: unknown) =>
      Promise.resolve(new Response(status === 204 ? null : JSON.stringify(value), { status }));
    if (path === '/api/v1/contacts/drafts') return json(200, { items: [] });
    if (method === 'POST' && path === '/api/v1/contacts') {
      version = 1;
      return json(201, contact({ ...(body ?? {}), id: draftId, version }));
    }
    if (method === 'PUT') {
      version += 1;
      return json(200, contact({ ...(body ?? {}), id: draftId, version }));
    }
    if (method === 'DELETE') {
      if (deleteStatus === 204) return json(204, null);
      const code = deleteStatus === 409 ? 'conflict' : 'not_found';
      return json(deleteStatus, { error: { code, message: 'Refused.', field: '' } });
    }
    return json(404, { error: { code: 'not_found', message: 'Not found.', field: '' } });
  };
  return { api: new ApiClient({ fetch: fetchFn as typeof fetch }), sent };
}

async function settle(ms = 0) {
  for (let i = 0; i < 20; i++) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, ms));
    });
  }
}

const mounted: HTMLElement[] = [];

function mount(api: ApiClient) {
  const root = document.createElement('div');
  mounted.push(root);
  document.body.appendChild(root);
  render(<LogContactPage api={api} codes={codes} user={user} />, root);
  return root;
}

/** A key pressed where the focus is; Enter on a button presses it, as browsers do. */
async function press(key: string, init: KeyboardEventInit = {}) {
  const target = document.activeElement ?? document.body;
  await act(() => {
    const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
    if (target.dispatchEvent(event) && key === 'Enter' && target instanceof HTMLButtonElement) target.click();
  });
  await settle();
}

const button = (root: ParentNode, name: string) =>
  [...root.querySelectorAll('button')].find((b) => b.textContent?.trim().startsWith(name));
const statusText = (root: HTMLElement) => root.querySelector('#contact-status')?.textContent ?? '';

describe('the Log a contact screen', () => {
  beforeAll(async () => {
    await initI18n('en');
  });
  afterEach(() => {
    // Unmounted, a screen lets go of its window key listener.
    for (const root of mounted.splice(0)) render(null, root);
    document.body.innerHTML = '';
    discardDraft();
  });

  it('logs a non-data call without the call timer: N, S, Enter', async () => {
    const { api, sent } = fakeApi();
    const root = mount(api);
    await settle();
    await press('n');
    await press('s');
    await press('Enter');
    await settle();
    const final = sent.find((s) => s.body?.status === 'final');
    expect(root.querySelector('.field-error')?.textContent ?? '').toBe('');
    expect(final?.body).toMatchObject({ kind: 'non_data', non_data_type: 'silent' });
    expect(Number.isInteger(final?.body?.duration_s)).toBe(true);
    expect(statusText(root)).toContain('Contact saved.');
  });

  it('moves the focus to the confirmation after finishing', async () => {
    const { api } = fakeApi();
    const root = mount(api);
    await settle();
    await press('i');
    await press('1');
    (root.querySelector('#contact-summary') as HTMLTextAreaElement).focus();
    await press('Enter', { ctrlKey: true });
    await settle();
    expect(statusText(root)).toContain('Contact saved.');
    expect(document.activeElement?.id).toBe('contact-status');
  });

  it('moves the focus on after a shortcut: category, then caller type, then the details', async () => {
    const { api } = fakeApi();
    mount(api);
    await settle();
    await press('t');
    expect((document.activeElement as HTMLElement | null)?.closest('#contact-caller-type-keys')).not.toBeNull();
    await press('1');
    expect(document.activeElement?.id).toBe('contact-destination');
    await press('o', { altKey: true, code: 'KeyO' });
    expect(document.activeElement?.id).toBe('contact-outcome');
  });

  it('asks before New contact replaces a filled form', async () => {
    const { api, sent } = fakeApi();
    const root = mount(api);
    await settle();
    await press('n', { altKey: true, code: 'KeyN' });
    await settle();
    expect(sent.filter((s) => s.method === 'POST' && s.path === '/api/v1/contacts')).toHaveLength(1);
    await press('i');
    await press('n', { altKey: true, code: 'KeyN' });
    const dialog = root.querySelector('[role="alertdialog"]');
    expect(dialog?.textContent).toContain('Start a new contact?');
    await act(() => button(dialog as Element, 'Stay on this contact')?.click());
    await settle();
    expect(root.querySelector('[role="alertdialog"]')).toBeNull();
    expect(root.querySelector('#contact-category [aria-pressed="true"]')?.getAttribute('data-code')).toBe('general_information');
  });

  it('creates no draft for the number of a caller typed alone (a look-up), one once the form says more', async () => {
    const { api, sent } = fakeApi();
    const root = mount(api);
    await settle();
    const number = root.querySelector('#contact-caller-identifier') as HTMLInputElement;
    number.value = '+31 6 1234 5678';
    await act(() => {
      number.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 1700)); // the autosave's pause
    });
    await settle();
    expect(sent.filter((s) => s.method === 'POST' && s.path === '/api/v1/contacts')).toHaveLength(0);
    (root.querySelector('#contact-kind-data') as HTMLElement).focus();
    await press('i');
    await press('s', { ctrlKey: true });
    const posts = sent.filter((s) => s.method === 'POST' && s.path === '/api/v1/contacts');
    expect(posts.map((s) => s.body?.caller_identifier)).toEqual(['+31 6 1234 5678']);
  });

  it.each([
    [204, 'The draft was discarded.'],
    [404, 'This draft was not found'],
    [409, 'This contact is already finished, so it cannot be discarded.'],
  ])('Discard draft sends DELETE for the draft; answered %i, it says so', async (status, message) => {
    const { api, sent } = fakeApi(status);
    const root = mount(api);
    await settle();
    await press('n', { altKey: true, code: 'KeyN' });
    await settle();
    await act(() => button(root, 'Discard draft')?.click());
    await settle();
    const dialog = root.querySelector('[role="alertdialog"]');
    expect(dialog?.textContent).toContain('Discard this draft?');
    await act(() => button(dialog as Element, 'Discard the draft')?.click());
    await settle();
    expect(sent.filter((s) => s.method === 'DELETE').map((s) => s.path)).toEqual([`/api/v1/contacts/${draftId}`]);
    expect(statusText(root)).toContain(message);
    // Discarded, the form is empty and no longer tied to a draft; refused, it stays as it was.
    expect(button(root, 'Discard draft') === undefined).toBe(status === 204);
  });
});

describe('discardContact', () => {
  it('sends DELETE /api/v1/contacts/{id} with the CSRF token of the session', async () => {
    const sent: { method: string; path: string; csrf: string | null }[] = [];
    const api = new ApiClient({
      fetch: ((path: string, init: RequestInit) => {
        const headers = new Headers(init.headers);
        sent.push({ method: init.method ?? 'GET', path, csrf: headers.get('X-CSRF-Token') });
        const session = { csrf_token: 'token', user: { id: 'u', name: 'U', roles: ['consultant'] } };
        return Promise.resolve(new Response(path === '/api/v1/session' ? JSON.stringify(session) : null, { status: path === '/api/v1/session' ? 200 : 204 }));
      }) as typeof fetch,
    });
    await api.signIn('consultant@example.org', 'secret');
    await discardContact(api, draftId);
    expect(sent.at(-1)).toEqual({ method: 'DELETE', path: `/api/v1/contacts/${draftId}`, csrf: 'token' });
  });
});

describe('the call kept while the screen is closed', () => {
  beforeAll(async () => {
    await initI18n('en');
  });

  it('saves on the same draft after the screen was closed and opened again: one POST', async () => {
    const { api, sent } = fakeApi();
    const first = mount(api);
    await settle();
    await press('i'); // an edit: the autosave is due in 1.5 s
    render(null, first); // the consultant opens another page meanwhile
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 1700));
    });
    await settle();
    const writes = () => sent.filter((s) => s.method !== 'GET').map((s) => s.method);
    expect(writes()).toEqual(['POST']);
    const second = mount(api);
    await settle();
    expect(second.querySelector('#contact-category [aria-pressed="true"]')?.getAttribute('data-code')).toBe('general_information');
    await press('1');
    await press('s', { ctrlKey: true });
    expect(writes()).toEqual(['POST', 'PUT']);
    render(null, second);
    discardDraft();
  });
});
