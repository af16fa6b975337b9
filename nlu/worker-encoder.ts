/**
 * The ONNX encoder in a worker thread. Same Encoder interface; the model runs off the
 * main thread, so a server keeps answering requests (and collecting the next batch)
 * while a batch is being embedded.
 *
 *   const encoder = await WorkerEncoder.load({ modelDir: 'models/all-MiniLM-L6-v2', variant: 'int8' });
 *   (await encoder.embed(['where is my order?']))[0].length // 384
 */
import { Worker } from 'node:worker_threads';
import type { OnnxEncoderOptions } from './backend/onnx.js';
import type { WorkerRequest, WorkerResponse } from './backend/onnx-worker.js';
import { EncoderError, type Encoder } from './encoder.js';
import { readTrainedTexts, type TrainedTexts } from './trained-texts.js';

const WORKER_URL = new URL('./backend/onnx-worker-entry.mjs', import.meta.url);

interface Pending {
  resolve: (vectors: Float32Array[]) => void;
  reject: (error: Error) => void;
}

export class WorkerEncoder implements Encoder {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private failure: Error | undefined;

  private constructor(
    private readonly worker: Worker,
    readonly modelId: string,
    readonly modelHash: string,
    readonly dimensions: number,
    readonly maxBatchSize: number,
    readonly textsPerRun: number,
    readonly trainedOn: TrainedTexts,
  ) {
    worker.on('message', (message: WorkerResponse) => this.onMessage(message));
    worker.on('error', (error) => this.fail(new EncoderError(`encoder worker crashed: ${error.message}`, error)));
    worker.on('exit', (code) => this.fail(new EncoderError(`encoder worker exited (code ${code})`)));
  }

  static async load(options: OnnxEncoderOptions): Promise<WorkerEncoder> {
    const worker = new Worker(WORKER_URL);
    const ready = await new Promise<Extract<WorkerResponse, { type: 'ready' }>>((resolve, reject) => {
      const onMessage = (message: WorkerResponse) => {
        if (message.type === 'ready') resolve(message);
        else if (message.type === 'error') reject(new EncoderError(message.message.replace(/^nlu: /, '')));
      };
      worker.on('message', onMessage);
      worker.once('error', (error) => reject(new EncoderError(`encoder worker failed to start: ${error.message}`, error)));
      worker.postMessage({ type: 'load', options } satisfies WorkerRequest);
    }).catch(async (error) => {
      await worker.terminate();
      throw error;
    });
    worker.removeAllListeners('message');
    worker.removeAllListeners('error');
    return new WorkerEncoder(worker, ready.modelId, ready.modelHash, ready.dimensions, ready.maxBatchSize, ready.textsPerRun, readTrainedTexts(options.modelDir));
  }

  embed(texts: readonly string[]): Promise<Float32Array[]> {
    if (this.failure) return Promise.reject(this.failure);
    if (texts.length === 0) return Promise.resolve([]);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ type: 'embed', id, texts: [...texts] } satisfies WorkerRequest);
    });
  }

  async dispose(): Promise<void> {
    this.failure ??= new EncoderError('encoder was disposed');
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }

  private onMessage(message: WorkerResponse): void {
    if (message.type === 'vectors') {
      const pending = this.pending.get(message.id);
      this.pending.delete(message.id);
      const vectors = Array.from({ length: message.count }, (_, i) => message.data.subarray(i * this.dimensions, (i + 1) * this.dimensions));
      pending?.resolve(vectors);
    } else if (message.type === 'error' && message.id !== undefined) {
      const pending = this.pending.get(message.id);
      this.pending.delete(message.id);
      pending?.reject(new EncoderError(message.message.replace(/^nlu: /, '')));
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}
