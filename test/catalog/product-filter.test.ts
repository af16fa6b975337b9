import { describe, expect, it } from 'vitest';
import { productPredicate, type Product } from '../../catalog/index.js';

const tokens = () => new Set<string>();
const typeOf = (product: Product) => (product.title.endsWith('Tent') ? 'tent' : product.title.endsWith('Mug') ? 'mug' : undefined);

describe('productPredicate: excluded types and a recipient\'s gender', () => {
  const mens: Product = { id: 'm', title: "Men's Rain Jacket", attributes: { gender: "men's" } };
  const womens: Product = { id: 'w', title: "Women's Rain Jacket", attributes: { gender: "women's" } };
  const candle: Product = { id: 'c', title: 'Scented Candle' };

  it('a gender filter rejects the other gender whether or not missing values pass', () => {
    for (const passIfMissing of [undefined, ['gender']]) {
      const keep = productPredicate({ attributes: { gender: ["women's", 'unisex'] }, ...(passIfMissing ? { passIfMissing } : {}) }, tokens, typeOf);
      expect(keep(mens)).toBe(false);
      expect(keep(womens)).toBe(true);
    }
  });

  it('a product with no gender passes only when the filter says missing values pass', () => {
    expect(productPredicate({ attributes: { gender: ["women's"] } }, tokens, typeOf)(candle)).toBe(false);
    expect(productPredicate({ attributes: { gender: ["women's"] }, passIfMissing: ['gender'] }, tokens, typeOf)(candle)).toBe(true);
  });

  it('excluded types reject their products and keep the rest, including products of no type', () => {
    const keep = productPredicate({ excludedTypes: ['tent'] }, tokens, typeOf);
    expect(keep({ id: 't', title: 'Alpine Tent' })).toBe(false);
    expect(keep({ id: 'g', title: 'Enamel Mug' })).toBe(true);
    expect(keep(candle)).toBe(true);
  });
});
