/**
 * Hand-written shopper requests labelled with the constraints they state (not with
 * product ids): the satisfying products are derived from the catalog here, by code that
 * shares nothing with the bot's own filters, so the labels stay right when the catalog
 * changes and the bot is not graded by itself.
 *
 *   {"text": "sleping bag for a festival under 80", "kind": "typo", "constraints": {"types": ["sleeping bag"], "maxPrice": 80}}
 *   {"text": "do you sell laptops?", "kind": "not-sold", "notSold": "laptop", "constraints": {}}
 *
 * Constraint fields (all optional; a product must meet every one given): categories, types
 * (title contains one), minPrice, maxPrice, colours / excludedColours and materials /
 * excludedMaterials (the attribute contains one of the words, not as an imitation: "vegan
 * leather" is no leather), brands / excludedBrands,
 * gender ("women" | "men": that or unisex; products without gender pass), size, minRating,
 * excludedTerms (not in title or description).
 */
import type { Product } from '../../catalog/index.js';

export const REQUEST_KINDS = ['direct', 'need', 'gift', 'negation', 'multi', 'typo', 'sort', 'size', 'not-sold'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

export interface RequestConstraints {
  categories?: string[];
  types?: string[];
  minPrice?: number;
  maxPrice?: number;
  colours?: string[];
  excludedColours?: string[];
  materials?: string[];
  excludedMaterials?: string[];
  brands?: string[];
  excludedBrands?: string[];
  gender?: 'women' | 'men';
  size?: string;
  minRating?: number;
  excludedTerms?: string[];
}

export interface ShopperRequest {
  line: number;
  text: string;
  kind: RequestKind;
  constraints: RequestConstraints;
  sort?: 'price-asc' | 'price-desc' | 'rating';
  notSold?: string;
}

const FIELDS: Record<keyof RequestConstraints, 'strings' | 'number' | 'gender' | 'string'> = {
  categories: 'strings', types: 'strings', minPrice: 'number', maxPrice: 'number', colours: 'strings', excludedColours: 'strings',
  materials: 'strings', excludedMaterials: 'strings', brands: 'strings', excludedBrands: 'strings', gender: 'gender', size: 'string',
  minRating: 'number', excludedTerms: 'strings',
};

/** Parses JSONL; every bad line is reported with its number and reason (and nothing is evaluated). */
export function parseShopperRequests(content: string): { requests: ShopperRequest[]; errors: string[] } {
  const requests: ShopperRequest[] = [];
  const errors: string[] = [];
  content.split('\n').forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    let value: Record<string, unknown>;
    try {
      value = JSON.parse(raw) as Record<string, unknown>;
    } catch (error) {
      errors.push(`line ${line}: not JSON (${(error as Error).message})`);
      return;
    }
    const problem = requestProblem(value);
    if (problem) errors.push(`line ${line}: ${problem}`);
    else requests.push({ line, ...(value as unknown as Omit<ShopperRequest, 'line'>) });
  });
  return { requests, errors };
}

function requestProblem(value: Record<string, unknown>): string | undefined {
  if (typeof value.text !== 'string' || value.text.trim() === '') return '"text" must be a non-empty string';
  if (!REQUEST_KINDS.includes(value.kind as RequestKind)) return `"kind" must be one of ${REQUEST_KINDS.join(', ')}`;
  if (value.kind === 'not-sold' && typeof value.notSold !== 'string') return 'a not-sold request needs "notSold"';
  const constraints = value.constraints;
  if (typeof constraints !== 'object' || constraints === null || Array.isArray(constraints)) return '"constraints" must be an object';
  for (const [key, field] of Object.entries(constraints)) {
    const type = FIELDS[key as keyof RequestConstraints];
    if (!type) return `unknown constraint "${key}"`;
    if (type === 'strings' && !(Array.isArray(field) && field.every((v) => typeof v === 'string'))) return `"${key}" must be an array of strings`;
    if (type === 'number' && typeof field !== 'number') return `"${key}" must be a number`;
    if (type === 'gender' && field !== 'women' && field !== 'men') return '"gender" must be "women" or "men"';
    if (type === 'string' && typeof field !== 'string') return `"${key}" must be a string`;
  }
  if (value.sort !== undefined && !['price-asc', 'price-desc', 'rating'].includes(value.sort as string)) return '"sort" must be price-asc, price-desc or rating';
  return undefined;
}

/** Which constraint fields a product breaks (empty: it satisfies the request). */
export function violations(product: Product, c: RequestConstraints): (keyof RequestConstraints)[] {
  const out: (keyof RequestConstraints)[] = [];
  const attr = (name: string) => (product.attributes?.[name] ?? '').toLowerCase();
  const colour = attr('colour') || attr('color');
  const material = attr('material');
  const title = product.title.toLowerCase();
  const containsAny = (text: string, words: readonly string[]) => words.some((w) => text.includes(w.toLowerCase()));
  // A material inside a longer value is that material ("enamelled cast iron" is cast iron), but an
  // imitation of it is not: "vegan leather" is neither leather asked for nor leather ruled out.
  const isMaterial = (value: string, asked: string) => value.includes(asked.toLowerCase()) && !new RegExp(String.raw`\b(?:vegan|faux|fake|imitation|synthetic|artificial|pu) ${asked.toLowerCase()}`).test(value);
  if (c.categories && !c.categories.includes(product.category ?? '')) out.push('categories');
  if (c.types && !c.types.some((t) => titleHasType(title, t))) out.push('types');
  if (c.minPrice !== undefined && !(product.price !== undefined && product.price >= c.minPrice)) out.push('minPrice');
  if (c.maxPrice !== undefined && !(product.price !== undefined && product.price <= c.maxPrice)) out.push('maxPrice');
  if (c.colours && !containsAny(colour, c.colours)) out.push('colours');
  if (c.excludedColours && containsAny(colour, c.excludedColours)) out.push('excludedColours');
  if (c.materials && !c.materials.some((m) => isMaterial(material, m))) out.push('materials');
  if (c.excludedMaterials && c.excludedMaterials.some((m) => isMaterial(material, m))) out.push('excludedMaterials');
  if (c.brands && !c.brands.includes(product.brand ?? '')) out.push('brands');
  if (c.excludedBrands && c.excludedBrands.includes(product.brand ?? '')) out.push('excludedBrands');
  if (c.gender) {
    const gender = attr('gender');
    if (gender && !gender.startsWith(c.gender === 'women' ? 'women' : 'men') && gender !== 'unisex') out.push('gender');
  }
  if (c.size !== undefined && !(attr('sizes') || attr('size')).split(/\s*,\s*/).some((s) => s.toLowerCase() === c.size!.toLowerCase())) out.push('size');
  if (c.minRating !== undefined && !(Number(attr('rating')) >= c.minRating)) out.push('minRating');
  if (c.excludedTerms && containsAny(`${title} ${product.description ?? ''}`.toLowerCase(), c.excludedTerms)) out.push('excludedTerms');
  return out;
}

/** "sleeping bag" in "Trailforge Ember Sleeping Bag"; plural and possessive spellings count ("trekking poles", "chef's knife"). */
function titleHasType(title: string, type: string): boolean {
  const simplify = (s: string) => s.toLowerCase().replace(/['’]s\b/g, '').replace(/s\b/g, '');
  return simplify(title).includes(simplify(type));
}

export function satisfying(products: readonly Product[], constraints: RequestConstraints): Product[] {
  return products.filter((product) => violations(product, constraints).length === 0);
}
