// Columns of the accounts table, including the write actions.
import { App, Button, Popconfirm, Space, Tag, type TableColumnsType } from 'antd';
import { resetPassword, setAccountStatus } from '../../api/accounts';
import type { Account } from '../../api/types';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../lib/errors';
import { formatTime, label } from '../../lib/format';

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
  const { message } = App.useApp();
  const showError = useShowError();

  const reset = async (a: Account) => {
    try {
      const { oneTimePassword } = await resetPassword(a.id);
      onOneTimePassword({ username: a.username, password: oneTimePassword });
      onChanged();
    } catch (err) {
      showError(err);
    }
  };

  const toggle = async (a: Account) => {
    try {
      await setAccountStatus(a.id, a.status === 'active' ? 'disabled' : 'active');
      message.success(t('accounts.statusChanged'));
      onChanged();
    } catch (err) {
      showError(err);
    }
  };

  const columns: TableColumnsType<Account> = [
    { title: t('accounts.username'), dataIndex: 'username', fixed: narrow ? undefined : 'left' },
    { title: t('accounts.displayName'), dataIndex: 'displayName' },
    { title: t('accounts.kind'), dataIndex: 'kind', render: (k: string) => label(t, 'kind', k) },
    { title: t('accounts.org'), dataIndex: 'orgName', render: (v: string | null) => v ?? '—' },
    {
      title: t('accounts.roles'),
      dataIndex: 'roles',
      render: (roles: string[]) => (
        <Space size={[4, 4]} wrap>
          {roles.map((r) => (
            <Tag key={r}>{label(t, 'role', r)}</Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('accounts.status'),
      key: 'status',
      render: (_, a) => {
        const locked = a.lockedUntil && new Date(a.lockedUntil).getTime() > Date.now();
        return (
          <Space size={4}>
            <Tag color={a.status === 'active' ? 'success' : 'default'}>{label(t, 'status', a.status)}</Tag>
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
    { title: t('accounts.lastLogin'), dataIndex: 'lastLoginAt', render: (v: string | null) => formatTime(v) || '—' },
    { title: t('accounts.lockedUntil'), dataIndex: 'lockedUntil', render: (v: string | null) => formatTime(v) || '—' },
  ];
  if (!writable) return columns;
  return [
    ...columns,
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: narrow ? undefined : 'right',
      render: (_, a) => (
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
      ),
    },
  ];
}
