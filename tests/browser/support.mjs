// Shared set-up for the browser tests: a real `strada` server on a free port with a fresh data
// directory, and Debian's Chromium driven by playwright-core (no downloaded browsers).
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before } from 'node:test';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const artifactsDir = join(here, 'artifacts');

// axe-core goes in through the DevTools protocol (page.evaluate): the app's CSP rightly blocks
// an injected <script>.
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export const STRADA_BIN = process.env.STRADA_BIN ?? '/work/main/build/asan-ubsan/src/strada';
export const STRADA_WEB_ROOT = process.env.STRADA_WEB_ROOT ?? '/work/main/web/dist';
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** The staff UI's languages, in its registry's order (web/src/i18n/index.ts): each line `xx: { name: '…', … dir: 'ltr'|'rtl', … }`. */
export const uiRegistry = [
  ...readFileSync(join(here, '..', '..', 'web', 'src', 'i18n', 'index.ts'), 'utf8').matchAll(
    /^\s+(\w+): \{ name: '([^']+)', locale: '[^']+', dir: '(ltr|rtl)'/gm,
  ),
].map(([, code, name, dir]) => ({ code, name, dir }));

export const consultant = {
  email: 'consultant@example.org',
  password: 'correct horse battery 1',
  name: 'Test Consultant',
  organisation: 'La Strada Nederland',
};

function run(args, env = {}) {
  execFileSync(STRADA_BIN, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'] });
}

/** Adds a user with one role to an organisation (NL unless `org` says otherwise) of `dataDir`. */
/**
 * The body of a final contact for POST /api/v1/contacts: an anonymous possible victim's phone call
 * about safe migration, started at `startedAt`; `fields` change or add fields.
 */
export function contactBody(startedAt, fields = {}) {
  return {
    channel: 'phone',
    started_at: startedAt,
    duration_s: 120,
    caller_type: 'possible_victim',
    anonymous: true,
    language: 'en',
    category: 'safe_migration',
    summary: 'Asked about a job offer.',
    ...fields,
  };
}

export function addUser(dataDir, { email, password, name, role, org = 'NL' }) {
  run(['user', 'add', '--data', dataDir, '--org', org, '--email', email, '--name', name, '--role', role], {
    STRADA_PASSWORD: password,
  });
}

// STRADA_BROWSER_PG_URL (an admin URL such as postgresql://postgres@127.0.0.1:PORT/postgres): each
// server then runs on a fresh PostgreSQL database there, instead of SQLite in its data folder.
// Every `strada` command of the tests (and `strada serve`) reads it from STRADA_DB.
export const PG_ADMIN_URL = process.env.STRADA_BROWSER_PG_URL ?? '';
let pgDatabases = 0;

function psql(sql) {
  execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', PG_ADMIN_URL, '-c', sql], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** A fresh database on PG_ADMIN_URL's server: its URL and how to drop it. */
function freshPgDatabase() {
  const name = `strada_browser_${process.pid}_${++pgDatabases}`;
  psql(`CREATE DATABASE ${name}`);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => psql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** Stops a child process with SIGTERM (SIGKILL after 10 s) and resolves once it has exited. */
export async function stopProcess(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Spawns `strada serve` on `dataDir` (port 0) and resolves with the child and its port. */
async function spawnServe(dataDir, { secondFactor, rateLimits }, port = 0) {
  const child = spawn(
    STRADA_BIN,
    ['serve', '--data', dataDir, '--listen', `127.0.0.1:${port}`, '--web-root', STRADA_WEB_ROOT, '--second-factor', secondFactor, '--rate-limits', rateLimits],
    { stdio: ['ignore', 'inherit', 'pipe'] },
  );
  const listening = await new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error('strada serve did not log "listening" within 30 s')), 30_000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`strada serve exited early (code ${code}, signal ${signal})`));
    });
    child.stderr.on('data', (chunk) => {
      process.stderr.write(chunk); // keep the server's log visible in CI output
      buffered += chunk.toString('utf8');
      let newline;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        try {
          const entry = JSON.parse(line);
          if (entry.msg === 'listening' && Number.isInteger(Number(entry.port)) && Number(entry.port) > 0) {
            clearTimeout(timer);
            resolve(Number(entry.port));
          }
        } catch {
          // not a JSON log line
        }
      }
    });
  });
  child.removeAllListeners('exit');
  child.stderr.on('data', () => {}); // keep draining

  return { child, port: listening };
}

