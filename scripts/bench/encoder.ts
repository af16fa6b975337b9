/**
 * Encoder throughput: sentences per second at 1 and 32 texts per `embed` call, fp32 and
 * int8, median over repeats (fp32 runs the 32 as one padded batch, int8 one text per model run,
 * see Encoder.textsPerRun), on real shop text (FAQ phrasings and product titles), plus the
 * int8-to-fp32 parity on the same sentences.
 */
import { cosine, OnnxEncoder, type EncoderVariant } from '../../nlu/index.js';
import { median, round } from './stats.js';

export interface EncoderBenchOptions {
  modelDir: string;
  sentences: string[];
  repeats: number;
  threads: number;
}

async function throughput(encoder: OnnxEncoder, sentences: string[], batchSize: number, repeats: number): Promise<number> {
  await encoder.embed(sentences.slice(0, batchSize)); // warm-up
  const rates: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const started = performance.now();
    for (let i = 0; i < sentences.length; i += batchSize) await encoder.embed(sentences.slice(i, i + batchSize));
    rates.push(sentences.length / ((performance.now() - started) / 1000));
  }
  return median(rates);
}

export async function benchEncoder(options: EncoderBenchOptions) {
  const result: Record<string, unknown> = {};
  const vectors: Partial<Record<EncoderVariant, Float32Array[]>> = {};
  for (const variant of ['fp32', 'int8'] as const) {
    const encoder = await OnnxEncoder.load({ modelDir: options.modelDir, variant, threads: options.threads });
    const batch1 = await throughput(encoder, options.sentences.slice(0, 64), 1, options.repeats);
    const batch32 = await throughput(encoder, options.sentences, 32, options.repeats);
    vectors[variant] = await encoder.embed(options.sentences.slice(0, 64));
    result[variant] = { batch1_per_s: round(batch1, 1), batch32_per_s: round(batch32, 1) };
    console.log(`encoder ${variant}: 1 per call ${batch1.toFixed(1)}/s, 32 per call ${batch32.toFixed(1)}/s (${encoder.textsPerRun} per model run)`);
    await encoder.dispose();
  }
  const cosines = vectors.fp32!.map((v, i) => cosine(v, vectors.int8![i]!));
  const fp32 = result.fp32 as { batch1_per_s: number; batch32_per_s: number };
  const int8 = result.int8 as { batch1_per_s: number; batch32_per_s: number };
  return {
    ...result,
    sentences: options.sentences.length,
    threads: options.threads || 'all cores',
    int8_speedup_batch1: round(int8.batch1_per_s / fp32.batch1_per_s),
    int8_speedup_batch32: round(int8.batch32_per_s / fp32.batch32_per_s),
    int8_parity: { mean_cosine: round(cosines.reduce((a, b) => a + b, 0) / cosines.length, 4), min_cosine: round(Math.min(...cosines), 4), sentences: cosines.length },
  };
}
