// Small pieces of the 党费监控 page: the 月月清 status tag, amounts and shares as text, the paid share as a
// small progress bar, the month and year pickers, the link to a month's bills.
import { DatePicker, Progress, Tag } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { type ArrearsLevel, type ClearStatus, bpToPercent } from '../../api/dues-monitor';
import { formatFen } from '../../api/dues';
import { type TFunction, useT } from '../../i18n/i18n';
import { label } from '../../lib/format';

const CLEAR_COLORS: Record<ClearStatus, string> = { clear: 'green', cleared_late: 'gold', pending: 'blue', not_clear: 'red', no_bills: 'default' };

/** A 月月清 status as a coloured tag. */
export const clearTag = (t: TFunction, s: ClearStatus) => (
  <Tag color={CLEAR_COLORS[s]} data-testid="dues-clear-tag" data-status={s}>
    {label(t, 'duesClear', s)}
  </Tag>
);

/** An arrears level as a coloured tag. */
export const levelTag = (t: TFunction, l: ArrearsLevel) => (
  <Tag color={l === 'lapse_review' ? 'red' : 'orange'} data-level={l}>
    {label(t, 'duesArrears', l)}
  </Tag>
);

/** An amount of 分 in 元. */
export const yuan = (fen: number) => formatFen(fen);

/** A paid share as "87.5%", or a dash when nothing was due. */
export const shareText = (bp: number, due = 1) => (due === 0 ? '—' : `${bpToPercent(bp)}%`);

/** A paid share as a small progress bar with its percentage (red below the warning share when known). */
export function ShareBar({ bp, due, warnBp }: { bp: number; due: number; warnBp?: number }) {
  if (due === 0) return <span>—</span>;
  const low = warnBp !== undefined && bp < warnBp;
  return (
    <Progress
      percent={bp / 100}
      size="small"
      status={low ? 'exception' : bp >= 10_000 ? 'success' : 'normal'}
      format={() => `${bpToPercent(bp)}%`}
      style={{ width: 140, margin: 0 }}
    />
  );
}

/** The bills of an organization's month (the bills page reads ?month= and ?orgId=). */
export const billsLink = (month: string, orgId: string, text: string) => (
  <Link to={`/dues/bills?month=${month}&orgId=${encodeURIComponent(orgId)}`} data-testid="dues-monitor-bills-link">
    {text}
  </Link>
);

/** This month, 'YYYY-MM'. */
export const thisMonth = () => dayjs().format('YYYY-MM');

/** A month picker over 'YYYY-MM'. */
export function MonthPicker({ value, onChange, id }: { value: string; onChange: (month: string) => void; id: string }) {
  const t = useT();
  return (
    <DatePicker
      id={id}
      picker="month"
      allowClear={false}
      value={dayjs(`${value}-01`)}
      onChange={(d) => d && onChange(d.format('YYYY-MM'))}
      aria-label={t('duesMonitor.month')}
    />
  );
}

/** A year picker over 'YYYY'. */
export function YearPicker({ value, onChange, id }: { value: string; onChange: (year: string) => void; id: string }) {
  const t = useT();
  return (
    <DatePicker
      id={id}
      picker="year"
      allowClear={false}
      value={dayjs(`${value}-01-01`)}
      onChange={(d) => d && onChange(d.format('YYYY'))}
      minDate={dayjs('2000-01-01')}
      maxDate={dayjs('2099-12-31')}
      aria-label={t('duesMonitor.year')}
    />
  );
}
