/**
 * Simulated shoppers for `npm run simulate`: each wants one kind of product from the shop's
 * catalog (a type, or a whole category for shoppers who start wide), with hidden preferences (gender where the kind has one, and two or three of colour,
 * price cap, brand and size) that at least one product in stock meets, and at most a fifth of
 * their kind's products. Tastes are shared the
 * way a real shop's are: within a kind, some colours and brands are far more popular than
 * others (a Zipf law over a seeded order), and better-rated products draw more clicks.
 *
 * Their words are written by hand below (openers and ways of stating each preference), picked
 * at random, so that what is measured is the bot's handling of a conversation, not one phrasing.
 *
 *   const shoppers = drawShoppers(kb, vocabulary, 200, 7);
 *   shoppers[0].wants(product)   // meets every hidden preference
 */
import type { KnowledgeBase, Product } from '../../catalog/index.js';
import { understand, type ShopVocabulary } from '../../nlu/index.js';
import { mulberry32 } from '../seeded-random.js';

export type PreferenceKind = 'gender' | 'colour' | 'price' | 'brand' | 'size';

export interface Preference {
  kind: PreferenceKind;
  /** The attribute value, brand, or price cap (as a string of the number). */
  value: string;
}

export interface SimulatedShopper {
  id: number;
  /**
   * What they want: a product type ("trail running shoe"), or a whole category ("Jackets & Coats")
   * when they know only that much, as many shoppers start.
   */
  kind: { scope: 'type' | 'category'; name: string };
  /** What they call it: the type's plural ("trail running shoes"), or the category's word ("jackets"). */
  noun: string;
  /** Every hidden preference, in the order they will tell them. */
  preferences: Preference[];
  /** Told in the first message: the gender, when they have one, most of the time. */
  toldFirst: Preference[];
  /** Look at products of their kind in the shop before they chat (sent as product.view events). */
  browses: Product[];
  /** Products meeting every preference, in stock. */
  matches: ReadonlySet<string>;
  wants(product: { id: string }): boolean;
  /** How much a product draws this shopper's click when they look at it (0..1), from its rating. */
  appeal(product: Product): number;
}

export interface ShopperOptions {
  /** Kinds with at least this many products in stock are wanted. Default 8. */
  minOfKind: number;
  /**
   * The most of their kind's products a shopper's wishes are met by. Default 0.2: as in a real
   * catalog, where a kind has hundreds of products, what one shopper wants is a small part of it;
   * the demo shop has about a dozen of each kind, so wishes met by more than a fifth of them would
   * be met by any list of their kind, and say nothing about the conversation.
   */
  specificShare: number;
  /**
   * Share of shoppers who want a category rather than a type, where the category has a word the
   * shop reads as all of it ("jackets", "watches"). Default 0.5.
   */
  categoryShare: number;
}

export const defaultShopperOptions: ShopperOptions = { minOfKind: 8, specificShare: 0.2, categoryShare: 0.5 };
const SIZE_WORDS: Record<string, string> = { XS: 'extra small', S: 'small', M: 'medium', L: 'large', XL: 'extra large' };

