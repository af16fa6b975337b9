/**
 * The searchable snapshot of one shop: the FAQ phrasing index and the product index,
 * with the rows they point to held in memory. A new snapshot is built beside the old
 * one and swapped in whole, so a search never sees half an update.
 *
 *   kb.searchFaq(vector, 3)         // [{ entry: { id: 'returns-policy', ... }, score: 0.82, matched: 'How do I return something?' }]
 *   kb.searchProducts(vector, { k: 8, filters: { maxPrice: 100, category: 'Jackets & Coats' } })
 */
import type { FaqEntry, Product } from './schemas.js';
import type { FaqPhrasing, LabelledProduct } from './store.js';
import type { VectorIndex } from './vector-index.js';

export interface ProductFilters {
  minPrice?: number;
  maxPrice?: number;
  /** Exact category name as in the catalog. */
  category?: string;
  /** Only products in stock (products with no stock information pass). */
  inStockOnly?: boolean;
  excludeIds?: readonly string[];
}

export interface FaqHit {
  entry: FaqEntry;
  /** Cosine similarity of the query to the entry's closest phrasing. */
  score: number;
  /** The phrasing that matched best. */
  matched: string;
}

export interface ProductHit {
  product: Product;
  score: number;
}

export interface ProductSearchOptions {
  k: number;
  filters?: ProductFilters;
}

export class KnowledgeBase {
  private readonly productsByLabel: Map<number, Product>;
  private readonly productsById: Map<string, { label: number; product: Product }>;
  private readonly faqById: Map<string, FaqEntry>;
  private readonly phrasingsByLabel: Map<number, FaqPhrasing>;

  constructor(
    readonly faqIndex: VectorIndex,
    readonly productIndex: VectorIndex,
    faqEntries: readonly FaqEntry[],
    phrasings: readonly FaqPhrasing[],
    products: readonly LabelledProduct[],
  ) {
    this.productsByLabel = new Map(products.map(({ label, product }) => [label, product]));
    this.productsById = new Map(products.map(({ label, product }) => [product.id, { label, product }]));
    this.faqById = new Map(faqEntries.map((entry) => [entry.id, entry]));
    this.phrasingsByLabel = new Map(phrasings.map((phrasing) => [phrasing.label, phrasing]));
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

  /** Best entries for a query vector, one hit per entry (its best phrasing), best first. */
  searchFaq(vector: ArrayLike<number>, k: number): FaqHit[] {
    // Several phrasings per entry: look deeper than k so k distinct entries come back.
    const hits = this.faqIndex.search(vector, Math.min(this.faqIndex.size, k * 8));
    const best = new Map<string, FaqHit>();
    for (const hit of hits) {
      const phrasing = this.phrasingsByLabel.get(hit.label);
      const entry = phrasing && this.faqById.get(phrasing.faqId);
      if (!phrasing || !entry || best.has(entry.id)) continue;
      best.set(entry.id, { entry, score: hit.score, matched: phrasing.text });
    }
    return [...best.values()].slice(0, k);
  }

  searchProducts(vector: ArrayLike<number>, options: ProductSearchOptions): ProductHit[] {
    const filter = this.productFilter(options.filters);
    return this.productIndex
      .search(vector, options.k, filter)
      .flatMap((hit) => {
        const product = this.productsByLabel.get(hit.label);
        return product ? [{ product, score: hit.score }] : [];
      });
  }

  /** Products closest to one product (its own vector is the query), itself excluded. */
  similarProducts(productId: string, k: number, filters: ProductFilters = {}): ProductHit[] {
    const found = this.productsById.get(productId);
    if (!found) return [];
    const vector = this.productIndex.vectorOf(found.label);
    return this.searchProducts(vector, { k, filters: { ...filters, excludeIds: [...(filters.excludeIds ?? []), productId] } });
  }

  private productFilter(filters: ProductFilters | undefined): ((label: number) => boolean) | undefined {
    if (!filters) return undefined;
    const { minPrice, maxPrice, category, inStockOnly } = filters;
    const excluded = new Set(filters.excludeIds ?? []);
    const active = minPrice !== undefined || maxPrice !== undefined || category !== undefined || inStockOnly || excluded.size > 0;
    if (!active) return undefined;
    return (label) => {
      const product = this.productsByLabel.get(label);
      if (!product || excluded.has(product.id)) return false;
      if (category !== undefined && product.category !== category) return false;
      if (minPrice !== undefined && (product.price === undefined || product.price < minPrice)) return false;
      if (maxPrice !== undefined && (product.price === undefined || product.price > maxPrice)) return false;
      if (inStockOnly && product.inStock === false) return false;
      return true;
    };
  }
}
