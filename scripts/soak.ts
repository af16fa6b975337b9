/**
 * `npm run soak -- --minutes N [--conversations 50] [--json FILE] [--svg FILE]`: holds N minutes of
 * paced shoppers on the demo shop and reports, every `--every` seconds, the server's memory (RSS,
 * V8 heap), the database's size on disk, the conversations and states it holds, and the p50/p99 of
 * the turns in that window. What a soak shows is whether anything grows without bound: each shopper
 * visits for a few turns and leaves, so new conversations keep arriving and idle ones must be
 * swept. The idle timeout is shortened (--idle-minutes, default 2) so that sweeping happens within
 * the run; everything else is the server's default, except the per-client rates (all shoppers come
 * from one loopback address).
 *
 *   npm run soak -- --minutes 30 --json /tmp/soak.json --svg /tmp/soak.svg
 *
 * The server runs in this process (its memory is what is measured); the shoppers in a child process
 * (scripts/soak/shoppers.mjs), sending only to 127.0.0.1.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createApp } from '../bot/app.js';
import { loadConfig, loadDotEnv, unauthenticatedBotFramework } from '../bot/config.js';
import { LOAD_GENERATOR_RATES } from '../bot/limits.js';
import { DEMO_DIR, openShop } from '../bot/startup.js';
import { percentile, round } from './bench/stats.js';
import { memoryCurveSvg, type SoakSample } from './soak/report.js';

const USAGE = 'usage: npm run soak -- --minutes N [--conversations 50] [--every SECONDS (default 30)] [--idle-minutes M (default 2)] [--json FILE] [--svg FILE]';
const { values } = parseArgs({
  options: {
    minutes: { type: 'string' },
    conversations: { type: 'string', default: '50' },
    every: { type: 'string', default: '30' },
    'idle-minutes': { type: 'string', default: '2' },
    json: { type: 'string' },
    svg: { type: 'string' },
  },
});
const fail = (message: string): never => {
  console.error(`soak: ${message}\n${USAGE}`);
  process.exit(2);
};
const minutes = Number(values.minutes);
const conversations = Number(values.conversations);
const every = Number(values.every);
const idleMinutes = Number(values['idle-minutes']);
if (values.minutes === undefined) fail('--minutes is required');
if (!(minutes > 0 && minutes <= 24 * 60)) fail(`--minutes must be above 0 and at most 1440, got "${values.minutes}"`);
if (!Number.isInteger(conversations) || conversations < 1 || conversations > 1000) fail(`--conversations must be a whole number from 1 to 1000, got "${values.conversations}"`);
if (!(every >= 1)) fail(`--every must be at least 1 second, got "${values.every}"`);
if (!(idleMinutes > 0)) fail(`--idle-minutes must be above 0, got "${values['idle-minutes']}"`);

await loadDotEnv();
const config = loadConfig();
const dataDir = join(tmpdir(), 'aisle-soak-shop');
const shopConfig = { ...config, dataDir, databasePath: join(dataDir, 'aisle.db'), indexDir: join(dataDir, 'indexes'), demoShop: true };
const shop = await openShop(shopConfig, { log: (message) => console.log(`soak: ${message}`) });
const idleConversationMs = idleMinutes * 60_000;
const aisle = createApp({
  config: { adminToken: undefined, botFramework: unauthenticatedBotFramework, limits: { ...LOAD_GENERATOR_RATES, idleConversationMs, sweepIntervalMs: Math.min(60_000, idleConversationMs / 4) } },
  log: (message, error) => console.error(`soak: ${message}`, error ?? ''),
});
aisle.setShop(shop, shopConfig);
const server = aisle.app.listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v3/directline`;

// The demo's hand-written shopper questions and requests (tuning halves), as the turn bench uses.
const texts = (file: string) => readFileSync(join(DEMO_DIR, 'eval', file), 'utf8').trim().split('\n').map((line) => (JSON.parse(line) as { text: string }).text);
const queries = [...texts('faq-shopper.tune.jsonl'), ...texts('shopper-requests.tune.jsonl')];

const dbBytes = () => ['', '-wal'].reduce((sum, suffix) => sum + (existsSync(shopConfig.databasePath + suffix) ? statSync(shopConfig.databasePath + suffix).size : 0), 0);
const mb = (bytes: number) => round(bytes / 2 ** 20, 1);

const samples: SoakSample[] = [];
let window: { ms: number; ok: boolean }[] = [];
let turns = 0;
let failed = 0;
const started = Date.now();
const sample = () => {
  const memory = process.memoryUsage();
  const latencies = window.map((turn) => turn.ms);
  const point: SoakSample = {
    minute: round((Date.now() - started) / 60_000, 2),
    rss_mb: mb(memory.rss),
    heap_mb: mb(memory.heapUsed),
    external_mb: mb(memory.external + memory.arrayBuffers),
    db_mb: mb(dbBytes()),
    conversations_held: aisle.directLine.conversationCount,
    states_held: aisle.conversationStates() ?? null,
    turns: window.length,
    failed: window.filter((turn) => !turn.ok).length,
    p50_ms: latencies.length ? round(percentile(latencies, 50), 1) : null,
    p99_ms: latencies.length ? round(percentile(latencies, 99), 1) : null,
  };
  samples.push(point);
  window = [];
  console.log(
    `${String(point.minute).padStart(6)} min  rss ${point.rss_mb} MB  heap ${point.heap_mb} MB  db ${point.db_mb} MB  conversations ${point.conversations_held} (states ${point.states_held})  ` +
      `turns ${point.turns} (failed ${point.failed})  p50 ${point.p50_ms} ms  p99 ${point.p99_ms} ms`,
  );
};

console.log(`soak: ${conversations} paced shoppers for ${minutes} min on ${shop.current().kb.productCount} products; a sample every ${every} s (idle conversations dropped after ${idleMinutes} min)`);
sample();
const timer = setInterval(sample, every * 1000);
const shoppers = spawn(process.execPath, [
  fileURLToPath(new URL('./soak/shoppers.mjs', import.meta.url)),
  JSON.stringify({ base, conversations, minutes, thinkMs: [2000, 6000], turnsPerVisit: [3, 10], queries }),
], { stdio: ['ignore', 'pipe', 'inherit'] });
for await (const line of createInterface({ input: shoppers.stdout })) {
  const turn = JSON.parse(line) as { ms: number; ok: boolean; kind: string };
  window.push(turn);
  turns++;
  if (!turn.ok) failed++;
}
const code = await new Promise<number | null>((resolve) => (shoppers.exitCode !== null ? resolve(shoppers.exitCode) : shoppers.once('exit', resolve)));
clearInterval(timer);
if (window.length) sample();

const after = samples.slice(Math.floor(samples.length / 4));
const summary = {
  minutes,
  conversations,
  idle_minutes: idleMinutes,
  turns,
  failed,
  shoppers_exit_code: code,
  rss_mb: { first: samples[0]!.rss_mb, max: Math.max(...samples.map((s) => s.rss_mb)), last: samples.at(-1)!.rss_mb },
  // After the first quarter (the warm-up: caches filling), how much RSS and heap still grew.
  growth_after_warm_up_mb: { rss: round(after.at(-1)!.rss_mb - after[0]!.rss_mb, 1), heap: round(after.at(-1)!.heap_mb - after[0]!.heap_mb, 1), db: round(after.at(-1)!.db_mb - after[0]!.db_mb, 1) },
  p99_ms_by_window: samples.map((s) => s.p99_ms),
  samples,
};
console.log(JSON.stringify({ ...summary, samples: undefined, p99_ms_by_window: undefined }, null, 2));
if (values.json) {
  writeFileSync(values.json, `${JSON.stringify(summary, null, 2)}\n`);
  console.log(`wrote ${values.json}`);
}
if (values.svg) {
  writeFileSync(values.svg, memoryCurveSvg(samples, `Aisle soak: ${conversations} paced shoppers, ${minutes} min, ${turns.toLocaleString('en-US')} turns`));
  console.log(`wrote ${values.svg}`);
}
aisle.close();
server.closeAllConnections();
await new Promise((resolve) => server.close(resolve));
shop.store.close();
// The encoder's worker thread would otherwise keep the process alive after the report is written.
await shop.current().encoder.dispose();
process.exitCode = code === 0 && failed === 0 ? 0 : 1;
