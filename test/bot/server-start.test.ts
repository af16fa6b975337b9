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
import { DirectLineClient, openTestShop, ROOT, startFakeChannel, tempDir } from '../helpers.js';

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
    // The channel holds the bot's reply until the test releases it, so a turn is in flight when the signal
    // comes, and stays so while the test checks what the draining server answers: no race with the turn's speed.
    const channel = await startFakeChannel();
    const child = spawn(process.execPath, ['--import', 'tsx', 'bot/server.ts'], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: shop.dataDir, DEMO_SHOP: 'false', PORT: '0', HOST: '127.0.0.1' },
    });
    let output = '';
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const printed = (pattern: RegExp) =>
      new Promise<RegExpExecArray>((resolve, reject) => {
        const read = () => {
          const match = pattern.exec(output);
          if (match) {
            child.stdout.off('data', read);
            child.stderr.off('data', read);
            resolve(match);
          }
        };
        child.stdout.on('data', read);
        child.stderr.on('data', read);
        read();
        void exited.then(() => reject(new Error(`server exited before printing ${pattern}:\n${output}`)));
      });
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    const activity = (id: string, text: string) => ({
      type: 'message', id, text, channelId: 'emulator', serviceUrl: channel.url,
      from: { id: 'user-1' }, recipient: { id: 'bot' }, conversation: { id: 'emulator-conversation-1' },
    });
    const postToChannelRoute = (id: string, text: string) =>
      fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity(id, text)) });
    let base = '';
    try {
      base = `http://127.0.0.1:${(await printed(/ready on http:\/\/localhost:(\d+)/))[1]}`;
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
      const shopper = await new DirectLineClient(base).start();

      const held = channel.holdReplies();
      const inFlight = postToChannelRoute('act-1', 'do you ship to Canada?').then((response) => ({ status: response.status, at: Date.now() }));
      await held.arrived; // the bot has sent its answer: its turn now waits on the channel
      const signalled = Date.now();
      child.kill('SIGTERM');
      await printed(/SIGTERM: draining 1 turn in flight/);

      // Draining: not ready, and a new turn by either route is refused with 503 and Retry-After, its connection closed.
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(503);
      expect((await ready.json()).status).toBe('draining');
      for (const refused of [await shopper.post({ type: 'message', text: 'hello?' }), await postToChannelRoute('act-2', 'hello?')]) {
        expect(refused.status).toBe(503);
        expect(refused.headers.get('retry-after')).toBe('5');
        expect(refused.headers.get('connection')).toBe('close');
      }
      expect(child.exitCode).toBeNull(); // still waiting for the held turn

      held.release();
      const finished = await inFlight;
      expect(finished.status).toBeLessThan(300);
      expect(finished.at).toBeGreaterThan(signalled);
      expect(channel.received.map((r) => r.body.text)).toEqual([expect.stringMatching(/Canada/)]);
      expect(await exited).toBe(0);
      expect(output).toMatch(/SIGTERM: draining 1 turn in flight[\s\S]*stopped/);
      expect(await fetch(`${base}/readyz`).then((r) => r.status, () => 'refused')).toBe('refused');
    } finally {
      clearTimeout(timer);
      child.kill('SIGKILL');
      await channel.close();
    }
  }, 150_000);
});
