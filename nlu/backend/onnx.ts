/**
 * BERT sentence encoder on ONNX Runtime: the only module that imports `onnxruntime-node`
 * or transformers.js. Tokenize (transformers.js) -> run the graph -> mean pool -> L2.
 *
 *   const encoder = await OnnxEncoder.load({ modelDir: 'models/all-MiniLM-L6-v2' });
 *   (await encoder.embed(['where is my order?']))[0].length // 384
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BertTokenizer } from '@huggingface/transformers';
import * as ort from 'onnxruntime-node';
import { EncoderError, type Encoder } from '../encoder.js';
import { readModelManifest, verifiedModelFiles, type ModelManifest } from '../model-dir.js';
import { readTrainedTexts, type TrainedTexts } from '../trained-texts.js';
import { l2Normalize, meanPool } from '../pooling.js';

export type EncoderVariant = 'fp32' | 'int8';
export type EncoderDevice = 'cpu' | 'cuda';

export interface OnnxEncoderOptions {
  /** Hugging Face layout: config.json, tokenizer.json, onnx/model.onnx[, onnx/model_quantized.onnx]. */
  modelDir: string;
  /** `int8` runs onnx/model_quantized.onnx: ~1.3x faster on CPU, mean cosine 0.995 to fp32. Default `fp32`. */
  variant?: EncoderVariant;
  /** `cuda` needs onnxruntime-node installed with `onnxruntime-node-install=cuda12`. Default `cpu`. */
  device?: EncoderDevice;
  /** Tokens per text; longer texts are truncated. Cost grows with the square of it. Default 256. */
  maxSequenceLength?: number;
  /** Threads inside one inference; 0 lets ONNX Runtime choose (all cores). Default 0. */
  threads?: number;
  /** Texts per `embed` call. Default 64. fp32 runs them as one padded batch; int8 runs each alone (see `textsPerRun`). */
  maxBatchSize?: number;
}

export const defaultOnnxEncoderOptions = {
  variant: 'fp32' as EncoderVariant,
  device: 'cpu' as EncoderDevice,
  maxSequenceLength: 256,
  threads: 0,
  maxBatchSize: 64,
};

const MODEL_FILES: Record<EncoderVariant, string> = {
  fp32: 'onnx/model.onnx',
  int8: 'onnx/model_quantized.onnx',
};

export interface TokenizerOutput {
  input_ids: number[][];
  attention_mask: number[][];
  token_type_ids?: number[][];
}

/**
 * What loading a model reads: its graph, config and tokenizer, and the tokenizer's config when
 * there is one or the manifest records one (deleted, the tokenizer would silently fall back to defaults).
 */
export function modelFilesRead(modelDir: string, graph: string, manifest: ModelManifest | undefined): string[] {
  const tokenizerConfig = existsSync(join(modelDir, 'tokenizer_config.json')) || manifest?.files['tokenizer_config.json'] !== undefined;
  return [graph, 'config.json', 'tokenizer.json', ...(tokenizerConfig ? ['tokenizer_config.json'] : [])];
}

/** The tokenizer of a model in Hugging Face layout (tokenizer.json, optional tokenizer_config.json). */
export function loadTokenizer(modelDir: string): BertTokenizer {
  const configPath = join(modelDir, 'tokenizer_config.json');
  return new BertTokenizer(readJson(join(modelDir, 'tokenizer.json')) as object, (existsSync(configPath) ? readJson(configPath) : {}) as object);
}

/** int64 input tensors for a BERT graph from a padded batch; token types are zeros when the tokenizer gave none. */
export function tokenFeeds(encoded: TokenizerOutput, withTokenTypes: boolean): Record<string, ort.Tensor> {
  const shape = [encoded.input_ids.length, encoded.input_ids[0]!.length];
  const feeds: Record<string, ort.Tensor> = {
    input_ids: new ort.Tensor('int64', toInt64(encoded.input_ids), shape),
    attention_mask: new ort.Tensor('int64', toInt64(encoded.attention_mask), shape),
  };
  if (withTokenTypes) {
    feeds.token_type_ids = new ort.Tensor('int64', encoded.token_type_ids ? toInt64(encoded.token_type_ids) : new BigInt64Array(shape[0]! * shape[1]!), shape);
  }
  return feeds;
}

export class OnnxEncoder implements Encoder {
  readonly maxBatchSize: number;
  readonly textsPerRun: number;

  private constructor(
    readonly modelId: string,
    readonly modelHash: string,
    readonly dimensions: number,
    readonly trainedOn: TrainedTexts,
    private readonly session: ort.InferenceSession,
    private readonly tokenizer: BertTokenizer,
    private readonly options: typeof defaultOnnxEncoderOptions & OnnxEncoderOptions,
  ) {
    this.maxBatchSize = options.maxBatchSize;
    // Dynamic quantisation takes each activation's scale over the whole run, padding and
    // batch-mates included; fp32 masks padding out, so a padded batch changes nothing.
    // Alone costs little: long product texts skip the padding (11.9 vs 13.3 ms a text in
    // batches of 32), short queries cost more (5.1 vs 3.0 ms) but come one or two a turn.
    this.textsPerRun = options.variant === 'int8' ? 1 : options.maxBatchSize;
  }

