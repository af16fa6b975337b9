/**
 * scripts/model/label_free_ceiling.py, the measurement behind the label-free target's figures:
 * on a tiny split it must report every method, score them on the test queries (which the base
 * model ranks right almost always), and refuse to run without its two arguments.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { venvPython } from '../../scripts/model-pull.js';
import { requireModel, ROOT, tempDir } from '../helpers.js';

const run = promisify(execFile);
const python = () => venvPython(resolve(ROOT, process.env.MODEL_VENV ?? '.venv-model'));

const FAQ = [
  { id: 'where-order', questions: ['where is my order', 'my parcel has not arrived', 'track my package', 'when will my delivery come'] },
  { id: 'return', questions: ['how do I return an item', 'send something back', 'return policy', 'can I get a refund for this'] },
  { id: 'pay', questions: ['which payment methods do you accept', 'can I pay with paypal', 'do you take credit cards', 'pay by bank transfer'] },
  { id: 'password', questions: ['reset my password', 'I forgot my password', 'cannot log in to my account', 'change my login'] },
];
const MESSAGES = ['has my parcel shipped yet', 'I want to send these shoes back', 'is apple pay accepted', 'I am locked out of my account', 'tracking number please', 'refund for a broken mug'];
const TEST: [string, string][] = [
  ['the courier still has not brought my box', 'where-order'],
  ['I would like my money back', 'return'],
  ['can I use a debit card', 'pay'],
  ['the sign in keeps failing', 'password'],
];

describe('label_free_ceiling.py', () => {
  it('reports every method on the test queries', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'faq.json'), JSON.stringify(FAQ));
    writeFileSync(join(dir, 'unlabeled.jsonl'), MESSAGES.map((text) => JSON.stringify({ text })).join('\n'));
    // An out-of-scope test query (expected null) is left out: the methods never abstain.
    writeFileSync(join(dir, 'queries.jsonl'), [...TEST.map(([text, expected]) => ({ text, expected })), { text: 'what is the weather', expected: null }].map((q) => JSON.stringify(q)).join('\n'));
    const { stdout } = await run(python(), ['scripts/model/label_free_ceiling.py', dir, requireModel()], { cwd: ROOT, maxBuffer: 8 * 1024 * 1024 });
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines[0]).toMatchObject({ phrasings: 16, messages: 6, test: 4 });
    const methods = lines.slice(1);
    expect(methods.map((line) => line.method)).toEqual([
      'nearest phrasing',
      'head on phrasings', 'head on phrasings', 'head on phrasings',
      'self-trained head', 'self-trained head', 'self-trained head',
      'label spreading', 'head on spread labels', 'label spreading', 'head on spread labels',
    ]);
    // Four easy paraphrases: the base model's nearest phrasing gets them all.
    expect(methods[0].top1).toBe(1);
    for (const line of methods) expect([0, 0.25, 0.5, 0.75, 1]).toContain(line.top1);
  }, 180_000);

  it('prints its usage and exits 2 without a split and a model', async () => {
    const failure = await run(python(), ['scripts/model/label_free_ceiling.py'], { cwd: ROOT }).catch((error) => error);
    expect(failure.code).toBe(2);
    expect(failure.stderr).toMatch(/label_free_ceiling\.py \/tmp\/b77-5c/);
  });
});
