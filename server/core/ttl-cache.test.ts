import { describe, expect, it } from 'vitest';
import { TtlCache } from './ttl-cache.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('TtlCache', () => {
  it('loads a key once for concurrent callers and serves it until the TTL passes', async () => {
    const c = new TtlCache<number>(40);
    let loads = 0;
    const load = async () => {
      loads++;
      await sleep(5);
      return loads;
    };
    const first = await Promise.all(Array.from({ length: 50 }, () => c.get('a', load)));
    expect(first).toEqual(Array(50).fill(1));
    expect(await c.get('a', load)).toBe(1);
    expect(loads).toBe(1);
    await sleep(60);
    expect(await c.get('a', load)).toBe(2);
    expect(loads).toBe(2);
  });

  it('reloads after delete, and does not keep a value whose load was overtaken by a delete', async () => {
    const c = new TtlCache<string>(10_000);
    let version = 'old';
    const slow = async () => {
      const v = version;
      await sleep(10);
      return v;
    };
    const inFlight = c.get('k', slow);
    version = 'new';
    c.delete('k');
    expect(await inFlight).toBe('old');
    expect(await c.get('k', slow)).toBe('new');
    c.delete('k');
    version = 'newer';
    expect(await c.get('k', slow)).toBe('newer');
  });

  it('keeps bulk-read values, unless a key was deleted after the read began', async () => {
    const c = new TtlCache<number>(10_000);
    const v = c.version;
    expect(c.set('a', 1, v)).toBe(true);
    expect(await c.get('a', async () => 99)).toBe(1);
    const before = c.version;
    c.delete('b');
    expect(c.set('a', 2, before)).toBe(false);
    expect(await c.get('a', async () => 99)).toBe(1);
  });

  it('does not cache a failed load', async () => {
    const c = new TtlCache<number>(10_000);
    await expect(c.get('x', async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await c.get('x', async () => 7)).toBe(7);
  });

  it('empties itself instead of growing past its limit', async () => {
    const c = new TtlCache<number>(10_000, 3);
    let loads = 0;
    for (const k of ['a', 'b', 'c', 'd']) await c.get(k, async () => ++loads);
    expect(await c.get('d', async () => ++loads)).toBe(4);
    expect(await c.get('a', async () => ++loads)).toBe(5);
  });
});
