// The panels of the big screen (screen-page.tsx lays them out on the stage): live check-ins, the 12-month
// trend, the headline figures, the township blocks, 三会一课, 月月清 and volunteering, with their small
// formatting helpers.
import { type CSSProperties, useMemo } from 'react';
import {
  type ScreenActivity,
  type ScreenBlock,
  type ScreenCompliance,
  type ScreenDues,
  type ScreenLive,
  type ScreenOverview,
  THREE_MEETINGS,
} from '../../api/screen';
import type { TFunction } from '../../i18n/i18n';
import type { MessageKey } from '../../locales/zh-CN';
import { AXIS, type ChartOption, GOLD, RED, ScreenChart, TEXT } from './screen-chart';
import css from './screen.module.css';

const HOURS = Array.from({ length: 24 }, (_, h) => h);
const TYPES = [...THREE_MEETINGS, 'theme_day'] as const;
const pct = (v: number | null | undefined, digits = 1) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(digits)}%`);
const bpPct = (bp: number | null | undefined) => (bp === null || bp === undefined ? '—' : `${(bp / 100).toFixed(1)}%`);
const n = (v: number | undefined, lang: string) => (v === undefined ? '—' : v.toLocaleString(lang));
/** A month 'YYYY-MM' as the axis shows it ('11月', 'Nov'). */
const monthLabel = (m: string, lang: string) => new Intl.DateTimeFormat(lang, { month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)) - 1, 15)));

/** A short name for a block: without 中共, the county's name and the committee suffix ('中共长兴县雉城街道工作委员会' → '雉城街道'). */
export function shortName(name: string, countyName: string | undefined): string {
  const county = countyName?.replace(/^中共/, '').replace(/委员会$/, '');
  let s = name.replace(/^中共/, '');
  if (county && s.startsWith(county) && s.length > county.length) s = s.slice(county.length);
  const trimmed = s.replace(/(党工作委员会|工作委员会|委员会|党委)$/, '');
  return trimmed || s;
}

/** The colour of a block: this month's attendance rate (≥ 90 %, 75–90 %, below; grey when nothing was expected). */
function rateColour(rate: number | null): 'green' | 'amber' | 'red' | 'grey' {
  if (rate === null) return 'grey';
  return rate >= 0.9 ? 'green' : rate >= 0.75 ? 'amber' : 'red';
}

export function Panel({ title, extra, style, children, testId }: { title: string; extra?: string; style: CSSProperties; children: React.ReactNode; testId?: string }) {
  return (
    <section className={css.panel} style={style} data-testid={testId}>
      <div className={css.panelTitle}>
        <span>{title}</span>
        {extra ? <small>{extra}</small> : null}
      </div>
      {children}
    </section>
  );
}

export type T = { t: TFunction };

export function LivePanel({ t, lang, live }: T & { lang: string; live?: ScreenLive }) {
  const current = live ? Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', hour12: false }).format(new Date(live.at))) % 24 : 23;
  const option = useMemo<ChartOption>(
    () => ({
      animation: false,
      grid: { left: 48, right: 16, top: 20, bottom: 30 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: HOURS.map((h) => t('screen.hour', { h })), ...AXIS, axisLabel: { ...AXIS.axisLabel, interval: 2 } },
      yAxis: { type: 'value', minInterval: 1, ...AXIS },
      series: [
        {
          type: 'line',
          smooth: true,
          symbol: 'circle',
          symbolSize: 6,
          name: t('screen.liveTotal'),
          // Hours still to come are left blank, not drawn as zero.
          data: HOURS.map((h) => (live && h <= current ? live.byHour[h] : null)),
          lineStyle: { color: GOLD, width: 3 },
          itemStyle: { color: GOLD },
          areaStyle: { color: 'rgba(255, 214, 102, 0.18)' },
        },
      ],
    }),
    [live, current, t],
  );
  return (
    <Panel title={t('screen.live')} style={{ height: 471 }} testId="screen-live">
      <div className={css.row} style={{ justifyContent: 'space-between' }}>
        <div>
          <div className={css.bigNumber} data-testid="screen-live-total">
            {n(live?.checkins, lang)}
          </div>
          <div className={css.muted}>
            {t('screen.liveTotal')}（{t('screen.unit.checkins')}）
          </div>
        </div>
      </div>
      <ScreenChart option={option} width={516} height={280} testId="screen-live-chart" />
      <div className={css.muted}>{live ? t('screen.liveActivities', { n: live.activities, started: live.started, underWay: live.underWay }) : ''}</div>
    </Panel>
  );
}

export function TrendPanel({ t, lang, activity }: T & { lang: string; activity?: ScreenActivity }) {
  const option = useMemo<ChartOption>(() => {
    const trend = activity?.trend ?? [];
    return {
      animation: false,
      grid: { left: 56, right: 56, top: 44, bottom: 30 },
      tooltip: { trigger: 'axis' },
      legend: { top: 0, textStyle: { color: TEXT, fontSize: 14 } },
      xAxis: { type: 'category', data: trend.map((m) => monthLabel(m.month, lang)), ...AXIS },
      yAxis: [
        { type: 'value', name: t('screen.trend.held'), nameTextStyle: { color: TEXT }, minInterval: 1, ...AXIS },
        { type: 'value', name: t('screen.trend.rate'), nameTextStyle: { color: TEXT }, min: 0, max: 100, ...AXIS, axisLabel: { ...AXIS.axisLabel, formatter: '{value}%' }, splitLine: { show: false } },
      ],
      series: [
        { type: 'bar', name: t('screen.trend.held'), data: trend.map((m) => m.held), itemStyle: { color: RED }, barMaxWidth: 22 },
        {
          type: 'line', name: t('screen.trend.rate'), yAxisIndex: 1, smooth: true, connectNulls: false,
          data: trend.map((m) => (m.rate === null ? null : Math.round(m.rate * 1000) / 10)), lineStyle: { color: GOLD, width: 3 }, itemStyle: { color: GOLD },
        },
      ],
    };
  }, [activity, t, lang]);
  return (
    <Panel title={t('screen.trend')} style={{ height: 471 }} testId="screen-trend">
      <ScreenChart option={option} width={516} height={400} testId="screen-trend-chart" />
    </Panel>
  );
}

export function Kpis({ t, lang, overview, live }: T & { lang: string; overview?: ScreenOverview; live?: ScreenLive }) {
  const items: [string, MessageKey, number | undefined][] = [
    ['organizations', 'screen.kpi.organizations', overview?.totals.organizations],
    ['branches', 'screen.kpi.branches', overview?.totals.branches],
    ['members', 'screen.kpi.members', overview?.totals.members],
    ['activities', 'screen.kpi.todayActivities', live?.activities],
    ['underWay', 'screen.kpi.underWay', live?.underWay],
  ];
  return (
    <div className={css.kpis}>
      {items.map(([key, label, value]) => (
        <div key={key} className={css.kpi} data-testid={`screen-kpi-${key}`}>
          <span className={css.kpiValue}>{n(value, lang)}</span>
          <span className={css.kpiLabel}>{t(label)}</span>
        </div>
      ))}
    </div>
  );
}

export function BlocksPanel({
  t, lang, overview, live, compliance, onPick,
}: T & { lang: string; overview?: ScreenOverview; live?: ScreenLive; compliance?: ScreenCompliance; onPick: (orgId: string) => void }) {
  const blocks = overview?.blocks ?? [];
  const today = new Map((live?.children ?? []).map((c) => [c.orgId, c.checkins]));
  // Coloured by the rule engine (the worst colour of the block's organizations) once it has answered, else by the attendance rate.
  const colours = compliance ? new Map(compliance.children.map((c) => [c.orgId, c])) : null;
  const colourOf = (b: ScreenBlock) => {
    if (!colours) return rateColour(b.rate);
    const c = colours.get(b.orgId);
    return !c || c.red + c.amber + c.green === 0 ? 'grey' : c.red > 0 ? 'red' : c.amber > 0 ? 'amber' : 'green';
  };
  // Columns by the number of blocks (the 65 townships and departments of the demo county: 7 × 10); the
  // blocks share the 736 × 690 area. Figures beyond the name, members and attendance show when there is room.
  const cols = blocks.length <= 4 ? 2 : blocks.length <= 9 ? 3 : blocks.length <= 16 ? 4 : blocks.length <= 30 ? 5 : blocks.length <= 42 ? 6 : 7;
  const rows = Math.max(1, Math.ceil(blocks.length / cols));
  const blockH = Math.min(220, Math.floor((690 - (rows - 1) * 8) / rows));
  const font = Math.max(12, Math.min(22, Math.floor(blockH / 4.8)));
  const roomy = blockH >= font * 6;
  const county = overview?.org.name;
  return (
    <Panel title={t('screen.blocks')} extra={t('screen.membersNote')} style={{ height: 812 }} testId="screen-blocks">
      {blocks.length === 0 ? (
        <div className={css.muted}>{overview ? t('screen.noData') : t('screen.loading')}</div>
      ) : (
        <div className={css.blocks} style={{ gridTemplateColumns: `repeat(${cols}, 1fr)`, gridAutoRows: blockH }}>
          {blocks.map((b: ScreenBlock) => (
            <button
              type="button"
              key={b.orgId}
              className={`${css.block} ${css[colourOf(b)]}`}
              style={{ fontSize: font }}
              title={b.name}
              data-testid="screen-block"
              onClick={() => onPick(b.orgId)}
            >
              <div className={css.blockInner}>
                <div className={css.blockName} style={{ fontSize: font + 1 }}>
                  {shortName(b.name, county)}
                </div>
                <div className={css.blockFigures}>
                  <span>{t('screen.block.members')}</span>
                  <span>{n(b.members, lang)}</span>
                </div>
                <div className={css.blockFigures}>
                  <span>{t('screen.block.rate')}</span>
                  <span>{pct(b.rate, 0)}</span>
                </div>
                {roomy ? (
                  <>
                    <div className={css.blockFigures}>
                      <span>{t('screen.block.today')}</span>
                      <span>{n(today.get(b.orgId) ?? 0, lang)}</span>
                    </div>
                    <div className={css.blockFigures}>
                      <span>{t('screen.block.dues')}</span>
                      <span>{bpPct(b.duesClearShareBp)}</span>
                    </div>
                  </>
                ) : null}
              </div>
            </button>
          ))}
        </div>
      )}
      <div className={css.legend}>
        {colours ? (
          <>
            <span>{t('screen.blocksLegendCompliance')}</span>
            {(['green', 'amber', 'red'] as const).map((c) => (
              <span key={c}>
                <i className={`${css.swatch} ${css[c]}`} />
                {t(`screen.compliance.${c}`)}
              </span>
            ))}
          </>
        ) : (
          <>
            <span>{t('screen.blocksLegendRate')}</span>
            <span>
              <i className={`${css.swatch} ${css.green}`} />
              <i className={`${css.swatch} ${css.amber}`} />
              <i className={`${css.swatch} ${css.red}`} />
            </span>
          </>
        )}
      </div>
    </Panel>
  );
}

export function ThreeMeetingsPanel({ t, activity, compliance }: T & { activity?: ScreenActivity; compliance?: ScreenCompliance }) {
  const option = useMemo<ChartOption>(() => {
    const by = activity?.thisMonth ?? {};
    const xAxis = { type: 'category', data: TYPES.map((x) => t(`screen.type.${x}` as MessageKey)), ...AXIS, axisLabel: { ...AXIS.axisLabel, fontSize: 13, interval: 0 } };
    const base = { animation: false, grid: { left: 56, right: 56, top: 36, bottom: 30 }, tooltip: { trigger: 'axis' }, legend: { top: 0, textStyle: { color: TEXT, fontSize: 14 } }, xAxis };
    if (compliance) {
      // The rule engine's checks of the month by type and colour (an organization bound by a rule is one check).
      const colour = { green: '#52c41a', amber: '#faad14', red: RED } as const;
      return {
        ...base,
        yAxis: { type: 'value', minInterval: 1, ...AXIS },
        series: (['green', 'amber', 'red'] as const).map((c) => ({
          type: 'bar', stack: 'checks', name: t(`screen.compliance.${c}`), data: TYPES.map((x) => compliance.byType[x]?.[c] ?? 0), itemStyle: { color: colour[c] }, barMaxWidth: 36,
        })),
      };
    }
    return {
      ...base,
      yAxis: [
        { type: 'value', minInterval: 1, ...AXIS },
        { type: 'value', min: 0, max: 100, ...AXIS, axisLabel: { ...AXIS.axisLabel, formatter: '{value}%' }, splitLine: { show: false } },
      ],
      series: [
        { type: 'bar', name: t('screen.threeMeetings.held'), data: TYPES.map((x) => by[x]?.held ?? 0), itemStyle: { color: RED }, barMaxWidth: 36, label: { show: true, position: 'top', color: TEXT } },
        {
          type: 'line', name: t('screen.threeMeetings.rate'), yAxisIndex: 1,
          data: TYPES.map((x) => { const r = by[x]?.rate; return r === null || r === undefined ? null : Math.round(r * 1000) / 10; }),
          lineStyle: { color: GOLD, width: 3 }, itemStyle: { color: GOLD },
        },
      ],
    };
  }, [activity, compliance, t]);
  const m = activity?.threeMeetings.month;
  return (
    <Panel
      title={compliance ? t('screen.compliance', { month: compliance.month }) : t('screen.threeMeetings')}
      extra={m ? t('screen.threeMeetings.summary', { held: m.held, rate: pct(m.rate) }) : undefined}
      style={{ height: 300 }}
      testId="screen-three-meetings"
    >
      <ScreenChart option={option} width={516} height={238} testId="screen-three-meetings-chart" />
    </Panel>
  );
}

export function DuesPanel({ t, lang, dues }: T & { lang: string; dues?: ScreenDues }) {
  const share = dues?.current.clearShareBp ?? null;
  const gauge = useMemo<ChartOption>(
    () => ({
      animation: false,
      series: [
        {
          type: 'gauge', min: 0, max: 100, radius: '92%', center: ['50%', '58%'], startAngle: 210, endAngle: -30,
          progress: { show: true, width: 14, itemStyle: { color: GOLD } },
          axisLine: { lineStyle: { width: 14, color: [[1, 'rgba(255, 214, 102, 0.15)']] } },
          axisTick: { show: false }, splitLine: { show: false }, axisLabel: { show: false }, pointer: { show: false },
          title: { show: true, offsetCenter: [0, '42%'], color: TEXT, fontSize: 14 },
          detail: { valueAnimation: false, offsetCenter: [0, '0%'], fontSize: 30, color: GOLD, formatter: (v: number) => (share === null ? '—' : `${v.toFixed(1)}%`) },
          data: [{ value: share === null ? 0 : share / 100, name: t('screen.dues.clearShare') }],
        },
      ],
    }),
    [share, t],
  );
  const trend = useMemo<ChartOption>(() => {
    const rows = dues?.trend ?? [];
    return {
      animation: false,
      grid: { left: 44, right: 10, top: 16, bottom: 26 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: rows.map((r) => monthLabel(r.month, lang)), ...AXIS, axisLabel: { ...AXIS.axisLabel, fontSize: 12 } },
      yAxis: { type: 'value', min: 0, max: 100, ...AXIS, axisLabel: { ...AXIS.axisLabel, fontSize: 12, formatter: '{value}%' } },
      series: [
        { type: 'bar', name: t('screen.dues.trend'), data: rows.map((r) => (r.clearShareBp === null ? null : r.clearShareBp / 100)), itemStyle: { color: RED }, barMaxWidth: 14 },
      ],
    };
  }, [dues, t, lang]);
  const c = dues?.current;
  return (
    <Panel
      title={t('screen.dues')}
      extra={c ? t('screen.dues.detail', { clear: c.clearOrgs, orgs: c.orgs, paid: bpPct(c.paidShareBp) }) : undefined}
      style={{ height: 300 }}
      testId="screen-dues"
    >
      <div className={css.row}>
        <ScreenChart option={gauge} width={210} height={238} testId="screen-dues-gauge" />
        <ScreenChart option={trend} width={294} height={238} testId="screen-dues-trend" />
      </div>
    </Panel>
  );
}

export function VolunteerPanel({ t, lang, activity }: T & { lang: string; activity?: ScreenActivity }) {
  const option = useMemo<ChartOption>(() => {
    const rows = activity?.volunteer.trend ?? [];
    return {
      animation: false,
      grid: { left: 44, right: 10, top: 12, bottom: 24 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: rows.map((r) => monthLabel(r.month, lang)), ...AXIS, axisLabel: { ...AXIS.axisLabel, fontSize: 12 } },
      yAxis: { type: 'value', minInterval: 1, ...AXIS, axisLabel: { ...AXIS.axisLabel, fontSize: 12 } },
      series: [{ type: 'bar', name: t('screen.volunteer.trendPeople'), data: rows.map((r) => r.people), itemStyle: { color: GOLD }, barMaxWidth: 12 }],
    };
  }, [activity, t, lang]);
  return (
    <Panel title={t('screen.volunteer')} style={{ height: 200 }} testId="screen-volunteer">
      <div className={css.row}>
        <div className={css.stat} style={{ width: 90 }}>
          <span className={css.statValue}>{n(activity?.volunteer.held, lang)}</span>
          <span className={css.muted}>{t('screen.volunteer.held')}</span>
        </div>
        <div className={css.stat} style={{ width: 100 }}>
          <span className={css.statValue}>{n(activity?.volunteer.people, lang)}</span>
          <span className={css.muted}>{t('screen.volunteer.people')}</span>
        </div>
        <ScreenChart option={option} width={302} height={138} testId="screen-volunteer-chart" />
      </div>
    </Panel>
  );
}
