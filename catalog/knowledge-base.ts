/**
 * The searchable snapshot of one shop: the FAQ (phrasing index, hybrid matcher and its
 * calibration) and the products (HNSW index plus BM25), with the rows they point to held
 * in memory. A new snapshot is built beside the old one and swapped in whole, so a search
 * never sees half an update.
 *
 *   kb.searchFaq({ vector, tokens: lexicalTokens(text) }, 3) // [{ entry: { id: 'returns-policy', ... }, score: 0.82, ... }]
 *   kb.searchProducts({ vector, tokens }, { k: 8, filters: { maxPrice: 100, category: 'Jackets & Coats' } })
 */
import { dot, lexicalTokens } from '../nlu/index.js';
import { UNCALIBRATED, type FaqCalibration } from './faq-calibration.js';
import type { FaqHit, FaqMatcher, FaqQuery } from './faq-matcher.js';
import { LexicalIndex } from './lexical-index.js';
import { hasActiveFilters, productPredicate, type ProductFilters } from './product-filter.js';
import { deriveProductTypes, type ProductTypes } from './product-types.js';
import type { QueryCategoriser } from './query-categoriser.js';
import { productLexicalText, type FaqEntry, type Product } from './schemas.js';
import type { LabelledProduct } from './store.js';
import type { VectorIndex } from './vector-index.js';

export type { FaqHit, FaqQuery } from './faq-matcher.js';
export type { ProductFilters } from './product-filter.js';

export interface ProductHit {
  product: Product;
  /** Fused score: (1 - lexicalWeight) * cosine + lexicalWeight * normalised BM25 (ranks the list). */
  score: number;
  /** The dense cosine alone: on the same scale as FAQ cosines, for deciding between products and answers. */
  cosine: number;
}

export interface ProductQuery {
  vector: ArrayLike<number>;
  /** `lexicalTokens(text)`; empty for a dense-only search (e.g. "more like this"). */
  tokens?: readonly string[];
}

export interface ProductSearchOptions {
  k: number;
  filters?: ProductFilters;
  /**
   * The shopper's session vector (what they engaged with): the dense side is also searched with
   * the query blended with it, and what that finds joins the candidates, each still scored by the
   * query alone. Whether they rise is the ranker's call (catalog/rank/click-model.ts, its `session` feature).
   */
  session?: ArrayLike<number>;
}

/** Share of the session vector in the blended query that proposes session candidates. */
export const SESSION_BLEND = 0.5;

export interface KnowledgeBaseParts {
  /** The FAQ's phrasing index and entries, as built (and calibrated) by the indexer. */
  faqMatcher: FaqMatcher;
  productIndex: VectorIndex;
  products: readonly LabelledProduct[];
  /** From calibrateFaq; the uncalibrated defaults when absent. Its weights are applied to the matcher. */
  faqCalibration?: FaqCalibration;
  /** Share of BM25 in product scores. Default PRODUCT_LEXICAL_WEIGHT. */
  productLexicalWeight?: number;
  /** Derived from the products when absent. */
  productTypes?: ProductTypes;
  /** Query-to-type classifier; without one, described needs rely on the product search alone. */
  categoriser?: QueryCategoriser;
}

/**
 * Chosen on the tuning half of the demo shop's labelled product requests
 * (`npm run eval -- --products demo/products.json --queries demo/eval/product-requests.tune.jsonl --product-lexical-weight W`):
 * nDCG@10 0.946 at 0, 0.957 at 0.2, 0.963 at 0.4, 0.963 at 0.6.
 */
export const PRODUCT_LEXICAL_WEIGHT = 0.4;

/** Product vectors kept in memory after reading them back from hnswlib: 20,000 x 1.5 KB = 30 MB at most. */
const VECTOR_CACHE_SIZE = 20_000;

/** Candidates each retriever contributes before fusion, at least. */
const MIN_CANDIDATES = 50;

/**
 * When the filters leave at most this many products (a type or two, a small category), the
 * dense side scores them all exactly instead of walking the HNSW graph: a filtered walk calls
 * back into JavaScript for every node it visits, most of which the filter then rejects.
 */
const EXACT_SEARCH_LIMIT = 400;

/** The unit vector of (1 - share) a + share b. */
function blend(a: ArrayLike<number>, b: ArrayLike<number>, share: number): Float32Array {
  const out = new Float32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = (1 - share) * a[i]! + share * b[i]!;
  const norm = Math.hypot(...out) || 1;
  return out.map((x) => x / norm);
}

