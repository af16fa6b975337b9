/**
 * The figures `npm run simulate` reports for each arm, from its visits (scripts/simulate/conversation.ts).
 *
 *   summariseArm(outcomes)    // { successAt5: 0.62, turnsToFirstMatch: 1.8, ... }
 *   learningCurve(outcomes, 5) // success@5 and CTR over each fifth of the visits, in order
 */
import { median, percentile, round } from '../bench/stats.js';
import { MAX_TURNS, type VisitOutcome } from './conversation.js';

export interface ArmSummary {
  sessions: number;
  /** Share of visits where a product the shopper wants was among the first five shown in some reply. */
  successAt5: number;
  /**
   * Mean messages until the reply that first showed one, a visit that never saw one counted as
   * MAX_TURNS + 1: over the same shoppers in every arm (a mean over the visits that found one
   * would favour an arm that finds only the easy ones).
   */
  turnsToFirstMatch: number;
  /** The same mean over the visits that found one. */
  turnsToFirstMatchWhenFound: number;
  clicksPerSession: number;
  /** Clicks per product shown in the first five places. */
  ctr: number;
  /** Share of visits that ended with a product put in the cart. */
  addToCartRate: number;
  /** Median simulated seconds between a list and a click on it (cards read before it). */
  dwellSecondsMedian: number;
  turnP50Ms: number;
  turnP99Ms: number;
  /** Replies of each kind, over every message. */
  replyKinds: Record<string, number>;
}

export function summariseArm(outcomes: readonly VisitOutcome[]): ArmSummary {
  const n = outcomes.length;
  const successes = outcomes.filter((outcome) => outcome.success);
  const impressions = outcomes.reduce((sum, outcome) => sum + outcome.impressions, 0);
  const clicks = outcomes.reduce((sum, outcome) => sum + outcome.clicks, 0);
  const latencies = outcomes.flatMap((outcome) => outcome.latencies);
  const replyKinds: Record<string, number> = {};
  for (const kind of outcomes.flatMap((outcome) => outcome.kinds)) replyKinds[kind] = (replyKinds[kind] ?? 0) + 1;
  return {
    sessions: n,
    successAt5: n ? round(successes.length / n, 3) : 0,
    turnsToFirstMatch: n ? round(outcomes.reduce((sum, outcome) => sum + (outcome.turnsToMatch ?? MAX_TURNS + 1), 0) / n, 2) : Number.NaN,
    turnsToFirstMatchWhenFound: successes.length ? round(successes.reduce((sum, outcome) => sum + outcome.turnsToMatch!, 0) / successes.length, 2) : Number.NaN,
    clicksPerSession: n ? round(clicks / n, 2) : 0,
    ctr: impressions ? round(clicks / impressions, 3) : 0,
    addToCartRate: n ? round(outcomes.filter((outcome) => outcome.cartAdd).length / n, 3) : 0,
    dwellSecondsMedian: round(median(outcomes.flatMap((outcome) => outcome.dwellSeconds)), 1),
    turnP50Ms: round(median(latencies), 1),
    turnP99Ms: round(percentile(latencies, 99), 1),
    replyKinds,
  };
}

export interface CurvePoint {
  /** The visits of this block, 1-based and inclusive: "1-40". */
  sessions: string;
  successAt5: number;
  ctr: number;
}

/** Success@5 and CTR over consecutive blocks of the visits, in the order they happened: how an arm learns. */
export function learningCurve(outcomes: readonly VisitOutcome[], blocks: number): CurvePoint[] {
  const size = Math.ceil(outcomes.length / Math.max(1, blocks));
  const points: CurvePoint[] = [];
  for (let start = 0; start < outcomes.length; start += size) {
    const block = outcomes.slice(start, start + size);
    const summary = summariseArm(block);
    points.push({ sessions: `${start + 1}-${start + block.length}`, successAt5: summary.successAt5, ctr: summary.ctr });
  }
  return points;
}
