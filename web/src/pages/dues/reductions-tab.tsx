// The 减免审批 tab of 党费收缴: the reductions and exemptions in scope (proposals waiting for a decision
// first) with approve / reject for the organization above and revoke for approved ones, and the Excel
// export. Works at 360 px (the table scrolls).
import { App, Button, Flex, Select, Space, type TableColumnsType, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { DUES_EXPORT_PERMISSION, formatFen } from '../../api/dues';
import {
  DUES_REDUCE_APPROVE_PERMISSION,
  type DuesReduction,
  REDUCTION_STATES,
  type ReductionFilter,
  type ReductionState,
  listReductions,
  reductionsExportUrl,
} from '../../api/dues-reductions';
import { OrgTreeSelect } from '../../components/org-tree-select';
import { ExportButton, type PageQuery, PagedTable, usePagedList } from '../../components/paged-table';
import { useT } from '../../i18n/i18n';
import { formatTime } from '../../lib/format';
import { useSession } from '../../session/session';
import { type DecideAction, DecideModal } from './reduction-modal';

const STATE_COLORS: Record<ReductionState, string> = { proposed: 'processing', approved: 'success', rejected: 'default', revoked: 'warning' };

export function ReductionsTab({ orgId, onOrg, onOpen, reloadKey, onChanged }: { orgId?: string; onOrg: (id?: string) => void; onOpen: (memberId: string) => void; reloadKey: number; onChanged: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const { can } = useSession();
  const [state, setState] = useState<ReductionState | undefined>();
  const [deciding, setDeciding] = useState<{ r: DuesReduction; action: DecideAction } | null>(null);
  const filter: ReductionFilter = { orgId, state };
  // biome-ignore lint/correctness/useExhaustiveDependencies: reloadKey reloads after a decision or a change in the drawer.
  const list = usePagedList(useCallback((q: PageQuery) => listReductions({ orgId, state }, q.page, q.pageSize), [orgId, state, reloadKey]));
  const approver = can(DUES_REDUCE_APPROVE_PERMISSION);
  const columns: TableColumnsType<DuesReduction> = [
    {
      title: t('duesReduction.member'),
      dataIndex: 'memberName',
      fixed: list.narrow ? undefined : 'left',
      render: (v: string, r) => (
        <Typography.Link onClick={() => onOpen(r.memberId)} data-testid="dues-reduction-member">
          {v}
        </Typography.Link>
      ),
    },
    { title: t('duesReduction.org'), dataIndex: 'orgName' },
    {
      title: t('duesReduction.what'),
      key: 'what',
      render: (_, r) => (
        <Flex vertical>
          <span>
            {t(`duesReduction.kind.${r.kind}`)}
            {r.amountFen !== null ? `（${t('duesReduction.perMonth', { amount: formatFen(r.amountFen) })}）` : ''}
          </span>
          <Typography.Text type="secondary">{r.fromMonth === r.toMonth ? r.fromMonth : `${r.fromMonth} ~ ${r.toMonth}`}</Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('duesReduction.reason'),
      key: 'reason',
      render: (_, r) => (
        <Flex vertical>
          <span>{r.reason}</span>
          <Typography.Text type="secondary">{r.branchDecision}</Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('duesReduction.state'),
      key: 'state',
      render: (_, r) => (
        <Flex vertical gap={2}>
          <span>
            <Tag color={STATE_COLORS[r.state]}>{t(`duesReduction.state.${r.state}`)}</Tag>
          </span>
          <Typography.Text type="secondary">
            {t('duesReduction.proposedBy')}：{r.proposedByName} {formatTime(r.proposedAt)}
          </Typography.Text>
          {r.decidedByName ? (
            <Typography.Text type="secondary">
              {t('duesReduction.decidedBy')}：{r.decidedByName} {formatTime(r.decidedAt)}
              {r.decisionNote ? `（${r.decisionNote}）` : ''}
            </Typography.Text>
          ) : null}
          {r.revokedFromMonth ? <Typography.Text type="secondary">{t('duesReduction.revokedFrom', { month: r.revokedFromMonth, reason: r.revokeReason ?? '' })}</Typography.Text> : null}
        </Flex>
      ),
    },
    ...(approver
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, r: DuesReduction) => (
              <Space wrap>
                {r.decidable ? (
                  <>
                    <Button size="small" type="primary" onClick={() => setDeciding({ r, action: 'approve' })} data-testid="dues-reduction-approve">
                      {t('duesReduction.approve')}
                    </Button>
                    <Button size="small" danger onClick={() => setDeciding({ r, action: 'reject' })} data-testid="dues-reduction-reject">
                      {t('duesReduction.reject')}
                    </Button>
                  </>
                ) : null}
                {r.revocable ? (
                  <Button size="small" onClick={() => setDeciding({ r, action: 'revoke' })} data-testid="dues-reduction-revoke">
                    {t('duesReduction.revoke')}
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]
      : []),
  ];
  return (
    <>
      <Typography.Paragraph type="secondary">{t('duesReduction.intro')}</Typography.Paragraph>
      <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
        <div style={{ width: 320, maxWidth: '100%' }}>
          <OrgTreeSelect
            id="duesReductionOrg"
            value={orgId}
            onChange={(v) => {
              list.paging.reset();
              onOrg(v);
            }}
          />
        </div>
        <Select<ReductionState>
          id="duesReductionState"
          allowClear
          placeholder={t('duesReduction.allStates')}
          value={state}
          onChange={(v) => {
            list.paging.reset();
            setState(v);
          }}
          style={{ width: 140 }}
          options={REDUCTION_STATES.map((s) => ({ value: s, label: t(`duesReduction.state.${s}`) }))}
        />
        <div style={{ flex: 1 }} />
        <ExportButton permission={DUES_EXPORT_PERMISSION} href={reductionsExportUrl(filter)} data-testid="dues-reductions-export" />
      </Flex>
      <PagedTable<DuesReduction> list={list} rowKey="id" columns={columns} data-testid="dues-reductions-table" />
      {deciding ? (
        <DecideModal
          reduction={deciding.r}
          action={deciding.action}
          onClose={() => setDeciding(null)}
          onDone={(bills) => {
            setDeciding(null);
            message.success(t('duesReduction.done', { count: bills }));
            list.reload();
            onChanged();
          }}
        />
      ) : null}
    </>
  );
}
