/**
 * Query categorisation: which product types (and categories) a shopper's words are
 * about, even when they name no product ("something to keep the kids busy on a rainy
 * afternoon" -> jigsaw puzzle, board game, ...). It is a nearest-neighbour classifier
 * trained from the shop's own data: every text that says what a type is — the needs
 * and gift phrases a catalog manager wrote, distinct product titles, description
 * sentences, and queries that led to a click — is embedded into one HNSW index and
 * labelled with its type. A query's score for a type is its best cosine to that type's
 * texts; the text that gave it is kept as the evidence (a reply can quote it).
 *
 *   const ranked = categoriser.classify(vector);
 *   ranked.types[0] // { type: 'jigsaw puzzle', category: 'Toys & Games', score: 0.71, evidence: { source: 'need', text: 'keep the kids busy on a rainy afternoon' } }
 */
import type { Need, Product } from './schemas.js';
import type { ProductTypes } from './product-types.js';
import { typeKey } from './product-types.js';
import type { VectorIndex } from './vector-index.js';

export type EvidenceSource = 'need' | 'gift' | 'title' | 'description' | 'click';

export interface CategoriserText {
  text: string;
  source: EvidenceSource;
  /** Product type name, or undefined for a category-wide need. */
  type?: string;
  category?: string;
}

export interface TypeScore {
  type: string;
  category?: string;
  score: number;
  evidence: { source: EvidenceSource; text: string };
  /** Best cosine to one of its gift phrases (0 when it has none): how well it fits a gift request. */
  giftScore: number;
  /**
   * Best cosine to a text of the type's own (not a category-wide need; 0 when none is near):
   * breaks the ties a category-wide need leaves among its category's types.
   */
  ownScore: number;
}

export interface CategoryScore {
  category: string;
  score: number;
  evidence: { source: EvidenceSource; text: string };
}

/** Description sentences kept per type: enough to cover its uses, few enough to keep the index small. */
const SENTENCES_PER_TYPE = 12;
/** Neighbours read per query: 40 and 60 gave the same P@5 on the tuning and dev halves of the shopper requests; 40 reads less. */
const NEIGHBOURS = 40;

/** The labelled texts the categoriser is trained on, from the catalog, the needs file and clicks. */
export function categoriserTexts(
  products: readonly Product[],
  types: ProductTypes,
  needs: readonly Need[],
  clicks: readonly { query: string; productId: string }[] = [],
): { texts: CategoriserText[]; unknownTypes: string[] } {
  const categoryOf = new Map(types.types.map((t) => [t.name, t.category]));
  const texts: CategoriserText[] = [];
  const seen = new Set<string>();
  const add = (text: CategoriserText) => {
    const key = `${text.type ?? ''}\u0000${text.category ?? ''}\u0000${text.source}\u0000${text.text.toLowerCase()}`;
    if (seen.has(key)) return;
    seen.add(key);
    texts.push(text);
  };
  const unknownTypes: string[] = [];
  for (const need of needs) {
    const type = need.type ? typeKey(need.type) : undefined;
    if (type && !categoryOf.has(type)) {
      unknownTypes.push(need.type!);
      continue;
    }
    const category = type ? categoryOf.get(type) : need.category;
    const label = { ...(type ? { type } : {}), ...(category ? { category } : {}) };
    for (const text of need.needs) add({ text, source: 'need', ...label });
    for (const text of need.gift ?? []) add({ text, source: 'gift', ...label });
  }
  const sentences = new Map<string, number>();
  const productsById = new Map(products.map((p) => [p.id, p]));
  for (const product of products) {
    const type = types.typeOf.get(product.id);
    if (!type) continue;
    const label = { type, ...(categoryOf.get(type) ? { category: categoryOf.get(type)! } : {}) };
    add({ text: product.title, source: 'title', ...label });
    for (const sentence of (product.description ?? '').split(/(?<=[.!?])\s+/).slice(1)) {
      // The first sentence names colour and material; the rest say what the product is for.
      const count = sentences.get(type) ?? 0;
      if (count >= SENTENCES_PER_TYPE || sentence.length < 20) continue;
      const before = texts.length;
      add({ text: sentence, source: 'description', ...label });
      if (texts.length > before) sentences.set(type, count + 1);
    }
  }
  for (const { query, productId } of clicks) {
    const product = productsById.get(productId);
    const type = product && types.typeOf.get(product.id);
    if (type) add({ text: query, source: 'click', type, ...(categoryOf.get(type) ? { category: categoryOf.get(type)! } : {}) });
  }
  return { texts, unknownTypes: [...new Set(unknownTypes)] };
}

