// 党费收缴 (/dues/bills): a month's bills of a branch (or anything in scope) with 应交 / 实交 and the
// states, exported to Excel; the bases due for their yearly review. A name opens the member's dues
// details (category, base history, proxy). Secretaries start on their own branch; ?orgId= and ?month= (links
// from 党费监控) open an organization and a month; treasurers remind the unpaid members. Works at 360 px.
import { Alert, Checkbox, DatePicker, Flex, Select, Statistic, type TableColumnsType, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useState } from 'react';
import { useSearchParams } from 'react-router';
import {
  BILL_STATES,
  type BillFilter,
  type BillIssue,
  type BillState,
  type BillTotals,
  DUES_EXPORT_PERMISSION,
  type DuesBill,
  type ReassessmentItem,
  billsExportUrl,
  formatFen,
  formatRateBp,
  listBills,
  listReassessment,
  reassessmentExportUrl,
} from '../../api/dues';
import type { Page } from '../../api/types';
import { OrgTreeSelect } from '../../components/org-tree-select';
import { PageCard } from '../../components/page-card';
import { ExportButton, type PageQuery, PagedTable, usePagedList } from '../../components/paged-table';
import { type TFunction, useT } from '../../i18n/i18n';
import { label } from '../../lib/format';
import { useMe, useSession } from '../../session/session';
import { stateTag } from './dues-bits';
import { BankFileTab, DUES_BANK_PERMISSION, DUES_PAY_PERMISSION, PayBillButton } from './dues-payments';
import { DuesProfileDrawer } from './dues-profile-drawer';
import { ReductionsTab } from './reductions-tab';
import { RemindButton } from './remind-button';

/** An amount in 元, or a dash. */
const yuan = (fen: number | null) => (fen === null ? '—' : formatFen(fen));
/** The rate of a bill: a percentage, 定额, or nothing (no amount yet). */
const rateOf = (t: TFunction, b: { rateBp: number | null; rule: string | null }) => (b.rateBp !== null ? `${formatRateBp(b.rateBp)}%` : b.rule ? t('dues.bills.flat') : '—');

/** The name of a member as a link that opens the drawer. */
const nameLink = (name: string, onOpen: () => void) => (
  <Typography.Link onClick={onOpen} data-testid="dues-open-member">
    {name}
  </Typography.Link>
);

/** 应交 / 实交 and the states of the listed bills. */
function Totals({ totals }: { totals: BillTotals | undefined }) {
  const t = useT();
  if (!totals) return null;
  return (
    <Flex vertical gap={8} style={{ marginBottom: 12 }} data-testid="dues-bill-totals">
      <Flex gap={32} wrap>
        <Statistic title={t('dues.bills.should')} value={formatFen(totals.shouldFen)} suffix={t('dues.quote.baseSuffix')} />
        <Statistic title={t('dues.bills.actual')} value={formatFen(totals.paidFen)} suffix={t('dues.quote.baseSuffix')} />
        <Statistic title={t('dues.bills.count')} value={totals.bills} />
      </Flex>
      <Typography.Text type="secondary">
        {t('dues.bills.byState', { due: totals.due, paid: totals.paid, partial: totals.partiallyPaid, waived: totals.waived })}
      </Typography.Text>
      {totals.issues > 0 ? <Alert type="warning" showIcon title={t('dues.bills.issuesHint', { count: totals.issues })} data-testid="dues-bill-issues" /> : null}
    </Flex>
  );
}

/** A state or an issue, as one filter. */
type StateFilter = BillState | `issue:${BillIssue}`;

