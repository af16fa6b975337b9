/**
 * The next question for a list with more matches than it shows: for a list of several kinds, which
 * kind (`kindQuestion`); for one kind, the facet that splits the
 * matching products best (colour, brand, size, price band, material, gender), asked with its
 * commonest values as buttons. "Splits best" is information gain: how many bits the shopper's
 * answer is expected to take off the matching products (`informationGain`). A facet the shopper
 * already constrained is not asked again.
 *
 *   guidedQuestion(found, 'running shoes', kb, vocabulary)
 *   // { facet: 'colour', question: 'Any colour in mind?', values: ['black', 'blue', 'white'],
 *   //   buttons: ['black running shoes', 'blue running shoes', 'white running shoes'], gain: 1.9, candidates: 24 }
 */
import { splitAttributeValue, type KnowledgeBase, type Product } from '../catalog/index.js';
import type { ShopVocabulary } from '../nlu/index.js';
import { catalogCurrency, kindRequests, money, niceRound, pluralOf } from './product-claims.js';
import type { ProductResult } from './shopping.js';

export interface GuidedQuestion {
  /** 'brand', 'price', or the attribute's name ('colour', 'sizes'). */
  facet: string;
  /** Said before the list: "Any colour in mind?" */
  question: string;
  /** The values offered, commonest first (price: the caps). */
  values: string[];
  /** One whole request per value, so that each button stands alone as a message. */
  buttons: string[];
  /** Bits the answer is expected to take off the candidates. */
  gain: number;
  /** Products meeting the list's filters: what the question splits. */
  candidates: number;
}

/** Asked only of lists with more matches than this (a list shows 6). */
export const MIN_CANDIDATES_TO_ASK = 8;
/** Values offered as buttons. */
const VALUES_OFFERED = 3;
/** A facet is asked about only when this share of the candidates has a value for it. */
const MIN_COVERAGE = 0.8;
/** The attribute kinds a shopper chooses by; ratings and measurements are not asked. */
const ASKED_KINDS = ['colour', 'size', 'material', 'gender'] as const;
/** Ties (within 0.01 bit) go to the facet shoppers most often choose by. */
const PREFERENCE = ['colour', 'brand', 'size', 'price', 'material', 'gender'];

const QUESTIONS: Record<string, string> = {
  type: 'Which kind are you after?',
  colour: 'Any colour in mind?',
  brand: 'Any brand you prefer?',
  size: 'What size are you after?',
  price: 'What would you like to spend?',
  material: 'Any material you prefer?',
  gender: 'Who are they for?',
};

interface Facet {
  facet: string;
  kind: string;
  valuesOf(product: Product): string[];
}

export function guidedQuestion(found: ProductResult, noun: string, kb: KnowledgeBase, vocabulary: ShopVocabulary): GuidedQuestion | undefined {
  if (found.total <= MIN_CANDIDATES_TO_ASK || found.steering) return undefined;
  const { filters } = found;
  const keep = kb.predicate(filters);
  const candidates = kb.products().filter(keep);
  if (candidates.length <= MIN_CANDIDATES_TO_ASK) return undefined;
  const facets: Facet[] = [];
  if (!filters.brands?.length) facets.push({ facet: 'brand', kind: 'brand', valuesOf: (p) => (p.brand ? [p.brand] : []) });
  for (const kind of ASKED_KINDS) {
    for (const attribute of (vocabulary.attributes ?? []).filter((a) => a.kind === kind)) {
      if (filters.attributes?.[attribute.name]?.length) continue;
      facets.push({ facet: attribute.name, kind, valuesOf: (p) => (p.attributes?.[attribute.name] ? splitAttributeValue(p.attributes[attribute.name]!).map((v) => v.toLowerCase()) : []) });
    }
  }
  let best: GuidedQuestion | undefined;
  for (const facet of facets) {
    const asked = askAbout(facet, candidates, noun);
    if (!asked) continue;
    const better = !best || asked.gain > best.gain + 0.01 || (Math.abs(asked.gain - best.gain) <= 0.01 && PREFERENCE.indexOf(kindOf(asked.facet, facets)) < PREFERENCE.indexOf(kindOf(best.facet, facets)));
    if (better) best = asked;
  }
  if (filters.maxPrice === undefined && filters.minPrice === undefined) {
    const price = askAboutPrice(candidates, noun, kb);
    if (price && (!best || price.gain > best.gain + 0.01)) best = price;
  }
  return best;
}