export class QueryCategoriser {
  private readonly giftTypes: ReadonlySet<string>;
  /** One turn classifies its query vector more than once (category check, steering): its answers are kept, per sources and texts left out. */
  private readonly recent = new WeakMap<ArrayLike<number>, Map<string, { types: TypeScore[]; categories: CategoryScore[] }>>();

  constructor(
    private readonly index: VectorIndex,
    /** Index label = position in this list. */
    private readonly texts: readonly CategoriserText[],
    private readonly typesOfCategory: ReadonlyMap<string, readonly string[]>,
  ) {
    this.giftTypes = new Set(
      texts.flatMap((t) => (t.source === 'gift' ? (t.type ? [t.type] : [...(typesOfCategory.get(t.category ?? '') ?? [])]) : [])),
    );
  }

  get size(): number {
    return this.texts.length;
  }

  /**
   * Types and categories by their best neighbour, best first. A category-wide need counts
   * for every type of that category; among types it ties, the best text of their own decides.
   * Only texts of the given sources count, and none that `unlessItSays` matches.
   */
  classify(vector: ArrayLike<number>, sources?: readonly EvidenceSource[], unlessItSays?: RegExp): { types: TypeScore[]; categories: CategoryScore[] } {
    if (this.texts.length === 0) return { types: [], categories: [] };
    const key = `${sources?.join(',') ?? ''}|${unlessItSays?.source ?? ''}`;
    let answers = this.recent.get(vector);
    const cached = answers?.get(key);
    if (cached) return cached;
    const byType = new Map<string, TypeScore>();
    const byCategory = new Map<string, CategoryScore>();
    // Texts left out leave fewer neighbours: read twice as many then.
    for (const { label, score } of this.index.search(vector, Math.min(unlessItSays ? NEIGHBOURS * 2 : NEIGHBOURS, this.texts.length))) {
      const text = this.texts[label];
      if (!text || (sources && !sources.includes(text.source)) || unlessItSays?.test(text.text)) continue;
      const evidence = { source: text.source, text: text.text };
      if (text.category) {
        const seen = byCategory.get(text.category);
        if (!seen || score > seen.score) byCategory.set(text.category, { category: text.category, score, evidence });
      }
      const types = text.type ? [text.type] : text.category ? (this.typesOfCategory.get(text.category) ?? []) : [];
      for (const type of types) {
        const seen = byType.get(type);
        const gift = text.source === 'gift' ? score : 0;
        const own = text.type ? score : 0;
        if (!seen) byType.set(type, { type, ...(text.category ? { category: text.category } : {}), score, evidence, giftScore: gift, ownScore: own });
        else {
          seen.giftScore = Math.max(seen.giftScore, gift);
          seen.ownScore = Math.max(seen.ownScore, own);
          // A type's own text is better evidence than its category's at the same score.
          if (score > seen.score) Object.assign(seen, { score, evidence });
        }
      }
    }
    const ranked = {
      // "tops for the summer" fits every top alike; "sleeveless top for hot weather" says which.
      types: [...byType.values()].sort((a, b) => b.score - a.score || b.ownScore - a.ownScore),
      categories: [...byCategory.values()].sort((a, b) => b.score - a.score),
    };
    if (!answers) this.recent.set(vector, (answers = new Map()));
    answers.set(key, ranked);
    return ranked;
  }

  /**
   * Every text that says what a type is or is for: its own (titles, description sentences, needs,
   * gift phrases, searches that led to it) and its category's needs.
   */
  textsAbout(type: string): string[] {
    const category = this.texts.find((text) => text.type === type)?.category;
    return this.texts.filter((text) => text.type === type || (text.type === undefined && category !== undefined && text.category === category)).map((text) => text.text);
  }

  /** Whether a type has any gift phrase (only those are offered for an open gift request). */
  giftable(type: string): boolean {
    return this.giftTypes.has(type);
  }
}
