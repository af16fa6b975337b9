/**
 * A BERT cross-encoder on ONNX Runtime that reads a query and a product text together
 * and predicts whether the shopper clicks or buys it (`npm run finetune -- --ctr`).
 * Costlier than the bi-encoder: one model run per candidate, so it can only re-rank a
 * short list; `npm run bench -- --only ctr` measures what a candidate costs.
 *
 *   const ctr = await OnnxCrossEncoder.load({ modelDir: 'models/ctr-20261129' });
 *   await ctr.score('blue running shoes', ['Trail runner. Velora. Shoes. colour: blue', ...]) // [0.61, ...]
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BertTokenizer } from '@huggingface/transformers';
import type * as ort from 'onnxruntime-node';
import { EncoderError } from '../encoder.js';
import { readModelManifest, verifiedModelFiles } from '../model-dir.js';
import { createSession, loadTokenizer, modelFilesRead, tokenFeeds, type EncoderDevice, type EncoderVariant, type TokenizerOutput } from './onnx.js';

export interface CrossEncoderOptions {
  modelDir: string;
  variant?: EncoderVariant;
  device?: EncoderDevice;
  /** Tokens per (query, text) pair. Default: the model's training length from its manifest, else 128. */
  maxSequenceLength?: number;
  threads?: number;
}

export class OnnxCrossEncoder {
  private constructor(
    readonly modelId: string,
    private readonly session: ort.InferenceSession,
    private readonly tokenizer: BertTokenizer,
    private readonly maxSequenceLength: number,
  ) {}

  static async load(options: CrossEncoderOptions): Promise<OnnxCrossEncoder> {
    const variant = options.variant ?? 'int8';
    const graph = variant === 'int8' ? 'onnx/model_quantized.onnx' : 'onnx/model.onnx';
    const path = join(options.modelDir, graph);
    const manifest = readModelManifest(options.modelDir);
    if (manifest?.kind !== 'cross-encoder') throw new EncoderError(`${options.modelDir} is not a cross-encoder (its manifest.json says kind "${manifest?.kind ?? 'none'}")`);
    if (!existsSync(path)) throw new EncoderError(`model file ${path} is missing`);
    verifiedModelFiles(options.modelDir, modelFilesRead(options.modelDir, graph, manifest), { manifest });
    const tokenizer = loadTokenizer(options.modelDir);
    const session = await createSession(path, options.device ?? 'cpu', options.threads ?? 0);
    return new OnnxCrossEncoder(`${manifest.modelId ?? options.modelDir}@${variant}`, session, tokenizer, options.maxSequenceLength ?? manifest.maxSequenceLength ?? 128);
  }

  /** Click probability of each text for the query, in input order. */
  async score(query: string, texts: readonly string[]): Promise<number[]> {
    if (texts.length === 0) return [];
    const encoded = this.tokenizer(texts.map(() => query), {
      text_pair: [...texts],
      padding: true,
      truncation: true,
      max_length: this.maxSequenceLength,
      return_tensor: false,
    }) as unknown as TokenizerOutput;
    // Token types tell the model which tokens are the query and which the product text.
    const outputs = await this.session.run(tokenFeeds(encoded, true));
    const logits = outputs.logits?.data as Float32Array | undefined;
    if (!logits) throw new EncoderError('cross-encoder produced no logits output');
    const probabilities = Array.from(logits, (logit) => 1 / (1 + Math.exp(-logit)));
    for (const tensor of Object.values(outputs)) tensor.dispose?.();
    return probabilities;
  }

  async dispose(): Promise<void> {
    await this.session.release();
  }
}
