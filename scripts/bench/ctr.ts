/**
 * What re-ranking with the click cross-encoder costs per turn: one model run over the
 * top-K candidates (query + product text, 128 tokens) for K in {10, 20, 50}, int8 and
 * fp32, median over queries; beside it the baseline a turn already pays, one bi-encoder
 * query embedding. Issue 5 decides from these whether re-ranking fits the turn budget.
 */
import { OnnxCrossEncoder, OnnxEncoder, type EncoderVariant } from '../../nlu/index.js';
import { median, percentile, round } from './stats.js';

export interface CtrBenchOptions {
  ctrModelDir: string;
  encoderModelDir: string;
  queries: string[];
  candidates: string[];
  threads: number;
  device?: 'cpu' | 'cuda';
}

const LIST_SIZES = [10, 20, 50];

export async function benchCtr(options: CtrBenchOptions) {
  const result: Record<string, unknown> = { device: options.device ?? 'cpu', queries: options.queries.length };
  const encoder = await OnnxEncoder.load({ modelDir: options.encoderModelDir, variant: 'int8', threads: options.threads, device: options.device ?? 'cpu' });
  await encoder.embed([options.queries[0]!]);
  const embedMs: number[] = [];
  for (const query of options.queries) {
    const started = performance.now();
    await encoder.embed([query]);
    embedMs.push(performance.now() - started);
  }
  await encoder.dispose();
  result.baseline_query_embedding_ms = { p50: round(median(embedMs)), p99: round(percentile(embedMs, 99)) };
  for (const variant of ['int8', 'fp32'] as EncoderVariant[]) {
    const ctr = await OnnxCrossEncoder.load({ modelDir: options.ctrModelDir, variant, threads: options.threads, device: options.device ?? 'cpu' });
    await ctr.score(options.queries[0]!, options.candidates.slice(0, 10));
    const byK: Record<string, unknown> = {};
    for (const k of LIST_SIZES) {
      const samples: number[] = [];
      for (const [i, query] of options.queries.entries()) {
        const start = (i * 37) % Math.max(1, options.candidates.length - k);
        const started = performance.now();
        await ctr.score(query, options.candidates.slice(start, start + k));
        samples.push(performance.now() - started);
      }
      const p50 = median(samples);
      byK[`top${k}`] = { p50_ms: round(p50), p99_ms: round(percentile(samples, 99)), per_candidate_ms: round(p50 / k, 3), ratio_to_query_embedding: round(p50 / median(embedMs), 1) };
    }
    result[variant] = byK;
    await ctr.dispose();
  }
  return result;
}
