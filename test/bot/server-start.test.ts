/**
 * `npm start` as a process: a start that cannot listen says why and exits non-zero, before
 * loading anything, instead of logging "ready" and serving nothing; SIGTERM drains the turns in
 * flight, then exits 0.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DirectLineClient, openTestShop, ROOT, tempDir } from '../helpers.js';

function start(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bot/server.ts'], { cwd: ROOT, env: { ...process.env, DATA_DIR: join(tempDir(), 'data'), ...env } });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    // Bounded: a server that did start would be stopped here, and the test fails on its code.
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('starting the server', () => {
  it('exits 1 naming the reason when its port is taken, and never says it is listening', async () => {
    const taken = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => taken.once('listening', resolve));
    try {
      const { port } = taken.address() as AddressInfo;
      const { code, output } = await start({ PORT: String(port), HOST: '127.0.0.1' });
      expect(code).toBe(1);
      expect(output).toMatch(new RegExp(`failed to start: listen EADDRINUSE: address already in use 127\\.0\\.0\\.1:${port}`));
      expect(output).not.toMatch(/listening on|ready on/);
    } finally {
      taken.close();
    }
  }, 90_000);
});

describe('stopping the server', () => {
  it('on SIGTERM, finishes the turns in flight, refuses new ones with 503, and exits 0', async () => {
    // A shop built and indexed beforehand, so the process only loads it.
    const shop = await openTestShop();
    shop.close();
    const child = spawn(process.execPath, ['--import', 'tsx', 'bot/server.ts'], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: shop.dataDir, DEMO_SHOP: 'false', PORT: '0', HOST: '127.0.0.1' },
    });
    let output = '';
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    try {
      const port = await new Promise<string>((resolve, reject) => {
        const read = (chunk: Buffer) => {
          output += chunk;
          const ready = /ready on http:\/\/localhost:(\d+)/.exec(output);
          if (ready) resolve(ready[1]!);
        };
        child.stdout.on('data', read);
        child.stderr.on('data', read);
        void exited.then(() => reject(new Error(`server exited before it was ready:\n${output}`)));
      });
      const base = `http://127.0.0.1:${port}`;
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
      const shoppers = await Promise.all(Array.from({ length: 8 }, () => new DirectLineClient(base).start()));
      const answered: { status: number; at: number }[] = [];
      const turns = shoppers.map((shopper, i) =>
        shopper.post({ type: 'message', text: ['warm waterproof jacket under $150', 'do you ship to Canada?', 'something for a rainy afternoon with kids'][i % 3] }).then(
          (response) => answered.push({ status: response.status, at: Date.now() }),
          () => answered.push({ status: 0, at: Date.now() }),
        ),
      );
      await new Promise((resolve) => setTimeout(resolve, 15));
      const signalled = Date.now();
      child.kill('SIGTERM');
      await Promise.all(turns);
      // Every turn got an answer, none a dropped connection: those the server had begun finished (some after
      // the signal: the drain waited for them); those it read after the signal were refused with 503, to retry.
      expect(answered.filter((a) => a.status !== 200 && a.status !== 503)).toEqual([]);
      expect(answered.some((a) => a.status === 200 && a.at > signalled), JSON.stringify(answered)).toBe(true);
      const late = await shoppers[0]!.post({ type: 'message', text: 'hello?' }).then((response) => response.status, () => 'refused');
      expect([503, 'refused']).toContain(late);
      expect(await exited).toBe(0);
      expect(output).toMatch(/SIGTERM: draining the turns in flight[\s\S]*stopped/);
    } finally {
      clearTimeout(timer);
      child.kill('SIGKILL');
    }
  }, 150_000);
});
