import { describe, expect, it } from 'vitest';
import { cosine, dot, l2Normalize, meanPool } from '../../nlu/index.js';

describe('mean pooling', () => {
  it('averages only the tokens the mask keeps', () => {
    // 2 sentences x 3 tokens x 2 dims; the second sentence has one padding token.
    const hidden = new Float32Array([1, 2, 3, 4, 5, 6, 10, 20, 30, 40, 999, 999]);
    const [first, second] = meanPool(hidden, [1, 1, 1, 1, 1, 0], 2, 3, 2);
    expect(Array.from(first!)).toEqual([3, 4]);
    expect(Array.from(second!)).toEqual([20, 30]);
  });

  it('accepts the bigint masks ONNX Runtime uses', () => {
    const [v] = meanPool(new Float32Array([2, 4, 6, 8]), new BigInt64Array([1n, 0n]), 1, 2, 2);
    expect(Array.from(v!)).toEqual([2, 4]);
  });
});

describe('l2Normalize', () => {
  it('scales to unit length and leaves a zero vector alone', () => {
    expect(Array.from(l2Normalize(new Float32Array([3, 4])))).toEqual([0.6000000238418579, 0.800000011920929]);
    expect(Array.from(l2Normalize(new Float32Array([0, 0])))).toEqual([0, 0]);
  });

  it('makes cosine the dot product', () => {
    expect(cosine([1, 0], [0, 1])).toBe(0);
    expect(cosine([2, 0], [5, 0])).toBe(1);
  });
});

describe('dot', () => {
  it('sums every product, whatever the length (four running sums, then the rest one by one)', () => {
    for (const length of [0, 1, 3, 4, 5, 7, 384, 385]) {
      const a = Array.from({ length }, (_, i) => i + 1);
      const b = Array.from({ length }, (_, i) => (i % 2 ? -1 : 2));
      const expected = a.reduce((sum, x, i) => sum + x * b[i]!, 0);
      expect(dot(a, b)).toBe(expected);
      expect(dot(Float32Array.from(a), Float32Array.from(b))).toBe(expected);
    }
  });
});
