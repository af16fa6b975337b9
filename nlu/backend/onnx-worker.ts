/**
 * Worker-thread side of WorkerEncoder: holds one OnnxEncoder and answers embed requests.
 * onnxruntime-node runs inference synchronously on the calling thread, so keeping it here
 * leaves the server's event loop free for HTTP and bot logic while the model runs.
 */
import { parentPort } from 'node:worker_threads';
import { OnnxEncoder, type OnnxEncoderOptions } from './onnx.js';

export type WorkerRequest = { type: 'load'; options: OnnxEncoderOptions } | { type: 'embed'; id: number; texts: string[] } | { type: 'dispose' };

export type WorkerResponse =
  | { type: 'ready'; modelId: string; modelHash: string; dimensions: number; maxBatchSize: number; textsPerRun: number }
  | { type: 'vectors'; id: number; data: Float32Array; count: number }
  | { type: 'error'; id?: number; message: string }
  | { type: 'disposed' };

let encoder: OnnxEncoder | undefined;
const port = parentPort!;
const reply = (message: WorkerResponse, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

port.on('message', async (request: WorkerRequest) => {
  try {
    switch (request.type) {
      case 'load':
        encoder = await OnnxEncoder.load(request.options);
        reply({ type: 'ready', modelId: encoder.modelId, modelHash: encoder.modelHash, dimensions: encoder.dimensions, maxBatchSize: encoder.maxBatchSize, textsPerRun: encoder.textsPerRun });
        return;
      case 'embed': {
        const vectors = await encoder!.embed(request.texts);
        // One flat buffer, transferred (not copied) to the main thread.
        const data = new Float32Array(vectors.length * encoder!.dimensions);
        vectors.forEach((v, i) => data.set(v, i * encoder!.dimensions));
        reply({ type: 'vectors', id: request.id, data, count: vectors.length }, [data.buffer as ArrayBuffer]);
        return;
      }
      case 'dispose':
        await encoder?.dispose();
        reply({ type: 'disposed' });
        return;
    }
  } catch (error) {
    reply({ type: 'error', ...('id' in request ? { id: request.id } : {}), message: error instanceof Error ? error.message : String(error) });
  }
});
