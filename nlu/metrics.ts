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

export interface ProductQueryOutcome {
  /** Relevant product ids (any order). */
  relevant: readonly string[];
  /** Product ids returned, best first. */
  ranked: readonly string[];
  /** For queries labelled with constraints: whether each returned product satisfies them. */
  satisfiesConstraints?: readonly boolean[];
  latencyMs?: number;
}

export interface ProductMetrics {
  n: number;
  recall_at_10: number;
  ndcg_at_10: number;
  /** Share of returned products (top 10) that satisfy the query's labelled constraints; null when no query has any. */
  filter_precision: number | null;
  latency_ms: { p50: number; p99: number };
}

/**
 * Recall@10 (share of a query's relevant products in its top 10, capped by what 10 can
 * hold), binary nDCG@10 and filter precision, averaged over queries.
 */
export function productMetrics(outcomes: readonly ProductQueryOutcome[], k = 10): ProductMetrics {
  const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0);
  const recall = outcomes.map((o) => {
    const relevant = new Set(o.relevant);
    if (relevant.size === 0) return 0;
    const found = o.ranked.slice(0, k).filter((id) => relevant.has(id)).length;
    return found / Math.min(k, relevant.size);
  });
  const ndcg = outcomes.map((o) => {
    const relevant = new Set(o.relevant);
    const dcg = o.ranked.slice(0, k).reduce((sum, id, i) => sum + (relevant.has(id) ? 1 / Math.log2(i + 2) : 0), 0);
    let ideal = 0;
    for (let i = 0; i < Math.min(k, relevant.size); i++) ideal += 1 / Math.log2(i + 2);
    return ideal ? dcg / ideal : 0;
  });
  const constrained = outcomes.filter((o) => o.satisfiesConstraints !== undefined);
  const checks = constrained.flatMap((o) => o.satisfiesConstraints!.slice(0, k));
  const latencies = outcomes.flatMap((o) => (o.latencyMs === undefined ? [] : [o.latencyMs]));
  return {
    n: outcomes.length,
    recall_at_10: mean(recall),
    ndcg_at_10: mean(ndcg),
    filter_precision: constrained.length ? (checks.length ? checks.filter(Boolean).length / checks.length : 1) : null,
    latency_ms: { p50: percentile(latencies, 50), p99: percentile(latencies, 99) },
  };
}

/**
 * The trade-off an answer threshold makes: for each candidate threshold, the in-scope
 * top-1 (abstentions wrong) and the out-of-scope recall, from each query's best score.
 */
export function thresholdSweep(
  queries: readonly { expected: string | null; best: string | undefined; score: number }[],
): { threshold: number; top1: number; oosRecall: number }[] {
  const inScope = queries.filter((q) => q.expected !== null);
  const outOfScope = queries.filter((q) => q.expected === null);
  const thresholds = [...new Set(queries.map((q) => Math.round(q.score * 100) / 100))].sort((a, b) => a - b);
  return thresholds.map((threshold) => ({
    threshold,
    top1: inScope.length ? inScope.filter((q) => q.score >= threshold && q.best === q.expected).length / inScope.length : 0,
    oosRecall: outOfScope.length ? outOfScope.filter((q) => q.score < threshold).length / outOfScope.length : 0,
  }));
}
