/**
 * The dashboard's figures, per day (UTC), read from what the store keeps: the transcripts (reply
 * kinds, handoffs, turn latency), the event log (products shown, clicked, put in the cart) and the
 * reviews (of answers and of product lists).
 *
 *   dashboard(db, { days: 14 })
 *   // { from, to, days: [{ date: '2026-12-02', replies: 120, answered: 0.82, clarified: 0.05, fallback: 0.13,
 *   //   handoffs: 3, impressions: 900, clicks: 41, ctr: 0.046, productSessions: 30, cartAdds: 9, cartAddsPerSession: 0.3,
 *   //   latencyMs: { p50, p95, p99, turns }, reviews: 10, reviewedWrong: 0.3 }, ...] }
 *
 * Rates are null on a day with nothing to divide by, never 0 made up. A turn's latency is the time
 * from the shopper's activity to the bot's first reply to it, as the transcript stamps them.
 */
import type Database from 'better-sqlite3';
import { percentile } from '../../nlu/index.js';
import type { DayFigures } from '../api-types.js';
import { askedForPersonSql, shopperMessageSql } from '../transcript-store.js';

export type { DayFigures };

const share = (part: number, whole: number): number | null => (whole > 0 ? Number((part / whole).toFixed(4)) : null);

/** Nearest-rank percentile (nlu's), null for a day with no turns rather than a made-up 0. */
const percentileOf = (values: readonly number[], p: number): number | null => (values.length === 0 ? null : Math.round(percentile(values, p)));

export function dashboard(db: Database.Database, options: { days?: number; now?: Date } = {}): { from: string; to: string; days: DayFigures[] } {
  const days = Math.min(Math.max(options.days ?? 14, 1), 366);
  const now = options.now ?? new Date();
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const start = new Date(end.getTime() - (days - 1) * 86_400_000);
  const from = start.toISOString();
  const dates = Array.from({ length: days }, (_, i) => new Date(start.getTime() + i * 86_400_000).toISOString().slice(0, 10));
  const byDate = new Map<string, DayFigures>(
    dates.map((date) => [date, { date, replies: 0, answered: null, clarified: null, fallback: null, handoffs: 0, impressions: 0, clicks: 0, ctr: null, productSessions: 0, cartAdds: 0, cartAddsPerSession: null, latencyMs: { p50: null, p95: null, p99: null, turns: 0 }, reviews: 0, reviewedWrong: null }]),
  );

  const kinds = db
    .prepare<[string], { date: string; kind: string; n: number }>(
      `SELECT substr(at, 1, 10) AS date, json_extract(json, '$.channelData.aisle.kind') AS kind, COUNT(*) AS n FROM transcript_activities
       WHERE at >= ? AND json_extract(json, '$.type') = 'message' AND json_extract(json, '$.channelData.aisle.kind') IS NOT NULL GROUP BY date, kind`,
    )
    .all(from);
  const counts = new Map<string, { total: number; clarify: number; fallback: number }>();
  for (const row of kinds) {
    // Where a conversation stands with a person is not an answer the bot gave or failed to give.
    if (row.kind === 'handoff') continue;
    const day = counts.get(row.date) ?? { total: 0, clarify: 0, fallback: 0 };
    day.total += row.n;
    if (row.kind === 'clarify') day.clarify += row.n;
    if (row.kind === 'fallback') day.fallback += row.n;
    counts.set(row.date, day);
  }
  for (const [date, day] of counts) {
    const figures = byDate.get(date);
    if (!figures) continue;
    figures.replies = day.total;
    figures.answered = share(day.total - day.clarify - day.fallback, day.total);
    figures.clarified = share(day.clarify, day.total);
    figures.fallback = share(day.fallback, day.total);
  }

  for (const row of db
    .prepare<[string], { date: string; n: number }>(
      `SELECT substr(at, 1, 10) AS date, COUNT(DISTINCT conversation_id) AS n FROM transcript_activities
       WHERE at >= ? AND ${askedForPersonSql('transcript_activities')} GROUP BY date`,
    )
    .all(from)) {
    const figures = byDate.get(row.date);
    if (figures) figures.handoffs = row.n;
  }

  for (const row of db
    .prepare<[string], { date: string; impressions: number; clicks: number; cartAdds: number; productSessions: number }>(
      `SELECT substr(at, 1, 10) AS date,
         SUM(name = 'product.impression') AS impressions, SUM(name = 'product.click') AS clicks, SUM(name = 'cart.add') AS cartAdds,
         COUNT(DISTINCT CASE WHEN name = 'product.impression' THEN conversation_id END) AS productSessions
       FROM events WHERE at >= ? GROUP BY date`,
    )
    .all(from)) {
    const figures = byDate.get(row.date);
    if (!figures) continue;
    Object.assign(figures, { impressions: row.impressions, clicks: row.clicks, cartAdds: row.cartAdds, productSessions: row.productSessions });
    figures.ctr = share(row.clicks, row.impressions);
    figures.cartAddsPerSession = share(row.cartAdds, row.productSessions);
  }

  // Each bot reply's first one per incoming activity, against that activity's stamp.
  const latencies = db
    .prepare<[string], { date: string; ms: number }>(
      `SELECT substr(r.at, 1, 10) AS date, MIN(julianday(r.at) - julianday(q.at)) * 86400000.0 AS ms
       FROM transcript_activities r JOIN transcript_activities q
         ON q.conversation_id = r.conversation_id AND q.activity_id = json_extract(r.json, '$.replyToId')
       WHERE r.at >= ? AND json_extract(r.json, '$.channelData.aisle') IS NOT NULL AND ${shopperMessageSql('q')}
       GROUP BY r.conversation_id, json_extract(r.json, '$.replyToId')`,
    )
    .all(from);
  const perDay = new Map<string, number[]>();
  for (const row of latencies) if (row.ms >= 0) perDay.set(row.date, [...(perDay.get(row.date) ?? []), row.ms]);
  for (const [date, values] of perDay) {
    const figures = byDate.get(date);
    if (!figures) continue;
    figures.latencyMs = { p50: percentileOf(values, 50), p95: percentileOf(values, 95), p99: percentileOf(values, 99), turns: values.length };
  }

  for (const row of db
    .prepare<[string], { date: string; n: number; wrong: number }>(
      `SELECT substr(at, 1, 10) AS date, COUNT(*) AS n, SUM(verdict = 'corrected') AS wrong
       FROM (SELECT at, verdict FROM answer_reviews UNION ALL SELECT at, verdict FROM product_reviews) WHERE at >= ? GROUP BY date`,
    )
    .all(from)) {
    const figures = byDate.get(row.date);
    if (!figures) continue;
    figures.reviews = row.n;
    figures.reviewedWrong = share(row.wrong, row.n);
  }
  return { from: dates[0]!, to: dates[dates.length - 1]!, days: dates.map((date) => byDate.get(date)!) };
}
