/**
 * Batching on the calling side: splits any number of texts into encoder-sized batches
 * and reports progress, so encoders stay one-call simple.
 *
 *   const vectors = await embedMany(encoder, texts, { batchSize: 32, onProgress: (done, total) => ... });
 *   vectors.length === texts.length
 */
import type { Encoder } from './encoder.js';

export interface EmbedManyOptions {
  /** Texts per encoder call; capped at the encoder's maxBatchSize. Default 32. */
  batchSize?: number;
  /** Called after each batch with texts done so far and the total. */
  onProgress?: (done: number, total: number) => void;
}

export async function embedMany(
  encoder: Encoder,
  texts: readonly string[],
  options: EmbedManyOptions = {},
): Promise<Float32Array[]> {
  const batchSize = Math.max(1, Math.min(options.batchSize ?? 32, encoder.maxBatchSize));
  const vectors: Float32Array[] = [];
  for (let start = 0; start < texts.length; start += batchSize) {
    vectors.push(...(await encoder.embed(texts.slice(start, start + batchSize))));
    options.onProgress?.(vectors.length, texts.length);
  }
  return vectors;
}
