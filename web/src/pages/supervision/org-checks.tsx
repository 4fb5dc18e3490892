// One organization's requirements for a period (GET /api/supervision/compliance/orgs/:id): a row per
// rule and period with its colour and reason, each expandable to the activities counted for it (the
// activity's page lists its attendees); an activity under the rule's attendance threshold is marked.
import { Card, Flex, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useCallback } from 'react';
import { Link } from 'react-router';
import { type CountedActivity, type OrgCompliance, getOrgCompliance } from '../../api/supervision';
import { LoadError } from '../../components/load-error';
import { useNarrow } from '../../components/page-card';
import { useI18n } from '../../i18n/i18n';
import { useAsync } from '../../lib/use-async';
import { StatusTag } from './compliance-bits';
import { byStatus, pct, periodLabel, reasonText, typeTitle } from './compliance-text';

type CheckRow = OrgCompliance['checks'][number];

/** The organization's own checks card. */
export function OrgChecks({ orgId, orgName, period, asOf }: { orgId: string; orgName: string; period: string; asOf?: string }) {
  const { t, lang } = useI18n();
  const narrow = useNarrow();
  const load = useCallback(() => getOrgCompliance(orgId, { period, asOf }), [orgId, period, asOf]);
  const { data, error, loading, reload } = useAsync(load);
  const checks = data ? byStatus(data.checks) : [];

  const columns: TableColumnsType<CheckRow> = [
    { title: t('supervision.status'), key: 'status', render: (_, c) => <StatusTag status={c.status} t={t} /> },
    // On phones the reason (which names the type and the period) comes right after the status.
    { title: t('supervision.type'), key: 'type', responsive: ['sm'], render: (_, c) => typeTitle(t, c.activityType) },
    { title: t('supervision.rulePeriod'), key: 'period', responsive: ['sm'], render: (_, c) => <span style={{ whiteSpace: 'nowrap' }}>{periodLabel(t, lang, c.period)}</span> },
    {
      title: t('supervision.reason'),
      key: 'reason',
      render: (_, c) => (
        <div data-testid="supervision-reason" style={{ minWidth: 150, maxWidth: narrow ? 190 : 420, whiteSpace: 'normal' }}>
          {reasonText(t, lang, c)}
        </div>
      ),
    },
    { title: t('supervision.heldCount'), key: 'held', align: 'right', render: (_, c) => `${c.held} / ${c.qualifying}` },
    { title: t('supervision.deadline'), dataIndex: 'deadline', responsive: ['md'] },
  ];

  const activityColumns = (c: CheckRow): TableColumnsType<CountedActivity> => [
    { title: t('supervision.activity'), key: 'title', render: (_, a) => <Link to={`/activities/${a.id}`}>{a.title}</Link> },
    { title: t('supervision.day'), dataIndex: 'day' },
    { title: t('supervision.obliged'), dataIndex: 'obliged', align: 'right' },
    { title: t('supervision.attended'), dataIndex: 'attended', align: 'right' },
    { title: t('supervision.attendRate'), dataIndex: 'rate', align: 'right', render: pct },
    {
      title: '',
      key: 'qualifies',
      render: (_, a) =>
        a.qualifies ? (
          <Tag color="green">{t('supervision.counted')}</Tag>
        ) : (
          <Tag color="red" data-testid="supervision-not-counted">
            {t('supervision.notCounted', { pct: c.thresholdPct ?? 0 })}
          </Tag>
        ),
    },
  ];

  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      data-testid="supervision-own-checks"
      title={
        <Flex gap={8} wrap align="center" style={{ paddingBlock: 4 }}>
          <span style={{ whiteSpace: 'normal' }}>{t('supervision.ownChecks', { name: orgName })}</span>
          {data ? <StatusTag status={data.color} t={t} /> : null}
          {data ? <Typography.Text type="secondary">{t('supervision.unitMembers', { count: data.unitMembers })}</Typography.Text> : null}
        </Flex>
      }
    >
      <LoadError error={error} onRetry={reload} />
      {data && data.checks.length === 0 ? <Typography.Paragraph type="secondary">{t('supervision.notBound')}</Typography.Paragraph> : null}
      <Table<CheckRow>
        rowKey={(c) => `${c.rule}:${c.period}`}
        size="small"
        loading={loading}
        dataSource={checks}
        columns={columns}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="supervision-checks"
        expandable={{
          rowExpandable: () => true,
          expandedRowRender: (c) =>
            c.activities.length === 0 ? (
              <Typography.Text type="secondary">{t('supervision.noActivities')}</Typography.Text>
            ) : (
              <Table<CountedActivity>
                rowKey="id"
                size="small"
                dataSource={c.activities}
                columns={activityColumns(c)}
                pagination={false}
                scroll={{ x: 'max-content' }}
                title={() => t('supervision.activities')}
              />
            ),
        }}
      />
    </Card>
  );
}
