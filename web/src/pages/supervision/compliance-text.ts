// Texts of the 组织生活督查 page without React: rates, activity type names, period labels and the reason
// of a check in the user's language (Chinese: the server's text as the 通报 prints it; English: built
// from the reason codes), the order of checks and the period key of a picked day.
import dayjs, { type Dayjs } from 'dayjs';
import { ApiError } from '../../api/client';
import { type CheckStatus, type ComplianceCheck, type RulePeriod, isPeriodKey, periodLabelZh, periodUnit } from '../../api/supervision';
import type { Lang, TFunction } from '../../i18n/i18n';
import { label } from '../../lib/format';

/** A share (0–1) as a percentage, or a dash. */
export const pct = (rate: number | null | undefined) => (rate === null || rate === undefined ? '—' : `${Math.round(rate * 1000) / 10}%`);

/** An activity type's name (lowercase in English, as reasons use it). */
export const typeName = (t: TFunction, type: string) => label(t, 'supervision.activityType', type);
/** An activity type's name as a table cell shows it (capitalized in English). */
export const typeTitle = (t: TFunction, type: string) => {
  const s = typeName(t, type);
  return s.charAt(0).toUpperCase() + s.slice(1);
};

/** A period key in the user's language: 2026年9月 / Sep 2026, 2026年第三季度 / Q3 2026, … */
export function periodLabel(t: TFunction, lang: Lang, key: string): string {
  if (!isPeriodKey(key)) return key;
  if (lang === 'zh-CN') return periodLabelZh(key);
  const year = key.slice(0, 4);
  const unit = periodUnit(key);
  if (unit === 'month') return dayjs(`${key}-01`).locale('en').format('MMM YYYY');
  if (unit === 'quarter') return t('supervision.periodLabel.quarter', { year, n: key.slice(6) });
  if (unit === 'half') return t(key.endsWith('H1') ? 'supervision.periodLabel.half1' : 'supervision.periodLabel.half2', { year });
  return t('supervision.periodLabel.year', { year });
}

/** A check's reason: the server's Chinese text in Chinese, built from the reason codes in English. */
export function reasonText(t: TFunction, lang: Lang, c: ComplianceCheck): string {
  if (lang === 'zh-CN') return c.text;
  const period = periodLabel(t, lang, c.period);
  const type = typeName(t, c.activityType);
  const what =
    c.shortfall === 'none_held'
      ? t('supervision.reason.none_held', { type })
      : c.shortfall === 'below_threshold'
        ? t('supervision.reason.below_threshold', { type, pct: c.thresholdPct ?? 0 })
        : t('supervision.reason.too_few', { type, held: c.held, min: c.minCount });
  switch (c.reason) {
    case 'met':
      return t('supervision.reason.met', { period, type, n: c.qualifying });
    case 'in_grace':
      return t('supervision.reason.in_grace', { period, what, deadline: c.deadline });
    case 'due_soon':
      return t('supervision.reason.due_soon', { period, what, deadline: c.deadline });
    case 'in_progress':
      return t('supervision.reason.in_progress', { period, type });
    default:
      return t('supervision.reason.red', { period, what });
  }
}

/** Worst first: red, amber, pending, green. */
const ORDER: Record<CheckStatus, number> = { red: 0, amber: 1, pending: 2, green: 3 };
export const byStatus = <T extends { status: CheckStatus }>(checks: T[]) => [...checks].sort((a, b) => ORDER[a.status] - ORDER[b.status]);

/** The period key of a unit that a day falls in. */
export function keyOf(unit: RulePeriod, d: Dayjs): string {
  const y = d.format('YYYY');
  if (unit === 'month') return d.format('YYYY-MM');
  if (unit === 'quarter') return `${y}-Q${Math.floor(d.month() / 3) + 1}`;
  if (unit === 'half') return `${y}-H${d.month() < 6 ? 1 : 2}`;
  return y;
}

/** The fields of a rule the drawer edits. */
const RULE_FIELDS = ['code', 'activityType', 'period', 'minCount', 'levels', 'categories', 'requires', 'thresholdPct', 'graceDays', 'enabled'];

/**
 * Sorts the server's field errors of a PUT of the rules (body.rules.<i>.<field>): those of the rule at
 * `index` by field (for the drawer's form), the others as messages naming their rule; null when the
 * error names no field.
 */
export function ruleFieldErrors(index: number, err: unknown, t: TFunction): { mine: Map<string, string[]>; others: string[] } | null {
  if (!(err instanceof ApiError) || err.fields.length === 0) return null;
  const mine = new Map<string, string[]>();
  const others: string[] = [];
  for (const f of err.fields) {
    const m = /^body\.rules\.(\d+)\.(\w+)/.exec(f.path);
    const text = f.code === 'duplicate' ? t('supervision.rules.codeDuplicate') : f.message || err.message;
    if (m && Number(m[1]) === index && RULE_FIELDS.includes(m[2])) mine.set(m[2], [...(mine.get(m[2]) ?? []), text]);
    else if (m) others.push(t('supervision.rules.otherError', { n: Number(m[1]) + 1, message: text }));
    else others.push(text);
  }
  return { mine, others };
}
