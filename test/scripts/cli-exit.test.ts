/**
 * Issue 11, finding 5: `npm run bench` wrote its results and never exited (its turn benchmark
 * closed the shop's store but not the encoder's worker thread). Each command-line entry point runs
 * here as its own process on small input and must exit 0 by itself, soon after its last line.
 * `eval` and `finetune` are run the same way, awaited to their exit, in eval.test.ts and
 * finetune.test.ts.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, smallDemoProducts, tempDir } from '../helpers.js';

interface Run {
  /** null when the process had to be killed: it did not exit by itself. */
  code: number | null;
  output: string;
  /** Milliseconds from the last line of output to the exit. */
  lingered: number;
}

/** Runs `tsx script args`; a process still alive after `deadlineMs` is killed and reported with code null. */
function runCli(script: string, args: string[], env: Record<string, string>, deadlineMs: number): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    let output = '';
    let lastOutput = Date.now();
    const collect = (chunk: Buffer) => {
      output += chunk;
      lastOutput = Date.now();
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, deadlineMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code: killed ? null : code, output, lingered: Date.now() - lastOutput });
    });
  });
}

/** What "exits by itself" allows between the last line and the exit: closing files and threads, no waiting. */
const PROMPT_EXIT_MS = 5_000;

describe('every command-line entry point exits by itself when its work is done', () => {
  it('ingest', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'products.json'), JSON.stringify(smallDemoProducts().slice(0, 20)));
    const run = await runCli('scripts/ingest.ts', ['--products', join(dir, 'products.json')], { DATA_DIR: join(dir, 'data') }, 60_000);
    expect(run.output).toMatch(/products: 20 of 20 rows/);
    expect(run.code, run.output).toBe(0);
    expect(run.lingered).toBeLessThan(PROMPT_EXIT_MS);
  }, 90_000);

  it('bench, with the turn benchmark that left its encoder thread running', async () => {
    const dir = tempDir();
    const run = await runCli('scripts/bench.ts', ['--quick', '--only', 'turn', '--repeat', '1', '--json', join(dir, 'bench.json')], {}, 300_000);
    expect(run.output).toMatch(/wrote .*bench\.json/);
    expect(run.code, run.output.slice(-2000)).toBe(0);
    expect(run.lingered).toBeLessThan(PROMPT_EXIT_MS);
  }, 330_000);

  it('simulate', async () => {
    const dir = tempDir();
    const run = await runCli('scripts/simulate.ts', ['--sessions', '2', '--json', join(dir, 'simulate.json')], {}, 300_000);
    expect(run.output).toMatch(/success@5/);
    expect(run.code, run.output.slice(-2000)).toBe(0);
    expect(run.lingered).toBeLessThan(PROMPT_EXIT_MS);
  }, 330_000);
});
