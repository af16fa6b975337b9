/**
 * Serves many concurrent single-query `embed` calls with few model runs: calls that
 * arrive while the allowed batches are out wait and then go together as the next batch. Under
 * load (20 conversations at once) one batched run of N short queries costs far less
 * than N runs; with one caller it adds no delay. Where the model takes one text per run
 * (`textsPerRun` 1, the int8 encoder), nothing is gathered: each text goes to the model at
 * once and waits in its queue, since a shared call would only make each caller wait for the
 * others' runs. Also keeps a small LRU cache, since shoppers repeat the same questions and
 * suggested actions are sent back verbatim.
 *
 *   const shared = new CoalescingEncoder(fp32Encoder, { cacheSize: 2000 });
 *   await Promise.all(queries.map((q) => shared.embed([q]))); // ~1-2 model runs
 */
import type { Encoder } from './encoder.js';
import type { TrainedTexts } from './trained-texts.js';

export interface CoalescingEncoderOptions {
  /** Texts per call to the inner encoder; further waiting texts go in the call after. Default: the inner encoder's textsPerRun. */
  textsPerCall?: number;
  /** Distinct texts whose vectors are remembered; 0 disables. 384 floats = 1.5 KB each. Default 2000. */
  cacheSize?: number;
  /**
   * Calls to the inner encoder out at once; texts arriving while that many are out wait and
   * go together in the next call. Default 2: at a shopper's pace, a turn that arrives during
   * another's run is handed on at once and waits in the encoder's own queue (the worker runs one
   * model call at a time), so it starts the moment the first ends, not when the main thread, busy
   * with another turn's work, gets round to the first's result. One at a time cost the paced p99
   * 10-20 ms; under load the queue still fills batches. Unbounded where calls take one text.
   */
  concurrentCalls?: number;
}

interface Pending {
  text: string;
  resolve: (vector: Float32Array) => void;
  reject: (error: unknown) => void;
}

export class CoalescingEncoder implements Encoder {
  readonly modelId: string;
  readonly modelHash: string;
  readonly dimensions: number;
  readonly maxBatchSize: number;
  readonly textsPerRun: number;
  readonly trainedOn: TrainedTexts;
  /** Texts per call to the inner encoder. */
  private readonly textsPerCall: number;
  private readonly cacheSize: number;
  private readonly cache = new Map<string, Float32Array>();
  private readonly concurrentCalls: number;
  /** Texts queued or out, by text: a second caller of the same text waits for the first's vector. */
  private readonly waiting = new Map<string, Promise<Float32Array>>();
  private queue: Pending[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(private readonly inner: Encoder, options: CoalescingEncoderOptions = {}) {
    this.modelId = inner.modelId;
    this.modelHash = inner.modelHash;
    this.dimensions = inner.dimensions;
    this.maxBatchSize = inner.maxBatchSize;
    this.textsPerRun = inner.textsPerRun;
    this.trainedOn = inner.trainedOn;
    this.textsPerCall = Math.max(1, Math.min(options.textsPerCall ?? inner.textsPerRun, inner.maxBatchSize));
    this.cacheSize = options.cacheSize ?? 2000;
    this.concurrentCalls = Math.max(1, options.concurrentCalls ?? (this.textsPerCall === 1 ? Infinity : 2));
  }

  embed(texts: readonly string[]): Promise<Float32Array[]> {
    return Promise.all(texts.map((text) => this.embedOne(text)));
  }

  dispose(): Promise<void> {
    return this.inner.dispose();
  }

  private embedOne(text: string): Promise<Float32Array> {
    const cached = this.cache.get(text);
    if (cached) {
      // Refresh recency: Map iteration order is insertion order.
      this.cache.delete(text);
      this.cache.set(text, cached);
      return Promise.resolve(cached);
    }
    const waiting = this.waiting.get(text);
    if (waiting) return waiting;
    const vector = this.queued(text);
    this.waiting.set(text, vector);
    const settled = () => this.waiting.delete(text);
    vector.then(settled, settled);
    return vector;
  }

  private queued(text: string): Promise<Float32Array> {
    return new Promise((resolve, reject) => {
      this.queue.push({ text, resolve, reject });
      // Callers in the same tick join the same batch.
      if (!this.scheduled) {
        this.scheduled = true;
        queueMicrotask(() => {
          this.scheduled = false;
          this.pump();
        });
      }
    });
  }

  /** Hands texts from the queue to the inner encoder while fewer than `concurrentCalls` calls are out. */
  private pump(): void {
    while (this.inFlight < this.concurrentCalls && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.textsPerCall);
      this.inFlight++;
      void this.run(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  // A text is queued once while it waits (see `waiting`), so a batch holds no text twice.
  private async run(batch: Pending[]): Promise<void> {
    try {
      const vectors = await this.inner.embed(batch.map((p) => p.text));
      batch.forEach((pending, i) => {
        this.remember(pending.text, vectors[i]!);
        pending.resolve(vectors[i]!);
      });
    } catch (error) {
      for (const pending of batch) pending.reject(error);
    }
  }

  private remember(text: string, vector: Float32Array): void {
    if (this.cacheSize <= 0) return;
    this.cache.set(text, vector);
    if (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value!);
  }
}
