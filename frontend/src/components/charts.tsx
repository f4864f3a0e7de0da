/** Two small SVG charts (no chart library in the app): vertical bars over days, horizontal bars per person. */

export type Datum = { label: string; value: number | null };

const fmt = (v: number) => (Number.isInteger(v) ? String(v) : Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2));

/** Bars over time (one per day), with the value above each bar and the day below. */
export function TimeSeriesChart({ data, unit, testId, title }: { data: Datum[]; unit: string; testId: string; title: string }) {
  const width = 640;
  const height = 200;
  const pad = { top: 20, bottom: 36, left: 8, right: 8 };
  const max = Math.max(1e-9, ...data.map((d) => d.value ?? 0));
  const slot = (width - pad.left - pad.right) / Math.max(1, data.length);
  const bar = Math.min(48, slot * 0.7);
  const plot = height - pad.top - pad.bottom;
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${title}, ${unit} per day`}>
        <line x1={pad.left} x2={width - pad.right} y1={height - pad.bottom} y2={height - pad.bottom} className="chart-axis" />
        {data.map((d, i) => {
          const h = ((d.value ?? 0) / max) * plot;
          const x = pad.left + i * slot + (slot - bar) / 2;
          const y = height - pad.bottom - h;
          return (
            <g key={d.label} data-testid={`${testId}-bar`} data-label={d.label} data-value={d.value ?? ""}>
              <rect x={x} y={y} width={bar} height={h} className="chart-bar" />
              <text x={x + bar / 2} y={y - 4} textAnchor="middle" className="chart-value">
                {d.value == null ? "–" : fmt(d.value)}
              </text>
              <text x={x + bar / 2} y={height - pad.bottom + 14} textAnchor="middle" className="chart-label">
                {d.label.slice(5)}
              </text>
            </g>
          );
        })}
        <text x={width - pad.right} y={height - 4} textAnchor="end" className="chart-label">
          {unit}
        </text>
      </svg>
    </figure>
  );
}

/** One horizontal bar per row (e.g. per annotator), labelled on the left, value on the right. */
export function BarChart({ data, unit, testId, title }: { data: Datum[]; unit: string; testId: string; title: string }) {
  const row = 26;
  const width = 640;
  const labelWidth = 140;
  const valueWidth = 70;
  const height = Math.max(1, data.length) * row + 8;
  const max = Math.max(1e-9, ...data.map((d) => d.value ?? 0));
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${title} (${unit})`}>
        {data.map((d, i) => {
          const w = ((d.value ?? 0) / max) * (width - labelWidth - valueWidth);
          const y = 4 + i * row;
          return (
            <g key={d.label} data-testid={`${testId}-bar`} data-label={d.label} data-value={d.value ?? ""}>
              <text x={labelWidth - 8} y={y + row / 2 + 4} textAnchor="end" className="chart-label">
                {d.label}
              </text>
              <rect x={labelWidth} y={y + 3} width={w} height={row - 8} className="chart-bar" />
              <text x={labelWidth + w + 6} y={y + row / 2 + 4} className="chart-value">
                {d.value == null ? "–" : `${fmt(d.value)} ${unit}`}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
