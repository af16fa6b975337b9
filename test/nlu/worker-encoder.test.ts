import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cosine, WorkerEncoder, type OnnxEncoder } from '../../nlu/index.js';
import { loadEncoder, requireModel, tempDir } from '../helpers.js';

describe('WorkerEncoder (the model in a worker thread)', () => {
  let inThread: OnnxEncoder;
  let inWorker: WorkerEncoder;
  beforeAll(async () => {
    inThread = await loadEncoder('int8');
    inWorker = await WorkerEncoder.load({ modelDir: requireModel(), variant: 'int8' });
  });
  afterAll(async () => {
    await inThread.dispose();
    await inWorker.dispose();
  });

  it('gives the same vectors and identity as the encoder on the main thread', async () => {
    const texts = ['where is my order', 'a warm jacket under $100', 'asdf'];
    const [a, b] = await Promise.all([inThread.embed(texts), inWorker.embed(texts)]);
    b.forEach((v, i) => expect(cosine(v, a[i]!)).toBeGreaterThan(0.99999));
    expect(inWorker.modelHash).toBe(inThread.modelHash);
    expect(inWorker.modelId).toBe(inThread.modelId);
  });

  it('keeps concurrent requests apart', async () => {
    const texts = Array.from({ length: 12 }, (_, i) => `question ${i} about returns`);
    const results = await Promise.all(texts.map((t) => inWorker.embed([t])));
    // Compared one by one: int8 activation scales are computed per batch, so a text's
    // vector inside a batch differs slightly (cosine ~0.99) from the same text alone.
    for (const [i, text] of texts.entries()) {
      const [alone] = await inThread.embed([text]);
      expect(cosine(results[i]![0]!, alone!)).toBeGreaterThan(0.99999);
    }
  });

  it('reports a bad model directory as an EncoderError with the fix', async () => {
    await expect(WorkerEncoder.load({ modelDir: tempDir() })).rejects.toThrow(/is missing; run `npm run model:pull`/);
  });

  it('refuses work after dispose instead of hanging', async () => {
    const encoder = await WorkerEncoder.load({ modelDir: requireModel(), variant: 'int8' });
    await encoder.dispose();
    await expect(encoder.embed(['hello'])).rejects.toThrow(/disposed/);
  });
});
