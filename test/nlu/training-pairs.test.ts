/** Fine-tuning pairs from each kind of shop data, and the pairs file's validation. */
import { describe, expect, it } from 'vitest';
import type { FaqEntry } from '../../catalog/index.js';
import {
  catalogPairs,
  clickPairs,
  faqPairs,
  MAX_POSITIVES_PER_PHRASING,
  parsePairRows,
  PairFormatError,
  resolvePairRows,
} from '../../nlu/training/pairs.js';

const returns: FaqEntry = { id: 'returns', questions: ['how do I return', 'send it back', 'return policy'], answer: 'Within 30 days.' };
const lonely: FaqEntry = { id: 'hours', questions: ['opening hours'], answer: 'We are open 9 to 5.' };

describe('faqPairs (few-shot from the knowledge base)', () => {
  it('pairs every phrasing with each other phrasing of its entry, grouped by entry', () => {
    const pairs = faqPairs([returns, lonely]);
    expect(pairs).toHaveLength(6);
    expect(new Set(pairs.map((p) => p.group))).toEqual(new Set(['faq:returns']));
    expect(pairs).toContainEqual({ query: 'send it back', positive: 'return policy', group: 'faq:returns', source: 'faq' });
    expect(pairs.some((p) => p.query === p.positive)).toBe(false);
  });

  it('caps the positives per phrasing, so one large entry cannot dominate', () => {
    const big: FaqEntry = { id: 'big', questions: Array.from({ length: 40 }, (_, i) => `question ${i}`), answer: 'a' };
    const pairs = faqPairs([big]);
    expect(pairs).toHaveLength(40 * MAX_POSITIVES_PER_PHRASING);
    expect(faqPairs([big])).toEqual(pairs); // seeded: the same data gives the same pairs
  });
});

describe('resolvePairRows', () => {
  const entries = new Map([returns, lonely].map((e) => [e.id, e]));

  it('keeps {query, positive} rows and resolves {query, faqId} to another phrasing, or the answer when there is none', () => {
    const pairs = resolvePairRows(
      [
        { line: 1, row: { query: 'where is my parcel', positive: 'track my order' } },
        { line: 2, row: { query: 'how do I return', faqId: 'returns' } },
        { line: 3, row: { query: 'when are you open', faqId: 'hours' } },
        { line: 4, row: { query: 'opening hours', faqId: 'hours' } },
      ],
      entries,
      'pairs',
    );
    expect(pairs[0]).toEqual({ query: 'where is my parcel', positive: 'track my order', group: 'text:track my order', source: 'pairs' });
    expect(['send it back', 'return policy']).toContain(pairs[1]!.positive);
    expect(pairs[1]!.group).toBe('faq:returns');
    expect(pairs[2]!.positive).toBe('opening hours');
    expect(pairs[3]!.positive).toBe('We are open 9 to 5.');
  });

  it('names the line of a row whose entry does not exist', () => {
    expect(() => resolvePairRows([{ line: 7, row: { query: 'x', faqId: 'nope' } }], entries, 'pairs')).toThrow(/line 7: faqId "nope" is not an FAQ entry/);
  });
});

describe('catalogPairs and clickPairs', () => {
  it("pairs a product's title with the rest of what the shop says about it", () => {
    const [pair] = catalogPairs([{ id: 'p1', title: 'Trail runner', brand: 'Velora', category: 'Shoes', attributes: { colour: 'blue' }, description: 'Grippy.' }]);
    expect(pair).toEqual({ query: 'Trail runner', positive: 'Velora. Shoes. colour: blue. Grippy.', group: 'product:p1', source: 'catalog' });
    expect(catalogPairs([{ id: 'p2', title: 'Bare' }])).toEqual([]);
  });

  it('pairs a clicked query with the product once, skipping products that are gone', () => {
    const text = (id: string) => (id === 'p1' ? 'Trail runner. Velora' : undefined);
    const pairs = clickPairs([{ query: 'blue shoes', productId: 'p1' }, { query: 'blue shoes', productId: 'p1' }, { query: 'tent', productId: 'gone' }], text);
    expect(pairs).toEqual([{ query: 'blue shoes', positive: 'Trail runner. Velora', group: 'product:p1', source: 'clicks' }]);
  });
});

describe('parsePairRows', () => {
  it('reads good rows and reports every bad one with its line', () => {
    const { rows, errors } = parsePairRows(
      ['{"query": " a ", "positive": "b"}', '', '{"query": "c", "faqId": "returns"}', '[1]', '{"query": "d"}', '{oops', '{"query": "", "positive": "e"}'].join('\n'),
    );
    expect(rows).toEqual([
      { line: 1, row: { query: 'a', positive: 'b' } },
      { line: 3, row: { query: 'c', faqId: 'returns' } },
    ]);
    expect(errors.map((e) => e.line)).toEqual([4, 5, 6, 7]);
    expect(errors.every((e) => e instanceof PairFormatError)).toBe(true);
    expect(errors[1]!.message).toMatch(/line 5: needs "positive".*or "faqId"/);
  });
});
