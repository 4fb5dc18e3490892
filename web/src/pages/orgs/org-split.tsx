// 拆分建议: the server's split suggestion of a branch (units of 20–25 by village group and household)
// in a drawer. The secretary may move members between units on screen; the export is the server's
// suggestion. Adopting it = creating the 下设支部/党小组 and moving members in the registry.
import { ApartmentOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Drawer, Flex, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { getSplitSuggestion, type SplitSuggestion, type SplitUnit, splitSuggestionExportUrl } from '../../api/orgs';
import { LoadError } from '../../components/load-error';
import { useNarrow } from '../../components/page-card';
import { ExportButton } from '../../components/paged-table';
import { useT } from '../../i18n/i18n';
import { useAsync } from '../../lib/use-async';

type Member = SplitUnit['members'][number];

/** The 拆分建议 button and its drawer. */
export function SplitSuggestionButton({ orgId, orgName }: { orgId: string; orgName: string }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<ApartmentOutlined />} onClick={() => setOpen(true)} data-testid="org-split">
        {t('orgSplit.button')}
      </Button>
      {open ? <SplitDrawer orgId={orgId} orgName={orgName} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function SplitDrawer({ orgId, orgName, onClose }: { orgId: string; orgName: string; onClose: () => void }) {
  const t = useT();
  const narrow = useNarrow();
  const [range, setRange] = useState({ min: 20, max: 25 });
  const [draft, setDraft] = useState({ min: 20, max: 25 });
  const load = useCallback(() => getSplitSuggestion(orgId, range.min, range.max), [orgId, range]);
  const { data, error, loading, reload } = useAsync(load);
  const [units, setUnits] = useState<SplitUnit[]>([]);
  useEffect(() => setUnits(data?.units ?? []), [data]);

  const move = (member: Member, to: number) =>
    setUnits((us) =>
      us.map((u) => {
        const members = u.no === to ? [...u.members.filter((m) => m.id !== member.id), member] : u.members.filter((m) => m.id !== member.id);
        return { ...u, members, size: members.length };
      }),
    );
  const edited = data ? units.some((u, i) => u.members.length !== data.units[i]?.members.length || u.members.some((m, j) => m.id !== data.units[i].members[j]?.id)) : false;
  const outside = data ? units.filter((u) => u.size < data.min || u.size > data.max) : [];
  const groupName = (g: string | null) => g || t('orgSplit.noGroup');

  return (
    <Drawer open onClose={onClose} size={narrow ? '100%' : 720} title={t('orgSplit.title', { name: orgName })} destroyOnHidden data-testid="org-split-drawer">
      <Flex vertical gap={16}>
        <Alert type="info" showIcon title={t('orgSplit.adoptNote')} data-testid="org-split-note" />
        <Flex gap={8} wrap align="center">
          <span>{t('orgSplit.range')}</span>
          <InputNumber min={1} max={200} value={draft.min} onChange={(v) => setDraft((d) => ({ ...d, min: v ?? d.min }))} aria-label={t('orgSplit.min')} data-testid="org-split-min" />
          <span>–</span>
          <InputNumber min={1} max={200} value={draft.max} onChange={(v) => setDraft((d) => ({ ...d, max: v ?? d.max }))} aria-label={t('orgSplit.max')} data-testid="org-split-max" />
          <Button icon={<ReloadOutlined />} onClick={() => (draft.min === range.min && draft.max === range.max ? reload() : setRange(draft))} data-testid="org-split-compute">
            {t('orgSplit.compute')}
          </Button>
          <ExportButton permission="member.export" href={splitSuggestionExportUrl(orgId, range.min, range.max)} data-testid="org-split-export" />
        </Flex>
        <LoadError error={error} onRetry={reload} />
        {loading && !data ? <Typography.Text type="secondary">{t('orgSplit.loading')}</Typography.Text> : null}
        {data && !data.feasible ? <Alert type="warning" showIcon title={data.reasonMessage} data-testid="org-split-infeasible" /> : null}
        {data?.feasible ? (
          <SplitSummary data={data} units={units} edited={edited} outside={outside} onReset={() => setUnits(data.units)} />
        ) : null}
        {units.map((u) => (
          <Card
            key={u.no}
            size="small"
            title={u.label}
            extra={<Tag color={data && (u.size < data.min || u.size > data.max) ? 'error' : 'success'}>{t('orgSplit.size', { size: u.size })}</Tag>}
            data-testid={`org-split-unit-${u.no}`}
          >
            <Table<Member>
              size="small"
              rowKey="id"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={u.members}
              columns={[
                { title: t('orgSplit.name'), dataIndex: 'name', key: 'name' },
                { title: t('orgSplit.group'), key: 'group', render: (_, m) => groupName(m.group) },
                {
                  title: t('orgSplit.moveTo'),
                  key: 'move',
                  render: (_, m) => (
                    <Select
                      size="small"
                      style={{ width: 120 }}
                      value={u.no}
                      onChange={(to) => move(m, to)}
                      options={units.map((x) => ({ value: x.no, label: t('orgSplit.unit', { no: x.no }) }))}
                      aria-label={t('orgSplit.moveTo')}
                    />
                  ),
                },
              ]}
            />
          </Card>
        ))}
      </Flex>
    </Drawer>
  );
}

function SplitSummary({ data, units, edited, outside, onReset }: { data: SplitSuggestion; units: SplitUnit[]; edited: boolean; outside: SplitUnit[]; onReset: () => void }) {
  const t = useT();
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      <Typography.Text data-testid="org-split-summary">{t('orgSplit.summary', { total: data.total, units: units.length, min: data.min, max: data.max })}</Typography.Text>
      {data.householdsSplit > 0 ? <Alert type="warning" showIcon title={t('orgSplit.householdsSplit', { count: data.householdsSplit })} /> : null}
      {outside.length > 0 ? (
        <Alert type="error" showIcon title={t('orgSplit.outside', { units: outside.map((u) => u.no).join('、'), min: data.min, max: data.max })} data-testid="org-split-outside" />
      ) : null}
      {edited ? (
        <Flex gap={8} wrap align="center">
          <Typography.Text type="secondary">{t('orgSplit.edited')}</Typography.Text>
          <Button size="small" onClick={onReset} data-testid="org-split-reset">
            {t('orgSplit.reset')}
          </Button>
        </Flex>
      ) : null}
    </Space>
  );
}
