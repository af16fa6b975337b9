import { describe, expect, it } from 'vitest';
import { faqMetrics, productMetrics, thresholdSweep } from '../../nlu/index.js';

describe('faqMetrics on a hand-checked case', () => {
  const outcomes = [
    { expected: 'a', answered: 'a', ranked: ['a', 'b', 'c'], latencyMs: 10 }, // right, rank 1
    { expected: 'b', answered: 'a', ranked: ['a', 'c', 'b'], latencyMs: 20 }, // wrong, rank 3
    { expected: 'c', answered: undefined, ranked: ['a', 'b', 'd', 'c'], latencyMs: 30 }, // abstained: wrong, rank 4
    { expected: null, answered: undefined, ranked: ['a'], latencyMs: 40 }, // out of scope, declined: right
    { expected: null, answered: 'b', ranked: ['b'], latencyMs: 50 }, // out of scope, answered: wrong
  ];
  const metrics = faqMetrics(outcomes);

  it('counts top-1 over in-scope queries, abstentions as wrong', () => {
    expect(metrics.n).toBe(5);
    expect(metrics.top1).toBeCloseTo(1 / 3);
  });

  it('computes recall@3 and MRR from the ranking', () => {
    expect(metrics.recall_at_3).toBeCloseTo(2 / 3);
    expect(metrics.mrr).toBeCloseTo((1 + 1 / 3 + 1 / 4) / 3);
  });

  it('scores out-of-scope detection as abstaining on null queries', () => {
    // Abstentions: queries 3 (in scope) and 4 (out of scope): precision 1/2; recall 1/2.
    expect(metrics.oos).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(faqMetrics(outcomes.slice(0, 3)).oos).toBeNull();
  });

  it('reports latency percentiles and the confused pairs', () => {
    expect(metrics.latency_ms).toEqual({ p50: 30, p99: 50 });
    expect(metrics.confused).toEqual([{ expected: 'b', answered: 'a', count: 1 }]);
  });
});

describe('productMetrics on a hand-checked case', () => {
  it('computes recall@10 (capped by what 10 can hold), binary nDCG@10 and filter precision', () => {
    const metrics = productMetrics([
      // Relevant at ranks 1 and 3: recall 2/2, DCG 1 + 1/log2(4) = 1.5, ideal 1 + 1/log2(3) = 1.6309.
      { relevant: ['a', 'b'], ranked: ['a', 'x', 'b'], satisfiesConstraints: [true, false, true] },
      // 12 relevant, 10 of them returned: recall 10/10 = 1; perfect nDCG.
      { relevant: Array.from({ length: 12 }, (_, i) => `r${i}`), ranked: Array.from({ length: 10 }, (_, i) => `r${i}`) },
      // Nothing found.
      { relevant: ['z'], ranked: ['y'], satisfiesConstraints: [true] },
    ]);
    expect(metrics.n).toBe(3);
    expect(metrics.recall_at_10).toBeCloseTo((1 + 1 + 0) / 3, 6);
    expect(metrics.ndcg_at_10).toBeCloseTo((1.5 / (1 + 1 / Math.log2(3)) + 1 + 0) / 3, 6);
    expect(metrics.filter_precision).toBeCloseTo(3 / 4, 6);
  });
});

describe('thresholdSweep', () => {
  it('trades in-scope top-1 for out-of-scope recall as the threshold rises', () => {
    const sweep = thresholdSweep([
      { expected: 'a', best: 'a', score: 0.9 },
      { expected: 'b', best: 'c', score: 0.5 },
      { expected: null, best: 'a', score: 0.4 },
      { expected: null, best: 'a', score: 0.7 },
    ]);
    const at = (t: number) => sweep.find((p) => p.threshold === t)!;
    expect(at(0.4)).toEqual({ threshold: 0.4, top1: 0.5, oosRecall: 0 });
    expect(at(0.5)).toEqual({ threshold: 0.5, top1: 0.5, oosRecall: 0.5 });
    expect(at(0.9)).toEqual({ threshold: 0.9, top1: 0.5, oosRecall: 1 });
  });
});
