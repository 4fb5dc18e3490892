// The big screen (大屏) strings exist in both languages with the same placeholders (a missing {placeholder} would
// show a raw brace or drop a number in one language).
import { describe, expect, it } from 'vitest';
import { screenEn } from './screen.en';
import { screenZhCN } from './screen.zh-CN';
import { en } from './en';
import { zhCN } from './zh-CN';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('big screen strings', () => {
  it('has every key in both languages, with text and the same placeholders', () => {
    expect(Object.keys(screenEn).sort()).toEqual(Object.keys(screenZhCN).sort());
    for (const [key, zh] of Object.entries(screenZhCN)) {
      const text = screenEn[key as keyof typeof screenEn];
      expect(text.trim(), key).not.toBe('');
      expect(placeholders(text), key).toEqual(placeholders(zh));
    }
  });

  it('is merged into both catalogues', () => {
    for (const key of Object.keys(screenZhCN)) {
      expect(zhCN[key as keyof typeof zhCN], key).toBe(screenZhCN[key as keyof typeof screenZhCN]);
      expect(en[key as keyof typeof en], key).toBe(screenEn[key as keyof typeof screenEn]);
    }
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
  });
});