/**
 * Starts `strada serve` on 127.0.0.1:0 and resolves once it has logged the port it listens on.
 * With `sqlite`, on SQLite in its data folder even in the PostgreSQL pass (for tests that run
 * several servers at once: STRADA_DB names one database for every command). The second factor is
 * optional unless `secondFactor` is 'required' (the server's own default): only the test of the
 * second factor signs in with one. `dbUrl` names a PostgreSQL database of the test's own (it is
 * not dropped). `dataDir` names an empty data folder of the test's own (it is not removed). Rate limits are off unless `rateLimits` is 'on' (the server's own default): the
 * tests that walk every screen turn them on, to show that ordinary work stays under them.
 */
export async function startServer({ sqlite = false, secondFactor = 'optional', dbUrl = '', rateLimits = 'off', dataDir: ownDataDir = '' } = {}) {
  const dataDir = ownDataDir || mkdtempSync(join(tmpdir(), 'strada-browser-data-'));
  const pg = dbUrl ? { url: dbUrl, drop: () => {} } : PG_ADMIN_URL && !sqlite ? freshPgDatabase() : null;
  if (pg) process.env.STRADA_DB = pg.url;
  run(['init', '--data', dataDir]);
  run(['org', 'add', '--data', dataDir, '--code', 'NL', '--name', consultant.organisation, '--country', 'NL']);
  addUser(dataDir, { ...consultant, role: 'consultant' });

  const serveOptions = { secondFactor, rateLimits };
  const started = await spawnServe(dataDir, serveOptions);
  let child = started.child;
  const port = started.port;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    dataDir, // for tests that run other `strada` commands on the same data (line add, ...)
    /** Kills the server at once (SIGKILL: no graceful stop) and waits for it to be gone. */
    async kill9() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
    /** Starts the server again on the same data and port, after kill9(). */
    async restart() {
      ({ child } = await spawnServe(dataDir, serveOptions, port));
    },
    async stop() {
      await stopProcess(child);
      if (!ownDataDir) rmSync(dataDir, { recursive: true, force: true });
      if (pg) {
        delete process.env.STRADA_DB;
        pg.drop();
      }
    },
  };
}

