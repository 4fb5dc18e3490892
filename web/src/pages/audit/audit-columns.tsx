// Columns of the audit tables.
import type { TableColumnsType } from 'antd';
import type { AuditRow } from '../../api/types';
import { codeTag, codeText, ellipsisText, timeColumn } from '../../components/table-columns';
import type { TFunction } from '../../i18n/i18n';
import { label } from '../../lib/format';

const RESULT_COLORS = { success: 'success', failure: 'error', denied: 'warning' } as const;

/** Audit rows store roles as text ("a,b"); each becomes a label. */
function roleLabels(t: TFunction, roles: string): string {
  const list = roles.split(/[,\s]+/).filter(Boolean);
  return list.map((r) => label(t, 'role', r)).join('、');
}

function detailText(detail: unknown): string {
  if (detail === null || detail === undefined || detail === '') return '';
  return typeof detail === 'string' ? detail : JSON.stringify(detail);
}

/** Builds the columns (login rows skip the object column). */
export function auditColumns(t: TFunction, kind: 'login' | 'operation'): TableColumnsType<AuditRow> {
  const columns: TableColumnsType<AuditRow> = [
    { title: t('audit.seq'), dataIndex: 'seq', width: 80 },
    timeColumn(t('audit.at'), 'at', { width: 170 }),
    { title: t('audit.actor'), dataIndex: 'actorName' },
    { title: t('audit.roles'), dataIndex: 'roles', render: (v: string) => roleLabels(t, v ?? '') },
    { title: t('audit.ip'), dataIndex: 'ip' },
    { title: t('audit.action'), dataIndex: 'action', render: codeText },
  ];
  if (kind === 'operation') {
    columns.push({
      title: t('audit.object'),
      key: 'object',
      render: (_, r) => [r.objectType, r.objectId].filter(Boolean).join(' · '),
    });
  }
  columns.push(
    {
      title: t('audit.result'),
      dataIndex: 'result',
      render: (v: AuditRow['result']) => codeTag(t, 'audit.result', v, RESULT_COLORS),
    },
    { title: t('audit.reason'), dataIndex: 'reason' },
    { title: t('audit.detail'), dataIndex: 'detail', render: (v: unknown) => ellipsisText(detailText(v), 280) },
  );
  return columns;
}
