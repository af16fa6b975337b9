/**
 * `npm run eval -- --faq FAQ.json --queries Q.jsonl [--model DIR] [--json OUT.json]`:
 * builds temporary indexes from the given FAQ (DATA_DIR is not touched), runs every
 * labelled query through the bot's own decision code (`decide()`), and reports top-1
 * (abstaining on an in-scope query counts as wrong), recall@3, MRR, out-of-scope
 * precision/recall/F1 (queries with `expected: null`), latency and the most confused pairs.
 *
 *   npm run eval -- --faq kb.json --queries queries.jsonl --json eval.json
 *   # { "n": 9503, "top1": 0.71, "recall_at_3": 0.86, ... }
 *
 * Not done yet (issue 3): products (`--products`, recall@k, nDCG@10) and the HTML report.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { decide } from '../bot/decide.js';
import { loadConfig, loadDotEnv } from '../bot/config.js';
import { openShop } from '../bot/startup.js';
import { CatalogStore, ingestFile, readRecords } from '../catalog/index.js';
import { faqMetrics, type QueryOutcome } from '../nlu/index.js';
import { progressBar } from './progress.js';

const { values } = parseArgs({
  options: { faq: { type: 'string' }, queries: { type: 'string' }, model: { type: 'string' }, json: { type: 'string' } },
});
if (!values.faq || !values.queries) {
  console.error('usage: npm run eval -- --faq FAQ.json --queries QUERIES.jsonl [--model DIR] [--json OUT.json]');
  process.exit(2);
}
await loadDotEnv();
const config = loadConfig();
const queries = readRecords(readFileSync(values.queries, 'utf8'), 'ndjson').map((record) => {
  const value = record.value as { text?: unknown; expected?: unknown } | undefined;
  if (record.error || typeof value?.text !== 'string' || !(typeof value.expected === 'string' || value.expected === null)) {
    console.error(`eval: ${values.queries}: line ${record.line}: expected {"text": string, "expected": string | null}${record.error ? ` (${record.error})` : ''}`);
    process.exit(2);
  }
  return { text: value.text, expected: value.expected as string | null };
});

const dir = mkdtempSync(join(tmpdir(), 'aisle-eval-'));
try {
  const store = CatalogStore.open(join(dir, 'aisle.db'));
  const report = ingestFile(store, 'faq', values.faq);
  store.close();
  if (report.rejected.length) console.warn(`eval: ${report.rejected.length} FAQ rows rejected, first: line ${report.rejected[0]!.line}: ${report.rejected[0]!.reason}`);
  const bar = progressBar();
  const shop = await openShop(
    { ...config, databasePath: join(dir, 'aisle.db'), indexDir: join(dir, 'indexes'), demoShop: false, ...(values.model ? { modelDir: resolve(values.model) } : {}) },
    { onIndexProgress: ({ index, done, total }) => bar.update(done, total, `indexing ${index}`) },
  );
  const services = shop.current();
  const outcomes: QueryOutcome[] = [];
  for (const [i, query] of queries.entries()) {
    const started = performance.now();
    const decision = await decide(query.text, { ...services, options: shop.decisionOptions });
    const latencyMs = performance.now() - started;
    // The same vector again (cached): the full ranking, for recall@3 and MRR.
    const [vector] = await services.encoder.embed([query.text.trim() || ' ']);
    const ranked = services.kb.searchFaq(vector!, 10).map((hit) => hit.entry.id);
    outcomes.push({ expected: query.expected, answered: decision.kind === 'faq' ? decision.entry.id : undefined, ranked, latencyMs });
    bar.update(i + 1, queries.length, 'evaluating');
  }
  bar.stop();
  const metrics = faqMetrics(outcomes);
  const round = (x: number) => Math.round(x * 10000) / 10000;
  const output = {
    n: metrics.n,
    top1: round(metrics.top1),
    recall_at_3: round(metrics.recall_at_3),
    mrr: round(metrics.mrr),
    oos: metrics.oos && { precision: round(metrics.oos.precision), recall: round(metrics.oos.recall), f1: round(metrics.oos.f1) },
    latency_ms: { p50: round(metrics.latency_ms.p50), p99: round(metrics.latency_ms.p99) },
    confused: metrics.confused,
  };
  console.log(JSON.stringify(output, null, 2));
  if (values.json) writeFileSync(values.json, `${JSON.stringify(output, null, 2)}\n`);
  shop.store.close();
  await services.encoder.dispose();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
