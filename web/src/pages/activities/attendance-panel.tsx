// 签到与出勤: the counters (应到, 实到, 请假, 非隶属, 线上, 补签) and the rate, updated live from the
// activity's event stream with the 最新签到 line, and the members' rows with status tags and filters.
import { Badge, Card, Col, Flex, Input, Progress, Row, Select, Space, Statistic, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ATTENDANCE_STATUSES, type AttendanceCounts, attendanceExportUrl, type AttendanceRow, type AttendanceRowStatus, getAttendance } from '../../api/activities';
import { LoadError } from '../../components/load-error';
import { useNarrow } from '../../components/page-card';
import { ExportButton } from '../../components/paged-table';
import { codeTag } from '../../components/table-columns';
import { type TFunction, useT } from '../../i18n/i18n';
import { label } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { clockTime, shortTime } from './activity-bits';
import { useLiveAttendance } from './use-live-attendance';

/** Tag colours of the statuses. */
export const STATUS_COLORS: Record<AttendanceRowStatus, string> = {
  present: 'success',
  elsewhere: 'cyan',
  guest: 'blue',
  leave: 'gold',
  absent: 'error',
  excluded: 'default',
};

/** The rate as a percentage with one decimal ('—' without anyone expected). */
export const ratePercent = (rate: number | null | undefined) => (rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`);

/** The counters that, when they change, mean the rows changed too. */
const countsKey = (c: AttendanceCounts) => [c.expected, c.present, c.guests, c.remote, c.manual, c.leave].join('/');

/** Reloads the rows at most this often while check-ins stream in. */
const ROWS_REFRESH_MS = 3_000;

function rowColumns(t: TFunction): TableColumnsType<AttendanceRow> {
  return [
    { title: t('attendance.name'), dataIndex: 'name' },
    { title: t('attendance.org'), dataIndex: 'orgName' },
    {
      title: t('attendance.status'),
      key: 'status',
      render: (_, r) => (
        <Space size={[4, 4]} wrap>
          {codeTag(t, 'attendance.status', r.status, STATUS_COLORS)}
          {r.status === 'present' || r.status === 'guest' ? (
            <Tag>{r.affiliated ? t('attendance.affiliated') : t('attendance.guest')}</Tag>
          ) : null}
        </Space>
      ),
    },
    { title: t('attendance.channel'), dataIndex: 'channel', render: (c: string | null) => (c ? label(t, 'channel', c) : '—') },
    { title: t('attendance.at'), dataIndex: 'at', render: (v: string | null) => shortTime(v) },
  ];
}

/** The tab's content. */
export function AttendancePanel({ activityId, live = true }: { activityId: string; live?: boolean }) {
  const t = useT();
  const narrow = useNarrow();
  const { data, error, reload } = useAsync(useCallback(() => getAttendance(activityId), [activityId]));
  const stream = useLiveAttendance(activityId, live);
  const [status, setStatus] = useState<AttendanceRowStatus | undefined>(undefined);
  const [q, setQ] = useState('');

  // A live event with other counters than the loaded rows' reloads the rows (once per event, throttled).
  const lastReload = useRef(0);
  const handled = useRef('');
  const counts: AttendanceCounts | undefined = stream.data ?? data;
  const liveKey = stream.data ? countsKey(stream.data) : '';
  const rowsKey = data ? countsKey(data) : '';
  useEffect(() => {
    if (!liveKey || !rowsKey || liveKey === rowsKey || handled.current === liveKey) return;
    const wait = Math.max(0, lastReload.current + ROWS_REFRESH_MS - Date.now());
    const timer = setTimeout(() => {
      handled.current = liveKey;
      lastReload.current = Date.now();
      reload();
    }, wait);
    return () => clearTimeout(timer);
  }, [liveKey, rowsKey, reload]);

  const rows = useMemo(() => {
    const needle = q.trim();
    return (data?.rows ?? []).filter((r) => (!status || r.status === status) && (!needle || r.name.includes(needle) || r.orgName.includes(needle)));
  }, [data, status, q]);

  const stat = (key: string, title: string, value: number | string | undefined, color?: string) => (
    <Col xs={12} sm={8} md={6} lg={3} key={key}>
      <Card size="small" data-testid={`attendance-${key}`}>
        <Statistic title={title} value={value ?? '—'} styles={color ? { content: { color } } : undefined} />
      </Card>
    </Col>
  );
  // The stream names the latest check-in once one arrives; before that, the latest of the rows.
  const last = useMemo(() => {
    if (stream.data?.last) return stream.data.last;
    const latest = (data?.rows ?? []).filter((r) => r.at).sort((a, b) => (b.at ?? '').localeCompare(a.at ?? ''))[0];
    return latest?.at ? { name: latest.name, affiliated: latest.affiliated, channel: latest.channel ?? '', at: latest.at } : null;
  }, [stream.data, data]);
  const absent = stream.data?.absent ?? data?.absent;

  return (
    <div data-testid="attendance-panel">
      <LoadError error={error} onRetry={reload} />
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Space wrap>
          <ExportButton permission="activity.read" href={attendanceExportUrl(activityId)} data-testid="attendance-export" />
          {live ? (
            <Badge
              status={stream.connected ? 'processing' : 'default'}
              text={stream.connected ? t('attendance.live') : t('attendance.reconnecting')}
              data-testid="attendance-live-state"
            />
          ) : null}
        </Space>
        <Typography.Text data-testid="attendance-last">
          {last ? (
            <Space size={6} wrap>
              {t('attendance.last')}
              <Typography.Text strong>{last.name}</Typography.Text>
              <Tag color={last.affiliated ? 'success' : 'blue'} style={{ marginInlineEnd: 0 }}>
                {last.affiliated ? t('attendance.affiliated') : t('attendance.guest')}
              </Tag>
              {label(t, 'channel', last.channel)}
              {clockTime(last.at)}
            </Space>
          ) : (
            <Typography.Text type="secondary">{t('attendance.noCheckinYet')}</Typography.Text>
          )}
        </Typography.Text>
      </Flex>
      <Row gutter={[8, 8]} style={{ marginBottom: 16 }}>
        {stat('expected', t('attendance.expected'), counts?.expected)}
        {stat('present', t('attendance.present'), counts?.present, '#389e0d')}
        {stat('leave', t('attendance.leave'), counts?.leave)}
        {stat('absent', t('attendance.absent'), absent, absent ? '#cf1322' : undefined)}
        {stat('guests', t('attendance.guests'), counts?.guests)}
        {stat('remote', t('attendance.remote'), counts?.remote)}
        {stat('manual', t('attendance.manual'), counts?.manual)}
        <Col xs={12} sm={8} md={6} lg={3}>
          <Card size="small" data-testid="attendance-rate">
            <Statistic title={t('attendance.rate')} value={ratePercent(counts?.rate)} />
            <Progress percent={counts?.rate === null || counts?.rate === undefined ? 0 : Math.round(counts.rate * 1000) / 10} showInfo={false} size="small" />
          </Card>
        </Col>
      </Row>
      {data && (data.excluded || data.elsewhere) ? (
        <Typography.Paragraph type="secondary">
          {t('attendance.footnote', { excluded: data.excluded, elsewhere: data.elsewhere ?? 0 })}
        </Typography.Paragraph>
      ) : null}
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Input.Search
          id="attendanceSearch"
          allowClear
          placeholder={t('attendance.search')}
          onSearch={setQ}
          onChange={(e) => setQ(e.target.value)}
          style={{ maxWidth: 260 }}
        />
        <Select
          allowClear
          placeholder={t('attendance.allStatuses')}
          value={status}
          onChange={setStatus}
          style={{ width: 150 }}
          options={ATTENDANCE_STATUSES.map((s) => ({ value: s, label: label(t, 'attendance.status', s) }))}
          data-testid="attendance-status-filter"
        />
      </Flex>
      <Table<AttendanceRow>
        rowKey="memberId"
        size="small"
        loading={!data && !error}
        dataSource={rows}
        columns={rowColumns(t)}
        pagination={{ pageSize: 50, size: narrow ? 'small' : undefined, showSizeChanger: false, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        data-testid="attendance-rows"
      />
    </div>
  );
}
