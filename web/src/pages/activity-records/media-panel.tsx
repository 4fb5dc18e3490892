// Photos, videos and attachments of an activity: upload with progress (the server judges each file
// by its content and removes location data), thumbnails with a preview, a video player, downloads,
// and deletion while the record is a draft.
import { DeleteOutlined, DownloadOutlined, FileOutlined, PlayCircleOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Empty, Flex, Image, List, Modal, Popconfirm, Progress, Space, Spin, Typography } from 'antd';
import { type ChangeEvent, useCallback, useRef, useState } from 'react';
import { type Media, deleteMedia, listMedia, mediaExportUrl, uploadMedia } from '../../api/activity-records';
import { LoadError } from '../../components/load-error';
import { useT } from '../../i18n/i18n';
import { errorText, useShowError } from '../../lib/errors';
import { formatTime } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import styles from './records.module.css';

/** What the file picker offers (the server decides by content all the same). */
const ACCEPT = 'image/jpeg,image/png,image/webp,video/mp4,video/webm,.pdf,.docx,.xlsx,application/pdf';
/** Files listed at once (an activity rarely has more; the list is paged on the server). */
const PAGE_SIZE = 100;

/** A file on its way up. */
type Pending = { key: number; name: string; percent: number; error: string | null };

/** Human-readable size. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

type Props = { activityId: string; editable: boolean };

/** The media of an activity's record. */
export function MediaPanel({ activityId, editable }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const [page, setPage] = useState(1);
  const { data, error, loading, reload } = useAsync(useCallback(() => listMedia(activityId, page, PAGE_SIZE), [activityId, page]));
  const [pending, setPending] = useState<Pending[]>([]);
  const [playing, setPlaying] = useState<Media | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const seq = useRef(0);

  const pick = async (e: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(e.target.files ?? []);
    e.target.value = '';
    // One at a time: a phone on a slow line finishes each file rather than all of them late.
    for (const file of files) {
      const key = ++seq.current;
      setPending((p) => [...p, { key, name: file.name, percent: 0, error: null }]);
      try {
        await uploadMedia(activityId, file, (percent) => setPending((p) => p.map((x) => (x.key === key ? { ...x, percent } : x))));
        setPending((p) => p.filter((x) => x.key !== key));
        message.success(t('media.uploaded', { name: file.name }));
        reload();
      } catch (err) {
        setPending((p) => p.map((x) => (x.key === key ? { ...x, error: errorText(t, err) } : x)));
      }
    }
  };

  const remove = async (m: Media) => {
    try {
      await deleteMedia(activityId, m.id);
      message.success(t('media.deleted'));
      reload();
    } catch (err) {
      showError(err);
    }
  };

  const items = data?.items ?? [];
  const photos = items.filter((m) => m.kind === 'photo');
  const videos = items.filter((m) => m.kind === 'video');
  const files = items.filter((m) => m.kind === 'attachment');
  const removeButton = (m: Media, small = false) =>
    editable ? (
      <Popconfirm title={t('media.deleteConfirm', { name: m.fileName })} onConfirm={() => remove(m)} okText={t('common.ok')} cancelText={t('common.cancel')}>
        <Button size="small" type={small ? 'primary' : 'text'} danger icon={<DeleteOutlined />} aria-label={t('media.delete')} data-testid={`media-delete-${m.id}`} />
      </Popconfirm>
    ) : null;

  return (
    <Flex vertical gap={12} data-testid="record-media">
      <Flex wrap gap={8} align="center">
        {editable ? (
          <>
            <input ref={input} type="file" multiple accept={ACCEPT} onChange={pick} style={{ display: 'none' }} data-testid="media-input" />
            <Button icon={<UploadOutlined />} onClick={() => input.current?.click()} data-testid="media-upload">
              {t('media.upload')}
            </Button>
          </>
        ) : null}
        {items.length > 0 ? (
          <Button icon={<DownloadOutlined />} href={mediaExportUrl(activityId)}>
            {t('common.export')}
          </Button>
        ) : null}
        {editable ? <Typography.Text type="secondary">{t('media.hint')}</Typography.Text> : null}
      </Flex>
      {(editable ? pending : []).map((p) => (
        <div key={p.key}>
          <Typography.Text ellipsis style={{ maxWidth: '100%' }}>
            {p.name}
          </Typography.Text>
          {p.error ? (
            <Flex gap={8} align="center">
              <Typography.Text type="danger" data-testid="media-upload-error">
                {p.error}
              </Typography.Text>
              <Button size="small" type="link" onClick={() => setPending((x) => x.filter((y) => y.key !== p.key))}>
                {t('media.dismiss')}
              </Button>
            </Flex>
          ) : (
            <Progress percent={p.percent} size="small" status="active" />
          )}
        </div>
      ))}
      <LoadError error={error} onRetry={reload} />
      {loading && !data ? <Spin /> : null}
      {data && items.length === 0 && pending.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('media.none')} /> : null}

      {photos.length > 0 ? (
        <div>
          <Typography.Title level={5}>{t('media.photos', { n: photos.length })}</Typography.Title>
          <Image.PreviewGroup>
            <div className={styles.photos}>
              {photos.map((m) => (
                <div key={m.id} className={styles.photo} data-testid="media-photo">
                  <Image src={m.thumbUrl ?? m.url} preview={{ src: m.url }} alt={m.fileName} width="100%" height="100%" style={{ objectFit: 'cover' }} />
                  <span className={styles.photoDelete}>{removeButton(m, true)}</span>
                </div>
              ))}
            </div>
          </Image.PreviewGroup>
        </div>
      ) : null}

      {videos.length > 0 || files.length > 0 ? (
        <List
          size="small"
          header={<Typography.Text strong>{t('media.videosAndFiles', { n: videos.length + files.length })}</Typography.Text>}
          dataSource={[...videos, ...files]}
          renderItem={(m) => (
            <List.Item
              actions={[
                m.kind === 'video' ? (
                  <Button key="play" size="small" type="link" icon={<PlayCircleOutlined />} onClick={() => setPlaying(m)} data-testid="media-play">
                    {t('media.play')}
                  </Button>
                ) : null,
                <Button key="dl" size="small" type="link" icon={<DownloadOutlined />} href={`${m.url}?download=1`} aria-label={t('media.download')} />,
                removeButton(m),
              ].filter(Boolean)}
            >
              <List.Item.Meta
                avatar={m.kind === 'video' ? <PlayCircleOutlined /> : <FileOutlined />}
                title={
                  <Typography.Text ellipsis style={{ maxWidth: '100%' }}>
                    {m.fileName}
                  </Typography.Text>
                }
                description={
                  <Space wrap size={4}>
                    <span>{formatSize(m.size)}</span>
                    <span>{m.uploadedName}</span>
                    <span>{formatTime(m.uploadedAt)}</span>
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      ) : null}
      {data && data.total > PAGE_SIZE ? (
        <Flex gap={8} justify="center">
          <Button disabled={page === 1} onClick={() => setPage((p) => p - 1)}>
            {t('media.prev')}
          </Button>
          <Typography.Text>{t('media.page', { page, pages: Math.ceil(data.total / PAGE_SIZE) })}</Typography.Text>
          <Button disabled={page * PAGE_SIZE >= data.total} onClick={() => setPage((p) => p + 1)}>
            {t('media.next')}
          </Button>
        </Flex>
      ) : null}

      <Modal open={!!playing} title={playing?.fileName} footer={null} onCancel={() => setPlaying(null)} destroyOnHidden width={800}>
        {playing ? (
          // Seeking asks the server for byte ranges (206), so long videos start at once.
          // biome-ignore lint/a11y/useMediaCaption: meeting recordings uploaded by branches have no caption track.
          <video src={playing.url} controls preload="metadata" style={{ width: '100%', maxHeight: '70vh' }} data-testid="media-video" />
        ) : null}
      </Modal>
    </Flex>
  );
}
