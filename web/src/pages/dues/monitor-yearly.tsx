// 年度汇总: a year of an organization's subtree, one row per child organization with 应交 / 实交, the
// unpaid bills, the months that were 月月清, voluntary payments (those over 1,000 元 remitted in full to
// the centre), the upward remittance at the county's share and what stays; a totals row; Excel export.
import { Flex, Table, type TableColumnsType, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { DUES_EXPORT_PERMISSION } from '../../api/dues';
import { type YearlyRow, bpToPercent, getYearly, yearlyExportUrl } from '../../api/dues-monitor';
import { LoadError } from '../../components/load-error';
import { OrgTreeSelect } from '../../components/org-tree-select';
import { ExportButton } from '../../components/paged-table';
import { useT } from '../../i18n/i18n';
import { useAsync } from '../../lib/use-async';
import { YearPicker, shareText, yuan } from './monitor-bits';

type Props = { orgId?: string; onOrg: (id?: string) => void; reloadKey: number };

/** The yearly summary tab. */
export function MonitorYearly({ orgId, onOrg, reloadKey }: Props) {
  const t = useT();
  const [year, setYear] = useState(() => String(new Date().getFullYear()));
  // biome-ignore lint/correctness/useExhaustiveDependencies: reloadKey reloads after the settings change.
  const { data, error, loading, reload } = useAsync(useCallback(() => getYearly({ year, orgId }), [year, orgId, reloadKey]));
  const share = data ? bpToPercent(data.remitShareBp) : '—';
  const columns: TableColumnsType<YearlyRow> = [
    { title: t('duesMonitor.org'), dataIndex: 'name', render: (name: string, r) => (r.own ? t('duesMonitor.ownRow', { name }) : name) },
    { title: t('duesMonitor.should'), dataIndex: 'shouldFen', align: 'right', render: yuan },
    { title: t('duesMonitor.actual'), dataIndex: 'paidFen', align: 'right', render: yuan },
    { title: t('duesMonitor.share'), dataIndex: 'paidShareBp', align: 'right', render: (bp: number, r) => shareText(bp, r.shouldFen) },
    { title: t('duesMonitor.yearly.unpaidBills'), dataIndex: 'unpaidBills', align: 'right' },
    { title: t('duesMonitor.yearly.clearMonths'), dataIndex: 'clearMonths', align: 'right' },
    { title: t('duesMonitor.yearly.voluntary'), dataIndex: 'voluntaryFen', align: 'right', render: yuan },
    { title: t('duesMonitor.yearly.centre'), dataIndex: 'centreFen', align: 'right', render: yuan },
    { title: t('duesMonitor.yearly.remit', { share }), dataIndex: 'remitFen', align: 'right', render: yuan },
    { title: t('duesMonitor.yearly.retained'), dataIndex: 'retainedFen', align: 'right', render: yuan },
  ];
  const totals = data?.totals;
  const unpaidBills = data?.rows.reduce((s, r) => s + r.unpaidBills, 0) ?? 0;
  return (
    <>
      <Typography.Paragraph type="secondary">{t('duesMonitor.yearly.intro', { share })}</Typography.Paragraph>
      <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
        <div style={{ width: 320, maxWidth: '100%' }}>
          <OrgTreeSelect id="duesMonitorOrg" value={orgId} onChange={onOrg} />
        </div>
        <YearPicker id="duesMonitorYear" value={year} onChange={setYear} />
        <div style={{ flex: 1 }} />
        <ExportButton permission={DUES_EXPORT_PERMISSION} href={yearlyExportUrl({ year, orgId })} data-testid="dues-yearly-export" />
      </Flex>
      <LoadError error={error} onRetry={reload} />
      <Table<YearlyRow>
        rowKey={(r) => `${r.orgId}:${r.own}`}
        size="middle"
        loading={loading}
        dataSource={data?.rows ?? []}
        columns={columns}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="dues-yearly-table"
        summary={() =>
          totals ? (
            <Table.Summary.Row data-testid="dues-yearly-totals">
              <Table.Summary.Cell index={0}>
                <Typography.Text strong>{t('duesMonitor.yearly.total')}</Typography.Text>
              </Table.Summary.Cell>
              <Money index={1} fen={totals.shouldFen} />
              <Money index={2} fen={totals.paidFen} />
              <Table.Summary.Cell index={3} />
              <Table.Summary.Cell index={4} align="right">
                {unpaidBills}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={5} />
              <Money index={6} fen={totals.voluntaryFen} />
              <Money index={7} fen={totals.centreFen} />
              <Money index={8} fen={totals.remitFen} />
              <Money index={9} fen={totals.retainedFen} />
            </Table.Summary.Row>
          ) : null
        }
      />
    </>
  );
}

/** An amount cell of the totals row. */
const Money = ({ index, fen }: { index: number; fen: number }) => (
  <Table.Summary.Cell index={index} align="right">
    <Typography.Text strong>{yuan(fen)}</Typography.Text>
  </Table.Summary.Cell>
);
