// 党员参与度 (/participation): per member of an organization (or its subtree) 应到 / 实到 / 请假 /
// 非隶属签到 and the rate over a period, lowest first, a low-participation toggle and the Excel export.
import { Alert, Checkbox, DatePicker, Flex, Progress, type TableColumnsType, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import { type ParticipationFilter, type ParticipationPage as PageData, type ParticipationRow, listParticipation, participationExportUrl } from '../../api/participation';
import { OrgTreeSelect } from '../../components/org-tree-select';
import { PageCard } from '../../components/page-card';
import { ExportButton, type PageQuery, PagedTable, usePagedList } from '../../components/paged-table';
import { type TFunction, useT } from '../../i18n/i18n';

function columns(t: TFunction): TableColumnsType<ParticipationRow> {
  return [
    { title: t('participation.member'), key: 'name', render: (_, r) => <Link to={`/members/${r.memberId}?tab=evidence`}>{r.name}</Link> },
    { title: t('participation.orgName'), dataIndex: 'orgName', responsive: ['md'] },
    { title: t('participation.obliged'), dataIndex: 'obliged' },
    { title: t('participation.attended'), dataIndex: 'attended' },
    { title: t('participation.leave'), dataIndex: 'leave', responsive: ['sm'] },
    { title: t('participation.guest'), dataIndex: 'guest', responsive: ['sm'] },
    {
      title: t('participation.rate'),
      key: 'rate',
      render: (_, r) =>
        r.rate === null ? (
          <span style={{ color: '#999' }}>{t('participation.noRate')}</span>
        ) : (
          <Flex gap={6} align="center" style={{ minWidth: 110 }}>
            <Progress percent={Math.round(r.rate * 100)} size="small" status={r.low ? 'exception' : 'normal'} style={{ margin: 0, flex: 1 }} />
            {r.low ? <Tag color="red">{t('participation.low')}</Tag> : null}
          </Flex>
        ),
    },
  ];
}

const EMPTY: PageData = { items: [], total: 0, lowRate: 0.6, minObliged: 3 };

/** The /participation route. */
export default function ParticipationPage() {
  const t = useT();
  const [filter, setFilter] = useState<ParticipationFilter>({
    from: dayjs().startOf('year').format('YYYY-MM-DD'),
    to: dayjs().format('YYYY-MM-DD'),
    includeSubtree: true,
  });
  const list = usePagedList(
    useCallback((q: PageQuery) => (filter.orgId ? listParticipation(filter, q.page, q.pageSize) : Promise.resolve(EMPTY)), [filter]),
  );
  const change = (patch: Partial<ParticipationFilter>) => {
    list.paging.reset();
    setFilter((f) => ({ ...f, ...patch }));
  };
  const page = list.data as PageData | undefined;

  return (
    <PageCard
      title={t('participation.title')}
      data-testid="participation-page"
      extra={filter.orgId ? <ExportButton permission="activity.read" href={participationExportUrl(filter)} data-testid="participation-export" /> : null}
    >
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        <div style={{ width: 260, maxWidth: '100%' }} data-testid="participation-org">
          <OrgTreeSelect id="participationOrg" value={filter.orgId} onChange={(orgId) => change({ orgId })} />
        </div>
        <Checkbox checked={filter.includeSubtree} onChange={(e) => change({ includeSubtree: e.target.checked })}>
          {t('participation.includeSubtree')}
        </Checkbox>
        <DatePicker.RangePicker
          id="participationDates"
          allowClear={false}
          value={[dayjs(filter.from), dayjs(filter.to)]}
          onChange={(range) => {
            const [a, b] = (range ?? []) as (Dayjs | null)[];
            if (a && b) change({ from: a.format('YYYY-MM-DD'), to: b.format('YYYY-MM-DD') });
          }}
          style={{ width: 260, maxWidth: '100%' }}
        />
        <Checkbox checked={filter.low} onChange={(e) => change({ low: e.target.checked })} data-testid="participation-low">
          {t('participation.lowOnly')}
        </Checkbox>
      </Flex>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title={filter.orgId ? t('participation.lowHint', { rate: Math.round((page?.lowRate ?? 0.6) * 100), min: page?.minObliged ?? 3 }) : t('participation.pickOrg')}
      />
      <PagedTable list={list} rowKey="memberId" columns={columns(t)} data-testid="participation-table" />
    </PageCard>
  );
}
