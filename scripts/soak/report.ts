/**
 * The soak's memory curve as a self-contained SVG: RSS, V8 heap and the database's size (MB)
 * over the run's minutes, and below them the p99 turn latency of each window, so growth and
 * slowing down are seen together. No chart library: a few polylines on fixed axes.
 *
 *   writeFileSync('soak.svg', memoryCurveSvg(samples, 'Aisle soak: 50 shoppers, 30 min'));
 */

export interface SoakSample {
  minute: number;
  rss_mb: number;
  heap_mb: number;
  external_mb: number;
  db_mb: number;
  conversations_held: number;
  states_held: number | null;
  turns: number;
  failed: number;
  p50_ms: number | null;
  p99_ms: number | null;
}

const WIDTH = 760;
const LEFT = 60;
const RIGHT = 150;
const PLOT_WIDTH = WIDTH - LEFT - RIGHT;

const escapeXml = (text: string) => text.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);

/** A round axis maximum at or above `value`: 1, 2 or 5 times a power of ten. */
function niceMax(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((step) => step * power).find((candidate) => candidate >= value)!;
}

function panel(samples: SoakSample[], top: number, height: number, unit: string, lines: { label: string; colour: string; value: (s: SoakSample) => number | null }[]): string {
  const lastMinute = Math.max(samples.at(-1)?.minute ?? 1, 1e-9);
  const yMax = niceMax(Math.max(...samples.flatMap((s) => lines.map((line) => line.value(s) ?? 0))));
  const x = (minute: number) => LEFT + (minute / lastMinute) * PLOT_WIDTH;
  const y = (value: number) => top + height - (value / yMax) * height;
  const parts = [`<rect x="${LEFT}" y="${top}" width="${PLOT_WIDTH}" height="${height}" fill="none" stroke="#999"/>`];
  for (let i = 0; i <= 4; i++) {
    const value = (yMax * i) / 4;
    parts.push(`<line x1="${LEFT}" x2="${LEFT + PLOT_WIDTH}" y1="${y(value)}" y2="${y(value)}" stroke="#eee"/>`);
    parts.push(`<text x="${LEFT - 6}" y="${y(value) + 4}" text-anchor="end">${value}</text>`);
  }
  parts.push(`<text x="14" y="${top + height / 2}" transform="rotate(-90 14 ${top + height / 2})" text-anchor="middle">${escapeXml(unit)}</text>`);
  lines.forEach((line, i) => {
    const points = samples.filter((s) => line.value(s) !== null).map((s) => `${x(s.minute).toFixed(1)},${y(line.value(s)!).toFixed(1)}`);
    parts.push(`<polyline fill="none" stroke="${line.colour}" stroke-width="2" points="${points.join(' ')}"/>`);
    parts.push(`<rect x="${LEFT + PLOT_WIDTH + 12}" y="${top + 8 + i * 20}" width="12" height="3" fill="${line.colour}"/>`);
    parts.push(`<text x="${LEFT + PLOT_WIDTH + 30}" y="${top + 13 + i * 20}">${escapeXml(line.label)}</text>`);
  });
  return parts.join('\n');
}

export function memoryCurveSvg(samples: SoakSample[], title: string): string {
  const lastMinute = samples.at(-1)?.minute ?? 0;
  const ticks = Array.from({ length: 7 }, (_, i) => (lastMinute * i) / 6);
  const axis = ticks
    .map((minute) => `<text x="${LEFT + (lastMinute ? (minute / lastMinute) * PLOT_WIDTH : 0)}" y="468" text-anchor="middle">${minute.toFixed(minute < 10 ? 1 : 0)}</text>`)
    .join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="490" viewBox="0 0 ${WIDTH} 490" font-family="sans-serif" font-size="11">
<rect width="100%" height="100%" fill="white"/>
<text x="${LEFT}" y="20" font-size="14">${escapeXml(title)}</text>
${panel(samples, 36, 250, 'MB', [
  { label: 'RSS', colour: '#1f77b4', value: (s) => s.rss_mb },
  { label: 'V8 heap used', colour: '#ff7f0e', value: (s) => s.heap_mb },
  { label: 'database (+WAL)', colour: '#2ca02c', value: (s) => s.db_mb },
])}
${panel(samples, 310, 140, 'turn ms', [
  { label: 'p99 per window', colour: '#d62728', value: (s) => s.p99_ms },
  { label: 'p50 per window', colour: '#9467bd', value: (s) => s.p50_ms },
])}
${axis}
<text x="${LEFT + PLOT_WIDTH / 2}" y="484" text-anchor="middle">minutes</text>
</svg>
`;
}
