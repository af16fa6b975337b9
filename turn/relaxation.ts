/**
 * The constraints a shopper states, by kind, and how a search relaxes them when nothing meets
 * them all: one kind dropped at a time, then all of them; never a type, a category or an
 * exclusion. The reply then says which were dropped ("No purple running shoes"), never pretends.
 *
 *   relaxations({ maxPrice: 50, attributes: { colour: ['blue'] } }, vocabulary)
 *   // [[], ['colour'], ['price'], ['colour', 'price']]
 */
import type { ProductFilters } from '../catalog/index.js';
import type { ShopVocabulary } from '../nlu/index.js';

/** The kinds of constraint a shopper states, as replies name them. */
export type ConstraintKind = 'price' | 'colour' | 'material' | 'scent' | 'size' | 'capacity' | 'weight' | 'temperature' | 'gender' | 'age' | 'brand' | 'rating';

/**
 * The droppable kinds of constraint in the filters, in the order they are tried. A child's age
 * goes last: "birthday present for a 2 year old, budget 20" is better answered with toys for a
 * 2 year old a little over the budget than with 10+ jigsaws within it.
 */
export function statedConstraints(filters: ProductFilters, vocabulary: ShopVocabulary): ConstraintKind[] {
  return (['rating', 'colour', 'material', 'scent', 'size', 'capacity', 'weight', 'temperature', 'brand', 'gender', 'price', 'age'] as const).filter((kind) => has(filters, kind, vocabulary));
}

/** Which kinds to drop, in order: none; then each single kind; then all of them. Exclusions and types are never dropped. */
export function relaxations(filters: ProductFilters, vocabulary: ShopVocabulary): ConstraintKind[][] {
  const present = statedConstraints(filters, vocabulary);
  return [[], ...present.map((kind) => [kind]), ...(present.length > 1 ? [present] : [])];
}

function has(filters: ProductFilters, kind: ConstraintKind, vocabulary: ShopVocabulary): boolean {
  switch (kind) {
    case 'price':
      return filters.minPrice !== undefined || filters.maxPrice !== undefined;
    case 'brand':
      return Boolean(filters.brands?.length);
    case 'rating':
      return filters.minRating !== undefined;
    default:
      return attributeNames(vocabulary, kind).some((name) => filters.attributes?.[name]?.length);
  }
}

export function withoutKinds(filters: ProductFilters, kinds: readonly ConstraintKind[], vocabulary: ShopVocabulary): ProductFilters {
  const out: ProductFilters = { ...filters, ...(filters.attributes ? { attributes: { ...filters.attributes } } : {}) };
  for (const kind of kinds) {
    if (kind === 'price') delete out.minPrice, delete out.maxPrice;
    else if (kind === 'brand') delete out.brands;
    else if (kind === 'rating') delete out.minRating;
    else for (const name of attributeNames(vocabulary, kind)) delete out.attributes?.[name];
  }
  return out;
}

/** The catalog's attribute names of one kind ("colour" may be spelled "color" by a shop). */
export function attributeNames(vocabulary: ShopVocabulary, kind: ConstraintKind): string[] {
  return (vocabulary.attributes ?? []).filter((a) => a.kind === kind).map((a) => a.name);
}

