/**
 * `npm run simulate -- [--sessions N] [--seed S] [--explore SHARE] [--specific SHARE] [--keep DIR] [--json FILE]`
 *
 * Simulated shoppers (scripts/simulate/shoppers.ts) with hidden preferences browse and chat with
 * the real bot over its local Direct Line, on the demo shop, in three arms side by side, each on
 * its own copy of the shop (a fresh event log and click model) and with the same shoppers:
 * 1. no session: every message is a new conversation;
 * 2. session and follow-ups: one conversation per shopper, no click model;
 * 3. session plus online ranking: as 2, with the click model ranking lists, exploring and
 *    learning from every click as the visits go on (turn/ranking.ts).
 * Reported per arm: success@5, turns to the first match, clicks per session, CTR, add-to-cart
 * rate, dwell (simulated), turn latency; and the learning curve over the visits.
 * Only loopback traffic; bounded by the number of sessions and MAX_TURNS messages each.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createApp } from '../bot/app.js';
import { LOAD_GENERATOR_RATES } from '../bot/limits.js';
import { loadConfig, loadDotEnv, unauthenticatedBotFramework } from '../bot/config.js';
import { ShopRanking } from '../turn/ranking.js';
import { Shop } from '../bot/shop.js';
import { openShop, type ShopConfig } from '../bot/startup.js';
import { progressBar } from './progress.js';
import { visit, type VisitOutcome } from './simulate/conversation.js';
import { learningCurve, summariseArm } from './simulate/report.js';
import { mulberry32 } from './seeded-random.js';
import { drawShoppers } from './simulate/shoppers.js';

const USAGE = 'usage: npm run simulate -- [--sessions N (default 200)] [--seed S (default 1)] [--explore SHARE (default 0.1)] [--specific SHARE (default 0.2: the most of their kind a shopper\'s wishes are met by)] [--keep DIR] [--json FILE]';
const { values } = parseArgs({
  options: {
    sessions: { type: 'string', default: '200' },
    seed: { type: 'string', default: '1' },
    explore: { type: 'string', default: '0.1' },
    specific: { type: 'string', default: '0.2' },
    keep: { type: 'string' },
    json: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const sessions = Number(values.sessions);
const seed = Number(values.seed);
const explore = Number(values.explore);
const specific = Number(values.specific);
if (!Number.isInteger(sessions) || sessions < 1 || sessions > 5000) fail(`--sessions must be a whole number from 1 to 5000, got "${values.sessions}"`);
if (!Number.isInteger(seed)) fail(`--seed must be a whole number, got "${values.seed}"`);
if (!(explore >= 0 && explore <= 1)) fail(`--explore must be a share from 0 to 1, got "${values.explore}"`);
if (!(specific > 0 && specific <= 1)) fail(`--specific must be a share above 0 and at most 1, got "${values.specific}"`);

interface Arm {
  name: string;
  session: boolean;
  ranking: boolean;
}
const ARMS: Arm[] = [
  { name: 'no session', session: false, ranking: false },
  { name: 'session + follow-ups', session: true, ranking: false },
  { name: 'session + online ranking', session: true, ranking: true },
];

await loadDotEnv();
const config = loadConfig();
// --keep DIR: each arm's shop (its event log and click model) is left in DIR/arm-N, for `npm run eval -- --ranking --data DIR/arm-3`.
if (values.keep && existsSync(values.keep) && readdirSync(values.keep).length > 0) fail(`--keep ${values.keep}: the folder must be new or empty`);
const built = values.keep ? resolve(values.keep) : mkdtempSync(join(tmpdir(), 'aisle-simulate-'));
const shopConfig = (dir: string): ShopConfig => ({ ...config, dataDir: dir, databasePath: join(dir, 'aisle.db'), indexDir: join(dir, 'indexes'), demoShop: true });
try {
  // The demo shop indexed once; each arm starts from a copy of it.
  const bar = progressBar();
  const first = await openShop(shopConfig(join(built, 'shop')), { warmUp: false, onIndexProgress: ({ index, done, total }) => bar.update(done, total, `indexing ${index}`) });
  const shoppers = drawShoppers(first.current().kb, first.current().vocabulary, sessions, seed, { specificShare: specific });
  // The shop's files are copied next: once the checkpoint worker has let go of them.
  await first.store.close();
  await first.current().encoder.dispose();
  const results: { arm: Arm; outcomes: VisitOutcome[]; learnt?: Record<string, number> }[] = [];
  for (const arm of ARMS) {
    const dir = join(built, `arm-${results.length + 1}`);
    cpSync(join(built, 'shop'), dir, { recursive: true });
    const opened = await openShop(shopConfig(dir), { warmUp: true });
    const shop = new Shop(opened.current(), opened.store, opened.decisionOptions, arm.ranking ? ShopRanking.open(opened.store, { explore, random: mulberry32(seed + 1000) }) : undefined);
    const aisle = createApp({ config: { adminToken: undefined, botFramework: unauthenticatedBotFramework, limits: LOAD_GENERATOR_RATES }, log: () => undefined });
    aisle.setShop(shop);
    const server: Server = aisle.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const random = mulberry32(seed);
    const outcomes: VisitOutcome[] = [];
    try {
      for (const shopper of shoppers) {
        outcomes.push(await visit(shopper, { baseUrl, session: arm.session, kb: shop.current().kb, random }));
        bar.update(outcomes.length, shoppers.length, arm.name);
      }
    } finally {
      aisle.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await opened.store.close();
      await opened.current().encoder.dispose();
    }
    // What the click model learnt, beyond single products: for the report.
    const learnt = shop.ranking ? Object.fromEntries(shop.ranking.ranker.model.weights().filter(([name]) => !name.startsWith('item:')).map(([name, w]) => [name, Number(w.toFixed(3))])) : undefined;
    results.push({ arm, outcomes, ...(learnt ? { learnt } : {}) });
  }
  bar.stop();
  const report = {
    sessions,
    seed,
    explore,
    specific,
    arms: results.map(({ arm, outcomes, learnt }) => ({ name: arm.name, ...summariseArm(outcomes), learningCurve: learningCurve(outcomes, 5), ...(learnt ? { learntWeights: learnt } : {}), visits: outcomes.map((outcome) => ({ kind: shoppers[outcome.shopper]!.kind, said: shoppers[outcome.shopper]!.noun, wishes: shoppers[outcome.shopper]!.preferences, ...outcome })) })),
  };
  const base = report.arms[0]!;
  console.log(`simulate: ${sessions} shoppers (seed ${seed}), wishes met by at most ${specific} of their kind, the same in each arm; demo shop; explore ${explore} in the ranking arm`);
  console.log(`${'arm'.padEnd(26)} success@5  ×arm 1  turns→match  clicks/visit   CTR   cart  dwell s  p50 ms  p99 ms`);
  for (const arm of report.arms) {
    const ratio = base.successAt5 > 0 ? (arm.successAt5 / base.successAt5).toFixed(2) : 'n/a';
    console.log(
      `${arm.name.padEnd(26)} ${arm.successAt5.toFixed(3).padStart(9)}  ${ratio.padStart(6)}  ${String(arm.turnsToFirstMatch).padStart(11)}  ${arm.clicksPerSession.toFixed(2).padStart(12)}  ${arm.ctr.toFixed(3)}  ${arm.addToCartRate.toFixed(2)}  ${String(arm.dwellSecondsMedian).padStart(7)}  ${String(arm.turnP50Ms).padStart(6)}  ${String(arm.turnP99Ms).padStart(6)}`,
    );
  }
  console.log('learning curve (success@5 / CTR per fifth of the visits, in order):');
  for (const arm of report.arms) console.log(`  ${arm.name.padEnd(26)} ${arm.learningCurve.map((point) => `${point.successAt5.toFixed(2)}/${point.ctr.toFixed(3)}`).join('  ')}`);
  for (const arm of report.arms) if (arm.learntWeights) console.log(`weights the click model learnt (${arm.name}): ${Object.entries(arm.learntWeights).map(([name, w]) => `${name} ${w}`).join(', ') || 'none yet'}`);
  if (values.json) writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
} finally {
  if (values.keep) console.log(`simulate: the arms' shops are in ${built}/arm-1 .. arm-3 (npm run eval -- --ranking --data ${built}/arm-3)`);
  else rmSync(built, { recursive: true, force: true });
}

function fail(message: string): never {
  console.error(`simulate: ${message}\n${USAGE}`);
  process.exit(2);
}
