// Shared pieces of the header bell and the /notifications page: the severity tag and opening a
// notification (mark it read, then go to its link when it is a console path).
import { Tag } from 'antd';
import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { type AppNotification, type NotificationSeverity, announceNotificationsChanged, isConsolePath, markNotificationRead } from '../../api/notifications';
import type { TFunction } from '../../i18n/i18n';
import { useShowError } from '../../lib/errors';

const COLORS: Record<NotificationSeverity, string> = { info: 'blue', warning: 'gold', danger: 'red' };

/** The severity as a coloured tag. */
export const severityTag = (t: TFunction, s: NotificationSeverity) => (
  <Tag color={COLORS[s]} variant="outlined">
    {t(`notifications.severity.${s}`)}
  </Tag>
);

/** Returns a function that marks a notification read (when unread) and then follows its link. */
export function useOpenNotification(onRead?: () => void) {
  const navigate = useNavigate();
  const showError = useShowError();
  return useCallback(
    async (n: AppNotification) => {
      if (!n.read) {
        try {
          await markNotificationRead(n.id);
          announceNotificationsChanged();
          onRead?.();
        } catch (err) {
          showError(err);
          return;
        }
      }
      if (isConsolePath(n.link)) navigate(n.link);
    },
    [navigate, showError, onRead],
  );
}
