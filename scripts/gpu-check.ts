/**
 * `npm run gpu:check`: what a CUDA GPU buys Aisle, measured in one short run (a few minutes on a
 * GPU machine). Prints ONE JSON line on stdout; progress goes to stderr.
 *
 *   1. torch sees a CUDA device? If not, it says so (`{"gpu": false, "reason": …}`) and exits 0.
 *   2. Fine-tunes the default encoder on the demo FAQ with `npm run finetune` on CUDA (bf16
 *      autocast, or fp16 where the GPU has no bf16) and, for the ratio, a few steps on the CPU;
 *      both export to ONNX through the parity gate. Reports training pairs/s.
 *   3. Inference sentences/s of the exported model: the bot's own encoder (onnxruntime-node) on
 *      CUDA where its CUDA provider is installed, and ONNX Runtime's CUDA provider in Python
 *      (onnxruntime-gpu, in its own environment .venv-ort-gpu), each against the CPU.
 *
 *   npm run gpu:check                  # {"gpu":true,"device":"NVIDIA H200",...,"training":{"cuda":{"pairsPerSecond":…}},...}
 *   npm run gpu:check -- --steps 100   # fewer CUDA training steps (default 300)
 *   npm run gpu:check -- --rehearse    # the whole path on the CPU, in about two minutes: how CI tests it without a GPU
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { OnnxEncoder } from '../nlu/index.js';
import { ensureModelVenv, venvPython } from './model-pull.js';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..');
const BASE = join(ROOT, 'models/all-MiniLM-L6-v2');
/** onnxruntime-gpu built for the CUDA 12 / cuDNN 9 libraries that the toolchain's torch brings. */
const ORT_GPU = ['onnxruntime-gpu==1.20.1', 'numpy==2.2.3', 'tokenizers==0.21.0'];
const SENTENCES = [
  'where is my order', 'can I pay with paypal', 'a warm jacket under $100 in navy', 'do you ship to ireland',
  'the zip on my backpack broke after two weeks, can I get it repaired or replaced?', 'refund still not in my account',
  "Men's waterproof hiking boots, size 10, brown leather, for long walks in the rain", 'is the wool itchy',
];

// stdout carries the one JSON line; everything else the helpers print (the toolchain's install
// messages) goes to stderr with the progress.
const printResult = console.log.bind(console);
console.log = console.error;

const { values } = parseArgs({
  options: { steps: { type: 'string', default: '300' }, seconds: { type: 'string', default: '10' }, rehearse: { type: 'boolean', default: false } },
});
const log = (message: string) => console.error(`gpu:check: ${message}`);

interface Probe {
  cuda: boolean;
  torch: string;
  torchCuda: string | null;
  device?: string;
  bf16?: boolean;
  memoryGiB?: number;
}

async function probe(python: string): Promise<Probe> {
  const script = [
    'import json, torch',
    'p = {"cuda": torch.cuda.is_available(), "torch": torch.__version__, "torchCuda": torch.version.cuda}',
    'if p["cuda"]:',
    '    p.update(device=torch.cuda.get_device_name(0), bf16=torch.cuda.is_bf16_supported(),',
    '             memoryGiB=round(torch.cuda.get_device_properties(0).total_memory / 2**30, 1))',
    'print(json.dumps(p))',
  ].join('\n');
  const { stdout } = await run(python, ['-c', script]);
  return JSON.parse(stdout) as Probe;
}

async function finetune(device: 'cuda' | 'cpu', steps: number, out: string): Promise<Record<string, unknown>> {
  log(`fine-tuning ${steps} steps on ${device}`);
  await run(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/finetune.ts'), '--faq', join(ROOT, 'demo/faq.json'), '--base', BASE,
    '--out', out, '--device', device, '--max-steps', String(steps), '--batch', '64', '--epochs', '100'], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
  const { training, parity } = manifest;
  return {
    steps: training.steps, pairsPerSecond: training.pairs_per_s, precision: training.precision, trainSeconds: training.seconds,
    wallSeconds: training.wallSeconds, parity: { fp32: parity?.fp32?.passed ?? null, int8: parity?.int8?.passed ?? null },
  };
}

/** Sentences/s of the bot's encoder on a device: batches of 64, fp32, for `seconds`. */
async function nodeSentencesPerSecond(modelDir: string, device: 'cuda' | 'cpu', seconds: number): Promise<number> {
  const encoder = await OnnxEncoder.load({ modelDir, variant: 'fp32', device, maxBatchSize: 64 });
  try {
    const batch = Array.from({ length: 64 }, (_, i) => SENTENCES[i % SENTENCES.length]!);
    await encoder.embed(batch);
    let done = 0;
    const started = performance.now();
    while (performance.now() - started < seconds * 1000) {
      await encoder.embed(batch);
      done += batch.length;
    }
    return Math.round((done / ((performance.now() - started) / 1000)) * 10) / 10;
  } finally {
    await encoder.dispose();
  }
}

