// /kiosk: the check-in kiosk (a registered device, no login session). First run asks for the device's
// key id and secret; then today's activities of the device; then the scan screen. Works offline: scans
// go to an IndexedDB queue uploaded when the server is back.
import { CloudOutlined, CloudSyncOutlined, DisconnectOutlined, ExpandOutlined, SettingOutlined, SwapOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, List, Modal, Popconfirm, Radio, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { LangSwitch } from '../../components/lang-switch';
import { useT } from '../../i18n/i18n';
import { formatTime, label } from '../../lib/format';
import type { KioskActivity } from './kiosk-api';
import styles from './kiosk.module.css';
import { READER_MODES } from './kiosk-scan';
import { KioskScanner } from './kiosk-scanner';
import { KioskSetup } from './kiosk-setup';
import { unlockAudio } from './kiosk-sound';
import { registerKioskWorker } from './kiosk-worker';
import { inWindow, type Kiosk, useKiosk } from './use-kiosk';

const hm = (iso: string) => formatTime(iso).slice(11, 16);

/** A clock in Asia/Shanghai, ticking every second. */
function Clock() {
  const [now, setNow] = useState(() => new Date().toISOString());
  useEffect(() => {
    const tick = setInterval(() => setNow(new Date().toISOString()), 1000);
    return () => clearInterval(tick);
  }, []);
  return <span className={styles.clock}>{formatTime(now).slice(11)}</span>;
}

/** Online / offline and the queue. */
function StatusBar({ kiosk }: { kiosk: Kiosk }) {
  const t = useT();
  const { online, upload } = kiosk;
  return (
    <div className={styles.statusBar} data-testid="kiosk-status">
      {online === false ? (
        <Tag icon={<DisconnectOutlined />} color="warning" data-testid="kiosk-offline">
          {t('kiosk.offline')}
        </Tag>
      ) : (
        <Tag icon={<CloudOutlined />} color={online ? 'success' : 'default'}>
          {online ? t('kiosk.online') : t('kiosk.connecting')}
        </Tag>
      )}
      {upload.pending ? (
        <Tag icon={<CloudSyncOutlined spin={upload.uploading} />} color="gold" data-testid="kiosk-pending">
          {t('kiosk.pending', { pending: upload.pending })}
        </Tag>
      ) : null}
      {upload.pending && upload.nextTryAt && !upload.uploading ? (
        <Typography.Text type="secondary">{t('kiosk.nextTry', { time: formatTime(new Date(upload.nextTryAt).toISOString()).slice(11) })}</Typography.Text>
      ) : null}
    </div>
  );
}

/** Today's activities of the device. */
function ActivityPicker({ kiosk }: { kiosk: Kiosk }) {
  const t = useT();
  const activities = kiosk.me?.activities ?? [];
  return (
    <Card
      title={t('kiosk.pickTitle')}
      extra={
        <Button onClick={() => void kiosk.refresh()} loading={kiosk.loadingMe}>
          {t('common.refresh')}
        </Button>
      }
      data-testid="kiosk-activities"
    >
      {!kiosk.me && kiosk.loadingMe ? <Spin /> : null}
      {kiosk.me && !activities.length ? <Empty description={t('kiosk.noActivities')} /> : null}
      <List<KioskActivity>
        dataSource={activities}
        renderItem={(a) => {
          const open = inWindow(a);
          return (
            <List.Item
              className={styles.activityCard}
              onClick={() => kiosk.setActivityId(a.id)}
              actions={[
                <Button key="go" type="primary" size="large" onClick={() => kiosk.setActivityId(a.id)} data-testid="kiosk-pick">
                  {t('kiosk.pick')}
                </Button>,
              ]}
            >
              <List.Item.Meta
                title={<span className={styles.activityTitle}>{a.title}</span>}
                description={
                  <Space wrap>
                    <span>{a.orgName}</span>
                    <span>
                      {hm(a.startsAt)}–{hm(a.endsAt)}
                    </span>
                    <Tag color={open ? 'success' : 'default'}>
                      {open ? t('kiosk.windowOpen') : t('kiosk.window', { from: hm(a.checkinFrom), until: hm(a.checkinUntil) })}
                    </Tag>
                  </Space>
                }
              />
            </List.Item>
          );
        }}
      />
    </Card>
  );
}

/** Reader mode, device reset, uploads the server refused. */
function SettingsModal({ kiosk, onClose }: { kiosk: Kiosk; onClose: () => void }) {
  const t = useT();
  const { settings, upload, refused } = kiosk;
  return (
    <Modal open title={t('kiosk.settings')} onCancel={onClose} footer={null} destroyOnHidden>
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <div>
          <Typography.Paragraph strong>{t('kiosk.readerMode')}</Typography.Paragraph>
          <Radio.Group
            optionType="button"
            value={settings?.mode}
            onChange={(e) => kiosk.setMode(e.target.value)}
            options={READER_MODES.map((m) => ({ value: m, label: t(`kiosk.mode.${m}`) }))}
          />
        </div>
        <Typography.Text>
          {t('kiosk.keyId')}: <Typography.Text code>{settings?.keyId}</Typography.Text>
        </Typography.Text>
        <Typography.Text type="secondary">
          {kiosk.syncedAt
            ? t('kiosk.synced', { time: formatTime(kiosk.syncedAt), cards: kiosk.revokedCount() })
            : t('kiosk.neverSynced')}
        </Typography.Text>
        {refused.length ? (
          <Alert
            type="error"
            showIcon
            title={t('kiosk.refusedTitle', { count: refused.length })}
            description={
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {refused.map((r) => (
                  <li key={r.nonce}>
                    {formatTime(r.at).slice(11)} · {r.code ? label(t, 'kiosk.error', r.code) : r.status}
                  </li>
                ))}
              </ul>
            }
            action={
              <Button size="small" onClick={kiosk.clearRefused}>
                {t('kiosk.clear')}
              </Button>
            }
          />
        ) : null}
        <Popconfirm
          title={upload.pending ? t('kiosk.resetPending', { pending: upload.pending }) : t('kiosk.resetConfirm')}
          onConfirm={() => {
            kiosk.saveSettings(null);
            onClose();
          }}
        >
          <Button danger block data-testid="kiosk-reset">
            {t('kiosk.reset')}
          </Button>
        </Popconfirm>
      </Space>
    </Modal>
  );
}

/** The /kiosk route (outside the console layout; no session). */
export default function KioskPage() {
  const t = useT();
  const kiosk = useKiosk();
  const [settingsOpen, setSettingsOpen] = useState(false);
  const { settings, me, activity } = kiosk;

  useEffect(registerKioskWorker, []);

  useEffect(() => {
    document.title = t('kiosk.title');
    const unlock = () => unlockAudio();
    window.addEventListener('keydown', unlock, { once: true });
    window.addEventListener('pointerdown', unlock, { once: true });
    return () => {
      window.removeEventListener('keydown', unlock);
      window.removeEventListener('pointerdown', unlock);
    };
  }, [t]);

  const fullscreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => {});
    else void document.documentElement.requestFullscreen().catch(() => {});
  };

  return (
    <div className={styles.page} data-testid="kiosk-page">
      <header className={styles.header}>
        <div>
          <h1>{activity ? activity.title : t('kiosk.title')}</h1>
          <div className={styles.headerSub}>
            {me ? [me.device.name, me.device.orgName, me.device.place, me.device.stationName].filter(Boolean).join(' · ') : t('app.title')}
            {activity ? ` · ${t('kiosk.window', { from: hm(activity.checkinFrom), until: hm(activity.checkinUntil) })}` : null}
          </div>
        </div>
        <Flex align="center" gap={8} wrap>
          <Clock />
          <LangSwitch compact />
          {settings ? (
            <>
              {activity ? (
                <Button ghost icon={<SwapOutlined />} onClick={() => kiosk.setActivityId(null)} data-testid="kiosk-switch">
                  {t('kiosk.switch')}
                </Button>
              ) : null}
              <Button ghost icon={<SettingOutlined />} onClick={() => setSettingsOpen(true)} aria-label={t('kiosk.settings')} />
            </>
          ) : null}
          <Button ghost icon={<ExpandOutlined />} onClick={fullscreen} aria-label={t('kiosk.fullscreen')} />
        </Flex>
      </header>
      <main className={styles.body}>
        {!settings ? (
          <KioskSetup onSave={kiosk.saveSettings} />
        ) : (
          <>
            <StatusBar kiosk={kiosk} />
            {kiosk.authError ? (
              <Alert
                type="error"
                showIcon
                title={t('kiosk.authError')}
                description={kiosk.authError.message}
                action={
                  <Button size="small" onClick={() => setSettingsOpen(true)}>
                    {t('kiosk.settings')}
                  </Button>
                }
                data-testid="kiosk-auth-error"
              />
            ) : null}
            {activity ? <KioskScanner onScan={kiosk.scan} paused={settingsOpen} /> : <ActivityPicker kiosk={kiosk} />}
          </>
        )}
      </main>
      {settingsOpen ? <SettingsModal kiosk={kiosk} onClose={() => setSettingsOpen(false)} /> : null}
    </div>
  );
}
