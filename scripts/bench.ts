/**
 * `npm run bench -- [--json FILE] [--quick] [--only encoder,hnsw,turn,spelling,ingest,catalog,ctr] [--repeat N]`: speed and memory
 * figures, each beside a baseline run in the same process:
 *   encoder  sentences/s at batch 1 and 32, fp32 vs int8 (baseline fp32), int8 parity
 *   hnsw     100k real embeddings (--quick: 10k synthetic): build, bytes/vector, recall@10 and
 *            p50/p99 vs exact search (baseline)
 *   turn     Direct Line turns at 20 concurrent conversations on loopback (the demo's hand-written
 *            shopper questions and requests), through the serving CoalescingEncoder (the default:
 *            with int8 each text goes to the model at once, alone; with fp32 concurrent queries
 *            share batches) vs one encoder call per turn (baseline); paced runs N times (default 3) and pooled;
 *            beside them the paced floor: small talk only, no model and no search
 *   spelling the spelling corrector on 3,000 made-up shop words (--quick: 1,000): build time and
 *            µs per message (median of 5 rounds), vs a small shop's dozen phrases (baseline)
 *   ingest   products files of 100k rows (--ingest-rows 100000,1000000 for more), CSV and NDJSON: rows/s and
 *            peak memory read as a stream (what `npm run ingest` and uploads do) vs read whole (baseline)
 *   catalog  live catalog changes on the demo shop: one product uploaded (time to searchable, found in chat),
 *            1,000 uploaded, and a full reindex under 20 paced conversations (--catalog-seconds, default 150)
 *            vs the same load without one (baseline)
 *   ctr      click cross-encoder (--ctr-model DIR, from `npm run finetune -- --ctr`): cost of
 *            scoring the top 10/20/50 candidates, int8 and fp32, vs one query embedding (baseline)
 * Benchmarks are not tests: nothing here asserts a time.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, loadDotEnv } from '../bot/config.js';
import { DEMO_DIR, openShop } from '../bot/startup.js';
import type { FaqEntry, Product } from '../catalog/index.js';
import { benchCtr } from './bench/ctr.js';
import { benchEncoder } from './bench/encoder.js';
import { benchHnsw, clusteredVectors } from './bench/hnsw.js';
import { benchIngest } from './bench/ingest.js';
import { benchLiveCatalog } from './bench/live-catalog.js';
import { benchSpelling } from './bench/spelling.js';
import { generateProducts } from './demo/generate-products.js';
import { productText } from '../catalog/index.js';
import { embedMany, WorkerEncoder } from '../nlu/index.js';
import { progressBar } from './progress.js';
import { round } from './bench/stats.js';
import { benchTurns, summariseTurnRuns } from './bench/turns.js';

const { values } = parseArgs({
  options: {
    json: { type: 'string' },
    quick: { type: 'boolean', default: false },
    only: { type: 'string', default: 'encoder,hnsw,turn,spelling' },
    concurrency: { type: 'string', default: '20' },
    repeat: { type: 'string' },
    'hnsw-n': { type: 'string' },
    'ctr-model': { type: 'string' },
    'ingest-rows': { type: 'string', default: '100000' },
    'catalog-seconds': { type: 'string', default: '150' },
  },
});

/**
 * Embeddings of N distinct product texts from the demo generator (another seed), cached
 * in the temp dir: embedding 100k texts takes minutes on 2 cores, and is not what is measured.
 */
