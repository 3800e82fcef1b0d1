// The autosave of the hotline form against a fake server: one POST, then PUTs with the version
// each answer returned; no second POST while the first is on its way; a pause in the typing
// (debounce) but a save at least every maxWait; 409 reloads the version; failures retry.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../src/api/client';
import type { Contact } from '../src/api/types';
import {
  DraftAutosave,
  DraftFinishedError,
  storeContact,
  type AutosaveState,
  type DraftRequests,
} from '../src/contacts/draftAutosave';
import type { HotlinePayload } from '../src/contacts/hotline';

const id = 'a'.repeat(32);

function payloadOf(summary: string): HotlinePayload {
  return { status: 'draft', kind: 'data', channel: 'phone', started_at: '2026-12-03T08:00:00Z', duration_s: 0, summary };
}

/** A fake server holding one draft; each request waits `delay` ms (fake timers). */
function fakeServer(delay = 100) {
  const calls: { method: string; version?: number; summary?: string }[] = [];
  let version = 0;
  let status = 'draft';
  const contact = (): Contact => ({ id, version, status }) as unknown as Contact;
  const later = <T>(value: () => T) =>
    delay === 0
      ? Promise.resolve().then(value)
      : new Promise<T>((resolve, reject) =>
      setTimeout(() => {
        try {
          resolve(value());
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      }, delay),
    );
  const requests: DraftRequests = {
    create: (p) => {
      calls.push({ method: 'POST', summary: p.summary });
      return later(() => {
        version = 1;
        return contact();
      });
    },
    update: (_id, p, v) => {
      calls.push({ method: 'PUT', version: v, summary: p.summary });
      return later(() => {
        if (v !== version) throw new ApiError(409, 'conflict', 'Changed meanwhile.', 'version');
        version += 1;
        return contact();
      });
    },
    get: () => {
      calls.push({ method: 'GET' });
      return later(contact);
    },
  };
  return {
    requests,
    calls,
    changeElsewhere: () => (version += 1),
    finishElsewhere: () => {
      version += 1;
      status = 'final';
    },
  };
}

function autosaveOn(server: ReturnType<typeof fakeServer>, text: { value: string }) {
  const states: AutosaveState[] = [];
  const autosave = new DraftAutosave({
    requests: server.requests,
    payload: () => ({ ok: true, payload: payloadOf(text.value) }),
    onState: (s) => states.push(s),
    debounceMs: 1500,
    maxWaitMs: 8000,
  });
  return { autosave, states };
}

describe('DraftAutosave', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('creates the draft once, then changes it with the version each answer returned', async () => {
    const server = fakeServer();
    const text = { value: 'a' };
    const { autosave } = autosaveOn(server, text);
    autosave.changed();
    await vi.advanceTimersByTimeAsync(1500 + 50); // the POST is on its way
    text.value = 'ab';
    autosave.changed(); // typed while the POST has not answered
    await vi.advanceTimersByTimeAsync(5000);
    text.value = 'abc';
    autosave.changed();
    await vi.advanceTimersByTimeAsync(5000);
    expect(server.calls).toEqual([
      { method: 'POST', summary: 'a' },
      { method: 'PUT', version: 1, summary: 'ab' },
      { method: 'PUT', version: 2, summary: 'abc' },
    ]);
    expect(autosave.draft).toEqual({ id, version: 3 });
    expect(autosave.unsaved).toBe(false);
  });

  it('never sends a second POST, however fast the saves are asked for', async () => {
    const server = fakeServer();
    const text = { value: 'x' };
    const { autosave } = autosaveOn(server, text);
    const first = autosave.saveNow();
    await vi.advanceTimersByTimeAsync(50); // the POST has not answered yet
    text.value = 'xy';
    const saves = [first, autosave.saveNow(), autosave.saveNow()];
    await vi.advanceTimersByTimeAsync(1000);
    await Promise.all(saves);
    // The later saves waited for the POST's answer and used its id, as one PUT.
    expect(server.calls.map((c) => c.method)).toEqual(['POST', 'PUT']);
    expect(server.calls[1]).toEqual({ method: 'PUT', version: 1, summary: 'xy' });
  });

  it('waits for a pause in the typing, but saves at least every maxWait', async () => {
    const server = fakeServer();
    const { autosave } = autosaveOn(server, { value: 'typing' });
    for (let i = 0; i < 10; i++) {
      autosave.changed(); // a key every 500 ms: no pause of 1.5 s
      await vi.advanceTimersByTimeAsync(500);
    }
    expect(server.calls).toHaveLength(0);
    for (let i = 0; i < 8; i++) {
      autosave.changed();
      await vi.advanceTimersByTimeAsync(500);
    }
    expect(server.calls).toHaveLength(1); // 8 s after the first unsaved key
    await vi.advanceTimersByTimeAsync(2000);
    expect(server.calls).toHaveLength(2); // and after the pause
  });

  it('reads the version again on 409 and stores the form in front of the consultant', async () => {
    const server = fakeServer(0);
    const text = { value: 'mine' };
    const { autosave, states } = autosaveOn(server, text);
    await autosave.saveNow();
    server.changeElsewhere(); // a second tab saved the draft
    text.value = 'mine, later';
    expect(await autosave.saveNow()).toBe(true);
    expect(server.calls.map((c) => c.method)).toEqual(['POST', 'PUT', 'GET', 'PUT']);
    expect(server.calls[3]).toEqual({ method: 'PUT', version: 2, summary: 'mine, later' });
    expect(states.at(-1)?.kind).toBe('saved');
  });

  it('stops when the contact was finished elsewhere', async () => {
    const server = fakeServer(0);
    const text = { value: 'x' };
    const { autosave, states } = autosaveOn(server, text);
    await autosave.saveNow();
    server.finishElsewhere();
    text.value = 'y';
    expect(await autosave.saveNow()).toBe(false);
    const last = states.at(-1);
    expect(last?.kind === 'failed' && last.error instanceof DraftFinishedError).toBe(true);
    autosave.changed();
    await vi.advanceTimersByTimeAsync(20000);
    expect(server.calls.map((c) => c.method)).toEqual(['POST', 'PUT', 'GET']); // no more tries
  });

  it('tries again after maxWait when the server cannot be reached', async () => {
    const server = fakeServer(0);
    let down = true;
    const create = server.requests.create;
    server.requests.create = (p) => (down ? Promise.reject(new ApiError(0, 'unreachable', '', '')) : create(p));
    const { autosave, states } = autosaveOn(server, { value: 'x' });
    autosave.changed();
    await vi.advanceTimersByTimeAsync(1500);
    expect(states.at(-1)?.kind).toBe('failed');
    expect(autosave.unsaved).toBe(true);
    down = false;
    await vi.advanceTimersByTimeAsync(8000);
    expect(states.at(-1)?.kind).toBe('saved');
    expect(autosave.draft.id).toBe(id);
  });

  it('does not save what cannot be a draft, and says why', async () => {
    const server = fakeServer(0);
    const states: AutosaveState[] = [];
    const autosave = new DraftAutosave({
      requests: server.requests,
      payload: () => ({ ok: false, messageKey: 'log.startedInvalid' }),
      onState: (s) => states.push(s),
    });
    autosave.changed();
    await vi.advanceTimersByTimeAsync(2000);
    expect(server.calls).toHaveLength(0);
    expect(states).toEqual([{ kind: 'invalid', messageKey: 'log.startedInvalid' }]);
  });

  it('runs finishing after the save on its way, on the draft that save created', async () => {
    const server = fakeServer();
    const { autosave } = autosaveOn(server, { value: 'x' });
    void autosave.saveNow(); // POST on its way
    const finished = autosave.run((ref) => storeContact(server.requests, ref, { ...payloadOf('x'), status: 'final' }));
    await vi.advanceTimersByTimeAsync(500);
    await finished;
    expect(server.calls.map((c) => c.method)).toEqual(['POST', 'PUT']);
    await autosave.adopt({ id: null, version: 0 });
    expect(autosave.draft).toEqual({ id: null, version: 0 });
    expect(autosave.unsaved).toBe(false);
  });
});

describe('DraftAutosave with nothing to keep yet', () => {
  it('sends nothing and waits for the next change', async () => {
    const server = fakeServer(0);
    let ready = false;
    const autosave = new DraftAutosave({
      requests: server.requests,
      payload: () => (ready ? { ok: true, payload: payloadOf('now') } : null),
      onState: () => undefined,
    });
    autosave.changed();
    expect(await autosave.flush()).toBe(false);
    expect(server.calls).toHaveLength(0);
    expect(autosave.unsaved).toBe(true);
    ready = true;
    autosave.changed();
    expect(await autosave.flush()).toBe(true);
    expect(server.calls.map((c) => c.method)).toEqual(['POST']);
  });
});