export function drawShoppers(kb: KnowledgeBase, vocabulary: ShopVocabulary, count: number, seed: number, options: Partial<ShopperOptions> = {}): SimulatedShopper[] {
  const { minOfKind, specificShare, categoryShare } = { ...defaultShopperOptions, ...options };
  const random = mulberry32(seed);
  const products = kb.products().filter((product) => product.inStock !== false);
  const byType = new Map<string, Product[]>();
  const byCategory = new Map<string, Product[]>();
  for (const product of products) {
    const type = kb.typeOf(product);
    if (type) byType.set(type, [...(byType.get(type) ?? []), product]);
    if (product.category) byCategory.set(product.category, [...(byCategory.get(product.category) ?? []), product]);
  }
  const types = [...byType].filter(([, members]) => members.length >= minOfKind).map(([type]) => type).sort();
  if (types.length === 0) throw new Error(`simulate: no product type has ${minOfKind} products in stock to shop for`);
  const categories = [...byCategory.keys()].sort().flatMap((category) => {
    const noun = categoryNoun(category, vocabulary);
    return noun && byCategory.get(category)!.length >= minOfKind ? [{ category, noun }] : [];
  });
  // Each kind's colours and brands in a seeded order of popularity.
  const popularity = new Map<string, string[]>();
  const ranked = (key: string, values: readonly string[]) => {
    if (!popularity.has(key)) popularity.set(key, shuffled([...new Set(values)].sort(), random));
    return popularity.get(key)!;
  };
  const shoppers: SimulatedShopper[] = [];
  let attempts = 0;
  while (shoppers.length < count) {
    if (++attempts > count * 50) throw new Error(`simulate: could not draw ${count} shoppers whose wishes the catalog meets`);
    const wide = categories.length > 0 && random() < categoryShare;
    const chosen = wide ? pick(categories, random) : undefined;
    const type = chosen ? undefined : pick(types, random);
    const wanted = chosen ? { scope: 'category' as const, name: chosen.category } : { scope: 'type' as const, name: type! };
    const members = chosen ? byCategory.get(chosen.category)! : byType.get(type!)!;
    const noun = chosen ? chosen.noun : (kb.productTypes.types.find((t) => t.name === type)?.plural ?? type!);
    const preferences: Preference[] = [];
    const genders = values(members, (p) => p.attributes?.gender).filter((g) => g !== 'unisex');
    if (genders.length) preferences.push({ kind: 'gender', value: genders[Math.floor(random() * genders.length)]! });
    const optional: PreferenceKind[] = shuffled(['colour', 'price', 'brand', 'size'] as PreferenceKind[], random).slice(0, 2 + Math.floor(random() * 2));
    for (const kind of optional) {
      if (kind === 'colour') {
        const colours = ranked(`${wanted.name}/colour`, values(members, (p) => p.attributes?.colour));
        if (colours.length > 1) preferences.push({ kind, value: zipf(colours, random) });
      } else if (kind === 'brand') {
        const brands = ranked(`${wanted.name}/brand`, values(members, (p) => p.brand));
        if (brands.length > 1) preferences.push({ kind, value: zipf(brands, random) });
      } else if (kind === 'price') {
        const prices = members.map((p) => p.price).filter((price): price is number => typeof price === 'number').sort((a, b) => a - b);
        if (prices.length) preferences.push({ kind, value: String(Math.ceil(prices[Math.floor((0.3 + 0.6 * random()) * (prices.length - 1))]! / 10) * 10) });
      } else {
        const sizes = values(members, (p) => p.attributes?.sizes).flatMap((list) => list.split(',').map((size) => size.trim()));
        const distinct = [...new Set(sizes)];
        if (distinct.length > 1) preferences.push({ kind, value: distinct[Math.floor(random() * distinct.length)]! });
      }
    }
    const meets = (product: Product) => preferences.every((preference) => meetsPreference(product, preference));
    const matches = new Set(members.filter(meets).map((product) => product.id));
    if (matches.size === 0 || matches.size > specificShare * members.length) continue;
    const id = shoppers.length;
    const toldFirst = preferences.filter((preference) => preference.kind === 'gender' && random() < 0.7);
    // Some shoppers look around the shop first, at things of their kind (half the time ones they like).
    const browses = random() < 0.4 ? [0, 1].map(() => pick(random() < 0.5 ? members.filter(meets) : members, random)) : [];
    shoppers.push({
      id,
      kind: wanted,
      noun,
      preferences,
      toldFirst,
      browses,
      matches,
      wants: (product) => matches.has(product.id),
      appeal: (product) => appeal(product.attributes?.rating),
    });
  }
  return shoppers;
}

/**
 * A word for a whole category that the shop reads as that category and no narrower: a part of its
 * name ("Jackets & Coats": "jackets"), lower case. None when no part reads so ("Kitchen & Cookware").
 */
export function categoryNoun(category: string, vocabulary: ShopVocabulary): string | undefined {
  for (const part of category.split('&').map((p) => p.trim().toLowerCase())) {
    const { filters } = understand(part, vocabulary);
    if (filters.category === category && !filters.types?.length) return part;
  }
  return undefined;
}

export function meetsPreference(product: Product, preference: Preference): boolean {
  const { kind, value } = preference;
  if (kind === 'price') return typeof product.price === 'number' && product.price <= Number(value);
  if (kind === 'brand') return product.brand === value;
  if (kind === 'size') return (product.attributes?.sizes ?? '').split(',').map((size) => size.trim()).includes(value);
  return product.attributes?.[kind] === value;
}

