// The case screens' logic without a browser: the stage moves offered and what each needs, the
// registration and search bodies, the list filter in the address, consents, coded rows.
import { beforeAll, describe, expect, it } from 'vitest';
import type { CodeLists } from '../src/api/types';
import { caseListParams } from '../src/cases/api';
import { codedRows } from '../src/cases/ClientDetails';
import { emptyClientForm, formFromClient, formFromSearch, searchBody, splitLines, toClientInput } from '../src/cases/clientForm';
import { consentBody } from '../src/cases/ConsentsSection';
import { indicatorsByDimension } from '../src/cases/IdentificationSection';
import { caseFilterFromQuery, caseFilterToQuery } from '../src/cases/filter';
import { assessedDomains } from '../src/cases/NeedsSection';
import { today } from '../src/cases/OpenCase';
import { incompleteGoal, planActions } from '../src/cases/PlanSection';
import { blankHearing, blankProceeding, proceedingBody } from '../src/cases/proceedingForm';
import { serviceBody } from '../src/cases/ServicesSection';
import { checkMove, moveBody, nextStatuses } from '../src/cases/status';
import { initI18n } from '../src/i18n';

const move = { to: '', reason: '', outcome: '', reflectionStart: '', reflectionEnd: '', inclusion: [] };

describe('stage moves', () => {
  it('offers the next stage and closing, and reopening from closed', () => {
    expect(nextStatuses('intake', false)).toEqual(['identification', 'closed']);
    expect(nextStatuses('long_term_assistance', false)).toEqual(['return_reintegration', 'closed']);
    expect(nextStatuses('return_reintegration', false)).toEqual(['closed']);
    expect(nextStatuses('closed', false)).toEqual(['long_term_assistance', 'intake']);
  });

  it('offers nothing while a closure waits for a supervisor, or for an unknown stage', () => {
    expect(nextStatuses('identification', true)).toEqual([]);
    expect(nextStatuses('archived', false)).toEqual([]);
  });

  it('asks for a reason and an outcome before closing', () => {
    expect(checkMove({ ...move })).toMatchObject({ ok: false, field: 'to' });
    expect(checkMove({ ...move, to: 'closed' })).toMatchObject({ ok: false, field: 'reason' });
    expect(checkMove({ ...move, to: 'closed', reason: 'goals_achieved' })).toMatchObject({ ok: false, field: 'outcome' });
    expect(checkMove({ ...move, to: 'closed', reason: 'goals_achieved', outcome: 'employed' })).toEqual({ ok: true });
  });

  it('asks for the reflection period start, and an end not before it', () => {
    expect(checkMove({ ...move, to: 'first_assistance' })).toMatchObject({ field: 'reflectionStart' });
    expect(
      checkMove({ ...move, to: 'first_assistance', reflectionStart: '2026-12-03', reflectionEnd: '2026-12-01' }),
    ).toMatchObject({ field: 'reflectionEnd' });
    expect(checkMove({ ...move, to: 'first_assistance', reflectionStart: '2026-12-03' })).toEqual({ ok: true });
  });

  it('sends only what the move uses', () => {
    const filled = { to: 'identification', reason: 'x', outcome: 'y', reflectionStart: '2026-01-01', reflectionEnd: '', inclusion: [] };
    expect(moveBody(filled, 4)).toEqual({ to: 'identification', version: 4 });
    expect(moveBody({ ...filled, to: 'closed' }, 4)).toEqual({ to: 'closed', version: 4, reason: 'x', outcome: 'y' });
    expect(moveBody({ ...filled, to: 'first_assistance' }, 2)).toEqual({
      to: 'first_assistance',
      version: 2,
      reflection_start: '2026-01-01',
    });
  });

  it('sends the social-inclusion outcomes chosen with a closure, only then', () => {
    const inclusion = [{ domain: 'housing', status: 'achieved' }];
    const filled = { ...move, to: 'closed', reason: 'x', outcome: 'y', inclusion };
    expect(moveBody(filled, 3)).toEqual({ to: 'closed', version: 3, reason: 'x', outcome: 'y', inclusion_outcomes: inclusion });
    expect(moveBody({ ...filled, to: 'identification' }, 3)).toEqual({ to: 'identification', version: 3 });
  });
});

