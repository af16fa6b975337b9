/**
 * HNSW at scale: build time, bytes per vector, query latency and recall@10 against exact
 * (brute-force) search. Data: real sentence embeddings of generated catalog text (the
 * default), or clustered synthetic unit vectors (`--quick`), whose well-separated topics
 * make recall look better than on real text.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { VectorIndex } from '../../catalog/index.js';
import { dot, l2Normalize } from '../../nlu/index.js';
import { median, percentile, round } from './stats.js';

export interface HnswBenchOptions {
  /** Indexed vectors and held-out query vectors (not in the index). */
  data: Float32Array[];
  queries: Float32Array[];
  source: string;
  /** ef values to report besides the default. */
  efSweep: number[];
  dir: string;
}

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
}

/** Points around random topic centres; spread 0.08 per dimension gives ~0.6 cosine to the centre at 384 dims, as real neighbours have. */
export function clusteredVectors(n: number, dims: number, clusters: number, seed: number): Float32Array[] {
  let state = seed >>> 0;
  const random = () => ((state = (state * 1664525 + 1013904223) >>> 0) / 4294967296);
  const centres = Array.from({ length: clusters }, () => l2Normalize(Float32Array.from({ length: dims }, () => gaussian(random))));
  const spread = 1.2 / Math.sqrt(dims);
  return Array.from({ length: n }, () => {
    const centre = centres[Math.floor(random() * clusters)]!;
    return l2Normalize(Float32Array.from(centre, (c) => c + spread * gaussian(random)));
  });
}

export function benchHnsw(options: HnswBenchOptions) {
  const { data, queries } = options;
  const dims = data[0]!.length;
  console.log(`hnsw: building over ${data.length} vectors (${dims} dims, ${options.source})...`);
  const started = performance.now();
  const index = VectorIndex.create({ dimensions: dims, capacity: data.length });
  data.forEach((v, label) => index.add(label, v));
  const buildSeconds = (performance.now() - started) / 1000;
  index.save(options.dir, { name: 'bench', modelId: 'synthetic', modelHash: 'synthetic', sourceHash: 'synthetic' });
  const bytesPerVector = statSync(join(options.dir, 'bench.hnsw')).size / data.length;

  // The 10th best exact score per query. A hit counts when it scores at least that much
  // (ann-benchmarks' distance-based recall): catalogs hold identical texts (colour
  // variants), and among equal scores any choice of labels is a correct top 10.
  const tenthScore: number[] = [];
  const exactMs: number[] = [];
  for (const query of queries) {
    const t = performance.now();
    const scores = data.map((v) => dot(v, query));
    scores.sort((a, b) => b - a);
    tenthScore.push(scores[9]!);
    exactMs.push(performance.now() - t);
  }

  const measure = (ef?: number) => {
    index.setEf(ef ?? index.params.ef);
    const latencies: number[] = [];
    let found = 0;
    queries.forEach((query, i) => {
      const t = performance.now();
      const hits = index.search(query, 10);
      latencies.push(performance.now() - t);
      found += hits.filter((hit) => hit.score >= tenthScore[i]! - 1e-5).length;
    });
    return { recall_at_10: round(found / (queries.length * 10), 4), p50_ms: round(median(latencies), 3), p99_ms: round(percentile(latencies, 99), 3) };
  };
  const defaultEf = index.params.ef;
  const main = measure();
  const sweep = Object.fromEntries(options.efSweep.map((ef) => [`ef_${ef}`, measure(ef)]));
  index.setEf(defaultEf);
  console.log(`hnsw: recall@10 ${main.recall_at_10}, p50 ${main.p50_ms} ms, p99 ${main.p99_ms} ms, built in ${buildSeconds.toFixed(1)} s`);
  return {
    n: data.length,
    dims,
    data: options.source,
    queries: queries.length,
    params: index.params,
    ...main,
    build_s: round(buildSeconds, 1),
    bytes_per_vector: Math.round(bytesPerVector),
    exact_search_p50_ms: round(median(exactMs), 2),
    speedup_vs_exact_p50: round(median(exactMs) / main.p50_ms, 1),
    ef_sweep: sweep,
  };
}
