// 收缴总览: a month of an organization's subtree — the breadcrumb of the organizations drilled into (from
// the caller's scope root), the totals as cards, one row per child organization (its subtree summed)
// with 月月清, and the 12-month trend. A name with organizations below drills down; a branch opens its bills.
import { Alert, Breadcrumb, Card, Col, Flex, Row, Statistic, Table, type TableColumnsType, Typography } from 'antd';
import { useCallback, useEffect } from 'react';
import { type MonitorOrg, type OverviewChild, getOverview } from '../../api/dues-monitor';
import { LoadError } from '../../components/load-error';
import { useNarrow } from '../../components/page-card';
import { useT } from '../../i18n/i18n';
import { useAsync } from '../../lib/use-async';
import { MonthPicker, ShareBar, billsLink, clearTag, shareText, yuan } from './monitor-bits';
import { MonitorTrend } from './monitor-trend';

type Props = {
  orgId?: string;
  month: string;
  onMonth: (month: string) => void;
  /** Opens another organization (undefined: the caller's scope root). */
  onOrg: (org: MonitorOrg | undefined) => void;
  /** The organizations drilled into, the one shown last; the page keeps it across tabs. */
  trail: MonitorOrg[];
  /** The caller's scope root, once known. */
  root?: MonitorOrg;
  /** Called with each organization answered (the page updates the trail and the root). */
  onShown: (org: MonitorOrg, asRoot: boolean) => void;
  warnBp?: number;
  reloadKey: number;
};

/** The overview tab. */
export function MonitorOverview({ orgId, month, onMonth, onOrg, trail, root, onShown, warnBp, reloadKey }: Props) {
  const t = useT();
  // biome-ignore lint/correctness/useExhaustiveDependencies: reloadKey reloads after the settings change.
  const load = useCallback(() => getOverview({ month, orgId }).then((o) => ({ ...o, asked: orgId })), [month, orgId, reloadKey]);
  const { data, error, loading, reload } = useAsync(load);
  // Reported once per answer (not when orgId changes while the previous answer still shows).
  useEffect(() => {
    if (data) onShown(data.org, !data.asked);
  }, [data, onShown]);

  const crumbs = [
    ...(trail[0] && trail[0].id !== root?.id ? [{ key: 'root', title: <Typography.Link onClick={() => onOrg(undefined)}>{root?.name ?? t('duesMonitor.scopeRoot')}</Typography.Link> }] : []),
    ...trail.map((o, i) => ({ key: o.id, title: i === trail.length - 1 ? o.name : <Typography.Link onClick={() => onOrg(o)}>{o.name}</Typography.Link> })),
  ];

  const columns: TableColumnsType<OverviewChild> = [
    {
      title: t('duesMonitor.org'),
      dataIndex: 'name',
      render: (name: string, r) =>
        r.own ? (
          billsLink(month, r.orgId, t('duesMonitor.ownRow', { name }))
        ) : r.hasChildren ? (
          <Typography.Link onClick={() => onOrg({ id: r.orgId, name: r.name, level: r.level })} data-testid="dues-drill">
            {name}
          </Typography.Link>
        ) : (
          billsLink(month, r.orgId, name)
        ),
    },
    { title: t('duesMonitor.due'), dataIndex: 'due', align: 'right' },
    { title: t('duesMonitor.paid'), dataIndex: 'paid', align: 'right' },
    { title: t('duesMonitor.unpaid'), dataIndex: 'unpaid', align: 'right' },
    { title: t('duesMonitor.share'), key: 'share', render: (_, r) => <ShareBar bp={r.paidShareBp} due={r.due} warnBp={warnBp} /> },
    { title: t('duesMonitor.should'), dataIndex: 'shouldFen', align: 'right', render: yuan },
    { title: t('duesMonitor.actual'), dataIndex: 'paidFen', align: 'right', render: yuan },
    {
      title: t('duesMonitor.status'),
      dataIndex: 'status',
      render: (s: OverviewChild['status'], r) => (
        <Flex gap={4} wrap>
          {clearTag(t, s)}
          {r.orgs > 1 ? <Typography.Text type="secondary">{`${r.clearOrgs}/${r.orgs}`}</Typography.Text> : null}
        </Flex>
      ),
    },
  ];

  const totals = data?.totals;
  return (
    <>
      <Flex gap={8} wrap align="center" justify="space-between" style={{ marginBottom: 12 }}>
        <Breadcrumb items={crumbs} data-testid="dues-monitor-breadcrumb" />
        <MonthPicker id="duesMonitorMonth" value={month} onChange={onMonth} />
      </Flex>
      <LoadError error={error} onRetry={reload} />
      {totals ? (
        <Row gutter={[12, 12]} style={{ marginBottom: 12 }} data-testid="dues-overview-totals">
          <Stat title={t('duesMonitor.should')} value={yuan(totals.shouldFen)} />
          <Stat title={t('duesMonitor.actual')} value={yuan(totals.paidFen)} />
          <Stat title={t('duesMonitor.share')} value={shareText(totals.paidShareBp, totals.due)} />
          <Stat title={t('duesMonitor.clearOrgs')} value={`${totals.clearOrgs} / ${totals.orgs}`} />
          <Stat title={t('duesMonitor.unpaidPeople')} value={totals.unpaid} />
          <Stat title={t('duesMonitor.issues')} value={totals.issues} />
        </Row>
      ) : null}
      {totals && totals.issues > 0 ? <Alert type="warning" showIcon title={t('duesMonitor.issuesHint', { count: totals.issues })} style={{ marginBottom: 12 }} /> : null}
      {totals && totals.bills === 0 ? <Alert type="info" showIcon title={t('duesMonitor.empty')} style={{ marginBottom: 12 }} /> : null}
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('duesMonitor.drillHint')}
      </Typography.Paragraph>
      <Table<OverviewChild>
        rowKey={(r) => `${r.orgId}:${r.own}`}
        size="middle"
        loading={loading}
        dataSource={data?.children ?? []}
        columns={columns}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="dues-overview-table"
      />
      {data ? <MonitorTrend trend={data.trend} month={data.month} warnBp={warnBp} onMonth={onMonth} /> : null}
    </>
  );
}

/** One total as a small card; two to a row on phones (with a smaller figure so 7-digit amounts fit). */
function Stat({ title, value }: { title: string; value: string | number }) {
  const narrow = useNarrow();
  return (
    <Col xs={12} sm={8} xl={4}>
      <Card size="small">
        <Statistic title={title} value={value} styles={{ content: { fontSize: narrow ? 17 : 22, whiteSpace: 'nowrap' } }} />
      </Card>
    </Col>
  );
}