/** The month's bills. */
function MonthTab({ orgId, onOrg, onOpen, reloadKey, onPaid }: { orgId?: string; onOrg: (id?: string) => void; onOpen: (memberId: string) => void; reloadKey: number; onPaid: () => void }) {
  const t = useT();
  const { can } = useSession();
  // ?month= (links from 党费监控) opens that month.
  const [params] = useSearchParams();
  const [month, setMonth] = useState(() => (/^\d{4}-(0[1-9]|1[0-2])$/.test(params.get('month') ?? '') ? (params.get('month') as string) : dayjs().format('YYYY-MM')));
  const [state, setState] = useState<StateFilter | undefined>();
  const [ownOnly, setOwnOnly] = useState(false);
  const filter: BillFilter = {
    month,
    orgId,
    includeSubtree: orgId && ownOnly ? 'false' : undefined,
    state: state && !state.startsWith('issue:') ? (state as BillState) : undefined,
    issue: state?.startsWith('issue:') ? (state.slice(6) as BillIssue) : undefined,
  };
  const key = JSON.stringify(filter);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the filter is compared by value (key); reloadKey reloads after a change in the drawer.
  const fetchPage = useCallback((q: PageQuery) => listBills(filter, q.page, q.pageSize), [key, reloadKey]);
  const list = usePagedList<DuesBill>(fetchPage as (q: PageQuery) => Promise<Page<DuesBill>>);
  const totals = (list.data as (Page<DuesBill> & { totals?: BillTotals }) | undefined)?.totals;
  const reset = <T,>(set: (v: T) => void) => (v: T) => {
    list.paging.reset();
    set(v);
  };
  const columns: TableColumnsType<DuesBill> = [
    { title: t('dues.bills.member'), dataIndex: 'memberName', fixed: list.narrow ? undefined : 'left', render: (v: string, b) => nameLink(v, () => onOpen(b.memberId)) },
    { title: t('dues.bills.org'), dataIndex: 'orgName' },
    { title: t('dues.bills.category'), dataIndex: 'category', render: (c: string | null) => (c ? label(t, 'dues', c) : '—') },
    { title: t('dues.bills.base'), dataIndex: 'baseFen', align: 'right', render: yuan },
    { title: t('dues.bills.rate'), key: 'rate', render: (_, b) => rateOf(t, b) },
    { title: t('dues.bills.amount'), dataIndex: 'amountFen', align: 'right', render: yuan },
    { title: t('dues.bills.paid'), dataIndex: 'paidFen', align: 'right', render: yuan },
    { title: t('dues.bills.state'), dataIndex: 'state', render: (s: BillState) => stateTag(t, s) },
    { title: t('dues.bills.issue'), dataIndex: 'issue', render: (i: BillIssue | null) => (i ? <Tag color="warning">{label(t, 'duesIssue', i)}</Tag> : null) },
    ...(can(DUES_PAY_PERMISSION) ? [{ title: '', key: 'pay', render: (_: unknown, b: DuesBill) => <PayBillButton bill={b} onDone={onPaid} /> }] : []),
  ];
  return (
    <>
      <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
        <div style={{ width: 320, maxWidth: '100%' }}>
          <OrgTreeSelect id="duesOrg" value={orgId} onChange={reset(onOrg)} />
        </div>
        <DatePicker
          id="duesMonth"
          picker="month"
          allowClear={false}
          value={dayjs(`${month}-01`)}
          onChange={(d) => d && reset(setMonth)(d.format('YYYY-MM'))}
          aria-label={t('dues.bills.month')}
        />
        <Select<StateFilter>
          id="duesState"
          allowClear
          placeholder={t('dues.bills.allStates')}
          value={state}
          onChange={reset(setState)}
          style={{ width: 160 }}
          options={[
            ...BILL_STATES.map((s) => ({ value: s as StateFilter, label: label(t, 'duesState', s) })),
            ...(['base_missing', 'category_missing'] as const).map((i) => ({ value: `issue:${i}` as StateFilter, label: label(t, 'duesIssue', i) })),
          ]}
        />
        {orgId ? (
          <Checkbox checked={ownOnly} onChange={(e) => reset(setOwnOnly)(e.target.checked)} data-testid="dues-own-only">
            {t('dues.bills.onlyOwn')}
          </Checkbox>
        ) : null}
        <div style={{ flex: 1 }} />
        {orgId ? <RemindButton month={month} orgId={orgId} data-testid="dues-remind" /> : null}
        <ExportButton permission={DUES_EXPORT_PERMISSION} href={billsExportUrl(filter)} data-testid="dues-bills-export" />
      </Flex>
      <Totals totals={totals} />
      {list.data && list.data.total === 0 && !state ? <Alert type="info" showIcon title={t('dues.bills.empty')} style={{ marginBottom: 12 }} /> : null}
      <PagedTable<DuesBill> list={list} rowKey="id" columns={columns} data-testid="dues-bills-table" />
    </>
  );
}

