// The offline queue keeps scans until the server acknowledges them, uploads in batches, retries with
// exponential backoff, and a repeated upload stores nothing twice.
import { describe, expect, it } from 'vitest';
import type { BatchResult, CheckinBody } from './kiosk-api';
import { KioskOffline } from './kiosk-client';
import { backoffDelay, enqueueScan, isQueued, MemoryScanStore, type Timer, UploadLoop, uploadQueue } from './kiosk-queue';

const ACTIVITY = '0190a0b0-0000-7000-8000-000000000001';

const scan = (i: number, card = `CX${String(i).padStart(8, '0')}`): CheckinBody => ({
  activityId: ACTIVITY,
  credential: { cardNo: card },
  nonce: `nonce-${String(i).padStart(6, '0')}`,
  deviceTime: new Date(Date.UTC(2026, 0, 1, 1, 0, i % 60)).toISOString(),
  deviceId: 'hyk_test',
});

/** A server that stores a check-in once per nonce and once per card and activity (like POST /api/checkins/batch). */
function fakeServer() {
  const byNonce = new Map<string, string>();
  const byMember = new Set<string>();
  const stored: CheckinBody[] = [];
  const unknown = new Set(['CX99999999']);
  const send = async (items: CheckinBody[]): Promise<BatchResult[]> =>
    items.map((b) => {
      const card = 'cardNo' in b.credential ? b.credential.cardNo : '';
      if (unknown.has(card)) return { nonce: b.nonce, status: 'error', code: 'CHECKIN_UNKNOWN_CARD' };
      const key = `${b.activityId}|${card}`;
      if (byNonce.has(b.nonce) || byMember.has(key)) return { nonce: b.nonce, status: 'duplicate', affiliated: true };
      byNonce.set(b.nonce, key);
      byMember.add(key);
      stored.push(b);
      return { nonce: b.nonce, status: 'ok', affiliated: true };
    });
  return { send, stored };
}

/** A timer whose callbacks run when the test says so. */
function manualTimer() {
  const pending: { fn: () => void; ms: number }[] = [];
  const timer: Timer = (fn, ms) => {
    const entry = { fn, ms };
    pending.push(entry);
    return () => {
      const i = pending.indexOf(entry);
      if (i >= 0) pending.splice(i, 1);
    };
  };
  return { timer, pending, fire: () => pending.shift()?.fn() };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('offline queue', () => {
  it('keeps one item per nonce and spots a card already queued for the activity', async () => {
    const store = new MemoryScanStore();
    expect(await enqueueScan(store, scan(1))).toBe(1);
    expect(await enqueueScan(store, scan(1))).toBe(1);
    expect(await enqueueScan(store, scan(2))).toBe(2);
    expect(await isQueued(store, ACTIVITY, { cardNo: 'CX00000001' })).toBe(true);
    expect(await isQueued(store, ACTIVITY, { cardNo: 'CX00000003' })).toBe(false);
    expect(await isQueued(store, 'other', { cardNo: 'CX00000001' })).toBe(false);
  });

  it('uploads in batches of at most 500 and empties the queue when all are acknowledged', async () => {
    const store = new MemoryScanStore();
    for (let i = 0; i < 1_200; i++) await enqueueScan(store, scan(i));
    const server = fakeServer();
    const sizes: number[] = [];
    const outcome = await uploadQueue(store, async (items) => {
      sizes.push(items.length);
      return server.send(items);
    });
    expect(sizes).toEqual([500, 500, 200]);
    expect(outcome).toMatchObject({ sent: 1_200, accepted: 1_200, remaining: 0, refused: [] });
    expect(server.stored).toHaveLength(1_200);
    // The queue's own fields are not sent.
    expect(Object.keys(server.stored[0]).sort()).toEqual(['activityId', 'credential', 'deviceId', 'deviceTime', 'nonce']);
  });

  it('removes only the items the server answered for', async () => {
    const store = new MemoryScanStore();
    for (let i = 0; i < 4; i++) await enqueueScan(store, scan(i));
    const outcome = await uploadQueue(store, async (items) => items.slice(0, 2).map((b) => ({ nonce: b.nonce, status: 'ok' as const })));
    expect(outcome.remaining).toBe(2);
    expect((await store.list()).map((s) => s.nonce)).toEqual(['nonce-000002', 'nonce-000003']);
  });

  it('drops and reports scans the server refuses for good', async () => {
    const store = new MemoryScanStore();
    await enqueueScan(store, scan(1));
    await enqueueScan(store, scan(2, 'CX99999999'));
    const outcome = await uploadQueue(store, fakeServer().send);
    expect(outcome.accepted).toBe(1);
    expect(outcome.refused).toEqual([{ nonce: 'nonce-000002', status: 'error', code: 'CHECKIN_UNKNOWN_CARD' }]);
    expect(outcome.remaining).toBe(0);
  });

  it('keeps everything after a failed request, and what an earlier batch stored is not stored twice', async () => {
    const store = new MemoryScanStore();
    for (let i = 0; i < 600; i++) await enqueueScan(store, scan(i));
    const server = fakeServer();
    let calls = 0;
    await expect(
      uploadQueue(store, async (items) => {
        calls += 1;
        if (calls === 2) throw new KioskOffline('fetch failed');
        return server.send(items);
      }),
    ).rejects.toThrow(KioskOffline);
    expect(await store.count()).toBe(100);
    const again = await uploadQueue(store, server.send);
    expect(again.remaining).toBe(0);
    expect(server.stored).toHaveLength(600);
  });

  it('stores each scan once when two devices upload the same history at the same time', async () => {
    const server = fakeServer();
    const a = new MemoryScanStore();
    const b = new MemoryScanStore();
    for (let i = 0; i < 1_000; i++) {
      await enqueueScan(a, scan(i));
      await enqueueScan(b, scan(i));
    }
    const [ra, rb] = await Promise.all([uploadQueue(a, server.send), uploadQueue(b, server.send)]);
    expect(ra.remaining + rb.remaining).toBe(0);
    expect(server.stored).toHaveLength(1_000);
    expect(new Set(server.stored.map((s) => s.nonce)).size).toBe(1_000);
  });

  it('backs off exponentially up to a minute', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 10].map((n) => backoffDelay(n))).toEqual([2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000]);
  });
});

