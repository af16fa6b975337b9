/** The labels' derivation of satisfying products (scripts/eval/shopper-requests.ts), on catalog rows. */
import { describe, expect, it } from 'vitest';
import type { Product } from '../../catalog/index.js';
import { violations } from '../../scripts/eval/shopper-requests.js';

const bag = (material: string): Product => ({ id: material, title: 'Urban Mule Crossbody Bag', category: 'Bags & Backpacks', price: 50, attributes: { material, colour: 'black' } }) as Product;

describe('shopper request labels', () => {
  it('read a material inside a longer value, but not an imitation of it', () => {
    expect(violations(bag('full-grain leather'), { materials: ['leather'] })).toEqual([]);
    expect(violations(bag('vegan leather'), { materials: ['leather'] })).toEqual(['materials']);
    expect(violations(bag('vegan leather'), { excludedMaterials: ['leather'] })).toEqual([]);
    expect(violations(bag('full-grain leather'), { excludedMaterials: ['leather'] })).toEqual(['excludedMaterials']);
    expect(violations(bag('vegan leather'), { materials: ['vegan leather'] })).toEqual([]);
  });
});