/** The bases due for their yearly review. */
function ReassessmentTab({ orgId, onOrg, onOpen, reloadKey }: { orgId?: string; onOrg: (id?: string) => void; onOpen: (memberId: string) => void; reloadKey: number }) {
  const t = useT();
  // biome-ignore lint/correctness/useExhaustiveDependencies: reloadKey reloads after a change in the drawer.
  const list = usePagedList(useCallback((q: PageQuery) => listReassessment(orgId, q.page, q.pageSize), [orgId, reloadKey]));
  const columns: TableColumnsType<ReassessmentItem> = [
    { title: t('dues.bills.member'), dataIndex: 'memberName', fixed: list.narrow ? undefined : 'left', render: (v: string, r) => nameLink(v, () => onOpen(r.memberId)) },
    { title: t('dues.bills.org'), dataIndex: 'orgName' },
    { title: t('dues.bills.category'), dataIndex: 'category', render: (c: string) => label(t, 'dues', c) },
    { title: t('dues.reassess.lastMonth'), dataIndex: 'lastEffectiveMonth', render: (v: string | null) => v ?? <Typography.Text type="warning">{t('dues.reassess.none')}</Typography.Text> },
    { title: t('dues.reassess.lastBase'), dataIndex: 'lastBaseFen', align: 'right', render: yuan },
    { title: t('dues.reassess.monthsSince'), dataIndex: 'monthsSince', render: (v: number | null) => v ?? '—' },
  ];
  return (
    <>
      <Typography.Paragraph type="secondary">{t('dues.reassess.intro')}</Typography.Paragraph>
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <div style={{ width: 320, maxWidth: '100%' }}>
          <OrgTreeSelect
            id="duesReassessOrg"
            value={orgId}
            onChange={(v) => {
              list.paging.reset();
              onOrg(v);
            }}
          />
        </div>
        <div style={{ flex: 1 }} />
        <ExportButton permission={DUES_EXPORT_PERMISSION} href={reassessmentExportUrl(orgId)} data-testid="dues-reassessment-export" />
      </Flex>
      <PagedTable<ReassessmentItem> list={list} rowKey="memberId" columns={columns} data-testid="dues-reassessment-table" />
    </>
  );
}

/** The /dues/bills route. */
export default function DuesBillsPage() {
  const t = useT();
  const me = useMe();
  // A secretary (or committee member) starts on their own branch.
  const own = me.grants.find((g) => g.role === 'branch_secretary' || g.role === 'branch_committee')?.orgId;
  const [params] = useSearchParams();
  const [orgId, setOrgId] = useState<string | undefined>(params.get('orgId') || own);
  const [open, setOpen] = useState<string | null>(null);
  const [reloadKey, setReloadKey] = useState(0);
  const { can } = useSession();
  const reload = () => setReloadKey((k) => k + 1);
  const props = { orgId, onOrg: setOrgId, onOpen: setOpen, reloadKey, onPaid: reload };
  return (
    <PageCard title={t('dues.bills.title')} data-testid="dues-bills-page">
      <Tabs
        destroyOnHidden
        items={[
          { key: 'month', label: t('dues.bills.tab.month'), children: <MonthTab {...props} /> },
          { key: 'reassessment', label: t('dues.bills.tab.reassessment'), children: <ReassessmentTab {...props} /> },
          { key: 'reductions', label: t('duesReduction.tab'), children: <ReductionsTab {...props} onChanged={reload} /> },
          ...(can(DUES_BANK_PERMISSION) ? [{ key: 'bank', label: t('dues.bank.tab'), children: <BankFileTab onImported={reload} /> }] : []),
        ]}
      />
      {open ? <DuesProfileDrawer memberId={open} onClose={() => setOpen(null)} onChanged={() => setReloadKey((k) => k + 1)} /> : null}
    </PageCard>
  );
}
