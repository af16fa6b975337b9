import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoalescingEncoder, cosine, type Encoder, type OnnxEncoder } from '../../nlu/index.js';
import { loadEncoder } from '../helpers.js';

/** The real encoder, with its calls counted. */
function counting(inner: Encoder): Encoder & { calls: number[] } {
  const calls: number[] = [];
  return {
    modelId: inner.modelId,
    modelHash: inner.modelHash,
    dimensions: inner.dimensions,
    maxBatchSize: inner.maxBatchSize,
    textsPerRun: inner.textsPerRun,
    trainedOn: inner.trainedOn,
    calls,
    embed: (texts) => {
      calls.push(texts.length);
      return inner.embed(texts);
    },
    dispose: () => inner.dispose(),
  };
}

describe('CoalescingEncoder', () => {
  let encoder: OnnxEncoder;
  let fp32: OnnxEncoder;
  beforeAll(async () => {
    encoder = await loadEncoder('int8');
    fp32 = await loadEncoder('fp32');
  });
  afterAll(async () => {
    await encoder.dispose();
    await fp32.dispose();
  });

  const queries = Array.from({ length: 20 }, (_, i) => `question number ${i} about delivery`);

  it('serves 20 concurrent queries to a batching model with a couple of model runs and the same vectors', async () => {
    const inner = counting(fp32);
    const shared = new CoalescingEncoder(inner, { cacheSize: 0 });
    const results = await Promise.all(queries.map((q) => shared.embed([q])));
    expect(inner.calls.length).toBeLessThanOrEqual(2);
    expect(inner.calls.reduce((a, b) => a + b, 0)).toBe(20);
    const direct = await fp32.embed(queries);
    results.forEach(([v], i) => expect(cosine(v!, direct[i]!)).toBeGreaterThan(0.9999));
  });

  it('hands each text to a one-text-per-run model at once, and each gets its vector alone', async () => {
    // The real model behind a gate: every text must be handed on before the first call returns.
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const inner = counting(encoder);
    const held: Encoder = { ...inner, embed: (texts) => { inner.calls.push(texts.length); return gate.then(() => encoder.embed(texts)); } };
    const shared = new CoalescingEncoder(held, { cacheSize: 0 });
    const pending = Promise.all(queries.map((q) => shared.embed([q])));
    await new Promise((resolve) => setImmediate(resolve));
    expect(inner.calls).toEqual(queries.map(() => 1));
    open();
    const results = await pending;
    for (const [i, [v]] of results.entries()) expect(Array.from(v!)).toEqual(Array.from((await encoder.embed([queries[i]!]))[0]!));
  });

  it('runs a text asked for twice at once only once, with no cache', async () => {
    const inner = counting(encoder);
    const shared = new CoalescingEncoder(inner, { cacheSize: 0 });
    const [[a], [b]] = await Promise.all([shared.embed(['show me more like this']), shared.embed(['show me more like this'])]);
    expect(inner.calls).toEqual([1]);
    expect(b).toBe(a);
    await shared.embed(['show me more like this']);
    expect(inner.calls).toEqual([1, 1]);
  });

  it('answers a repeated text from its cache without running the model', async () => {
    const inner = counting(encoder);
    const shared = new CoalescingEncoder(inner, { cacheSize: 10 });
    const [first] = await shared.embed(['where is my order']);
    const [second] = await shared.embed(['where is my order']);
    expect(inner.calls).toEqual([1]);
    expect(second).toBe(first);
  });

  it.each([
    [2, [1, 1]],
    [1, [1]],
  ])('with %d call(s) allowed out at once, a text arriving during a call starts as the calls allow (calls started: %j)', async (concurrentCalls, startedWhileFirstRuns) => {
    // The real model behind a gate, to hold the first run while the second text arrives.
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const inner = counting(encoder);
    const held: Encoder = { ...inner, embed: (texts) => { inner.calls.push(texts.length); return gate.then(() => encoder.embed(texts)); } };
    const shared = new CoalescingEncoder(held, { cacheSize: 0, concurrentCalls, textsPerCall: 8 });
    const first = shared.embed(['where is my order']);
    await new Promise((resolve) => setImmediate(resolve));
    const second = shared.embed(['do you ship to canada']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(inner.calls).toEqual(startedWhileFirstRuns);
    open();
    const [[a], [b]] = await Promise.all([first, second]);
    expect(cosine(a!, b!)).toBeLessThan(0.99);
    expect(inner.calls).toEqual([1, 1]);
  });

  it('rejects every waiting caller when the model run fails, and recovers after', async () => {
    let fail = true;
    const flaky: Encoder = { ...counting(encoder), embed: (texts) => (fail ? Promise.reject(new Error('boom')) : encoder.embed(texts)) };
    const shared = new CoalescingEncoder(flaky, { cacheSize: 0 });
    const attempts = await Promise.allSettled([shared.embed(['a']), shared.embed(['b'])]);
    expect(attempts.map((a) => a.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    await expect(shared.embed(['c'])).resolves.toHaveLength(1);
  });
});
