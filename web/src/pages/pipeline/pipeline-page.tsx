// 发展党员 (/pipeline): the board of a branch by stage with timers and step dialogs, and the overdue
// list of a township (or the whole scope); both export to Excel.
import { PlusOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Col, Empty, Flex, Row, Space, Spin, Tabs, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { type Applicant, boardExportUrl, getBoard, type PipelineStage } from '../../api/pipeline';
import { LoadError } from '../../components/load-error';
import { OrgTreeSelect } from '../../components/org-tree-select';
import { PageCard } from '../../components/page-card';
import { ExportButton } from '../../components/paged-table';
import { useT } from '../../i18n/i18n';
import { label } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { useMe, useSession } from '../../session/session';
import { ApplicantCard } from './applicant-card';
import { OverdueList } from './overdue-list';
import { AdvanceModal, CloseModal, CreateApplicantModal, ExtendModal, useNotesToast } from './pipeline-dialogs';

type Dialog = { a: Applicant; action: 'advance' | 'extend' | 'close' };

/** The board of one branch: one column per open stage. */
function Board({ orgId, writable, reloadKey }: { orgId: string; writable: boolean; reloadKey: number }) {
  const t = useT();
  // biome-ignore lint/correctness/useExhaustiveDependencies: reloadKey reloads the board after a new application.
  const load = useCallback(() => getBoard(orgId), [orgId, reloadKey]);
  const { data, error, loading, reload } = useAsync(load);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const toast = useNotesToast();
  const done = (notes: Parameters<typeof toast>[0]) => {
    setDialog(null);
    toast(notes);
    reload();
  };

  if (error) return <LoadError error={error} onRetry={reload} />;
  if (!data) return loading ? <Spin /> : null;
  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Typography.Text strong>{data.orgName}</Typography.Text>
        <ExportButton permission="pipeline.read" href={boardExportUrl(orgId)} data-testid="pipeline-board-export" />
      </Flex>
      <Row gutter={[12, 12]} data-testid="pipeline-board">
        {data.stages.map(({ stage, items }) => (
          <Col key={stage} xs={24} md={12} xl={6}>
            <Card
              size="small"
              data-testid={`pipeline-stage-${stage}`}
              title={
                <Space>
                  {label(t, 'stage', stage as PipelineStage)}
                  <Badge count={items.length} showZero color={items.some((a) => a.timers.some((x) => x.overdue)) ? 'red' : 'blue'} />
                </Space>
              }
              styles={{ body: { background: '#fafafa', minHeight: 120 } }}
            >
              {items.length ? (
                <Space orientation="vertical" size={8} style={{ width: '100%' }}>
                  {items.map((a) => (
                    <ApplicantCard key={a.id} a={a} writable={writable} onAction={(x, action) => setDialog({ a: x, action })} />
                  ))}
                </Space>
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('pipeline.emptyStage')} />
              )}
            </Card>
          </Col>
        ))}
      </Row>
      {dialog?.action === 'advance' ? <AdvanceModal applicant={dialog.a} onClose={() => setDialog(null)} onDone={done} /> : null}
      {dialog?.action === 'extend' ? <ExtendModal applicant={dialog.a} onClose={() => setDialog(null)} onDone={done} /> : null}
      {dialog?.action === 'close' ? <CloseModal applicant={dialog.a} onClose={() => setDialog(null)} onDone={done} /> : null}
    </>
  );
}

/** The /pipeline route. */
export default function PipelinePage() {
  const t = useT();
  const me = useMe();
  const { can } = useSession();
  const writable = can('pipeline.write');
  // A branch secretary starts on their own branch.
  const own = me.grants.find((g) => g.role === 'branch_secretary' || g.role === 'branch_committee')?.orgId;
  const [orgId, setOrgId] = useState<string | undefined>(own);
  const [creating, setCreating] = useState(false);
  const [reloadKey, setReloadKey] = useState(0);

  const board = (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <div style={{ width: 320, maxWidth: '100%' }} data-testid="pipeline-org">
          <OrgTreeSelect id="pipelineOrg" value={orgId} onChange={setOrgId} />
        </div>
        {writable ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="pipeline-create">
            {t('pipeline.create')}
          </Button>
        ) : null}
      </Flex>
      {orgId ? <Board orgId={orgId} writable={writable} reloadKey={reloadKey} /> : <Empty description={t('pipeline.pickHint')} />}
    </>
  );

  return (
    <PageCard title={t('pipeline.title')} data-testid="pipeline-page">
      <Tabs
        destroyOnHidden
        items={[
          { key: 'board', label: t('pipeline.board'), children: board },
          { key: 'overdue', label: t('pipeline.overdue'), children: <OverdueList /> },
        ]}
      />
      {creating ? (
        <CreateApplicantModal
          orgId={orgId}
          onClose={() => setCreating(false)}
          onDone={(a) => {
            setCreating(false);
            setOrgId(a.orgId);
            setReloadKey((k) => k + 1);
          }}
        />
      ) : null}
    </PageCard>
  );
}
