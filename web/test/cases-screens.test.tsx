// @vitest-environment happy-dom
// The case screens against a fake server: a data officer's case view holds no sealed field and
// offers no change; a stale move (409) says so and reloads on request; the search before create
// sends its terms in a POST body and offers to register when nothing matches.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../src/api/client';
import type { CodeLists, User } from '../src/api/types';
import type { CaseRecord } from '../src/cases/api';
import { CasePage } from '../src/cases/CasePage';
import { NewClientPage } from '../src/cases/NewClientPage';
import { initI18n } from '../src/i18n';

const codes: CodeLists = {
  version: 't',
  lists: { case_status: ['intake', 'identification'], gender: ['Feminine'] },
  labels: {
    case_status: {
      intake: { en: 'Intake', nl: 'Aanmelding', ro: 'Preluare' },
      identification: { en: 'Identification', nl: 'Identificatie', ro: 'Identificare' },
    },
    gender: { Feminine: { en: 'Feminine', nl: 'Vrouwelijk', ro: 'Feminin' } },
  },
};

const user = (permissions: string[]): User => ({
  id: 'u1',
  email: 'x@example.org',
  name: 'X',
  roles: [],
  permissions,
  organisation: { id: 'o1', code: 'NL', name: 'Org', country: 'NL' },
});
const dataOfficer = user(['case.list', 'case.read', 'client.read']);
const caseWorker = user(['case.list', 'case.read', 'case.update', 'case.create', 'client.create', 'client.search']);

const stored = (over: Partial<CaseRecord> = {}): CaseRecord => ({
  id: 'cs1',
  case_code: 'CS-1',
  client: {
    id: 'cl1',
    client_code: 'CL-1',
    person: { full_name: 'Ana Secret', phones: ['+40 700'] },
    coded: { gender: 'Feminine', citizenships: ['RO'] },
    erased_at: null,
    merged_from: [],
    merged_into: null,
  },
  status: 'intake',
  status_history: [],
  reflection_period: null,
  assigned_to: { id: 'u1', name: 'X' },
  team: [],
  referral: { source_type: 'police', referred_on: '2026-12-01', agency_id: null },
  linked_contacts: [],
  plan_status: 'none',
  closure: null,
  pending_approval: null,
  opened_on: '2026-12-01',
  updated_at: '2026-12-01T10:00:00Z',
  version: 1,
  ...over,
});

interface Asked {
  method: string;
  url: string;
  body: string | null;
}

/** A server answering by method and path prefix, each answer [status, body] or a list used in turn. */
function fakeApi(answers: Record<string, [number, unknown] | [number, unknown][]>) {
  const asked: Asked[] = [];
  const fetchFn = (url: string, init: RequestInit) => {
    const method = init.method ?? 'GET';
    asked.push({ method, url, body: typeof init.body === 'string' ? init.body : null });
    const key = Object.keys(answers)
      .filter((k) => `${method} ${url}`.startsWith(k))
      .sort((a, b) => b.length - a.length)[0];
    let answer: [number, unknown] = [404, { error: { code: 'not_found', message: '', field: '' } }];
    if (key !== undefined) {
      const found = answers[key];
      answer = Array.isArray(found?.[0]) ? ((found as [number, unknown][]).shift() ?? answer) : (found as [number, unknown]);
    }
    return Promise.resolve(new Response(JSON.stringify(answer[1]), { status: answer[0] }));
  };
  return { api: new ApiClient({ fetch: fetchFn as typeof fetch }), asked };
}

