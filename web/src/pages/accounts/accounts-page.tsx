// Account management: searchable, paginated table; create, reset password, enable/disable (account.write); export.
import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Space } from 'antd';
import { useCallback, useState } from 'react';
import { accountsExportUrl, listAccounts } from '../../api/accounts';
import { PageCard } from '../../components/page-card';
import { ExportButton, type PageQuery, PagedTable, usePagedList } from '../../components/paged-table';
import { useT } from '../../i18n/i18n';
import { useSession } from '../../session/session';
import { useAccountColumns } from './account-columns';
import { CreateAccountModal } from './create-account-modal';
import { OneTimePasswordModal } from './one-time-password-modal';

/** The /accounts route. */
export default function AccountsPage() {
  const t = useT();
  const { can } = useSession();
  const writable = can('account.write');
  const [q, setQ] = useState('');
  const [creating, setCreating] = useState(false);
  const [otp, setOtp] = useState<{ username: string; password: string } | null>(null);

  const list = usePagedList(useCallback((page: PageQuery) => listAccounts({ q: q || undefined, ...page }), [q]));
  const { paging, narrow, reload } = list;
  const columns = useAccountColumns({ writable, narrow, onChanged: reload, onOneTimePassword: setOtp });

  return (
    <PageCard
      title={t('accounts.title')}
      extra={
        <Space wrap>
          <ExportButton permission="account.export" href={accountsExportUrl(q || undefined)} data-testid="accounts-export" />
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
      <PagedTable list={list} rowKey="id" columns={columns} data-testid="accounts-table" />
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
