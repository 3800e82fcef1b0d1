// A small fetch wrapper for the Strada API: JSON in and out, errors as ApiError, the CSRF token
// kept in memory only and sent on every state-changing request.
import type { CodeLists, Contact, Session } from './types';

/** Status 0 means the server could not be reached (network error, offline, aborted). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field: string,
    /** The whole error body, for answers that carry more (409 `current`, `existing_case_id`). */
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get isNetwork(): boolean {
    return this.status === 0;
  }
}

/** Turns an error response body into an ApiError; tolerates bodies that are not our JSON. */
export function parseError(status: number, bodyText: string): ApiError {
  try {
    const body: unknown = JSON.parse(bodyText);
    if (typeof body === 'object' && body !== null && 'error' in body) {
      const err = (body).error;
      if (typeof err === 'object' && err !== null) {
        const e = err as Record<string, unknown>;
        return new ApiError(
          status,
          typeof e.code === 'string' ? e.code : 'unknown',
          typeof e.message === 'string' ? e.message : '',
          typeof e.field === 'string' ? e.field : '',
          body,
        );
      }
    }
  } catch {
    // not JSON: a proxy's HTML page, an empty body...
  }
  return new ApiError(status, 'unknown', '', '');
}

const mutating = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface ApiClientOptions {
  /** Prefix for every path, e.g. "http://127.0.0.1:8080" in tests; "" in the browser. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Called when a request that needs a session gets 401: the session has ended. */
  onSessionEnded?: () => void;
}

interface RequestOptions {
  body?: unknown;
  /** false for requests where 401 is an expected answer (sign-in, the first /me). */
  needsSession?: boolean;
}

export class ApiClient {
  private csrfToken: string | null = null;
  private readonly baseUrl: string;
  private readonly fetchFn: typeof fetch;
  onSessionEnded: (() => void) | undefined;
  /** When the server last answered a request of this session (Date.now()): its idle clock. */
  lastRequestAt = Date.now();

  constructor(options: ApiClientOptions = {}) {
    this.baseUrl = options.baseUrl ?? '';
    this.fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.onSessionEnded = options.onSessionEnded;
  }

  setCsrfToken(token: string | null): void {
    this.csrfToken = token;
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (mutating.has(method) && this.csrfToken !== null) headers['X-CSRF-Token'] = this.csrfToken;

    let response: Response;
    try {
      response = await this.fetchFn(this.baseUrl + path, {
        method,
        headers,
        body: options.body === undefined ? null : JSON.stringify(options.body),
        credentials: 'same-origin',
        cache: 'no-store',
      });
    } catch {
      throw new ApiError(0, 'unreachable', '', '');
    }

    let text: string;
    try {
      text = await response.text();
    } catch {
      throw new ApiError(0, 'unreachable', '', '');
    }
    if (response.status !== 401) this.lastRequestAt = Date.now();
    if (!response.ok) {
      const error = parseError(response.status, text);
      if (response.status === 401 && options.needsSession !== false) {
        this.csrfToken = null;
        this.onSessionEnded?.();
      }
      throw error;
    }
    if (text === '') return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ApiError(response.status, 'bad_response', '', '');
    }
  }

  /**
   * POSTs `file`'s bytes as the body (application/octet-stream) with `headers`, reporting the
   * upload's progress as a fraction (0 to 1). XMLHttpRequest, because fetch has no upload
   * progress. Errors as request() throws them.
   */
  upload<T>(path: string, file: Blob, headers: Record<string, string>, onProgress: (fraction: number) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', this.baseUrl + path);
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.setRequestHeader('Content-Type', 'application/octet-stream');
      if (this.csrfToken !== null) xhr.setRequestHeader('X-CSRF-Token', this.csrfToken);
      for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
      };
      xhr.onerror = () => reject(new ApiError(0, 'unreachable', '', ''));
      xhr.onload = () => {
        if (xhr.status !== 401) this.lastRequestAt = Date.now();
        if (xhr.status < 200 || xhr.status >= 300) {
          if (xhr.status === 401) {
            this.csrfToken = null;
            this.onSessionEnded?.();
          }
          reject(parseError(xhr.status, xhr.responseText));
          return;
        }
        onProgress(1);
        try {
          resolve(JSON.parse(xhr.responseText) as T);
        } catch {
          reject(new ApiError(xhr.status, 'bad_response', '', ''));
        }
      };
      xhr.send(file);
    });
  }

  async signIn(email: string, password: string): Promise<Session> {
    const session = await this.request<Session>('POST', '/api/v1/session', {
      body: { email, password },
      needsSession: false,
    });
    this.csrfToken = session.csrf_token;
    return session;
  }

  /** The current session, or ApiError 401 when nobody is signed in. */
  async me(): Promise<Session> {
    const session = await this.request<Session>('GET', '/api/v1/me', { needsSession: false });
    this.csrfToken = session.csrf_token;
    return session;
  }

  async signOut(): Promise<void> {
    try {
      await this.request<void>('DELETE', '/api/v1/session', { needsSession: false });
    } finally {
      this.csrfToken = null;
    }
  }

  /**
   * The code lists, labelled in `language` (a UI language) and English, the fallback: not in all
   * nine, which would triple what every page load carries. Without it: every language.
   */
  codes(language?: string): Promise<CodeLists> {
    const query = language === undefined ? '' : `?languages=${encodeURIComponent(language)}`;
    return this.request<CodeLists>('GET', `/api/v1/codes${query}`);
  }

  getContact(id: string): Promise<Contact> {
    return this.request<Contact>('GET', `/api/v1/contacts/${encodeURIComponent(id)}`);
  }
}