/**
 * Ways shoppers open and state each preference, written by hand. `{noun}` is the kind's plural,
 * `{gender}` "men's" or "women's" when told first.
 */
const OPENERS = [
  "hi, i'm looking for {gender}{noun}",
  'do you have any {gender}{noun}?',
  '{gender}{noun}',
  'i need some new {gender}{noun}',
  'show me {gender}{noun}',
  'have you got {gender}{noun}',
  'looking at {gender}{noun} for myself',
  'what {gender}{noun} do you sell?',
];

const SAYINGS: Record<PreferenceKind, ((value: string) => string)[]> = {
  gender: [(g) => (g === "men's" ? 'for men' : 'for women please'), (g) => `${g} ones`, (g) => `what about ${g}?`],
  colour: [(c) => `in ${c}`, (c) => `any in ${c}?`, (c) => `${c} ones?`, (c) => `what about ${c}`, (c) => `do you have them in ${c}?`],
  price: [(cap) => `under $${cap}`, (cap) => `anything under ${cap} dollars?`, (cap) => `less than $${cap} please`, (cap) => `my budget is $${cap}`],
  brand: [(b) => `any from ${b}?`, (b) => `${b} ones?`, (b) => `what about ${b}`, (b) => `do you have ${b}?`],
  size: [(s) => `in size ${s}`, (s) => `in a ${SIZE_WORDS[s] ?? s}`, (s) => `do you have them in ${SIZE_WORDS[s] ?? s}?`],
};

export function openingLine(shopper: SimulatedShopper, random: () => number): string {
  const gender = shopper.toldFirst.find((preference) => preference.kind === 'gender');
  return pick(OPENERS, random).replace('{gender}', gender ? `${gender.value} ` : '').replace('{noun}', shopper.noun);
}

export function saying(preference: Preference, random: () => number): string {
  return pick(SAYINGS[preference.kind], random)(preference.value);
}

/** A suggested button that states one of these preferences ("blue", "under $80", "Velora running shoes"), when one does. */
export function buttonStating(buttons: readonly string[], preferences: readonly Preference[]): { button: string; preference: Preference } | undefined {
  for (const button of buttons) {
    const text = button.toLowerCase();
    for (const preference of preferences) {
      const value = preference.value.toLowerCase();
      if (preference.kind === 'price') {
        // A cap at or a little below their own (within a fifth): a much lower one would hide what they would buy.
        const cap = /under \$?(\d+(?:\.\d+)?)/.exec(text);
        if (cap && Number(cap[1]) <= Number(preference.value) && Number(cap[1]) >= PRICE_BUTTON_SHARE * Number(preference.value)) return { button, preference };
      } else if (preference.kind === 'size') {
        if (new RegExp(`\\bsize ${escape(value)}\\b`).test(text)) return { button, preference };
      } else if (new RegExp(`(^|[^a-z'])${escape(value)}([^a-z]|$)`).test(text)) return { button, preference };
    }
  }
  return undefined;
}

/** The lowest price cap on a button a shopper presses, as a share of their own. */
const PRICE_BUTTON_SHARE = 0.8;

/** 0.15 at 3 stars or less, 1 at 5 stars; 0.6 unrated (as the synthetic click log, scripts/demo/click-log.ts). */
function appeal(rating: string | undefined): number {
  const stars = Number(rating);
  if (rating === undefined || !Number.isFinite(stars)) return 0.6;
  return Math.min(1, Math.max(0.15, 0.15 + 0.85 * ((stars - 3) / 2) ** 2));
}

function values(products: readonly Product[], of: (product: Product) => string | undefined): string[] {
  return [...new Set(products.map(of).filter((value): value is string => typeof value === 'string' && value !== ''))].sort();
}

/** The first of the list is drawn most: weight 1 / rank. */
function zipf<T>(items: readonly T[], random: () => number): T {
  const weights = items.map((_, i) => 1 / (i + 1));
  let r = random() * weights.reduce((sum, w) => sum + w, 0);
  for (let i = 0; i < items.length; i++) if ((r -= weights[i]!) <= 0) return items[i]!;
  return items[items.length - 1]!;
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)]!;
}

function shuffled<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

