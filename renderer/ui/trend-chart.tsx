/**
 * A small SVG line chart over time, drawn without inline styles (the CSP is style-src 'self' and
 * the app keeps every style in css files): geometry goes into SVG attributes, looks into classes.
 * Recharts would work under the CSP (React sets its `style` props through the CSSOM, which CSP
 * allows) but leaves style attributes all over its wrappers and measuring spans; one line, one
 * band and a few ticks do not need it.
 */
export interface TrendPoint {
  /** Milliseconds since the epoch. */
  t: number;
  v: number;
  /** Drawn as a marker with a warning class. */
  flagged?: boolean;
}

export interface TrendChartProps {
  points: readonly TrendPoint[];
  /** Shaded band, e.g. the plausible or reference range. */
  band?: { min: number; max: number; label: string } | null;
  /** What the chart shows, for screen readers (the figure's accessible name). */
  label: string;
  unit: string;
  formatTime: (t: number) => string;
  width?: number;
  height?: number;
}

const PAD = { left: 44, right: 12, top: 10, bottom: 24 };

function niceTicks(min: number, max: number, count = 4): number[] {
  if (min === max) return [min];
  const raw = (max - min) / count;
  const step = 10 ** Math.floor(Math.log10(raw));
  const nice = [1, 2, 2.5, 5, 10].map((m) => m * step).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / nice) * nice; v <= max + 1e-9; v += nice) ticks.push(Number(v.toFixed(6)));
  return ticks;
}

export function TrendChart({ points, band, label, unit, formatTime, width = 420, height = 160 }: TrendChartProps) {
  if (points.length === 0) return null;
  const values = points.map((p) => p.v);
  // The band widens the scale only near the data, so a 300 mmHg plausible ceiling does not flatten the line.
  const dataMin = Math.min(...values);
  const dataMax = Math.max(...values);
  const margin = Math.max((dataMax - dataMin) * 0.15, Math.abs(dataMax) * 0.02, 1);
  const yMin = dataMin - margin;
  const yMax = dataMax + margin;
  const tMin = points[0]!.t;
  const tMax = points.at(-1)!.t;
  const innerW = width - PAD.left - PAD.right;
  const innerH = height - PAD.top - PAD.bottom;
  const x = (t: number) => PAD.left + (tMax === tMin ? innerW / 2 : ((t - tMin) / (tMax - tMin)) * innerW);
  const y = (v: number) => PAD.top + innerH - ((v - yMin) / (yMax - yMin)) * innerH;
  const clampY = (v: number) => y(Math.min(yMax, Math.max(yMin, v)));
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`).join(' ');
  const ticks = niceTicks(yMin, yMax);

  return (
    <svg className="trend-chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} preserveAspectRatio="xMidYMid meet">
      {band && band.max >= yMin && band.min <= yMax ? (
        <rect
          className="trend-chart__band"
          x={PAD.left}
          width={innerW}
          y={clampY(band.max)}
          height={Math.max(0, clampY(band.min) - clampY(band.max))}
        >
          <title>{band.label}</title>
        </rect>
      ) : null}
      {ticks.map((v) => (
        <g key={v}>
          <line className="trend-chart__grid" x1={PAD.left} x2={width - PAD.right} y1={y(v)} y2={y(v)} />
          <text className="trend-chart__tick" x={PAD.left - 4} y={y(v) + 3} textAnchor="end">
            {v}
          </text>
        </g>
      ))}
      <text className="trend-chart__tick" x={PAD.left} y={height - 6}>
        {formatTime(tMin)}
      </text>
      {tMax !== tMin ? (
        <text className="trend-chart__tick" x={width - PAD.right} y={height - 6} textAnchor="end">
          {formatTime(tMax)}
        </text>
      ) : null}
      <text className="trend-chart__tick" x={4} y={PAD.top + 8}>
        {unit}
      </text>
      <path className="trend-chart__line" d={path} />
      {points.length <= 60
        ? points.map((p) => (
            <circle key={`${p.t}:${p.v}`} className={p.flagged ? 'trend-chart__point trend-chart__point--flagged' : 'trend-chart__point'} cx={x(p.t)} cy={y(p.v)} r={3} />
          ))
        : null}
    </svg>
  );
}
