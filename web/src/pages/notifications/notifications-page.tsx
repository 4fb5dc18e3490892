// 我的通知 (/notifications): my notifications, newest first, unread only on demand; a click marks one
// read and opens its link; mark all read; export to Excel. Reached from the header bell (members have
// no menu entry for it). Works at 360 px.
import { App, Button, Checkbox, Flex, type TableColumnsType, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import {
  type AppNotification,
  NOTIFICATIONS_PERMISSION,
  type NotificationSeverity,
  announceNotificationsChanged,
  listNotifications,
  markAllNotificationsRead,
  notificationsExportUrl,
  onNotificationsChanged,
} from '../../api/notifications';
import { PageCard } from '../../components/page-card';
import { ExportButton, type PageQuery, PagedTable, usePagedList } from '../../components/paged-table';
import { useI18n } from '../../i18n/i18n';
import { useShowError } from '../../lib/errors';
import { formatTime } from '../../lib/format';
import { severityTag, useOpenNotification } from './notification-bits';

/** The /notifications route. */
export default function NotificationsPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [reloadKey, setReloadKey] = useState(0);
  const [busy, setBusy] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reloadKey and the language reload the page.
  const fetchPage = useCallback((q: PageQuery) => listNotifications(unreadOnly, q.page, q.pageSize), [unreadOnly, reloadKey, lang]);
  const list = usePagedList<AppNotification>(fetchPage);
  const reload = useCallback(() => setReloadKey((k) => k + 1), []);
  const open = useOpenNotification();
  // Read elsewhere (the bell's popover): show it here too.
  useEffect(() => onNotificationsChanged(reload), [reload]);

  const readAll = async () => {
    setBusy(true);
    try {
      const r = await markAllNotificationsRead();
      message.success(t('notifications.readAllDone', { count: r.marked }));
      announceNotificationsChanged();
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  const markButton = (n: AppNotification) => (
    <Button size="small" onClick={() => void open({ ...n, link: null })} data-testid="notification-mark-read">
      {t('notifications.markRead')}
    </Button>
  );
  const state = (n: AppNotification) => (n.read ? <Typography.Text type="secondary">{t('notifications.read')}</Typography.Text> : markButton(n));
  const subject = (n: AppNotification) => (
    // On a phone the one column is as wide as the screen (minus the page, card and cell padding), so text wraps.
    <Flex vertical gap={2} style={list.narrow ? { width: 'calc(100vw - 112px)' } : { minWidth: 320, maxWidth: 560 }}>
      <Typography.Link onClick={() => void open(n)} strong={!n.read} data-testid="notification-title">
        {n.title}
      </Typography.Link>
      {n.body ? <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{n.body}</Typography.Text> : null}
      {n.orgName ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('notifications.toOrg', { org: n.orgName })}
        </Typography.Text>
      ) : null}
      {list.narrow ? (
        <Flex gap={8} wrap align="center" style={{ marginTop: 4 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatTime(n.createdAt)}
          </Typography.Text>
          {severityTag(t, n.severity)}
          {state(n)}
        </Flex>
      ) : null}
    </Flex>
  );
  // A phone shows one column holding everything; wider screens the time, severity and state apart.
  const columns: TableColumnsType<AppNotification> = list.narrow
    ? [{ title: t('notifications.subject'), key: 'subject', render: (_, n) => subject(n) }]
    : [
        { title: t('notifications.subject'), key: 'subject', render: (_, n) => subject(n) },
        { title: t('notifications.time'), dataIndex: 'createdAt', render: (v: string) => formatTime(v) },
        { title: '', dataIndex: 'severity', render: (s: NotificationSeverity) => severityTag(t, s) },
        { title: t('notifications.state'), key: 'state', render: (_, n) => state(n) },
      ];

  return (
    <PageCard title={t('notifications.title')} data-testid="notifications-page">
      <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
        <Checkbox
          checked={unreadOnly}
          onChange={(e) => {
            list.paging.reset();
            setUnreadOnly(e.target.checked);
          }}
          data-testid="notifications-unread-only"
        >
          {t('notifications.onlyUnread')}
        </Checkbox>
        <div style={{ flex: 1 }} />
        <Button onClick={readAll} loading={busy} data-testid="notifications-read-all">
          {t('notifications.readAll')}
        </Button>
        <ExportButton permission={NOTIFICATIONS_PERMISSION} href={notificationsExportUrl(unreadOnly)} data-testid="notifications-export" />
      </Flex>
      {list.data && list.data.total === 0 ? (
        <Typography.Paragraph type="secondary" data-testid="notifications-empty">
          {unreadOnly ? t('notifications.emptyUnread') : t('notifications.empty')}
        </Typography.Paragraph>
      ) : null}
      <PagedTable<AppNotification> list={list} rowKey="id" columns={columns} data-testid="notifications-table" />
    </PageCard>
  );
}
