// Centered spinner used as the Suspense fallback and while the session loads.
import { Flex, Spin } from 'antd';
import { useT } from '../i18n/i18n';

/** A full-area loading indicator. */
export function PageLoading({ fullScreen = false }: { fullScreen?: boolean }) {
  const t = useT();
  return (
    <Flex align="center" justify="center" style={{ minHeight: fullScreen ? '100vh' : 240 }}>
      <Spin description={t('app.loading')} />
    </Flex>
  );
}
