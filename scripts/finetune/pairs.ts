/**
 * Training pairs for the bi-encoder, from each kind of shop data. A pair is a query and a
 * text that answers it; `group` names what the text belongs to (an FAQ entry, a product,
 * a need), so the trainer never treats two texts of one group as each other's negatives.
 * `also` names further groups the text answers (a product's text answers the needs its
 * type or category meets), so it is no negative for their queries either.
 *
 *   faqPairs([{ id: 'returns', questions: ['how do I return', 'send it back'], answer }])
 *   // [{ query: 'how do I return', positive: 'send it back', group: 'faq:returns', source: 'faq' }, ...]
 */
import { typeKey, type ProductTypes } from '../../catalog/product-types.js';
import { productText, type FaqEntry, type Need, type Product } from '../../catalog/schemas.js';
import { mulberry32 } from '../seeded-random.js';

export type PairSource = 'pairs' | 'faq' | 'catalog' | 'transcripts' | 'clicks' | 'product-reviews' | 'needs';

export interface TrainingPair {
  query: string;
  positive: string;
  group: string;
  source: PairSource;
  /** Other groups `positive` answers; the trainer never uses it as a negative for their queries. */
  also?: string[];
}

/** A labelled row as a shop supplies it: a positive text, or an FAQ entry to resolve. */
export type PairRow = { query: string; positive: string } | { query: string; faqId: string };

/** Upper bound on positives per phrasing in few-shot mode: an entry with 100 phrasings would otherwise give 9,900 pairs. */
export const MAX_POSITIVES_PER_PHRASING = 12;

/** Upper bound on products per need phrase: a type with 40 products would otherwise pair each phrase 40 times. */
export const MAX_PRODUCTS_PER_NEED_PHRASE = 3;

export const faqGroup = (id: string) => `faq:${id}`;
export const productGroup = (id: string) => `product:${id}`;
/** One group per thing a need names, not per record: two records for one type share their right answers. */
export const needGroup = (need: Need) => (need.type ? `need:type:${typeKey(need.type)}` : `need:category:${need.category!.trim().toLowerCase()}`);

/**
 * Few-shot adaptation from the knowledge base alone (in the spirit of SetFit): the
 * phrasings of one entry are positives for each other; other entries are the negatives.
 */
export function faqPairs(entries: readonly FaqEntry[], random: () => number = mulberry32(1)): TrainingPair[] {
  const pairs: TrainingPair[] = [];
  for (const entry of entries) {
    const phrasings = [...new Set(entry.questions)];
    for (const query of phrasings) {
      const others = phrasings.filter((text) => text !== query);
      for (const positive of sample(others, MAX_POSITIVES_PER_PHRASING, random)) {
        pairs.push({ query, positive, group: faqGroup(entry.id), source: 'faq' });
      }
    }
  }
  return pairs;
}

/**
 * Supplied rows: `{query, positive}` as they are; `{query, faqId}` resolved to one of the
 * entry's phrasings (not the query itself), chosen at random, or to its answer when the
 * entry has no other phrasing. Throws with the row's line for an unknown entry.
 */
export function resolvePairRows(
  rows: readonly { line: number; row: PairRow }[],
  entries: ReadonlyMap<string, FaqEntry>,
  source: PairSource,
  random: () => number = mulberry32(2),
): TrainingPair[] {
  return rows.map(({ line, row }) => {
    if ('positive' in row) return { query: row.query, positive: row.positive, group: `text:${row.positive}`, source };
    const entry = entries.get(row.faqId);
    if (!entry) throw new PairFormatError(line, `faqId "${row.faqId}" is not an FAQ entry${entries.size ? '' : ' (no FAQ was given or stored)'}`);
    const others = entry.questions.filter((text) => text !== row.query);
    const positive = others.length ? others[Math.floor(random() * others.length)]! : entry.answer;
    return { query: row.query, positive, group: faqGroup(entry.id), source };
  });
}

/** Catalog pairs: a product's title as a shopper would type it ↔ the rest of what the shop says about it. */
export function catalogPairs(products: readonly Product[]): TrainingPair[] {
  const pairs: TrainingPair[] = [];
  for (const product of products) {
    const attributes = Object.entries(product.attributes ?? {}).map(([key, value]) => `${key}: ${value}`).join(', ');
    const details = [product.brand, product.category, attributes, product.description].filter((part) => part && part.length > 0).join('. ');
    if (details) pairs.push({ query: product.title, positive: details, group: productGroup(product.id), source: 'catalog' });
  }
  return pairs;
}

/** Shopper queries followed by a click or cart add: the query ↔ the product's text. */
/** Requests with the product they led to: clicks and cart adds (`clicks`), or a reviewer's verdict on a list (`product-reviews`). */
export function clickPairs(clicks: readonly { query: string; productId: string }[], productText: (id: string) => string | undefined, source: 'clicks' | 'product-reviews' = 'clicks'): TrainingPair[] {
  const pairs: TrainingPair[] = [];
  const seen = new Set<string>();
  for (const { query, productId } of clicks) {
    const text = productText(productId);
    const key = `${query}\u0000${productId}`;
    if (!text || seen.has(key)) continue;
    seen.add(key);
    pairs.push({ query, positive: text, group: productGroup(productId), source });
  }
  return pairs;
}

