import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit.ts';

const T0 = 1_800_000_000_000;

describe('RateLimiter (SECURITY.md 7: per-IP limit answers 429)', () => {
  it('allows `limit` hits in a window, then answers the seconds to wait', () => {
    const r = new RateLimiter(3, 60_000);
    expect([r.hit('1.2.3.4', T0), r.hit('1.2.3.4', T0 + 1000), r.hit('1.2.3.4', T0 + 2000)]).toEqual([0, 0, 0]);
    expect(r.hit('1.2.3.4', T0 + 10_500)).toBe(50);
    expect(r.hit('1.2.3.4', T0 + 59_001)).toBe(1);
  });

  it('keeps refusing while over the limit within the window', () => {
    const r = new RateLimiter(1, 60_000);
    r.hit('a', T0);
    for (let i = 1; i < 20; i++) expect(r.hit('a', T0 + i * 1000)).toBeGreaterThan(0);
  });

  it('starts a new window after windowMs', () => {
    const r = new RateLimiter(2, 60_000);
    r.hit('a', T0);
    r.hit('a', T0);
    expect(r.hit('a', T0 + 59_999)).toBeGreaterThan(0);
    expect(r.hit('a', T0 + 60_000)).toBe(0);
    expect(r.hit('a', T0 + 60_001)).toBe(0);
    expect(r.hit('a', T0 + 60_002)).toBeGreaterThan(0);
  });

  it('counts each key (client IP) separately', () => {
    const r = new RateLimiter(1, 60_000);
    expect(r.hit('10.0.0.1', T0)).toBe(0);
    expect(r.hit('10.0.0.1', T0)).toBeGreaterThan(0);
    expect(r.hit('10.0.0.2', T0)).toBe(0);
  });

  it('never answers a wait longer than the window', () => {
    const r = new RateLimiter(0, 30_000);
    expect(r.hit('a', T0)).toBe(30);
    expect(r.hit('a', T0 + 29_500)).toBe(1);
  });

  it('does not grow without bound when many addresses come and go', () => {
    const r = new RateLimiter(5, 60_000);
    for (let i = 0; i < 10_001; i++) r.hit(`ip${i}`, T0);
    // A window later, the next hit prunes every expired entry.
    r.hit('late', T0 + 60_000);
    expect((r as unknown as { windows: Map<string, unknown> }).windows.size).toBeLessThanOrEqual(1);
    // Pruning forgets nothing that still counts: a fresh window keeps its count.
    const s = new RateLimiter(1, 60_000);
    s.hit('keep', T0 + 59_000);
    for (let i = 0; i < 10_001; i++) s.hit(`ip${i}`, T0);
    expect(s.hit('keep', T0 + 60_000)).toBeGreaterThan(0);
  });
});
