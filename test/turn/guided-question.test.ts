/**
 * The question a long list asks (turn/guided-question.ts), on a small shop with a real index: the
 * facet that splits the matching products best is asked, a facet already said is not, one that
 * would narrow nothing (every tent in every size) is never asked, and every button it offers leads
 * to a list of products of its value. A list of several kinds asks which kind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decide, type Decision } from '../../turn/decide.js';
import { informationGain, kindQuestion } from '../../turn/guided-question.js';
import type { ProductResult } from '../../turn/shopping.js';
import type { Product } from '../../catalog/index.js';
import { openTestShop, type TestShop } from '../helpers.js';

const COLOURS = ['green', 'orange', 'grey', 'blue', 'red', 'yellow'];
const tent = (i: number, brand: string, colour: string): Product => ({
  id: `T${i}`, title: `${brand} Ridge ${i} Tent`, brand, category: 'Outdoor & Camping', price: 150 + 20 * i, currency: 'USD',
  description: `A ${colour} two-person tent for backpacking.`, attributes: { colour, sizes: '2-person, 3-person' }, inStock: true,
});
const bottle = (i: number, brand: string): Product => ({
  id: `B${i}`, title: `${brand} Flow ${i} Water Bottle`, brand, category: 'Outdoor & Camping', price: 20 + i, currency: 'USD',
  description: 'An insulated steel water bottle.', attributes: { colour: 'silver' }, inStock: true,
});

// Tents: one brand, colours spread two by two (colour splits them best). Bottles: one colour, four brands.
const PRODUCTS: Product[] = [
  ...Array.from({ length: 12 }, (_, i) => tent(i, i === 11 ? 'Kestrel' : 'Northpeak', COLOURS[i % COLOURS.length]!)),
  ...Array.from({ length: 12 }, (_, i) => bottle(i, ['Hydro Peak', 'Trailmate', 'Aqualine', 'Summit'][i % 4]!)),
];

type Products = Extract<Decision, { kind: 'products' }>;

describe('guided questions', () => {
  let testShop: TestShop;
  beforeAll(async () => {
    testShop = await openTestShop(PRODUCTS);
  }, 120_000);
  afterAll(() => testShop.close());
  const ask = async (text: string) => (await decide(text, { ...testShop.shop.current(), options: testShop.shop.decisionOptions })) as Products;

  it('counts the bits an answer takes off: a half split is one bit, three even ways log2(3), a value every product has nothing', () => {
    expect(informationGain([6, 6], 12)).toBeCloseTo(1, 10);
    expect(informationGain([4, 4, 4], 12)).toBeCloseTo(Math.log2(3), 10);
    expect(informationGain([12, 12], 12)).toBe(0);
    expect(informationGain([11, 1], 12)).toBeLessThan(0.5);
  });

  it('asks about the colour of twelve tents of one brand, offering the commonest colours, and the opening asks it', async () => {
    const tents = await ask('tents');
    expect(tents.kind).toBe('products');
    expect(tents.question).toMatchObject({ facet: 'colour', text: 'Any colour in mind?' });
    expect(tents.question!.values).toHaveLength(3);
    expect(tents.opening).toMatch(/^I found 12 tents that match\. Any colour in mind\? Here are 6 of them:$/);
    expect(tents.suggestions.slice(0, 3)).toEqual(tents.question!.values.map((colour) => `${colour} tents`));
    // Each button leads to that colour's tents, and only those.
    for (const colour of tents.question!.values) {
      const list = await ask(`${colour} tents`);
      expect(list.kind).toBe('products');
      expect(list.hits.length).toBeGreaterThan(0);
      for (const hit of list.hits) expect(hit.product.attributes?.colour).toBe(colour);
      // Two of a colour: nothing left to ask.
      expect(list.question).toBeUndefined();
    }
  });

  it('asks about the brand of water bottles that differ only by brand, and never about a size every product comes in', async () => {
    const bottles = await ask('water bottles');
    expect(bottles.question).toMatchObject({ facet: 'brand', text: 'Any brand you prefer?' });
    for (const brand of bottles.question!.values) {
      const list = await ask(`${brand} water bottles`);
      expect(list.hits.length).toBeGreaterThan(0);
      for (const hit of list.hits) expect(hit.product.brand).toBe(brand);
    }
    const tents = await ask('tents');
    expect(tents.question?.facet).not.toBe('sizes');
  });

  it('asks which kind of a list of several kinds, each button a request for one kind that leads to it', async () => {
    const { kb } = testShop.shop.current();
    // A list of the category's products, tents and bottles shown together.
    const shown = ['T0', 'B0', 'T1', 'B1', 'T2', 'B2'].map((id) => ({ product: kb.product(id)!, score: 0.5, cosine: 0.5 }));
    const found: ProductResult = { hits: shown, filters: { category: 'Outdoor & Camping' }, dropped: [], stated: [], total: 24, order: 'relevance' };
    const asked = kindQuestion(found, kb)!;
    expect(asked).toMatchObject({ facet: 'type', question: 'Which kind are you after?', values: ['tents', 'water bottles'], buttons: ['tents', 'water bottles'], candidates: 24 });
    // Twelve of each kind: one bit.
    expect(asked.gain).toBeCloseTo(1, 10);
    for (const [i, button] of asked.buttons.entries()) {
      const list = await ask(button);
      expect(list.hits.length).toBeGreaterThan(0);
      for (const hit of list.hits) expect(hit.product.id.startsWith(i === 0 ? 'T' : 'B')).toBe(true);
    }
    // The price asked stays in each kind's request; a list of one kind, or one the shop steered to, asks no kind.
    expect(kindQuestion({ ...found, filters: { ...found.filters, maxPrice: 300 } }, kb)!.buttons).toEqual(['tents under $300', 'water bottles under $300']);
    expect(kindQuestion({ ...found, hits: shown.filter((hit) => hit.product.id.startsWith('T')) }, kb)).toBeUndefined();
    expect(kindQuestion({ ...found, total: 8 }, kb)).toBeUndefined();
  });

  it('does not ask again about what the shopper said, and asks nothing of a list that shows every match', async () => {
    const under = await ask('tents under $400');
    expect(under.hits.length).toBeGreaterThan(0);
    expect(under.question?.facet).toBe('colour');
    const blue = await ask('blue or green or red or grey or orange tents');
    expect(blue.question?.facet ?? 'none').not.toBe('colour');
    // Eight tents under $300: no more than a list shows and a few, nothing to ask.
    expect((await ask('tents under $300')).question).toBeUndefined();
  });
});
