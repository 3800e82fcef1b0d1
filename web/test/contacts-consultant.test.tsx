// @vitest-environment happy-dom
// The contact list's consultant filter: colleagues by name (inactive ones marked), the choice
// carried in the address by user id, and sent to the server as `consultant`.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../src/api/client';
import type { OrgUser } from '../src/api/types';
import { ContactsPage } from '../src/components/ContactsPage';
import { initI18n } from '../src/i18n';

const anna = 'a'.repeat(32);
const bram = 'b'.repeat(32);
const users: OrgUser[] = [
  { id: anna, name: 'Anna Consultant', roles: ['consultant'], active: true },
  { id: bram, name: 'Bram Former', roles: [], active: false },
];

// A client whose server answers the users and an empty contact page, recording every URL.
function fakeApi(usersStatus = 200) {
  const urls: string[] = [];
  const fetchFn = (input: string) => {
    urls.push(input);
    const body = input.startsWith('/api/v1/users')
      ? usersStatus === 200
        ? { items: users }
        : { error: { code: 'permission_denied', message: 'No.', field: '' } }
      : { items: [], next_cursor: null };
    return Promise.resolve(new Response(JSON.stringify(body), { status: input.startsWith('/api/v1/users') ? usersStatus : 200 }));
  };
  return { api: new ApiClient({ fetch: fetchFn as typeof fetch }), urls };
}

async function settle() {
  for (let i = 0; i < 5; i++) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
  }
}

function mount(api: ApiClient, query = ''): HTMLElement {
  const root = document.createElement('div');
  document.body.appendChild(root);
  render(<ContactsPage api={api} query={query} />, root);
  return root;
}

const consultantSelect = (root: HTMLElement) => root.querySelector<HTMLSelectElement>('#filter-consultant');

describe('the consultant filter of the contact list', () => {
  beforeAll(async () => {
    await initI18n('en');
  });
  afterEach(() => {
    document.body.innerHTML = '';
    window.location.hash = '';
  });

  it('offers every colleague by name, inactive ones marked', async () => {
    const { api, urls } = fakeApi();
    const root = mount(api);
    await settle();
    expect(urls).toContain('/api/v1/users');
    const select = consultantSelect(root);
    expect(root.querySelector('label[for="filter-consultant"]')?.textContent).toBe('Consultant');
    expect([...(select?.options ?? [])].map((o) => [o.value, o.textContent])).toEqual([
      ['', 'Any'],
      [anna, 'Anna Consultant'],
      [bram, 'Bram Former (inactive)'],
    ]);
  });

  it('puts the chosen consultant in the address', async () => {
    const { api } = fakeApi();
    const root = mount(api);
    await settle();
    const select = consultantSelect(root);
    if (!select) throw new Error('no consultant select');
    select.value = anna;
    await act(() => {
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await act(() => {
      root.querySelector('form')?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    expect(window.location.hash).toBe(`#/contacts?consultant=${anna}`);
  });

  it('sends the consultant from the address to the server, and keeps it chosen', async () => {
    const { api, urls } = fakeApi();
    const root = mount(api, `?consultant=${bram}`);
    await settle();
    expect(urls).toContain(`/api/v1/contacts?consultant=${bram}&limit=50`);
    expect(consultantSelect(root)?.value).toBe(bram);
  });

  it('still filters by the id in the address when the names cannot be read', async () => {
    const { api, urls } = fakeApi(403);
    const root = mount(api, `?consultant=${anna}`);
    await settle();
    expect(urls).toContain(`/api/v1/contacts?consultant=${anna}&limit=50`);
    const select = consultantSelect(root);
    expect(select?.value).toBe(anna);
    expect([...(select?.options ?? [])].map((o) => o.textContent)).toEqual(['Any', 'aaaaaaaa']);
  });
});
