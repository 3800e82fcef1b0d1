// Shapes of the Strada HTTP API v1 (see the API contract); only what the web UI reads.

export interface Organisation {
  id: string;
  code: string;
  name: string;
  country: string;
}

export interface User {
  id: string;
  email: string;
  name: string;
  roles: string[];
  /** What the server's policy grants this user (GET /api/v1/me); see ../permissions.ts. */
  permissions: string[];
  organisation: Organisation;
}

export interface Session {
  csrf_token: string;
  user: User;
}

export interface CodeLists {
  version: string;
  lists: Record<string, string[]>;
  /** Per list, per code: the label in each UI language (hotline lists only). */
  labels?: Record<string, Record<string, Partial<Record<string, string>>>>;
}

export interface ContactInput {
  channel: string;
  started_at: string; // RFC 3339
  duration_s: number;
  caller_type: string;
  anonymous: boolean;
  language: string;
  summary?: string;
  // The complete hotline contact (issue 3); absent fields take the server's defaults.
  status?: 'draft' | 'final';
  kind?: 'data' | 'non_data';
  non_data_type?: string;
  category?: string;
  caller_gender?: string;
  caller_age_band?: string;
  caller_country?: string;
  caller_region?: string;
  destination_country?: string;
  exploitation?: string[];
  industry?: string[];
  indicators?: string[];
  imminent_danger?: boolean;
  assistance?: string[];
  referral_agency_ids?: string[];
  outcome?: string;
  follow_up_needed?: boolean;
  follow_up_due?: string | null;
  caller_identifier?: string;
}

export interface CallerFlag {
  flag: string;
  expires_at: string;
}

export interface Contact extends ContactInput {
  id: string;
  created_at: string;
  created_by: string;
  version?: number;
  code_version?: string;
  finalised_at?: string | null;
  follow_up_done_at?: string | null;
  /** Single contact reads only, when the contact has a caller identifier. */
  repeat_caller?: { earlier_contacts: number; flags: CallerFlag[] };
  /** Single contact reads only, for roles that may read safety plans. */
  safety_plan_id?: string | null;
  /** Single contact reads only: whether the reader may change this contact now. */
  may_correct?: boolean;
}

/** One page of a keyset-paged list (docs/openapi.yaml): the rows, and the next page's cursor. */
export interface KeysetPage<T> {
  items: T[];
  /** null on the last page. */
  next_cursor: string | null;
}

export type ContactPage = KeysetPage<Contact>;

export interface ContactQuery {
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string;
}

/** A colleague as GET /api/v1/users shows them: never their e-mail address. */
export interface OrgUser {
  id: string;
  /** The user's name, or "User" and the start of the id when they have none. */
  name: string;
  roles: string[];
  active: boolean;
}
