// The monitoring settings are typed in % and stored in whole basis points: the conversion is exact.
import { describe, expect, it } from 'vitest';
import { bpToPercent, orgMonthsExportUrl, percentToBp, warningsExportUrl, yearlyExportUrl } from './dues-monitor';

describe('percent and basis points', () => {
  it('converts both ways without drift', () => {
    expect(percentToBp(80)).toBe(8000);
    expect(percentToBp(5)).toBe(500);
    expect(percentToBp(5.5)).toBe(550);
    expect(percentToBp(0.07)).toBe(7);
    expect(percentToBp(80.01)).toBe(8001);
    expect(percentToBp(100)).toBe(10_000);
    for (let bp = 0; bp <= 10_000; bp++) expect(percentToBp(Number(bpToPercent(bp)))).toBe(bp);
    expect(bpToPercent(8000)).toBe('80');
    expect(bpToPercent(550)).toBe('5.5');
  });
});

describe('export links', () => {
  it('carries the filters and leaves out empty ones', () => {
    expect(orgMonthsExportUrl({ month: '2026-03', status: 'not_clear' })).toBe('/api/dues/org-months/export?month=2026-03&status=not_clear');
    expect(warningsExportUrl('members', { month: '2026-03', level: 'lapse_review' })).toBe('/api/dues/warnings/export?list=members&month=2026-03&level=lapse_review');
    expect(yearlyExportUrl({ year: '2026', orgId: undefined })).toBe('/api/dues/yearly/export?year=2026');
  });
});
