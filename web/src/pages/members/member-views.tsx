// 查阅记录: who viewed a member's record and file, and who unmasked what with which reason.
import { List, Pagination, Space, Tag, Typography } from 'antd';
import { LoadError } from '../../components/load-error';
import { tablePagination } from '../../lib/paging';
import type { FileView } from '../../api/members';
import type { Page } from '../../api/types';
import { type PageQuery, PagedTable, usePagedList } from '../../components/paged-table';
import { tagList, timeColumn } from '../../components/table-columns';
import { useT } from '../../i18n/i18n';
import { formatTime, label } from '../../lib/format';

const WHAT_COLORS: Record<string, string> = { idNumber: 'red', phone: 'orange', file: 'blue' };

/** The view log; `load` must be stable (a module function or a useCallback). */
export function MemberViews({ load }: { load: (query: PageQuery) => Promise<Page<FileView>> }) {
  const t = useT();
  const list = usePagedList(load);
  const what = (w: string) => <Tag color={WHAT_COLORS[w]}>{label(t, 'viewWhat', w)}</Tag>;
  if (list.narrow) {
    // Phones (我的档案): one card-like row per view instead of a wide table.
    return (
      <>
        <LoadError error={list.error} onRetry={list.reload} />
        <List<FileView>
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          data-testid="member-views"
          renderItem={(v) => (
            <List.Item key={v.id}>
              <Space orientation="vertical" size={2}>
                <Space wrap size={4}>
                  <Typography.Text strong>{v.viewerName}</Typography.Text>
                  {what(v.what)}
                </Space>
                <Typography.Text type="secondary">{formatTime(v.at)}</Typography.Text>
                {v.reason ? <Typography.Text>{t('members.viewReason')}：{v.reason}</Typography.Text> : null}
              </Space>
            </List.Item>
          )}
        />
        <Pagination {...tablePagination(t, list.paging, list.data?.total, true)} style={{ marginTop: 8 }} hideOnSinglePage />
      </>
    );
  }
  return (
    <PagedTable<FileView>
      list={list}
      rowKey="id"
      data-testid="member-views"
      columns={[
        timeColumn(t('members.viewAt'), 'at'),
        { title: t('members.viewer'), dataIndex: 'viewerName' },
        { title: t('members.viewerRoles'), dataIndex: 'viewerRoles', render: (roles: string[]) => tagList(roles, (r) => label(t, 'role', r)) },
        { title: t('members.viewWhat'), dataIndex: 'what', render: what },
        { title: t('members.viewReason'), dataIndex: 'reason', render: (v: string | null) => v ?? '—' },
      ]}
    />
  );
}
