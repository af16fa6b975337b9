/**
 * Fault suite for the model directory (issue 11): the model cannot be rebuilt while serving, so
 * every damaged file the load would read, and every unreadable manifest, is refused with an error
 * that names the file and the fix, before ONNX Runtime or the tokenizer reads a byte of it.
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OnnxEncoder, WorkerEncoder } from '../../nlu/index.js';
import { pullModel } from '../../scripts/model-pull.js';
import { requireModel, tempDir } from '../helpers.js';

const GRAPH = 'onnx/model_quantized.onnx';
/** What an int8 load reads, and the manifest that records their checksums. */
const FILES = [GRAPH, 'config.json', 'tokenizer.json', 'tokenizer_config.json', 'manifest.json'];

function modelCopy(): string {
  const dir = join(tempDir('aisle-model-'), 'model');
  for (const file of FILES) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    copyFileSync(join(requireModel(), file), join(dir, file));
  }
  return dir;
}

function flipInPlace(path: string, at = 0.5): void {
  const bytes = readFileSync(path);
  const start = Math.floor(bytes.length * at);
  for (let i = start; i < start + 32; i++) bytes[i]! ^= 0xff;
  writeFileSync(path, bytes);
}

const FIX = /\. The model cannot be used, nor repaired while serving: run `npm run model:pull` \(it builds a damaged model again/;

describe('model files are verified against manifest.json before they are loaded', () => {
  afterEach(() => vi.restoreAllMocks());

  it('loads a sound copy quietly, and its hash is the one recorded (indexes built with it stay current)', async () => {
    const warn = vi.spyOn(console, 'warn');
    const dir = modelCopy();
    const encoder = await OnnxEncoder.load({ modelDir: dir, variant: 'int8' });
    expect(encoder.modelHash).toBe(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).files[GRAPH]);
    await encoder.dispose();
    expect(warn).not.toHaveBeenCalled();
  });

  const faults: [string, (dir: string) => void, RegExp][] = [
    // Weights changed in place load without complaint in ONNX Runtime: every vector would be off.
    ['the int8 graph with bytes flipped in place', (dir) => flipInPlace(join(dir, GRAPH)), /onnx\/model_quantized\.onnx: sha256 [0-9a-f]{12}… differs from the [0-9a-f]{12}… recorded/],
    ['the int8 graph truncated', (dir) => truncateSync(join(dir, GRAPH), 1_000_000), /onnx\/model_quantized\.onnx: sha256 .* differs/],
    // The tokenizer is read by JavaScript, but a changed vocabulary changes every vector as surely.
    ['tokenizer.json with bytes flipped in place', (dir) => flipInPlace(join(dir, 'tokenizer.json'), 0.7), /tokenizer\.json: sha256 .* differs/],
    ['tokenizer_config.json missing (the tokenizer would fall back to defaults)', (dir) => rmSync(join(dir, 'tokenizer_config.json')), /tokenizer_config\.json: missing/],
    ['a garbage manifest.json', (dir) => writeFileSync(join(dir, 'manifest.json'), '{"files": '), /manifest\.json: is not valid JSON/],
    ['manifest.json a link to another JSON file', (dir) => {
      rmSync(join(dir, 'manifest.json'));
      symlinkSync(join(dir, 'config.json'), join(dir, 'manifest.json'));
    }, /manifest\.json: not a model manifest as model:pull and finetune write/],
    ['manifest.json a directory', (dir) => {
      rmSync(join(dir, 'manifest.json'));
      mkdirSync(join(dir, 'manifest.json'));
    }, /manifest\.json: is not a regular file/],
  ];

  it.each(faults)('refuses %s, naming the file and the fix', async (_, damage, names) => {
    const dir = modelCopy();
    damage(dir);
    const error = await OnnxEncoder.load({ modelDir: dir, variant: 'int8' }).then(() => undefined, (e: Error) => e);
    expect(error?.message).toMatch(names);
    expect(error?.message).toMatch(FIX);
  });

  it('refuses the same way in the worker thread the server loads the model in', async () => {
    const dir = modelCopy();
    flipInPlace(join(dir, GRAPH));
    const error = await WorkerEncoder.load({ modelDir: dir, variant: 'int8' }).then(() => undefined, (e: Error) => e);
    expect(error?.message).toMatch(/onnx\/model_quantized\.onnx: sha256 .* differs/);
    expect(error?.message).toMatch(FIX);
  });

  it.each([
    ['no manifest.json (a model in plain Hugging Face layout, as the README allows)', (dir: string) => rmSync(join(dir, 'manifest.json'))],
    ['a manifest.json that records no files', (dir: string) => writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ formatVersion: 1, modelId: 'hand/made', files: {} }))],
  ])('accepts %s with a warning naming what could not be verified', async (_, make) => {
    const warnings: string[] = [];
    vi.spyOn(console, 'warn').mockImplementation((message: unknown) => void warnings.push(String(message)));
    const dir = modelCopy();
    make(dir);
    const encoder = await OnnxEncoder.load({ modelDir: dir, variant: 'int8' });
    expect(encoder.modelHash).toMatch(/^[0-9a-f]{64}$/);
    await encoder.dispose();
    expect(warnings).toEqual([expect.stringMatching(/model: no checksum recorded for onnx\/model_quantized\.onnx, config\.json, tokenizer\.json, tokenizer_config\.json .*used unverified/)]);
  });
});

describe('npm run model:pull (run first by npm start)', () => {
  afterEach(() => vi.restoreAllMocks());

  it('leaves a sound model alone, and builds a damaged one again instead of calling it present', async () => {
    const dir = join(tempDir('aisle-model-'), 'model');
    for (const file of ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'manifest.json', 'onnx/model.onnx', 'onnx/model_quantized.onnx']) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      copyFileSync(join(requireModel(), file), join(dir, file));
    }
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    // No source to fetch from ('none'): a sound model needs none; a damaged one must try to be fetched.
    await expect(pullModel(dir, 'none')).resolves.toBeUndefined();
    expect(log).not.toHaveBeenCalled();
    flipInPlace(join(dir, 'tokenizer.json'), 0.6);
    await expect(pullModel(dir, 'none')).rejects.toThrow(/could not get all-MiniLM-L6-v2/);
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/^model: .*tokenizer\.json: sha256 .* differs .*; building the model again$/));
  });
});
