// Small pieces the plan pages share: type names, the status tag and badge colours.
import { Tag } from 'antd';
import type { ItemStatus } from '../../api/plans';
import type { TFunction } from '../../i18n/i18n';
import { label } from '../../lib/format';

/** The name of an item type in the console's language. */
export const typeName = (t: TFunction, type: string) => label(t, 'plans.type', type);

/** antd colours of the statuses (tags) and badge states (calendar cells). */
const TAG_COLORS: Record<ItemStatus, string> = { planned: 'processing', held: 'success', overdue: 'error' };
export const BADGE_STATUS: Record<ItemStatus, 'processing' | 'success' | 'error'> = { planned: 'processing', held: 'success', overdue: 'error' };

/** 待开展 / 已开展 / 已逾期. */
export function statusTag(t: TFunction, status: ItemStatus) {
  return <Tag color={TAG_COLORS[status]}>{label(t, 'plans.status', status)}</Tag>;
}

/** The current year in Asia/Shanghai. */
export const currentYear = () => Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
