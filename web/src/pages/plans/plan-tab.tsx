// 计划表: the yearly plan of one organization as a month calendar (antd Calendar; the items of the picked
// day below it) or as a year list; generate from the rules, add, edit, delete, 从计划创建活动, the fixed
// 主题党日 day and the calendar feed.
import { CalendarOutlined, DownloadOutlined, PlusOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { App, Badge, Button, Calendar, DatePicker, Empty, Flex, Popconfirm, Segmented, Space, Spin, Table, type TableColumnsType, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { deleteItem, generatePlan, getPlan, type PlanItem, type PlanView, planExportUrl } from '../../api/plans';
import { LoadError } from '../../components/load-error';
import { OrgTreeSelect } from '../../components/org-tree-select';
import { useNarrow } from '../../components/page-card';
import { type TFunction, useT } from '../../i18n/i18n';
import { useShowError } from '../../lib/errors';
import { useAsync } from '../../lib/use-async';
import { useSession } from '../../session/session';
import { shortTime } from '../activities/activity-bits';
import { FeedModal } from './feed-modal';
import { ItemActivityModal, ItemFormModal } from './item-modals';
import { BADGE_STATUS, statusTag, typeName } from './plan-bits';
import { ThemeDayModal } from './settings-modals';

type Dialog = { kind: 'add'; date?: string } | { kind: 'edit' | 'activity'; item: PlanItem } | { kind: 'themeDay' } | { kind: 'feed' };

/** How many items a calendar cell lists before "n more". */
const CELL_ITEMS = 3;

/** The actions of an item: create or open its activity, edit, delete. */
function ItemActions({ item, writable, onDialog, onDeleted }: { item: PlanItem; writable: boolean; onDialog: (d: Dialog) => void; onDeleted: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const live = !!item.activityId && item.activityState !== 'cancelled';
  const remove = async () => {
    try {
      await deleteItem(item.id);
      message.success(t('plans.itemDeleted'));
      onDeleted();
    } catch (err) {
      showError(err);
    }
  };
  return (
    <Space size={0} wrap>
      {live ? (
        <Link to={`/activities/${item.activityId}`}>
          <Button type="link" size="small">
            {t('plans.openActivity')}
          </Button>
        </Link>
      ) : writable ? (
        <Button type="link" size="small" onClick={() => onDialog({ kind: 'activity', item })} data-testid="plan-item-activity">
          {t('plans.createActivity')}
        </Button>
      ) : null}
      {writable ? (
        <Button type="link" size="small" onClick={() => onDialog({ kind: 'edit', item })} data-testid="plan-item-edit">
          {t('plans.editItem')}
        </Button>
      ) : null}
      {writable && !live ? (
        <Popconfirm title={t('plans.deleteConfirm')} onConfirm={remove}>
          <Button type="link" size="small" danger data-testid="plan-item-delete">
            {t('plans.deleteItem')}
          </Button>
        </Popconfirm>
      ) : null}
    </Space>
  );
}

/** One item as a line: status, type, title, activity time. */
function itemLine(t: TFunction, i: PlanItem) {
  return (
    <Space size={[4, 4]} wrap>
      {statusTag(t, i.status)}
      <Tag>{typeName(t, i.type)}</Tag>
      <Typography.Text>{i.title}</Typography.Text>
      {i.activityState === 'planned' ? <Typography.Text type="secondary">{shortTime(i.activityStartsAt)}</Typography.Text> : null}
      {i.activityState === 'cancelled' ? <Typography.Text type="secondary">{t('plans.activityCancelled')}</Typography.Text> : null}
    </Space>
  );
}

/** The month calendar with the items of the picked day below it. */
function PlanCalendar({ plan, writable, onDialog, reload }: { plan: PlanView; writable: boolean; onDialog: (d: Dialog) => void; reload: () => void }) {
  const t = useT();
  const narrow = useNarrow();
  const [day, setDay] = useState<Dayjs>(() => {
    const today = dayjs();
    return today.year() === plan.year ? today : dayjs(`${plan.year}-01-01`);
  });
  const byDate = useMemo(() => {
    const m = new Map<string, PlanItem[]>();
    for (const i of plan.items) m.set(i.plannedOn, [...(m.get(i.plannedOn) ?? []), i]);
    return m;
  }, [plan.items]);
  const shown = day.year() === plan.year ? day : dayjs(`${plan.year}-01-01`);
  const dayItems = byDate.get(shown.format('YYYY-MM-DD')) ?? [];

  const dateCell = (d: Dayjs) => {
    const items = byDate.get(d.format('YYYY-MM-DD')) ?? [];
    if (!items.length) return null;
    if (narrow) return <Badge count={items.length} size="small" color={items.some((i) => i.status === 'overdue') ? 'red' : 'blue'} />;
    return (
      <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {items.slice(0, CELL_ITEMS).map((i) => (
          <li key={i.id} style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
            <Badge status={BADGE_STATUS[i.status]} text={<span title={i.title}>{typeName(t, i.type)}</span>} />
          </li>
        ))}
        {items.length > CELL_ITEMS ? <li>{t('plans.moreItems', { count: items.length - CELL_ITEMS })}</li> : null}
      </ul>
    );
  };
  const monthCell = (d: Dayjs) => {
    const prefix = d.format('YYYY-MM');
    const n = plan.items.filter((i) => i.plannedOn.startsWith(prefix)).length;
    return n ? <Badge count={n} color="blue" /> : null;
  };

  return (
    <>
      <Calendar
        value={shown}
        fullscreen={!narrow}
        onSelect={(d) => setDay(d)}
        validRange={[dayjs(`${plan.year}-01-01`), dayjs(`${plan.year}-12-31`)]}
        cellRender={(d, info) => (info.type === 'date' ? dateCell(d) : info.type === 'month' ? monthCell(d) : info.originNode)}
        data-testid="plan-calendar"
      />
      <Flex justify="space-between" align="center" wrap gap={8} style={{ margin: '12px 0 8px' }}>
        <Typography.Text strong>{t('plans.dayItems', { date: shown.format('YYYY-MM-DD') })}</Typography.Text>
        {writable ? (
          <Button size="small" icon={<PlusOutlined />} onClick={() => onDialog({ kind: 'add', date: shown.format('YYYY-MM-DD') })}>
            {t('plans.addItem')}
          </Button>
        ) : null}
      </Flex>
      {dayItems.length ? (
        <Flex vertical data-testid="plan-day-items">
          {dayItems.map((i) => (
            <Flex key={i.id} vertical gap={4} style={{ padding: '8px 0', borderTop: '1px solid rgba(5, 5, 5, 0.06)' }} data-testid="plan-day-item">
              {itemLine(t, i)}
              <ItemActions item={i} writable={writable} onDialog={onDialog} onDeleted={reload} />
            </Flex>
          ))}
        </Flex>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('plans.dayEmpty')} />
      )}
    </>
  );
}

/** The whole year as a table in date order. */
function PlanList({ plan, writable, onDialog, reload }: { plan: PlanView; writable: boolean; onDialog: (d: Dialog) => void; reload: () => void }) {
  const t = useT();
  const narrow = useNarrow();
  const columns: TableColumnsType<PlanItem> = [
    { title: t('plans.field.plannedOn'), dataIndex: 'plannedOn', fixed: narrow ? undefined : 'left', width: 110 },
    { title: t('plans.field.type'), dataIndex: 'type', render: (v: string) => typeName(t, v) },
    { title: t('plans.field.title'), dataIndex: 'title' },
    { title: t('plans.field.status'), dataIndex: 'status', render: (_, i) => statusTag(t, i.status) },
    {
      title: t('plans.field.activity'),
      key: 'activity',
      render: (_, i) => (i.activityState === 'planned' ? shortTime(i.activityStartsAt) : i.activityState === 'cancelled' ? t('plans.activityCancelled') : '—'),
    },
    { title: t('plans.field.note'), dataIndex: 'note', render: (v: string | null) => v ?? '' },
    { title: t('common.actions'), key: 'actions', render: (_, i) => <ItemActions item={i} writable={writable} onDialog={onDialog} onDeleted={reload} /> },
  ];
  return <Table<PlanItem> rowKey="id" size="small" columns={columns} dataSource={plan.items} pagination={false} scroll={{ x: 'max-content' }} data-testid="plan-list" />;
}

/** The plan tab: an organization and a year. */
export function PlanTab({ orgId, onOrg, year, onYear, countyDay }: { orgId?: string; onOrg: (id?: string) => void; year: number; onYear: (y: number) => void; countyDay: number }) {
  const t = useT();
  const { can } = useSession();
  const { message } = App.useApp();
  const showError = useShowError();
  const writable = can('activity.write');
  const [view, setView] = useState<'calendar' | 'list'>('calendar');
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [generating, setGenerating] = useState(false);
  const load = useCallback(() => (orgId ? getPlan(orgId, year) : Promise.resolve(undefined)), [orgId, year]);
  const { data: plan, error, loading, reload } = useAsync(load);
  const current = plan && plan.org.id === orgId && plan.year === year ? plan : undefined;

  const generate = async () => {
    if (!orgId) return;
    setGenerating(true);
    try {
      const r = await generatePlan(orgId, year);
      message.success(r.added ? t('plans.generated', { added: r.added }) : t('plans.generatedNone'));
      reload();
    } catch (err) {
      showError(err);
    } finally {
      setGenerating(false);
    }
  };
  const done = () => {
    setDialog(null);
    reload();
  };

  const header = (
    <Flex gap={8} wrap style={{ marginBottom: 16 }}>
      <div style={{ width: 320, maxWidth: '100%' }} data-testid="plan-org">
        <OrgTreeSelect id="planOrg" value={orgId} onChange={onOrg} />
      </div>
      <DatePicker
        id="planYear"
        picker="year"
        allowClear={false}
        value={dayjs(`${year}-01-01`)}
        onChange={(d) => d && onYear(d.year())}
        aria-label={t('plans.year')}
        data-testid="plan-year"
      />
    </Flex>
  );
  if (!orgId) return (<>{header}<Empty description={t('plans.pickHint')} /></>);
  if (error) return (<>{header}<LoadError error={error} onRetry={reload} /></>);
  if (!current) return (<>{header}{loading ? <Spin /> : null}</>);

  const { org } = current;
  const branch = org.kind === 'branch';
  return (
    <>
      {header}
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Space size={[8, 4]} wrap>
          <Typography.Text strong>{org.name}</Typography.Text>
          {branch ? (
            <Typography.Text type="secondary" data-testid="plan-theme-day">
              {t('plans.themeDay')}：{org.themeDay ? t('plans.themeDayValue', { day: org.themeDay }) : t('plans.themeDayCounty', { day: org.effectiveThemeDay })}
            </Typography.Text>
          ) : null}
          {org.hasGroups && branch ? <Tag>{t('plans.hasGroups')}</Tag> : null}
        </Space>
        <Space wrap>
          {writable && branch ? (
            <Button onClick={() => setDialog({ kind: 'themeDay' })} data-testid="plan-set-theme-day">
              {t('plans.setThemeDay')}
            </Button>
          ) : null}
          <Button icon={<CalendarOutlined />} onClick={() => setDialog({ kind: 'feed' })} data-testid="plan-feed">
            {t('plans.feed')}
          </Button>
          {current.items.length ? (
            <Button icon={<DownloadOutlined />} href={planExportUrl(org.id, year)} download data-testid="plan-export">
              {t('plans.exportPlan')}
            </Button>
          ) : null}
        </Space>
      </Flex>
      {!org.kind ? (
        <Empty description={t('plans.noKind')} />
      ) : (
        <>
          <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
            <Space size={[4, 4]} wrap data-testid="plan-requirements">
              <Typography.Text type="secondary">{t('plans.requirements')}：</Typography.Text>
              {current.requirements.map((r) => (
                <Tag key={r.type} color={r.planned >= r.required ? 'green' : 'orange'}>
                  {t('plans.requirement', { type: typeName(t, r.type), planned: r.planned, required: r.required })}
                </Tag>
              ))}
            </Space>
            {writable ? (
              <Space wrap>
                <Button type={current.plan ? 'default' : 'primary'} icon={<ThunderboltOutlined />} loading={generating} onClick={generate} data-testid="plan-generate">
                  {current.plan ? t('plans.regenerate') : t('plans.generate')}
                </Button>
                <Button icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'add' })} data-testid="plan-add">
                  {t('plans.addItem')}
                </Button>
              </Space>
            ) : null}
          </Flex>
          {current.plan ? null : <Typography.Paragraph type="secondary">{t('plans.empty', { year })}</Typography.Paragraph>}
          <Segmented<'calendar' | 'list'>
            value={view}
            onChange={setView}
            options={[
              { value: 'calendar', label: t('plans.view.calendar') },
              { value: 'list', label: t('plans.view.list') },
            ]}
            style={{ marginBottom: 12 }}
          />
          {view === 'calendar' ? (
            <PlanCalendar key={`${org.id}-${year}`} plan={current} writable={writable} onDialog={setDialog} reload={reload} />
          ) : (
            <PlanList plan={current} writable={writable} onDialog={setDialog} reload={reload} />
          )}
        </>
      )}
      {dialog?.kind === 'add' ? <ItemFormModal orgId={org.id} year={year} initialDate={dialog.date} onClose={() => setDialog(null)} onSaved={done} /> : null}
      {dialog?.kind === 'edit' ? <ItemFormModal orgId={org.id} year={year} item={dialog.item} onClose={() => setDialog(null)} onSaved={done} /> : null}
      {dialog?.kind === 'activity' ? <ItemActivityModal item={dialog.item} onClose={() => setDialog(null)} onCreated={done} /> : null}
      {dialog?.kind === 'themeDay' ? <ThemeDayModal org={org} countyDay={countyDay} onClose={() => setDialog(null)} onSaved={done} /> : null}
      {dialog?.kind === 'feed' ? <FeedModal orgId={org.id} orgName={org.name} writable={writable} onClose={() => setDialog(null)} /> : null}
    </>
  );
}