describe('upload loop', () => {
  it('retries with growing delays while the server is unreachable, then empties the queue', async () => {
    const store = new MemoryScanStore();
    await enqueueScan(store, scan(1));
    await enqueueScan(store, scan(2));
    const server = fakeServer();
    let down = 2;
    const clock = manualTimer();
    const states: number[] = [];
    const loop = new UploadLoop({
      store,
      send: async (items) => {
        if (down > 0) {
          down -= 1;
          throw new KioskOffline('fetch failed');
        }
        return server.send(items);
      },
      timer: clock.timer,
      onState: (s) => states.push(s.pending),
    });
    await loop.kick();
    expect(loop.current).toMatchObject({ pending: 2, failures: 1, lastError: 'fetch failed' });
    expect(clock.pending.map((p) => p.ms)).toEqual([2_000]);
    clock.fire();
    await settle();
    expect(loop.current.failures).toBe(2);
    expect(clock.pending.map((p) => p.ms)).toEqual([4_000]);
    clock.fire();
    await settle();
    expect(loop.current).toMatchObject({ pending: 0, failures: 0, lastError: null, uploading: false });
    expect(clock.pending).toHaveLength(0);
    expect(server.stored).toHaveLength(2);
    expect(await store.count()).toBe(0);
    expect(states.at(-1)).toBe(0);
  });

  it('uploads at once when kicked (the network came back) instead of waiting out the backoff', async () => {
    const store = new MemoryScanStore();
    await enqueueScan(store, scan(1));
    const server = fakeServer();
    let down = true;
    const clock = manualTimer();
    const loop = new UploadLoop({
      store,
      send: async (items) => {
        if (down) throw new KioskOffline('fetch failed');
        return server.send(items);
      },
      timer: clock.timer,
    });
    await loop.kick();
    expect(clock.pending).toHaveLength(1);
    down = false;
    await loop.kick(true);
    expect(clock.pending).toHaveLength(0);
    expect(server.stored).toHaveLength(1);
  });

  it('reports refused scans and stops when stopped', async () => {
    const store = new MemoryScanStore();
    await enqueueScan(store, scan(1, 'CX99999999'));
    const refused: BatchResult[] = [];
    const clock = manualTimer();
    const loop = new UploadLoop({ store, send: fakeServer().send, timer: clock.timer, onRefused: (r) => refused.push(...r) });
    await loop.kick();
    expect(refused.map((r) => r.code)).toEqual(['CHECKIN_UNKNOWN_CARD']);
    loop.stop();
    await enqueueScan(store, scan(2));
    await loop.kick();
    expect(await store.count()).toBe(1);
  });
});
