import { describe, expect, it } from 'vitest';
import { normalizeChipUid } from './member.ts';

describe('chip UIDs', () => {
  it('are stored and matched in one form whatever the reader prints', () => {
    for (const raw of ['04:a1:b2:c3', '04-A1-B2-C3', ' 04 a1 b2 c3 ', '04A1B2C3']) expect(normalizeChipUid(raw), raw).toBe('04A1B2C3');
  });
  it('refuses what is not a UID', () => {
    for (const raw of ['', '::', '04A1;B2', '张三', 'abc']) expect(normalizeChipUid(raw), raw).toBeNull();
  });
});