/** The model venv's CUDA libraries (pip's nvidia-* packages, brought by torch), for onnxruntime-gpu to load. */
function nvidiaLibraryPath(modelVenv: string): string {
  const lib = join(modelVenv, 'lib');
  const python = existsSync(lib) ? readdirSync(lib).find((name) => name.startsWith('python')) : undefined;
  const nvidia = python ? join(lib, python, 'site-packages/nvidia') : '';
  if (!nvidia || !existsSync(nvidia)) return '';
  return readdirSync(nvidia).map((name) => join(nvidia, name, 'lib')).filter(existsSync).join(':');
}

async function pythonOrtCuda(modelDir: string, modelVenv: string, seconds: number): Promise<Record<string, unknown>> {
  const venv = resolve(ROOT, process.env.ORT_GPU_VENV ?? '.venv-ort-gpu');
  const python = venvPython(venv);
  if (!existsSync(python)) {
    log(`creating ${venv} with ${ORT_GPU.join(', ')}`);
    await run(process.env.PYTHON ?? 'python3', ['-m', 'venv', venv]);
  }
  await run(python, ['-m', 'pip', 'install', '--disable-pip-version-check', '--progress-bar', 'off', ...ORT_GPU], { maxBuffer: 64 * 1024 * 1024 });
  const libraries = [nvidiaLibraryPath(modelVenv), process.env.LD_LIBRARY_PATH].filter(Boolean).join(':');
  const { stdout } = await run(python, [join(ROOT, 'scripts/model/gpu_inference_bench.py'), '--model', modelDir, '--seconds', String(seconds)], {
    env: { ...process.env, LD_LIBRARY_PATH: libraries },
  });
  return JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, unknown>;
}

async function main(): Promise<void> {
  const started = Date.now();
  const steps = Number(values.steps);
  const seconds = Number(values.seconds);
  if (!Number.isInteger(steps) || steps < 1 || !(seconds > 0)) {
    console.error('usage: npm run gpu:check [-- --steps N (CUDA training steps, default 300) --seconds S (per speed measurement, default 10)]');
    process.exit(2);
  }
  const python = await ensureModelVenv();
  const found = await probe(python);
  const rehearse = values.rehearse;
  if (!found.cuda && !rehearse) {
    printResult(JSON.stringify({ gpu: false, reason: `torch ${found.torch} sees no CUDA device${found.torchCuda ? '' : ' (a CPU-only torch build)'}: nothing to measure`, torch: found.torch }));
    return;
  }
  const work = join(ROOT, 'models', `.gpu-check-${process.pid}`);
  const report: Record<string, unknown> = { gpu: found.cuda, ...(rehearse ? { rehearsal: true } : {}), device: found.device ?? 'cpu', memoryGiB: found.memoryGiB, bf16: found.bf16, torch: found.torch, cuda: found.torchCuda };
  try {
    // A rehearsal runs the "cuda" stages on the CPU: every step but the device is exercised.
    const cuda = await finetune(rehearse ? 'cpu' : 'cuda', rehearse ? 3 : steps, join(work, 'cuda'));
    const cpu = await finetune('cpu', rehearse ? 3 : 10, join(work, 'cpu'));
    report.training = { cuda, cpu, cudaOverCpu: Math.round((Number(cuda.pairsPerSecond) / Number(cpu.pairsPerSecond)) * 10) / 10 };
    const model = join(work, 'cuda');
    log('measuring inference: the bot encoder (onnxruntime-node) on cpu and cuda');
    const nodeCpu = await nodeSentencesPerSecond(model, 'cpu', rehearse ? 1 : seconds);
    const node: Record<string, unknown> = { cpu: nodeCpu };
    try {
      node.cuda = await nodeSentencesPerSecond(model, 'cuda', rehearse ? 1 : seconds);
      node.cudaOverCpu = Math.round((Number(node.cuda) / nodeCpu) * 10) / 10;
    } catch (error) {
      node.cudaError = error instanceof Error ? error.message.slice(0, 300) : String(error);
    }
    log('measuring inference: ONNX Runtime CUDA provider in Python (onnxruntime-gpu)');
    let pythonOrt: Record<string, unknown>;
    try {
      pythonOrt = rehearse
        ? // The toolchain's CPU onnxruntime: the script runs, and reports that it has no CUDA provider.
          JSON.parse((await run(python, [join(ROOT, 'scripts/model/gpu_inference_bench.py'), '--model', model, '--seconds', '1'])).stdout)
        : await pythonOrtCuda(model, resolve(python, '../..'), seconds);
    } catch (error) {
      pythonOrt = { error: error instanceof Error ? error.message.slice(0, 300) : String(error) };
    }
    report.inference = { batch: 64, precision: 'fp32', node, python: pythonOrt };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  report.wallSeconds = Math.round((Date.now() - started) / 100) / 10;
  printResult(JSON.stringify(report));
}

main().catch((error: unknown) => {
  console.error(`gpu:check: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
