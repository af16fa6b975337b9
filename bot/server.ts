/**
 * `npm start`: serves Aisle on PORT (default 3978). The HTTP server answers at once
 * (/healthz says "loading"); the model and indexes load behind it.
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
  aisle.setShop(shop, config);
  log(`ready on http://localhost:${port}`);

  const stop = () => {
    log('shutting down');
    server.close(() => {
      shop.store.close();
      void (storage?.close() ?? Promise.resolve()).finally(() => process.exit(0));
    });
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error) => {
    console.error(`[aisle] failed to start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
