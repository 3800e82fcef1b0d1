// @vitest-environment happy-dom
// The referrals of a case against a fake server: a refusal for want of consent (409
// consent_required) tells a case worker to record the consent or ask a supervisor, with no
// override offered; a supervisor is offered the override and sends the stated reason.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../src/api/client';
import type { CodeLists, User } from '../src/api/types';
import { ReferralsSection } from '../src/cases/ReferralsSection';
import { initI18n } from '../src/i18n';

const codes: CodeLists = { version: 't', lists: {}, labels: {} };
const user = (permissions: string[]): User => ({
  id: 'u1',
  email: 'x@example.org',
  name: 'X',
  roles: [],
  permissions,
  organisation: { id: 'o1', code: 'NL', name: 'Org', country: 'NL' },
});
const refused = { error: { code: 'consent_required', message: 'No consent.', field: 'consent' } };

function fakeApi(posts: [number, unknown][]) {
  const sent: unknown[] = [];
  const fetchFn = (url: string, init: RequestInit) => {
    let answer: [number, unknown] = [200, { items: [] }];
    if (url.startsWith('/api/v1/agencies')) answer = [200, { items: [{ id: 'a1', name: 'Haven Shelter', type: 'shelter', city: '' }] }];
    if (init.method === 'POST') {
      sent.push(JSON.parse(typeof init.body === 'string' ? init.body : '{}'));
      answer = posts.shift() ?? answer;
    }
    return Promise.resolve(new Response(JSON.stringify(answer[1]), { status: answer[0] }));
  };
  return { api: new ApiClient({ fetch: fetchFn as typeof fetch }), sent };
}

const wait = (ms: number) => act(() => new Promise<void>((resolve) => setTimeout(resolve, ms)));

async function refer(root: HTMLElement) {
  const search = root.querySelector<HTMLInputElement>('#referral-agency');
  if (search === null) throw new Error('no agency search');
  search.value = 'Haven';
  await act(() => {
    search.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await wait(300);
  await act(() => root.querySelector<HTMLButtonElement>('.agency-results button')?.click());
  const purpose = root.querySelector<HTMLTextAreaElement>('#referral-purpose');
  if (purpose === null) throw new Error('no purpose');
  purpose.value = 'Safe housing';
  await act(() => {
    purpose.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await act(() => root.querySelector<HTMLFormElement>('form')?.requestSubmit());
  await wait(20);
}

function mount(who: User, api: ApiClient) {
  const root = document.createElement('div');
  document.body.appendChild(root);
  render(<ReferralsSection api={api} codes={codes} caseId="cs1" mayWrite user={who} onChanged={() => undefined} />, root);
  return root;
}

beforeAll(async () => {
  await initI18n('en');
});
afterEach(() => {
  document.body.innerHTML = '';
});

describe('a referral refused for want of consent', () => {
  it('tells a case worker to record the consent or ask a supervisor, and offers no override', async () => {
    const { api, sent } = fakeApi([[409, refused]]);
    const root = mount(user(['case.update']), api);
    await wait(20);
    await refer(root);
    expect(sent).toEqual([{ agency_id: 'a1', purpose: 'Safe housing' }]);
    expect(root.textContent).toContain('or ask a supervisor to override');
    expect(root.querySelector('#referral-override_reason')).toBeNull();
  });

  it('offers a supervisor the override and sends the stated reason', async () => {
    const made = { id: 'r1' };
    const { api, sent } = fakeApi([[409, refused], [201, made]]);
    const root = mount(user(['case.update', 'consent.override']), api);
    await wait(20);
    await refer(root);
    expect(root.textContent).toContain('state below why you override it');
    const reason = root.querySelector<HTMLTextAreaElement>('#referral-override_reason');
    expect(reason).not.toBeNull();
    if (reason === null) return;
    reason.value = 'Immediate danger tonight';
    await act(() => {
      reason.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(() => root.querySelector<HTMLFormElement>('form')?.requestSubmit());
    await wait(20);
    expect(sent[1]).toEqual({ agency_id: 'a1', purpose: 'Safe housing', override_reason: 'Immediate danger tonight' });
    expect(root.textContent).toContain('Referral recorded without consent');
  });
});
