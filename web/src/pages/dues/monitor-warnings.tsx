// 预警: the rule with the county's settings, the organizations below the paid share (from the warning day
// on) and the members in arrears (3 months: warning; 6 in a row: a review case of the branch), each
// exportable; treasurers remind a member of this month's dues from the row.
import { Alert, Flex, Select, type TableColumnsType, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { DUES_EXPORT_PERMISSION } from '../../api/dues';
import {
  ARREARS_LEVELS,
  ARREARS_WARNING_MONTHS,
  type ArrearsItem,
  type ArrearsLevel,
  LAPSE_REVIEW_MONTHS,
  type OrgMonth,
  type Warnings,
  bpToPercent,
  getWarnings,
  warningsExportUrl,
} from '../../api/dues-monitor';
import type { Page } from '../../api/types';
import { OrgTreeSelect } from '../../components/org-tree-select';
import { ExportButton, type PageQuery, PagedTable, usePagedList } from '../../components/paged-table';
import { useT } from '../../i18n/i18n';
import { label } from '../../lib/format';
import { useSession } from '../../session/session';
import { DUES_PAY_PERMISSION } from './dues-payments';
import { MonthPicker, ShareBar, billsLink, clearTag, levelTag, thisMonth, yuan } from './monitor-bits';
import { RemindButton } from './remind-button';

type Props = { orgId?: string; onOrg: (id?: string) => void; month: string; onMonth: (month: string) => void; reloadKey: number };

/** The warnings tab. */
export function MonitorWarnings({ orgId, onOrg, month, onMonth, reloadKey }: Props) {
  const t = useT();
  const { can } = useSession();
  const [level, setLevel] = useState<ArrearsLevel | undefined>();
  // One request per list: each list pages on its own (the server pages both lists alike).
  // biome-ignore lint/correctness/useExhaustiveDependencies: reloadKey reloads after the settings change.
  const fetchOrgs = useCallback(
    (q: PageQuery) => getWarnings({ month, orgId }, q.page, q.pageSize).then((w): Page<OrgMonth> & { warnings: Warnings } => ({ ...w.orgs, warnings: w })),
    [month, orgId, reloadKey],
  );
  const orgs = usePagedList<OrgMonth>(fetchOrgs);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reloadKey reloads after the settings change.
  const fetchMembers = useCallback((q: PageQuery) => getWarnings({ month, orgId, level }, q.page, q.pageSize).then((w) => w.members), [month, orgId, level, reloadKey]);
  const members = usePagedList<ArrearsItem>(fetchMembers);
  const w = (orgs.data as (Page<OrgMonth> & { warnings?: Warnings }) | undefined)?.warnings;
  const counts = members.data as Warnings['members'] | undefined;
  const setFilter = <T,>(set: (v: T) => void) => (v: T) => {
    orgs.paging.reset();
    members.paging.reset();
    set(v);
  };
  const now = thisMonth();

  const orgColumns: TableColumnsType<OrgMonth> = [
    { title: t('duesMonitor.org'), dataIndex: 'name', fixed: orgs.narrow ? undefined : 'left', render: (name: string, r) => billsLink(r.month, r.orgId, name) },
    { title: t('duesMonitor.parentOrg'), dataIndex: 'parentName', render: (v: string | null) => v ?? '—' },
    { title: t('duesMonitor.due'), dataIndex: 'due', align: 'right' },
    { title: t('duesMonitor.paid'), dataIndex: 'paid', align: 'right' },
    { title: t('duesMonitor.unpaid'), dataIndex: 'unpaid', align: 'right' },
    { title: t('duesMonitor.share'), key: 'share', render: (_, r) => <ShareBar bp={r.paidShareBp} due={r.due} warnBp={w?.settings.warnShareBp} /> },
    { title: t('duesMonitor.should'), dataIndex: 'shouldFen', align: 'right', render: yuan },
    { title: t('duesMonitor.actual'), dataIndex: 'paidFen', align: 'right', render: yuan },
    { title: t('duesMonitor.status'), dataIndex: 'status', render: (s: OrgMonth['status']) => clearTag(t, s) },
  ];
  const memberColumns: TableColumnsType<ArrearsItem> = [
    { title: t('duesMonitor.warn.member'), dataIndex: 'name', fixed: members.narrow ? undefined : 'left' },
    { title: t('duesMonitor.org'), dataIndex: 'orgName' },
    { title: t('duesMonitor.warn.months'), dataIndex: 'months', align: 'right' },
    { title: t('duesMonitor.warn.run'), dataIndex: 'run', align: 'right' },
    { title: t('duesMonitor.warn.period'), key: 'period', render: (_, r) => (r.firstMonth === r.lastMonth ? r.firstMonth : `${r.firstMonth} – ${r.lastMonth}`) },
    { title: t('duesMonitor.warn.owed'), dataIndex: 'owedFen', align: 'right', render: yuan },
    { title: t('duesMonitor.warn.level'), dataIndex: 'level', render: (l: ArrearsLevel) => levelTag(t, l) },
    ...(can(DUES_PAY_PERMISSION)
      ? [{ title: '', key: 'remind', render: (_: unknown, r: ArrearsItem) => <RemindButton month={now} orgId={r.orgId} memberIds={[r.memberId]} data-testid="dues-warn-remind" /> }]
      : []),
  ];

  return (
    <>
      {w ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="dues-warn-rule"
          title={t('duesMonitor.warn.rule', {
            day: w.settings.warnDay,
            share: bpToPercent(w.settings.warnShareBp),
            warnMonths: ARREARS_WARNING_MONTHS,
            lapseMonths: LAPSE_REVIEW_MONTHS,
          })}
        />
      ) : null}
      <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
        <div style={{ width: 320, maxWidth: '100%' }}>
          <OrgTreeSelect id="duesMonitorOrg" value={orgId} onChange={setFilter(onOrg)} />
        </div>
        <MonthPicker id="duesMonitorMonth" value={month} onChange={setFilter(onMonth)} />
      </Flex>

      <Flex gap={8} wrap align="center" justify="space-between" style={{ marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('duesMonitor.warn.orgsTitle', { share: w ? bpToPercent(w.settings.warnShareBp) : '—' })}
        </Typography.Title>
        <ExportButton permission={DUES_EXPORT_PERMISSION} href={warningsExportUrl('orgs', { month, orgId })} data-testid="dues-warn-orgs-export">
          {t('duesMonitor.warn.exportOrgs')}
        </ExportButton>
      </Flex>
      {w && !w.orgWarningActive ? (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('duesMonitor.warn.notActive', { day: w.settings.warnDay })} data-testid="dues-warn-inactive" />
      ) : null}
      <PagedTable<OrgMonth> list={orgs} rowKey="orgId" columns={orgColumns} data-testid="dues-warn-orgs" />

      <Flex gap={8} wrap align="center" style={{ margin: '24px 0 8px' }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('duesMonitor.warn.membersTitle')}
        </Typography.Title>
        {counts ? <Typography.Text type="secondary">{t('duesMonitor.warn.counts', { warning: counts.warning, review: counts.lapseReview })}</Typography.Text> : null}
        <div style={{ flex: 1 }} />
        <Select<ArrearsLevel>
          id="duesMonitorLevel"
          allowClear
          placeholder={t('duesMonitor.warn.allLevels')}
          value={level}
          onChange={(v) => {
            members.paging.reset();
            setLevel(v);
          }}
          style={{ width: 140 }}
          options={ARREARS_LEVELS.map((l) => ({ value: l, label: label(t, 'duesArrears', l) }))}
          data-testid="dues-warn-level"
        />
        <ExportButton permission={DUES_EXPORT_PERMISSION} href={warningsExportUrl('members', { month, orgId, level })} data-testid="dues-warn-members-export">
          {t('duesMonitor.warn.exportMembers')}
        </ExportButton>
      </Flex>
      <PagedTable<ArrearsItem> list={members} rowKey="memberId" columns={memberColumns} data-testid="dues-warn-members" />
    </>
  );
}
