// The 12-month trend of the overview without a chart library: one bar per month (its height is the paid
// share), the month below it and the number of organizations that were 月月清. A bar opens its month.
import { Flex, Tooltip, Typography, theme } from 'antd';
import type { Overview } from '../../api/dues-monitor';
import { useT } from '../../i18n/i18n';
import { shareText } from './monitor-bits';

const BAR_HEIGHT = 96;

type Props = { trend: Overview['trend']; month: string; warnBp?: number; onMonth: (month: string) => void };

/** The paid share of the 12 months ending with the month shown. */
export function MonitorTrend({ trend, month, warnBp, onMonth }: Props) {
  const t = useT();
  const { token } = theme.useToken();
  return (
    <div data-testid="dues-trend" style={{ marginTop: 16 }}>
      <Typography.Text strong>{t('duesMonitor.trend.title')}</Typography.Text>
      <Flex gap={3} align="flex-end" style={{ marginTop: 8, overflowX: 'auto' }}>
        {trend.map((m) => {
          const none = m.due === 0;
          const pct = none ? 0 : m.paidShareBp / 100;
          const low = !none && warnBp !== undefined && m.paidShareBp < warnBp;
          const shown = m.month === month;
          const color = low ? token.colorWarning : token.colorSuccess;
          const tip = none
            ? t('duesMonitor.trend.none', { month: m.month })
            : t('duesMonitor.trend.tip', { month: m.month, share: shareText(m.paidShareBp), clear: m.clearOrgs, orgs: m.orgs });
          return (
            <Tooltip key={m.month} title={tip}>
              <button
                type="button"
                aria-label={tip}
                onClick={() => onMonth(m.month)}
                data-testid="dues-trend-month"
                data-month={m.month}
                style={{ flex: '1 1 0', minWidth: 18, background: 'none', border: 0, padding: 0, cursor: 'pointer', font: 'inherit' }}
              >
                <div
                  style={{
                    height: BAR_HEIGHT,
                    display: 'flex',
                    alignItems: 'flex-end',
                    background: token.colorFillQuaternary,
                    borderRadius: 2,
                    outline: shown ? `2px solid ${token.colorPrimary}` : undefined,
                    outlineOffset: 1,
                  }}
                >
                  <div style={{ width: '100%', height: `${pct}%`, minHeight: none ? 0 : 2, background: color, borderRadius: 2, opacity: shown ? 1 : 0.75 }} />
                </div>
                <div style={{ fontSize: 11, lineHeight: '16px', color: shown ? token.colorPrimary : token.colorTextSecondary, fontWeight: shown ? 600 : undefined }}>{m.month.slice(5)}</div>
                <div style={{ fontSize: 11, lineHeight: '14px', color: token.colorText }}>{none ? '—' : m.clearOrgs}</div>
              </button>
            </Tooltip>
          );
        })}
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('duesMonitor.trend.legend')}
      </Typography.Text>
    </div>
  );
}
