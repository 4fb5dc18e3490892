// The electronic file (电子档案) as an antd Timeline, newest first, filtered by section, loaded page by page.
import { Button, Empty, Flex, Select, Spin, Tag, Timeline, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { FILE_SECTIONS, type FileEvent, type FileQuery, type FileSection } from '../../api/members';
import type { Page } from '../../api/types';
import { LoadError } from '../../components/load-error';
import { type TFunction, useT } from '../../i18n/i18n';
import { formatTime, label } from '../../lib/format';

const PAGE_SIZE = 20;

const SECTION_COLORS: Partial<Record<FileSection, string>> = {
  basic: 'blue',
  position: 'red',
  reward: 'gold',
  development: 'green',
  transfer: 'purple',
  activity: 'cyan',
  dues: 'orange',
};

/** The values of a field_changed event ({ field, from, to }), or other details as key: value. */
function detailText(t: TFunction, e: FileEvent): string | null {
  const d = e.detail;
  if (!d) return null;
  if (typeof d.field === 'string' && ('from' in d || 'to' in d)) {
    const v = (x: unknown) => (x === null || x === undefined || x === '' ? '—' : String(x));
    // Titles such as "修改职业：农民 → 退休教师" already say it.
    if (e.title.includes(v(d.to))) return typeof d.note === 'string' ? d.note : null;
    return t('members.fileChange', { field: label(t, 'memberField', d.field), from: v(d.from), to: v(d.to) });
  }
  if (typeof d.note === 'string') return d.note;
  if (typeof d.reason === 'string') return d.reason;
  return null;
}

/** A secondary line under an entry's title (nothing when empty). */
const DetailLine = ({ text }: { text: string | null }) => (text ? <Typography.Text type="secondary">{text}</Typography.Text> : null);

/** The timeline; `load` is the member's file (administrators) or the caller's own (我的档案). */
export function MemberTimeline({ load }: { load: (query: FileQuery) => Promise<Page<FileEvent>> }) {
  const t = useT();
  const [section, setSection] = useState<FileSection | undefined>();
  const [items, setItems] = useState<FileEvent[]>([]);
  const [total, setTotal] = useState(0);
  const [page, setPage] = useState(1);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>();

  const fetchPage = useCallback(
    (p: number) => {
      setLoading(true);
      setError(undefined);
      return load({ section, page: p, pageSize: PAGE_SIZE })
        .then((r) => {
          setItems((prev) => (p === 1 ? r.items : [...prev, ...r.items]));
          setTotal(r.total);
          setPage(p);
        })
        .catch(setError)
        .finally(() => setLoading(false));
    },
    [load, section],
  );

  useEffect(() => {
    fetchPage(1);
  }, [fetchPage]);

  return (
    <div data-testid="member-timeline">
      <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
        <Select
          allowClear
          placeholder={t('members.fileAllSections')}
          style={{ width: 180 }}
          value={section}
          onChange={setSection}
          options={FILE_SECTIONS.map((s) => ({ value: s, label: label(t, 'section', s) }))}
          data-testid="timeline-section"
        />
        <Typography.Text type="secondary">{t('common.total', { total })}</Typography.Text>
      </Flex>
      <LoadError error={error} onRetry={() => fetchPage(1)} />
      {loading && !items.length ? <Spin /> : null}
      {!loading && !error && !items.length ? <Empty description={t('members.fileEmpty')} /> : null}
      <Timeline
        items={items.map((e) => ({
          key: e.id,
          color: SECTION_COLORS[e.section] ?? 'gray',
          content: (
            <div data-testid="timeline-item">
              <Flex gap={8} wrap align="center">
                <Typography.Text strong>{e.occurredOn ?? formatTime(e.at).slice(0, 10)}</Typography.Text>
                <Tag color={SECTION_COLORS[e.section]}>{label(t, 'section', e.section)}</Tag>
              </Flex>
              <div style={{ wordBreak: 'break-word' }}>{e.title}</div>
              <DetailLine text={detailText(t, e)} />
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('members.fileBy', { name: e.actorName, at: formatTime(e.at) })}
                </Typography.Text>
              </div>
            </div>
          ),
        }))}
      />
      {items.length < total ? (
        <Button block onClick={() => fetchPage(page + 1)} loading={loading} data-testid="timeline-more">
          {t('members.fileMore')}
        </Button>
      ) : null}
    </div>
  );
}
