// Small pieces shared by the dues pages: a bill state as a tag, a monthly amount as text.
import { Tag } from 'antd';
import { type BillState, type DuesMonthly, formatFen, formatRateBp } from '../../api/dues';
import type { TFunction } from '../../i18n/i18n';
import { label } from '../../lib/format';

const STATE_COLORS: Record<BillState, string> = { due: 'default', paid: 'success', partially_paid: 'processing', waived: 'purple' };

/** A bill state as a coloured tag. */
export const stateTag = (t: TFunction, s: BillState) => <Tag color={STATE_COLORS[s]}>{label(t, 'duesState', s)}</Tag>;

/** A monthly amount with its rate (or 定额), or a dash. */
export function monthlyText(t: TFunction, m: DuesMonthly | null) {
  if (!m) return '—';
  const rate = m.rateBp === null ? t('dues.bills.flat') : `${formatRateBp(m.rateBp)}%`;
  return `${t('dues.bills.yuan', { amount: formatFen(m.amountFen) })}（${rate}）`;
}
