// The 月度通报 / 综合考核 strings exist in both languages with the same placeholders, are merged into both
// catalogues, and the export buttons carry the exact names the browser journey clicks.
import { describe, expect, it } from 'vitest';
import { bulletinsEn } from './bulletins.en';
import { bulletinsZhCN } from './bulletins.zh-CN';
import { en } from './en';
import { zhCN } from './zh-CN';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('bulletin and assessment strings', () => {
  it('has every key in both languages, with text and the same placeholders', () => {
    expect(Object.keys(bulletinsEn).sort()).toEqual(Object.keys(bulletinsZhCN).sort());
    for (const [key, zh] of Object.entries(bulletinsZhCN)) {
      const text = bulletinsEn[key as keyof typeof bulletinsEn];
      expect(text.trim(), key).not.toBe('');
      expect(placeholders(text), key).toEqual(placeholders(zh));
    }
  });

  it('is merged into both catalogues', () => {
    for (const key of Object.keys(bulletinsZhCN)) {
      expect(zhCN[key as keyof typeof zhCN], key).toBe(bulletinsZhCN[key as keyof typeof bulletinsZhCN]);
      expect(en[key as keyof typeof en], key).toBe(bulletinsEn[key as keyof typeof bulletinsEn]);
    }
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
  });

  it('names the export buttons exactly as the journey clicks them', () => {
    expect([zhCN['bulletins.exportPdf'], zhCN['bulletins.exportWord'], zhCN['bulletins.exportExcel']]).toEqual(['导出 PDF', '导出 Word', '导出 Excel']);
  });
});