/**
 * The question for a list of several kinds ("jackets": down jackets, parkas, rain jackets): which
 * kind, its buttons the kinds shown, each a request of its own (the list's refinements). Its gain
 * is over every product the list's filters meet, by kind.
 */
export function kindQuestion(found: ProductResult, kb: KnowledgeBase): GuidedQuestion | undefined {
  if (found.total <= MIN_CANDIDATES_TO_ASK) return undefined;
  const kinds = kindRequests(found, kb);
  if (kinds.length < 2) return undefined;
  const counts = new Map<string, number>();
  const candidates = kb.products().filter(kb.predicate(found.filters));
  for (const product of candidates) {
    const type = kb.typeOf(product);
    if (type) counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  const gain = informationGain([...counts.values()], candidates.length);
  if (gain <= 0) return undefined;
  const offered = kinds.slice(0, VALUES_OFFERED);
  return {
    facet: 'type',
    question: QUESTIONS.type!,
    values: offered.map(({ type }) => pluralOf(type, kb)),
    buttons: offered.map(({ request }) => request),
    gain,
    candidates: candidates.length,
  };
}

function kindOf(facet: string, facets: readonly Facet[]): string {
  return facet === 'price' ? 'price' : (facets.find((f) => f.facet === facet)?.kind ?? facet);
}

function askAbout(facet: Facet, candidates: readonly Product[], noun: string): GuidedQuestion | undefined {
  const counts = new Map<string, number>();
  let covered = 0;
  for (const product of candidates) {
    const values = [...new Set(facet.valuesOf(product))];
    if (values.length) covered++;
    for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  if (counts.size < 2 || covered < MIN_COVERAGE * candidates.length) return undefined;
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const gain = informationGain(ranked.map(([, n]) => n), candidates.length);
  if (gain <= 0) return undefined;
  const values = ranked.slice(0, VALUES_OFFERED).map(([value]) => value);
  const buttons = values.map((value) => (facet.kind === 'size' ? `${noun} in size ${value.toUpperCase() === value || /\d/.test(value) ? value : value.toUpperCase()}` : `${value} ${noun}`));
  return { facet: facet.facet, question: QUESTIONS[facet.kind]!, values, buttons, gain, candidates: candidates.length };
}

/** Prices in three bands at the terciles, offered as the two caps that split them. */
function askAboutPrice(candidates: readonly Product[], noun: string, kb: KnowledgeBase): GuidedQuestion | undefined {
  const prices = candidates.map((p) => p.price).filter((p): p is number => typeof p === 'number').sort((a, b) => a - b);
  if (prices.length < MIN_COVERAGE * candidates.length) return undefined;
  const caps = [...new Set([1 / 3, 2 / 3].map((q) => niceRound(prices[Math.floor(q * (prices.length - 1))]!)))].filter((cap) => cap > prices[0]! && cap <= prices.at(-1)!);
  if (caps.length === 0) return undefined;
  const bands = [...caps, Infinity].map((cap, i) => prices.filter((p) => p < cap && (i === 0 || p >= caps[i - 1]!)).length);
  const gain = informationGain(bands, prices.length);
  const currency = catalogCurrency(kb);
  return { facet: 'price', question: QUESTIONS.price!, values: caps.map(String), buttons: caps.map((cap) => `${noun} under ${money(cap, currency)}`), gain, candidates: candidates.length };
}

/**
 * The expected bits an answer takes off the candidates: with `counts[v]` of the `total` having
 * value v, and answers as likely as the products having them, the mean of log2(total / counts[v]).
 * For a facet where each product has one value it is the entropy of the split; for a list value
 * every product has all of (each shoe in every size) it is 0: asking would narrow nothing.
 */
export function informationGain(counts: readonly number[], total: number): number {
  const sum = counts.reduce((s, n) => s + n, 0);
  if (sum === 0 || total === 0) return 0;
  return counts.filter((n) => n > 0).reduce((bits, n) => bits + (n / sum) * Math.log2(total / n), 0);
}
