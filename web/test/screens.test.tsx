// @vitest-environment happy-dom
// The screens as each role sees them, against a fake server: the contact list's status column
// and empty states, the contact page's author and sealed summary, the idle warning, and the
// printed safety plan's hotline.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../src/api/client';
import type { CodeLists, Contact, User } from '../src/api/types';
import { ContactDetail } from '../src/components/ContactDetail';
import { ContactsPage, countActive, listSummary } from '../src/components/ContactsPage';
import { IdleWarning } from '../src/components/IdleWarning';
import { SafetyPlanPage } from '../src/components/SafetyPlanPage';
import { i18n, initI18n } from '../src/i18n';
import { emptyFilter } from '../src/lists/api';
import { idleState } from '../src/session/idle';
import { contact } from './fixtures';

const author = 'a'.repeat(32);
const codes: CodeLists = { version: 't', lists: {}, labels: {} };

const user = (permissions: string[], roles: User['roles'] = []): User => ({
  id: 'u1',
  email: 'x@example.org',
  name: 'X',
  roles,
  permissions,
  organisation: { id: 'o1', code: 'NL', name: 'La Strada Nederland', country: 'NL' },
});
const dataOfficer = user(['contact.list', 'contact.read'], ['data_officer']);
const consultant = user(['contact.list', 'contact.read', 'contact.read_sealed', 'contact.create'], ['consultant']);

/** A client whose server answers by path prefix; every URL asked is recorded. */
function fakeApi(answers: Record<string, unknown>) {
  const urls: string[] = [];
  const fetchFn = (input: string) => {
    urls.push(input);
    const key = Object.keys(answers).find((prefix) => input.startsWith(prefix));
    const body = key === undefined ? { error: { code: 'not_found', message: '', field: '' } } : answers[key];
    return Promise.resolve(new Response(JSON.stringify(body), { status: key === undefined ? 404 : 200 }));
  };
  return { api: new ApiClient({ fetch: fetchFn as typeof fetch }), urls };
}

async function settle() {
  for (let i = 0; i < 6; i++) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
  }
}

function mount(node: preact.ComponentChild): HTMLElement {
  const root = document.createElement('div');
  document.body.appendChild(root);
  render(node, root);
  return root;
}

beforeAll(async () => {
  await initI18n('en');
});
afterEach(() => {
  document.body.innerHTML = '';
  window.location.hash = '';
});

describe('the contact list', () => {
  it('has a Status column, so an empty draft is not a blank row', async () => {
    const draft = contact({ id: 'd1', status: 'draft', finalised_at: null, channel: '', caller_type: '' });
    const { api } = fakeApi({ '/api/v1/users': { items: [] }, '/api/v1/contacts': { items: [draft], next_cursor: null } });
    const root = mount(<ContactsPage api={api} codes={codes} user={consultant} />);
    await settle();
    const headings = [...root.querySelectorAll('thead th')].map((th) => th.textContent);
    expect(headings).toContain('Status');
    expect(root.querySelector('tbody td[data-label="Status"]')?.textContent).toBe('Draft');
  });

  it('speaks of a period only when one was chosen', () => {
    const t = i18n.t.bind(i18n);
    expect(listSummary(t, emptyFilter, 0, true)).toBe('No contacts to show.');
    expect(listSummary(t, { ...emptyFilter, channel: 'phone' }, 0, true)).toBe('No contacts match these filters.');
    expect(listSummary(t, { ...emptyFilter, from: '2026-11-01' }, 0, true)).toBe('No contacts were logged in this period.');
    expect(listSummary(t, emptyFilter, 3, true)).toBe('Contacts shown: 3. All contacts that match are shown.');
    expect(countActive({ ...emptyFilter, from: '2026-11-01', channel: 'phone' })).toBe(2);
  });

  it('names the number of active filters on the button that shows them', async () => {
    const { api } = fakeApi({ '/api/v1/users': { items: [] }, '/api/v1/contacts': { items: [], next_cursor: null } });
    const root = mount(<ContactsPage api={api} codes={codes} user={consultant} query="?channel=phone&status=any" />);
    await settle();
    const toggle = root.querySelector<HTMLButtonElement>('button[aria-controls="contact-filters"]');
    expect(toggle?.textContent).toBe('Filters (2 active)');
    const wasOpen = toggle?.getAttribute('aria-expanded') === 'true';
    await act(() => toggle?.click());
    expect(toggle?.getAttribute('aria-expanded')).toBe(String(!wasOpen));
    expect(root.querySelector<HTMLFormElement>('#contact-filters')?.hidden).toBe(wasOpen);
  });

  it('lets the keyboard reach its scroll region, which is named', async () => {
    const { api } = fakeApi({ '/api/v1/users': { items: [] }, '/api/v1/contacts': { items: [contact()], next_cursor: null } });
    const root = mount(<ContactsPage api={api} codes={codes} user={consultant} />);
    await settle();
    const region = root.querySelector('.table-wrap');
    expect(region?.getAttribute('tabindex')).toBe('0');
    expect(region?.getAttribute('role')).toBe('region');
    expect(region?.getAttribute('aria-label')).toMatch(/^Contacts/);
  });
});

