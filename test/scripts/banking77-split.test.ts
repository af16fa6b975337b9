/** scripts/eval/banking77.ts on a small CSV of its shape: what is held out stays out of training. */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers.js';

const run = promisify(execFile);
const jsonl = <T>(file: string): T[] => readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as T);

describe('banking77.ts splits', () => {
  it('keeps calibration questions out of the pairs and unlabelled messages, and leaves the phrasings and test split as without them', async () => {
    const dir = tempDir();
    const csv = join(dir, 'train.csv');
    const intents = ['card_arrival', 'lost_card', 'top_up_failed', 'exchange_rate'];
    writeFileSync(csv, 'text,category\n' + intents.flatMap((intent) => Array.from({ length: 20 }, (_, i) => `${intent.replace(/_/g, ' ')} question ${i},${intent}`)).join('\n') + '\n');
    const split = async (out: string, extra: string[]) =>
      run(process.execPath, ['--import', 'tsx', 'scripts/eval/banking77.ts', '--csv', csv, '--k', '3', '--remove', '1', '--test-share', '0.2', '--out', out, ...extra], { cwd: ROOT });
    const plain = join(dir, 'plain');
    const held = join(dir, 'held');
    await split(plain, []);
    const { stdout } = await split(held, ['--calibration-share', '0.25']);
    expect(stdout).toContain('16 calibration questions');

    const calibration = jsonl<{ text: string; expected: string | null }>(join(held, 'calibration.jsonl'));
    const pairs = jsonl<{ query: string }>(join(held, 'train-pairs.jsonl')).map((p) => p.query);
    const unlabeled = jsonl<{ text: string }>(join(held, 'unlabeled.jsonl')).map((u) => u.text);
    const queries = jsonl<{ text: string }>(join(held, 'queries.jsonl')).map((q) => q.text);
    const calibrationTexts = new Set(calibration.map((q) => q.text));
    // 4 of each intent's 16 training texts; the removed intent's are labelled out of scope.
    expect(calibration.filter((q) => q.expected === null)).toHaveLength(4);
    for (const text of [...pairs, ...unlabeled, ...queries]) expect(calibrationTexts.has(text)).toBe(false);
    expect(pairs).toHaveLength(3 * 12);

    expect(readFileSync(join(held, 'faq.json'), 'utf8')).toBe(readFileSync(join(plain, 'faq.json'), 'utf8'));
    expect(readFileSync(join(held, 'queries.jsonl'), 'utf8')).toBe(readFileSync(join(plain, 'queries.jsonl'), 'utf8'));
  });

  it('--k all makes every training text a phrasing, with the same test split', async () => {
    const dir = tempDir();
    const csv = join(dir, 'train.csv');
    writeFileSync(csv, 'text,category\n' + ['a', 'b'].flatMap((intent) => Array.from({ length: 10 }, (_, i) => `${intent} text ${i},${intent}`)).join('\n') + '\n');
    const split = (out: string, k: string) =>
      run(process.execPath, ['--import', 'tsx', 'scripts/eval/banking77.ts', '--csv', csv, '--k', k, '--test-share', '0.2', '--calibration-share', '0.25', '--out', out], { cwd: ROOT });
    await split(join(dir, 'k2'), '2');
    await split(join(dir, 'all'), 'all');
    const faq = JSON.parse(readFileSync(join(dir, 'all', 'faq.json'), 'utf8')) as { id: string; questions: string[] }[];
    const pairs = jsonl<{ query: string; faqId: string }>(join(dir, 'all', 'train-pairs.jsonl'));
    for (const entry of faq) expect(entry.questions).toEqual(pairs.filter((p) => p.faqId === entry.id).map((p) => p.query));
    expect(faq.map((e) => e.questions.length)).toEqual([6, 6]);
    expect(readFileSync(join(dir, 'all', 'queries.jsonl'), 'utf8')).toBe(readFileSync(join(dir, 'k2', 'queries.jsonl'), 'utf8'));
    await expect(run(process.execPath, ['--import', 'tsx', 'scripts/eval/banking77.ts', '--csv', csv, '--k', 'all', '--out', join(dir, 'x')], { cwd: ROOT }))
      .rejects.toMatchObject({ stderr: expect.stringContaining('--k all needs --test-share') });
  });

  it('refuses a calibration share without a test split', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'train.csv'), 'text,category\na,x\nb,x\nc,y\nd,y\n');
    await expect(run(process.execPath, ['--import', 'tsx', 'scripts/eval/banking77.ts', '--csv', join(dir, 'train.csv'), '--calibration-share', '0.1', '--out', join(dir, 'o')], { cwd: ROOT }))
      .rejects.toMatchObject({ stderr: expect.stringContaining('--calibration-share needs --test-share') });
  });
});