/** A headless Chromium with its own throw-away profile. */
export async function startBrowser() {
  const profileDir = mkdtempSync(join(tmpdir(), 'strada-browser-profile-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    viewport: { width: 1280, height: 900 },
    locale: 'en-GB',
  });
  context.setDefaultTimeout(15_000);
  return {
    context,
    async stop() {
      await context.close();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

/**
 * The set-up every test file shares: before its tests, a server (with `users` added beside the
 * consultant, each `{ email, password, name, role }`) and a browser, then `afterStart(server)`
 * if given; after them, both stopped. Call it at the top level of a test file. `server.baseUrl`
 * and `server.dataDir` are there once the set-up has run, in tests and in `afterStart` (not in
 * another top-level `before` hook: Node 20 runs those side by side); `open(t, fn)` runs `fn` with
 * a fresh page on the app (see withPage). `serverOptions` are startServer's.
 */
export function setUpServerAndBrowser({ users = [], afterStart, serverOptions = {} } = {}) {
  let running;
  let browser;
  before(async () => {
    running = await startServer(serverOptions);
    for (const user of users) addUser(running.dataDir, user);
    browser = await startBrowser();
    await afterStart?.(server);
  });
  after(async () => {
    await browser?.stop();
    await running?.stop();
  });
  const server = {
    get baseUrl() {
      return running.baseUrl;
    },
    get dataDir() {
      return running.dataDir;
    },
  };
  return { server, open: (t, fn) => withPage(t, browser.context, running.baseUrl, fn) };
}

/**
 * Runs `fn` with a fresh page on the app's start page (no cookies, no stored language) and
 * saves a full-page screenshot to artifacts/ when it fails.
 */
export async function withPage(t, context, baseUrl, fn) {
  await context.clearCookies();
  const page = await context.newPage();
  try {
    await page.goto(`${baseUrl}/`);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await fn(page);
  } catch (error) {
    mkdirSync(artifactsDir, { recursive: true });
    const name = t.name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase();
    await page.screenshot({ path: join(artifactsDir, `${name}.png`), fullPage: true }).catch(() => {});
    throw error;
  } finally {
    await page.close();
  }
}

/** Presses Tab (or Shift+Tab) until the element matching `selector` has focus. */
export async function tabTo(page, selector, { backwards = false, max = 40 } = {}) {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`could not reach ${selector} with the keyboard in ${max} presses`);
}

export async function signIn(page, { email = consultant.email, password = consultant.password } = {}) {
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Signs in and waits for the consultant's screen (Log a contact). */
export async function signInToLog(page, who = consultant) {
  await signIn(page, who);
  await page.getByRole('heading', { level: 1, name: 'Log a contact' }).waitFor();
  await page.locator('#contact-kind').waitFor();
}

/**
 * Signs `who` in over HTTP, for changes made "by someone else" during a test. Resolves with
 * `call(method, path, body?)`, which answers `{ status, body }` (the body parsed, or null).
 */
export async function apiSession(baseUrl, who) {
  const login = await fetch(`${baseUrl}/api/v1/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: who.email, password: who.password }),
  });
  assert.equal(login.status, 200, await login.clone().text());
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const { csrf_token: csrf } = await login.json();
  return async (method, path, body) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrf },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? null : JSON.parse(text) };
  };
}

/**
 * Runs axe-core on the page as it is now and fails on any serious or critical violation,
 * naming the rule, the screen (`label`) and the first offending elements.
 */
export async function checkA11y(page, label) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  });
  assert.deepEqual(violations, [], `axe on ${label}`);
}

/**
 * The set-up of the hub's screens: the server is made the network's hub (code HUB) with the
 * network coordinator `coordinator`, and a member of its own data folder (SQLite) has sent its
 * join request as `member` ({ code, name, country }), waiting for approval. Returns what
 * setUpServerAndBrowser returns. Call it at the top level of a test file.
 */
export function setUpHubWithJoinRequest({ coordinator, member }) {
  const memberDir = mkdtempSync(join(tmpdir(), 'strada-browser-member-'));
  after(() => rmSync(memberDir, { recursive: true, force: true }));
  const strada = (args, env = {}) =>
    execFileSync(STRADA_BIN, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  return setUpServerAndBrowser({
    users: [{ ...coordinator, role: 'network_coordinator' }],
    afterStart: async (s) => {
      strada(['network', 'init-hub', '--data', s.dataDir, '--url', s.baseUrl, '--code', 'HUB', '--name', 'The network hub', '--country', 'NL']);
      const own = { STRADA_DB: '' }; // the member's commands use its own SQLite file
      strada(['init', '--data', memberDir], own);
      strada(
        ['network', 'join', '--data', memberDir, '--hub', s.baseUrl, '--url', 'http://127.0.0.1:9', '--code', member.code, '--name', member.name, '--country', member.country],
        own,
      );
    },
  });
}

/**
 * Loads `url` afresh: the UI's routes are in the URL's hash, so going to the URL the page is on
 * already is a same-document navigation that fetches nothing again; this reloads it instead.
 */
export async function loadAfresh(page, url) {
  if (page.url() === url) await page.reload();
  else await page.goto(url);
}

/** Polls `check` every 200 ms for up to 30 s; fails naming `what`. */
export async function until(check, what) {
  for (let i = 0; i < 150; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * On a receiving member, signed in as a case worker: waits for the first incoming referral on the
 * Referrals screen, opens it (its heading matching `from`, the packet showing `person`), accepts
 * it, sends the feedback "arrived safely", and opens the case it made, whose timeline shows it.
 * Runs axe on the inbox and on the opened referral; `beforeAccepting`, if given, runs on the opened
 * referral before it is accepted.
 */
export async function acceptIncomingReferral(page, { from, person, beforeAccepting }) {
  await page.getByRole('navigation').first().getByRole('link', { name: 'Referrals' }).click();
  await page.getByRole('heading', { level: 1, name: 'Referrals between members' }).waitFor();
  const incoming = page.getByRole('table', { name: 'Incoming referrals' });
  await until(async () => {
    if ((await incoming.getByRole('link').count()) > 0) return true;
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Referrals between members' }).waitFor();
    return false;
  }, 'the referral to arrive');
  await checkA11y(page, 'the Referrals screen with an incoming referral');
  await incoming.getByRole('link').first().click();
  await page.getByRole('heading', { level: 1, name: from }).waitFor();
  await page.getByRole('region', { name: 'What the sending member sent' }).getByText(person).waitFor();
  await checkA11y(page, 'an incoming referral, opened');
  await beforeAccepting?.();
  await page.getByRole('button', { name: 'Accept and open a case' }).click();
  await page.getByText('Accepted: a case is opened', { exact: false }).waitFor();
  const feedback = page.getByRole('region', { name: 'Feedback to the sending member' });
  await feedback.getByLabel('What happened').selectOption('arrived_safely');
  await feedback.getByRole('button', { name: 'Send feedback' }).click();
  await page.getByText('Feedback sent', { exact: false }).waitFor();
  await page.getByRole('link', { name: 'Open the case' }).click();
  await page.getByRole('heading', { level: 1, name: /^Case / }).waitFor();
  await page.getByRole('region', { name: 'Timeline' }).getByText('Referral received from network member', { exact: false }).waitFor();
}
