import { describe, expect, it } from 'vitest';
import { deriveProductTypes, pluralize, typeKey, type Product } from '../../catalog/index.js';

const product = (id: string, title: string, brand?: string, extra: Partial<Product> = {}): Product => ({ id, title, ...(brand ? { brand } : {}), ...extra });

describe('deriveProductTypes', () => {
  it('takes the longest title ending shared by at least 3 titles from at least 2 brands', () => {
    const { types, typeOf } = deriveProductTypes([
      product('b1', 'Ridge 30L Trail Backpack', 'Alpha', { category: 'Bags' }),
      product('b2', 'Summit Daypack Trail Backpack', 'Beta', { category: 'Bags' }),
      product('b3', 'Ridge Lite Trail Backpack', 'Alpha', { category: 'Outdoor' }),
      product('b4', 'Ridge Lite Trail Backpack', 'Alpha', { category: 'Bags' }),
    ]);
    // "backpack" is shared too, but "trail backpack" is longer; "30l ..." stops at the number.
    expect(typeOf.get('b1')).toBe('trail backpack');
    expect(types).toEqual([{ name: 'trail backpack', category: 'Bags', plural: 'trail backpacks', label: 'Trail Backpack', count: 4 }]);
  });

  it('needs 3 distinct titles: two titles, even from two brands, make no type', () => {
    const { types } = deriveProductTypes([
      product('a', 'Alpine Camp Stove', 'Alpha'),
      product('b', 'Basecamp Camp Stove', 'Beta'),
      product('c', 'Basecamp Camp Stove', 'Beta'),
    ]);
    expect(types).toEqual([]);
  });

  it('stops at a gender word, so "Women\'s Fleece Jacket" is a fleece jacket', () => {
    const { typeOf, types } = deriveProductTypes([
      product('w1', "Ridge Women's Fleece Jacket", 'Alpha'),
      product('w2', "Cove Women's Fleece Jacket", 'Beta'),
      product('w3', "Harbor Women's Fleece Jacket", 'Gamma'),
      product('m1', "Harbor Men's Fleece Jacket", 'Gamma'),
    ]);
    expect(typeOf.get('w1')).toBe('fleece jacket');
    expect(typeOf.get('m1')).toBe('fleece jacket');
    expect(types.map((t) => t.name)).toEqual(['fleece jacket']);
    expect(types[0]!.count).toBe(4);
  });

  it('leaves a trailing specification out of the type: "Sunscreen SPF 50" is a sunscreen', () => {
    const { typeOf, types } = deriveProductTypes([
      product('s1', 'Sunny Sunscreen SPF 50', 'Alpha'),
      product('s2', 'Beach Sunscreen SPF 30', 'Beta'),
      product('s3', 'Kids Sunscreen SPF 50+', 'Gamma'),
    ]);
    expect([...typeOf.values()]).toEqual(['sunscreen', 'sunscreen', 'sunscreen']);
    expect(types[0]).toMatchObject({ name: 'sunscreen', plural: 'sunscreens', label: 'Sunscreen' });
  });

  it("uses a product's own type field over its title", () => {
    const { typeOf, types } = deriveProductTypes([
      product('t1', 'Weird Gizmo', 'Alpha', { type: 'Travel Adapters', category: 'Travel' }),
      product('k1', 'Forge Camp Kettle', 'Alpha'),
      product('k2', 'Blaze Camp Kettle', 'Beta'),
      product('k3', 'Ember Camp Kettle', 'Gamma', { type: 'Stove Kettle' }),
    ]);
    // Taken as given, even alone (one title, one brand).
    expect(typeOf.get('t1')).toBe('travel adapter');
    expect(types.find((t) => t.name === 'travel adapter')).toEqual({ name: 'travel adapter', category: 'Travel', plural: 'travel adapters', label: 'travel adapter', count: 1 });
    // k3's title ends "camp kettle" but its type field says otherwise; without it, only two titles remain.
    expect(typeOf.get('k3')).toBe('stove kettle');
    expect(typeOf.has('k1')).toBe(false);
  });

  it('does not make a type of a line name that only one brand uses', () => {
    const { typeOf, types } = deriveProductTypes([
      product('n1', 'Trail Pack Nova', 'Alpha'),
      product('n2', 'Camp Lantern Nova', 'Alpha'),
      product('n3', 'Summit Tent Nova', 'Alpha'),
      product('n4', 'Ridge Tent Nova', 'Alpha'),
    ]);
    expect(typeOf.size).toBe(0);
    expect(types).toEqual([]);
  });

  it("spells the plural as the title does: \"chef's knives\"", () => {
    const { types, typeOf } = deriveProductTypes([
      product('c1', "Forge Chef's Knife", 'Alpha'),
      product('c2', "Blade Chef's Knife", 'Beta'),
      product('c3', "Santoku Chef’s Knife", 'Gamma'),
    ]);
    expect(typeOf.get('c3')).toBe('chef knife');
    expect(types).toEqual([{ name: 'chef knife', plural: "chef's knives", label: "Chef's Knife", count: 3 }]);
  });
});

describe('pluralize and typeKey', () => {
  it.each([
    ["chef's knife", "chef's knives"],
    ['jeans', 'jeans'],
    ['slim jeans', 'slim jeans'],
    ['headphones', 'headphones'],
    ['dress', 'dresses'],
    ['watch', 'watches'],
    ['sleeping bag', 'sleeping bags'],
    ['puppy', 'puppies'],
    ['hiking boots', 'hiking boots'],
  ])('%s -> %s', (singular, plural) => {
    expect(pluralize(singular)).toBe(plural);
  });

  it('keys a type phrase by its singular lower-case words', () => {
    expect(typeKey('Sleeping Bags')).toBe('sleeping bag');
    expect(typeKey("Chef's Knives")).toBe('chef knife');
    expect(typeKey('Dresses')).toBe('dress');
  });
});
