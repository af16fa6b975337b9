/** Labelled questions added to their FAQ entries as phrasings (npm run ingest -- --phrasings). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CatalogStore, ingestPhrasings, ingestText } from '../../catalog/index.js';
import { ROOT, tempDir } from '../helpers.js';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const faq = [
  { id: 'returns', questions: ['How do I return an item?'], answer: 'Within 30 days.' },
  { id: 'shipping', questions: ['How much is shipping?'], answer: 'Free over $50.' },
];

function storeWithFaq(path = ':memory:'): CatalogStore {
  const store = CatalogStore.open(path);
  ingestText(store, 'faq', JSON.stringify(faq), 'json');
  return store;
}

describe('ingestPhrasings', () => {
  it('adds each new question to its entry, skips those it has, and rejects bad rows with their lines', () => {
    const store = storeWithFaq();
    const rows = [
      '{"query": "if it doesnt fit can i send it back", "faqId": "returns"}',
      '{"query": "  how do i RETURN an item?  ", "faqId": "returns"}',
      '{"query": "whats delivery cost", "faqId": "shipping"}',
      '{"query": "whats delivery cost", "faqId": "shipping"}',
      '{"query": "do you gift wrap", "faqId": "gift-wrap"}',
      '{"query": "", "faqId": "returns"}',
      '{"query": "no entry named"}',
      '{not json',
    ].join('\n');
    const report = ingestPhrasings(store, rows, 'ndjson');
    expect(report).toMatchObject({ total: 8, added: 2, known: 2, entries: 2 });
    expect(report.rejected).toEqual([
      { line: 5, id: 'gift-wrap', reason: 'faqId: no FAQ entry has this id' },
      { line: 6, id: 'returns', reason: 'query: must be a question of 1 to 1000 characters' },
      { line: 7, reason: 'faqId: must name an FAQ entry' },
      { line: 8, reason: expect.any(String) },
    ]);
    expect(store.getFaqEntry('returns')!.questions).toEqual(['How do I return an item?', 'if it doesnt fit can i send it back']);
    expect(store.getFaqEntry('shipping')!.questions).toEqual(['How much is shipping?', 'whats delivery cost']);
    expect(store.faqPhrasings().map((p) => p.text)).toContain('if it doesnt fit can i send it back');
    // The same file again changes nothing.
    expect(ingestPhrasings(store, rows, 'ndjson')).toMatchObject({ added: 0, known: 4, entries: 0 });
    store.close();
  });

  it('npm run ingest -- --phrasings stores them in DATA_DIR and exits 1 when every row is rejected', async () => {
    const dir = tempDir();
    const dataDir = join(dir, 'data');
    writeFileSync(join(dir, 'faq.json'), JSON.stringify(faq));
    writeFileSync(join(dir, 'pairs.jsonl'), '{"query": "can i send it back", "faqId": "returns"}\n');
    writeFileSync(join(dir, 'bad.jsonl'), '{"query": "x", "faqId": "nope"}\n');
    const run = (args: string[]) => promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/ingest.ts', ...args], { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir, DEMO_SHOP: 'false' } });
    const { stdout } = await run(['--faq', join(dir, 'faq.json'), '--phrasings', join(dir, 'pairs.jsonl')]);
    expect(stdout).toContain('phrasings: 1 of 1 questions');
    const store = CatalogStore.open(join(dataDir, 'aisle.db'));
    expect(store.getFaqEntry('returns')!.questions).toContain('can i send it back');
    store.close();
    await expect(run(['--phrasings', join(dir, 'bad.jsonl')])).rejects.toMatchObject({ code: 1, stdout: expect.stringContaining('line 1 (id nope): faqId: no FAQ entry has this id') });
  });
});
