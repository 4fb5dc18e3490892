// Activity times are picked and shown in Asia/Shanghai whatever the browser's time zone.
import { describe, expect, it } from 'vitest';
import { fromPicker, shortTime, timeSpan, toPicker } from './activity-time';

describe('activity times', () => {
  it('shows an instant as the Shanghai wall clock', () => {
    expect(shortTime('2026-03-05T01:30:00Z')).toBe('2026-03-05 09:30');
    expect(shortTime(null)).toBe('—');
    expect(timeSpan({ startsAt: '2026-03-05T01:30:00Z', endsAt: '2026-03-05T03:00:00Z' })).toBe('2026-03-05 09:30 – 11:00');
    expect(timeSpan({ startsAt: '2026-03-05T15:30:00Z', endsAt: '2026-03-06T03:00:00Z' })).toBe('2026-03-05 23:30 – 2026-03-06 11:00');
  });

  it('round-trips through the pickers, which show the Shanghai wall clock', () => {
    const picked = toPicker('2026-03-05T01:30:00.000Z');
    expect(picked.format('YYYY-MM-DD HH:mm')).toBe('2026-03-05 09:30');
    expect(fromPicker(picked)).toBe('2026-03-05T01:30:00.000Z');
    // A time picked as 2026-03-06 00:15 in Shanghai is 16:15 UTC the day before.
    expect(fromPicker(picked.add(1, 'day').hour(0).minute(15))).toBe('2026-03-05T16:15:00.000Z');
  });
});
