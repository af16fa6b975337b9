import { describe, expect, it } from 'vitest';
import { categoriserTexts, QueryCategoriser } from '../../catalog/query-categoriser.js';
import { deriveProductTypes } from '../../catalog/product-types.js';
import { VectorIndex } from '../../catalog/vector-index.js';
import type { Product } from '../../catalog/schemas.js';

const product = (id: string, title: string, category: string, brand: string, description: string): Product => ({ id, title, category, brand, price: 50, currency: 'USD', description });

describe('QueryCategoriser.textsAbout', () => {
  it("gives a type's own texts and its category's needs, never another category's", () => {
    const products = [
      product('c1', 'Fjellby Vidde Camp Chair', 'Outdoor & Camping', 'Fjellby', 'Black camp chair. Folds flat for the car boot.'),
      product('c2', 'Trailforge Scout Camp Chair', 'Outdoor & Camping', 'Trailforge', 'Blue camp chair. A cup holder on the arm.'),
      product('c3', 'Northpeak Ridge Camp Chair', 'Outdoor & Camping', 'Northpeak', 'Grey camp chair. Sits firm on sand and grass.'),
      product('k1', 'Fjellby Wool Coat', 'Jackets & Coats', 'Fjellby', 'Black wool coat. Warm through a city winter.'),
      product('k2', 'Harbor Wool Coat', 'Jackets & Coats', 'Harbor', 'Navy wool coat. Lined for the office commute.'),
      product('k3', 'Coastline Wool Coat', 'Jackets & Coats', 'Coastline', 'Tan wool coat. Smart over a suit.'),
    ];
    const types = deriveProductTypes(products);
    const needs = [
      { id: 'camp-chair', type: 'camp chair', needs: ['somewhere to sit at a festival'] },
      { id: 'outdoor', category: 'Outdoor & Camping', needs: ['a weekend under canvas'] },
      { id: 'coats', category: 'Jackets & Coats', needs: ['staying warm on the walk to work'] },
    ];
    const { texts } = categoriserTexts(products, types, needs, [{ query: 'folding chair for the beach', productId: 'c2' }]);
    const categoriser = new QueryCategoriser(VectorIndex.create({ dimensions: 4, capacity: texts.length }), texts, new Map([['Outdoor & Camping', ['camp chair']]]));
    const about = categoriser.textsAbout('camp chair');
    expect(about).toEqual(expect.arrayContaining(['Fjellby Vidde Camp Chair', 'Folds flat for the car boot.', 'somewhere to sit at a festival', 'a weekend under canvas', 'folding chair for the beach']));
    expect(about.join(' ')).not.toMatch(/coat|office|walk to work/i);
    expect(categoriser.textsAbout('sofa')).toEqual([]);
  });
});
