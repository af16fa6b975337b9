/**
 * The classifier head (nlu/intent-head.ts) and how calibration weighs it: it must learn which
 * directions separate entries that retrieval confuses, give the same head for the same data, and
 * be given a share only when it ranks held-out phrasings better.
 */
import { describe, expect, it } from 'vitest';
import { chooseFusionWeights, DEFAULT_FUSION_GRID, HEAD_GRID, trainIntentHead, type ScoreComponents } from '../../nlu/index.js';
import { mulberry32 } from '../../scripts/seeded-random.js';

function unit(values: number[]): Float32Array {
  const norm = Math.hypot(...values) || 1;
  return Float32Array.from(values.map((v) => v / norm));
}

/**
 * Two classes whose examples share a large common direction (dimension 0: nearest-neighbour
 * cosines are all high) and differ only in the sign of a small one (dimension 1), with noise
 * elsewhere: retrieval by cosine is close to a coin flip, a linear head is not.
 */
function confusable(count: number, seed: number): { vectors: Float32Array[]; labels: number[] } {
  const random = mulberry32(seed);
  const vectors: Float32Array[] = [];
  const labels: number[] = [];
  for (let i = 0; i < count; i++) {
    const label = i % 2;
    const noise = Array.from({ length: 14 }, () => (random() - 0.5) * 1.5);
    vectors.push(unit([3, label ? 0.5 : -0.5, ...noise]));
    labels.push(label);
  }
  return { vectors, labels };
}

describe('intent head', () => {
  it('separates classes that nearest-neighbour retrieval confuses', () => {
    const train = confusable(40, 1);
    const test = confusable(200, 2);
    const head = trainIntentHead(train.vectors, train.labels, 2);
    const headRight = test.vectors.filter((v, i) => head.probabilities(v).indexOf(Math.max(...head.probabilities(v))) === test.labels[i]).length / test.vectors.length;
    const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);
    const nearestRight = test.vectors.filter((v, i) => {
      let best = -2;
      let label = -1;
      train.vectors.forEach((t, j) => {
        if (dot(v, t) > best) [best, label] = [dot(v, t), train.labels[j]!];
      });
      return label === test.labels[i];
    }).length / test.vectors.length;
    expect(headRight).toBeGreaterThan(0.95);
    expect(nearestRight).toBeLessThan(0.85);
  });

  it('is a distribution, the same for the same data, and refuses labels outside its classes', () => {
    const { vectors, labels } = confusable(30, 3);
    const a = trainIntentHead(vectors, labels, 3).probabilities(vectors[0]!);
    const b = trainIntentHead(vectors, labels, 3).probabilities(vectors[0]!);
    expect([...a]).toEqual([...b]);
    expect(a.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 5);
    // Class 2 has no example: it never peaks.
    expect(a[2]!).toBeLessThan(Math.max(a[0]!, a[1]!));
    expect(() => trainIntentHead(vectors, labels.map(() => 5), 3)).toThrow(/label 5 is not a class in 0..2/);
    expect(() => trainIntentHead(vectors, labels.slice(1), 3)).toThrow(/30 vectors but 29 labels/);
  });
});

describe('the head in the fusion weights', () => {
  const sample = (expected: number, best: number[], head: number[]) => ({
    expected,
    components: {
      best: Float32Array.from(best), centroid: Float32Array.from(best), lexical: Float32Array.from(best.map(() => 0)),
      answer: Float32Array.from(best.map(() => Number.NaN)), head: Float32Array.from(head),
    } satisfies ScoreComponents,
  });

  it('gets a share when it ranks held-out phrasings better than retrieval alone', () => {
    // Retrieval narrowly prefers the wrong entry; the head is sure of the right one.
    const samples = [sample(0, [0.70, 0.72], [0.9, 0.1]), sample(1, [0.71, 0.69], [0.2, 0.8]), sample(0, [0.80, 0.60], [0.6, 0.4])];
    const { weights, top1 } = chooseFusionWeights(samples, { ...DEFAULT_FUSION_GRID, head: HEAD_GRID });
    expect(weights.head).toBeGreaterThan(0);
    expect(top1).toBe(1);
    expect(chooseFusionWeights(samples, DEFAULT_FUSION_GRID).top1).toBeLessThan(1);
  });

  it('gets none when it does not help: a tie keeps retrieval alone', () => {
    const samples = [sample(0, [0.8, 0.6], [0.5, 0.5]), sample(1, [0.5, 0.7], [0.5, 0.5])];
    expect(chooseFusionWeights(samples, { ...DEFAULT_FUSION_GRID, head: HEAD_GRID }).weights.head).toBe(0);
  });
});
