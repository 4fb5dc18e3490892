// Turns any thrown value into a message the user can read.
import { App } from 'antd';
import { useCallback } from 'react';
import { ApiError } from '../api/client';
import { type TFunction, useT } from '../i18n/i18n';

/** The text to show for an error: the server's localized message, or a generic network error. */
export function errorText(t: TFunction, err: unknown): string {
  if (err instanceof ApiError) return err.status === 0 ? t('app.networkError') : err.message;
  return err instanceof Error ? err.message : String(err);
}

/** Shows an error as an antd message toast. */
export function useShowError() {
  const t = useT();
  const { message } = App.useApp();
  return useCallback((err: unknown) => message.error(errorText(t, err)), [t, message]);
}
