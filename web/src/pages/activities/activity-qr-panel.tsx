// 活动码: the rotating signed activity code (valid about 30 s) that members scan with their phone;
// refreshed before it expires, shown full-screen on the host's screen or projector.
import { CompressOutlined, ExpandOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Spin, Typography } from 'antd';
import QRCode from 'qrcode';
import { useEffect, useRef, useState } from 'react';
import { getActivityQr } from '../../api/activities';
import { useT } from '../../i18n/i18n';
import { errorText } from '../../lib/errors';

/** Fetch the next code this long before the current one expires. */
const MARGIN_MS = 5_000;
/** Never ask more often than this (a clock far off, a tiny validity). */
const MIN_WAIT_MS = 2_000;
/** After a failure, try again after this long. */
const RETRY_MS = 5_000;

/** When to fetch the next code: at the server's refresh hint, and before expiry. */
export function nextRefreshMs(refreshInSeconds: number, expiresAt: string, now = Date.now()): number {
  const byHint = refreshInSeconds * 1000;
  const byExpiry = new Date(expiresAt).getTime() - now - MARGIN_MS;
  return Math.max(MIN_WAIT_MS, Math.min(byHint, byExpiry));
}

type Shown = { image: string; expiresAt: number };

/** The tab's content. */
export function ActivityQrPanel({ activityId, title, disabled }: { activityId: string; title: string; disabled?: string | null }) {
  const t = useT();
  const box = useRef<HTMLDivElement>(null);
  const [shown, setShown] = useState<Shown | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [now, setNow] = useState(Date.now());
  const [full, setFull] = useState(false);

  useEffect(() => {
    if (disabled) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      try {
        const qr = await getActivityQr(activityId);
        const image = await QRCode.toDataURL(qr.code, { errorCorrectionLevel: 'M', margin: 2, width: 640 });
        if (!live) return;
        setShown({ image, expiresAt: new Date(qr.expiresAt).getTime() });
        setError(null);
        timer = setTimeout(load, nextRefreshMs(qr.refreshInSeconds, qr.expiresAt));
      } catch (err) {
        if (!live) return;
        setError(err);
        timer = setTimeout(load, RETRY_MS);
      }
    };
    void load();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [activityId, disabled]);

  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 1000);
    const onFull = () => setFull(document.fullscreenElement === box.current);
    document.addEventListener('fullscreenchange', onFull);
    return () => {
      clearInterval(tick);
      document.removeEventListener('fullscreenchange', onFull);
    };
  }, []);

  const toggleFull = async () => {
    try {
      if (document.fullscreenElement) await document.exitFullscreen();
      else await box.current?.requestFullscreen();
    } catch {
      // Fullscreen refused (an iframe, an old browser): the code stays shown in the page.
    }
  };

  if (disabled) return <Alert type="info" showIcon title={disabled} />;
  const seconds = shown ? Math.max(0, Math.ceil((shown.expiresAt - now) / 1000)) : 0;
  const size = full ? 'min(78vh, 90vw)' : 'min(320px, 80vw)';

  return (
    <div data-testid="activity-qr-panel">
      <Typography.Paragraph type="secondary">{t('qr.hint')}</Typography.Paragraph>
      <div
        ref={box}
        style={{
          background: '#fff',
          display: 'flex',
          flexDirection: 'column',
          alignItems: 'center',
          justifyContent: 'center',
          gap: 12,
          padding: full ? 24 : 0,
        }}
      >
        {full ? (
          <Typography.Title level={2} style={{ margin: 0, textAlign: 'center' }}>
            {title}
          </Typography.Title>
        ) : null}
        {shown ? (
          <img src={shown.image} alt={t('qr.alt')} style={{ width: size, height: size, imageRendering: 'pixelated' }} data-testid="activity-qr-image" />
        ) : (
          <Flex align="center" justify="center" style={{ width: size, height: size }}>
            <Spin />
          </Flex>
        )}
        <Typography.Text style={{ fontSize: full ? 24 : 14 }} data-testid="activity-qr-countdown">
          {shown ? t('qr.expiresIn', { seconds }) : t('app.loading')}
        </Typography.Text>
        {error ? <Alert type="error" showIcon title={errorText(t, error)} /> : null}
        <Button icon={full ? <CompressOutlined /> : <ExpandOutlined />} onClick={toggleFull} data-testid="activity-qr-fullscreen">
          {full ? t('qr.exitFullscreen') : t('qr.fullscreen')}
        </Button>
      </div>
    </div>
  );
}
