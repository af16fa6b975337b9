/**
 * Which shown product a message is about: "the second one", "the last one", "the blue one",
 * "the Velora one", "the cheapest one", "that one", "it". Position and picks are read against
 * the products the last list showed; "it" is the product the shopper last singled out (viewed,
 * clicked, asked about), or the only one shown. When it could be any of several, the answer is
 * `unclear`, with the products it could be, and the caller asks which.
 *
 *   referenceIn(queryWords('is the second one waterproof?'), shown, undefined, vocabulary)
 *   // { product: shown[1], span: [1, 4], how: 'position' }
 */
import type { Product } from '../catalog/index.js';
import { normalizeText, shopWords, understand, type ShopVocabulary } from '../nlu/index.js';

export type Reference =
  | { product: Product; span: [number, number]; how: 'position' | 'pick' | 'pronoun' }
  | { unclear: Product[]; span: [number, number]; how: 'position' | 'pick' | 'pronoun' };

const POSITIONS: Record<string, number> = {
  first: 1, '1st': 1, top: 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4, fifth: 5, '5th': 5, sixth: 6, '6th': 6, last: -1, final: -1,
};
/** Words a position or a pick is the head of: "the second one", "the 3rd item", "the last pair". */
const HEADS = new Set(['one', 'ones', 'item', 'product', 'option', 'pair', 'choice']);
/** Words a position follows when it orders a list rather than pointing into one: "cheapest first", "sort by newest first". */
const ORDERING = new Set(['cheapest', 'dearest', 'lowest', 'highest', 'newest', 'oldest', 'best', 'biggest', 'smallest', 'priciest', 'sort', 'sorted', 'order', 'ordered', 'rated', 'price']);
/** "number 2", "option 3", "no 4", "item 1". */
const NUMBERED = new Set(['number', 'no', 'option', 'item', 'nr', 'num']);
const CHEAPEST = new Set(['cheapest', 'cheaper', 'cheap', 'least']);
const DEAREST = new Set(['dearest', 'pricier', 'priciest', 'expensive']);
const DETERMINERS = new Set(['the', 'that', 'this']);

/**
 * The shown product a message refers to, if it refers to one. `shown`: the last list, in the
 * order shown; `focus`: the product singled out since that list, if any.
 */
export function referenceIn(words: readonly string[], shown: readonly Product[], focus: Product | undefined, vocabulary: ShopVocabulary): Reference | undefined {
  if (shown.length === 0 && !focus) return undefined;
  // "More like the 2nd one", "any of them", "which of these": about the list, or a new list, not one product.
  const text = words.join(' ');
  if (ABOUT_THE_LIST.test(text)) return undefined;
  const kindWords = shopWords(vocabulary).kindWords;
  return byPosition(words, shown, kindWords) ?? byPick(words, shown, vocabulary) ?? byPronoun(words, shown, focus);
}

const ABOUT_THE_LIST = /\b(?:any|all|none|which|either|both|each|some) of (?:them|these|those|the)\b|\b(?:more|others?|something|anything) (?:like|similar to)\b|\bsimilar to\b/;

function byPosition(words: readonly string[], shown: readonly Product[], kindWords: ReadonlySet<string>): Reference | undefined {
  if (shown.length === 0) return undefined;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    let position: number | undefined;
    let start = i;
    let end = i + 1;
    if (word in POSITIONS) {
      const before = words[i - 1];
      // "The second one", and "the second jacket", "the 3rd tent": a kind the shop sells is a head too.
      const next = words[i + 1] ?? '';
      const head = HEADS.has(next) || (before === 'the' && kindWords.has(next));
      // "the first", "the 2nd one", "first one"; never "cheapest first" or "how long does it last".
      if (!(before === 'the' || head) || ORDERING.has(before ?? '')) continue;
      if ((word === 'last' || word === 'top') && !head && !(before === 'the' && (i + 1 === words.length || !/^[a-z]/.test(words[i + 1] ?? '') || QUESTION_TAIL.has(words[i + 1]!)))) continue;
      position = POSITIONS[word];
      if (before === 'the') start = i - 1;
      if (head) end = i + 2;
    } else if (NUMBERED.has(word) && /^[1-9]$/.test(words[i + 1] ?? '') && (word !== 'no' || i === 0 || DETERMINERS.has(words[i - 1] ?? '') || words[i - 1] === 'about')) {
      position = Number(words[i + 1]);
      if (DETERMINERS.has(words[i - 1] ?? '')) start = i - 1;
      end = i + 2;
    }
    if (position === undefined) continue;
    const index = position < 0 ? shown.length + position : position - 1;
    const product = shown[index];
    // "The sixth one" of five shown: which of them is meant is for the shopper to say.
    return product ? { product, span: [start, end], how: 'position' } : { unclear: [...shown], span: [start, end], how: 'position' };
  }
  return undefined;
}

