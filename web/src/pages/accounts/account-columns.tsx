// Columns of the accounts table, including the write actions.
import { Button, Popconfirm, Space, Tag, type TableColumnsType } from 'antd';
import { resetPassword, setAccountStatus } from '../../api/accounts';
import type { Account } from '../../api/types';
import { actionsColumn, statusTag, tagList, timeColumn, toggledStatus, useRowAction } from '../../components/table-columns';
import { useT } from '../../i18n/i18n';
import { label } from '../../lib/format';

type Options = {
  writable: boolean;
  /** Narrow screens get no fixed columns (they would take the whole width). */
  narrow: boolean;
  onChanged: () => void;
  onOneTimePassword: (otp: { username: string; password: string }) => void;
};

/** Builds the columns; actions appear only with account.write. */
export function useAccountColumns({ writable, narrow, onChanged, onOneTimePassword }: Options): TableColumnsType<Account> {
  const t = useT();
  const run = useRowAction(onChanged);

  const reset = (a: Account) =>
    run(async () => {
      const { oneTimePassword } = await resetPassword(a.id);
      onOneTimePassword({ username: a.username, password: oneTimePassword });
    });

  const toggle = (a: Account) => run(() => setAccountStatus(a.id, toggledStatus(a.status)), t('accounts.statusChanged'));

  const columns: TableColumnsType<Account> = [
    { title: t('accounts.username'), dataIndex: 'username', fixed: narrow ? undefined : 'left' },
    { title: t('accounts.displayName'), dataIndex: 'displayName' },
    { title: t('accounts.kind'), dataIndex: 'kind', render: (k: string) => label(t, 'kind', k) },
    { title: t('accounts.org'), dataIndex: 'orgName', render: (v: string | null) => v ?? '—' },
    { title: t('accounts.roles'), dataIndex: 'roles', render: (roles: string[]) => tagList(roles, (r) => label(t, 'role', r)) },
    {
      title: t('accounts.status'),
      key: 'status',
      render: (_, a) => {
        const locked = a.lockedUntil && new Date(a.lockedUntil).getTime() > Date.now();
        return (
          <Space size={4}>
            {statusTag(t, a.status)}
            {locked ? <Tag color="warning">{t('status.locked')}</Tag> : null}
          </Space>
        );
      },
    },
    {
      title: t('accounts.totp'),
      dataIndex: 'totpEnabled',
      render: (v: boolean) => (v ? <Tag color="success">{t('common.yes')}</Tag> : <Tag>{t('common.no')}</Tag>),
    },
    timeColumn(t('accounts.lastLogin'), 'lastLoginAt', { orDash: true }),
    timeColumn(t('accounts.lockedUntil'), 'lockedUntil', { orDash: true }),
  ];
  if (!writable) return columns;
  return [
    ...columns,
    actionsColumn<Account>(t, narrow, (a) => (
      <Space size={0}>
        <Popconfirm title={t('accounts.resetConfirm')} onConfirm={() => reset(a)}>
          <Button type="link" size="small">
            {t('accounts.resetPassword')}
          </Button>
        </Popconfirm>
        <Popconfirm title={t('common.confirm')} onConfirm={() => toggle(a)}>
          <Button type="link" size="small" danger={a.status === 'active'}>
            {a.status === 'active' ? t('accounts.disable') : t('accounts.enable')}
          </Button>
        </Popconfirm>
      </Space>
    )),
  ];
}
