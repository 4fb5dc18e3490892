// 综合考核 (/supervision/assessment): the organizations of a subtree (the caller's scope root unless
// ?orgId= names one) with their 12 monthly scores of a year, the year's score (the mean of the months
// scored) and the year's rank; a row opens the organization's history. Below, the county's settings
// (weights per category, the 通报 day, the ranking minimum, the issuer). Works at 360 px.
import { DatePicker, Flex, Table, type TableColumnsType, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { type AssessmentRow, assessmentExportUrl, getAssessment, getSupervisionSettings, scoreText } from '../../api/bulletins';
import { ExportButton } from '../../components/paged-table';
import { LoadError } from '../../components/load-error';
import { OrgTreeSelect } from '../../components/org-tree-select';
import { PageCard, useNarrow } from '../../components/page-card';
import { useT } from '../../i18n/i18n';
import { label } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { AssessmentDrawer } from './assessment-drawer';
import { byRank } from './bulletin-bits';
import { SettingsCard } from './settings-card';

/** The /supervision/assessment route. */
export default function AssessmentPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const orgId = params.get('orgId') || undefined;
  const yearParam = params.get('year');
  const year = yearParam && /^20\d\d$/.test(yearParam) ? yearParam : String(dayjs().year());
  const [reloadKey, setReloadKey] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reloadKey reloads after the settings change.
  const { data, error, loading, reload } = useAsync(useCallback(() => getAssessment({ orgId, year: Number(year) }), [orgId, year, reloadKey]));
  const settings = useAsync(getSupervisionSettings);
  const [open, setOpen] = useState<AssessmentRow>();
  const narrow = useNarrow();

  const update = (patch: Record<string, string | undefined>) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [k, v] of Object.entries(patch)) {
        if (v) next.set(k, v);
        else next.delete(k);
      }
      return next;
    });

  const rows = useMemo(() => (data?.rows ?? []).map((r) => ({ ...r, rank: r.yearRank, score: r.yearScore })).sort(byRank), [data]);
  const columns: TableColumnsType<AssessmentRow> = [
    {
      title: t('bulletins.org'),
      dataIndex: 'name',
      render: (name: string, r) => (
        <div style={{ minWidth: 140 }}>
          <Typography.Link onClick={() => setOpen(r)} data-testid="assessment-org">
            {name}
          </Typography.Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[label(t, 'level', r.level), label(t, 'category', r.category)].filter(Boolean).join(' · ')}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    { title: t('bulletins.members'), dataIndex: 'members', align: 'right' },
    ...(data?.months ?? []).map((m, i) => ({
      title: t('bulletins.monthShort', { m: Number(m.slice(5)) }),
      key: m,
      align: 'right' as const,
      render: (_: unknown, r: AssessmentRow) => (
        <span style={{ fontSize: 12 }} title={r.ranks[i] ? t('bulletins.rankOf', { rank: r.ranks[i] as number }) : undefined}>
          {scoreText(r.scores[i])}
        </span>
      ),
    })),
    {
      title: t('bulletins.yearScore'),
      dataIndex: 'yearScore',
      align: 'right',
      fixed: narrow ? undefined : 'right',
      render: (v: number | null) => <Typography.Text strong>{scoreText(v)}</Typography.Text>,
    },
    { title: t('bulletins.yearRank'), dataIndex: 'yearRank', align: 'center', fixed: narrow ? undefined : 'right', render: (v: number | null) => v ?? '—' },
  ];

  return (
    <Flex vertical gap={16}>
      <PageCard
        title={t('bulletins.assessment.title')}
        data-testid="assessment-page"
        extra={
          <ExportButton permission="activity.read" href={assessmentExportUrl({ orgId, year: Number(year) })} data-testid="assessment-export">
            {t('bulletins.assessment.export')}
          </ExportButton>
        }
      >
        <Typography.Paragraph type="secondary">{t('bulletins.assessment.intro', { n: settings.data?.minRankedMembers ?? '—' })}</Typography.Paragraph>
        <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
          <div style={{ width: 320, maxWidth: '100%' }}>
            <OrgTreeSelect id="assessmentOrg" value={orgId} onChange={(id) => update({ orgId: id })} />
          </div>
          <DatePicker
            id="assessmentYear"
            picker="year"
            allowClear={false}
            value={dayjs(`${year}-01-01`)}
            onChange={(d) => d && update({ year: d.format('YYYY') })}
            minDate={dayjs('2000-01-01')}
            maxDate={dayjs('2099-12-31')}
            aria-label={t('bulletins.year')}
          />
          {data ? <Typography.Text type="secondary" data-testid="assessment-scope">{t('bulletins.assessment.scope', { name: data.org.name, year: data.year })}</Typography.Text> : null}
        </Flex>
        <LoadError error={error} onRetry={reload} />
        <Table<AssessmentRow>
          rowKey="orgId"
          size="small"
          loading={loading}
          dataSource={rows}
          columns={columns}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('bulletins.assessment.empty') }}
          onRow={(r) => ({ onClick: () => setOpen(r), style: { cursor: 'pointer' } })}
          data-testid="assessment-table"
        />
      </PageCard>
      <LoadError error={settings.error} onRetry={settings.reload} />
      {settings.data ? (
        <SettingsCard
          key={JSON.stringify(settings.data)}
          settings={settings.data}
          onSaved={() => {
            settings.reload();
            setReloadKey((k) => k + 1);
          }}
        />
      ) : null}
      {open ? <AssessmentDrawer orgId={open.orgId} name={open.name} onClose={() => setOpen(undefined)} /> : null}
    </Flex>
  );
}