  static async load(options: OnnxEncoderOptions): Promise<OnnxEncoder> {
    const merged = { ...defaultOnnxEncoderOptions, ...dropUndefined(options), modelDir: options.modelDir };
    const { modelDir, variant, device } = merged;
    const modelPath = join(modelDir, MODEL_FILES[variant]);
    for (const file of [modelPath, join(modelDir, 'tokenizer.json'), join(modelDir, 'config.json')]) {
      if (!existsSync(file)) {
        throw new EncoderError(`model file ${file} is missing; run \`npm run model:pull\` or set MODEL_DIR`);
      }
    }
    const manifest = readModelManifest(modelDir);
    if (manifest?.kind === 'cross-encoder') throw new EncoderError(`${modelDir} is a click cross-encoder, not a sentence encoder; load it with OnnxCrossEncoder`);
    // Verified before anything reads them: ONNX Runtime would run damaged weights, or crash on them.
    const hashes = verifiedModelFiles(modelDir, modelFilesRead(modelDir, MODEL_FILES[variant], manifest), { manifest });
    const config = readJson(join(modelDir, 'config.json')) as { hidden_size?: number };
    const tokenizer = loadTokenizer(modelDir);
    const session = await createSession(modelPath, device, merged.threads);
    const modelHash = hashes[MODEL_FILES[variant]]!;
    const baseId = manifest?.modelId ?? modelDir;
    return new OnnxEncoder(
      `${baseId}@${variant}`,
      modelHash,
      config.hidden_size ?? 384,
      readTrainedTexts(modelDir, manifest),
      session,
      tokenizer,
      merged,
    );
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    if (texts.length > this.maxBatchSize) {
      throw new EncoderError(`embed got ${texts.length} texts, more than maxBatchSize ${this.maxBatchSize}; use embedMany`);
    }
    const vectors: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += this.textsPerRun) vectors.push(...(await this.run(texts.slice(start, start + this.textsPerRun))));
    return vectors;
  }

  /** One model run over `texts` as a padded batch. */
  private async run(texts: readonly string[]): Promise<Float32Array[]> {
    const encoded = this.tokenizer([...texts], {
      padding: true,
      truncation: true,
      max_length: this.options.maxSequenceLength,
      return_tensor: false,
    }) as unknown as TokenizerOutput;
    const batch = encoded.input_ids.length;
    const tokens = encoded.input_ids[0]!.length;
    const feeds = tokenFeeds(encoded, this.session.inputNames.includes('token_type_ids'));
    const mask = feeds.attention_mask!.data as BigInt64Array;
    const outputs = await this.session.run(feeds);
    const hidden = outputs.last_hidden_state ?? outputs[this.session.outputNames[0]!];
    if (!hidden) throw new EncoderError('model produced no last_hidden_state output');
    const dims = hidden.dims[2]!;
    const pooled = meanPool(hidden.data as Float32Array, mask, batch, tokens, dims);
    for (const tensor of Object.values(outputs)) tensor.dispose?.();
    return pooled.map(l2Normalize);
  }

  async dispose(): Promise<void> {
    await this.session.release();
  }
}

export async function createSession(path: string, device: EncoderDevice, threads: number): Promise<ort.InferenceSession> {
  const sessionOptions: ort.InferenceSession.SessionOptions = {
    // No silent CPU fallback for cuda: asking for a GPU and getting a CPU should be loud.
    executionProviders: device === 'cuda' ? ['cuda'] : ['cpu'],
    graphOptimizationLevel: 'all',
    // Idle intra-op threads sleep instead of spin-waiting: on a small machine the spinning
    // steals the cores that the event loop and the next request need.
    extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } },
    ...(threads > 0 ? { intraOpNumThreads: threads, interOpNumThreads: 1 } : {}),
  };
  try {
    return await ort.InferenceSession.create(path, sessionOptions);
  } catch (error) {
    if (device === 'cuda') {
      throw new EncoderError(
        `EMBED_DEVICE=cuda but the CUDA execution provider could not be loaded (${String(error)}). ` +
          'Reinstall with `npm install --onnxruntime-node-install=cuda12` on a machine with CUDA 12 and cuDNN 9, ' +
          'or set EMBED_DEVICE=cpu',
        error,
      );
    }
    throw new EncoderError(`could not load ${path}: ${String(error)}`, error);
  }
}

function toInt64(rows: number[][]): BigInt64Array {
  const width = rows[0]?.length ?? 0;
  const out = new BigInt64Array(rows.length * width);
  rows.forEach((row, r) => row.forEach((value, c) => (out[r * width + c] = BigInt(value))));
  return out;
}

export function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new EncoderError(`could not read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, error);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    // JSON.parse quotes the text around the fault: never the content of whatever file the path (or a link) points to.
    throw new EncoderError(`could not read ${path}: not valid JSON`, error);
  }
}

function dropUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
