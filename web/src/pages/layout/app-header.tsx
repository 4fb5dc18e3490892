// Header: county name, the user with roles, the notification bell, language switch and sign-out.
import { LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Flex, Layout, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { logout } from '../../api/auth';
import { NOTIFICATIONS_PERMISSION } from '../../api/notifications';
import { LangSwitch } from '../../components/lang-switch';
import { useT } from '../../i18n/i18n';
import { label } from '../../lib/format';
import { useMe, useSession } from '../../session/session';
import { NotificationBell } from '../notifications/notification-bell';
import styles from './app-layout.module.css';

type Props = { countyName?: string; onOpenMenu?: () => void; compact: boolean };

/** The top bar of the authenticated layout. */
export function AppHeader({ countyName, onOpenMenu, compact }: Props) {
  const t = useT();
  const me = useMe();
  const { setMe, can } = useSession();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);

  const signOut = async () => {
    setBusy(true);
    try {
      await logout();
    } catch {
      // The session may already be gone; sign out locally anyway.
    } finally {
      setBusy(false);
      setMe(null);
      navigate('/login', { replace: true });
    }
  };

  return (
    <Layout.Header className={styles.header}>
      <Flex align="center" gap={8} className={styles.headerLeft}>
        {onOpenMenu ? (
          <Button type="text" icon={<MenuOutlined />} onClick={onOpenMenu} aria-label={t('header.menu')} />
        ) : null}
        <Typography.Text strong ellipsis className={styles.county} data-testid="county-name">
          {countyName ?? t('app.title')}
        </Typography.Text>
      </Flex>
      <Flex align="center" gap={compact ? 0 : 8} className={styles.headerRight}>
        <Link to="/account" className={styles.user} data-testid="current-user">
          <UserOutlined />
          {compact ? null : <span className={styles.userName}>{me.account.displayName}</span>}
          {compact
            ? null
            : me.roles.slice(0, 2).map((r) => (
                <Tag key={r} color="red" variant="outlined" className={styles.roleTag}>
                  {label(t, 'role', r)}
                </Tag>
              ))}
          {!compact && me.roles.length > 2 ? <Tag>+{me.roles.length - 2}</Tag> : null}
        </Link>
        {can(NOTIFICATIONS_PERMISSION) && !me.restricted ? <NotificationBell compact={compact} /> : null}
        <LangSwitch compact={compact} />
        <Button type="text" icon={<LogoutOutlined />} onClick={signOut} loading={busy} data-testid="logout" aria-label={t('header.logout')}>
          {compact ? null : t('header.logout')}
        </Button>
      </Flex>
    </Layout.Header>
  );
}
