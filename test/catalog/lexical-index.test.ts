import { describe, expect, it } from 'vitest';
import { LexicalIndex } from '../../catalog/index.js';
import { lexicalTokens } from '../../nlu/index.js';

describe('LexicalIndex (BM25)', () => {
  const index = new LexicalIndex();
  const docs = ['How do I return an item?', 'Where is my order?', 'Do you ship to Canada?', 'Can I return a gift?'];
  docs.forEach((text, label) => index.add(label, lexicalTokens(text)));

  it('ranks documents sharing rare words first, with scores normalised to about 1 for a full match', () => {
    const hits = index.search(lexicalTokens('returning an item'), 4);
    expect(hits[0]!.label).toBe(0);
    expect(hits[0]!.score).toBeGreaterThan(0.8);
    expect(hits.map((h) => h.label)).toContain(3);
    expect(hits.map((h) => h.label)).not.toContain(1);
  });

  it('counts unknown query words against the score', () => {
    expect(index.score(lexicalTokens('return bitcoin wallet'), 0)).toBeLessThan(index.score(lexicalTokens('return'), 0));
  });

  it('applies a filter while searching and stays correct after replacing a document', () => {
    expect(index.search(lexicalTokens('return'), 5, (label) => label !== 0).map((h) => h.label)).toEqual([3]);
    index.add(3, lexicalTokens('Gift wrapping'));
    expect(index.search(lexicalTokens('return'), 5).map((h) => h.label)).toEqual([0]);
    expect(index.size).toBe(4);
  });
});
