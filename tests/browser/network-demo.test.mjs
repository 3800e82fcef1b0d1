// Issue 9, "done when", in a real browser against `strada network demo`: a hub and two members
// (Hotline Noord in the Netherlands, Linia Sperantei in Romania), each its own instance, database
// and port, started by the one command the issue names, with the logins it prints.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { acceptIncomingReferral, checkA11y, loadAfresh, PG_ADMIN_URL, signIn, startBrowser, STRADA_BIN, STRADA_WEB_ROOT, stopProcess, until, withPage } from './support.mjs';

const password = 'strada-demo-2026';
const coordinator = { email: 'coordinator@hub.demo.example', password };
const nlWorker = { email: 'caseworker@nl.demo.example', password };
const roWorker = { email: 'caseworker@ro.demo.example', password };
const nlOfficer = { email: 'dataofficer@nl.demo.example', password };
const roOfficer = { email: 'dataofficer@ro.demo.example', password };
const lastYear = new Date().getFullYear() - 1;
const person = 'Ioana Radu (demo)';

const firstYear = lastYear - 19; // 20 years: the demo imported those before last year

/** At a member, the data officer computes last year's report, approves it and submits it. */
async function submitLastYear(page, officer) {
  await signIn(page, officer);
  await page.getByRole('link', { name: 'Reports' }).click();
  await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
  await page.getByLabel('Period', { exact: true }).selectOption('year');
  await page.getByLabel('First day of the period').fill(`${String(lastYear)}-01-01`);
  await page.getByRole('button', { name: 'Compute the draft' }).click();
  await page.getByRole('heading', { level: 1, name: `Report ${String(lastYear)}, revision 1` }).waitFor();
  page.once('dialog', (dialog) => dialog.accept());
  await page.getByRole('button', { name: 'Approve this report' }).click();
  await page.getByText('Approved. The figures are frozen and ready to leave.').waitFor();
  page.once('dialog', (dialog) => dialog.accept());
  await page.getByRole('button', { name: 'Submit to the network' }).click();
  await page.getByText('Submitted to the network on', { exact: false }).waitFor();
  await page.getByText('The hub received it on', { exact: false }).waitFor({ timeout: 30_000 }).catch(async () => {
    await page.reload();
    await page.getByText('The hub received it on', { exact: false }).waitFor({ timeout: 30_000 });
  });
}

/**
 * Starts `strada network demo` in a fresh folder on free ports and resolves with the addresses it
 * prints ({ HUB, NL, RO }) once the network is up, and how to stop it.
 */
