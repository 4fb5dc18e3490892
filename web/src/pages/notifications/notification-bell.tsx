// The header bell: the unread count (polled every 60 s, again when the window regains focus or a page
// marks something read) and a popover with the latest 5 notifications and a link to /notifications. On
// a phone (narrower than antd's md) the bell opens /notifications directly: a popover would not fit.
import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Flex, Popover, Spin, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { type AppNotification, getUnreadCount, listNotifications, onNotificationsChanged } from '../../api/notifications';
import { useI18n } from '../../i18n/i18n';
import { formatTime } from '../../lib/format';
import { severityTag, useOpenNotification } from './notification-bits';

const POLL_MS = 60_000;

/** The unread count, kept fresh. */
function useUnreadCount() {
  const { lang } = useI18n();
  const [count, setCount] = useState(0);
  const refresh = useCallback(() => {
    getUnreadCount()
      .then((r) => setCount(r.count))
      .catch(() => {
        // A failed poll keeps the last count; the next one tries again.
      });
  }, []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a language switch refetches too.
  useEffect(() => {
    refresh();
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') refresh();
    }, POLL_MS);
    const onVisible = () => {
      if (document.visibilityState === 'visible') refresh();
    };
    window.addEventListener('focus', refresh);
    document.addEventListener('visibilitychange', onVisible);
    const off = onNotificationsChanged(refresh);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('focus', refresh);
      document.removeEventListener('visibilitychange', onVisible);
      off();
    };
  }, [refresh, lang]);
  return { count, refresh };
}

/** The latest 5 of mine, loaded when the popover opens. */
function Latest({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const [items, setItems] = useState<AppNotification[] | undefined>();
  const [failed, setFailed] = useState(false);
  const open = useOpenNotification();
  useEffect(() => {
    listNotifications(false, 1, 5)
      .then((p) => setItems(p.items))
      .catch(() => setFailed(true));
  }, []);
  return (
    <div style={{ width: 320, maxWidth: 'calc(100vw - 32px)' }} data-testid="notification-popover">
      {!items && !failed ? (
        <Flex justify="center" style={{ padding: 16 }}>
          <Spin />
        </Flex>
      ) : null}
      {failed ? <Typography.Text type="danger">{t('app.loadFailed')}</Typography.Text> : null}
      {items?.length === 0 ? <Typography.Text type="secondary">{t('notifications.none')}</Typography.Text> : null}
      {items?.map((n) => (
        <button
          key={n.id}
          type="button"
          onClick={() => {
            onClose();
            void open(n);
          }}
          data-testid="notification-popover-item"
          style={{ display: 'block', width: '100%', textAlign: 'left', background: 'none', border: 0, padding: '8px 0', cursor: 'pointer', borderBottom: '1px solid #f0f0f0' }}
        >
          <Flex gap={6} align="center">
            <Badge status={n.read ? 'default' : 'processing'} />
            <Typography.Text strong={!n.read} ellipsis style={{ flex: 1, minWidth: 0 }}>
              {n.title}
            </Typography.Text>
            {severityTag(t, n.severity)}
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatTime(n.createdAt)}
          </Typography.Text>
        </button>
      ))}
      <Flex justify="center" style={{ paddingTop: 8 }}>
        <Link to="/notifications" onClick={onClose} data-testid="notification-view-all">
          {t('notifications.viewAll')}
        </Link>
      </Flex>
    </div>
  );
}

/** The bell of the header (render it only for holders of self.notifications). */
export function NotificationBell({ compact }: { compact: boolean }) {
  const { t } = useI18n();
  const { count, refresh } = useUnreadCount();
  const [open, setOpen] = useState(false);
  const navigate = useNavigate();
  const button = (
    <Button
      type="text"
      aria-label={count > 0 ? t('notifications.bellUnread', { count }) : t('notifications.bell')}
      data-testid="notification-bell"
      onClick={compact ? () => navigate('/notifications') : undefined}
      icon={
        <Badge count={count} overflowCount={99} size="small" data-testid="notification-badge">
          <BellOutlined style={{ fontSize: 16 }} />
        </Badge>
      }
    />
  );
  if (compact) return button;
  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={(v) => {
        setOpen(v);
        if (v) refresh();
      }}
      title={t('notifications.latest')}
      content={open ? <Latest onClose={() => setOpen(false)} /> : null}
      destroyOnHidden
    >
      {button}
    </Popover>
  );
}
