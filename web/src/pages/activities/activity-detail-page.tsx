// /activities/:id: 基本信息 (edit, cancel), 签到与出勤 (live), 请假, 补签, 活动码 (rotating QR, full
// screen) and 会议记录. The tab is kept in the address (?tab=…) so a link can open it.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Space, Spin, Tabs } from 'antd';
import { useCallback, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { type Activity, getActivity } from '../../api/activities';
import { LoadError } from '../../components/load-error';
import { PageCard } from '../../components/page-card';
import { useT } from '../../i18n/i18n';
import { useAsync } from '../../lib/use-async';
import { useSession } from '../../session/session';
import { stateTags } from './activity-bits';
import { ActivityInfo } from './activity-info';
import { ActivityQrPanel } from './activity-qr-panel';
import { ActivityRecordPanel } from './activity-record-panel';
import { AttendancePanel } from './attendance-panel';
import { LeavesPanel } from './leaves-panel';
import { ManualCheckinPanel } from './manual-checkin-panel';

const TABS = ['info', 'attendance', 'leaves', 'manual', 'qr', 'record'] as const;
type Tab = (typeof TABS)[number];

/** The /activities/:id route. */
export default function ActivityDetailPage() {
  const t = useT();
  const { can } = useSession();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const { data, error, loading, reload } = useAsync(useCallback(() => getActivity(id), [id]));
  const [saved, setSaved] = useState<Activity | null>(null);
  const activity = saved?.id === id ? saved : data;
  const asked = params.get('tab') as Tab | null;
  const tab: Tab = asked && TABS.includes(asked) && (asked !== 'qr' || can('activity.write')) ? asked : 'info';

  const changed = (a: Activity) => setSaved(a);
  const refresh = () => {
    setSaved(null);
    reload();
  };

  const title = (
    <Space wrap>
      <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate('/activities')} aria-label={t('activities.back')} />
      <span data-testid="activity-title">{activity?.title ?? t('activities.detail')}</span>
      {activity ? stateTags(t, activity) : null}
    </Space>
  );

  const qrDisabled = activity?.state === 'cancelled' ? t('qr.cancelled') : null;

  return (
    <PageCard title={title} data-testid="activity-detail">
      <LoadError error={error} onRetry={reload} />
      {loading && !activity ? <Spin /> : null}
      {activity ? (
        <Tabs
          activeKey={tab}
          onChange={(key) => {
            setParams(key === 'info' ? {} : { tab: key }, { replace: true });
            // Other tabs change the activity (a submitted record locks it): show it fresh.
            if (key === 'info') refresh();
          }}
          destroyOnHidden
          items={[
            { key: 'info', label: t('activities.tab.info'), children: <ActivityInfo activity={activity} onChanged={changed} /> },
            {
              key: 'attendance',
              label: t('activities.tab.attendance'),
              children: <AttendancePanel activityId={activity.id} live={activity.state === 'planned'} />,
            },
            {
              key: 'leaves',
              label: t('activities.tab.leaves'),
              children: <LeavesPanel activityId={activity.id} orgId={activity.orgId} writable={activity.canEdit} onChanged={refresh} />,
            },
            {
              key: 'manual',
              label: t('activities.tab.manual'),
              children: <ManualCheckinPanel activityId={activity.id} orgId={activity.orgId} writable={activity.canEdit} onChanged={refresh} />,
            },
            // The rotating code is for the hosts (activity.write).
            ...(can('activity.write')
              ? [
                  {
                    key: 'qr',
                    label: t('activities.tab.qr'),
                    children: <ActivityQrPanel activityId={activity.id} title={activity.title} disabled={qrDisabled} />,
                  },
                ]
              : []),
            { key: 'record', label: t('activities.tab.record'), children: <ActivityRecordPanel activityId={activity.id} /> },
          ]}
        />
      ) : null}
    </PageCard>
  );
}