export class KnowledgeBase {
  readonly productIndex: VectorIndex;
  readonly faqMatcher: FaqMatcher;
  readonly faqCalibration: FaqCalibration;
  readonly productLexicalWeight: number;
  /** Every product's type, derived from the titles (or given by the shop). */
  readonly productTypes: ProductTypes;
  readonly categoriser: QueryCategoriser | undefined;
  private readonly productsByLabel: Map<number, Product>;
  private readonly productsById: Map<string, { label: number; product: Product }>;
  private readonly faqById: Map<string, FaqEntry>;
  private readonly productLexical = new LexicalIndex();
  private readonly productTokens = new Map<string, ReadonlySet<string>>();
  /** Vectors read back from hnswlib (about 60 µs each through N-API), most recently used last. */
  private readonly vectorCache = new Map<number, Float32Array>();
  /** Products by type and by category, each built on first use (the knowledge base is immutable once built). */
  private readonly members = new Map<'type' | 'category', Map<string, Product[]>>();

  constructor(parts: KnowledgeBaseParts) {
    this.productIndex = parts.productIndex;
    this.productsByLabel = new Map(parts.products.map(({ label, product }) => [label, product]));
    this.productsById = new Map(parts.products.map(({ label, product }) => [product.id, { label, product }]));
    this.faqMatcher = parts.faqMatcher;
    this.faqById = new Map(this.faqMatcher.entries().map((entry) => [entry.id, entry]));
    this.faqCalibration = parts.faqCalibration ?? UNCALIBRATED;
    this.faqMatcher.weights = this.faqCalibration.weights;
    this.productLexicalWeight = parts.productLexicalWeight ?? PRODUCT_LEXICAL_WEIGHT;
    this.productTypes = parts.productTypes ?? deriveProductTypes(parts.products.map(({ product }) => product));
    this.categoriser = parts.categoriser;
    for (const { label, product } of parts.products) {
      const tokens = lexicalTokens(productLexicalText(product));
      this.productLexical.add(label, tokens);
      this.productTokens.set(product.id, new Set(tokens));
    }
  }

  get productCount(): number {
    return this.productsByLabel.size;
  }

  get faqCount(): number {
    return this.faqById.size;
  }

  faqEntry(id: string): FaqEntry | undefined {
    return this.faqById.get(id);
  }

  faqEntries(): FaqEntry[] {
    return [...this.faqById.values()];
  }

  product(id: string): Product | undefined {
    return this.productsById.get(id)?.product;
  }

  products(): Product[] {
    return [...this.productsByLabel.values()];
  }

  /** The product's type ("sleeping bag"), when it has one. */
  typeOf(product: Product): string | undefined {
    return this.productTypes.typeOf.get(product.id);
  }

  /** The filters as a predicate over products, the same one the searches apply. */
  predicate(filters: ProductFilters): (product: Product) => boolean {
    return productPredicate(filters, (product) => this.productTokens.get(product.id) ?? new Set(), (product) => this.typeOf(product));
  }

  /** How many products meet the filters (stops counting at `limit`): a button is offered only when it leads somewhere. */
  countProducts(filters: ProductFilters, limit = Infinity): number {
    const keep = this.predicate(filters);
    let count = 0;
    for (const product of this.narrowedTo(filters) ?? this.productsByLabel.values()) if (keep(product) && ++count >= limit) break;
    return count;
  }

  /**
   * The only products the filters can pass, when they ask for types or a category: those
   * types' or that category's products, read instead of the whole catalog. Undefined otherwise.
   */
  private narrowedTo(filters: ProductFilters | undefined): readonly Product[] | undefined {
    if (filters?.types?.length) return [...new Set(filters.types)].flatMap((type) => this.membersOf('type', type));
    if (filters?.category !== undefined) return this.membersOf('category', filters.category);
    return undefined;
  }

  /** The products of one type or one category. */
  private membersOf(by: 'type' | 'category', value: string): readonly Product[] {
    let groups = this.members.get(by);
    if (!groups) {
      groups = new Map();
      for (const product of this.productsByLabel.values()) {
        const key = by === 'type' ? this.typeOf(product) : product.category;
        if (key === undefined) continue;
        const group = groups.get(key) ?? [];
        group.push(product);
        groups.set(key, group);
      }
      this.members.set(by, groups);
    }
    return groups.get(value) ?? [];
  }

  /** Best entries for a query, one hit per entry, best first (hybrid, calibrated weights). */
  searchFaq(query: FaqQuery, k: number): FaqHit[] {
    return this.faqMatcher.search(query, k);
  }

