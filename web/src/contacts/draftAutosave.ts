// Keeps the contact being typed on the server as a draft: after a pause in the typing (and at
// least every `maxWaitMs` while it goes on), one POST creates the draft and later changes PUT it
// with the version the last answer returned. Every request of the form (autosaves, finishing,
// discarding) goes through one queue, so a second POST can never start before the first one has
// answered with the id: no duplicate drafts. Free of Preact, unit-tested with fake timers.
import { ApiError } from '../api/client';
import type { Contact } from '../api/types';
import type { HotlinePayload } from './hotline';

/** The server's copy of the form: none yet (id null), or a draft at `version`. */
export interface DraftRef {
  id: string | null;
  version: number;
}

export const noDraft: DraftRef = { id: null, version: 0 };

/** What the consultant sees of the autosave. */
export type AutosaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'invalid'; messageKey: string }
  | { kind: 'failed'; error: unknown };

/** The requests the autosave needs; the page passes the real API calls, tests fakes. */
export interface DraftRequests {
  create: (payload: HotlinePayload) => Promise<Contact>;
  update: (id: string, payload: HotlinePayload, version: number) => Promise<Contact>;
  get: (id: string) => Promise<Contact>;
}

/**
 * The draft payload of the form as it is now, or why it cannot be saved, or null while there is
 * nothing to keep yet (the save waits for the next change). `asked`: the consultant asked for
 * this save (Ctrl+S, New contact), it is not the autosave's own.
 */
export type DraftPayload = (asked: boolean) => { ok: true; payload: HotlinePayload } | { ok: false; messageKey: string } | null;

/** Thrown when the draft was finished elsewhere (another tab): it cannot be a draft again. */
export class DraftFinishedError extends Error {}

/**
 * Stores `payload` (a draft, or the finished contact) on the draft `ref`: POST without an id,
 * else PUT. On 409 (the draft changed elsewhere, e.g. in a second tab) the form in front of the
 * consultant wins: it reads the current version once and stores again, unless the contact has
 * been finished meanwhile (DraftFinishedError).
 */
export async function storeContact(requests: DraftRequests, ref: DraftRef, payload: HotlinePayload): Promise<Contact> {
  if (ref.id === null) return requests.create(payload);
  try {
    return await requests.update(ref.id, payload, ref.version);
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 409)) throw error;
    const current = await requests.get(ref.id);
    if (current.status !== 'draft') throw new DraftFinishedError();
    return requests.update(ref.id, payload, current.version ?? ref.version);
  }
}

export interface AutosaveOptions {
  requests: DraftRequests;
  /** The draft the form is tied to at the start. */
  initial?: DraftRef;
  payload: DraftPayload;
  onState: (state: AutosaveState, ref: DraftRef) => void;
  debounceMs?: number;
  maxWaitMs?: number;
  now?: () => number;
}

export class DraftAutosave {
  private ref: DraftRef = noDraft;
  private changes = 0;
  private saved = 0;
  private firstUnsavedAt: number | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private busy = 0;
  private stopped = false;
  private disposed = false;
  private readonly debounceMs: number;
  private readonly maxWaitMs: number;
  private readonly now: () => number;

  constructor(private readonly options: AutosaveOptions) {
    this.debounceMs = options.debounceMs ?? 1500;
    this.maxWaitMs = options.maxWaitMs ?? 8000;
    this.now = options.now ?? Date.now;
    this.ref = options.initial ?? noDraft;
  }

  /** The requests it makes, for run(). */
  get requests(): DraftRequests {
    return this.options.requests;
  }

  /** The draft the form is tied to, as of the last answer. */
  get draft(): DraftRef {
    return this.ref;
  }

  /** Whether something typed is not on the server yet (or a request is still on its way). */
  get unsaved(): boolean {
    return this.changes !== this.saved || this.busy > 0;
  }

