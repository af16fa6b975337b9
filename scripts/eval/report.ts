/**
 * The `npm run eval -- --report OUT.html` page: one self-contained HTML file (inline SVG,
 * no scripts, no CDN) with the figures, per-entry accuracy, confidence histograms for
 * right, wrong and out-of-scope queries with the answer threshold marked, the threshold
 * trade-off, and the most confused pairs.
 *
 *   writeFileSync('eval.html', renderReport({ title, summary, faq: { queries, threshold, ... } }));
 */

export interface FaqReportQuery {
  text: string;
  expected: string | null;
  /** The best-ranked entry and the decision's confidence in it, whatever was decided. */
  best: string | undefined;
  score: number;
  answered: string | undefined;
}

export interface ReportInput {
  title: string;
  /** The JSON printed by the eval, shown as is. */
  summary: unknown;
  faq?: {
    queries: readonly FaqReportQuery[];
    threshold: number;
    calibration: unknown;
    confused: readonly { expected: string; answered: string; count: number }[];
    sweep: readonly { threshold: number; top1: number; oosRecall: number }[];
  };
  products?: {
    worst: readonly { text: string; recall: number; relevant: number; returned: string[] }[];
  };
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : String(x));

export function renderReport(input: ReportInput): string {
  const sections: string[] = [`<h1>${escape(input.title)}</h1>`, `<h2>Figures</h2><pre>${escape(JSON.stringify(input.summary, null, 2))}</pre>`];
  if (input.faq) {
    const { queries, threshold } = input.faq;
    const inScope = queries.filter((q) => q.expected !== null);
    const right = inScope.filter((q) => q.best === q.expected).map((q) => q.score);
    const wrong = inScope.filter((q) => q.best !== q.expected).map((q) => q.score);
    const outOfScope = queries.filter((q) => q.expected === null).map((q) => q.score);
    sections.push(
      '<h2>Confidence of the best entry</h2>',
      '<p>Best-entry score for in-scope queries ranked right, ranked wrong, and out-of-scope queries. The red line is the answer threshold: below it the bot declines.</p>',
      histogram(
        [
          { label: `right (${right.length})`, values: right, color: '#2a9d55' },
          { label: `wrong (${wrong.length})`, values: wrong, color: '#d1495b' },
          { label: `out of scope (${outOfScope.length})`, values: outOfScope, color: '#577590' },
        ],
        threshold,
      ),
      `<h2>Calibration</h2><pre>${escape(JSON.stringify(input.faq.calibration, null, 2))}</pre>`,
    );
    if (outOfScope.length > 0) {
      sections.push('<h2>Threshold trade-off</h2><p>In-scope top-1 (abstentions wrong) and out-of-scope recall at each threshold.</p>', tradeOff(input.faq.sweep, threshold));
    }
    sections.push('<h2>Per-entry accuracy</h2><p>Share of each entry\'s queries answered with it (abstentions wrong), worst first.</p>', entryAccuracy(inScope));
    sections.push(
      '<h2>Most confused pairs</h2>',
      input.faq.confused.length
        ? `<table><tr><th>expected</th><th>answered</th><th>queries</th></tr>${input.faq.confused
            .map((c) => `<tr><td>${escape(c.expected)}</td><td>${escape(c.answered)}</td><td>${c.count}</td></tr>`)
            .join('')}</table>`
        : '<p>None.</p>',
    );
  }
  if (input.products) {
    sections.push(
      '<h2>Product requests with the lowest recall@10</h2>',
      `<table><tr><th>request</th><th>recall@10</th><th>relevant</th><th>first results</th></tr>${input.products.worst
        .map((w) => `<tr><td>${escape(w.text)}</td><td>${fmt(w.recall)}</td><td>${w.relevant}</td><td>${escape(w.returned.slice(0, 5).join(', '))}</td></tr>`)
        .join('')}</table>`,
    );
  }
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(input.title)}</title>
<style>
body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 1000px; color: #222; padding: 0 1rem; }
pre { background: #f5f5f5; padding: .75rem; overflow-x: auto; }
table { border-collapse: collapse; } td, th { border: 1px solid #ddd; padding: .25rem .5rem; text-align: left; }
svg text { font: 11px system-ui, sans-serif; fill: #333; }
</style></head><body>
${sections.join('\n')}
</body></html>
`;
}

function histogram(series: { label: string; values: number[]; color: string }[], threshold: number): string {
  const all = series.flatMap((s) => s.values);
  if (all.length === 0) return '<p>No queries.</p>';
  const lo = Math.min(0, ...all, threshold);
  const hi = Math.max(1, ...all, threshold);
  const bins = 40;
  const width = 900;
  const height = 260;
  const pad = 40;
  const binOf = (x: number) => Math.min(bins - 1, Math.floor(((x - lo) / (hi - lo)) * bins));
  const counts = series.map((s) => {
    const c = new Array<number>(bins).fill(0);
    for (const x of s.values) c[binOf(x)]!++;
    return c.map((n) => (s.values.length ? n / s.values.length : 0));
  });
  const top = Math.max(...counts.flat(), 1e-9);
  const xOf = (x: number) => pad + ((x - lo) / (hi - lo)) * (width - 2 * pad);
  const yOf = (share: number) => height - pad - (share / top) * (height - 2 * pad);
  const binWidth = (width - 2 * pad) / bins / series.length;
  const bars = counts.flatMap((c, si) =>
    c.map((share, b) => `<rect x="${(pad + (b * (width - 2 * pad)) / bins + si * binWidth).toFixed(1)}" y="${yOf(share).toFixed(1)}" width="${binWidth.toFixed(1)}" height="${(height - pad - yOf(share)).toFixed(1)}" fill="${series[si]!.color}" opacity="0.85"/>`),
  );
  const ticks = Array.from({ length: 11 }, (_, i) => lo + ((hi - lo) * i) / 10).map((x) => `<text x="${xOf(x).toFixed(1)}" y="${height - pad + 15}" text-anchor="middle">${x.toFixed(2)}</text>`);
  const legend = series.map((s, i) => `<rect x="${pad + i * 190}" y="6" width="12" height="12" fill="${s.color}"/><text x="${pad + i * 190 + 16}" y="16">${escape(s.label)}</text>`);
  const line = `<line x1="${xOf(threshold)}" x2="${xOf(threshold)}" y1="${pad - 10}" y2="${height - pad}" stroke="red" stroke-width="2"/><text x="${xOf(threshold) + 4}" y="${pad}" fill="red">threshold ${threshold.toFixed(3)}</text>`;
  return `<svg viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="confidence histograms">${legend.join('')}${bars.join('')}<line x1="${pad}" x2="${width - pad}" y1="${height - pad}" y2="${height - pad}" stroke="#999"/>${ticks.join('')}${line}</svg>`;
}

function tradeOff(sweep: readonly { threshold: number; top1: number; oosRecall: number }[], threshold: number): string {
  if (sweep.length === 0) return '';
  const width = 900;
  const height = 240;
  const pad = 40;
  const lo = sweep[0]!.threshold;
  const hi = sweep[sweep.length - 1]!.threshold;
  const xOf = (x: number) => pad + ((x - lo) / Math.max(hi - lo, 1e-9)) * (width - 2 * pad);
  const yOf = (y: number) => height - pad - y * (height - 2 * pad);
  const path = (key: 'top1' | 'oosRecall') => sweep.map((p, i) => `${i ? 'L' : 'M'}${xOf(p.threshold).toFixed(1)},${yOf(p[key]).toFixed(1)}`).join('');
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((y) => `<text x="${pad - 6}" y="${yOf(y) + 4}" text-anchor="end">${y}</text><line x1="${pad}" x2="${width - pad}" y1="${yOf(y)}" y2="${yOf(y)}" stroke="#eee"/>`);
  const xTicks = Array.from({ length: 6 }, (_, i) => lo + ((hi - lo) * i) / 5).map((x) => `<text x="${xOf(x)}" y="${height - pad + 15}" text-anchor="middle">${x.toFixed(2)}</text>`);
  return `<svg viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="threshold trade-off">${ticks.join('')}${xTicks.join('')}
<path d="${path('top1')}" fill="none" stroke="#2a9d55" stroke-width="2"/><path d="${path('oosRecall')}" fill="none" stroke="#577590" stroke-width="2"/>
<line x1="${xOf(threshold)}" x2="${xOf(threshold)}" y1="${pad}" y2="${height - pad}" stroke="red"/>
<text x="${pad + 5}" y="14" fill="#2a9d55">in-scope top-1</text><text x="${pad + 120}" y="14" fill="#577590">out-of-scope recall</text><text x="${xOf(threshold) + 4}" y="${pad + 10}" fill="red">threshold</text></svg>`;
}

function entryAccuracy(inScope: readonly FaqReportQuery[]): string {
  const byEntry = new Map<string, { right: number; total: number }>();
  for (const q of inScope) {
    const stats = byEntry.get(q.expected!) ?? { right: 0, total: 0 };
    stats.total++;
    if (q.answered === q.expected) stats.right++;
    byEntry.set(q.expected!, stats);
  }
  const rows = [...byEntry].map(([id, s]) => ({ id, accuracy: s.right / s.total, total: s.total })).sort((a, b) => a.accuracy - b.accuracy);
  const rowHeight = 16;
  const width = 900;
  const labelWidth = 300;
  const height = rows.length * rowHeight + 10;
  const bars = rows.map((r, i) => {
    const y = 5 + i * rowHeight;
    const w = r.accuracy * (width - labelWidth - 80);
    return `<text x="${labelWidth - 6}" y="${y + 11}" text-anchor="end">${escape(r.id)}</text><rect x="${labelWidth}" y="${y + 2}" width="${w.toFixed(1)}" height="${rowHeight - 4}" fill="${r.accuracy >= 0.8 ? '#2a9d55' : r.accuracy >= 0.5 ? '#e9c46a' : '#d1495b'}"/><text x="${labelWidth + w + 4}" y="${y + 11}">${fmt(r.accuracy)} (${r.total})</text>`;
  });
  return `<svg viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="per-entry accuracy">${bars.join('')}</svg>`;
}
