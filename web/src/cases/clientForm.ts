// The registration form of a client: what the form holds, and the body of POST /api/v1/clients
// it becomes. Lists typed one per line; numbers checked before they are sent.
import type { Client, ClientInput, IdDocument, SearchQuery } from './api';
import { lists } from './lists';

export interface ClientFormValues {
  full_name: string;
  other_names: string;
  birth_date: string;
  phones: string;
  email: string;
  address: string;
  id_documents: IdDocument[];
  gender: string;
  birth_year: string;
  age_band: string;
  citizenships: string[];
  primary_language: string;
  education: string;
  trafficking_status: string;
  status_decided_by: string;
  relationship_to_trafficker: string;
  age_when_trafficked: string;
  recruitment_methods: string[];
  control_methods: string[];
  exploitation_types: string[];
  industries: string[];
  countries_origin: string[];
  countries_transit: string[];
  countries_exploitation: string[];
}

type OneCode = 'gender' | 'age_band' | 'primary_language' | 'education' | 'trafficking_status' | 'status_decided_by' | 'relationship_to_trafficker';
type ManyCodes =
  | 'citizenships'
  | 'exploitation_types'
  | 'industries'
  | 'recruitment_methods'
  | 'control_methods'
  | 'countries_origin'
  | 'countries_transit'
  | 'countries_exploitation';

/** A coded field: one code of a list, several, or a whole number. */
export type CodedField =
  | { name: OneCode; kind: 'one'; list: string }
  | { name: 'birth_year' | 'age_when_trafficked'; kind: 'number' }
  | { name: ManyCodes; kind: 'many'; list: string };

/** The coded fields, in the order the form asks them and the case shows them. */
export const codedFields: readonly CodedField[] = [
  { name: 'gender', kind: 'one', list: lists.gender },
  { name: 'birth_year', kind: 'number' },
  { name: 'age_band', kind: 'one', list: lists.ageBand },
  { name: 'primary_language', kind: 'one', list: lists.language },
  { name: 'education', kind: 'one', list: lists.education },
  { name: 'trafficking_status', kind: 'one', list: lists.traffickingStatus },
  { name: 'status_decided_by', kind: 'one', list: lists.decidedBy },
  { name: 'relationship_to_trafficker', kind: 'one', list: lists.relationship },
  { name: 'age_when_trafficked', kind: 'number' },
  { name: 'citizenships', kind: 'many', list: lists.country },
  { name: 'exploitation_types', kind: 'many', list: lists.exploitation },
  { name: 'industries', kind: 'many', list: lists.industry },
  { name: 'recruitment_methods', kind: 'many', list: lists.recruitment },
  { name: 'control_methods', kind: 'many', list: lists.control },
  { name: 'countries_origin', kind: 'many', list: lists.country },
  { name: 'countries_transit', kind: 'many', list: lists.country },
  { name: 'countries_exploitation', kind: 'many', list: lists.country },
];

export const emptyClientForm: ClientFormValues = {
  full_name: '',
  other_names: '',
  birth_date: '',
  phones: '',
  email: '',
  address: '',
  id_documents: [],
  gender: '',
  birth_year: '',
  age_band: '',
  citizenships: [],
  primary_language: '',
  education: '',
  trafficking_status: '',
  status_decided_by: '',
  relationship_to_trafficker: '',
  age_when_trafficked: '',
  recruitment_methods: [],
  control_methods: [],
  exploitation_types: [],
  industries: [],
  countries_origin: [],
  countries_transit: [],
  countries_exploitation: [],
};

/** The registration form started from what the search looked for, so nothing is typed twice. */
export function formFromSearch(query: SearchQuery): ClientFormValues {
  return {
    ...emptyClientForm,
    full_name: query.full_name ?? '',
    birth_date: query.birth_date ?? '',
    phones: query.phone ?? '',
  };
}

