/**
 * What query understanding extracts from a shopper's words. Each task in the registry
 * (`tasks.ts`) fills in part of it from the text and the shop's vocabulary.
 *
 *   understand('a warm jacket under $100', vocabulary)
 *   // { filters: { maxPrice: 100, category: 'Jackets & Coats' }, shoppingCue: true, matched: ['under $100', 'jacket'] }
 */

/** The shop's own words, built by the catalog from its products (nlu knows no products). */
export interface ShopVocabulary {
  /** Category name -> words that name it ("jacket", "parka", "coats"), lower case, singular. */
  categories: { name: string; terms: string[] }[];
}

export interface QueryFilters {
  minPrice?: number;
  maxPrice?: number;
  category?: string;
}

export interface QueryUnderstanding {
  filters: QueryFilters;
  /** The words say the shopper wants products (a category, a price, "show me", "looking for"). */
  shoppingCue: boolean;
  /** The spans that produced the filters, for explanations ("under $100"). */
  matched: string[];
}

export interface QueryTask {
  name: string;
  run(text: string, vocabulary: ShopVocabulary): Partial<QueryUnderstanding>;
}
