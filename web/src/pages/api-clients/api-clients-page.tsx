// API clients (kiosks, other government systems): paginated table; create, rotate, enable/disable (grant.write).
import { PlusOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { useState } from 'react';
import { type ApiClientSecret, apiClientsExportUrl, listApiClients } from '../../api/api-clients';
import { PageCard } from '../../components/page-card';
import { ExportButton, PagedTable, usePagedList } from '../../components/paged-table';
import { useT } from '../../i18n/i18n';
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
  const [creating, setCreating] = useState(false);
  const [issued, setIssued] = useState<ApiClientSecret | null>(null);

  const list = usePagedList(listApiClients);
  const { narrow, reload } = list;
  const columns = useApiClientColumns({ writable, narrow, onChanged: reload, onSecret: setIssued });

  const extra = (
    <Space wrap>
      <ExportButton permission="account.export" href={apiClientsExportUrl()} data-testid="api-clients-export" />
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
      <PagedTable list={list} rowKey="id" columns={columns} data-testid="api-clients-table" />
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