export interface NeedPairs {
  pairs: TrainingPair[];
  /** Product group -> the need groups its product meets: `withAlsoGroups` tags the product's other pairs with them. */
  productNeeds: Map<string, string[]>;
  /** Needs no product meets (a type no product has, a category with no products): they give no pairs. */
  unmatched: Need[];
}

/**
 * Needs-file pairs: each need and gift phrase ↔ the text of a product of the need's type
 * (or category), at most MAX_PRODUCTS_PER_NEED_PHRASE products per phrase, a seeded sample,
 * so different phrases of one need reach different products. The group is the need's type
 * or category: every product of it answers the phrase, so none is a negative for it.
 *
 *   needPairs([{ id: 'tent', type: 'tent', needs: ['somewhere to sleep outdoors'] }], products, deriveProductTypes(products))
 *   // { pairs: [{ query: 'somewhere to sleep outdoors', positive: 'Ridge 2 Tent. ...', group: 'need:type:tent', source: 'needs', also: ['product:OUT-7'] }, ...], ... }
 */
export function needPairs(
  needs: readonly Need[],
  products: readonly Product[],
  types: ProductTypes,
  random: () => number = mulberry32(3),
): NeedPairs {
  const membersOf = (need: Need): Product[] => {
    if (need.type) {
      const type = typeKey(need.type);
      return products.filter((product) => types.typeOf.get(product.id) === type);
    }
    const category = need.category!.trim().toLowerCase();
    return products.filter((product) => product.category?.trim().toLowerCase() === category);
  };
  const members = needs.map((need) => ({ need, group: needGroup(need), products: membersOf(need) }));
  const productNeeds = new Map<string, string[]>();
  for (const { group, products: list } of members) {
    for (const product of list) {
      const groups = productNeeds.get(productGroup(product.id)) ?? [];
      if (!groups.includes(group)) productNeeds.set(productGroup(product.id), [...groups, group]);
    }
  }
  const pairs: TrainingPair[] = [];
  const seen = new Set<string>();
  for (const { need, group, products: list } of members) {
    for (const query of [...need.needs, ...(need.gift ?? [])]) {
      const key = `${group}\u0000${query.toLowerCase()}`;
      if (seen.has(key)) continue;
      seen.add(key);
      for (const product of sample(list, MAX_PRODUCTS_PER_NEED_PHRASE, random)) {
        const also = [productGroup(product.id), ...productNeeds.get(productGroup(product.id))!.filter((other) => other !== group)];
        pairs.push({ query, positive: productText(product), group, source: 'needs', also });
      }
    }
  }
  return { pairs, productNeeds, unmatched: members.filter((m) => m.products.length === 0).map((m) => m.need) };
}

/** The pairs with the extra groups their group's text answers (`NeedPairs.productNeeds`) added to `also`. */
export function withAlsoGroups(pairs: readonly TrainingPair[], extra: ReadonlyMap<string, readonly string[]>): TrainingPair[] {
  return pairs.map((pair) => {
    const groups = extra.get(pair.group)?.filter((group) => group !== pair.group && !pair.also?.includes(group));
    return groups?.length ? { ...pair, also: [...(pair.also ?? []), ...groups] } : pair;
  });
}

export class PairFormatError extends Error {
  constructor(readonly line: number, reason: string) {
    super(`line ${line}: ${reason}`);
    this.name = 'PairFormatError';
  }
}

/**
 * Parses a JSONL file of `{query, positive}` / `{query, faqId}` rows. Every bad row is
 * reported with its line; nothing is trained on when any row is bad.
 */
export function parsePairRows(content: string): { rows: { line: number; row: PairRow }[]; errors: PairFormatError[] } {
  const rows: { line: number; row: PairRow }[] = [];
  const errors: PairFormatError[] = [];
  content.split('\n').forEach((raw, index) => {
    const line = index + 1;
    if (!raw.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      errors.push(new PairFormatError(line, `not valid JSON (${error instanceof Error ? error.message : String(error)})`));
      return;
    }
    const row = value as Record<string, unknown> | null;
    if (!row || typeof row !== 'object' || Array.isArray(row)) {
      errors.push(new PairFormatError(line, 'expected an object {query, positive} or {query, faqId}'));
      return;
    }
    const query = typeof row.query === 'string' ? row.query.trim() : '';
    if (!query) {
      errors.push(new PairFormatError(line, '"query" must be a non-empty string'));
      return;
    }
    if (typeof row.positive === 'string' && row.positive.trim()) rows.push({ line, row: { query, positive: row.positive.trim() } });
    else if (typeof row.faqId === 'string' && row.faqId.trim()) rows.push({ line, row: { query, faqId: row.faqId.trim() } });
    else errors.push(new PairFormatError(line, 'needs "positive" (a non-empty string) or "faqId" (an FAQ entry id)'));
  });
  return { rows, errors };
}

function sample<T>(items: readonly T[], limit: number, random: () => number): T[] {
  if (items.length <= limit) return [...items];
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, limit);
}
