/**
 * Shared test fixtures on real components: the real encoder from models/, a real SQLite
 * store in a temp dir, real HNSW indexes, and a real server on a loopback port.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Storage } from 'botbuilder';
import express from 'express';
import { createApp, type AisleApp } from '../bot/app.js';
import { unauthenticatedBotFramework, type Config } from '../bot/config.js';
import { LOAD_GENERATOR_RATES, type Limits } from '../bot/limits.js';
import { openShop, type ShopConfig } from '../bot/startup.js';
import type { Shop } from '../bot/shop.js';
import { CatalogStore, ingestText, type FaqEntry, type Need, type Product } from '../catalog/index.js';
import { OnnxEncoder, type EncoderVariant } from '../nlu/index.js';

export const ROOT = resolve(import.meta.dirname, '..');
export const MODEL_DIR = resolve(process.env.MODEL_DIR ?? join(ROOT, 'models/all-MiniLM-L6-v2'));

export function requireModel(): string {
  if (!existsSync(join(MODEL_DIR, 'onnx/model.onnx'))) {
    throw new Error(`tests need the model in ${MODEL_DIR}: run \`npm run model:pull\` first`);
  }
  return MODEL_DIR;
}

export function loadEncoder(variant: EncoderVariant = 'int8'): Promise<OnnxEncoder> {
  return OnnxEncoder.load({ modelDir: requireModel(), variant });
}

/** A fresh directory under the run's temporary root, which global setup removes at the end. */
export function tempDir(prefix = 'aisle-test-'): string {
  return mkdtempSync(join(process.env.AISLE_TEST_TMP ?? tmpdir(), prefix));
}

export const demoFaq: FaqEntry[] = JSON.parse(readFileSync(join(ROOT, 'demo/faq.json'), 'utf8'));
export const demoProducts: Product[] = JSON.parse(readFileSync(join(ROOT, 'demo/products.json'), 'utf8'));
export const demoNeeds: Need[] = JSON.parse(readFileSync(join(ROOT, 'demo/needs.json'), 'utf8'));

/**
 * A smaller demo shop (all FAQ entries, every 4th product: 300 over all 15 categories)
 * so each test file builds its indexes in seconds.
 */
export function smallDemoProducts(): Product[] {
  return demoProducts.filter((_, i) => i % 4 === 0);
}

export interface TestShop {
  shop: Shop;
  dataDir: string;
  config: ShopConfig;
  close(): void;
}

/** Like the demo shop: its FAQ, a quarter of its products, and its needs file (needs whose type has no product here are skipped). */
export async function openTestShop(products: Product[] = smallDemoProducts(), faq: FaqEntry[] = demoFaq, needs: Need[] = demoNeeds, variant: EncoderVariant = 'int8'): Promise<TestShop> {
  const dataDir = tempDir();
  const store = CatalogStore.open(join(dataDir, 'aisle.db'));
  ingestText(store, 'faq', JSON.stringify(faq), 'json');
  ingestText(store, 'products', JSON.stringify(products), 'json');
  ingestText(store, 'needs', JSON.stringify(needs), 'json');
  store.close();
  const config: ShopConfig = {
    dataDir,
    databasePath: join(dataDir, 'aisle.db'),
    indexDir: join(dataDir, 'indexes'),
    modelDir: requireModel(),
    encoder: { variant, device: 'cpu', threads: 0, maxSequenceLength: 256 },
    demoShop: false,
    decision: {},
  };
  // No warm-up: tests open many shops, and bot/warm-up.ts has its own test.
  const shop = await openShop(config, { warmUp: false });
  return { shop, dataDir, config, close: () => shop.store.close() };
}

export interface TestServer {
  url: string;
  dataDir: string;
  config: ShopConfig;
  aisle: AisleApp;
  shop: Shop;
  close(): Promise<void>;
}

export const ADMIN_TOKEN = 'test-admin-token-123';

