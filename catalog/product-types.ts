/**
 * Product types: the head noun phrase that ends a product's title ("... Women's Fleece
 * Jacket" -> "fleece jacket", "... Chef's Knife" -> "chef knife"). A product's own
 * `type` field wins; otherwise the type is the longest title ending (up to three words,
 * never crossing a gender word) shared by at least `minTitles` distinct titles from at
 * least `minBrands` brands, so a product line's name ("Ridge") does not become a type.
 *
 *   const types = deriveProductTypes(products);
 *   types.typeOf.get('OUT-0003')   // 'sleeping bag'
 *   types.types[0]                 // { name: 'backpack', category: 'Bags & Backpacks', plural: 'backpacks', label: 'Backpack', count: 18 }
 */
import { singularize, tokenizeWords } from '../nlu/index.js';
import type { Product } from './schemas.js';

export interface ProductType {
  /** Singular, lower case, as the shopper's words are compared: "sleeping bag", "chef knife". */
  name: string;
  /** The category most of its products are in. */
  category?: string;
  /** How a list of them is named in replies and buttons: "sleeping bags", "jeans", "chef's knives". */
  plural: string;
  /** The type as titles spell it, singular: "Chef's Knife", "Building Blocks Set" (for labels). */
  label: string;
  /** Products of this type. */
  count: number;
}

export interface ProductTypes {
  types: ProductType[];
  /** Product id -> type name. Products whose title ends in no shared type have none. */
  typeOf: Map<string, string>;
}

export interface ProductTypeOptions {
  /** Distinct titles that must end with a phrase for it to be a type. Default 3. */
  minTitles?: number;
  /** Distinct brands among them (when products have brands). Default 2. */
  minBrands?: number;
}

/** Words that qualify who a product is for; a type never reaches past them ("women's parka" -> "parka"). */
const QUALIFIERS = new Set(['men', 'women', 'woman', 'man', 'unisex', 'kid', 'kids', 'girl', 'boy', 'baby', 'mens', 'womens']);
const MAX_TYPE_WORDS = 3;

export function deriveProductTypes(products: readonly Product[], options: ProductTypeOptions = {}): ProductTypes {
  const minTitles = options.minTitles ?? 3;
  const minBrands = options.minBrands ?? 2;
  const stats = new Map<string, { titles: Set<string>; brands: Set<string> }>();
  const tailsByProduct = new Map<string, string[]>();
  for (const product of products) {
    const tails = product.type ? [typeKey(product.type)] : titleTails(product.title);
    tailsByProduct.set(product.id, tails);
    for (const tail of tails) {
      const entry = stats.get(tail) ?? { titles: new Set(), brands: new Set() };
      entry.titles.add(product.title.toLowerCase());
      if (product.brand) entry.brands.add(product.brand.toLowerCase());
      stats.set(tail, entry);
    }
  }
  const shared = (tail: string): boolean => {
    const entry = stats.get(tail)!;
    return entry.titles.size >= minTitles && (entry.brands.size === 0 || entry.brands.size >= minBrands);
  };
  // A head shared by longer types ("jacket" under "rain jacket") names a family, not a type.
  const longer = [...stats.keys()].filter((tail) => tail.includes(' ') && shared(tail));
  const qualifies = (tail: string): boolean => shared(tail) && !longer.some((other) => other.endsWith(` ${tail}`));
  const typeOf = new Map<string, string>();
  const members = new Map<string, Product[]>();
  for (const product of products) {
    const tails = tailsByProduct.get(product.id)!;
    // A type given by the shop is taken as it is; a derived one must be shared.
    const type = product.type ? tails[0] : [...tails].reverse().find(qualifies);
    if (!type) continue;
    typeOf.set(product.id, type);
    members.set(type, [...(members.get(type) ?? []), product]);
  }
  const types = [...members].map(([name, list]): ProductType => {
    const category = mostCommon(list.flatMap((p) => (p.category ? [p.category] : [])));
    // The title's own spelling ("chef's knives") when a member's title ends with the type; a
    // type the shop gave need not end its titles ("Weird Gizmo" of type "travel adapter").
    const titled = list.find((p) => titleTails(p.title).includes(name));
    const label = titled ? titleSpelling(titled, name) : name;
    return { name, ...(category ? { category } : {}), plural: pluralize(label.toLowerCase()), label, count: list.length };
  });
  return { types: types.sort((a, b) => a.name.localeCompare(b.name)), typeOf };
}

/** Singular lower-case words of a type phrase, joined: "Sleeping Bags" -> "sleeping bag". */
export function typeKey(phrase: string): string {
  return tokenizeWords(phrase).map(singularize).join(' ');
}

/**
 * Title endings of 1..3 words, shortest first, stopping at a qualifier or a number. A
 * trailing specification is not part of the type: "Sunscreen SPF 50" -> "sunscreen".
 */
function titleTails(title: string): string[] {
  const words = tokenizeWords(withoutTrailingSpec(title)).map(singularize);
  const tails: string[] = [];
  for (let n = 1; n <= Math.min(MAX_TYPE_WORDS, words.length - 1); n++) {
    const first = words[words.length - n]!;
    if (QUALIFIERS.has(first) || /^\d/.test(first)) break;
    tails.push(words.slice(-n).join(' '));
  }
  return tails;
}

function withoutTrailingSpec(title: string): string {
  const words = title.trim().split(/\s+/);
  let numbers = 0;
  while (words.length > 1 && /\d/.test(words.at(-1)!)) words.pop(), numbers++;
  // An abbreviation that labelled the number ("SPF 50", "No. 5") goes with it.
  if (numbers > 0 && words.length > 1 && /^[A-Z.]{2,4}$/.test(words.at(-1)!)) words.pop();
  return words.join(' ');
}

/** The type as the title spells it: "... Women's Chef's Knife" -> "Chef's Knife", "Sunscreen SPF 50" -> "Sunscreen". */
function titleSpelling(product: Product, type: string): string {
  const n = type.split(' ').length;
  const words = withoutTrailingSpec(product.title).match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? [];
  return words.slice(-n).join(' ').replace(/’/g, "'");
}

/** English plural of a product phrase's last word; words that are already plural stay. */
export function pluralize(phrase: string): string {
  const match = /^(.*?)([\p{L}\p{N}'-]+)$/u.exec(phrase);
  if (!match) return phrase;
  const [, head, last] = match as unknown as [string, string, string];
  return `${head}${pluralWord(last)}`;
}

const ALREADY_PLURAL = /(jeans|pants|trousers|chinos|joggers|shorts|leggings|headphones|earbuds|poles|bands|glasses|scissors|tights|pyjamas|pajamas|goods|clothes|sneakers|trainers|slippers|boots|shoes|socks)$/;

function pluralWord(word: string): string {
  const lower = word.toLowerCase();
  if (ALREADY_PLURAL.test(lower) || /\d/.test(lower)) return word;
  if (/(s|x|z|ch|sh)$/.test(lower)) return `${word}es`;
  if (/[^aeiou]y$/.test(lower)) return `${word.slice(0, -1)}ies`;
  if (/(knife|life)$/.test(lower)) return `${word.slice(0, -2)}ves`;
  return `${word}s`;
}

function mostCommon(values: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}
