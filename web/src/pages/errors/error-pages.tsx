// 403 and 404 pages.
import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { useT } from '../../i18n/i18n';

/** Shown on a route the user has no permission for. */
export function ForbiddenPage() {
  const t = useT();
  return (
    <Result
      status="403"
      title={t('error.403.title')}
      subTitle={t('error.403.subtitle')}
      extra={
        <Link to="/">
          <Button type="primary">{t('error.backHome')}</Button>
        </Link>
      }
    />
  );
}

/** Shown on an unknown route. */
export function NotFoundPage() {
  const t = useT();
  return (
    <Result
      status="404"
      title={t('error.404.title')}
      subTitle={t('error.404.subtitle')}
      extra={
        <Link to="/">
          <Button type="primary">{t('error.backHome')}</Button>
        </Link>
      }
    />
  );
}