describe('court proceedings', () => {
  const filled = { ...blankProceeding(), kind: 'criminal', role: 'injured_party', status: 'ongoing' };

  it('names the field to correct first, as the server does', () => {
    expect(proceedingBody(blankProceeding())).toMatchObject({ ok: false, field: 'kind' });
    expect(proceedingBody({ ...filled, outcome: 'conviction' })).toMatchObject({ ok: false, field: 'outcome' });
    expect(proceedingBody({ ...filled, claimed_amount: '12.5', claimed_currency: 'EUR' })).toMatchObject({
      ok: false,
      field: 'compensation_claimed.amount',
    });
    expect(proceedingBody({ ...filled, awarded_amount: '100', awarded_currency: 'euro' })).toMatchObject({
      ok: false,
      field: 'compensation_awarded.currency',
    });
    expect(proceedingBody({ ...filled, hearings: [{ ...blankHearing(), date: '2026-01-02' }] })).toMatchObject({
      ok: false,
      field: 'hearings[0].kind',
    });
  });

  it('sends codes, trimmed text or null, amounts with their currency in capitals', () => {
    const checked = proceedingBody({
      ...filled,
      court_name: ' District court ',
      claimed_amount: '5000',
      claimed_currency: 'eur',
      hearings: [{ date: '2026-01-02', kind: 'trial', support: ['accompaniment'], note: ' ' }],
    });
    expect(checked).toEqual({
      ok: true,
      body: {
        kind: 'criminal',
        role: 'injured_party',
        status: 'ongoing',
        court: { agency_id: null, name: 'District court' },
        reference: null,
        hearings: [{ date: '2026-01-02', kind: 'trial', support: ['accompaniment'], note: null }],
        compensation_claimed: { amount: 5000, currency: 'EUR' },
        compensation_awarded: null,
        outcome: null,
      },
    });
  });
});

