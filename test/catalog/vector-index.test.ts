import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IndexFormatError, VectorIndex } from '../../catalog/index.js';
import { dot, l2Normalize, sha256File } from '../../nlu/index.js';
import { tempDir } from '../helpers.js';

function randomVectors(count: number, dims: number, seed = 1): Float32Array[] {
  let state = seed;
  const random = () => ((state = (state * 1664525 + 1013904223) >>> 0) / 4294967296) * 2 - 1;
  return Array.from({ length: count }, () => l2Normalize(Float32Array.from({ length: dims }, random)));
}

/** Exact search: hnswlib's BruteforceSearch idea, the reference for recall. */
function exactTopK(vectors: Float32Array[], query: Float32Array, k: number, filter: (label: number) => boolean = () => true): number[] {
  return vectors
    .map((v, label) => ({ label, score: dot(v, query) }))
    .filter((hit) => filter(hit.label))
    .sort((a, b) => b.score - a.score)
    .slice(0, k)
    .map((hit) => hit.label);
}

describe('VectorIndex', () => {
  const dims = 64;
  const vectors = randomVectors(3000, dims);
  const queries = randomVectors(100, dims, 7);
  const index = VectorIndex.create({ dimensions: dims, capacity: 100 });
  vectors.forEach((v, label) => index.add(label, v));

  it('finds the exact top 10 for at least 95% of results (recall against brute force)', () => {
    let found = 0;
    for (const query of queries) {
      const truth = new Set(exactTopK(vectors, query, 10));
      found += index.search(query, 10).filter((hit) => truth.has(hit.label)).length;
    }
    expect(found / (queries.length * 10)).toBeGreaterThanOrEqual(0.95);
  });

  it('grows past its initial capacity and scores with cosine similarity, best first', () => {
    expect(index.size).toBe(3000);
    const hits = index.search(vectors[42]!, 3);
    expect(hits[0]).toEqual({ label: 42, score: expect.closeTo(1, 5) });
    expect(hits[1]!.score).toBeLessThanOrEqual(hits[0]!.score);
  });

  it('filters inside the search, so a selective filter still returns k results', () => {
    const onlyMultiplesOf50 = (label: number) => label % 50 === 0;
    const hits = index.search(queries[0]!, 10, onlyMultiplesOf50);
    expect(hits).toHaveLength(10);
    expect(hits.every((hit) => hit.label % 50 === 0)).toBe(true);
    const truth = exactTopK(vectors, queries[0]!, 10, onlyMultiplesOf50);
    expect(hits.filter((hit) => truth.includes(hit.label)).length).toBeGreaterThanOrEqual(8);
  });

  it('returns fewer hits, not an error, when fewer labels pass the filter than asked for', () => {
    expect(index.search(queries[0]!, 10, (label) => label < 3).map((h) => h.label).sort()).toEqual([0, 1, 2]);
  });

  it('no longer returns a label once it is marked deleted', () => {
    const small = VectorIndex.create({ dimensions: dims, capacity: 10 });
    vectors.slice(0, 10).forEach((v, label) => small.add(label, v));
    small.markDeleted(3);
    expect(small.search(vectors[3]!, 10).map((h) => h.label)).not.toContain(3);
  });

  it('saves and loads with a manifest, and refuses a mismatched one loudly with both values', () => {
    const dir = tempDir();
    const manifest = index.save(dir, { name: 'test', modelId: 'm@int8', modelHash: 'abc', sourceHash: 'src' });
    expect(manifest).toMatchObject({ formatVersion: 2, metric: 'cosine', dimensions: dims, count: 3000, params: { M: 16, efConstruction: 200, ef: 128, seed: 100 }, sha256: sha256File(join(dir, 'test.hnsw')) });
    const { index: loaded } = VectorIndex.load(dir, 'test', { dimensions: dims, modelHash: 'abc' });
    expect(loaded.search(queries[1]!, 5)).toEqual(index.search(queries[1]!, 5));
    expect(() => VectorIndex.load(dir, 'test', { modelHash: 'other' })).toThrow(/modelHash mismatch: expected other, found abc/);
    const path = join(dir, 'test.manifest.json');
    writeFileSync(path, JSON.stringify({ ...JSON.parse(readFileSync(path, 'utf8')), formatVersion: 9 }));
    expect(() => VectorIndex.load(dir, 'test')).toThrow(IndexFormatError);
  });

  it('rejects a vector of the wrong dimension', () => {
    expect(() => index.add(99_999, new Float32Array(3))).toThrow(/vector dimensions mismatch: expected 64, found 3/);
  });
});
