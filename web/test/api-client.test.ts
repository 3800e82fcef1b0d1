// The API client against a real local HTTP server (node:http), no mocking library.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiClient, ApiError, parseError } from '../src/api/client';
import { createContact } from '../src/contacts/api';
import { listContactsFiltered } from '../src/lists/api';

interface Seen {
  method: string;
  url: string;
  csrf: string | undefined;
  contentType: string | undefined;
  body: string;
}

let server: Server;
let baseUrl = '';
const seen: Seen[] = [];
// Status and body the server answers for a path; tests set these.
const answers = new Map<string, { status: number; body: string }>();

const session = {
  csrf_token: 'csrf-123',
  user: {
    id: 'u1',
    email: 'consultant@example.org',
    name: 'Test Consultant',
    roles: ['consultant'],
    permissions: ['contact.create', 'contact.read', 'self.read'],
    organisation: { id: 'o1', code: 'NL', name: 'La Strada Nederland', country: 'NL' },
  },
};

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => resolve(body));
  });
}

beforeAll(async () => {
  server = createServer((req, res) => {
    void readBody(req).then((body) => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        csrf: req.headers['x-csrf-token'] as string | undefined,
        contentType: req.headers['content-type'],
        body,
      });
      const path = (req.url ?? '').split('?')[0] ?? '';
      const answer = answers.get(`${req.method} ${path}`) ?? { status: 404, body: '{"error":{"code":"not_found","message":"No such route.","field":""}}' };
      res.writeHead(answer.status, answer.body === '' ? {} : { 'Content-Type': 'application/json' });
      res.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  seen.length = 0;
  answers.clear();
  answers.set('POST /api/v1/session', { status: 200, body: JSON.stringify(session) });
  answers.set('GET /api/v1/me', { status: 200, body: JSON.stringify(session) });
  answers.set('DELETE /api/v1/session', { status: 204, body: '' });
  answers.set('POST /api/v1/contacts', { status: 201, body: '{"id":"c1"}' });
  answers.set('GET /api/v1/contacts', { status: 200, body: '{"items":[],"next_cursor":null}' });
});

const contact = {
  channel: 'phone',
  started_at: '2026-11-30T13:05:00.000Z',
  duration_s: 720,
  caller_type: 'possible_victim',
  anonymous: true,
  language: 'nl',
};

describe('parseError', () => {
  it('reads code, message and field', () => {
    const e = parseError(400, '{"error":{"code":"invalid_argument","message":"Too long.","field":"duration_s"}}');
    expect([e.status, e.code, e.message, e.field]).toEqual([400, 'invalid_argument', 'Too long.', 'duration_s']);
  });

  it('copes with bodies that are not our error JSON', () => {
    for (const body of ['', '<html>Bad gateway</html>', '{"error":"x"}', 'null', '{"error":{"code":5}}']) {
      const e = parseError(502, body);
      expect(e).toBeInstanceOf(ApiError);
      expect(e.status).toBe(502);
      expect(e.field).toBe('');
    }
  });
});

describe('ApiClient', () => {
  it('sends the CSRF token from sign-in on mutations only', async () => {
    const api = new ApiClient({ baseUrl });
    await api.signIn('consultant@example.org', 'pw');
    await listContactsFiltered(api, new URLSearchParams(), null);
    await createContact(api, contact);
    await api.signOut();
    expect(seen.map((s) => [s.method, s.csrf])).toEqual([
      ['POST', undefined], // no token before signing in
      ['GET', undefined],
      ['POST', 'csrf-123'],
      ['DELETE', 'csrf-123'],
    ]);
    expect(seen[2]?.contentType).toBe('application/json');
    expect(JSON.parse(seen[2]?.body ?? '')).toEqual(contact);
  });

  it('takes the CSRF token from /me as well', async () => {
    const api = new ApiClient({ baseUrl });
    await api.me();
    await createContact(api, contact);
    expect(seen[1]?.csrf).toBe('csrf-123');
  });

  it('forgets the token after signing out', async () => {
    const api = new ApiClient({ baseUrl });
    await api.signIn('consultant@example.org', 'pw');
    await api.signOut();
    await createContact(api, contact);
    expect(seen[2]?.csrf).toBeUndefined();
  });

  it('turns a 400 into an ApiError naming the field', async () => {
    answers.set('POST /api/v1/contacts', {
      status: 400,
      body: '{"error":{"code":"invalid_argument","message":"The duration must be between 0 seconds and 24 hours.","field":"duration_s"}}',
    });
    const api = new ApiClient({ baseUrl });
    const error = await createContact(api, contact).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 'invalid_argument',
      field: 'duration_s',
      message: 'The duration must be between 0 seconds and 24 hours.',
    });
  });

  it('reports a later 401 as the end of the session, but not a failed sign-in', async () => {
    let ended = 0;
    const api = new ApiClient({ baseUrl, onSessionEnded: () => (ended += 1) });
    answers.set('POST /api/v1/session', {
      status: 401,
      body: '{"error":{"code":"unauthenticated","message":"Wrong e-mail or password.","field":""}}',
    });
    await expect(api.signIn('a@b.c', 'x')).rejects.toMatchObject({ status: 401 });
    answers.set('GET /api/v1/me', { status: 401, body: '' });
    await expect(api.me()).rejects.toMatchObject({ status: 401 });
    expect(ended).toBe(0);

    answers.set('GET /api/v1/contacts', { status: 401, body: '' });
    await expect(listContactsFiltered(api, new URLSearchParams(), null)).rejects.toMatchObject({ status: 401 });
    expect(ended).toBe(1);
  });

  it('passes the 429 message through', async () => {
    answers.set('POST /api/v1/session', {
      status: 429,
      body: '{"error":{"code":"resource_exhausted","message":"Too many attempts. Try again in 5 minutes.","field":""}}',
    });
    const api = new ApiClient({ baseUrl });
    await expect(api.signIn('a@b.c', 'x')).rejects.toMatchObject({
      status: 429,
      message: 'Too many attempts. Try again in 5 minutes.',
    });
  });

  it('builds the list query', async () => {
    const api = new ApiClient({ baseUrl });
    const filter = new URLSearchParams({ from: '2026-11-01T00:00:00.000Z', to: '2026-11-30T22:59:59.999Z' });
    await listContactsFiltered(api, filter, 'a b&c');
    const url = new URL(seen[0]?.url ?? '', baseUrl);
    expect(url.pathname).toBe('/api/v1/contacts');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-11-30T22:59:59.999Z',
      limit: '50',
      cursor: 'a b&c',
    });
  });

  it('asks for the code labels in one UI language, or in all without one', async () => {
    const lists = { version: 'v', lists: {}, labels: {} };
    answers.set('GET /api/v1/codes', { status: 200, body: JSON.stringify(lists) });
    const api = new ApiClient({ baseUrl });
    expect(await api.codes('bg')).toEqual(lists);
    await api.codes();
    expect(seen.map((s) => s.url)).toEqual(['/api/v1/codes?languages=bg', '/api/v1/codes']);
  });

  it('reports an unreachable server as status 0', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const api = new ApiClient({ baseUrl: `http://127.0.0.1:${port}` });
    const error = await api.me().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).isNetwork).toBe(true);
  });
});
