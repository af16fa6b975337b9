/**
 * Retrieval and abstention metrics for evaluation (`npm run eval`). Pure functions over
 * per-query outcomes, so they can be checked by hand.
 *
 *   faqMetrics([{ expected: 'a', answered: 'a', ranked: ['a', 'b'] }, { expected: null, answered: undefined, ranked: ['b'] }])
 *   // { n: 2, top1: 1, recall_at_3: 1, mrr: 1, oos: { precision: 1, recall: 1, f1: 1 }, ... }
 */

export interface QueryOutcome {
  /** The right entry id, or null when the query is out of scope. */
  expected: string | null;
  /** The entry the system answered with; undefined when it abstained (declined or asked to clarify). */
  answered: string | undefined;
  /** Entry ids ranked by the retriever, best first (regardless of abstention). */
  ranked: string[];
  latencyMs?: number;
}

export interface FaqMetrics {
  n: number;
  top1: number;
  recall_at_3: number;
  mrr: number;
  oos: { precision: number; recall: number; f1: number } | null;
  latency_ms: { p50: number; p99: number };
  confused: { expected: string; answered: string; count: number }[];
}

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return 0;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function faqMetrics(outcomes: readonly QueryOutcome[], maxConfused = 10): FaqMetrics {
  const inScope = outcomes.filter((o) => o.expected !== null);
  const outOfScope = outcomes.filter((o) => o.expected === null);
  const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0);
  // An abstention on an in-scope query counts as wrong.
  const top1 = mean(inScope.map((o) => (o.answered === o.expected ? 1 : 0)));
  const recallAt3 = mean(inScope.map((o) => (o.ranked.slice(0, 3).includes(o.expected!) ? 1 : 0)));
  const mrr = mean(inScope.map((o) => {
    const rank = o.ranked.indexOf(o.expected!);
    return rank < 0 ? 0 : 1 / (rank + 1);
  }));
  let oos: FaqMetrics['oos'] = null;
  if (outOfScope.length > 0) {
    const abstained = outcomes.filter((o) => o.answered === undefined);
    const truePositives = abstained.filter((o) => o.expected === null).length;
    const precision = abstained.length ? truePositives / abstained.length : 0;
    const recall = truePositives / outOfScope.length;
    oos = { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
  }
  const confusion = new Map<string, { expected: string; answered: string; count: number }>();
  for (const o of inScope) {
    if (o.answered === undefined || o.answered === o.expected) continue;
    const key = `${o.expected}\u0000${o.answered}`;
    const entry = confusion.get(key) ?? { expected: o.expected!, answered: o.answered, count: 0 };
    entry.count++;
    confusion.set(key, entry);
  }
  const latencies = outcomes.flatMap((o) => (o.latencyMs === undefined ? [] : [o.latencyMs]));
  return {
    n: outcomes.length,
    top1,
    recall_at_3: recallAt3,
    mrr,
    oos,
    latency_ms: { p50: percentile(latencies, 50), p99: percentile(latencies, 99) },
    confused: [...confusion.values()].sort((a, b) => b.count - a.count).slice(0, maxConfused),
  };
}
