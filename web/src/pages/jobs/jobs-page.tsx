// Background jobs: paginated table with a status filter and an Excel export of the same filter.
import { Select, Space, type TableColumnsType } from 'antd';
import { useCallback, useState } from 'react';
import { jobsExportUrl, listJobs } from '../../api/audit';
import type { Job } from '../../api/types';
import { PageCard } from '../../components/page-card';
import { ExportButton, type PageQuery, PagedTable, usePagedList } from '../../components/paged-table';
import { codeTag, codeText, ellipsisText, timeColumn } from '../../components/table-columns';
import { useT } from '../../i18n/i18n';

const STATUSES = ['pending', 'running', 'done', 'failed'] as const;
const STATUS_COLORS: Record<string, string> = { pending: 'default', running: 'processing', done: 'success', failed: 'error' };

/** The /system/jobs route. */
export default function JobsPage() {
  const t = useT();
  const [status, setStatus] = useState<string | undefined>(undefined);
  const list = usePagedList(useCallback((page: PageQuery) => listJobs({ status, ...page }), [status]));

  const columns: TableColumnsType<Job> = [
    { title: t('jobs.id'), dataIndex: 'id', width: 80 },
    { title: t('jobs.name'), dataIndex: 'name', render: codeText },
    { title: t('jobs.status'), dataIndex: 'status', render: (v: string) => codeTag(t, 'jobs.status', v, STATUS_COLORS) },
    { title: t('jobs.attempts'), key: 'attempts', render: (_, j) => `${j.attempts} / ${j.maxAttempts}` },
    timeColumn(t('jobs.runAt'), 'runAt'),
    timeColumn(t('jobs.createdAt'), 'createdAt'),
    timeColumn(t('jobs.finishedAt'), 'finishedAt', { orDash: true }),
    { title: t('jobs.lastError'), dataIndex: 'lastError', render: (v: string | null) => ellipsisText(v, 320, 'danger') },
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
              list.paging.reset();
              setStatus(v);
            }}
            options={STATUSES.map((s) => ({ value: s, label: t(`jobs.status.${s}`) }))}
          />
          <ExportButton permission="job.export" href={jobsExportUrl(status)} data-testid="jobs-export" />
        </Space>
      }
    >
      <PagedTable list={list} rowKey="id" columns={columns} data-testid="jobs-table" />
    </PageCard>
  );
}
