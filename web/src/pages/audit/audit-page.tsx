// Login and operation logs: filterable, paginated, exportable, with a chain verification.
import { SafetyOutlined } from '@ant-design/icons';
import { Alert, Button, Space } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { type AuditFilter, auditExportUrl, listAuditLogs, type VerifyResult, verifyAudit } from '../../api/audit';
import { PageCard } from '../../components/page-card';
import { ExportButton, type PageQuery, PagedTable, usePagedList } from '../../components/paged-table';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../lib/errors';
import { auditColumns } from './audit-columns';
import { type AuditFilterFields, AuditFilters } from './audit-filters';

/** The /audit/login and /audit/operations routes. */
export default function AuditPage({ kind }: { kind: 'login' | 'operation' }) {
  const t = useT();
  const showError = useShowError();
  const [fields, setFields] = useState<AuditFilterFields>({});
  const [verifying, setVerifying] = useState(false);
  const [verified, setVerified] = useState<VerifyResult | null>(null);

  const filter: AuditFilter = useMemo(() => ({ kind, ...fields }), [kind, fields]);
  const list = usePagedList(useCallback((page: PageQuery) => listAuditLogs(filter, page.page, page.pageSize), [filter]));
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
      <ExportButton permission="audit.export" href={auditExportUrl(filter)} data-testid="audit-export">
        {t('audit.export')}
      </ExportButton>
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
          list.paging.reset();
          setFields(next);
        }}
      />
      <PagedTable list={list} rowKey="seq" columns={columns} data-testid="audit-table" />
    </PageCard>
  );
}
