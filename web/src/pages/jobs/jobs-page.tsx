// Background jobs: paginated table with a status filter and an Excel export of the same filter.
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Select, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { jobsExportUrl, listJobs } from '../../api/audit';
import type { Job } from '../../api/types';
import { LoadError } from '../../components/load-error';
import { PageCard, useNarrow } from '../../components/page-card';
import { useT } from '../../i18n/i18n';
import { formatTime, label } from '../../lib/format';
import { tablePagination, usePaging } from '../../lib/paging';
import { useAsync } from '../../lib/use-async';
import { useSession } from '../../session/session';

const STATUSES = ['pending', 'running', 'done', 'failed'] as const;
const STATUS_COLORS: Record<string, string> = { pending: 'default', running: 'processing', done: 'success', failed: 'error' };

/** The /system/jobs route. */
export default function JobsPage() {
  const t = useT();
  const { can } = useSession();
  const paging = usePaging();
  const narrow = useNarrow();
  const [status, setStatus] = useState<string | undefined>(undefined);
  const load = useCallback(
    () => listJobs({ status, page: paging.page, pageSize: paging.pageSize }),
    [status, paging.page, paging.pageSize],
  );
  const { data, error, loading, reload } = useAsync(load);

  const columns: TableColumnsType<Job> = [
    { title: t('jobs.id'), dataIndex: 'id', width: 80 },
    { title: t('jobs.name'), dataIndex: 'name', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    {
      title: t('jobs.status'),
      dataIndex: 'status',
      render: (v: string) => <Tag color={STATUS_COLORS[v] ?? 'default'}>{label(t, 'jobs.status', v)}</Tag>,
    },
    { title: t('jobs.attempts'), key: 'attempts', render: (_, j) => `${j.attempts} / ${j.maxAttempts}` },
    { title: t('jobs.runAt'), dataIndex: 'runAt', render: (v: string) => formatTime(v) },
    { title: t('jobs.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatTime(v) },
    { title: t('jobs.finishedAt'), dataIndex: 'finishedAt', render: (v: string | null) => formatTime(v) || '—' },
    {
      title: t('jobs.lastError'),
      dataIndex: 'lastError',
      render: (v: string | null) =>
        v ? (
          <Typography.Text type="danger" ellipsis={{ tooltip: v }} style={{ maxWidth: 320 }}>
            {v}
          </Typography.Text>
        ) : null,
    },
  ];

  return (
    <PageCard
      title={t('jobs.title')}
      extra={
        <Space wrap>
          <Select
            id="jobStatus"
            allowClear
            placeholder={t('jobs.status')}
            style={{ width: 140 }}
            value={status}
            onChange={(v: string | undefined) => {
              paging.reset();
              setStatus(v);
            }}
            options={STATUSES.map((s) => ({ value: s, label: t(`jobs.status.${s}`) }))}
          />
          {can('job.export') ? (
            <Button icon={<DownloadOutlined />} href={jobsExportUrl(status)} download data-testid="jobs-export">
              {t('common.export')}
            </Button>
          ) : null}
        </Space>
      }
    >
      <LoadError error={error} onRetry={reload} />
      <Table<Job>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data?.items ?? []}
        columns={columns}
        pagination={tablePagination(t, paging, data?.total, narrow)}
        scroll={{ x: 'max-content' }}
        data-testid="jobs-table"
      />
    </PageCard>
  );
}