async function settle() {
  for (let i = 0; i < 8; i++) {
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

const empty: [number, unknown] = [200, { items: [] }];
const meta = { updated_by: null, updated_at: null, version: 0 };
const plan = (status: string, version: number, goals: unknown[] = []) => ({
  goals,
  status,
  submitted_by: null,
  submitted_at: null,
  decided_by: null,
  decided_at: null,
  decision: null,
  return_reason: null,
  ...meta,
  version,
});
// The sections every case view loads beside the case.
const sections = {
  'GET /api/v1/cases/cs1/timeline': [200, { entries: [] }] as [number, unknown],
  'GET /api/v1/cases/cs1/consents': empty,
  'GET /api/v1/cases/cs1/identification': [200, { indicators: [], assessed_by: null, assessed_on: null, trafficking_status: null, decided_by: null, ...meta }] as [number, unknown],
  'GET /api/v1/cases/cs1/needs': [200, { domains: [], assessed_on: null, ...meta }] as [number, unknown],
  'GET /api/v1/cases/cs1/plan': [200, plan('none', 0)] as [number, unknown],
  'GET /api/v1/cases/cs1/services': empty,
  'GET /api/v1/cases/cs1/notes': empty,
  'GET /api/v1/cases/cs1/tasks': empty,
  'GET /api/v1/case-workers': empty,
  'GET /api/v1/cases/cs1/documents': [200, { items: [], max_bytes: 10485760 }] as [number, unknown],
  'GET /api/v1/cases/cs1/proceedings': empty,
  'GET /api/v1/cases/cs1/follow-ups': empty,
  'GET /api/v1/cases/cs1/referrals': empty,
};

beforeAll(async () => {
  await initI18n('en');
});
afterEach(() => {
  document.body.innerHTML = '';
});

describe('the case view', () => {
  it('shows a data officer the coded fields, no sealed one, and nothing to change', async () => {
    const coded = stored();
    coded.client.person = null;
    const { api, asked } = fakeApi({
      ...sections,
      'GET /api/v1/cases/cs1': [200, coded],
    });
    const root = mount(<CasePage api={api} codes={codes} user={dataOfficer} id="cs1" />);
    await settle();
    expect(root.textContent).toContain('The person’s identity is not shown to your role');
    expect(root.textContent).toContain('Feminine');
    expect(root.textContent).not.toContain('Ana Secret');
    expect(root.querySelector('#move-to')).toBeNull();
    expect(root.querySelector('#case-notes')).toBeNull();
    expect(root.querySelector('#consent-kind')).toBeNull();
    expect(asked.some((a) => a.url.includes('/notes'))).toBe(false);
  });

  it('says a stale move lost, and loads the current version when asked', async () => {
    const conflict = { error: { code: 'conflict', message: '', field: 'version' }, current: stored({ status: 'identification', version: 2 }) };
    const { api, asked } = fakeApi({
      ...sections,
      'GET /api/v1/cases/cs1': [
        [200, stored()],
        [200, stored({ status: 'identification', version: 2 })],
      ],
      'POST /api/v1/cases/cs1/status': [409, conflict],
    });
    const root = mount(<CasePage api={api} codes={codes} user={caseWorker} id="cs1" />);
    await settle();
    expect(root.textContent).toContain('Ana Secret');
    const select = root.querySelector<HTMLSelectElement>('#move-to');
    expect(select).not.toBeNull();
    if (select === null) return;
    select.value = 'identification';
    await act(() => {
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await act(() => root.querySelector<HTMLFormElement>('.move-form')?.requestSubmit());
    await settle();
    expect(root.textContent).toContain('Someone else changed this case');
    expect(JSON.parse(asked.find((a) => a.method === 'POST')?.body ?? '{}')).toEqual({ to: 'identification', version: 1 });
    const reload = [...root.querySelectorAll('button')].find((b) => b.textContent === 'Load the current version');
    expect(reload).toBeDefined();
    await act(() => reload?.click());
    await settle();
    expect(root.querySelector('dl.case-header')?.textContent).toContain('Identification');
    expect(root.textContent).not.toContain('Someone else changed this case');
  });
});

describe('the parts of a case', () => {
  it('offers the forms of a case never assessed, and submits a plan with the plan’s version', async () => {
    const goal = { domain: 'housing_shelter', goal: 'A safe place', target_date: '2026-12-31', owner: 'case_worker', status: 'not_started' };
    const { api, asked } = fakeApi({
      ...sections,
      'GET /api/v1/cases/cs1/plan': [200, plan('draft', 3, [goal])],
      'POST /api/v1/cases/cs1/plan/submission': [200, plan('submitted', 4, [goal])],
      'GET /api/v1/cases/cs1': [200, stored()],
    });
    const root = mount(<CasePage api={api} codes={codes} user={caseWorker} id="cs1" />);
    await settle();
    expect(root.querySelector('#case-identification form')).not.toBeNull();
    expect(root.querySelector('#case-needs form')).not.toBeNull();
    expect(root.textContent).not.toContain('not kept on this server');
    const submit = [...root.querySelectorAll('button')].find((b) => b.textContent === 'Submit the plan for approval');
    expect(submit).toBeDefined();
    await act(() => submit?.click());
    await settle();
    const sent = asked.find((a) => a.url.endsWith('/plan/submission'));
    expect(JSON.parse(sent?.body ?? '{}')).toEqual({ version: 3 });
    expect(root.querySelector('#plan-status')?.textContent).toContain('Waiting for a supervisor');
    // A case worker is offered no approval.
    expect([...root.querySelectorAll('button')].some((b) => b.textContent === 'Approve the plan')).toBe(false);
  });
});

describe('the search before create', () => {
  it('posts its terms, says when nothing matches, and offers to register', async () => {
    const { api, asked } = fakeApi({ 'POST /api/v1/clients/search': [200, { matches: [] }] });
    const root = mount(<NewClientPage api={api} codes={codes} />);
    await settle();
    const name = root.querySelector<HTMLInputElement>('#search-full_name');
    if (name === null) throw new Error('no name field');
    name.value = '  Ana Secret ';
    await act(() => {
      name.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(() => root.querySelector<HTMLFormElement>('.client-search form')?.requestSubmit());
    await settle();
    expect(asked).toHaveLength(1);
    expect(asked[0]?.url).toBe('/api/v1/clients/search');
    expect(JSON.parse(asked[0]?.body ?? '{}')).toEqual({ full_name: 'Ana Secret' });
    expect(root.textContent).toContain('No client matches.');
    const register = [...root.querySelectorAll('button')].find((b) => b.textContent === 'Register a new client');
    await act(() => register?.click());
    await settle();
    expect(root.querySelector<HTMLInputElement>('#client-full_name')?.value).toBe('Ana Secret');
  });
});
