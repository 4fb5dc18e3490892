// Login and operation logs: filterable, paginated, exportable, with a chain verification.
import { DownloadOutlined, SafetyOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Table } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { type AuditFilter, auditExportUrl, listAuditLogs, type VerifyResult, verifyAudit } from '../../api/audit';
import type { AuditRow } from '../../api/types';
import { LoadError } from '../../components/load-error';
import { PageCard, useNarrow } from '../../components/page-card';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../lib/errors';
import { tablePagination, usePaging } from '../../lib/paging';
import { useAsync } from '../../lib/use-async';
import { useSession } from '../../session/session';
import { auditColumns } from './audit-columns';
import { type AuditFilterFields, AuditFilters } from './audit-filters';

/** The /audit/login and /audit/operations routes. */
export default function AuditPage({ kind }: { kind: 'login' | 'operation' }) {
  const t = useT();
  const { can } = useSession();
  const showError = useShowError();
  const narrow = useNarrow();
  const paging = usePaging();
  const [fields, setFields] = useState<AuditFilterFields>({});
  const [verifying, setVerifying] = useState(false);
  const [verified, setVerified] = useState<VerifyResult | null>(null);

  const filter: AuditFilter = useMemo(() => ({ kind, ...fields }), [kind, fields]);
  const load = useCallback(() => listAuditLogs(filter, paging.page, paging.pageSize), [filter, paging.page, paging.pageSize]);
  const { data, error, loading, reload } = useAsync(load);
  const columns = useMemo(() => auditColumns(t, kind), [t, kind]);

  const verify = async () => {
    setVerifying(true);
    try {
      setVerified(await verifyAudit());
    } catch (err) {
      showError(err);
    } finally {
      setVerifying(false);
    }
  };

  const extra = (
    <Space wrap>
      {can('audit.export') ? (
        <Button icon={<DownloadOutlined />} href={auditExportUrl(filter)} download data-testid="audit-export">
          {t('audit.export')}
        </Button>
      ) : null}
      <Button icon={<SafetyOutlined />} onClick={verify} loading={verifying} data-testid="audit-verify">
        {t('audit.verify')}
      </Button>
    </Space>
  );

  return (
    <PageCard title={kind === 'login' ? t('audit.loginTitle') : t('audit.operationTitle')} extra={extra}>
      {verified ? (
        <Alert
          type={verified.ok ? 'success' : 'error'}
          showIcon
          closable={{ onClose: () => setVerified(null) }}
          title={t('audit.verifyTitle')}
          description={
            verified.ok || !verified.brokenAt
              ? t('audit.verifyOk', { checked: verified.checked })
              : t('audit.verifyBroken', {
                  seq: verified.brokenAt.seq,
                  county: verified.brokenAt.countyCode,
                  reason: verified.brokenAt.reason,
                  checked: verified.checked,
                })
          }
          style={{ marginBottom: 16 }}
          data-testid="audit-verify-result"
        />
      ) : null}
      <AuditFilters
        onApply={(next) => {
          paging.reset();
          setFields(next);
        }}
      />
      <LoadError error={error} onRetry={reload} />
      <Table<AuditRow>
        rowKey="seq"
        size="middle"
        loading={loading}
        dataSource={data?.items ?? []}
        columns={columns}
        pagination={tablePagination(t, paging, data?.total, narrow)}
        scroll={{ x: 'max-content' }}
        data-testid="audit-table"
      />
    </PageCard>
  );
}