describe('the contact page', () => {
  const stored: Contact = contact({ id: 'c9', created_by: author });
  const users = { items: [{ id: author, name: 'Anna Consultant', roles: ['consultant'], active: true }] };

  it("names the author instead of showing their id", async () => {
    const { api } = fakeApi({ '/api/v1/contacts/c9': stored, '/api/v1/users': users });
    const root = mount(<ContactDetail api={api} id="c9" codes={codes} user={consultant} />);
    await settle();
    expect(root.textContent).toContain('Anna Consultant');
    expect(root.textContent).not.toContain(author);
  });

  it('says a sealed summary is not for this role rather than that none was written', async () => {
    const { api } = fakeApi({ '/api/v1/contacts/c9': stored, '/api/v1/users': users });
    const root = mount(<ContactDetail api={api} id="c9" codes={codes} user={dataOfficer} />);
    await settle();
    expect(root.textContent).toContain('Summaries are sealed: your role may not read them.');
    expect(root.textContent).not.toContain('No summary was written.');
  });

  it('still says so when a role that may read it finds none', async () => {
    const { api } = fakeApi({ '/api/v1/contacts/c9': stored, '/api/v1/users': users });
    const root = mount(<ContactDetail api={api} id="c9" codes={codes} user={consultant} />);
    await settle();
    expect(root.textContent).toContain('No summary was written.');
  });
});

describe('the idle warning', () => {
  it('comes two minutes before the 30-minute timeout', () => {
    expect(idleState(0, 27 * 60_000)).toBe('active');
    expect(idleState(0, 28 * 60_000)).toBe('warn');
    expect(idleState(0, 30 * 60_000)).toBe('expired');
  });

  it('offers to stay signed in, which touches the session with GET /api/v1/me', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    try {
      const { api, urls } = fakeApi({ '/api/v1/me': { csrf_token: 'x', user: consultant } });
      api.lastRequestAt = Date.now();
      let expired = 0;
      let root = document.body;
      await act(() => {
        root = mount(<IdleWarning api={api} onExpired={() => (expired += 1)} />);
      });
      await act(() => {
        vi.advanceTimersByTime(27 * 60_000);
      });
      expect(root.querySelector('[role="alertdialog"] button')).toBeNull();
      await act(() => {
        vi.advanceTimersByTime(60_000 + 5_000);
      });
      const dialog = root.querySelector('[role="alertdialog"]');
      expect(dialog?.getAttribute('aria-labelledby')).toBe('idle-title');
      expect(dialog?.textContent).toContain('You will be signed out soon');
      const stay = dialog?.querySelector('button');
      expect(stay?.textContent).toBe('Stay signed in');
      await act(async () => {
        stay?.click();
        await Promise.resolve();
      });
      await settle();
      expect(urls).toEqual(['/api/v1/me']);
      expect(root.querySelector('[role="alertdialog"] button')).toBeNull();
      await act(() => {
        vi.advanceTimersByTime(30 * 60_000 + 5_000);
      });
      expect(expired).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('the printed safety plan', () => {
  it("names the organisation's hotline", async () => {
    const plan = { id: 'p', contact_id: 'c9', version: 1, risks: 'Risk', created_by: 'u', created_at: '2026-11-30T08:00:00Z', updated_by: 'u', updated_at: '2026-11-30T08:00:00Z' };
    const { api } = fakeApi({ '/api/v1/contacts/c9/safety-plan': plan });
    const root = mount(<SafetyPlanPage api={api} contactId="c9" user={consultant} />);
    await settle();
    expect(root.querySelector('.plan-print')?.textContent).toContain('Hotline of La Strada Nederland');
  });
});
