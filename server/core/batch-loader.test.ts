import { describe, expect, it } from 'vitest';
import { BatchLoader } from './batch-loader.ts';

describe('BatchLoader', () => {
  it('fetches the keys asked for in one turn together, and answers each caller with its own value', async () => {
    const calls: string[][] = [];
    const l = new BatchLoader<number | null>(async (keys) => {
      calls.push(keys);
      return new Map(keys.filter((k) => k !== 'none').map((k) => [k, k.length]));
    }, null);
    const r = await Promise.all(['a', 'bb', 'ccc', 'bb', 'none'].map((k) => l.load(k)));
    expect(r).toEqual([1, 2, 3, 2, null]);
    expect(calls).toEqual([['a', 'bb', 'ccc', 'none']]);
    expect(await l.load('dddd')).toBe(4);
    expect(calls).toHaveLength(2);
  });

  it('splits a large turn into fetches of at most maxKeys, and rejects the callers of a failed fetch', async () => {
    const sizes: number[] = [];
    const l = new BatchLoader<string>(async (keys) => {
      sizes.push(keys.length);
      if (keys.includes('k7')) throw new Error('down');
      return new Map(keys.map((k) => [k, k]));
    }, '', 3);
    const r = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => l.load(`k${i}`)));
    expect(sizes).toEqual([3, 3, 2]);
    expect(r.map((x) => x.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'rejected']);
  });
});
