// 我的档案 (self.file): the member's own record in full, their electronic file, 我的党费 (self.dues), who
// viewed it, and correction requests. Used on phones: everything works at 360 px.
import { Alert, Card, Spin, Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { SELF_DUES_PERMISSION } from '../../api/dues';
import { getMyFile, getMyRecord, getMyViews } from '../../api/members';
import { getMyEvidence, myEvidenceExportUrl } from '../../api/participation';
import { LoadError } from '../../components/load-error';
import { useNarrow } from '../../components/page-card';
import { useT } from '../../i18n/i18n';
import { useAsync } from '../../lib/use-async';
import { useSession } from '../../session/session';
import { MyDuesPanel } from '../dues/my-dues-panel';
import { MemberRecordView } from '../members/member-record';
import { MemberTimeline } from '../members/member-timeline';
import { MemberViews } from '../members/member-views';
import { EvidenceView } from '../participation/evidence-view';
import { MyCorrections } from './my-corrections';

/** The /my route. */
export default function MyPage() {
  const t = useT();
  const narrow = useNarrow();
  const { can } = useSession();
  const { data: record, error, loading, reload } = useAsync(getMyRecord);
  // ?tab=dues opens 我的党费 (the online payment's cashier returns there).
  const [params] = useSearchParams();

  return (
    <Card title={t('my.title')} data-testid="my-page" styles={{ body: narrow ? { padding: 12 } : undefined }}>
      <LoadError error={error} onRetry={reload} />
      {loading && !record ? <Spin /> : null}
      <Tabs
        destroyOnHidden
        defaultActiveKey={params.get('tab') ?? undefined}
        size={narrow ? 'small' : undefined}
        tabBarGutter={narrow ? 14 : undefined}
        items={[
          {
            key: 'record',
            label: t('my.record'),
            children: record ? <MemberRecordView record={record} narrow={narrow} /> : null,
          },
          { key: 'file', label: t('my.timeline'), children: <MemberTimeline load={getMyFile} /> },
          ...(can(SELF_DUES_PERMISSION) ? [{ key: 'dues', label: t('dues.my.tab'), children: <MyDuesPanel /> }] : []),
          {
            key: 'views',
            label: t('my.views'),
            children: (
              <>
                <Alert type="info" showIcon title={t('my.viewsHint')} style={{ marginBottom: 12 }} />
                <MemberViews load={getMyViews} />
              </>
            ),
          },
          {
            key: 'corrections',
            label: t('my.corrections'),
            children: <MyCorrections record={record} onApplied={reload} />,
          },
          // A printable page for a wide screen; on a phone five tabs are what the tab bar holds without an overflow menu.
          ...(narrow ? [] : [{ key: 'evidence', label: t('evidence.myTab'), children: <EvidenceView load={getMyEvidence} exportUrl={myEvidenceExportUrl} /> }]),
        ]}
      />
    </Card>
  );
}
