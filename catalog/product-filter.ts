/**
 * Turns query filters into a predicate over products, applied inside the HNSW and BM25
 * searches so a filtered result list is still full-length. Attribute values match the
 * catalog's value exactly (case-insensitive) or one item of a list value ("S, M, L").
 *
 *   const keep = productPredicate({ maxPrice: 80, attributes: { colour: ['blue'] } }, tokensOf);
 *   keep({ id: 'a', title: 'Trail shoe', price: 79, attributes: { colour: 'Blue' } }) // true
 */
import type { QueryFilters } from '../nlu/index.js';
import type { Product } from './schemas.js';

export interface ProductFilters extends QueryFilters {
  /** Only products in stock (products with no stock information pass). */
  inStockOnly?: boolean;
  excludeIds?: readonly string[];
}

export function hasActiveFilters(filters: ProductFilters | undefined): filters is ProductFilters {
  if (!filters) return false;
  return Object.values(filters).some((value) => value !== undefined && value !== false && !(Array.isArray(value) && value.length === 0) &&
    !(typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0));
}

/**
 * `tokensOf(product)` gives the product's lexical tokens (for excluded terms) and `typeOf(product)` its type
 * (for `types`); both are computed by the caller once per product.
 */
export function productPredicate(
  filters: ProductFilters,
  tokensOf: (product: Product) => ReadonlySet<string>,
  typeOf: (product: Product) => string | undefined = () => undefined,
): (product: Product) => boolean {
  const types = filters.types && filters.types.length > 0 ? new Set(filters.types) : undefined;
  const excludedTypes = filters.excludedTypes && filters.excludedTypes.length > 0 ? new Set(filters.excludedTypes) : undefined;
  const excludedIds = new Set(filters.excludeIds ?? []);
  const brands = lowerSet(filters.brands);
  const excludedBrands = lowerSet(filters.excludedBrands);
  const optional = new Set(filters.passIfMissing ?? []);
  const wanted = Object.entries(filters.attributes ?? {}).filter(([, values]) => values.length > 0).map(([name, values]) => [name, lowerSet(values)!] as const);
  const unwanted = Object.entries(filters.excludedAttributes ?? {}).map(([name, values]) => [name, lowerSet(values)!] as const);
  const { minPrice, maxPrice, category, inStockOnly, excludedTerms } = filters;
  return (product) => {
    if (excludedIds.has(product.id)) return false;
    if (category !== undefined && product.category !== category) return false;
    if (types) {
      const type = typeOf(product);
      if (type === undefined || !types.has(type)) return false;
    }
    if (excludedTypes) {
      const type = typeOf(product);
      if (type !== undefined && excludedTypes.has(type)) return false;
    }
    if (minPrice !== undefined && (product.price === undefined || product.price < minPrice)) return false;
    if (maxPrice !== undefined && (product.price === undefined || product.price > maxPrice)) return false;
    if (inStockOnly && product.inStock === false) return false;
    if (filters.minRating !== undefined && !(Number(product.attributes?.rating) >= filters.minRating)) return false;
    const brand = product.brand?.toLowerCase();
    if (brands && (brand === undefined || !brands.has(brand))) return false;
    if (excludedBrands && brand !== undefined && excludedBrands.has(brand)) return false;
    for (const [name, values] of wanted) {
      if (optional.has(name) && product.attributes?.[name] === undefined) continue;
      if (!attributeMatches(product, name, values)) return false;
    }
    for (const [name, values] of unwanted) if (attributeMatches(product, name, values)) return false;
    if (excludedTerms?.length) {
      const tokens = tokensOf(product);
      if (excludedTerms.some((term) => tokens.has(term))) return false;
    }
    return true;
  };
}

function attributeMatches(product: Product, name: string, values: ReadonlySet<string>): boolean {
  const value = product.attributes?.[name];
  if (value === undefined) return false;
  return splitAttributeValue(value).some((item) => values.has(item.toLowerCase()));
}

/** "S, M, L" -> ['S', 'M', 'L']; "sage green" -> ['sage green']. */
export function splitAttributeValue(value: string): string[] {
  return value.split(/\s*[,;/|]\s*/).map((item) => item.trim()).filter((item) => item !== '');
}

function lowerSet(values: readonly string[] | undefined): Set<string> | undefined {
  return values && values.length > 0 ? new Set(values.map((v) => v.toLowerCase())) : undefined;
}