async function realEmbeddings(count: number, modelDir: string): Promise<Float32Array[]> {
  const cache = join(tmpdir(), `aisle-bench-embeddings-${count}.f32`);
  if (existsSync(cache)) {
    const flat = new Float32Array(readFileSync(cache).buffer.slice(0));
    return Array.from({ length: flat.length / 384 }, (_, i) => flat.subarray(i * 384, (i + 1) * 384));
  }
  const texts = [...new Set(generateProducts(7, Math.ceil(count / 10)).map((p) => productText(p)))];
  for (let extra = 8; texts.length < count; extra++) texts.push(...generateProducts(extra, Math.ceil(count / 15)).map((p) => productText(p)));
  // 48 tokens cover title, brand, category and attributes: real embeddings, at a cost that fits a bench.
  const encoder = await WorkerEncoder.load({ modelDir, variant: 'int8', maxSequenceLength: 48 });
  const bar = progressBar();
  const vectors = await embedMany(encoder, texts.slice(0, count), { batchSize: 64, onProgress: (done, total) => bar.update(done, total, 'hnsw: embedding product texts') });
  bar.stop();
  await encoder.dispose();
  const flat = new Float32Array(count * 384);
  vectors.forEach((v, i) => flat.set(v, i * 384));
  writeFileSync(cache, Buffer.from(flat.buffer));
  return vectors;
}
const only = new Set(values.only!.split(','));
await loadDotEnv();
const config = loadConfig();
const quick = values.quick!;
const faq: FaqEntry[] = JSON.parse(readFileSync(join(DEMO_DIR, 'faq.json'), 'utf8'));
const products: Product[] = JSON.parse(readFileSync(join(DEMO_DIR, 'products.json'), 'utf8'));
const results: Record<string, unknown> = { machine: { cpus: (await import('node:os')).cpus().length, node: process.version }, date: new Date().toISOString() };

if (only.has('encoder')) {
  const sentences = [...faq.flatMap((e) => e.questions), ...products.map((p) => p.title)].filter((_, i) => i % 3 === 0).slice(0, quick ? 64 : 256);
  results.encoder = await benchEncoder({ modelDir: config.modelDir, sentences, repeats: quick ? 2 : 5, threads: config.encoder.threads });
}

