// The one-click reminder (POST /api/dues/reminders) for treasurers (dues.pay): all the unpaid members of
// an organization's month, or the listed ones; the result as a message (once a day per bill: the server
// dedupes, so a second click reports 今日已提醒过).
import { BellOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { type ReminderResult, sendReminders } from '../../api/dues-monitor';
import { type TFunction, useT } from '../../i18n/i18n';
import { useShowError } from '../../lib/errors';
import { useSession } from '../../session/session';
import { DUES_PAY_PERMISSION } from './dues-payments';

/** The text of a reminder's result: how many were reminded, or that they already were today. */
export function reminderText(t: TFunction, month: string, r: ReminderResult): { ok: boolean; text: string } {
  if (r.reminded > 0) {
    return { ok: true, text: r.alreadyToday > 0 ? t('duesMonitor.remindedSome', { count: r.reminded, already: r.alreadyToday }) : t('duesMonitor.reminded', { count: r.reminded }) };
  }
  if (r.alreadyToday > 0) return { ok: true, text: t('duesMonitor.alreadyToday') };
  return { ok: false, text: t('duesMonitor.nothingToRemind', { month }) };
}

type Props = {
  month: string;
  orgId: string;
  /** Only these members; all the unpaid members of the organization when left out. */
  memberIds?: string[];
  size?: 'small' | 'middle';
  'data-testid': string;
};

/** A reminder button, shown only to holders of dues.pay. */
export function RemindButton({ month, orgId, memberIds, size, ...rest }: Props) {
  const t = useT();
  const { can } = useSession();
  const { message } = App.useApp();
  const showError = useShowError();
  const [busy, setBusy] = useState(false);
  if (!can(DUES_PAY_PERMISSION)) return null;

  const remind = async () => {
    setBusy(true);
    try {
      const r = reminderText(t, month, await sendReminders({ month, orgId, memberIds }));
      if (r.ok) message.success(r.text);
      else message.info(r.text);
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button size={size ?? (memberIds ? 'small' : 'middle')} icon={<BellOutlined />} loading={busy} onClick={remind} data-testid={rest['data-testid']}>
      {memberIds ? t('duesMonitor.remind') : t('duesMonitor.remindAll')}
    </Button>
  );
}