/** The form filled from a stored client, to change it (the sealed part only when given). */
export function formFromClient(c: Pick<Client, 'person' | 'coded'>): ClientFormValues {
  const p = c.person;
  const k = c.coded;
  return {
    full_name: p?.full_name ?? '',
    other_names: (p?.other_names ?? []).join(', '),
    birth_date: p?.birth_date ?? '',
    phones: (p?.phones ?? []).join(', '),
    email: p?.email ?? '',
    address: p?.address ?? '',
    id_documents: (p?.id_documents ?? []).map((d) => ({ kind: d.kind, number: d.number, country: d.country ?? '' })),
    gender: k.gender ?? '',
    birth_year: k.birth_year == null ? '' : String(k.birth_year),
    age_band: k.age_band ?? '',
    citizenships: k.citizenships ?? [],
    primary_language: k.primary_language ?? '',
    education: k.education ?? '',
    trafficking_status: k.trafficking_status ?? '',
    status_decided_by: k.status_decided_by ?? '',
    relationship_to_trafficker: k.relationship_to_trafficker ?? '',
    age_when_trafficked: k.age_when_trafficked == null ? '' : String(k.age_when_trafficked),
    recruitment_methods: k.recruitment_methods ?? [],
    control_methods: k.control_methods ?? [],
    exploitation_types: k.exploitation_types ?? [],
    industries: k.industries ?? [],
    countries_origin: k.countries_origin ?? [],
    countries_transit: k.countries_transit ?? [],
    countries_exploitation: k.countries_exploitation ?? [],
  };
}

/** Lines (or commas) to a list: trimmed, no empties. */
export function splitLines(text: string, commas = false): string[] {
  return text
    .split(commas ? /[\n,]/ : /\n/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** A single code as the server takes it: null for unknown. */
const code = (value: string) => (value === '' ? null : value);

export type ClientFormCheck =
  | { ok: true; input: ClientInput }
  | { ok: false; field: keyof ClientFormValues; messageKey: string };

/** A whole number in [min, max] from a form field; null for an empty field; NaN when wrong. */
function wholeNumber(text: string, min: number, max: number): number | null {
  if (text.trim() === '') return null;
  const n = Number(text.trim());
  return Number.isInteger(n) && n >= min && n <= max ? n : Number.NaN;
}

export function toClientInput(v: ClientFormValues, thisYear = new Date().getFullYear()): ClientFormCheck {
  if (v.full_name.trim() === '') return { ok: false, field: 'full_name', messageKey: 'cases.client.needName' };
  const birthYear = wholeNumber(v.birth_year, 1900, thisYear);
  if (Number.isNaN(birthYear)) return { ok: false, field: 'birth_year', messageKey: 'cases.client.badBirthYear' };
  const ageTrafficked = wholeNumber(v.age_when_trafficked, 0, 120);
  if (Number.isNaN(ageTrafficked)) {
    return { ok: false, field: 'age_when_trafficked', messageKey: 'cases.client.badAge' };
  }
  return {
    ok: true,
    input: {
      person: {
        full_name: v.full_name.trim(),
        other_names: splitLines(v.other_names, true),
        birth_date: v.birth_date === '' ? null : v.birth_date,
        phones: splitLines(v.phones, true),
        email: v.email.trim(),
        address: v.address.trim(),
        id_documents: v.id_documents
          .map((d) => ({ ...d, number: d.number.trim() }))
          .filter((d) => d.number !== '' && d.kind !== ''),
      },
      coded: {
        gender: code(v.gender),
        birth_year: birthYear,
        age_band: code(v.age_band),
        citizenships: v.citizenships,
        primary_language: code(v.primary_language),
        education: code(v.education),
        trafficking_status: code(v.trafficking_status),
        status_decided_by: code(v.status_decided_by),
        relationship_to_trafficker: code(v.relationship_to_trafficker),
        age_when_trafficked: ageTrafficked,
        recruitment_methods: v.recruitment_methods,
        control_methods: v.control_methods,
        exploitation_types: v.exploitation_types,
        industries: v.industries,
        countries_origin: v.countries_origin,
        countries_transit: v.countries_transit,
        countries_exploitation: v.countries_exploitation,
      },
    },
  };
}

/** The search's body: only the fields filled in, trimmed; null when none is. */
export function searchBody(form: Required<SearchQuery>): SearchQuery | null {
  const body: SearchQuery = {};
  for (const key of ['client_code', 'full_name', 'birth_date', 'phone'] as const) {
    const value = form[key].trim();
    if (value !== '') body[key] = value;
  }
  return Object.keys(body).length === 0 ? null : body;
}
