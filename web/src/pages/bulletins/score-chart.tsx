// A small line chart of a score 0–100 over months, drawn in SVG (no chart library): a point per scored
// month joined by a line (gaps where a month has no score), the first and last month and the score
// scale as labels. It scales to the width it is given.
import { theme } from 'antd';
import { useNarrow } from '../../components/page-card';

type Point = { month: string; score: number | null };

const H = 200;
const PAD = { left: 34, right: 12, top: 12, bottom: 26 };

/** The score line of `points` (oldest first). */
export function ScoreChart({ points, label }: { points: Point[]; label: string }) {
  const { token } = theme.useToken();
  // A narrower drawing on phones keeps the labels legible once scaled to the screen.
  const W = useNarrow() ? 360 : 640;
  const n = points.length;
  const x = (i: number) => PAD.left + (n <= 1 ? (W - PAD.left - PAD.right) / 2 : (i * (W - PAD.left - PAD.right)) / (n - 1));
  const y = (v: number) => PAD.top + ((100 - v) * (H - PAD.top - PAD.bottom)) / 100;
  // Runs of consecutive scored months, each drawn as one polyline.
  const runs: { i: number; v: number }[][] = [];
  points.forEach((p, i) => {
    if (p.score === null) return;
    const last = runs[runs.length - 1];
    if (last && last[last.length - 1].i === i - 1) last.push({ i, v: p.score });
    else runs.push([{ i, v: p.score }]);
  });
  const step = Math.max(1, Math.ceil(n / (W < 640 ? 3 : 6)));
  return (
    <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={label} data-testid="assessment-chart" style={{ display: 'block', maxHeight: 240 }}>
      {[0, 50, 100].map((v) => (
        <g key={v}>
          <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} stroke={token.colorBorderSecondary} strokeDasharray={v === 0 ? undefined : '3 3'} />
          <text x={PAD.left - 6} y={y(v) + 4} textAnchor="end" fontSize={11} fill={token.colorTextSecondary}>
            {v}
          </text>
        </g>
      ))}
      {points.map((p, i) =>
        i % step === 0 || i === n - 1 ? (
          <text key={p.month} x={x(i)} y={H - 8} textAnchor={n > 1 && i === 0 ? 'start' : n > 1 && i === n - 1 ? 'end' : 'middle'} fontSize={11} fill={token.colorTextSecondary}>
            {p.month}
          </text>
        ) : null,
      )}
      {runs.map((run) => (
        <polyline key={run[0].i} fill="none" stroke={token.colorError} strokeWidth={2} points={run.map((p) => `${x(p.i)},${y(p.v)}`).join(' ')} />
      ))}
      {runs.flat().map((p) => (
        <circle key={p.i} cx={x(p.i)} cy={y(p.v)} r={3.5} fill={token.colorError} data-testid="assessment-chart-point">
          <title>{`${points[p.i].month}: ${p.v}`}</title>
        </circle>
      ))}
    </svg>
  );
}
