// API clients (kiosks, other government systems): paginated table; create, rotate, enable/disable (grant.write).
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Space, Table } from 'antd';
import { useCallback, useState } from 'react';
import { type ApiClientSecret, apiClientsExportUrl, listApiClients } from '../../api/api-clients';
import type { ApiClient } from '../../api/types';
import { LoadError } from '../../components/load-error';
import { PageCard, useNarrow } from '../../components/page-card';
import { useT } from '../../i18n/i18n';
import { tablePagination, usePaging } from '../../lib/paging';
import { useAsync } from '../../lib/use-async';
import { useSession } from '../../session/session';
import { useApiClientColumns } from './api-client-columns';
import { CreateApiClientModal } from './create-api-client-modal';
import { SecretModal } from './secret-modal';
import { SigningHelp } from './signing-help';

/** The /api-clients route. */
export default function ApiClientsPage() {
  const t = useT();
  const { can } = useSession();
  const writable = can('grant.write');
  const paging = usePaging();
  const narrow = useNarrow();
  const [creating, setCreating] = useState(false);
  const [issued, setIssued] = useState<ApiClientSecret | null>(null);

  const load = useCallback(() => listApiClients({ page: paging.page, pageSize: paging.pageSize }), [paging.page, paging.pageSize]);
  const { data, error, loading, reload } = useAsync(load);
  const columns = useApiClientColumns({ writable, narrow, onChanged: reload, onSecret: setIssued });

  const extra = (
    <Space wrap>
      {can('account.export') ? (
        <Button icon={<DownloadOutlined />} href={apiClientsExportUrl()} download data-testid="api-clients-export">
          {t('common.export')}
        </Button>
      ) : null}
      {writable ? (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="api-client-create">
          {t('apiClients.create')}
        </Button>
      ) : null}
    </Space>
  );

  return (
    <PageCard title={t('apiClients.title')} extra={extra}>
      <SigningHelp />
      <LoadError error={error} onRetry={reload} />
      <Table<ApiClient>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data?.items ?? []}
        columns={columns}
        pagination={tablePagination(t, paging, data?.total, narrow)}
        scroll={{ x: 'max-content' }}
        data-testid="api-clients-table"
      />
      {creating ? (
        <CreateApiClientModal
          onClose={() => setCreating(false)}
          onCreated={(next) => {
            setCreating(false);
            setIssued(next);
            reload();
          }}
        />
      ) : null}
      {issued ? <SecretModal issued={issued} onClose={() => setIssued(null)} /> : null}
    </PageCard>
  );
}
