// 月月清: the organizations of a subtree in a month with 已缴 / 未缴 / amounts and their 月月清 status, the
// lowest paid share first, filtered by status; exported to Excel.
import { Flex, Select, type TableColumnsType, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { DUES_EXPORT_PERMISSION } from '../../api/dues';
import { CLEAR_STATUSES, type ClearStatus, type OrgMonth, type OrgMonthFilter, listOrgMonths, orgMonthsExportUrl } from '../../api/dues-monitor';
import { OrgTreeSelect } from '../../components/org-tree-select';
import { ExportButton, type PageQuery, PagedTable, usePagedList } from '../../components/paged-table';
import { useT } from '../../i18n/i18n';
import { label } from '../../lib/format';
import { MonthPicker, ShareBar, billsLink, clearTag, yuan } from './monitor-bits';

type Props = { orgId?: string; onOrg: (id?: string) => void; month: string; onMonth: (month: string) => void; warnBp?: number; reloadKey: number };

/** The 月月清 tab. */
export function MonitorOrgMonths({ orgId, onOrg, month, onMonth, warnBp, reloadKey }: Props) {
  const t = useT();
  const [status, setStatus] = useState<ClearStatus | undefined>();
  const filter: OrgMonthFilter = { month, orgId, status };
  const key = JSON.stringify(filter);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the filter is compared by value (key); reloadKey reloads after the settings change.
  const list = usePagedList<OrgMonth>(useCallback((q: PageQuery) => listOrgMonths(filter, q.page, q.pageSize), [key, reloadKey]));
  const reset = <T,>(set: (v: T) => void) => (v: T) => {
    list.paging.reset();
    set(v);
  };
  const columns: TableColumnsType<OrgMonth> = [
    { title: t('duesMonitor.org'), dataIndex: 'name', fixed: list.narrow ? undefined : 'left', render: (name: string, r) => billsLink(r.month, r.orgId, name) },
    { title: t('duesMonitor.parentOrg'), dataIndex: 'parentName', render: (v: string | null) => v ?? '—' },
    { title: t('duesMonitor.due'), dataIndex: 'due', align: 'right' },
    { title: t('duesMonitor.paid'), dataIndex: 'paid', align: 'right' },
    { title: t('duesMonitor.unpaid'), dataIndex: 'unpaid', align: 'right' },
    { title: t('duesMonitor.issues'), dataIndex: 'issues', align: 'right', render: (v: number) => (v > 0 ? <Typography.Text type="warning">{v}</Typography.Text> : v) },
    { title: t('duesMonitor.share'), key: 'share', render: (_, r) => <ShareBar bp={r.paidShareBp} due={r.due} warnBp={warnBp} /> },
    { title: t('duesMonitor.should'), dataIndex: 'shouldFen', align: 'right', render: yuan },
    { title: t('duesMonitor.actual'), dataIndex: 'paidFen', align: 'right', render: yuan },
    { title: t('duesMonitor.status'), dataIndex: 'status', render: (s: ClearStatus) => clearTag(t, s) },
  ];
  return (
    <>
      <Typography.Paragraph type="secondary">{t('duesMonitor.statusHint')}</Typography.Paragraph>
      <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
        <div style={{ width: 320, maxWidth: '100%' }}>
          <OrgTreeSelect id="duesMonitorOrg" value={orgId} onChange={reset(onOrg)} />
        </div>
        <MonthPicker id="duesMonitorMonth" value={month} onChange={reset(onMonth)} />
        <Select<ClearStatus>
          id="duesMonitorStatus"
          allowClear
          placeholder={t('duesMonitor.allStatuses')}
          value={status}
          onChange={reset(setStatus)}
          style={{ width: 160 }}
          options={CLEAR_STATUSES.map((s) => ({ value: s, label: label(t, 'duesClear', s) }))}
          data-testid="dues-org-months-status"
        />
        <div style={{ flex: 1 }} />
        <ExportButton permission={DUES_EXPORT_PERMISSION} href={orgMonthsExportUrl(filter)} data-testid="dues-org-months-export" />
      </Flex>
      <PagedTable<OrgMonth> list={list} rowKey="orgId" columns={columns} data-testid="dues-org-months-table" />
    </>
  );
}