async function startDemo() {
  const dir = mkdtempSync(join(tmpdir(), 'strada-network-demo-'));
  const env = { ...process.env };
  delete env.STRADA_DB; // the demo's instances each keep their own SQLite file
  const child = spawn(
    STRADA_BIN,
    ['network', 'demo', '--dir', join(dir, 'net'), '--port', '0', '--contacts', '120', '--web-root', STRADA_WEB_ROOT],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stderr.on('data', () => {}); // the servers' JSON log
  const urls = await new Promise((resolve, reject) => {
    let printed = '';
    const timer = setTimeout(() => reject(new Error(`strada network demo was not up within 240 s:\n${printed}`)), 240_000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`strada network demo exited early (code ${code}, signal ${signal}):\n${printed}`));
    });
    child.stdout.on('data', (chunk) => {
      printed += chunk.toString('utf8');
      if (!printed.includes('\nTry:')) return;
      clearTimeout(timer);
      const found = {};
      for (const match of printed.matchAll(/^ {2}(HUB|NL|RO) +.*?(http:\/\/127\.0\.0\.1:\d+)$/gm)) found[match[1]] = match[2];
      resolve(found);
    });
  });
  child.removeAllListeners('exit');
  return {
    urls,
    /** The raw bytes of an instance's SQLite database and its write-ahead log. */
    databaseBytes(folder) {
      const files = ['strada.db', 'strada.db-wal'].map((f) => join(dir, 'net', folder, f)).filter((f) => existsSync(f));
      return Buffer.concat(files.map((f) => readFileSync(f)));
    },
    async stop() {
      await stopProcess(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// The demo's three instances always keep their own SQLite files (startDemo drops STRADA_DB): the
// PostgreSQL pass of ./test would run the very same thing again, so it runs in the SQLite pass only.
const skip = PG_ADMIN_URL ? 'the demo runs on SQLite only: checked in the SQLite pass' : false;

let demo;
let browser;
before(async () => {
  if (skip) return;
  demo = await startDemo();
  browser = await startBrowser();
});
after(async () => {
  await browser?.stop();
  await demo?.stop();
});

describe('strada network demo', { skip }, () => {
  test('prints the three addresses; the hub knows both members as active', async (t) => {
    assert.deepEqual(Object.keys(demo.urls).sort(), ['HUB', 'NL', 'RO']);
    await withPage(t, browser.context, demo.urls.HUB, async (page) => {
      await signIn(page, coordinator);
      await page.getByRole('heading', { level: 1, name: 'Network members' }).waitFor();
      const active = page.getByRole('region', { name: 'Active members' });
      await active.getByRole('row', { name: /Hotline Noord \(demo\)/ }).waitFor();
      await active.getByRole('row', { name: /Linia Sperantei \(demo\)/ }).waitFor();
      await checkA11y(page, 'the hub of the demo network');
    });
  });

  test('each member is its own instance with its own people', async (t) => {
    await withPage(t, browser.context, demo.urls.NL, async (page) => {
      await signIn(page, nlWorker);
      await page.getByText('Cases shown: 9.').waitFor();
      await page.getByRole('table').getByRole('link').first().click();
      await page.getByText('Ioana Radu (demo)').first().waitFor();
    });
    await withPage(t, browser.context, demo.urls.RO, async (page) => {
      await signIn(page, roWorker);
      await page.getByText('Cases shown: 8.').waitFor();
    });
  });

  test('the Netherlands refers Ioana home for a safe return; Romania accepts and sends feedback', async (t) => {
    let caseUrl = '';
    await withPage(t, browser.context, demo.urls.NL, async (page) => {
      await signIn(page, nlWorker);
      await page.getByText('Cases shown: 9.').waitFor();
      await page.getByRole('table').getByRole('link').first().click();
      await page.getByRole('heading', { level: 1, name: /^Case / }).waitFor();
      await page.getByText(person).first().waitFor();
      caseUrl = page.url();
      const section = page.getByRole('region', { name: 'Refer abroad (network referral)' });
      await section.getByRole('button', { name: 'Refer abroad' }).click();
      await section.getByLabel('Member organisation').selectOption('RO');
      await section.getByRole('checkbox', { name: 'Safe return' }).check();
      await section.getByRole('checkbox', { name: 'Reception on arrival' }).check();
      await section.getByLabel('Urgency').selectOption('urgent');
      await section.getByRole('checkbox', { name: 'Full name' }).check();
      await section.getByRole('checkbox', { name: 'Date of birth' }).check();
      await section.getByRole('checkbox', { name: 'Summary of needs' }).check();
      await section.getByRole('textbox', { name: 'Summary of needs' }).fill('Wants to go home to Iasi; needs a place to stay.');
      // Meant for Romania's partner, a reintegration centre that is not a member of the network.
      await section.getByLabel("Partner's name").fill('Centrul de reintegrare Iasi (demo)');
      await section.getByLabel("Partner's country").selectOption('RO');
      await section.getByText(person, { exact: true }).waitFor(); // the preview of what travels
      await checkA11y(page, 'the referral form with its preview');
      await section.getByRole('button', { name: 'Send the referral' }).click();
      await page.getByText('The referral to RO is sent.', { exact: false }).waitFor();
      await page.getByRole('region', { name: 'Timeline' }).getByText('Referred abroad to network member', { exact: false }).waitFor();
    });

    await withPage(t, browser.context, demo.urls.RO, async (page) => {
      await signIn(page, roWorker);
      await acceptIncomingReferral(page, {
        from: /^Referral from Hotline Noord/,
        person,
        beforeAccepting: async () => {
          const packet = page.getByRole('region', { name: 'What the sending member sent' });
          await packet.getByText('Centrul de reintegrare Iasi (demo)', { exact: false }).waitFor();
        },
      });
      await page.getByText(person).first().waitFor(); // the case, pre-filled from the packet
      const timeline = page.getByRole('region', { name: 'Timeline' });
      await timeline.getByText('Feedback on the network referral', { exact: false }).waitFor();
    });

    await withPage(t, browser.context, demo.urls.NL, async (page) => {
      await signIn(page, nlWorker);
      await page.getByRole('navigation').first().waitFor();
      await until(async () => {
        await loadAfresh(page, caseUrl);
        const timeline = page.getByRole('region', { name: 'Timeline' });
        await timeline.getByText('Referred abroad to network member', { exact: false }).waitFor();
        return (await timeline.getByText('Feedback on the network referral', { exact: false }).count()) > 0;
      }, 'the feedback to reach the Netherlands');
    });

    // The hub relayed the offer, the answer and the feedback without being able to read them:
    // its database holds the routing metadata and not one byte of the person's name.
    const hubBytes = demo.databaseBytes('hub');
    assert.ok(hubBytes.includes('referral.offer'), 'the hub has no record of relaying the referral');
    assert.equal(hubBytes.includes('Ioana'), false, "the hub's database holds the person's name");
    assert.equal(hubBytes.includes('Iasi'), false, "the hub's database holds the needs");
  });

  test('the members submit last year; the overview has 20 years, Romania\'s calls not collected', async (t) => {
    await withPage(t, browser.context, demo.urls.NL, (page) => submitLastYear(page, nlOfficer));
    await withPage(t, browser.context, demo.urls.RO, (page) => submitLastYear(page, roOfficer));
    await withPage(t, browser.context, demo.urls.HUB, async (page) => {
      await signIn(page, coordinator);
      await page.getByRole('link', { name: 'Network overview' }).click();
      await page.getByRole('heading', { level: 1, name: 'Network overview' }).waitFor();
      await page.getByLabel('First year').fill(String(firstYear));
      await page.getByLabel('Last year').fill(String(lastYear));
      await page.getByRole('button', { name: 'Show', exact: true }).click();
      const span = `${String(firstYear)}–${String(lastYear)}`;
      await page.getByRole('heading', { level: 2, name: `Totals ${span}` }).waitFor();
      const yearly = page.getByRole('table', { name: 'Figures per member and year' });
      // Every year of both members was reported: 40 rows, none "not reported".
      assert.equal(await yearly.locator('tbody tr').count(), 40);
      assert.doesNotMatch(await yearly.innerText(), /not reported/);
      const roLast = yearly.getByRole('row', { name: new RegExp(`^RO ${String(lastYear)}`) });
      assert.match(await roLast.innerText(), /not collected/);
      const nlLast = yearly.getByRole('row', { name: new RegExp(`^NL ${String(lastYear)}`) });
      assert.doesNotMatch(await nlLast.innerText(), /not collected|not reported/);
      // The totals leave Romania's calls out, saying so, never as 0.
      await page.getByRole('heading', { level: 2, name: 'Notes on the totals' }).waitFor();
      await page.getByText(`not collected, Calls: RO (${span})`).waitFor();
      const totals = page.getByRole('table', { name: `Totals ${span}` });
      const all = totals.locator('tr').filter({ has: page.getByRole('rowheader', { name: 'All members', exact: true }) });
      assert.match(await all.innerText(), /\*/);
      await checkA11y(page, 'the network overview of the demo network');
    });
  });
});
