// Grant management: pick an account, list its grants, add or revoke them (grant.write).
import { App, Button, Card, Empty, Flex, Popconfirm, Table, type TableColumnsType, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { deleteGrant, listGrants } from '../../api/accounts';
import type { Account, Grant } from '../../api/types';
import { LoadError } from '../../components/load-error';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../lib/errors';
import { formatTime, label } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { useSession } from '../../session/session';
import { AccountPicker } from './account-picker';
import { AddGrantForm } from './add-grant-form';

/** The /grants route. */
export default function GrantsPage() {
  const t = useT();
  const { message } = App.useApp();
  const { can } = useSession();
  const showError = useShowError();
  const writable = can('grant.write');
  const [account, setAccount] = useState<Account | undefined>(undefined);

  const load = useCallback(() => (account ? listGrants(account.id) : Promise.resolve([])), [account]);
  const { data, error, loading, reload } = useAsync(load);

  const remove = async (g: Grant) => {
    try {
      await deleteGrant(g.id);
      message.success(t('grants.removed'));
      reload();
    } catch (err) {
      showError(err);
    }
  };

  const columns: TableColumnsType<Grant> = [
    { title: t('grants.role'), dataIndex: 'role', render: (r: string) => label(t, 'role', r) },
    { title: t('grants.org'), dataIndex: 'orgName' },
    { title: t('grants.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatTime(v) },
  ];
  if (writable) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_, g) => (
        <Popconfirm title={t('grants.removeConfirm')} onConfirm={() => remove(g)}>
          <Button type="link" size="small" danger>
            {t('grants.remove')}
          </Button>
        </Popconfirm>
      ),
    });
  }

  return (
    <Card title={t('grants.title')}>
      <Flex vertical gap={16}>
        <Flex vertical gap={4}>
          <Typography.Text strong>{t('grants.pickAccount')}</Typography.Text>
          <AccountPicker value={account} onChange={setAccount} />
        </Flex>
        {account ? (
          <>
            <LoadError error={error} onRetry={reload} />
            <Table<Grant>
              rowKey="id"
              size="middle"
              loading={loading}
              dataSource={data ?? []}
              columns={columns}
              pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => t('common.total', { total: n }) }}
              scroll={{ x: 'max-content' }}
              data-testid="grants-table"
            />
            {writable ? <AddGrantForm accountId={account.id} onAdded={reload} /> : null}
          </>
        ) : (
          <Empty description={t('grants.noAccount')} />
        )}
      </Flex>
    </Card>
  );
}
