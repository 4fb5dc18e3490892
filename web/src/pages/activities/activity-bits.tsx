// Small pieces the activity pages share: the state tag, short times, the time span of an activity.
import { Space, Tag } from 'antd';
import type { ActivityItem } from '../../api/activities';
import type { TFunction } from '../../i18n/i18n';

export { clockTime, fromPicker, shortTime, timeSpan, toPicker } from './activity-time';

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
