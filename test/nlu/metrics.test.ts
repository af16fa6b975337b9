import { describe, expect, it } from 'vitest';
import { faqMetrics } from '../../nlu/index.js';

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
