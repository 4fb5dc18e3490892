// Columns of the API-clients table, including the write actions (rotate, enable/disable).
import { App, Button, Popconfirm, Space, type TableColumnsType, Tag, Typography } from 'antd';
import { type ApiClientSecret, rotateApiClient, setApiClientStatus } from '../../api/api-clients';
import type { ApiClient } from '../../api/types';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../lib/errors';
import { formatTime, label } from '../../lib/format';

type Options = {
  writable: boolean;
  /** Narrow screens get no fixed columns (they would take the whole width). */
  narrow: boolean;
  onChanged: () => void;
  onSecret: (issued: ApiClientSecret) => void;
};

/** Builds the columns; actions appear only with grant.write. */
export function useApiClientColumns({ writable, narrow, onChanged, onSecret }: Options): TableColumnsType<ApiClient> {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();

  const rotate = async (c: ApiClient) => {
    try {
      onSecret(await rotateApiClient(c.id));
      onChanged();
    } catch (err) {
      showError(err);
    }
  };

  const toggle = async (c: ApiClient) => {
    try {
      await setApiClientStatus(c.id, c.status === 'active' ? 'disabled' : 'active');
      message.success(t('apiClients.statusChanged'));
      onChanged();
    } catch (err) {
      showError(err);
    }
  };

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
    {
      title: t('apiClients.routes'),
      dataIndex: 'routes',
      render: (routes: string[]) => (
        <Space size={[4, 4]} wrap>
          {routes.map((r) => (
            <Tag key={r} style={{ fontFamily: 'monospace' }}>
              {r}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('apiClients.status'),
      dataIndex: 'status',
      render: (v: ApiClient['status']) => (
        <Tag color={v === 'active' ? 'success' : 'default'}>{label(t, 'status', v)}</Tag>
      ),
    },
    { title: t('apiClients.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatTime(v) },
    { title: t('apiClients.lastUsedAt'), dataIndex: 'lastUsedAt', render: (v: string | null) => formatTime(v) || '—' },
  ];
  if (!writable) return columns;
  return [
    ...columns,
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: narrow ? undefined : 'right',
      render: (_, c) => {
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
      },
    },
  ];
}
