/** `npm run eval` end to end on a small knowledge base: the real CLI, model and indexes. */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { demoFaq, requireModel, ROOT, smallDemoProducts, tempDir } from '../helpers.js';

describe('npm run eval', () => {
  it('reports exactly the documented keys, counting right answers and declined out-of-scope queries', async () => {
    requireModel();
    const dir = tempDir();
    writeFileSync(join(dir, 'faq.json'), JSON.stringify(demoFaq.slice(0, 20)));
    const queries = [
      { text: 'how much is delivery?', expected: 'shipping-cost' },
      { text: 'do you deliver to Canada?', expected: 'shipping-international' },
      { text: 'zxqv blorf wump', expected: null },
    ];
    writeFileSync(join(dir, 'queries.jsonl'), queries.map((q) => JSON.stringify(q)).join('\n'));
    const out = join(dir, 'eval.json');
    const report = join(dir, 'eval.html');
    await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/eval.ts', '--faq', join(dir, 'faq.json'), '--queries', join(dir, 'queries.jsonl'), '--json', out, '--report', report], { cwd: ROOT, env: { ...process.env, DATA_DIR: join(dir, 'untouched') } });
    const result = JSON.parse(readFileSync(out, 'utf8'));
    // The report stands alone: charts as inline SVG, nothing fetched from elsewhere.
    const html = readFileSync(report, 'utf8');
    expect(html).toContain('aria-label="confidence histograms"');
    expect(html).toContain('aria-label="per-entry accuracy"');
    expect(html).toContain('shipping-cost');
    expect(html).not.toMatch(/<script|https?:\/\//);
    expect(Object.keys(result)).toEqual(['n', 'top1', 'recall_at_3', 'mrr', 'oos', 'latency_ms', 'confused']);
    expect(result.n).toBe(3);
    expect(result.top1).toBe(1);
    expect(result.oos).toEqual({ precision: 1, recall: 1, f1: 1 });
    expect(result.latency_ms.p99).toBeGreaterThan(0);
  });

  it('counts a hand-over to a person as right only for a message labelled "handoff"', async () => {
    requireModel();
    const dir = tempDir();
    writeFileSync(join(dir, 'faq.json'), JSON.stringify(demoFaq.slice(0, 20)));
    // Both are handed over; only the first is labelled as asking for a person.
    const queries = [
      { text: 'get me a real person please', expected: 'shipping-cost', handoff: true },
      { text: 'stop the bot, i want an actual person', expected: 'shipping-cost' },
    ];
    writeFileSync(join(dir, 'queries.jsonl'), queries.map((q) => JSON.stringify(q)).join('\n'));
    const out = join(dir, 'eval.json');
    await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/eval.ts', '--faq', join(dir, 'faq.json'), '--queries', join(dir, 'queries.jsonl'), '--json', out], { cwd: ROOT, env: { ...process.env, DATA_DIR: join(dir, 'untouched') } });
    const result = JSON.parse(readFileSync(out, 'utf8'));
    // The hand-over ranks the labelled row's entry first, for every figure alike.
    expect([result.top1, result.recall_at_3, result.mrr]).toEqual([0.5, 0.5, 0.5]);
  });

  it('measures product requests: recall@10, nDCG@10 and filter precision through query understanding', async () => {
    requireModel();
    const dir = tempDir();
    const products = smallDemoProducts();
    writeFileSync(join(dir, 'products.json'), JSON.stringify(products));
    const jackets = products.filter((p) => p.category === 'Jackets & Coats' && (p.price ?? Infinity) <= 100).map((p) => p.id);
    const constraints = { category: 'Jackets & Coats', maxPrice: 100 };
    writeFileSync(join(dir, 'requests.jsonl'), `${JSON.stringify({ text: 'a jacket under $100', expected: jackets, constraints })}\n`);
    const out = join(dir, 'eval.json');
    await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/eval.ts', '--products', join(dir, 'products.json'), '--queries', join(dir, 'requests.jsonl'), '--json', out], { cwd: ROOT });
    const result = JSON.parse(readFileSync(out, 'utf8'));
    expect(Object.keys(result)).toEqual(['n', 'recall_at_10', 'ndcg_at_10', 'filter_precision', 'latency_ms']);
    // All jackets at $100 or less fit in the top 10. The bot shows each title first, and with
    // room left the other colour variants of a title fill it, so every one of them is found.
    const titles = new Set(products.filter((p) => jackets.includes(p.id)).map((p) => p.title));
    expect(jackets.length).toBeLessThanOrEqual(10);
    expect(titles.size).toBeLessThan(jackets.length);
    expect(result.recall_at_10).toBe(1);
    expect(result.ndcg_at_10).toBeGreaterThan(0.8);
    expect(result.filter_precision).toBe(1);
  });

  it('refuses a queries file with a bad line, naming it', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'faq.json'), JSON.stringify(demoFaq.slice(0, 2)));
    writeFileSync(join(dir, 'queries.jsonl'), '{"text":"ok","expected":null}\n{"text":"no label"}\n');
    const run = promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/eval.ts', '--faq', join(dir, 'faq.json'), '--queries', join(dir, 'queries.jsonl')], { cwd: ROOT });
    await expect(run).rejects.toMatchObject({ stderr: expect.stringMatching(/line 2: "expected" must be an FAQ entry id, null \(out of scope\) or an array of product ids/) });
  });

  it('prints its usage for --help and exits 0; names an unknown option and exits 2', async () => {
    const run = (args: string[]) => promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/eval.ts', ...args], { cwd: ROOT });
    const help = await run(['--help']);
    expect(help.stdout).toMatch(/^usage: npm run eval -- /);
    expect(help.stdout).toContain('--ranking');
    await expect(run(['--faq', 'x.json', '--bogus'])).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/Unknown option '--bogus'[\s\S]*usage: npm run eval/) });
  });
});
