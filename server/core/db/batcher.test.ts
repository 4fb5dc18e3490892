import { describe, expect, it } from 'vitest';
import { Batcher } from './batcher.ts';

describe('Batcher (group commit)', () => {
  it('writes the items of one tick in one flush and the ones arriving meanwhile in the next', async () => {
    const flushes: number[][] = [];
    let release: () => void = () => {};
    const b = new Batcher<number, number>(async (items) => {
      flushes.push(items);
      if (flushes.length === 1) await new Promise<void>((r) => (release = r));
      return items.map((i) => i * 10);
    });
    const first = [1, 2, 3].map((i) => b.push(i));
    await new Promise((r) => setImmediate(r));
    const second = [4, 5].map((i) => b.push(i));
    release();
    expect(await Promise.all([...first, ...second])).toEqual([10, 20, 30, 40, 50]);
    expect(flushes).toEqual([[1, 2, 3], [4, 5]]);
  });

  it('fails one item on its own Error and every item when the flush throws', async () => {
    const b = new Batcher<number, number>(async (items) => items.map((i) => (i === 2 ? new Error('two') : i)));
    const r = await Promise.allSettled([b.push(1), b.push(2), b.push(3)]);
    expect(r.map((x) => x.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const broken = new Batcher<number, number>(async () => {
      throw new Error('database down');
    });
    const all = await Promise.allSettled([broken.push(1), broken.push(2)]);
    expect(all.every((x) => x.status === 'rejected')).toBe(true);
    // It keeps working after a failed flush.
    const ok = new Batcher<number, number>(async (items) => items);
    expect(await ok.push(7)).toBe(7);
  });

  it('caps a flush at maxItems and refuses items after close', async () => {
    const sizes: number[] = [];
    const b = new Batcher<number, number>(async (items) => {
      sizes.push(items.length);
      return items;
    }, 2);
    await Promise.all([1, 2, 3, 4, 5].map((i) => b.push(i)));
    expect(sizes).toEqual([2, 2, 1]);
    await b.close();
    await expect(b.push(6)).rejects.toThrow('closed');
  });
});
