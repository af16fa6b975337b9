/**
 * Whole bot turns through the local Direct Line on loopback, driven by a separate load
 * process (load-client.mjs). C conversations at once, bounded in turns and seconds.
 * Latency = POST of the message until its replies are readable (the POST returns after
 * the turn; one GET reads them).
 *   paced:      each shopper waits 0.5–1.5 s between messages (people read and type)
 *   saturation: each sends the next message as soon as the reply is in (closed loop)
 */
import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createApp } from '../../bot/app.js';
import { unauthenticatedBotFramework } from '../../bot/config.js';
import type { Shop } from '../../bot/shop.js';
import { median, percentile, round } from './stats.js';

const CLIENT = fileURLToPath(new URL('./load-client.mjs', import.meta.url));

export interface TurnBenchOptions {
  shop: Shop;
  concurrency: number;
  turnsPerConversation: number;
  maxSeconds: number;
  queries: string[];
  /** [min, max] pause between a reply and the next message; undefined = closed loop. */
  thinkMs?: [number, number];
}

export async function benchTurns(options: TurnBenchOptions) {
  const aisle = createApp({ config: { adminToken: undefined, botFramework: unauthenticatedBotFramework }, log: () => undefined });
  aisle.setShop(options.shop);
  const server = aisle.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v3/directline`;
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [
      CLIENT,
      JSON.stringify({ base, concurrency: options.concurrency, turns: options.turnsPerConversation, maxSeconds: options.maxSeconds, thinkMs: options.thinkMs, queries: options.queries }),
    ], { maxBuffer: 64 * 1024 * 1024, timeout: (options.maxSeconds + 60) * 1000 });
    const run = JSON.parse(stdout) as { latencies: number[]; kinds: Record<string, number>; errors: number; seconds: number };
    return {
      concurrency: options.concurrency,
      mode: options.thinkMs ? `paced: ${options.thinkMs[0]}-${options.thinkMs[1]} ms between messages` : 'saturation: closed loop, no pause',
      turns: run.latencies.length,
      p50_ms: round(median(run.latencies), 1),
      p99_ms: round(percentile(run.latencies, 99), 1),
      throughput_per_s: round(run.latencies.length / run.seconds, 1),
      errors: run.errors,
      reply_kinds: run.kinds,
    };
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}
