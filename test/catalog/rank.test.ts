import { describe, expect, it } from 'vitest';
import { distinctFirst, diversify, type ProductHit } from '../../catalog/index.js';

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
