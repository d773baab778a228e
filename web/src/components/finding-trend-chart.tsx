import { Empty } from './ui';

interface Point {
  day: string;
  critical: number;
  high: number;
  medium: number;
  low: number;
  total: number;
}

const SERIES = ['critical', 'high', 'medium', 'low'] as const;

/** Stacked bars per day, drawn as SVG: a chart library would outweigh the rest of the page. */
export function FindingTrendChart({ points }: { points: Point[] }) {
  if (points.every((p) => p.total === 0)) return <Empty>No open findings in this period.</Empty>;
  const max = Math.max(...points.map((p) => p.total), 1);
  const w = 28;
  const gap = 8;
  const h = 160;
  const width = points.length * (w + gap);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${h + 22}`} role="img" aria-label="Open findings by severity per day">
        {points.map((p, i) => {
          let y = h;
          return (
            <g key={p.day} transform={`translate(${i * (w + gap)},0)`}>
              <title>{`${p.day}: ${p.critical} critical, ${p.high} high, ${p.medium} medium, ${p.low} low`}</title>
              {SERIES.map((s) => {
                const bh = (p[s] / max) * h;
                y -= bh;
                return bh > 0 ? <rect key={s} className={`fill-${s}`} x={0} y={y} width={w} height={bh} /> : null;
              })}
              <text x={w / 2} y={h + 16} textAnchor="middle" className="axis">
                {p.day.slice(8)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="legend">
        {SERIES.map((s) => (
          <span key={s}>
            <i className={`swatch fill-${s}`} /> {s}
          </span>
        ))}
        <span className="muted">max {max}</span>
      </figcaption>
    </figure>
  );
}
