/** Fine-tuning pairs from each kind of shop data, and the pairs file's validation. */
import { describe, expect, it } from 'vitest';
import { deriveProductTypes, productText, type FaqEntry, type Need, type Product } from '../../catalog/index.js';
import {
  catalogPairs,
  clickPairs,
  faqPairs,
  MAX_POSITIVES_PER_PHRASING,
  MAX_PRODUCTS_PER_NEED_PHRASE,
  needPairs,
  parsePairRows,
  PairFormatError,
  resolvePairRows,
  withAlsoGroups,
} from '../../scripts/finetune/pairs.js';
import { mulberry32 } from '../../scripts/seeded-random.js';

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

describe('needPairs (needs file ↔ products of the type or category)', () => {
  const tents: Product[] = Array.from({ length: 8 }, (_, i) => ({ id: `tent-${i}`, title: `${['Alpine', 'Ridge', 'Summit', 'Cove', 'Harbour', 'Moor', 'Fjord', 'Dune'][i]} Tent`, brand: i % 2 ? 'Velora' : 'Northway', category: 'Outdoor & Camping' }));
  const bags: Product[] = ['Down', 'Synthetic', 'Summer'].map((word, i) => ({ id: `bag-${i}`, title: `${word} Sleeping Bag`, brand: i % 2 ? 'Velora' : 'Northway', category: 'Outdoor & Camping' }));
  const kettle: Product = { id: 'kettle', title: 'Steel Kettle', type: 'electric kettle', category: 'Kitchen & Cookware', description: 'Boils fast.' };
  const products = [...tents, ...bags, kettle];
  const types = deriveProductTypes(products);
  const byId = new Map(products.map((p) => [p.id, p]));
  const tentNeed: Need = { id: 'tent', type: 'Tents', needs: ['somewhere to sleep outdoors', 'a weekend of wild camping'], gift: ['present for a scout'] };
  const campingNeed: Need = { id: 'camping', category: 'outdoor & camping', needs: ['getting into camping'] };
  const kettleNeed: Need = { id: 'kettle', type: 'electric kettle', needs: ['tea in a hurry'] };

  it('pairs each need and gift phrase with the text of products of its type, a bounded sample, grouped by the type', () => {
    const { pairs, unmatched } = needPairs([tentNeed, kettleNeed], products, types);
    expect(unmatched).toEqual([]);
    const tentPairs = pairs.filter((p) => p.group === 'need:type:tent');
    expect(new Set(tentPairs.map((p) => p.query))).toEqual(new Set(['somewhere to sleep outdoors', 'a weekend of wild camping', 'present for a scout']));
    for (const query of ['somewhere to sleep outdoors', 'a weekend of wild camping', 'present for a scout']) {
      const positives = tentPairs.filter((p) => p.query === query).map((p) => p.positive);
      expect(positives).toHaveLength(MAX_PRODUCTS_PER_NEED_PHRASE);
      expect(new Set(positives).size).toBe(MAX_PRODUCTS_PER_NEED_PHRASE);
    }
    // Only tents, by the text the product index embeds, each tagged with its own product group.
    for (const pair of tentPairs) {
      const id = pair.also![0]!.replace('product:', '');
      expect(id).toMatch(/^tent-/);
      expect(pair.positive).toBe(productText(byId.get(id)!));
      expect(pair.source).toBe('needs');
    }
    // A type the shop gives (not the title's ending) counts too; fewer products than the bound gives them all.
    expect(pairs.filter((p) => p.group === 'need:type:electric kettle')).toEqual([
      { query: 'tea in a hurry', positive: productText(kettle), group: 'need:type:electric kettle', source: 'needs', also: ['product:kettle'] },
    ]);
  });

  it('is deterministic for a seed, and different phrases reach different products', () => {
    const first = needPairs([tentNeed], products, types).pairs;
    expect(needPairs([tentNeed], products, types).pairs).toEqual(first);
    expect(needPairs([tentNeed], products, types, mulberry32(99)).pairs).not.toEqual(first);
    expect(new Set(first.map((p) => p.positive)).size).toBeGreaterThan(MAX_PRODUCTS_PER_NEED_PHRASE);
  });

  it('a category need reaches every product of the category; a product answering two needs lists the other in also', () => {
    const { pairs, productNeeds } = needPairs([tentNeed, campingNeed], products, types);
    const camping = pairs.filter((p) => p.group === 'need:category:outdoor & camping');
    expect(camping).toHaveLength(MAX_PRODUCTS_PER_NEED_PHRASE);
    expect(camping.every((p) => /^product:(tent|bag)-/.test(p.also![0]!))).toBe(true);
    expect(productNeeds.get('product:tent-0')).toEqual(['need:type:tent', 'need:category:outdoor & camping']);
    expect(productNeeds.get('product:bag-0')).toEqual(['need:category:outdoor & camping']);
    expect(productNeeds.has('product:kettle')).toBe(false);
    for (const pair of pairs.filter((p) => p.group === 'need:type:tent')) expect(pair.also).toContain('need:category:outdoor & camping');
  });

  it('gives no pairs for a need no product meets, and names it', () => {
    const ghost: Need = { id: 'ghost', type: 'hammock', needs: ['sleep between two trees'] };
    const empty: Need = { id: 'empty', category: 'Garden', needs: ['grow tomatoes'] };
    const { pairs, unmatched } = needPairs([ghost, empty, kettleNeed], products, types);
    expect(unmatched).toEqual([ghost, empty]);
    expect(pairs.map((p) => p.group)).toEqual(['need:type:electric kettle']);
  });

  it('withAlsoGroups tags a product’s other pairs with the needs it meets', () => {
    const { productNeeds } = needPairs([tentNeed], products, types);
    const tagged = withAlsoGroups([...catalogPairs([{ ...tents[0]!, description: 'Roomy.' }]), ...catalogPairs([{ ...kettle }])], productNeeds);
    expect(tagged[0]).toMatchObject({ group: 'product:tent-0', also: ['need:type:tent'] });
    expect(tagged[1]).not.toHaveProperty('also');
  });
});
