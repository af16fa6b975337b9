/**
 * What query understanding extracts from a shopper's words. Each task in the registry
 * (`understand.ts`) fills in part of it from the text and the shop's vocabulary; values
 * are spelled as in the catalog, so the catalog can apply them exactly.
 *
 *   understand('blue running shoes under $80, not Kestrel', vocabulary)
 *   // { filters: { maxPrice: 80, category: 'Running Shoes', attributes: { colour: ['blue', 'navy', ...] },
 *   //              excludedBrands: ['Kestrel'] }, sort: 'relevance', shoppingCue: true, matched: [...] }
 */

/** A product attribute the shop uses, by what it means to shoppers. */
export type AttributeKind = 'colour' | 'material' | 'size' | 'gender' | 'scent' | 'age' | 'capacity' | 'weight' | 'temperature';

/** The shop's own words, built by the catalog from its products (nlu knows no products). */
export interface ShopVocabulary {
  /** Category name -> words that name it ("jacket", "parka", "coats"), lower case, singular. */
  categories: { name: string; terms: string[] }[];
  /** Product types ("sleeping bag"), from the ends of titles; `terms` are the singular words that name one. */
  types?: { name: string; category?: string; plural: string; terms: string[] }[];
  /** Brand names as in the catalog. */
  brands?: string[];
  /** Attributes by kind: the catalog's attribute name and its values (list values split: "S, M, L" -> S, M, L). */
  attributes?: { kind: AttributeKind; name: string; values: string[] }[];
}

export interface QueryFilters {
  minPrice?: number;
  maxPrice?: number;
  category?: string;
  /** Any of these product types (ShopVocabulary.types names). */
  types?: string[];
  /** None of these product types ("headphones, but not wireless ones" -> the types named "wireless ..."). */
  excludedTypes?: string[];
  /** Any of these brands. */
  brands?: string[];
  excludedBrands?: string[];
  /** Attribute name -> values, any of which is wanted: { colour: ['blue', 'navy'] }. */
  attributes?: Record<string, string[]>;
  /**
   * Attribute names a product passes when it has no value for them. Set for a recipient's
   * gender only: "for my sister" asks for women's or unisex where a product has a gender,
   * and says nothing about a candle; "women's running shoes" asks for the women's cut.
   */
  passIfMissing?: string[];
  /** Attribute name -> values not wanted ("not red"). */
  excludedAttributes?: Record<string, string[]>;
  /** Lexical tokens a product must not mention ("without a hood" -> ['hood']). */
  excludedTerms?: string[];
  /** Lowest customer rating (the `rating` attribute, 0..5). */
  minRating?: number;
}

export type SortOrder = 'relevance' | 'price-asc' | 'price-desc' | 'rating';

export interface QueryUnderstanding {
  filters: QueryFilters;
  sort: SortOrder;
  /** The words say the shopper wants products (a category, a price, "show me", "looking for"). */
  shoppingCue: boolean;
  /** A present for someone ("secret santa", "gift for my dad"). */
  gift?: boolean;
  /**
   * The price was said roughly ("about 50", "£30ish"): a band around it. A present's rough budget
   * is a ceiling when no kind is named (understand.ts).
   */
  roughPrice?: boolean;
  /** The present is for a grown-up or a teenager ("my sister", "boss", "valentine's", "secret santa at work"): not a child's toy. */
  forGrownUp?: boolean;
  /** The spans that produced the filters, for explanations ("under $100"). */
  matched: string[];
  /**
   * The shopper's words for what they ruled out ("yellow", "Sonora", "hood", "wireless"), as the
   * bot reads them back: a button that narrows the list says them again ("..., not yellow").
   */
  ruledOut?: string[];
  /** Features the shopper does not want, as said after "without" or "no" ("hood", "zip"): buttons say "with no hood". */
  lacking?: string[];
  /**
   * The kind the shopper named, plural, when it stands for several of the shop's types
   * ("dresses": maxi, midi, wrap and shirt dresses): how a list of them is named.
   */
  kindNamed?: string;
}

export interface QueryTask {
  name: string;
  run(text: string, vocabulary: ShopVocabulary): Partial<QueryUnderstanding>;
}