  /** The form changed: saves after a pause in the typing, or after maxWaitMs at the latest. */
  changed(): void {
    if (this.stopped || this.disposed) return;
    this.changes += 1;
    this.firstUnsavedAt ??= this.now();
    this.schedule(this.debounceMs);
  }

  /** Saves now what is not saved yet; resolves true once nothing is left unsaved. */
  async flush(asked = false): Promise<boolean> {
    this.cancelTimer();
    await this.enqueue(() => this.saveIfChanged(asked));
    return this.changes === this.saved;
  }

  /** Saves the form now even when unchanged (Ctrl+S; the draft of a new contact). */
  saveNow(): Promise<boolean> {
    this.changes += 1;
    return this.flush(true);
  }

  /** Saves later what is still unsaved (after finishing failed). */
  retryLater(): void {
    if (this.changes !== this.saved) this.schedule(this.debounceMs);
  }

  /**
   * Ties the form to another draft (or to none) once the queue is through, with nothing unsaved:
   * for a new contact, a draft reopened from My drafts, or after finishing or discarding.
   */
  adopt(ref: DraftRef): Promise<void> {
    this.cancelTimer();
    return this.enqueue(() => {
      this.ref = ref;
      this.saved = this.changes;
      this.firstUnsavedAt = null;
      this.stopped = false;
      this.options.onState({ kind: 'idle' }, ref);
      return Promise.resolve();
    });
  }

  /**
   * Runs `request` on the current draft after every earlier request has answered (finishing,
   * discarding) instead of the pending autosave; adopt() then says what the form is tied to.
   */
  run<T>(request: (ref: DraftRef) => Promise<T>): Promise<T> {
    this.cancelTimer();
    return this.enqueue(() => request(this.ref));
  }

  private enqueue<T>(request: () => Promise<T>): Promise<T> {
    const next = this.queue.then(async () => {
      this.busy += 1;
      try {
        return await request();
      } finally {
        this.busy -= 1;
      }
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Forgets the form for good (sign-out): nothing pending is sent, nothing more scheduled. */
  dispose(): void {
    this.cancelTimer();
    this.disposed = true;
  }

  /** Where the payload comes from and the state goes to, from now on (a screen opened again). */
  bind(payload: DraftPayload, onState: AutosaveOptions['onState']): void {
    this.options.payload = payload;
    this.options.onState = onState;
  }

  private schedule(delay: number): void {
    this.cancelTimer();
    if (this.disposed) return;
    const waited = this.firstUnsavedAt === null ? 0 : this.now() - this.firstUnsavedAt;
    const wait = Math.max(0, Math.min(delay, this.maxWaitMs - waited));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush().catch(() => undefined);
    }, wait);
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async saveIfChanged(asked: boolean): Promise<void> {
    if (this.stopped || this.changes === this.saved) return;
    const built = this.options.payload(asked);
    if (built === null) return;
    if (!built.ok) {
      this.options.onState({ kind: 'invalid', messageKey: built.messageKey }, this.ref);
      return;
    }
    const upTo = this.changes;
    this.firstUnsavedAt = null; // what is typed from now on waits its own maxWait
    this.options.onState({ kind: 'saving' }, this.ref);
    try {
      const stored = await storeContact(this.options.requests, this.ref, built.payload);
      this.ref = { id: stored.id, version: stored.version ?? this.ref.version + 1 };
      this.saved = upTo;
      this.options.onState({ kind: 'saved', at: new Date(this.now()) }, this.ref);
    } catch (error) {
      // A finished contact is never a draft again: stop until the form is tied to another.
      if (error instanceof DraftFinishedError) this.stopped = true;
      else if (!(error instanceof ApiError && error.status === 401)) {
        this.firstUnsavedAt = this.now(); // try again after maxWaitMs, not at once
        this.schedule(this.maxWaitMs);
      }
      this.options.onState({ kind: 'failed', error }, this.ref);
    }
  }
}
