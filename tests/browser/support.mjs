// Shared set-up for the browser tests: a real `strada` server on a free port with a fresh data
// directory, and Debian's Chromium driven by playwright-core (no downloaded browsers).
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const artifactsDir = join(here, 'artifacts');

export const STRADA_BIN = process.env.STRADA_BIN ?? '/work/main/build/asan-ubsan/src/strada';
export const STRADA_WEB_ROOT = process.env.STRADA_WEB_ROOT ?? '/work/main/web/dist';
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

export const consultant = {
  email: 'consultant@example.org',
  password: 'correct horse battery 1',
  name: 'Test Consultant',
  organisation: 'La Strada Nederland',
};

function run(args, env = {}) {
  execFileSync(STRADA_BIN, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'] });
}

/** Starts `strada serve` on 127.0.0.1:0 and resolves once it has logged the port it listens on. */
export async function startServer() {
  const dataDir = mkdtempSync(join(tmpdir(), 'strada-browser-data-'));
  run(['init', '--data', dataDir]);
  run(['org', 'add', '--data', dataDir, '--code', 'NL', '--name', consultant.organisation, '--country', 'NL']);
  run(
    ['user', 'add', '--data', dataDir, '--org', 'NL', '--email', consultant.email, '--name', consultant.name,
      '--role', 'consultant'],
    { STRADA_PASSWORD: consultant.password },
  );

  const child = spawn(
    STRADA_BIN,
    ['serve', '--data', dataDir, '--listen', '127.0.0.1:0', '--web-root', STRADA_WEB_ROOT],
    { stdio: ['ignore', 'inherit', 'pipe'] },
  );
  const port = await new Promise((resolve, reject) => {
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

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    dataDir, // for tests that run other `strada` commands on the same data (line add, ...)
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
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
