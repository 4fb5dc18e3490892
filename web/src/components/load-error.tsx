// Inline error shown when a page's data could not load, with a retry button.
import { Alert, Button } from 'antd';
import { useT } from '../i18n/i18n';
import { errorText } from '../lib/errors';

/** Shows `error` (if any) with a retry action. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={t('app.loadFailed')}
      description={errorText(t, error)}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('app.retry')}
          </Button>
        ) : undefined
      }
      style={{ marginBottom: 16 }}
    />
  );
}
