// Small pieces the activity pages share: the state tag, short times, the time span of an activity.
import { Space, Tag } from 'antd';
import type { ActivityItem } from '../../api/activities';
import type { TFunction } from '../../i18n/i18n';
import { formatTime } from '../../lib/format';

/** `YYYY-MM-DD HH:mm` in Asia/Shanghai ('—' for none). */
export const shortTime = (iso: string | null | undefined) => (iso ? formatTime(iso).slice(0, 16) : '—');

/** `HH:mm:ss` in Asia/Shanghai. */
export const clockTime = (iso: string | null | undefined) => (iso ? formatTime(iso).slice(11) : '');

/** The start and end of an activity; the end without its date when both fall on one day. */
export function timeSpan(a: { startsAt: string; endsAt: string }): string {
  const start = shortTime(a.startsAt);
  const end = shortTime(a.endsAt);
  return start.slice(0, 10) === end.slice(0, 10) ? `${start} – ${end.slice(11)}` : `${start} – ${end}`;
}

/** 已计划 / 已取消, and 记录已提交 when the record locked it. */
export function stateTags(t: TFunction, a: Pick<ActivityItem, 'state' | 'locked'>) {
  return (
    <Space size={[4, 4]} wrap>
      {a.state === 'cancelled' ? (
        <Tag color="default">{t('activities.state.cancelled')}</Tag>
      ) : (
        <Tag color="processing">{t('activities.state.planned')}</Tag>
      )}
      {a.locked ? <Tag color="success">{t('activities.locked')}</Tag> : null}
    </Space>
  );
}