  /**
   * Hybrid product search: HNSW and BM25 each propose candidates that pass the filters
   * (applied inside both searches), then every candidate gets the fused score.
   */
  searchProducts(query: ProductQuery, options: ProductSearchOptions): ProductHit[] {
    const filter = this.labelFilter(options.filters);
    const depth = Math.max(MIN_CANDIDATES, options.k * 2);
    const tokens = query.tokens ?? [];
    const weight = tokens.length > 0 ? this.productLexicalWeight : 0;
    const few = this.fewCandidates(options.filters);
    const denseSearch = (vector: ArrayLike<number>, k: number) => (few ? this.exactSearch(vector, few, k, filter) : this.productIndex.search(vector, k, filter).map((hit) => [hit.label, hit.score] as const));
    const dense = new Map(denseSearch(query.vector, depth));
    // Whether HNSW returned a full list, and its lowest cosine, before session candidates join (below).
    const full = dense.size >= depth;
    const floor = full ? Math.min(...dense.values()) : -1;
    // The blended search's best, kept as candidates even below the query's top k.
    const nearSession = new Set<number>();
    if (options.session) {
      for (const [label] of denseSearch(blend(query.vector, options.session, SESSION_BLEND), Math.ceil(options.k / 2))) {
        nearSession.add(label);
        if (!dense.has(label)) dense.set(label, dot(query.vector, this.vectorOfLabel(label)));
      }
    }
    const lexical = weight > 0 ? new Map(this.productLexical.search(tokens, depth, filter).map((hit) => [hit.label, hit.score])) : new Map<number, number>();
    const missingLexical = weight > 0 ? this.productLexical.scoreMany(tokens, [...dense.keys()].filter((label) => !lexical.has(label))) : new Map<number, number>();
    const hits: ProductHit[] = [];
    const push = (label: number, cosine: number, lexicalScore: number) => {
      const product = this.productsByLabel.get(label);
      if (product) hits.push({ product, score: (1 - weight) * cosine + weight * lexicalScore, cosine });
    };
    for (const [label, cosine] of dense) push(label, cosine, lexical.get(label) ?? missingLexical.get(label) ?? 0);
    // A product BM25 found but HNSW did not has a cosine at most the lowest one HNSW returned
    // (when HNSW returned a full list): skip those that could not reach the top k even so,
    // since reading a vector back from hnswlib costs about 60 µs.
    hits.sort((a, b) => b.score - a.score);
    let kth = hits.length >= options.k ? hits[options.k - 1]!.score : -Infinity;
    const lexicalOnly = [...lexical].filter(([label]) => !dense.has(label)).sort((a, b) => b[1] - a[1]);
    for (const [label, lexicalScore] of lexicalOnly) {
      if (full && (1 - weight) * floor + weight * lexicalScore < kth) break;
      push(label, dot(query.vector, this.vectorOfLabel(label)), lexicalScore);
      hits.sort((a, b) => b.score - a.score);
      kth = hits.length >= options.k ? hits[options.k - 1]!.score : -Infinity;
    }
    hits.sort((a, b) => b.score - a.score);
    const top = hits.slice(0, options.k);
    if (nearSession.size === 0) return top;
    const kept = new Set(top.map((hit) => hit.product.id));
    return [...top, ...hits.filter((hit) => !kept.has(hit.product.id) && nearSession.has(this.productsById.get(hit.product.id)!.label))];
  }

  /** The labels the filters can only be among (their types' products, or their category's), when few. */
  private fewCandidates(filters: ProductFilters | undefined): number[] | undefined {
    const members = this.narrowedTo(filters);
    if (!members || members.length > EXACT_SEARCH_LIMIT) return undefined;
    return members.map((product) => this.productsById.get(product.id)!.label);
  }

  /** Exact cosine (vectors are unit length) of the labels that pass the filter, best `k` first. */
  private exactSearch(vector: ArrayLike<number>, labels: readonly number[], k: number, filter: ((label: number) => boolean) | undefined): (readonly [number, number])[] {
    const scored: [number, number][] = [];
    for (const label of labels) if (!filter || filter(label)) scored.push([label, dot(vector, this.vectorOfLabel(label))]);
    return scored.sort((a, b) => b[1] - a[1]).slice(0, k);
  }

  /** Products closest to one product (its own vector is the query), itself excluded. */
  similarProducts(productId: string, k: number, filters: ProductFilters = {}): ProductHit[] {
    const found = this.productsById.get(productId);
    if (!found) return [];
    const vector = this.vectorOfLabel(found.label);
    return this.searchProducts({ vector }, { k, filters: { ...filters, excludeIds: [...(filters.excludeIds ?? []), productId] } });
  }

  /** A product's vector in the index (unit length), by id. */
  productVector(productId: string): Float32Array | undefined {
    const found = this.productsById.get(productId);
    return found ? this.vectorOfLabel(found.label) : undefined;
  }

  private vectorOfLabel(label: number): Float32Array {
    let vector = this.vectorCache.get(label);
    if (vector) {
      this.vectorCache.delete(label);
    } else {
      vector = Float32Array.from(this.productIndex.vectorOf(label));
      if (this.vectorCache.size >= VECTOR_CACHE_SIZE) this.vectorCache.delete(this.vectorCache.keys().next().value!);
    }
    this.vectorCache.set(label, vector);
    return vector;
  }

  private labelFilter(filters: ProductFilters | undefined): ((label: number) => boolean) | undefined {
    if (!hasActiveFilters(filters)) return undefined;
    const keep = this.predicate(filters);
    return (label) => {
      const product = this.productsByLabel.get(label);
      return product !== undefined && keep(product);
    };
  }
}
