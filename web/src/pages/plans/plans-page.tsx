// 组织生活计划 (/plans): the plan of an organization (calendar and year list) and the progress of the plans
// below a township; county administrators also set the county's defaults.
import { SettingOutlined } from '@ant-design/icons';
import { Button, Tabs } from 'antd';
import { useCallback, useState } from 'react';
import { getPlanSettings, PLAN_DEFAULTS, type PlanSettings } from '../../api/plans';
import { PageCard } from '../../components/page-card';
import { useT } from '../../i18n/i18n';
import { useAsync } from '../../lib/use-async';
import { useMe } from '../../session/session';
import { OverviewTab } from './overview-tab';
import { currentYear } from './plan-bits';
import { PlanTab } from './plan-tab';
import { SettingsModal } from './settings-modals';

/** The /plans route. */
export default function PlansPage() {
  const t = useT();
  const me = useMe();
  // A secretary starts on their own branch.
  const own = me.grants.find((g) => g.role === 'branch_secretary' || g.role === 'branch_committee')?.orgId;
  const [orgId, setOrgId] = useState<string | undefined>(own);
  const [year, setYear] = useState(currentYear);
  const [tab, setTab] = useState('plan');
  const settings = useAsync(useCallback(getPlanSettings, []));
  const [editing, setEditing] = useState<PlanSettings | null>(null);

  return (
    <PageCard
      title={t('plans.title')}
      data-testid="plans-page"
      extra={
        settings.data?.editable ? (
          <Button icon={<SettingOutlined />} onClick={() => setEditing(settings.data ?? null)} data-testid="plan-settings">
            {t('plans.settings')}
          </Button>
        ) : null
      }
    >
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'plan',
            label: t('plans.tab.plan'),
            children: <PlanTab orgId={orgId} onOrg={setOrgId} year={year} onYear={setYear} countyDay={settings.data?.themeDay ?? PLAN_DEFAULTS.themeDay} />,
          },
          {
            key: 'overview',
            label: t('plans.tab.overview'),
            children: (
              <OverviewTab
                year={year}
                onYear={setYear}
                onOpen={(id) => {
                  setOrgId(id);
                  setTab('plan');
                }}
              />
            ),
          },
        ]}
      />
      {editing ? (
        <SettingsModal
          settings={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            settings.reload();
          }}
        />
      ) : null}
    </PageCard>
  );
}
