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
  organisation: Organisation;
}

export interface Session {
  csrf_token: string;
  user: User;
}

export interface CodeLists {
  version: string;
  lists: Record<string, string[]>;
}

export interface ContactInput {
  channel: string;
  started_at: string; // RFC 3339
  duration_s: number;
  caller_type: string;
  anonymous: boolean;
  language: string;
  summary?: string;
}

export interface Contact extends ContactInput {
  id: string;
  created_at: string;
  created_by: string;
}

export interface ContactPage {
  items: Contact[];
  next_cursor: string | null;
}

export interface ContactQuery {
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string;
}