export async function startTestServer(
  options: {
    botFramework?: Partial<Record<string, string>>;
    storage?: Storage;
    limits?: Partial<Limits>;
    channels?: Partial<Config['channels']>;
    /** The shop's own origins (SHOP_ORIGINS). */
    shopOrigins?: string[];
    /** Instead of the test shop's products and FAQ (a quarter of the demo shop's products, all its FAQ). */
    products?: Product[];
    faq?: FaqEntry[];
  } = {},
): Promise<TestServer> {
  const testShop = await openTestShop(options.products, options.faq);
  const aisle = createApp({
    config: {
      adminToken: ADMIN_TOKEN,
      botFramework: { ...unauthenticatedBotFramework, ...options.botFramework },
      // A test file drives its conversations from one address; the tests of the limits pass their own.
      limits: { ...LOAD_GENERATOR_RATES, ...options.limits },
      ...(options.channels ? { channels: { allowUnauthenticated: false, serviceUrlHosts: [], ...options.channels } } : {}),
      ...(options.shopOrigins ? { shopOrigins: options.shopOrigins } : {}),
    },
    ...(options.storage ? { storage: options.storage } : {}),
    log: () => undefined,
  });
  aisle.setShop(testShop.shop, testShop.config);
  const server = aisle.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    dataDir: testShop.dataDir,
    config: testShop.config,
    aisle,
    shop: testShop.shop,
    close: () =>
      new Promise((resolve) => {
        aisle.close();
        server.closeAllConnections();
        server.close(() => {
          testShop.close();
          resolve();
        });
      }),
  };
}

export { DirectLineClient } from '../scripts/simulate/direct-line-client.js';

/**
 * A real Redis for the tests that need one: the one `.ci/run` starts (AISLE_TEST_REDIS_URL), or a
 * `redis-server` from PATH started on a free loopback port for this test file, without persistence.
 */
export async function startRedis(): Promise<{ url: string; stop(): Promise<void> }> {
  const given = process.env.AISLE_TEST_REDIS_URL;
  if (given) return { url: given, stop: async () => undefined };
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const failed = new Promise<never>((_, reject) => child.once('error', (error) => reject(new Error(`cannot start redis-server (apt-get install redis-server, or set AISLE_TEST_REDIS_URL): ${error.message}`))));
  const ready = (async () => {
    for (let attempt = 0; attempt < 100; attempt++) {
      const answered = await new Promise<boolean>((resolve) => {
        const socket = connect(port, '127.0.0.1');
        socket.once('data', (data) => { socket.destroy(); resolve(data.toString().startsWith('+PONG')); });
        socket.once('error', () => resolve(false));
        socket.once('connect', () => socket.write('PING\r\n'));
      });
      if (answered) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`redis-server on port ${port} did not answer PING in 5 s`);
  })();
  await Promise.race([ready, failed]);
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () => new Promise((resolve) => { child.once('exit', () => resolve()); child.kill('SIGTERM'); }),
  };
}

/**
 * A Bot Framework channel service on loopback: what cannot run here (the cloud channel) played by a
 * small server that records every reply the bot sends it, whatever its route.
 */
export interface FakeChannel {
  url: string;
  port: number;
  received: { method: string; path: string; body: any }[];
  /**
   * From now on, the channel takes each reply but answers it only on release(): the bot's turn
   * stays in flight meanwhile, as it does with a slow channel. `arrived` resolves with the first
   * reply held.
   */
  holdReplies(): { arrived: Promise<void>; release(): void };
  close(): Promise<void>;
}

export async function startFakeChannel(): Promise<FakeChannel> {
  const received: FakeChannel['received'] = [];
  let hold: { arrived: () => void; released: Promise<void> } | undefined;
  const app = express();
  app.use(express.json({ limit: '5mb' }));
  app.use(async (req, res) => {
    received.push({ method: req.method, path: req.path, body: req.body });
    const id = `channel-reply-${received.length}`;
    if (hold) {
      hold.arrived();
      await hold.released;
    }
    res.json({ id });
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    received,
    holdReplies: () => {
      let arrived!: () => void;
      let release!: () => void;
      const first = new Promise<void>((resolve) => (arrived = resolve));
      const released = new Promise<void>((resolve) => (release = resolve));
      hold = { arrived, released };
      return {
        arrived: first,
        release: () => {
          hold = undefined;
          release();
        },
      };
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Debian's chromium (or CHROMIUM_PATH) for the browser tests, if this machine has one. */
export const CHROMIUM_PATH: string | undefined = (() => {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
})();
// CI installs Chromium (.ci/run); a developer without it gets a skipped test, not a false failure.
export const RUN_BROWSER_TESTS = Boolean(CHROMIUM_PATH) || process.env.CI === 'true';
