// The 组织生活督查 strings exist in both languages with the same placeholders (a missing {placeholder}
// would show a raw brace or drop a number in one language), and every code the page labels has a text.
import { describe, expect, it } from 'vitest';
import { ACTIVITY_TYPES } from '../../../common/attendance';
import { RULE_PERIODS, RULE_REQUIRES } from '../../../common/org-life-rules';
import { en } from './en';
import { supervisionEn } from './supervision.en';
import { supervisionZhCN } from './supervision.zh-CN';
import { zhCN } from './zh-CN';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('supervision strings', () => {
  it('has every key in both languages, with text and the same placeholders', () => {
    expect(Object.keys(supervisionEn).sort()).toEqual(Object.keys(supervisionZhCN).sort());
    for (const [key, zh] of Object.entries(supervisionZhCN)) {
      const text = supervisionEn[key as keyof typeof supervisionEn];
      expect(text.trim(), key).not.toBe('');
      expect(placeholders(text), key).toEqual(placeholders(zh));
    }
  });

  it('is merged into both catalogues', () => {
    for (const key of Object.keys(supervisionZhCN)) {
      expect(zhCN[key as keyof typeof zhCN], key).toBe(supervisionZhCN[key as keyof typeof supervisionZhCN]);
      expect(en[key as keyof typeof en], key).toBe(supervisionEn[key as keyof typeof supervisionEn]);
    }
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
  });

  it('names every activity type, rule frequency and condition the rules use', () => {
    const keys = Object.keys(supervisionZhCN);
    for (const type of ACTIVITY_TYPES) expect(keys, type).toContain(`supervision.activityType.${type}`);
    for (const p of RULE_PERIODS) expect(keys, p).toContain(`supervision.rulePeriod.${p}`);
    for (const r of RULE_REQUIRES) expect(keys, r).toContain(`supervision.requires.${r}`);
  });
});
