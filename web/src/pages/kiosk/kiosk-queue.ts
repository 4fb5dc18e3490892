// The offline queue: scans taken while the server was unreachable, kept with their client nonce and
// device time, uploaded through POST /api/checkins/batch when the server is back. Only items the server
// acknowledged (stored, already there, or refused for good) leave the queue; the nonce makes a repeated
// upload harmless.
import { BATCH_MAX, type BatchResult, type CheckinBody, type Credential, credentialKey } from './kiosk-api';

/** A scan waiting for upload. */
export type QueuedScan = CheckinBody & {
  /** When it was queued (ISO; the device clock). */
  queuedAt: string;
};

/** Where queued scans live: IndexedDB on the kiosk (kiosk-db.ts), memory in tests. */
export interface ScanStore {
  put(item: QueuedScan): Promise<void>;
  /** All items, oldest first. */
  list(): Promise<QueuedScan[]>;
  remove(nonces: readonly string[]): Promise<void>;
  count(): Promise<number>;
}

/** A ScanStore in memory. */
export class MemoryScanStore implements ScanStore {
  private readonly items = new Map<string, QueuedScan>();

  async put(item: QueuedScan) {
    this.items.set(item.nonce, item);
  }

  async list() {
    return [...this.items.values()].sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
  }

  async remove(nonces: readonly string[]) {
    for (const n of nonces) this.items.delete(n);
  }

  async count() {
    return this.items.size;
  }
}

/** Queues a scan; the nonce is its key, so queueing the same scan again keeps one. */
export async function enqueueScan(store: ScanStore, body: CheckinBody, now = new Date()): Promise<number> {
  await store.put({ ...body, queuedAt: now.toISOString() });
  return store.count();
}

/** Whether the same credential is already queued for the activity (a second tap while offline). */
export async function isQueued(store: ScanStore, activityId: string, credential: Credential): Promise<boolean> {
  const key = credentialKey(credential);
  return (await store.list()).some((s) => s.activityId === activityId && credentialKey(s.credential) === key);
}

/** What one pass over the queue did. */
export type UploadOutcome = {
  /** Items sent. */
  sent: number;
  /** Stored now or already stored before (same nonce or same member). */
  accepted: number;
  /** Refused by the server for good (unknown card, revoked, …): removed, reported. */
  refused: BatchResult[];
  /** Left in the queue (not acknowledged). */
  remaining: number;
};

/** Sends a batch and returns the server's results. */
export type SendBatch = (items: CheckinBody[]) => Promise<BatchResult[]>;

/** The body of a queued item as the server takes it (without the queue's own fields). */
const bodyOf = ({ queuedAt: _queuedAt, ...body }: QueuedScan): CheckinBody => body;

/**
 * Uploads the whole queue once, in batches of at most `batchSize`, removing exactly the items the
 * server answered for. A failed request (network, server error) stops the pass and throws; what was
 * acknowledged before it stays removed.
 */
export async function uploadQueue(store: ScanStore, send: SendBatch, batchSize = BATCH_MAX): Promise<UploadOutcome> {
  const items = await store.list();
  const outcome: UploadOutcome = { sent: 0, accepted: 0, refused: [], remaining: 0 };
  for (let i = 0; i < items.length; i += batchSize) {
    const chunk = items.slice(i, i + batchSize);
    const results = await send(chunk.map(bodyOf));
    outcome.sent += chunk.length;
    const mine = new Set(chunk.map((s) => s.nonce));
    const answered = results.filter((r) => mine.has(r.nonce));
    await store.remove(answered.map((r) => r.nonce));
    outcome.accepted += answered.filter((r) => r.status !== 'error').length;
    outcome.refused.push(...answered.filter((r) => r.status === 'error'));
  }
  outcome.remaining = await store.count();
  return outcome;
}

/** Exponential backoff: 2 s, 4 s, 8 s … up to `max` (attempt counts from 1). */
export function backoffDelay(attempt: number, base = 2_000, max = 60_000): number {
  return Math.min(max, base * 2 ** Math.max(0, attempt - 1));
}

/** State of the upload loop, for the screen. */
export type UploadState = { pending: number; uploading: boolean; failures: number; lastError: string | null; nextTryAt: number | null };

/** Schedules a call after `ms`; returns a cancel function (setTimeout in the browser, a fake in tests). */
export type Timer = (fn: () => void, ms: number) => () => void;

const realTimer: Timer = (fn, ms) => {
  const id = setTimeout(fn, ms);
  return () => clearTimeout(id);
};

type LoopOptions = {
  store: ScanStore;
  send: SendBatch;
  /** Called after every pass and change of state. */
  onState?: (state: UploadState) => void;
  /** Called with the items the server refused for good. */
  onRefused?: (refused: BatchResult[]) => void;
  timer?: Timer;
  now?: () => number;
};

/**
 * The background uploader: `kick()` (a scan was queued, the browser came online, the server answered
 * again) starts a pass unless one runs; a failed pass retries after an exponential backoff until the
 * queue is empty.
 */
export class UploadLoop {
  private readonly o: Required<Omit<LoopOptions, 'onState' | 'onRefused'>> & Pick<LoopOptions, 'onState' | 'onRefused'>;
  private running = false;
  private again = false;
  private stopped = false;
  private cancelTimer: (() => void) | null = null;
  private state: UploadState = { pending: 0, uploading: false, failures: 0, lastError: null, nextTryAt: null };

  constructor(options: LoopOptions) {
    this.o = { timer: realTimer, now: () => Date.now(), ...options };
  }

  /** The current state. */
  get current(): UploadState {
    return this.state;
  }

  private set(patch: Partial<UploadState>) {
    this.state = { ...this.state, ...patch };
    this.o.onState?.(this.state);
  }

  /** Starts a pass now (or right after the running one); `resetBackoff` after the network came back. */
  kick(resetBackoff = false): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (resetBackoff) this.set({ failures: 0 });
    if (this.running) {
      this.again = true;
      return Promise.resolve();
    }
    this.cancelTimer?.();
    this.cancelTimer = null;
    return this.pass();
  }

  /** Stops retrying (the page is leaving). */
  stop() {
    this.stopped = true;
    this.cancelTimer?.();
    this.cancelTimer = null;
  }

  private async pass(): Promise<void> {
    this.running = true;
    try {
      const pending = await this.o.store.count();
      if (pending === 0) {
        this.set({ pending: 0, uploading: false, failures: 0, lastError: null, nextTryAt: null });
        return;
      }
      this.set({ pending, uploading: true, nextTryAt: null });
      try {
        const outcome = await uploadQueue(this.o.store, this.o.send);
        if (outcome.refused.length) this.o.onRefused?.(outcome.refused);
        if (outcome.remaining === 0) {
          this.set({ pending: 0, uploading: false, failures: 0, lastError: null });
        } else {
          // Some items were not answered for: try those again later.
          this.retryLater(outcome.remaining, null);
        }
      } catch (err) {
        this.retryLater(await this.o.store.count(), err instanceof Error ? err.message : String(err));
      }
    } finally {
      this.running = false;
      if (this.again && !this.stopped) {
        this.again = false;
        if (!this.cancelTimer) await this.pass();
      }
    }
  }

  private retryLater(pending: number, error: string | null) {
    const failures = this.state.failures + 1;
    const delay = backoffDelay(failures);
    this.set({ pending, uploading: false, failures, lastError: error, nextTryAt: this.o.now() + delay });
    if (this.stopped) return;
    this.cancelTimer = this.o.timer(() => {
      this.cancelTimer = null;
      void this.pass();
    }, delay);
  }
}
