// Small pieces of the 组织生活督查 page: the colour tags (always with a text label, not colour only),
// the subtree's colours as a stacked bar with counts and the period picker (month / quarter / half
// year / year).
import { DatePicker, Flex, Select, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type CheckStatus, type Color, type ColorCounts, type RulePeriod, periodUnit } from '../../api/supervision';
import { type TFunction, useI18n } from '../../i18n/i18n';
import { keyOf } from './compliance-text';

/** The colours of the three states (and grey for a check still in progress). */
export const COLORS: Record<CheckStatus, string> = { green: '#52c41a', amber: '#faad14', red: '#f5222d', pending: '#bfbfbf' };

/** A status or an organization's colour as a tag with its label (null: no rule binds it). */
export function StatusTag({ status, t }: { status: CheckStatus | Color | null; t: TFunction }) {
  if (status === null) return <Tag data-status="none">{t('supervision.color.none')}</Tag>;
  return (
    <Tag color={status === 'pending' ? undefined : COLORS[status]} data-status={status} style={{ marginInlineEnd: 0 }}>
      {t(`supervision.color.${status}`)}
    </Tag>
  );
}

/** The organizations of a subtree by colour: a thin stacked bar over the three counts in text. */
export function ColorBar({ counts, t }: { counts: ColorCounts; t: TFunction }) {
  const { total, green, amber, red } = counts;
  if (total === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  const text = t('supervision.counts', { green, amber, red });
  return (
    <div style={{ minWidth: 170 }} title={text}>
      <Flex style={{ height: 8, borderRadius: 4, overflow: 'hidden', background: '#f0f0f0', marginBottom: 2 }} aria-hidden>
        {(['green', 'amber', 'red'] as const).map((c) => (counts[c] > 0 ? <div key={c} style={{ width: `${(counts[c] / total) * 100}%`, background: COLORS[c] }} /> : null))}
      </Flex>
      <Typography.Text style={{ fontSize: 12, whiteSpace: 'nowrap' }}>{text}</Typography.Text>
    </div>
  );
}

// ---- the period picker -------------------------------------------------------------------------

const UNITS: RulePeriod[] = ['month', 'quarter', 'half', 'year'];

/** The first day of a period key (what the date picker shows). */
function startOf(key: string): Dayjs {
  const unit = periodUnit(key);
  const y = key.slice(0, 4);
  if (unit === 'month') return dayjs(`${key}-01`);
  if (unit === 'quarter') return dayjs(`${y}-01-01`).month((Number(key.slice(6)) - 1) * 3);
  if (unit === 'half') return dayjs(`${y}-01-01`).month(key.endsWith('H2') ? 6 : 0);
  return dayjs(`${y}-01-01`);
}

/**
 * Picks a period: its unit, then the month, quarter or year (antd picker modes; a half year is its
 * year and 上/下半年). Periods starting after `today` cannot be picked (the server judges none of them).
 */
export function PeriodPicker({ value, onChange, today }: { value: string; onChange: (key: string) => void; today: string }) {
  const { t } = useI18n();
  const unit = periodUnit(value);
  const start = startOf(value);
  const last = dayjs(today);
  const clamp = (key: string) => (startOf(key).isAfter(last) ? keyOf(periodUnit(key), last) : key);
  return (
    <Flex gap={8} wrap align="center">
      <Select<RulePeriod>
        id="supervisionUnit"
        aria-label={t('supervision.periodUnit')}
        value={unit}
        style={{ width: 96 }}
        options={UNITS.map((u) => ({ value: u, label: t(`supervision.unit.${u}`) }))}
        onChange={(u) => onChange(clamp(keyOf(u, start)))}
        data-testid="supervision-unit"
      />
      <DatePicker
        id="supervisionPeriod"
        aria-label={t('supervision.period')}
        picker={unit === 'half' ? 'year' : unit}
        allowClear={false}
        value={start}
        disabledDate={(d) => d.startOf(unit === 'half' ? 'year' : unit === 'quarter' ? 'month' : unit).isAfter(last)}
        onChange={(d) => d && onChange(clamp(keyOf(unit, unit === 'half' ? d.month(start.month()) : d)))}
        style={{ width: 140 }}
        data-testid="supervision-period"
      />
      {unit === 'half' ? (
        <Select
          aria-label={t('supervision.unit.half')}
          value={value.endsWith('H2') ? 2 : 1}
          style={{ width: 110 }}
          options={[1, 2].map((h) => ({ value: h, label: t(h === 1 ? 'supervision.half.1' : 'supervision.half.2') }))}
          onChange={(h) => onChange(clamp(`${value.slice(0, 4)}-H${h}`))}
        />
      ) : null}
    </Flex>
  );
}
