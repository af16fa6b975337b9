/**
 * `npm start`: serves Aisle on PORT (default 3978). The HTTP server answers at once
 * (/healthz: alive; /readyz: 503 "loading"); the model and indexes load behind it. SIGTERM or
 * SIGINT drains: turns in flight finish, new ones get 503, then the process exits 0.
 *
 *   npm start   # -> Aisle on http://localhost:3978 — open it in a browser
 */
import { createServer, type Server } from 'node:http';
import { createApp } from './app.js';
import { loadConfig, loadDotEnv } from './config.js';
import { RedisStorage } from './redis-storage.js';
import { openShop } from './startup.js';

export async function main(): Promise<void> {
  await loadDotEnv();
  const config = loadConfig();
  const log = (message: string) => console.log(`[aisle] ${message}`);
  // Sessions in Redis when REDIS_URL is set (a restart or another replica keeps the conversation), else in memory.
  const storage = config.redisUrl ? await RedisStorage.connect(config.redisUrl) : undefined;
  if (storage) log(`conversation state in Redis at ${new URL(config.redisUrl!).host}`);
  const aisle = createApp({ config, ...(storage ? { storage } : {}), log: (message, error) => (error ? console.error(`[aisle] ${message}`, error) : log(message)) });
  // A plain http.Server: Express 5's app.listen calls its callback on a listen error too, so a taken
  // port or an unresolvable HOST was logged as "listening" and the process stayed up serving nothing.
  const server: Server = createServer(aisle.app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  log(`listening on http://localhost:${port} (loading the shop...)`);
  if (!config.adminToken) log('ADMIN_TOKEN is not set: /api/transcripts answers 401 until it is');
  if (!config.botFramework.MicrosoftAppId) {
    log(
      config.channels.allowUnauthenticated
        ? 'WARNING: ALLOW_UNAUTHENTICATED_CHANNELS=true and no MicrosoftAppId: /api/messages accepts activities from anyone who can reach this port'
        : 'no MicrosoftAppId: /api/messages serves only this machine (the Emulator); the page\'s chat uses the local Direct Line',
    );
  }

  // Set before the shop loads: a stop during a long index build must not wait for it.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    const inFlight = aisle.turnsInFlight();
    log(`${signal}: draining ${inFlight === 1 ? '1 turn' : `${inFlight} turns`} in flight`);
    // A turn that never ends must not keep the process up: exit after DRAIN_MS regardless.
    setTimeout(() => {
      log('drain timed out; exiting');
      process.exit(0);
    }, DRAIN_MS).unref();
    void aisle
      .drain()
      .then(() => new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Idle keep-alive sockets (a page's polling) would hold server.close open.
        server.closeIdleConnections();
      }))
      .then(() => {
        aisle.close();
        aisle.shop()?.store.close();
        return storage?.close();
      })
      .finally(() => {
        log('stopped');
        process.exit(0);
      });
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));

  let lastLogged = -1;
  const shop = await openShop(config, {
    log,
    onIndexProgress: ({ index, done, total }) => {
      const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
      if (percent === 100 || percent >= lastLogged + 10 || percent < lastLogged) {
        lastLogged = percent;
        log(`indexing ${index}: ${done}/${total} (${percent}%)`);
      }
    },
  });
  if (stopping) {
    shop.store.close();
    return;
  }
  aisle.setShop(shop, config);
  log(`ready on http://localhost:${port}`);
}

/** The longest a stop waits for turns in flight. */
const DRAIN_MS = 10_000;

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error) => {
    console.error(`[aisle] failed to start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
