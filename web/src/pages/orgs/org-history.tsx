// 历史沿革: every change of an organization with what it was before and after.
import { Table, Typography } from 'antd';
import { useCallback } from 'react';
import { getOrgHistory, type OrgHistoryEntry } from '../../api/orgs';
import { LoadError } from '../../components/load-error';
import { timeColumn } from '../../components/table-columns';
import { type TFunction, useT } from '../../i18n/i18n';
import { label } from '../../lib/format';
import { useAsync } from '../../lib/use-async';

/** Technical keys left out of the change text (ids and tree paths; the names say the same). */
const HIDDEN = /(^|[a-z])(Id|id|path|depth)$/;

const show = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** One line per changed field: "名称：旧 → 新" (only the new value for a creation). */
function changeLines(t: TFunction, e: OrgHistoryEntry): string[] {
  const before = e.before ?? {};
  const after = e.after ?? {};
  const keys = [...new Set([...Object.keys(after), ...Object.keys(before)])].filter((k) => !HIDDEN.test(k));
  return keys.map((k) => {
    const name = label(t, 'historyField', k);
    const value = (v: unknown) => (k === 'level' || k === 'category' ? label(t, k, v as string) || '—' : show(v));
    return e.before && k in before ? `${name}：${value(before[k])} → ${value(after[k])}` : `${name}：${value(after[k])}`;
  });
}

/** The history tab of an organization. */
export function OrgHistory({ orgId }: { orgId: string }) {
  const t = useT();
  const { data, error, loading, reload } = useAsync(useCallback(() => getOrgHistory(orgId), [orgId]));
  return (
    <>
      <LoadError error={error} onRetry={reload} />
      <Table<OrgHistoryEntry>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        data-testid="org-history"
        columns={[
          timeColumn(t('history.at'), 'at'),
          { title: t('history.action'), dataIndex: 'action', render: (a: string) => label(t, 'history.action', a) },
          { title: t('history.actor'), dataIndex: 'actorName' },
          {
            title: t('history.change'),
            key: 'change',
            render: (_, e) => (
              <div style={{ maxWidth: 420 }}>
                {changeLines(t, e).map((line) => (
                  <div key={line}>
                    <Typography.Text style={{ wordBreak: 'break-word' }}>{line}</Typography.Text>
                  </div>
                ))}
              </div>
            ),
          },
        ]}
      />
    </>
  );
}
