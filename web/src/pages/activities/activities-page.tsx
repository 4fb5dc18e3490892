// 活动管理 (/activities): the activities in scope with organization (with or without its subtree),
// type, date range and state filters, server pagination, Excel export and 新建活动 (activity.write).
import { PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, DatePicker, Flex, Select, Space, type TableColumnsType, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { type ActivityFilter, type ActivityItem, activitiesExportUrl, listActivities } from '../../api/activities';
import { OrgTreeSelect } from '../../components/org-tree-select';
import { PageCard } from '../../components/page-card';
import { ExportButton, type PageQuery, PagedTable, usePagedList } from '../../components/paged-table';
import { actionsColumn } from '../../components/table-columns';
import { type TFunction, useT } from '../../i18n/i18n';
import { useSession } from '../../session/session';
import { stateTags, timeSpan } from './activity-bits';
import { ActivityFormModal } from './activity-form-modal';
import { useActivityTypes } from './activity-types';

/** The list's columns. */
function columns(t: TFunction, typeName: (code: string) => string, narrow: boolean): TableColumnsType<ActivityItem> {
  return [
    {
      title: t('activities.field.title'),
      key: 'title',
      fixed: narrow ? undefined : 'left',
      render: (_, a) => (
        <Link to={`/activities/${a.id}`} data-testid="activity-link">
          <Typography.Text delete={a.state === 'cancelled'} style={{ color: 'inherit', maxWidth: 280 }} ellipsis={{ tooltip: a.title }}>
            {a.title}
          </Typography.Text>
        </Link>
      ),
    },
    { title: t('activities.field.type'), dataIndex: 'type', render: (v: string) => typeName(v) },
    { title: t('activities.field.org'), dataIndex: 'orgName' },
    { title: t('activities.field.time'), key: 'time', render: (_, a) => timeSpan(a) },
    { title: t('activities.field.place'), dataIndex: 'place', render: (v: string | null) => v || '—' },
    { title: t('activities.field.state'), key: 'state', render: (_, a) => stateTags(t, a) },
    {
      title: t('activities.field.present'),
      key: 'present',
      render: (_, a) =>
        a.guestCount ? t('activities.presentWithGuests', { present: a.presentCount, guests: a.guestCount }) : a.presentCount,
    },
    actionsColumn<ActivityItem>(t, narrow, (a) => <Link to={`/activities/${a.id}`}>{t('common.details')}</Link>),
  ];
}

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);

/** The /activities route. */
export default function ActivitiesPage() {
  const t = useT();
  const { can } = useSession();
  const navigate = useNavigate();
  const types = useActivityTypes();
  const [filter, setFilter] = useState<ActivityFilter>({});
  const [creating, setCreating] = useState(false);

  const list = usePagedList(useCallback((q: PageQuery) => listActivities(filter, q.page, q.pageSize), [filter]));
  const { paging, narrow } = list;
  const change = (patch: Partial<ActivityFilter>) => {
    paging.reset();
    setFilter((f) => ({ ...f, ...patch }));
  };

  return (
    <PageCard
      title={t('activities.title')}
      data-testid="activities-page"
      extra={
        <Space wrap>
          <ExportButton permission="activity.read" href={activitiesExportUrl(filter)} data-testid="activities-export" />
          {can('activity.write') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="activity-create">
              {t('activities.create')}
            </Button>
          ) : null}
        </Space>
      }
    >
      <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
        <div style={{ width: 260, maxWidth: '100%' }} data-testid="activity-org-filter">
          <OrgTreeSelect
            id="activityOrgFilter"
            value={filter.orgId}
            onChange={(orgId) => change({ orgId, includeSubtree: orgId ? (filter.includeSubtree ?? true) : undefined })}
          />
        </div>
        {filter.orgId ? (
          <Checkbox
            checked={filter.includeSubtree ?? true}
            onChange={(e) => change({ includeSubtree: e.target.checked })}
            data-testid="activity-subtree-filter"
          >
            {t('activities.includeSubtree')}
          </Checkbox>
        ) : null}
        <Select
          allowClear
          placeholder={t('activities.allTypes')}
          style={{ width: 160 }}
          value={filter.type}
          onChange={(type) => change({ type })}
          options={types.options}
          data-testid="activity-type-filter"
        />
        <DatePicker.RangePicker
          id="activityDates"
          allowEmpty={[true, true]}
          placeholder={[t('activities.from'), t('activities.to')]}
          onChange={(range) => change({ from: day(range?.[0]), to: day(range?.[1]) })}
          style={{ width: 260, maxWidth: '100%' }}
          data-testid="activity-date-filter"
        />
        <Select
          allowClear
          placeholder={t('activities.allStates')}
          style={{ width: 120 }}
          value={filter.state}
          onChange={(state) => change({ state })}
          options={[
            { value: 'planned', label: t('activities.state.planned') },
            { value: 'cancelled', label: t('activities.state.cancelled') },
          ]}
          data-testid="activity-state-filter"
        />
      </Flex>
      <PagedTable list={list} rowKey="id" columns={columns(t, types.name, narrow)} data-testid="activities-table" />
      {creating ? (
        <ActivityFormModal
          onClose={() => setCreating(false)}
          onSaved={(a) => {
            setCreating(false);
            navigate(`/activities/${a.id}`);
          }}
        />
      ) : null}
    </PageCard>
  );
}
