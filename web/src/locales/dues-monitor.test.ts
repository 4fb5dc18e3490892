// The 党费监控 strings exist in both languages with the same placeholders (a missing {placeholder} would
// show a raw brace or drop a number in one language).
import { describe, expect, it } from 'vitest';
import { duesMonitorEn } from './dues-monitor.en';
import { duesMonitorZhCN } from './dues-monitor.zh-CN';
import { en } from './en';
import { zhCN } from './zh-CN';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('dues monitoring strings', () => {
  it('has every key in both languages, with text and the same placeholders', () => {
    expect(Object.keys(duesMonitorEn).sort()).toEqual(Object.keys(duesMonitorZhCN).sort());
    for (const [key, zh] of Object.entries(duesMonitorZhCN)) {
      const text = duesMonitorEn[key as keyof typeof duesMonitorEn];
      expect(text.trim(), key).not.toBe('');
      expect(placeholders(text), key).toEqual(placeholders(zh));
    }
  });

  it('is merged into both catalogues', () => {
    for (const key of Object.keys(duesMonitorZhCN)) {
      expect(zhCN[key as keyof typeof zhCN], key).toBe(duesMonitorZhCN[key as keyof typeof duesMonitorZhCN]);
      expect(en[key as keyof typeof en], key).toBe(duesMonitorEn[key as keyof typeof duesMonitorEn]);
    }
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
  });
});
