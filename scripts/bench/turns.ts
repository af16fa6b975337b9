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
import { LOAD_GENERATOR_RATES } from '../../bot/limits.js';
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

/** One load run: every turn's latency, reply kinds and errors. */
export interface TurnRun {
  latencies: number[];
  kinds: Record<string, number>;
  errors: number;
  seconds: number;
  concurrency: number;
  thinkMs?: [number, number] | undefined;
}

/**
 * Percentiles over the turns of several runs of one mode, with each run's p99 beside them: a
 * run's p99 is its few slowest turns (6 of 600), which move by ±15 ms from run to run here, so
 * one run's figure alone says little.
 */
export function summariseTurnRuns(runs: readonly TurnRun[]) {
  const latencies = runs.flatMap((run) => run.latencies);
  const seconds = runs.reduce((sum, run) => sum + run.seconds, 0);
  const kinds: Record<string, number> = {};
  for (const run of runs) for (const [kind, count] of Object.entries(run.kinds)) kinds[kind] = (kinds[kind] ?? 0) + count;
  const { concurrency, thinkMs } = runs[0]!;
  return {
    concurrency,
    mode: thinkMs ? `paced: ${thinkMs[0]}-${thinkMs[1]} ms between messages` : 'saturation: closed loop, no pause',
    runs: runs.length,
    turns: latencies.length,
    p50_ms: round(median(latencies), 1),
    p99_ms: round(percentile(latencies, 99), 1),
    p99_ms_by_run: runs.map((run) => round(percentile(run.latencies, 99), 1)),
    throughput_per_s: round(latencies.length / seconds, 1),
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
    reply_kinds: kinds,
  };
}

export async function benchTurns(options: TurnBenchOptions): Promise<TurnRun> {
  const aisle = createApp({ config: { adminToken: undefined, botFramework: unauthenticatedBotFramework, limits: LOAD_GENERATOR_RATES }, log: () => undefined });
  aisle.setShop(options.shop);
  const server = aisle.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v3/directline`;
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [
      CLIENT,
      JSON.stringify({ base, concurrency: options.concurrency, turns: options.turnsPerConversation, maxSeconds: options.maxSeconds, thinkMs: options.thinkMs, queries: options.queries }),
    ], { maxBuffer: 64 * 1024 * 1024, timeout: (options.maxSeconds + 60) * 1000 });
    const run = JSON.parse(stdout) as TurnRun;
    return { ...run, concurrency: options.concurrency, thinkMs: options.thinkMs };
  } finally {
    aisle.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}
