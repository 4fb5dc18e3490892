// Account management: searchable, paginated table; create, reset password, enable/disable (account.write); export.
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Space, Table } from 'antd';
import { useCallback, useState } from 'react';
import { accountsExportUrl, listAccounts } from '../../api/accounts';
import type { Account } from '../../api/types';
import { LoadError } from '../../components/load-error';
import { PageCard, useNarrow } from '../../components/page-card';
import { useT } from '../../i18n/i18n';
import { tablePagination, usePaging } from '../../lib/paging';
import { useAsync } from '../../lib/use-async';
import { useSession } from '../../session/session';
import { useAccountColumns } from './account-columns';
import { CreateAccountModal } from './create-account-modal';
import { OneTimePasswordModal } from './one-time-password-modal';

/** The /accounts route. */
export default function AccountsPage() {
  const t = useT();
  const { can } = useSession();
  const writable = can('account.write');
  const paging = usePaging();
  const narrow = useNarrow();
  const [q, setQ] = useState('');
  const [creating, setCreating] = useState(false);
  const [otp, setOtp] = useState<{ username: string; password: string } | null>(null);

  const load = useCallback(
    () => listAccounts({ q: q || undefined, page: paging.page, pageSize: paging.pageSize }),
    [q, paging.page, paging.pageSize],
  );
  const { data, error, loading, reload } = useAsync(load);
  const columns = useAccountColumns({ writable, narrow, onChanged: reload, onOneTimePassword: setOtp });

  return (
    <PageCard
      title={t('accounts.title')}
      extra={
        <Space wrap>
          {can('account.export') ? (
            <Button icon={<DownloadOutlined />} href={accountsExportUrl(q || undefined)} download data-testid="accounts-export">
              {t('common.export')}
            </Button>
          ) : null}
          {writable ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="account-create">
              {t('accounts.create')}
            </Button>
          ) : null}
        </Space>
      }
    >
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('accounts.searchPlaceholder')}
          enterButton={t('common.search')}
          onSearch={(value) => {
            paging.reset();
            setQ(value.trim());
          }}
          style={{ maxWidth: 360 }}
          id="accountSearch"
        />
      </Flex>
      <LoadError error={error} onRetry={reload} />
      <Table<Account>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data?.items ?? []}
        columns={columns}
        pagination={tablePagination(t, paging, data?.total, narrow)}
        scroll={{ x: 'max-content' }}
        data-testid="accounts-table"
      />
      {creating ? (
        <CreateAccountModal
          onClose={() => setCreating(false)}
          onCreated={(account, password) => {
            setCreating(false);
            setOtp({ username: account.username, password });
            reload();
          }}
        />
      ) : null}
      {otp ? <OneTimePasswordModal username={otp.username} password={otp.password} onClose={() => setOtp(null)} /> : null}
    </PageCard>
  );
}
