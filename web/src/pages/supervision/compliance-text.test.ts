// The reasons and periods of the 组织生活督查 page read right in both languages: Chinese shows the
// server's text untouched, English is built from the reason codes with the same facts.
import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import { makeT } from '../../i18n/i18n';
import type { ComplianceCheck } from '../../api/supervision';
import { ApiError } from '../../api/client';
import { byStatus, keyOf, periodLabel, pct, reasonText, ruleFieldErrors } from './compliance-text';

const en = makeT('en');
const zh = makeT('zh-CN');
const check = (c: Partial<ComplianceCheck>): ComplianceCheck => ({
  rule: 'branch_assembly',
  activityType: 'branch_assembly',
  period: '2025-Q3',
  status: 'red',
  reason: 'none_held',
  shortfall: 'none_held',
  held: 0,
  qualifying: 0,
  minCount: 1,
  thresholdPct: 50,
  deadline: '2025-10-05',
  text: '2025年第三季度 无支部党员大会',
  ...c,
});

describe('compliance texts', () => {
  it('shows the server’s Chinese reason as it is', () => {
    expect(reasonText(zh, 'zh-CN', check({}))).toBe('2025年第三季度 无支部党员大会');
  });

  it('builds the English reason from the codes', () => {
    expect(reasonText(en, 'en', check({}))).toBe('Q3 2025: no branch general meeting');
    expect(reasonText(en, 'en', check({ reason: 'below_threshold', shortfall: 'below_threshold', held: 1 }))).toBe('Q3 2025: attendance at every branch general meeting not above 50%');
    expect(reasonText(en, 'en', check({ activityType: 'committee', period: '2025-08', reason: 'too_few', shortfall: 'too_few', held: 1, minCount: 2 }))).toBe(
      'Aug 2025: branch committee meeting held only 1 time(s), at least 2 required',
    );
    expect(reasonText(en, 'en', check({ status: 'amber', reason: 'in_grace' }))).toBe('Q3 2025: no branch general meeting (late entries until 2025-10-05)');
    expect(reasonText(en, 'en', check({ status: 'amber', reason: 'due_soon', deadline: '2025-09-30' }))).toBe('Q3 2025: no branch general meeting (due by 2025-09-30)');
    expect(reasonText(en, 'en', check({ status: 'pending', reason: 'in_progress', period: '2025' , activityType: 'life_meeting' }))).toBe('2025: no organizational life meeting yet (in progress)');
    expect(reasonText(en, 'en', check({ status: 'green', reason: 'met', shortfall: null, qualifying: 2, period: '2025-H2' }))).toBe('H2 2025: branch general meeting held 2 time(s)');
  });

  it('labels periods in both languages', () => {
    expect(periodLabel(zh, 'zh-CN', '2026-Q3')).toBe('2026年第三季度');
    expect(periodLabel(zh, 'zh-CN', '2026-09')).toBe('2026年9月');
    expect(periodLabel(en, 'en', '2026-09')).toBe('Sep 2026');
    expect(periodLabel(en, 'en', '2026-H1')).toBe('H1 2026');
    expect(periodLabel(en, 'en', '2026')).toBe('2026');
  });

  it('turns a picked day into the period key of the unit, and lists the worst checks first', () => {
    const d = dayjs('2026-08-15');
    expect([keyOf('month', d), keyOf('quarter', d), keyOf('half', d), keyOf('year', d)]).toEqual(['2026-08', '2026-Q3', '2026-H2', '2026']);
    expect(byStatus([{ status: 'green' as const }, { status: 'pending' as const }, { status: 'red' as const }, { status: 'amber' as const }]).map((c) => c.status)).toEqual(['red', 'amber', 'pending', 'green']);
    expect([pct(0.75), pct(null), pct(1)]).toEqual(['75%', '—', '100%']);
  });

  it('puts the server’s field errors of a rule list on the edited rule’s fields and names the other rules', () => {
    const err = new ApiError(400, 'VALIDATION', '请求参数不正确', [
      { path: 'body.rules.2.thresholdPct', code: 'too_big', message: '过长或过大（最大 99）' },
      { path: 'body.rules.2.code', code: 'duplicate', message: '' },
      { path: 'body.rules.0.period', code: 'invalid_value', message: '取值不在允许范围内' },
    ]);
    const r = ruleFieldErrors(2, err, zh);
    expect(Object.fromEntries(r?.mine ?? [])).toEqual({ thresholdPct: ['过长或过大（最大 99）'], code: ['规则编码已被使用'] });
    expect(r?.others).toEqual(['第 1 条规则：取值不在允许范围内']);
    expect(ruleFieldErrors(2, new ApiError(403, 'SUPERVISION_RULES_COUNTY_ONLY', 'x'), zh)).toBeNull();
  });
});
