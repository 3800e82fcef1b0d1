// Issue 10, section 6, fault tests against the real server process and database (no browser):
// `kill -9` while writers are busy loses no acknowledged contact, on SQLite and (in the
// PostgreSQL pass) on PostgreSQL; PostgreSQL going away answers 503, never a crash or a 500,
// and the server recovers by itself when it is back; and a full disk (SQLite's data folder on a
// small tmpfs, filled up) answers 503, loses nothing acknowledged, and the server goes on by
// itself once there is room.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { apiSession, consultant, PG_ADMIN_URL, startServer, until } from './support.mjs';

const contact = (i) => ({
  channel: 'phone',
  started_at: new Date(Date.now() - 60_000 - i * 1000).toISOString(),
  duration_s: 60 + i,
  caller_type: 'possible_victim',
  anonymous: true,
  language: 'en',
  category: 'general_information',
});

/** The ids of every contact the server lists (all pages). */
async function listedIds(call) {
  const ids = new Set();
  let cursor = '';
  for (let page = 0; page < 100; page++) {
    const r = await call('GET', `/api/v1/contacts?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    for (const item of r.body.items) ids.add(item.id);
    if (!r.body.next_cursor) break;
    cursor = r.body.next_cursor;
  }
  return ids;
}

describe('faults', () => {
  test('kill -9 under concurrent writers loses no acknowledged contact', async () => {
    const server = await startServer();
    try {
      const writers = await Promise.all([0, 1, 2, 3].map(() => apiSession(server.baseUrl, consultant)));
      const acknowledged = [];
      let stop = false;
      let i = 0;
      const write = async (call) => {
        while (!stop) {
          const n = i++;
          try {
            const r = await call('POST', '/api/v1/contacts', contact(n % 3000));
            if (r.status === 201) acknowledged.push(r.body.id);
          } catch {
            return; // the connection died with the server: this write was never acknowledged
          }
        }
      };
      const running = writers.map(write);
      await until(async () => acknowledged.length >= 40, '40 acknowledged writes');
      await server.kill9();
      stop = true;
      await Promise.all(running);
      const before = acknowledged.length;
      await server.restart();
      const call = await apiSession(server.baseUrl, consultant);
      const listed = await listedIds(call);
      const lost = acknowledged.filter((id) => !listed.has(id));
      assert.deepEqual(lost, [], `acknowledged before kill -9 but gone after the restart (${before} acknowledged)`);
    } finally {
      await server.stop();
    }
  });

  test('PostgreSQL going away answers 503, and the server recovers when it is back', async (t) => {
    if (!PG_ADMIN_URL) {
      t.skip('the PostgreSQL pass only (STRADA_BROWSER_PG_URL)');
      return;
    }
    // A PostgreSQL server of this test's own, which it stops and starts.
    const pgDir = mkdtempSync(join(tmpdir(), 'strada-pg-fault-'));
    const script = new URL('../../scripts/pg-test-server.sh', import.meta.url).pathname;
    const url = execFileSync(script, ['start', pgDir], { encoding: 'utf8' }).trim().split('\n').pop();
    const pgCtl = (...args) =>
      execFileSync('runuser', ['-u', 'postgres', '--', '/usr/lib/postgresql/15/bin/pg_ctl', '-D', join(pgDir, 'data'), '-w', ...args], {
        stdio: 'ignore',
      });
    const server = await startServer({ dbUrl: url });
    try {
      const call = await apiSession(server.baseUrl, consultant);
      const first = await call('POST', '/api/v1/contacts', contact(1));
      assert.equal(first.status, 201, JSON.stringify(first.body));

      pgCtl('-m', 'immediate', 'stop');
      const during = await call('POST', '/api/v1/contacts', contact(2));
      assert.equal(during.status, 503, JSON.stringify(during.body));
      assert.equal(during.body.error.code, 'unavailable');
      const read = await call('GET', `/api/v1/contacts/${first.body.id}`);
      assert.equal(read.status, 503, JSON.stringify(read.body));

      pgCtl('-l', join(pgDir, 'server.log'), 'start');
      let after;
      await until(async () => {
        after = await call('POST', '/api/v1/contacts', contact(3));
        return after.status === 201;
      }, 'a write to succeed once PostgreSQL is back');
      const again = await call('GET', `/api/v1/contacts/${first.body.id}`);
      assert.equal(again.status, 200, JSON.stringify(again.body));
    } finally {
      await server.stop();
      execFileSync(script, ['stop', pgDir], { stdio: 'ignore' });
      rmSync(pgDir, { recursive: true, force: true });
    }
  });

  test('a full disk answers 503, loses nothing acknowledged, and the server goes on when there is room', async (t) => {
    // A real full disk: the data folder on a tmpfs of its own, filled up with a file.
    const mountPoint = mkdtempSync(join(tmpdir(), 'strada-full-disk-'));
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m,mode=0700', 'tmpfs', mountPoint], { stdio: 'pipe' });
    } catch (e) {
      rmdirSync(mountPoint);
      t.skip(`mounting a small tmpfs needs root with CAP_SYS_ADMIN here (${String(e.message).split('\n')[0]})`);
      return;
    }
    const filler = join(mountPoint, 'filler');
    let server;
    try {
      server = await startServer({ sqlite: true, dataDir: join(mountPoint, 'data') });
      const call = await apiSession(server.baseUrl, consultant);
      const acknowledged = [];
      const write = async (n) => {
        const r = await call('POST', '/api/v1/contacts', contact(n % 3000));
        if (r.status === 201) acknowledged.push(r.body.id);
        return r;
      };
      assert.equal((await write(0)).status, 201);

      // Fill the file system: dd stops (exit 1) at "No space left on device".
      try {
        execFileSync('dd', ['if=/dev/zero', `of=${filler}`, 'bs=4k'], { stdio: 'ignore' });
      } catch {
        // expected
      }
      // Writes go on while SQLite reuses pages and WAL frames it already has; then the disk is
      // full for it too.
      let refused;
      for (let n = 1; n < 20_000 && !refused; n++) {
        const r = await write(n);
        if (r.status !== 201) refused = r;
      }
      assert.ok(refused, 'no write was refused on a full disk');
      assert.equal(refused.status, 503, JSON.stringify(refused.body));
      assert.equal(refused.body.error.code, 'unavailable');
      assert.match(refused.body.error.message, /disk is full/);
      const health = await fetch(`${server.baseUrl}/api/v1/health`);
      assert.equal(health.status, 200, 'the server is still up');

      // Room again: the server goes on by itself.
      rmSync(filler);
      let after;
      await until(async () => {
        after = await write(1);
        return after.status === 201;
      }, 'a write to succeed once there is room');

      // Every acknowledged contact is there after a restart.
      await server.kill9();
      await server.restart();
      const again = await apiSession(server.baseUrl, consultant);
      const listed = await listedIds(again);
      const lost = acknowledged.filter((id) => !listed.has(id));
      assert.deepEqual(lost, [], `acknowledged but gone after the disk was full (${acknowledged.length} acknowledged)`);
    } finally {
      await server?.stop();
      execFileSync('umount', [mountPoint]);
      rmdirSync(mountPoint);
    }
  });
});