/** Words that may follow "the last" in a question about it: "is the last waterproof", "what's the last made of". */
const QUESTION_TAIL = new Set(['made', 'waterproof', 'in', 'any', 'good', 'come', 'comes', 'available', 'cost', 'costs', 'like', 'for', 'about']);

/** "The blue one", "the velora one", "the cheapest one", "the men's one": the shown products that have it. */
function byPick(words: readonly string[], shown: readonly Product[], vocabulary: ShopVocabulary): Reference | undefined {
  if (shown.length === 0) return undefined;
  for (let i = 1; i < words.length; i++) {
    // "The red ones" asks for a list of them: a refinement, not one product.
    if (!HEADS.has(words[i]!) || words[i] === 'ones' || words[i - 1]! in POSITIONS) continue;
    // Back to the determiner: "the blue one", "that velora one", "the dark green one".
    let start = i - 1;
    while (start > 0 && start > i - 4 && !DETERMINERS.has(words[start]!)) start--;
    if (!DETERMINERS.has(words[start]!)) continue;
    const picked = words.slice(start + 1, i);
    if (picked.length === 0) continue;
    const matching = shown.filter((product) => hasPick(product, picked, shown, vocabulary));
    if (matching.length === 0) continue;
    const span: [number, number] = [start, i + 1];
    return matching.length === 1 ? { product: matching[0]!, span, how: 'pick' } : { unclear: matching, span, how: 'pick' };
  }
  return undefined;
}

function hasPick(product: Product, picked: readonly string[], shown: readonly Product[], vocabulary: ShopVocabulary): boolean {
  const phrase = picked.join(' ');
  const prices = shown.map((other) => other.price).filter((price): price is number => price !== undefined);
  if (picked.some((word) => CHEAPEST.has(word))) return product.price !== undefined && product.price === Math.min(...prices);
  if (picked.some((word) => DEAREST.has(word))) return product.price !== undefined && product.price === Math.max(...prices);
  if (product.brand && product.brand.toLowerCase().replace(/&/g, 'and').replace(/\s+/g, ' ') === phrase.replace(/&/g, 'and')) return true;
  const { filters } = understand(phrase, vocabulary);
  const colours = filters.attributes?.colour;
  const colour = colourOf(product);
  // The colour said first is the one named ("blue"); the rest are its family (navy, teal): an exact colour picks alone.
  if (colours?.length && colour) {
    const exact = shown.some((other) => sameColour(colourOf(other), colours[0]));
    return exact ? sameColour(colour, colours[0]) : colours.some((value) => sameColour(value, colour));
  }
  const gender = filters.attributes?.gender;
  if (gender?.length) return gender.includes(product.attributes?.gender ?? '');
  if (filters.brands?.length) return filters.brands.some((brand) => brand.toLowerCase() === product.brand?.toLowerCase());
  // A word of its name no other shown product has: "the nimbus one", "the puffer one".
  const titleWords = (item: Product) => new Set(item.title.toLowerCase().split(/[^a-z0-9']+/));
  return picked.every((word) => titleWords(product).has(word)) && shown.filter((other) => picked.every((word) => titleWords(other).has(word))).length < shown.length;
}

/** The product's colour, as the catalog spells it, in lower case. */
export function colourOf(product: Product): string | undefined {
  const entry = Object.entries(product.attributes ?? {}).find(([key]) => /^colou?r$/i.test(key));
  return entry?.[1].trim().toLowerCase();
}

/** One colour however it is spelt: "grey" and "gray", "Navy" and "navy". */
export function sameColour(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && normalizeText(a) === normalizeText(b);
}

const PLURAL_PRONOUNS = new Set(['they', 'them', 'those', 'these', 'their']);

/**
 * "it", "its", "this one", "that one", and "this" or "that" ending the message ("how much is
 * that?"); "they" and "them" too, for what comes in pairs ("are they stretchy?" of jeans).
 */
function byPronoun(words: readonly string[], shown: readonly Product[], focus: Product | undefined): Reference | undefined {
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const demonstrative = (word === 'this' || word === 'that') && (HEADS.has(words[i + 1] ?? '') || i === words.length - 1);
    if (!(word === 'it' || word === 'its' || demonstrative || PLURAL_PRONOUNS.has(word))) continue;
    const span: [number, number] = [i, demonstrative && HEADS.has(words[i + 1] ?? '') ? i + 2 : i + 1];
    if (focus) return { product: focus, span, how: 'pronoun' };
    if (shown.length === 1) return { product: shown[0]!, span, how: 'pronoun' };
    return { unclear: [...shown], span, how: 'pronoun' };
  }
  return undefined;
}
