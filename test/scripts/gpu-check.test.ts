/**
 * `npm run gpu:check`: one JSON line on stdout, exit 0 with or without a GPU. Without one, the
 * rehearsal runs every stage on the CPU (fine-tune, export with its parity gate, the bot
 * encoder's speed, the Python ONNX Runtime bench), so the GPU path is not first run on a GPU.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

const run = promisify(execFile);
const gpuCheck = (args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'scripts/gpu-check.ts', ...args], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024, timeout: 600_000 });

function oneJsonLine(stdout: string): Record<string, any> {
  const lines = stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!);
}

describe('npm run gpu:check', () => {
  it('says whether torch sees a GPU, in one JSON line, and exits 0 either way', async () => {
    const { stdout } = await gpuCheck(['--steps', '30', '--seconds', '2']);
    const report = oneJsonLine(stdout);
    if (report.gpu) {
      // On a CUDA machine: the short fine-tune ran there, in bf16 or fp16, and exported.
      expect(report.training.cuda).toMatchObject({ steps: 30, precision: expect.stringMatching(/^(bfloat16|float16)$/), parity: { fp32: true, int8: true } });
      expect(report.training.cuda.pairsPerSecond).toBeGreaterThan(0);
    } else {
      expect(report.reason).toMatch(/sees no CUDA device/);
      expect(report.training).toBeUndefined();
    }
  }, 600_000);

  it('rehearses every stage on the CPU: fine-tune, export through the parity gate, inference speed', async () => {
    const { stdout } = await gpuCheck(['--rehearse']);
    const report = oneJsonLine(stdout);
    expect(report.rehearsal).toBe(true);
    for (const stage of ['cuda', 'cpu']) {
      expect(report.training[stage]).toMatchObject({ steps: 3, precision: 'fp32', parity: { fp32: true, int8: true } });
      expect(report.training[stage].pairsPerSecond).toBeGreaterThan(0);
    }
    expect(report.inference.node.cpu).toBeGreaterThan(0);
    // Where the CUDA provider cannot load, the reason is reported instead of a figure.
    expect(report.inference.node.cuda ?? report.inference.node.cudaError).toBeDefined();
    if (!report.gpu) expect(report.inference.node.cudaError).toMatch(/CUDA execution provider could not be loaded/);
    expect(report.inference.python.ortCpu).toBeGreaterThan(0);
  }, 600_000);
});
