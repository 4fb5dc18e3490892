// Authenticated shell: Sider menu (a Drawer on narrow screens), header, demo banner, page outlet.
import { Alert, Drawer, Grid, Layout, Menu } from 'antd';
import { Suspense, useMemo, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { PageLoading } from '../../components/page-loading';
import { useT } from '../../i18n/i18n';
import { useMe, useSession } from '../../session/session';
import { AppHeader } from './app-header';
import styles from './app-layout.module.css';
import { menuItems, openGroupKeys, selectedKey, visibleEntries } from './menu-items';

/** The layout route element (default export for React.lazy). */
export default function AppLayout() {
  const t = useT();
  const me = useMe();
  const { health } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const desktop = screens.lg ?? true;
  const [drawerOpen, setDrawerOpen] = useState(false);

  const entries = useMemo(() => (me.restricted ? [] : visibleEntries(me.permissions)), [me]);
  const current = selectedKey(location.pathname, entries);
  const menu = (
    <Menu
      data-testid="main-menu"
      theme="dark"
      mode="inline"
      selectedKeys={current ? [current] : []}
      defaultOpenKeys={openGroupKeys(current, entries)}
      items={menuItems(entries, t)}
      onClick={({ key }) => {
        setDrawerOpen(false);
        navigate(key);
      }}
    />
  );
  const brand = (
    <div className={styles.brand}>
      <img src="/favicon.svg" alt="" width={28} height={28} />
      <span>{t('app.name')}</span>
    </div>
  );
  const showMenu = entries.length > 0;

  return (
    <Layout className={styles.root}>
      {desktop && showMenu ? (
        <Layout.Sider width={216} className={styles.sider}>
          {brand}
          {menu}
        </Layout.Sider>
      ) : null}
      {!desktop && showMenu ? (
        <Drawer
          placement="left"
          size={240}
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          closable={false}
          styles={{ body: { padding: 0, background: '#001529' } }}
        >
          {brand}
          {menu}
        </Drawer>
      ) : null}
      <Layout>
        <AppHeader
          countyName={health?.county.name}
          onOpenMenu={!desktop && showMenu ? () => setDrawerOpen(true) : undefined}
          compact={!screens.md}
        />
        {health?.mode === 'demo' || me.mode === 'demo' ? (
          <Alert type="warning" banner showIcon title={t('app.demoBanner')} data-testid="demo-banner" />
        ) : null}
        <Layout.Content className={styles.content}>
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
