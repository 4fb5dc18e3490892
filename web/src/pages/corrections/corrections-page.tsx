// 更正申请 (member.correction): the queue of members' correction requests in scope, approve or reject
// with a note (a note is required to reject; approving applies the value and writes the file).
import { Button, Segmented, Space, type TableColumnsType } from 'antd';
import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import { type Correction, correctionsExportUrl, listCorrections } from '../../api/members';
import { PageCard } from '../../components/page-card';
import { ExportButton, type PageQuery, PagedTable, usePagedList } from '../../components/paged-table';
import { actionsColumn, codeTag, ellipsisText, timeColumn } from '../../components/table-columns';
import { useT } from '../../i18n/i18n';
import { label } from '../../lib/format';
import { CORRECTION_COLORS, correctionValue } from '../my/my-corrections';
import { DecideModal } from './decide-modal';

type Status = Correction['status'];

/** The /corrections route. */
export default function CorrectionsPage() {
  const t = useT();
  const [status, setStatus] = useState<Status>('pending');
  const [deciding, setDeciding] = useState<{ row: Correction; decision: 'approve' | 'reject' } | null>(null);
  const list = usePagedList(useCallback((q: PageQuery) => listCorrections({ status, ...q }), [status]));
  const { narrow, paging, reload } = list;

  const columns: TableColumnsType<Correction> = [
    {
      title: t('corrections.member'),
      key: 'member',
      fixed: narrow ? undefined : 'left',
      render: (_, c) => <Link to={`/members/${c.memberId}`}>{c.memberName}</Link>,
    },
    { title: t('corrections.org'), dataIndex: 'orgName', render: (v: string) => ellipsisText(v, 220) },
    { title: t('corrections.field'), dataIndex: 'field', render: (f: string) => label(t, 'memberField', f) },
    { title: t('corrections.current'), key: 'current', render: (_, c) => correctionValue(t, c.field, c.currentValue) },
    {
      title: t('corrections.requested'),
      key: 'requested',
      render: (_, c) => <strong data-testid="correction-requested">{correctionValue(t, c.field, c.requestedValue)}</strong>,
    },
    { title: t('corrections.reason'), dataIndex: 'reason', render: (v: string) => ellipsisText(v, 240) },
    { title: t('corrections.status'), dataIndex: 'status', render: (s: string) => codeTag(t, 'correctionStatus', s, CORRECTION_COLORS) },
    timeColumn(t('corrections.createdAt'), 'createdAt'),
  ];
  if (status !== 'pending') {
    columns.push(
      { title: t('corrections.decidedBy'), dataIndex: 'decidedByName', render: (v: string | null) => v ?? '—' },
      timeColumn(t('corrections.decidedAt'), 'decidedAt', { orDash: true }),
      { title: t('corrections.note'), dataIndex: 'decisionNote', render: (v: string | null) => ellipsisText(v, 240) ?? '—' },
    );
  } else {
    columns.push(
      actionsColumn<Correction>(t, narrow, (c) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setDeciding({ row: c, decision: 'approve' })} data-testid="correction-approve">
            {t('corrections.approve')}
          </Button>
          <Button type="link" size="small" danger onClick={() => setDeciding({ row: c, decision: 'reject' })} data-testid="correction-reject">
            {t('corrections.reject')}
          </Button>
        </Space>
      )),
    );
  }

  return (
    <PageCard
      title={t('corrections.title')}
      extra={<ExportButton permission="member.export" href={correctionsExportUrl(status)} data-testid="corrections-export" />}
      data-testid="corrections-page"
    >
      <Segmented<Status>
        value={status}
        onChange={(v) => {
          paging.reset();
          setStatus(v);
        }}
        options={(['pending', 'approved', 'rejected'] as const).map((s) => ({ value: s, label: label(t, 'correctionStatus', s) }))}
        style={{ marginBottom: 16 }}
        data-testid="corrections-status"
      />
      <PagedTable list={list} rowKey="id" columns={columns} data-testid="corrections-table" />
      {deciding ? (
        <DecideModal
          correction={deciding.row}
          decision={deciding.decision}
          onClose={() => setDeciding(null)}
          onDone={() => {
            setDeciding(null);
            reload();
          }}
        />
      ) : null}
    </PageCard>
  );
}
