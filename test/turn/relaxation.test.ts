/**
 * How a search relaxes what the shopper stated when nothing meets it all (turn/relaxation.ts).
 */
import { describe, expect, it } from 'vitest';
import { relaxations, statedConstraints, withoutKinds } from '../../turn/relaxation.js';
import type { ShopVocabulary } from '../../nlu/index.js';
import type { ProductFilters } from '../../catalog/index.js';

const vocabulary = { attributes: [{ name: 'colour', kind: 'colour' }, { name: 'size', kind: 'size' }, { name: 'age', kind: 'age' }] } as unknown as ShopVocabulary;

describe('relaxing a request', () => {
  it('tries everything stated first, then each kind dropped alone, then all of them; a child\'s age goes last', () => {
    const filters: ProductFilters = { types: ['board game'], maxPrice: 20, attributes: { colour: ['blue'], age: ['6+'] }, excludedBrands: ['Kestrel'] };
    expect(statedConstraints(filters, vocabulary)).toEqual(['colour', 'price', 'age']);
    expect(relaxations(filters, vocabulary)).toEqual([[], ['colour'], ['price'], ['age'], ['colour', 'price', 'age']]);
    expect(relaxations({ types: ['tent'] }, vocabulary)).toEqual([[]]);
    expect(relaxations({ maxPrice: 50 }, vocabulary)).toEqual([[], ['price']]);
  });

  it('drops the kinds named and nothing else: never a type, a category or an exclusion', () => {
    const filters = { types: ['tent'], category: 'Outdoor & Camping', minPrice: 10, maxPrice: 200, brands: ['Northpeak'], attributes: { colour: ['green'], size: ['2-person'] }, excludedBrands: ['Kestrel'] };
    const relaxed = withoutKinds(filters, ['price', 'colour', 'brand'], vocabulary);
    expect(relaxed).toEqual({ types: ['tent'], category: 'Outdoor & Camping', attributes: { size: ['2-person'] }, excludedBrands: ['Kestrel'] });
    // The filters it was given are left as they were.
    expect(filters.attributes.colour).toEqual(['green']);
    expect(filters.maxPrice).toBe(200);
  });
});
