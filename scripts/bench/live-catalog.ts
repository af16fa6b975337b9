/**
 * Live catalog changes on the demo shop (1,200 products), through the admin API of a running app:
 *   - one new product uploaded: the request's time (it answers once the product is in search), and
 *     whether the next chat turn finds it, for five products of new kinds;
 *   - 1,000 new products in one NDJSON upload: time and rows/s;
 *   - a full reindex while 20 paced Direct Line conversations chat (the load client of the turn
 *     bench): its seconds, products indexed per second, and the turns' failures and latency,
 *     beside the same load with no reindex (baseline).
 *
 *   await benchLiveCatalog({ config, seconds: 150 })
 */
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createApp } from '../../bot/app.js';
import { unauthenticatedBotFramework, type Config } from '../../bot/config.js';
import { LOAD_GENERATOR_RATES } from '../../bot/limits.js';
import { openShop } from '../../bot/startup.js';
import { generateProducts } from '../demo/generate-products.js';
import { median, percentile, round } from './stats.js';
import type { TurnRun } from './turns.js';

const CLIENT = join(import.meta.dirname, 'load-client.mjs');
const TOKEN = 'bench-admin-token';

/** Five kinds the demo shop does not sell, each with its type given (as a catalog manager would). */
const NEW_KINDS = [
  { type: 'waffle maker', title: 'Hearth & Pine Cast Iron Waffle Maker', category: 'Kitchen & Cookware', price: 44.99 },
  { type: 'hammock', title: 'Northpeak Trail Camping Hammock', category: 'Outdoor & Camping', price: 59.99 },
  { type: 'yoga mat', title: 'Velora Grip Yoga Mat', category: 'Sports & Fitness', price: 34.99 },
  { type: 'umbrella', title: 'Coastline Co. Storm Umbrella', category: 'Bags & Backpacks', price: 24.99 },
  { type: 'picture frame', title: 'Harbor & Pine Home Oak Picture Frame', category: 'Home & Bedding', price: 19.99 },
];

export async function benchLiveCatalog(options: { config: Config; seconds: number; log?: (message: string) => void }) {
  const log = options.log ?? (() => undefined);
  const dataDir = join(tmpdir(), 'aisle-bench-live-catalog');
  rmSync(dataDir, { recursive: true, force: true });
  const shopConfig = { ...options.config, dataDir, databasePath: join(dataDir, 'aisle.db'), indexDir: join(dataDir, 'indexes'), demoShop: true };
  const shop = await openShop(shopConfig, { log: (m) => log(`catalog: ${m}`) });
  const aisle = createApp({ config: { adminToken: TOKEN, botFramework: unauthenticatedBotFramework, limits: { ...LOAD_GENERATOR_RATES, maxUploadBytes: 1024 * 1024 * 1024 } }, log: () => undefined });
  aisle.setShop(shop, shopConfig);
  const server = aisle.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const admin = { authorization: `Bearer ${TOKEN}` };
  const chat = async (text: string) => {
    const started = await (await fetch(`${url}/v3/directline/conversations`, { method: 'POST' })).json();
    const headers = { authorization: `Bearer ${started.token}`, 'content-type': 'application/json' };
    await fetch(`${url}/v3/directline/conversations/${started.conversationId}/activities`, { method: 'POST', headers, body: JSON.stringify({ type: 'message', text, from: { id: 'bench' } }) });
    const got = await (await fetch(`${url}/v3/directline/conversations/${started.conversationId}/activities`, { headers })).json();
    return got.activities.find((a: { from: { role: string } }) => a.from.role === 'bot');
  };
  const load = (seconds: number) =>
    promisify(execFile)(process.execPath, [CLIENT, JSON.stringify({ base: `${url}/v3/directline`, concurrency: 20, turns: 10_000, maxSeconds: seconds, thinkMs: [500, 1500], queries: ['warm waterproof jacket under $150', 'do you ship to Canada?', 'how do returns work?', 'something for a rainy afternoon with kids', 'show me backpacks', 'cheaper', 'in blue'] })], { maxBuffer: 64 * 1024 * 1024, timeout: (seconds + 60) * 1000 }).then(({ stdout }) => JSON.parse(stdout) as TurnRun);
  try {
    const single: { ms: number; found: boolean }[] = [];
    for (const [i, kind] of NEW_KINDS.entries()) {
      const row = { id: `NEW-${i}`, brand: kind.title.split(' ')[0], description: `A ${kind.type}.`, ...kind };
      const begin = performance.now();
      const response = await fetch(`${url}/api/admin/catalog`, { method: 'POST', headers: { ...admin, 'content-type': 'application/json' }, body: JSON.stringify([row]) });
      const ms = performance.now() - begin;
      if (!response.ok) throw new Error(`upload: HTTP ${response.status}: ${await response.text()}`);
      const reply = await chat(`do you sell ${kind.type}s?`);
      single.push({ ms, found: (reply?.channelData?.aisle?.products ?? []).some((p: { id: string }) => p.id === row.id) });
    }
    log(`catalog: single uploads ${single.map((s) => `${Math.round(s.ms)} ms${s.found ? '' : ' (not found)'}`).join(', ')}`);

    const thousand = generateProducts(99, 70).slice(0, 1000).map((product, i) => ({ ...product, id: `BULK-${i}` }));
    const begin = performance.now();
    const bulk = await (await fetch(`${url}/api/admin/catalog`, { method: 'POST', headers: { ...admin, 'content-type': 'application/x-ndjson' }, body: thousand.map((p) => JSON.stringify(p)).join('\n') })).json();
    const bulkMs = performance.now() - begin;
    log(`catalog: 1,000 products in ${Math.round(bulkMs)} ms (${bulk.added} added)`);

    log(`catalog: baseline load, ${options.seconds} s, no reindex`);
    const baseline = await load(options.seconds);
    log(`catalog: the same load with a full reindex started after 5 s`);
    const during = load(options.seconds);
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const started = await fetch(`${url}/api/admin/reindex`, { method: 'POST', headers: admin });
    if (started.status !== 202) throw new Error(`reindex: HTTP ${started.status}: ${await started.text()}`);
    let status: { state: string; seconds?: number; error?: string };
    do {
      await new Promise((resolve) => setTimeout(resolve, 500));
      status = (await (await fetch(`${url}/api/admin/indexes`, { headers: admin })).json()).status;
    } while (status.state !== 'done' && status.state !== 'failed');
    const withReindex = await during;
    const products = shop.current().kb.productCount;
    const turns = (run: TurnRun) => ({ turns: run.latencies.length, failed: run.errors, p50_ms: round(percentile(run.latencies, 50)), p99_ms: round(percentile(run.latencies, 99)) });
    return {
      single_product_upload: { median_ms: round(median(single.map((s) => s.ms))), by_upload_ms: single.map((s) => round(s.ms)), found_in_chat: `${single.filter((s) => s.found).length} of ${single.length}` },
      thousand_products_upload: { ms: round(bulkMs), rows_per_s: round(1000 / (bulkMs / 1000)), added: bulk.added },
      reindex: {
        state: status.state,
        ...(status.error ? { error: status.error } : {}),
        seconds: status.seconds,
        products,
        faq: shop.current().kb.faqCount,
        products_per_s: status.seconds ? round(products / status.seconds) : null,
        load_with_reindex: turns(withReindex),
        load_baseline: turns(baseline),
      },
    };
  } finally {
    aisle.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    shop.store.close();
    await shop.current().encoder.dispose();
  }
}
