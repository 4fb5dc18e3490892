// 组织生活督查 (/supervision): the 条例 rule engine's judgement of the caller's subtree for a period —
// organizations green / amber / red with the reasons, drilled down county → township → branch →
// activity (→ its attendees on the activity page), one click a level. The organization, period, day
// and tab live in the URL (?orgId=&period=&asOf=&tab=) so back / forward and shared links work; the
// period defaults to this month and the day (判定日) to today. Tabs: 督查总览, 问题清单 (the red
// list), 规则设置 (the county's rules; editable by county administrators at the root). Works at 360 px.
import { Breadcrumb, Flex, Spin, Tabs, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { COMPLIANCE_READ, complianceExportUrl, getCompliance, isPeriodKey, todayIn } from '../../api/supervision';
import { LoadError } from '../../components/load-error';
import { PageCard } from '../../components/page-card';
import { ExportButton } from '../../components/paged-table';
import { useT } from '../../i18n/i18n';
import { useAsync } from '../../lib/use-async';
import { PeriodPicker } from './compliance-bits';
import { ComplianceOverview } from './compliance-overview';
import { RedList } from './red-list';
import { RulesTab } from './rules-tab';

const TABS = ['overview', 'red', 'rules'] as const;
type Tab = (typeof TABS)[number];
const isTab = (v: string | null): v is Tab => TABS.includes(v as Tab);
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The /supervision route. */
export default function SupervisionPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const tabParam = params.get('tab');
  const tab: Tab = isTab(tabParam) ? tabParam : 'overview';
  const orgId = params.get('orgId') || undefined;
  const asOfParam = params.get('asOf');
  const asOf = asOfParam && DAY.test(asOfParam) ? asOfParam : undefined;
  // Today in Asia/Shanghai, as the server judges it.
  const today = asOf ?? todayIn();
  const periodParam = params.get('period');
  const period = periodParam && isPeriodKey(periodParam) ? periodParam : today.slice(0, 7);
  const [reloadKey, setReloadKey] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reloadKey reloads after the rules change.
  const load = useCallback(() => getCompliance({ orgId, period, asOf }), [orgId, period, asOf, reloadKey]);
  const { data, error, loading, reload } = useAsync(load);
  // An answer for another organization or period still shows (blurred, not clickable) until the new one comes.
  const busy = loading || (!!data && (data.period !== period || (!!orgId && data.org.id !== orgId)));

  /** The URL of the page for another organization (and tab), keeping the period and the day. */
  const linkTo = useCallback(
    (patch: { orgId?: string; tab?: Tab }) => {
      const next = new URLSearchParams();
      const id = 'orgId' in patch ? patch.orgId : orgId;
      if (id) next.set('orgId', id);
      next.set('period', period);
      if (asOf) next.set('asOf', asOf);
      const tb = patch.tab ?? tab;
      if (tb !== 'overview') next.set('tab', tb);
      return `/supervision?${next.toString()}`;
    },
    [orgId, period, asOf, tab],
  );
  const orgLink = useCallback((id: string) => linkTo({ orgId: id, tab: 'overview' }), [linkTo]);
  const update = (patch: Record<string, string | undefined>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        return next;
      },
      { replace: true },
    );

  const trail = data?.trail ?? [];
  const crumbs = trail.map((o, i) => ({
    key: o.id,
    title: i === trail.length - 1 ? <span data-testid="supervision-current">{o.name}</span> : <Link to={linkTo({ orgId: o.id })}>{o.name}</Link>,
  }));
  // The loaded organization's own id goes into the export, so it exports what is shown.
  const exportQuery = { orgId: data?.org.id ?? orgId, period, asOf };

  return (
    <PageCard
      title={t('supervision.title')}
      data-testid="supervision-page"
      extra={<ExportButton permission={COMPLIANCE_READ} href={complianceExportUrl(exportQuery)} data-testid="supervision-export">{t('supervision.export')}</ExportButton>}
    >
      <Flex gap={8} wrap align="center" justify="space-between" style={{ marginBottom: 12 }}>
        <nav aria-label={t('supervision.trail')}>
          <Breadcrumb items={crumbs} data-testid="supervision-breadcrumb" />
        </nav>
        <Flex gap={8} wrap align="center">
          <PeriodPicker value={period} today={today} onChange={(p) => update({ period: p })} />
          <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
            {t('supervision.asOf', { day: data?.asOf ?? today })}
          </Typography.Text>
        </Flex>
      </Flex>
      <LoadError error={error} onRetry={reload} />
      {/* aria-busy / data-period tell a test (or a screen reader) when the answer on screen is the one asked for. */}
      <div data-testid="supervision-content" aria-busy={busy} data-period={data?.period} data-org={data?.org.id}>
        <Tabs
          activeKey={tab}
          onChange={(k) => update({ tab: k === 'overview' ? undefined : k })}
          items={[
            {
              key: 'overview',
              label: t('supervision.tab.overview'),
              children: (
                <Spin spinning={busy}>
                  {data ? (
                    <ComplianceOverview key={`${data.org.id}:${data.period}:${reloadKey}`} data={data} orgLink={orgLink} period={data.period} asOf={asOf} />
                  ) : (
                    <div style={{ minHeight: 160 }} />
                  )}
                </Spin>
              ),
            },
            {
              key: 'red',
              label: data ? `${t('supervision.tab.red')} (${data.red.total})` : t('supervision.tab.red'),
              children: <Spin spinning={busy}>{data ? <RedList red={data.red} orgLink={orgLink} /> : <div style={{ minHeight: 160 }} />}</Spin>,
            },
            { key: 'rules', label: t('supervision.tab.rules'), children: <RulesTab onChanged={() => setReloadKey((k) => k + 1)} /> },
          ]}
        />
      </div>
    </PageCard>
  );
}
