/**
 * The shop's own words for its categories, learned from the catalog: the category names
 * ("Jackets & Coats" -> "jacket", "coat") and the head nouns that end product titles
 * ("... Down Jacket", "... Parka") when most products ending that way share a category.
 *
 *   buildVocabulary(products).categories.find((c) => c.name === 'Jackets & Coats')!.terms
 *   // ['coat', 'down jacket', 'jacket', 'parka', ...]
 */
import { singularize, tokenizeWords, type AttributeKind, type ShopVocabulary } from '../nlu/index.js';
import { splitAttributeValue } from './product-filter.js';
import { deriveProductTypes, type ProductTypes } from './product-types.js';
import type { Product } from './schemas.js';

export interface VocabularyOptions {
  /** Share of a title term's products that must be in one category for it to name that category. Default 0.6. */
  purity?: number;
  /** Products a title term must appear on. Default 2. */
  minProducts?: number;
}

export const defaultVocabularyOptions = { purity: 0.6, minProducts: 2 };

export function buildVocabulary(products: readonly Product[], options: VocabularyOptions = {}, productTypes: ProductTypes = deriveProductTypes(products)): ShopVocabulary {
  const { purity, minProducts } = { ...defaultVocabularyOptions, ...options };
  const termsByCategory = new Map<string, Set<string>>();
  const titleTerms = new Map<string, Map<string, number>>();
  for (const product of products) {
    if (!product.category) continue;
    if (!termsByCategory.has(product.category)) termsByCategory.set(product.category, new Set(categoryNameTerms(product.category)));
    const words = tokenizeWords(product.title).map(singularize);
    const tails = [words.slice(-1), words.slice(-2)].filter((tail) => tail.length > 0 && !tail.some((w) => /^\d/.test(w)));
    for (const tail of tails) {
      const term = tail.join(' ');
      const counts = titleTerms.get(term) ?? new Map<string, number>();
      counts.set(product.category, (counts.get(product.category) ?? 0) + 1);
      titleTerms.set(term, counts);
    }
  }
  const categoryOf = new Map<string, string>();
  for (const [term, counts] of titleTerms) {
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    const [category, count] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!;
    if (total >= minProducts && count / total >= purity && !AMBIGUOUS_HEADS.has(term)) categoryOf.set(term, category);
  }
  const typeNames = new Set(productTypes.types.map((type) => type.name));
  for (const [term, category] of categoryOf) {
    // Two last words that are no type's name add nothing when the last alone names the category:
    // "everyday saucepan" and "men parka" are a model's or a line's name before the type (and the
    // first made "every day" a misspelling of "everyday"); "down jacket" is a type and stays.
    const last = term.split(' ').at(-1)!;
    if (last !== term && categoryOf.get(last) === category && !typeNames.has(term)) continue;
    termsByCategory.get(category)!.add(term);
  }
  return {
    types: typeVocabulary(productTypes),
    categories: [...termsByCategory].map(([name, terms]) => ({ name, terms: [...terms].sort() })),
    brands: [...new Set(products.flatMap((p) => (p.brand ? [p.brand] : [])))].sort(),
    attributes: attributeVocabulary(products),
  };
}

/** Last words of titles too common in shoppers' everyday words to name a type or a category on their own ("my first flat", "a top", "a set of"). */
const AMBIGUOUS_HEADS = new Set(['flat', 'top', 'set', 'layer', 'kit', 'block', 'board', 'game', 'cover', 'pad', 'light', 'lamp', 'band', 'rope', 'oven', 'toy']);
/** Words of category names that shoppers use for other things ("working out at home" is not Home & Bedding). */
const EVERYDAY_CATEGORY_WORDS = new Set(['home']);

/**
 * Each type is named by its own phrase, and by its last word too when no other type ends
 * in that word ("kettle" names "electric kettle"; "jacket" names no single type); a set
 * also by what it is a set of ("duvet cover" names "duvet cover set").
 */
function typeVocabulary({ types }: ProductTypes): NonNullable<ShopVocabulary['types']> {
  const heads = new Map<string, number>();
  for (const { name } of types) heads.set(name.split(' ').at(-1)!, (heads.get(name.split(' ').at(-1)!) ?? 0) + 1);
  return types.map(({ name, category, plural }) => {
    const head = name.split(' ').at(-1)!;
    const terms = head !== name && heads.get(head) === 1 && !AMBIGUOUS_HEADS.has(head) && !types.some((t) => t.name === head) ? [name, head] : [name];
    // "a duvet cover", "towels": a set is asked for by what it is a set of.
    const setOf = name.endsWith(' set') ? name.slice(0, -' set'.length) : undefined;
    if (setOf && !types.some((t) => t.name === setOf)) terms.push(setOf);
    return { name, ...(category ? { category } : {}), plural, terms };
  });
}

/** Attribute names whose meaning query understanding knows, by the names shops use. */
const ATTRIBUTE_KINDS: [RegExp, AttributeKind][] = [
  [/^(colou?rs?|shade)$/i, 'colour'],
  [/^(materials?|fabric|fabrics)$/i, 'material'],
  [/^(sizes?|size range)$/i, 'size'],
  [/^(gender|for|department)$/i, 'gender'],
  [/^(scents?|fragrances?)$/i, 'scent'],
  // "3+", "8+": the youngest age a toy suits.
  [/^(ages?|age range|min(?:imum)? age|recommended age)$/i, 'age'],
  // "2-person", "40 L": how many it sleeps or how much it holds.
  [/^(capacity|volume|sleeps|berth)$/i, 'capacity'],
  // "16 kg", "2 x 5 kg"; "-2 °C": how heavy, and how cold it keeps you warm to.
  [/^(weight|weights?)$/i, 'weight'],
  [/^(temperature|comfort temperature|temperature rating|comfort rating)$/i, 'temperature'],
];

function attributeVocabulary(products: readonly Product[]): NonNullable<ShopVocabulary['attributes']> {
  const valuesByName = new Map<string, Set<string>>();
  for (const product of products) {
    for (const [name, value] of Object.entries(product.attributes ?? {})) {
      if (!ATTRIBUTE_KINDS.some(([pattern]) => pattern.test(name))) continue;
      const values = valuesByName.get(name) ?? new Set<string>();
      for (const item of splitAttributeValue(value)) values.add(item);
      valuesByName.set(name, values);
    }
  }
  return [...valuesByName].map(([name, values]) => ({
    kind: ATTRIBUTE_KINDS.find(([pattern]) => pattern.test(name))![1],
    name,
    values: [...values].sort(),
  }));
}

/** The parts of a category's name: "Jackets & Coats" -> ["Jackets", "Coats"]; "Watches" -> ["Watches"]. */
export function categoryNameParts(name: string): string[] {
  return name.split(/\s*(?:&|,|\/|\band\b)\s*/i).filter((part) => part.trim() !== '');
}

/** "Jackets & Coats" -> ["jacket", "coat"]; "Running Shoes" -> ["running shoe", "shoe"]. */
function categoryNameTerms(name: string): string[] {
  return categoryNameParts(name)
    .flatMap((part) => {
      const words = tokenizeWords(part).map(singularize);
      if (words.length === 0) return [];
      return words.length > 1 ? [words.join(' '), words[words.length - 1]!] : EVERYDAY_CATEGORY_WORDS.has(words[0]!) ? [] : [words[0]!];
    });
}
