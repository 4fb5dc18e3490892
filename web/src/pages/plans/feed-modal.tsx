// 日历订阅: an organization's iCal feed. Creating it shows the address once (with a copy button);
// regenerating or revoking makes the old address stop working.
import { Alert, App, Button, Modal, Popconfirm, Space, Spin, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { createFeed, getFeed, revokeFeed } from '../../api/plans';
import { LoadError } from '../../components/load-error';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../lib/errors';
import { formatTime } from '../../lib/format';
import { useAsync } from '../../lib/use-async';

const breakAnywhere = { overflowWrap: 'anywhere' } as const;

/** The feed of one organization; `writable` allows creating and revoking. */
export function FeedModal({ orgId, orgName, writable, onClose }: { orgId: string; orgName: string; writable: boolean; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const { data, error, loading, reload } = useAsync(useCallback(() => getFeed(orgId), [orgId]));
  // The address of a feed created now: shown until the modal closes, never again.
  const [issued, setIssued] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    try {
      await action();
      reload();
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };
  const create = () =>
    run(async () => {
      const r = await createFeed(orgId);
      setIssued(`${window.location.origin}${r.path}`);
    });
  const revoke = (id: string) =>
    run(async () => {
      await revokeFeed(id);
      setIssued(null);
      message.success(t('plans.feedRevoked'));
    });

  const feed = data?.feed;
  return (
    <Modal
      open
      title={`${t('plans.feedTitle')} · ${orgName}`}
      onOk={onClose}
      onCancel={onClose}
      cancelButtonProps={{ style: { display: 'none' } }}
      mask={{ closable: !issued }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('plans.feedHint')}</Typography.Paragraph>
      <LoadError error={error} onRetry={reload} />
      {loading && !data ? <Spin /> : null}
      {issued ? (
        <>
          <Alert type="warning" showIcon title={t('plans.feedUrlHint')} style={{ marginBottom: 12 }} />
          <Typography.Paragraph style={{ ...breakAnywhere, marginBottom: 4 }}>{t('plans.feedUrl')}:</Typography.Paragraph>
          <Typography.Paragraph style={breakAnywhere}>
            <Typography.Text code copyable data-testid="feed-url">
              {issued}
            </Typography.Text>
          </Typography.Paragraph>
        </>
      ) : data ? (
        <Typography.Paragraph data-testid="feed-status">
          {feed ? t('plans.feedActive', { time: formatTime(feed.createdAt), name: feed.createdByName ?? '—' }) : t('plans.feedNone')}
        </Typography.Paragraph>
      ) : null}
      {writable && data ? (
        <Space wrap>
          {feed ? (
            <Popconfirm title={t('plans.feedRotateConfirm')} onConfirm={create}>
              <Button loading={busy} data-testid="feed-rotate">
                {t('plans.feedRotate')}
              </Button>
            </Popconfirm>
          ) : (
            <Button type="primary" loading={busy} onClick={create} data-testid="feed-create">
              {t('plans.feedCreate')}
            </Button>
          )}
          {feed ? (
            <Popconfirm title={t('plans.feedRevokeConfirm')} onConfirm={() => revoke(feed.id)}>
              <Button danger loading={busy} data-testid="feed-revoke">
                {t('plans.feedRevoke')}
              </Button>
            </Popconfirm>
          ) : null}
        </Space>
      ) : null}
    </Modal>
  );
}
