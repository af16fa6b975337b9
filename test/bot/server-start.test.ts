/**
 * `npm start` as a process: a start that cannot listen says why and exits non-zero, before
 * loading anything, instead of logging "ready" and serving nothing.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers.js';

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
