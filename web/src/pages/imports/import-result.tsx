// Progress and result of one import: a progress bar while it runs, then the outcome, the row errors
// (row, column, reason), the error workbook downloads and "import again".
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Progress, Space, Table, Typography } from 'antd';
import { errorWorkbookUrl, type ImportStatus, type RowError } from '../../api/imports';
import { useT } from '../../i18n/i18n';
import { label } from '../../lib/format';

/** The result panel. */
export function ImportResult({ status: s, onAgain }: { status: ImportStatus; onAgain: () => void }) {
  const t = useT();
  const r = s.result;
  const running = s.status !== 'done';

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="import-result">
      <div>
        <Typography.Text strong>{s.fileName ?? ''}</Typography.Text>{' '}
        <Typography.Text type="secondary" data-testid="import-status">
          {label(t, 'imports.status', s.status)}
          {running && s.total ? ` · ${t('imports.progress', { processed: s.processed, total: s.total })}` : ''}
        </Typography.Text>
        <Progress
          percent={running ? s.percent : 100}
          status={running ? 'active' : r?.ok ? 'success' : r && r.written > 0 ? 'normal' : 'exception'}
          data-testid="import-progress"
        />
      </div>
      {r ? (
        <Alert
          type={r.ok ? 'success' : r.written > 0 ? 'warning' : 'error'}
          showIcon
          data-testid={r.ok ? 'import-ok' : 'import-failed'}
          title={
            r.ok
              ? t('imports.resultOk', { written: r.written })
              : r.written > 0
                ? t('imports.resultPartial', { written: r.written, errorRows: r.errorRows })
                : t('imports.resultRejected', { errorRows: r.errorRows, total: r.total })
          }
          description={r.truncated ? t('imports.truncated') : undefined}
        />
      ) : null}
      {r?.errors.length ? (
        <>
          <Space wrap>
            <Button icon={<DownloadOutlined />} href={errorWorkbookUrl(s.id)} download data-testid="import-error-workbook">
              {t('imports.downloadErrors')}
            </Button>
            <Button icon={<DownloadOutlined />} href={errorWorkbookUrl(s.id, 'errors')} download>
              {t('imports.downloadErrorRows')}
            </Button>
          </Space>
          <Table<RowError & { key: number }>
            size="small"
            dataSource={r.errors.map((e, key) => ({ ...e, key }))}
            pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
            scroll={{ x: 'max-content' }}
            data-testid="import-errors"
            columns={[
              { title: t('imports.row'), dataIndex: 'row', width: 80, render: (v: number) => (v === 0 ? t('imports.wholeFile') : v) },
              { title: t('imports.column'), dataIndex: 'column', width: 120, render: (v: string | null) => v ?? '—' },
              { title: t('imports.reason'), dataIndex: 'message' },
            ]}
          />
        </>
      ) : null}
      {running ? null : (
        <Button type="primary" icon={<ReloadOutlined />} onClick={onAgain} data-testid="import-again">
          {t('imports.again')}
        </Button>
      )}
    </Space>
  );
}