if (only.has('hnsw')) {
  const dir = join(tmpdir(), `aisle-bench-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const n = Number(values['hnsw-n'] ?? (quick ? 10_000 : 100_000));
  const queryCount = quick ? 100 : 300;
  if (quick) {
    const all = clusteredVectors(n + queryCount, 384, n / 50, 11);
    results.hnsw = benchHnsw({ data: all.slice(0, n), queries: all.slice(n), source: 'synthetic clustered vectors', efSweep: [32, 128], dir });
  } else {
    const all = await realEmbeddings(n + queryCount, config.modelDir);
    results.hnsw = benchHnsw({ data: all.slice(0, n), queries: all.slice(n), source: 'all-MiniLM-L6-v2 int8 embeddings of generated product texts', efSweep: [32, 128], dir });
  }
}

if (only.has('turn')) {
  const dataDir = join(tmpdir(), 'aisle-bench-shop');
  const shopConfig = { ...config, dataDir, databasePath: join(dataDir, 'aisle.db'), indexDir: join(dataDir, 'indexes'), demoShop: true };
  // Shoppers' traffic: the demo's hand-written shopper questions and product requests (tuning
  // halves), one of each in turn: needs, gifts, typos, two questions in one, "do you sell...".
  const texts = (file: string) => readFileSync(join(DEMO_DIR, 'eval', file), 'utf8').trim().split('\n').map((line) => (JSON.parse(line) as { text: string }).text);
  const questions = texts('faq-shopper.tune.jsonl');
  const requests = texts('shopper-requests.tune.jsonl');
  const queries = questions.flatMap((question, i) => [question, requests[i % requests.length]!]);
  const base = { concurrency: Number(values.concurrency), queries };
  const paced = { ...base, turnsPerConversation: quick ? 8 : 30, maxSeconds: quick ? 20 : 60, thinkMs: [500, 1500] as [number, number] };
  // Paced runs repeated and pooled (see summariseTurnRuns): 3 x 600 turns puts the p99 on 18 turns.
  const repeat = Number(values.repeat ?? (quick ? 1 : 3));
  if (!Number.isInteger(repeat) || repeat < 1) throw new Error(`bench: --repeat ${values.repeat}: expected a whole number of runs, at least 1`);
  const saturation = { ...base, turnsPerConversation: quick ? 10 : 30, maxSeconds: quick ? 20 : 60 };
  // The floor under the paced figures on this machine: the same pacing, with turns that need no
  // model and no search (greetings and thanks, answered as small talk), so what is left is HTTP,
  // Direct Line, botbuilder, transcripts and the load client sharing the cores.
  const floor = { ...paced, queries: ['hello', 'thanks', 'hi there', 'thank you', 'bye'] };
  // Each shop is warmed before it is measured, with other messages (the dev halves), so that
  // neither the first mode run nor its first turns pay for loading what every turn reads once
  // (the lexicon, per-shop word tables, compiled code): unwarmed, the serving run, measured
  // first, had its paced p99 10-20 ms above the baseline's with the same turns.
  const warmUp = { concurrency: 4, turnsPerConversation: quick ? 5 : 15, maxSeconds: 30, queries: [...texts('faq-shopper.dev.jsonl'), ...texts('shopper-requests.dev.jsonl')] };
  const run = async (coalesce: boolean) => {
    // No query cache: the load repeats its query list, and cache hits would hide the model's cost.
    const shop = await openShop(shopConfig, { coalesce, queryCacheSize: 0, log: (m) => console.log(`turn: ${m}`) });
    try {
      await benchTurns({ ...warmUp, shop });
      const pacedRuns = [];
      for (let i = 0; i < repeat; i++) pacedRuns.push(await benchTurns({ ...paced, shop }));
      const floorRuns = [];
      if (coalesce) for (let i = 0; i < repeat; i++) floorRuns.push(await benchTurns({ ...floor, shop }));
      const result = {
        paced: summariseTurnRuns(pacedRuns),
        ...(coalesce ? { floor: summariseTurnRuns(floorRuns) } : {}),
        saturation: summariseTurnRuns([await benchTurns({ ...saturation, shop })]),
      };
      const label = coalesce ? 'serving ' : 'baseline';
      for (const [mode, r] of Object.entries(result)) console.log(`turn: ${label} ${mode.padEnd(10)} p50 ${r.p50_ms} ms, p99 ${r.p99_ms} ms (by run: ${r.p99_ms_by_run.join(', ')}), ${r.throughput_per_s} turns/s`);
      return result;
    } finally {
      shop.store.close();
      // The encoder's worker thread would otherwise keep the process alive after the results are written.
      await shop.current().encoder.dispose();
    }
  };
  const serving = await run(true);
  const baseline = await run(false);
  results.turn = {
    ...serving.paced,
    encoder: config.encoder.variant === 'int8' ? 'int8, each text handed to the model at once and run alone' : `${config.encoder.variant}, concurrent queries batched into shared model runs`,
    saturation: serving.saturation,
    floor_small_talk_only: serving.floor,
    baseline_one_call_per_turn: baseline,
    saturation_p99_ratio_baseline_over_serving: round(baseline.saturation.p99_ms / serving.saturation.p99_ms),
  };
}

if (only.has('spelling')) {
  results.spelling = benchSpelling({ words: quick ? 1000 : 3000 });
}

if (only.has('ingest')) {
  results.ingest = await benchIngest({ rows: values['ingest-rows']!.split(',').map(Number), log: (message) => console.error(message) });
}

if (only.has('catalog')) {
  results.catalog = await benchLiveCatalog({ config, seconds: Number(values['catalog-seconds']), log: (message) => console.error(message) });
}

if (only.has('ctr')) {
  if (!values['ctr-model']) throw new Error('bench ctr: pass --ctr-model DIR (a `npm run finetune -- --ctr` output)');
  const requests = readFileSync(join(DEMO_DIR, 'eval/product-requests.report.jsonl'), 'utf8').trim().split('\n').map((line) => (JSON.parse(line) as { text: string }).text);
  results.ctr = await benchCtr({
    ctrModelDir: resolve(values['ctr-model']),
    encoderModelDir: config.modelDir,
    queries: requests.slice(0, quick ? 20 : 100),
    candidates: products.map((p) => productText(p)),
    threads: config.encoder.threads,
    device: config.encoder.device,
  });
}

console.log(JSON.stringify(results, null, 2));
if (values.json) {
  writeFileSync(resolve(values.json), `${JSON.stringify(results, null, 2)}\n`);
  console.log(`wrote ${values.json}`);
}