describe('registration', () => {
  it('needs a name, a sane birth year and age', () => {
    expect(toClientInput(emptyClientForm)).toMatchObject({ ok: false, field: 'full_name' });
    const named = { ...emptyClientForm, full_name: ' Ana ' };
    expect(toClientInput({ ...named, birth_year: '94' }, 2026)).toMatchObject({ ok: false, field: 'birth_year' });
    expect(toClientInput({ ...named, birth_year: '2030' }, 2026)).toMatchObject({ ok: false, field: 'birth_year' });
    expect(toClientInput({ ...named, age_when_trafficked: '17.5' })).toMatchObject({ ok: false, field: 'age_when_trafficked' });
  });

  it('sends unknown codes as null, lists split and trimmed, empty documents left out', () => {
    const result = toClientInput({
      ...emptyClientForm,
      full_name: ' Ana Popescu ',
      other_names: 'Ana P., , Anca',
      phones: '+40 712 345 678',
      birth_year: '1994',
      gender: 'Feminine',
      citizenships: ['RO'],
      id_documents: [
        { kind: 'passport', number: ' 05123 ', country: 'RO' },
        { kind: 'national_id', number: ' ', country: '' },
      ],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.input.person).toMatchObject({
      full_name: 'Ana Popescu',
      other_names: ['Ana P.', 'Anca'],
      phones: ['+40 712 345 678'],
      birth_date: null,
      id_documents: [{ kind: 'passport', number: '05123', country: 'RO' }],
    });
    expect(result.input.coded).toMatchObject({ gender: 'Feminine', birth_year: 1994, education: null, citizenships: ['RO'] });
  });

  it('starts from what the search looked for', () => {
    expect(formFromSearch({ full_name: 'Ana', phone: '+40' })).toMatchObject({ full_name: 'Ana', phones: '+40', birth_date: '' });
    expect(splitLines('a\n\n b ')).toEqual(['a', 'b']);
  });

  it('searches with the fields filled in only, and not with none', () => {
    expect(searchBody({ client_code: ' ', full_name: '', birth_date: '', phone: '' })).toBeNull();
    expect(searchBody({ client_code: '', full_name: ' Ana ', birth_date: '1994-02-01', phone: '' })).toEqual({
      full_name: 'Ana',
      birth_date: '1994-02-01',
    });
  });
});

describe('the case list filter', () => {
  it('starts on "my cases" for a case worker and keeps "all" once chosen', () => {
    expect(caseFilterFromQuery('', true)).toEqual({ assigned_to: 'me', status: '' });
    expect(caseFilterFromQuery('', false)).toEqual({ assigned_to: '', status: '' });
    const all = caseFilterToQuery({ assigned_to: '', status: 'intake' });
    expect(caseFilterFromQuery(all, true)).toEqual({ assigned_to: '', status: 'intake' });
    expect(caseFilterFromQuery('?assigned_to=u7', true)).toEqual({ assigned_to: 'u7', status: '' });
  });

  it('asks the server only for the filters that narrow the list', () => {
    expect(caseListParams({ assigned_to: '', status: '' }, null)).toBe('limit=50');
    expect(caseListParams({ assigned_to: 'me', status: 'closed' }, 'c2')).toBe('assigned_to=me&status=closed&limit=50&cursor=c2');
  });
});

describe('consents', () => {
  it('needs a kind, a recipient for sharing, and how it was given', () => {
    const base = { kind: '', share_kind: '', given_as: '', given_on: '2026-12-03', scope: '', expires_on: '' };
    expect(consentBody(base)).toMatchObject({ ok: false, field: 'kind' });
    expect(consentBody({ ...base, kind: 'share' })).toMatchObject({ ok: false, field: 'share_kind' });
    expect(consentBody({ ...base, kind: 'services' })).toMatchObject({ ok: false, field: 'given_as' });
    expect(consentBody({ ...base, kind: 'share', share_kind: 'police', given_as: 'oral' })).toEqual({
      ok: true,
      body: { kind: 'share', share_with: { kind: 'police' }, given_as: 'oral', given_on: '2026-12-03', scope: '', expires_on: null },
    });
  });

  it('dates today in the browser’s time zone', () => {
    expect(today(new Date(2026, 0, 5, 23, 30))).toBe('2026-01-05');
  });
});

describe('coded rows', () => {
  beforeAll(async () => {
    await initI18n('en');
  });

  it('lists the fields with a value, by their labels', () => {
    const codes: CodeLists = {
      version: 't',
      lists: { gender: ['Feminine'] },
      labels: { gender: { Feminine: { en: 'Female', nl: 'Vrouw', ro: 'Feminin' } } },
    };
    expect(codedRows(codes, { gender: 'Feminine', education: null, birth_year: 1994, exploitation_types: [] })).toEqual([
      ['gender', 'Female'],
      ['birth_year', '1994'],
    ]);
  });
});

describe('needs, plan and services', () => {
  it('sends the domains given a level, in the list’s order', () => {
    const levels = {
      safety: { domain: 'safety', level: 'high', note: '' },
      health: { domain: 'health', level: '', note: 'later' },
      accommodation: { domain: 'accommodation', level: 'urgent', note: 'shelter' },
    };
    expect(assessedDomains(['safety', 'accommodation', 'health', 'return'], levels).map((d) => d.domain)).toEqual([
      'safety',
      'accommodation',
    ]);
  });

  it('names the first goal missing its domain or its text', () => {
    const goal = { domain: 'safety', goal: 'Safe place', target_date: '', owner: '', status: '' };
    expect(incompleteGoal([goal])).toBeNull();
    expect(incompleteGoal([goal, { ...goal, goal: ' ' }])).toEqual([1, 'goal']);
    expect(incompleteGoal([{ ...goal, domain: '' }])).toEqual([0, 'domain']);
  });

  it('records a service by the organisation itself or by a directory agency', () => {
    const form = { type: 'court_support', started_on: '2026-12-02', ended_on: '', duration_minutes: '90', amount: '', outcome: '' };
    expect(serviceBody({ ...form, type: '' }, null)).toMatchObject({ ok: false, field: 'type' });
    expect(serviceBody({ ...form, ended_on: '2026-12-01' }, null)).toMatchObject({ ok: false, field: 'ended_on' });
    expect(serviceBody({ ...form, duration_minutes: '1.5' }, null)).toMatchObject({ ok: false, field: 'duration_minutes' });
    expect(serviceBody({ ...form, amount: 'ten' }, null)).toMatchObject({ ok: false, field: 'amount' });
    expect(serviceBody(form, null)).toEqual({
      ok: true,
      body: { type: 'court_support', provider: { own: true }, started_on: '2026-12-02', ended_on: null, duration_minutes: 90, amount: null, outcome: null },
    });
    expect(serviceBody({ ...form, amount: '12.50' }, null)).toMatchObject({ ok: false, field: 'amount' });
    const shelter = serviceBody({ ...form, type: 'shelter', duration_minutes: '', amount: '1250' }, { id: 'a1', name: 'Shelter', type: 'shelter', city: '' });
    expect(shelter).toMatchObject({ ok: true, body: { provider: { agency_id: 'a1' }, amount: 1250 } });
  });
});

describe('changing a client', () => {
  it('fills the form from the stored client and sends it back unchanged', () => {
    const stored = {
      person: {
        full_name: 'Ana Popescu',
        other_names: ['Anca'],
        birth_date: '1994-02-01',
        phones: ['+40712345678'],
        email: '',
        address: 'Str. X 1',
        id_documents: [{ kind: 'passport', number: 'RO1', country: 'RO' }],
      },
      coded: { gender: 'Feminine', birth_year: 1994, citizenships: ['RO'], exploitation_types: ['sexual'], age_when_trafficked: 19 },
    };
    const result = toClientInput(formFromClient(stored));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.input.person).toEqual(stored.person);
    expect(result.input.coded).toMatchObject(stored.coded);
    expect(result.input.coded.education).toBeNull();
  });

  it('leaves the sealed part empty when the server did not give it', () => {
    expect(formFromClient({ person: null, coded: {} })).toMatchObject({ full_name: '', phones: '', gender: '' });
  });
});

