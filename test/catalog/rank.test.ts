import { describe, expect, it } from 'vitest';
import { ageFloor, distinctFirst, diversify, FtrlModel, inAskedOrder, inOrder, inStockFirst, NO_SIGNALS, OnlineRanker, spreadOverTypes, TEACHER_FEATURE, teacherGaps, youngestFirst, type KnowledgeBase, type ProductHit } from '../../catalog/index.js';

const hit = (id: string, title: string, score: number): ProductHit => ({ product: { id, title, price: 10 } as ProductHit['product'], score, cosine: score });
const ranked = [hit('a-black', 'Knife A', 0.9), hit('a-silver', 'Knife A', 0.85), hit('b', 'Knife B', 0.8), hit('a-wood', 'Knife A', 0.7)];

describe('result shaping', () => {
  it('diversify keeps one product per title', () => {
    expect(diversify(ranked, 3).map((h) => h.product.id)).toEqual(['a-black', 'b']);
  });

  it('distinctFirst shows every title first, then fills the room left with variants in rank order', () => {
    expect(distinctFirst(ranked, 3).map((h) => h.product.id)).toEqual(['a-black', 'b', 'a-silver']);
    expect(distinctFirst(ranked, 6).map((h) => h.product.id)).toEqual(['a-black', 'b', 'a-silver', 'a-wood']);
    // With enough titles, no variant takes a slot.
    expect(distinctFirst(ranked, 2).map((h) => h.product.id)).toEqual(['a-black', 'b']);
  });
});

describe('orders besides relevance', () => {
  const product = (id: string, price: number, extra: Record<string, unknown> = {}) => ({ id, title: id, price, ...extra }) as ProductHit['product'];
  const at = (p: ProductHit['product'], score: number): ProductHit => ({ product: p, score, cosine: score });
  // A kb that knows each product's type by the id's first letter.
  const kb = { typeOf: (p: ProductHit['product']) => p.id[0] } as unknown as KnowledgeBase;

  it('puts the still-relevant hits in the order asked for, a type counting as relevant by its best product', () => {
    const hits = [at(product('a1', 90), 0.9), at(product('b1', 10), 0.5), at(product('a2', 40), 0.6), at(product('c1', 5), 0.8)];
    // b is far below 0.85 of the best; a2 is too, but a's best product is relevant, so all of a is.
    expect(inAskedOrder(kb, hits, 'price-asc').map((h) => h.product.id)).toEqual(['c1', 'a2', 'a1']);
    expect(inAskedOrder(kb, hits, 'price-desc').map((h) => h.product.id)).toEqual(['a1', 'a2', 'c1']);
    expect(inAskedOrder(kb, hits, 'price-asc', true).map((h) => h.product.id)).toEqual(['c1', 'b1', 'a2', 'a1']);
    expect(inAskedOrder(kb, hits, 'relevance').map((h) => h.product.id)).toEqual(['a1', 'b1', 'a2', 'c1']);
    const rated = [at(product('r3', 1, { attributes: { rating: 3.9 } }), 0.9), at(product('r4', 1, { attributes: { rating: 4.8 } }), 0.88)];
    expect(inOrder(rated, 'rating').map((h) => h.product.id)).toEqual(['r4', 'r3']);
  });

  it('puts the youngest age floor first for a child\'s age dropped, and what is in stock first for a need', () => {
    const hits = [at(product('t10', 1, { attributes: { age: '10+' } }), 0.9), at(product('tnone', 1), 0.95), at(product('t6', 1, { attributes: { age: '6+ years' } }), 0.7)];
    expect(youngestFirst(hits, ['age']).map((h) => h.product.id)).toEqual(['t6', 't10', 'tnone']);
    expect(ageFloor(hits[0]!.product, ['age'])).toBe(10);
    const stock = [at(product('x', 1, { inStock: false }), 0.9), at(product('y', 1), 0.8), at(product('z', 1, { inStock: true }), 0.7)];
    expect(inStockFirst(stock).map((h) => h.product.id)).toEqual(['y', 'z', 'x']);
  });

  it('spreads a steered list over its types, two of each at most before filling up, a present better rated first', () => {
    const hits = [at(product('a1', 1), 0.9), at(product('a2', 1), 0.89), at(product('a3', 1), 0.88), at(product('b1', 1, { attributes: { rating: 3 } }), 0.7), at(product('b2', 1, { attributes: { rating: 5 } }), 0.69)];
    expect(spreadOverTypes(kb, hits, ['a', 'b'], 4).map((h) => h.product.id)).toEqual(['a1', 'b1', 'a2', 'b2']);
    expect(spreadOverTypes(kb, hits, ['b', 'a'], 5).map((h) => h.product.id)).toEqual(['b1', 'a1', 'b2', 'a2', 'a3']);
    expect(spreadOverTypes(kb, hits, ['a', 'b'], 2, true).map((h) => h.product.id)).toEqual(['a1', 'b2']);
  });
});

describe('the click teacher as a feature', () => {
  it('adds each candidate\'s teacher gap, and once clicks teach a weight for it, the teacher\'s favourite rises', () => {
    const hits = [hit('a', 'Tent A', 0.8), hit('b', 'Tent B', 0.78)];
    const kb = { typeOf: () => undefined, productVector: () => undefined } as unknown as KnowledgeBase;
    const teacher = teacherGaps(new Map([['a', 0.2], ['b', 0.9]]));
    const ranker = new OnlineRanker(new FtrlModel());
    const scored = ranker.scoreAll(hits, NO_SIGNALS, kb, teacher);
    expect(Object.fromEntries(scored.map((s) => [s.hit.product.id, s.features[TEACHER_FEATURE]]))).toEqual({ a: expect.closeTo(-0.7, 6), b: 0 });
    // Untrained, the search's order stands.
    expect(scored.map((s) => s.hit.product.id)).toEqual(['a', 'b']);
    // Shoppers click what the teacher favours: its weight grows until b leads.
    for (let i = 0; i < 40; i++) for (const s of scored) ranker.model.update(s.features, s.hit.product.id === 'b', s.offset);
    expect(ranker.model.weights().find(([name]) => name === TEACHER_FEATURE)![1]).toBeGreaterThan(0);
    // What it learnt holds for products it never saw: the teacher's favourite of two new ones leads, and without the teacher the search's order stands.
    const fresh = [hit('c', 'Tent C', 0.8), hit('d', 'Tent D', 0.78)];
    expect(ranker.scoreAll(fresh, NO_SIGNALS, kb, teacherGaps(new Map([['c', 0.1], ['d', 0.95]]))).map((s) => s.hit.product.id)).toEqual(['d', 'c']);
    expect(ranker.rank(fresh, NO_SIGNALS, kb).map((h) => h.product.id)).toEqual(['c', 'd']);
  });
});
