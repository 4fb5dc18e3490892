// The product mark shown above the sign-in card.
import { Typography } from 'antd';
import { useT } from '../../i18n/i18n';
import styles from './login-page.module.css';

/** Logo, product name and the county served. */
export function BrandMark({ countyName }: { countyName?: string }) {
  const t = useT();
  return (
    <div className={styles.brand}>
      <img src="/favicon.svg" alt="" width={48} height={48} />
      <div>
        <Typography.Title level={3} className={styles.brandTitle}>
          {t('app.name')}
          <span className={styles.brandSub}>{t('app.subtitle')}</span>
        </Typography.Title>
        {countyName ? <Typography.Text type="secondary">{countyName}</Typography.Text> : null}
      </div>
    </div>
  );
}
