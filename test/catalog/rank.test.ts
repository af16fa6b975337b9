import { describe, expect, it } from 'vitest';
import { ageFloor, distinctFirst, diversify, inAskedOrder, inOrder, inStockFirst, spreadOverTypes, youngestFirst, type KnowledgeBase, type ProductHit } from '../../catalog/index.js';

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
