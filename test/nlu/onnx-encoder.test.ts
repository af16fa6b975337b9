import { writeFileSync, symlinkSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { readJson } from '../../nlu/backend/onnx.js';
import { env, pipeline } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cosine, dot, EncoderError, OnnxEncoder, embedMany } from '../../nlu/index.js';
import { loadEncoder, requireModel, tempDir } from '../helpers.js';

const SENTENCES = [
  'How do I return something?',
  'where is my parcel',
  'a warm jacket under $100',
  'Noise-cancelling over-ear headphones with 30-hour battery life.',
  'asdfgh qwerty',
  '?',
  'Is shipping free on orders over fifty dollars, or do I always pay for delivery?',
];

describe('OnnxEncoder', () => {
  let fp32: OnnxEncoder;
  let int8: OnnxEncoder;
  beforeAll(async () => {
    fp32 = await loadEncoder('fp32');
    int8 = await loadEncoder('int8');
  });
  afterAll(async () => {
    await fp32.dispose();
    await int8.dispose();
  });

  it('returns one 384-dimensional unit vector per text', async () => {
    const vectors = await fp32.embed(SENTENCES);
    expect(vectors).toHaveLength(SENTENCES.length);
    for (const v of vectors) {
      expect(v).toHaveLength(384);
      expect(dot(v, v)).toBeCloseTo(1, 4);
    }
    expect(fp32.dimensions).toBe(384);
    expect(fp32.modelId).toMatch(/all-MiniLM-L6-v2@fp32$/);
    expect(fp32.modelHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('puts paraphrases closer than unrelated sentences', async () => {
    const [order, parcel, cake] = await fp32.embed(['where is my order', 'track my package', 'chocolate cake recipe']);
    expect(cosine(order!, parcel!)).toBeGreaterThan(cosine(order!, cake!) + 0.2);
  });

  it('gives the same vector for a text alone or inside a padded batch', async () => {
    const [alone] = await fp32.embed(['where is my parcel']);
    const batch = await fp32.embed(SENTENCES);
    expect(cosine(alone!, batch[1]!)).toBeGreaterThan(0.9999);
  });

  it('gives an int8 text the very same vector whatever it is embedded with', async () => {
    // Run as one batch, "a tenner each" came out at cosine 0.992 to itself beside a long
    // message: the int8 graph quantises activations with one scale per run.
    const text = 'a tenner each';
    const [alone] = await int8.embed([text]);
    for (const other of ["I'm vegan so no wool, leather or down, but I need a warm jacket for the winter please", 'hi']) {
      const [, beside] = await int8.embed([other, text]);
      expect(Array.from(beside!)).toEqual(Array.from(alone!));
    }
    expect(int8.textsPerRun).toBe(1);
    expect(fp32.textsPerRun).toBe(fp32.maxBatchSize);
  });

  it("matches transformers.js's own feature-extraction pipeline on the same model (cosine >= 0.999)", async () => {
    const modelDir = requireModel();
    env.allowRemoteModels = false;
    env.localModelPath = `${dirname(modelDir)}/`;
    const extractor = await pipeline('feature-extraction', basename(modelDir), { dtype: 'fp32', local_files_only: true });
    const ours = await fp32.embed(SENTENCES);
    for (let i = 0; i < SENTENCES.length; i++) {
      const theirs = await extractor(SENTENCES[i]!, { pooling: 'mean', normalize: true });
      expect(cosine(ours[i]!, theirs.data as Float32Array)).toBeGreaterThanOrEqual(0.999);
    }
    await extractor.dispose();
  });

  it('keeps the int8 model close to fp32 (mean cosine >= 0.99)', async () => {
    const a = await fp32.embed(SENTENCES);
    const b = await int8.embed(SENTENCES);
    const mean = a.reduce((sum, v, i) => sum + cosine(v, b[i]!), 0) / a.length;
    expect(mean).toBeGreaterThanOrEqual(0.99);
    expect(int8.modelHash).not.toBe(fp32.modelHash);
  });

  it('refuses more texts than maxBatchSize, and embedMany splits them', async () => {
    const texts = Array.from({ length: fp32.maxBatchSize + 3 }, (_, i) => `sentence number ${i}`);
    await expect(fp32.embed(texts)).rejects.toThrow(/maxBatchSize/);
    const progress: number[] = [];
    const vectors = await embedMany(fp32, texts, { batchSize: 32, onProgress: (done) => progress.push(done) });
    expect(vectors).toHaveLength(texts.length);
    expect(progress).toEqual([32, 64, 67]);
  });

  it('truncates long texts to maxSequenceLength instead of failing', async () => {
    const short = await OnnxEncoder.load({ modelDir: requireModel(), maxSequenceLength: 16 });
    const [v] = await short.embed(['word '.repeat(5000)]);
    expect(v).toHaveLength(384);
    await short.dispose();
  });

  it('names the missing file and the fix when the model directory is empty', async () => {
    await expect(OnnxEncoder.load({ modelDir: tempDir() })).rejects.toThrow(/model\.onnx is missing; run `npm run model:pull`/);
  });

  it('names a model file that is not JSON without quoting what it holds, even through a link', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'secret.txt'), 'API_KEY=sk-live-SECRET-123 and more');
    symlinkSync(join(dir, 'secret.txt'), join(dir, 'config.json'));
    const error = (() => { try { readJson(join(dir, 'config.json')); } catch (e) { return e as Error; } })();
    expect(error).toBeInstanceOf(EncoderError);
    expect(error!.message).toMatch(/could not read .*config\.json: not valid JSON$/);
    expect(error!.message).not.toMatch(/SECRET|API_KEY/);
    expect(() => readJson(join(dir, 'missing.json'))).toThrow(/could not read .*missing\.json: ENOENT$/);
  });

  it('fails clearly when CUDA is asked for but its provider is not installed', async () => {
    const attempt = OnnxEncoder.load({ modelDir: requireModel(), device: 'cuda' });
    await expect(attempt).rejects.toBeInstanceOf(EncoderError);
    await expect(attempt).rejects.toThrow(/onnxruntime-node-install=cuda12/);
  });
});
