/**
 * Builds an FAQ-style knowledge base and labelled queries from BANKING77's train.csv
 * (text,category): K phrasings per intent (seeded choice) become the entry's questions;
 * every other query becomes a labelled query. `--remove N` drops N intents (seeded) from
 * the knowledge base and labels their queries `expected: null` (out of scope).
 * `--test-share 0.2` holds out that share of each intent's queries (stratified) as the only
 * labelled queries, and writes the rest as fine-tuning pairs `train-pairs.jsonl`
 * (`{query, faqId}`) and, without labels, as `unlabeled.jsonl` (`{text}`: removed intents'
 * texts too); the K phrasings come from the training part. `--calibration-share 0.1` keeps
 * that share of each intent's training part (from its end, so the phrasings and the test split
 * stay those of a run without it) out of the pairs and the unlabelled messages, as labelled
 * shoppers' questions `calibration.jsonl` (`{text, expected}`; removed intents' `null`) for
 * `npm run eval -- --calibration`: a fine-tuned model's answer threshold is then set on
 * questions it never saw, as FAQ_CALIBRATION_QUERIES does for a shop. `--k all` makes every
 * training text an entry's phrasing (labelled questions added to the FAQ, as the admin app's
 * "add phrasings" does); the test split is the same as with `--k 5`.
 *
 *   npx tsx scripts/eval/banking77.ts --csv ../shared/data/banking77/train.csv --k 5 --out /tmp/b77
 *   npm run eval -- --faq /tmp/b77/faq.json --queries /tmp/b77/queries.jsonl
 *   npx tsx scripts/eval/banking77.ts --csv ../shared/data/banking77/train.csv --k 5 --test-share 0.2 --out /tmp/b77-ft
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseCsv } from 'csv-parse/sync';

const { values } = parseArgs({
  options: { csv: { type: 'string' }, k: { type: 'string', default: '5' }, remove: { type: 'string', default: '0' }, 'test-share': { type: 'string', default: '0' }, 'calibration-share': { type: 'string', default: '0' }, seed: { type: 'string', default: '7' }, out: { type: 'string' } },
});
if (!values.csv || !values.out) {
  console.error('usage: npx tsx scripts/eval/banking77.ts --csv train.csv --out DIR [--k 5] [--remove 0] [--test-share 0] [--calibration-share 0] [--seed 7]');
  process.exit(2);
}
let state = Number(values.seed) >>> 0;
const random = () => ((state = (state * 1664525 + 1013904223) >>> 0) / 4294967296);
const shuffle = <T>(items: T[]): T[] => {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
};

const rows = (parseCsv(readFileSync(values.csv, 'utf8'), { columns: true, bom: true, skip_empty_lines: true, relax_column_count: true }) as Record<string, string>[])
  .filter((row) => row.text !== undefined && row.category !== undefined)
  .map((row) => ({ text: row.text!, category: row.category! }));
const byIntent = new Map<string, string[]>();
for (const row of rows) byIntent.set(row.category, [...(byIntent.get(row.category) ?? []), row.text]);
const intents = shuffle([...byIntent.keys()].sort());
const removed = new Set(intents.slice(0, Number(values.remove)));
// `--k all`: every training text is a phrasing (a knowledge base holding every labelled question).
const k = values.k === 'all' ? Infinity : Number(values.k);
if (!(k >= 1)) throw new Error('--k must be a positive number or all');
if (k === Infinity && !(Number(values['test-share']) > 0)) throw new Error('--k all needs --test-share');
const faq: { id: string; questions: string[]; answer: string }[] = [];
const queries: { text: string; expected: string | null }[] = [];
const trainPairs: { query: string; faqId: string }[] = [];
/** With a test share: every text outside the test split, without its label (`npm run finetune -- --unlabeled`). */
const unlabeled: string[] = [];
const testShare = Number(values['test-share']);
if (!(testShare >= 0 && testShare < 1)) throw new Error('--test-share must be in [0, 1)');
const calibrationShare = Number(values['calibration-share']);
if (!(calibrationShare >= 0 && calibrationShare < 1)) throw new Error('--calibration-share must be in [0, 1)');
if (calibrationShare > 0 && testShare === 0) throw new Error('--calibration-share needs --test-share');
/** Labelled questions held out of training for the answer threshold (`npm run eval -- --calibration`). */
const calibration: { text: string; expected: string | null }[] = [];
const calibrationPart = (texts: string[]) => texts.splice(texts.length - Math.round(texts.length * calibrationShare));
for (const intent of [...byIntent.keys()].sort()) {
  const texts = shuffle([...byIntent.get(intent)!]);
  if (removed.has(intent)) {
    // Out of scope: a shop's message log holds such messages too, so with a test share only
    // the test part is queried and the rest joins the unlabelled messages.
    const test = testShare > 0 ? texts.splice(0, Math.round(texts.length * testShare)) : texts.splice(0);
    queries.push(...test.map((text) => ({ text, expected: null })));
    calibration.push(...calibrationPart(texts).map((text) => ({ text, expected: null })));
    unlabeled.push(...texts);
    continue;
  }
  if (testShare > 0) {
    const test = texts.splice(0, Math.round(texts.length * testShare));
    queries.push(...test.map((text) => ({ text, expected: intent })));
    calibration.push(...calibrationPart(texts).map((text) => ({ text, expected: intent })));
    trainPairs.push(...texts.map((query) => ({ query, faqId: intent })));
    unlabeled.push(...texts);
  } else {
    queries.push(...texts.slice(k).map((text) => ({ text, expected: intent })));
  }
  faq.push({ id: intent, questions: texts.slice(0, k), answer: `Answer for ${intent.replace(/_/g, ' ')}.` });
}
mkdirSync(values.out, { recursive: true });
writeFileSync(join(values.out, 'faq.json'), JSON.stringify(faq, null, 1));
writeFileSync(join(values.out, 'queries.jsonl'), queries.map((q) => JSON.stringify(q)).join('\n') + '\n');
if (trainPairs.length) writeFileSync(join(values.out, 'train-pairs.jsonl'), trainPairs.map((p) => JSON.stringify(p)).join('\n') + '\n');
if (calibration.length) writeFileSync(join(values.out, 'calibration.jsonl'), calibration.map((q) => JSON.stringify(q)).join('\n') + '\n');
if (unlabeled.length) writeFileSync(join(values.out, 'unlabeled.jsonl'), shuffle(unlabeled).map((text) => JSON.stringify({ text })).join('\n') + '\n');
console.log(`${faq.length} entries x ${k === Infinity ? 'all' : k} phrasings, ${queries.length} queries (${queries.filter((q) => q.expected === null).length} out of scope)${trainPairs.length ? `, ${trainPairs.length} training pairs, ${unlabeled.length} unlabelled messages` : ''}${calibration.length ? `, ${calibration.length} calibration questions` : ''} in ${values.out}`);