describe('identification and the plan’s review', () => {
  it('groups the indicators under their dimension, in the lists’ order', () => {
    const lists: CodeLists = {
      version: 't',
      lists: {
        indicator: ['deceptive_recruitment', 'coercive_recruitment', 'coercion_at_destination'],
        identification_indicator: ['coercion_at_destination.violence', 'deceptive_recruitment.wages', 'deceptive_recruitment.nature_of_job'],
      },
      labels: {},
    };
    expect(indicatorsByDimension(lists)).toEqual([
      ['deceptive_recruitment', ['deceptive_recruitment.wages', 'deceptive_recruitment.nature_of_job']],
      ['coercion_at_destination', ['coercion_at_destination.violence']],
    ]);
  });

  it('offers submitting a draft or returned plan with goals, and deciding a submitted one', () => {
    expect(planActions('draft', true, true, false)).toEqual({ submit: true, decide: false });
    expect(planActions('draft', false, true, false)).toEqual({ submit: false, decide: false });
    expect(planActions('returned', true, true, true)).toEqual({ submit: true, decide: false });
    expect(planActions('approved', true, true, true)).toEqual({ submit: false, decide: false });
    expect(planActions('submitted', true, true, true)).toEqual({ submit: false, decide: true });
    expect(planActions('submitted', true, true, false)).toEqual({ submit: false, decide: false });
  });
});
