// Columns of the API-clients table, including the write actions (rotate, enable/disable).
import { Button, Popconfirm, Space, type TableColumnsType, Typography } from 'antd';
import { type ApiClientSecret, rotateApiClient, setApiClientStatus } from '../../api/api-clients';
import type { ApiClient } from '../../api/types';
import { actionsColumn, statusTag, tagList, timeColumn, toggledStatus, useRowAction } from '../../components/table-columns';
import { useT } from '../../i18n/i18n';

type Options = {
  writable: boolean;
  /** Narrow screens get no fixed columns (they would take the whole width). */
  narrow: boolean;
  onChanged: () => void;
  onSecret: (issued: ApiClientSecret) => void;
};

const MONOSPACE = { fontFamily: 'monospace' };

/** Builds the columns; actions appear only with grant.write. */
export function useApiClientColumns({ writable, narrow, onChanged, onSecret }: Options): TableColumnsType<ApiClient> {
  const t = useT();
  const run = useRowAction(onChanged);

  const rotate = (c: ApiClient) => run(async () => onSecret(await rotateApiClient(c.id)));

  const toggle = (c: ApiClient) => run(() => setApiClientStatus(c.id, toggledStatus(c.status)), t('apiClients.statusChanged'));

  const columns: TableColumnsType<ApiClient> = [
    { title: t('apiClients.name'), dataIndex: 'name', fixed: narrow ? undefined : 'left' },
    {
      title: t('apiClients.keyId'),
      dataIndex: 'keyId',
      render: (v: string) => (
        <Typography.Text code copyable>
          {v}
        </Typography.Text>
      ),
    },
    { title: t('apiClients.org'), dataIndex: 'orgName' },
    { title: t('apiClients.routes'), dataIndex: 'routes', render: (routes: string[]) => tagList(routes, undefined, MONOSPACE) },
    { title: t('apiClients.status'), dataIndex: 'status', render: (v: ApiClient['status']) => statusTag(t, v) },
    timeColumn(t('apiClients.createdAt'), 'createdAt'),
    timeColumn(t('apiClients.lastUsedAt'), 'lastUsedAt', { orDash: true }),
  ];
  if (!writable) return columns;
  return [
    ...columns,
    actionsColumn<ApiClient>(t, narrow, (c) => {
      const active = c.status === 'active';
      return (
        <Space size={0}>
          {active ? (
            <Popconfirm title={t('apiClients.rotateConfirm')} onConfirm={() => rotate(c)}>
              <Button type="link" size="small" data-testid={`api-client-rotate-${c.keyId}`}>
                {t('apiClients.rotate')}
              </Button>
            </Popconfirm>
          ) : null}
          <Popconfirm
            title={active ? t('apiClients.disableConfirm') : t('apiClients.enableConfirm')}
            onConfirm={() => toggle(c)}
          >
            <Button type="link" size="small" danger={active} data-testid={`api-client-toggle-${c.keyId}`}>
              {active ? t('apiClients.disable') : t('apiClients.enable')}
            </Button>
          </Popconfirm>
        </Space>
      );
    }),
  ];
}
