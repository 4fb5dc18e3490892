// 数据大屏 (/screen): a fixed 1920×1080 stage scaled to the window, outside the console layout. Every
// figure is an aggregate from /api/screen/* (docs/SCREEN.md); live figures refresh every 20 s, the rest
// every 5 minutes, in place (never a page reload). `?orgId=` shows another organization in scope
// (clicking a block drills into it).
import { type CSSProperties, useCallback, useEffect, useState } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import {
  SCREEN_PERMISSION,
  getScreenActivity,
  getScreenCompliance,
  getScreenDues,
  getScreenLive,
  getScreenOverview,
} from '../../api/screen';
import { PageLoading } from '../../components/page-loading';
import { useI18n, useT } from '../../i18n/i18n';
import { useSession } from '../../session/session';
import { ForbiddenPage } from '../errors/error-pages';
import { BlocksPanel, DuesPanel, Kpis, LivePanel, Panel, ThreeMeetingsPanel, TrendPanel, VolunteerPanel, shortName } from './screen-panels';
import css from './screen.module.css';

const W = 1920;
const H = 1080;
/** Live figures (check-ins, activities under way) and the rest. */
const LIVE_MS = 20_000;
/** The hours of a day (the live chart's axis) and the types of the 三会一课 chart (with 主题党日). */
const SLOW_MS = 5 * 60_000;

/** The /screen route: the session and the permission first (the screen has no console layout around it). */
export default function ScreenPage() {
  const { me, can } = useSession();
  if (me === undefined) return <PageLoading fullScreen />;
  if (me === null) return <Navigate to={`/login?next=${encodeURIComponent('/screen')}`} replace />;
  if (!can(SCREEN_PERMISSION)) return <ForbiddenPage />;
  return <Screen />;
}

/** Loads `load()` now and every `every` ms while mounted (again from scratch when `key` changes); keeps the last answer on a failure. */
function usePoll<T>(load: (orgId?: string) => Promise<T>, every: number, orgId: string | undefined) {
  const [state, setState] = useState<{ data?: T; failed: boolean; at?: Date }>({ failed: false });
  useEffect(() => {
    let alive = true;
    let timer: number | undefined;
    setState({ failed: false });
    const tick = async () => {
      try {
        const data = await load(orgId);
        if (alive) setState({ data, failed: false, at: new Date() });
      } catch {
        if (alive) setState((s) => ({ ...s, failed: true }));
      }
      if (alive) timer = window.setTimeout(tick, every);
    };
    void tick();
    return () => {
      alive = false;
      window.clearTimeout(timer);
    };
  }, [load, every, orgId]);
  return state;
}

/** The stage's scale and offset for the window (whole stage visible, centred). */
function useStageStyle(): CSSProperties {
  const calc = useCallback(() => {
    const s = Math.min(window.innerWidth / W, window.innerHeight / H);
    return { transform: `scale(${s})`, left: (window.innerWidth - W * s) / 2, top: (window.innerHeight - H * s) / 2 };
  }, []);
  const [style, setStyle] = useState(calc);
  useEffect(() => {
    const on = () => setStyle(calc());
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, [calc]);
  return style;
}

function useClock() {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = window.setInterval(() => setNow(new Date()), 1000);
    return () => window.clearInterval(id);
  }, []);
  return now;
}

function Screen() {
  const t = useT();
  const { lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const orgId = params.get('orgId') ?? undefined;
  const overview = usePoll(getScreenOverview, SLOW_MS, orgId);
  const live = usePoll(getScreenLive, LIVE_MS, orgId);
  const activity = usePoll(getScreenActivity, SLOW_MS, orgId);
  const dues = usePoll(getScreenDues, SLOW_MS, orgId);
  const compliance = usePoll(getScreenCompliance, SLOW_MS, orgId);
  const stage = useStageStyle();
  const now = useClock();
  const failed = overview.failed || live.failed || activity.failed || dues.failed || compliance.failed;
  const org = overview.data?.org ?? live.data?.org;
  const at = live.at;

  useEffect(() => {
    document.title = `${org?.name ?? ''} ${t('screen.title')}`.trim();
  }, [org?.name, t]);

  const clock = new Intl.DateTimeFormat(lang, {
    timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
  }).format(now);

  return (
    <div className={css.viewport}>
      <div className={css.stage} style={stage} data-testid="screen-stage">
        <header className={css.header}>
          <div className={css.headerLeft}>
            <Link className={css.exit} to="/">
              ← {t('screen.exit')}
            </Link>
            {orgId ? (
              <button type="button" className={css.exit} style={{ background: 'none', border: 0, padding: 0, cursor: 'pointer', textAlign: 'left' }} onClick={() => setParams({})}>
                ↑ {t('screen.platform')}
              </button>
            ) : (
              <span className={css.muted}>{t('screen.platform')}</span>
            )}
          </div>
          <div className={css.title} data-testid="screen-title">
            {org ? `${shortName(org.name, undefined)} · ` : ''}
            {t('screen.title')}
          </div>
          <div className={css.headerRight}>
            <span className={css.clock} data-testid="screen-clock">
              {clock}
            </span>
            {failed ? (
              <span className={css.warn}>{t('screen.loadFailed')}</span>
            ) : (
              <span className={css.muted}>{at ? t('screen.updated', { time: at.toLocaleTimeString(lang, { hour12: false, timeZone: 'Asia/Shanghai' }) }) : t('screen.loading')}</span>
            )}
          </div>
        </header>

        <div className={css.column} style={{ left: 20, width: 540 }}>
          <LivePanel t={t} lang={lang} live={live.data} />
          <TrendPanel t={t} lang={lang} activity={activity.data} />
        </div>

        <div className={css.column} style={{ left: 580, width: 760 }}>
          <Kpis t={t} lang={lang} overview={overview.data} live={live.data} />
          <BlocksPanel t={t} lang={lang} overview={overview.data} live={live.data} compliance={compliance.data} onPick={(id) => setParams({ orgId: id })} />
        </div>

        <div className={css.column} style={{ left: 1360, width: 540 }}>
          <ThreeMeetingsPanel t={t} activity={activity.data} compliance={compliance.data} />
          <DuesPanel t={t} lang={lang} dues={dues.data} />
          <VolunteerPanel t={t} lang={lang} activity={activity.data} />
          <Panel title={t('screen.grid')} style={{ height: 118 }} testId="screen-grid">
            <div className={css.notConnected}>
              <span>
                {t('screen.grid')}：{t('screen.grid.notConnected')}
              </span>
              <span className={css.muted}>{t('screen.grid.hint')}</span>
            </div>
          </Panel>
        </div>
      </div>
    </div>
  );
}
