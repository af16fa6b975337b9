/**
 * How the bot is doing, per day: answered, clarified and fallback rates, handoffs, product CTR and
 * cart adds per session, turn latency percentiles, and the share of reviewed replies marked wrong.
 * Inline SVG charts; the same figures are at GET /api/admin/dashboard.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, type DayFigures } from './api';
import { Alert } from './alert';

const COLOURS = ['#1f5fbf', '#d97706', '#b42318', '#1d7a46'];
const WIDTH = 560;
const HEIGHT = 150;
const PAD = { left: 44, right: 8, top: 8, bottom: 22 };

interface Series {
  name: string;
  values: (number | null)[];
}

/** Polylines, broken where a day has no value (null), over one y scale from 0. */
function Chart({ title, dates, series, format }: { title: string; dates: string[]; series: Series[]; format: (value: number) => string }) {
  const max = Math.max(0, ...series.flatMap((s) => s.values.filter((v): v is number => v !== null)));
  const top = max > 0 ? max : 1;
  const x = (i: number) => PAD.left + (dates.length === 1 ? 0 : (i / (dates.length - 1)) * (WIDTH - PAD.left - PAD.right));
  const y = (value: number) => PAD.top + (1 - value / top) * (HEIGHT - PAD.top - PAD.bottom);
  const segments = (values: (number | null)[]) => {
    const lines: string[][] = [];
    let current: string[] = [];
    values.forEach((value, i) => {
      if (value === null) {
        if (current.length) lines.push(current);
        current = [];
      } else current.push(`${x(i).toFixed(1)},${y(value).toFixed(1)}`);
    });
    if (current.length) lines.push(current);
    return lines;
  };
  const empty = series.every((s) => s.values.every((v) => v === null));
  return (
    <figure class="chart">
      <figcaption>
        {title}
        {series.length > 1 &&
          series.map((s, i) => (
            <span class="legend">
              <svg width="10" height="10" aria-hidden="true">
                <rect width="10" height="10" fill={COLOURS[i % COLOURS.length]} />
              </svg>{' '}
              {s.name}
            </span>
          ))}
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={title}>
        <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(0)} y2={y(0)} stroke="#d8dde5" />
        <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(top)} y2={y(top)} stroke="#eef0f3" />
        <text x={PAD.left - 4} y={y(top) + 4} text-anchor="end" class="axis">
          {format(top)}
        </text>
        <text x={PAD.left - 4} y={y(0) + 4} text-anchor="end" class="axis">
          {format(0)}
        </text>
        <text x={PAD.left} y={HEIGHT - 4} class="axis">
          {dates[0]}
        </text>
        <text x={WIDTH - PAD.right} y={HEIGHT - 4} text-anchor="end" class="axis">
          {dates[dates.length - 1]}
        </text>
        {series.map((s, i) =>
          segments(s.values).map((points) =>
            points.length === 1 ? (
              <circle cx={points[0]!.split(',')[0]} cy={points[0]!.split(',')[1]} r="2.5" fill={COLOURS[i % COLOURS.length]} />
            ) : (
              <polyline points={points.join(' ')} fill="none" stroke={COLOURS[i % COLOURS.length]} stroke-width="2" />
            ),
          ),
        )}
        {empty && (
          <text x={WIDTH / 2} y={HEIGHT / 2} text-anchor="middle" class="axis">
            no data in these days
          </text>
        )}
      </svg>
    </figure>
  );
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const percent = (value: number) => `${Math.round(value * 100)}%`;
const plain = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(2));

export function DashboardPage() {
  const [days, setDays] = useState(14);
  const [figures, setFigures] = useState<DayFigures[] | undefined>();
  const [error, setError] = useState('');
  useEffect(() => {
    api<{ days: DayFigures[] }>(`/api/admin/dashboard?days=${days}`).then((found) => setFigures(found.days), (failure: Error) => setError(failure.message));
  }, [days]);
  if (error) return <Alert message={error} />;
  if (!figures) return <p class="loading">Loading…</p>;
  const dates = figures.map((d) => d.date);
  const totals = figures.reduce((sum, d) => ({ replies: sum.replies + d.replies, handoffs: sum.handoffs + d.handoffs, reviews: sum.reviews + d.reviews }), { replies: 0, handoffs: 0, reviews: 0 });
  return (
    <section>
      <h1>Dashboard</h1>
      <label class="period">
        Days
        <select value={String(days)} onChange={(e) => setDays(Number((e.currentTarget as HTMLSelectElement).value))}>
          {[7, 14, 30, 90].map((n) => (
            <option value={String(n)}>{n}</option>
          ))}
        </select>
      </label>
      <p class="hint totals">
        {count(totals.replies, 'reply', 'replies')}, {count(totals.handoffs, 'handoff', 'handoffs')} and {count(totals.reviews, 'review', 'reviews')} in {days} days (UTC). The same figures: <a href={`/api/admin/dashboard?days=${days}`}>JSON</a>.
      </p>
      <div class="charts">
        <Chart title="Replies: answered, clarified, fallback" dates={dates} format={percent} series={[{ name: 'answered', values: figures.map((d) => d.answered) }, { name: 'clarified', values: figures.map((d) => d.clarified) }, { name: 'fallback', values: figures.map((d) => d.fallback) }]} />
        <Chart title="Handoffs to a person" dates={dates} format={plain} series={[{ name: 'handoffs', values: figures.map((d) => d.handoffs) }]} />
        <Chart title="Product click-through rate" dates={dates} format={percent} series={[{ name: 'CTR', values: figures.map((d) => d.ctr) }]} />
        <Chart title="Cart adds per session shown products" dates={dates} format={plain} series={[{ name: 'cart adds', values: figures.map((d) => d.cartAddsPerSession) }]} />
        <Chart title="Turn latency (ms): p50, p95, p99" dates={dates} format={plain} series={[{ name: 'p50', values: figures.map((d) => d.latencyMs.p50) }, { name: 'p95', values: figures.map((d) => d.latencyMs.p95) }, { name: 'p99', values: figures.map((d) => d.latencyMs.p99) }]} />
        <Chart title="Reviewed replies marked wrong" dates={dates} format={percent} series={[{ name: 'wrong', values: figures.map((d) => d.reviewedWrong) }]} />
      </div>
    </section>
  );
}
