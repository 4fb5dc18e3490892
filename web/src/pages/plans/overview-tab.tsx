// 执行情况: the plans below a township (or the whole scope) — per organization the items planned, held
// and overdue in a year, or every item of a month — paged and exported to Excel.
import { DatePicker, Flex, Segmented, type TableColumnsType, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useState } from 'react';
import { getMonthItems, getOverview, monthExportUrl, type OverviewRow, overviewExportUrl, type PlanItem } from '../../api/plans';
import { OrgTreeSelect } from '../../components/org-tree-select';
import { ExportButton, type PageQuery, PagedTable, usePagedList } from '../../components/paged-table';
import { actionsColumn } from '../../components/table-columns';
import { useT } from '../../i18n/i18n';
import { label } from '../../lib/format';
import { shortTime } from '../activities/activity-bits';
import { statusTag, typeName } from './plan-bits';

/** Per organization in a year. */
function ByOrg({ orgId, year, onOpen }: { orgId?: string; year: number; onOpen: (orgId: string) => void }) {
  const t = useT();
  const list = usePagedList(useCallback((q: PageQuery) => getOverview({ orgId, year, ...q }), [orgId, year]));
  const count = (n: number, type?: 'danger' | 'success') => (n ? <Typography.Text type={type}>{n}</Typography.Text> : n);
  const columns: TableColumnsType<OverviewRow> = [
    { title: t('plans.field.org'), dataIndex: 'orgName', fixed: list.narrow ? undefined : 'left' },
    { title: t('orgs.level'), dataIndex: 'level', render: (v: string) => label(t, 'level', v) },
    { title: t('plans.themeDay'), dataIndex: 'effectiveThemeDay', render: (d: number) => t('plans.themeDayValue', { day: d }) },
    { title: t('plans.overview.hasPlan'), dataIndex: 'hasPlan', render: (v: boolean) => (v ? t('common.yes') : <Typography.Text type="warning">{t('common.no')}</Typography.Text>) },
    { title: t('plans.overview.planned'), dataIndex: 'planned' },
    { title: t('plans.overview.held'), dataIndex: 'held', render: (n: number) => count(n, 'success') },
    { title: t('plans.overview.overdue'), dataIndex: 'overdue', render: (n: number) => count(n, 'danger') },
    actionsColumn<OverviewRow>(t, list.narrow, (r) => (
      <Typography.Link onClick={() => onOpen(r.orgId)} data-testid="plan-overview-open">
        {t('plans.overview.open')}
      </Typography.Link>
    )),
  ];
  return (
    <>
      <Flex justify="flex-end" style={{ marginBottom: 12 }}>
        <ExportButton permission="activity.read" href={overviewExportUrl(orgId, year)} data-testid="plan-overview-export" />
      </Flex>
      <PagedTable<OverviewRow> list={list} rowKey="orgId" columns={columns} data-testid="plan-overview-table" />
    </>
  );
}

/** Every item of a month. */
function ByMonth({ orgId, month }: { orgId?: string; month: string }) {
  const t = useT();
  const list = usePagedList(useCallback((q: PageQuery) => getMonthItems({ orgId, month, ...q }), [orgId, month]));
  const columns: TableColumnsType<PlanItem> = [
    { title: t('plans.field.plannedOn'), dataIndex: 'plannedOn', fixed: list.narrow ? undefined : 'left', width: 110 },
    { title: t('plans.field.org'), dataIndex: 'orgName' },
    { title: t('plans.field.type'), dataIndex: 'type', render: (v: string) => typeName(t, v) },
    { title: t('plans.field.title'), dataIndex: 'title' },
    { title: t('plans.field.status'), dataIndex: 'status', render: (_, i) => statusTag(t, i.status) },
    { title: t('plans.field.activity'), key: 'activity', render: (_, i) => (i.activityState === 'planned' ? shortTime(i.activityStartsAt) : '—') },
  ];
  return (
    <>
      <Flex justify="flex-end" style={{ marginBottom: 12 }}>
        <ExportButton permission="activity.read" href={monthExportUrl(orgId, month)} data-testid="plan-month-export" />
      </Flex>
      <PagedTable<PlanItem> list={list} rowKey="id" columns={columns} data-testid="plan-month-table" />
    </>
  );
}

/** The overview tab; `onOpen` shows an organization's plan. */
export function OverviewTab({ year, onYear, onOpen }: { year: number; onYear: (y: number) => void; onOpen: (orgId: string) => void }) {
  const t = useT();
  const [orgId, setOrgId] = useState<string | undefined>();
  const [mode, setMode] = useState<'org' | 'month'>('org');
  const [month, setMonth] = useState(() => {
    const now = dayjs();
    return now.year() === year ? now.format('YYYY-MM') : `${year}-01`;
  });
  return (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <div style={{ width: 320, maxWidth: '100%' }}>
          <OrgTreeSelect id="overviewOrg" value={orgId} onChange={setOrgId} />
        </div>
        <Segmented<'org' | 'month'>
          value={mode}
          onChange={setMode}
          options={[
            { value: 'org', label: t('plans.overview.byOrg') },
            { value: 'month', label: t('plans.overview.byMonth') },
          ]}
        />
        {mode === 'org' ? (
          <DatePicker id="overviewYear" picker="year" allowClear={false} value={dayjs(`${year}-01-01`)} onChange={(d) => d && onYear(d.year())} aria-label={t('plans.year')} />
        ) : (
          <DatePicker
            id="overviewMonth"
            picker="month"
            allowClear={false}
            value={dayjs(`${month}-01`)}
            onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
            aria-label={t('plans.overview.month')}
          />
        )}
      </Flex>
      {mode === 'org' ? <ByOrg orgId={orgId} year={year} onOpen={onOpen} /> : <ByMonth orgId={orgId} month={month} />}
    </>
  );
}
