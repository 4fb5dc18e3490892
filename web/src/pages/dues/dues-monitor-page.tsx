// 党费监控 (/dues/monitor): 收缴总览 (a month of an organization's subtree with drill-down, 月月清 and the
// 12-month trend), 月月清 (the organizations' months by status), 预警 (organizations below the paid share,
// members in arrears, reminders) and 年度汇总 (the year with the upward remittance). ?tab= and ?orgId=
// open a tab and an organization (the warning notifications link to ?tab=warnings&orgId=…); the month
// is shared by the first three tabs. County administrators at the root change the warning day and
// shares here. Works at 360 px.
import { SettingOutlined } from '@ant-design/icons';
import { Button, Tabs } from 'antd';
import { useCallback, useState } from 'react';
import { useSearchParams } from 'react-router';
import { type MonitorOrg, getMonitorSettings } from '../../api/dues-monitor';
import { PageCard } from '../../components/page-card';
import { useT } from '../../i18n/i18n';
import { useAsync } from '../../lib/use-async';
import { thisMonth } from './monitor-bits';
import { MonitorOrgMonths } from './monitor-org-months';
import { MonitorOverview } from './monitor-overview';
import { MonitorSettingsModal } from './monitor-settings-modal';
import { MonitorWarnings } from './monitor-warnings';
import { MonitorYearly } from './monitor-yearly';

const TABS = ['overview', 'org-months', 'warnings', 'yearly'] as const;
type Tab = (typeof TABS)[number];
const isTab = (v: string | null): v is Tab => TABS.includes(v as Tab);
const MONTH = /^20\d\d-(0[1-9]|1[0-2])$/;

/** The /dues/monitor route. */
export default function DuesMonitorPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const tabParam = params.get('tab');
  const tab: Tab = isTab(tabParam) ? tabParam : 'overview';
  const orgId = params.get('orgId') || undefined;
  const [month, setMonth] = useState(() => {
    const m = params.get('month');
    return m && MONTH.test(m) ? m : thisMonth();
  });
  const [trail, setTrail] = useState<MonitorOrg[]>([]);
  const [root, setRoot] = useState<MonitorOrg | undefined>();
  const settings = useAsync(getMonitorSettings);
  const [editing, setEditing] = useState(false);
  const [reloadKey, setReloadKey] = useState(0);

  /** Changes search parameters (undefined removes one); a new organization is a new history entry. */
  const update = (patch: Record<string, string | undefined>, replace: boolean) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        return next;
      },
      { replace },
    );
  const setOrgId = (id?: string) => update({ orgId: id }, false);
  /** Drills into an organization (or back to one of the trail, or to the scope root). */
  const openOrg = (o: MonitorOrg | undefined) => {
    if (o) {
      setTrail((prev) => {
        const i = prev.findIndex((x) => x.id === o.id);
        return i >= 0 ? prev.slice(0, i + 1) : [...prev, o];
      });
    }
    setOrgId(o?.id);
  };
  /** The organization the overview answered: cut the trail back to it, or start a new trail. */
  const onShown = useCallback((org: MonitorOrg, asRoot: boolean) => {
    if (asRoot) setRoot(org);
    setTrail((prev) => {
      const i = prev.findIndex((x) => x.id === org.id);
      if (i < 0) return [org];
      return i === prev.length - 1 ? prev : prev.slice(0, i + 1);
    });
  }, []);

  const warnBp = settings.data?.warnShareBp;
  const shared = { orgId, onOrg: setOrgId, reloadKey };
  return (
    <PageCard
      title={t('duesMonitor.title')}
      data-testid="dues-monitor-page"
      extra={
        settings.data?.editable ? (
          <Button icon={<SettingOutlined />} onClick={() => setEditing(true)} data-testid="dues-monitor-settings">
            {t('duesMonitor.settings.button')}
          </Button>
        ) : null
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(k) => update({ tab: k === 'overview' ? undefined : k }, true)}
        destroyOnHidden
        items={[
          {
            key: 'overview',
            label: t('duesMonitor.tab.overview'),
            children: (
              <MonitorOverview
                orgId={orgId}
                month={month}
                onMonth={setMonth}
                onOrg={openOrg}
                trail={trail}
                root={root}
                onShown={onShown}
                warnBp={warnBp}
                reloadKey={reloadKey}
              />
            ),
          },
          { key: 'org-months', label: t('duesMonitor.tab.orgMonths'), children: <MonitorOrgMonths {...shared} month={month} onMonth={setMonth} warnBp={warnBp} /> },
          { key: 'warnings', label: t('duesMonitor.tab.warnings'), children: <MonitorWarnings {...shared} month={month} onMonth={setMonth} /> },
          { key: 'yearly', label: t('duesMonitor.tab.yearly'), children: <MonitorYearly {...shared} /> },
        ]}
      />
      {editing && settings.data ? (
        <MonitorSettingsModal
          settings={settings.data}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            settings.reload();
            setReloadKey((k) => k + 1);
          }}
        />
      ) : null}
    </PageCard>
  );
}
