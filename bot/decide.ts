/**
 * One turn's decision, in nlu and catalog terms only (no Bot Framework types), so it can
 * be tested and evaluated without a server: answer from the FAQ, show products, ask which
 * of two close answers was meant, or admit not knowing and offer a person.
 *
 *   await decide('how do I return something?', services)
 *   // { kind: 'faq', confidence: 0.99, entry: { id: 'returns-policy', ... }, related: [...] }
 */
import { diversify, type FaqEntry, type FaqHit, type KnowledgeBase, type ProductFilters, type ProductHit } from '../catalog/index.js';
import { understand, type Encoder, type QueryUnderstanding, type ShopVocabulary } from '../nlu/index.js';

export interface DecisionOptions {
  /** Best-phrasing cosine at or above which the FAQ answer is given. Default 0.6. */
  faqAnswerThreshold: number;
  /** Two entries closer than this (and both above the answer threshold) make a `clarify` reply. Default 0.03. */
  clarifyMargin: number;
  /** Entries at or above this score are offered as "did you mean" when no answer is given. Default 0.4. */
  suggestThreshold: number;
  /** With shopping words in the query, the FAQ still wins from this score up. Default 0.75. */
  faqOverridesShoppingAt: number;
  /** Without shopping words, products win when their best score reaches this and beats the FAQ. Default 0.5. */
  productWithoutCueThreshold: number;
  /** Below this the product list is introduced as "closest matches", not as a match. Default 0.45. */
  productConfidentThreshold: number;
  /** Products per reply. Default 6. */
  productCount: number;
}

export const defaultDecisionOptions: DecisionOptions = {
  faqAnswerThreshold: 0.6,
  clarifyMargin: 0.03,
  suggestThreshold: 0.4,
  faqOverridesShoppingAt: 0.75,
  productWithoutCueThreshold: 0.5,
  productConfidentThreshold: 0.45,
  productCount: 6,
};

export interface DecisionServices {
  encoder: Encoder;
  kb: KnowledgeBase;
  vocabulary: ShopVocabulary;
  options?: Partial<DecisionOptions>;
}

export type Decision =
  | { kind: 'faq'; confidence: number; entry: FaqEntry; related: FaqHit[] }
  | { kind: 'products'; confidence: number; hits: ProductHit[]; understanding: QueryUnderstanding; relaxed: boolean; exact: boolean }
  | { kind: 'clarify'; confidence: number; options: FaqHit[] }
  | { kind: 'fallback'; confidence: number; reason: 'empty' | 'low-confidence' | 'asked-for-person'; suggestions: FaqHit[] };

const ASKS_FOR_PERSON = /\b(human|real person|live agent|an agent|representative|someone real|speak (?:to|with) (?:someone|a person|somebody)|talk (?:to|with) (?:someone|a person|somebody|a human))\b/i;

export async function decide(text: string, services: DecisionServices): Promise<Decision> {
  const options = { ...defaultDecisionOptions, ...services.options };
  const { kb, encoder } = services;
  const query = text.trim();
  if (query === '') return { kind: 'fallback', confidence: 0, reason: 'empty', suggestions: [] };
  if (ASKS_FOR_PERSON.test(query)) return { kind: 'fallback', confidence: 1, reason: 'asked-for-person', suggestions: [] };

  const understanding = understand(query, services.vocabulary);
  const [vector] = await encoder.embed([query]);
  const faqHits = kb.searchFaq(vector!, 4);
  const faqScore = faqHits[0]?.score ?? 0;
  const products = searchProducts(kb, vector!, understanding, options.productCount);
  const productScore = products.hits[0]?.score ?? 0;

  const wantsProducts =
    (understanding.shoppingCue && faqScore < options.faqOverridesShoppingAt) ||
    (productScore >= options.productWithoutCueThreshold && productScore > faqScore);
  if (wantsProducts && products.hits.length > 0) {
    return {
      kind: 'products',
      confidence: productScore,
      hits: products.hits,
      understanding,
      relaxed: products.relaxed,
      exact: productScore >= options.productConfidentThreshold && !products.relaxed,
    };
  }
  if (faqScore >= options.faqAnswerThreshold) {
    const [first, second] = faqHits;
    if (second && second.score >= options.faqAnswerThreshold && first!.score - second.score < options.clarifyMargin) {
      return { kind: 'clarify', confidence: faqScore, options: [first!, second] };
    }
    return { kind: 'faq', confidence: faqScore, entry: first!.entry, related: faqHits.slice(1) };
  }
  return {
    kind: 'fallback',
    confidence: faqScore,
    reason: 'low-confidence',
    suggestions: faqHits.filter((hit) => hit.score >= options.suggestThreshold).slice(0, 3),
  };
}

/** Products matching the filters; when none do, the same search without the price bounds (said so in the reply). */
function searchProducts(kb: KnowledgeBase, vector: Float32Array, understanding: QueryUnderstanding, count: number): { hits: ProductHit[]; relaxed: boolean } {
  const filters: ProductFilters = { ...understanding.filters };
  // Fetch extra so that dropping colour variants still leaves a full carousel.
  const hits = diversify(kb.searchProducts(vector, { k: count * 4, filters }), count);
  if (hits.length > 0 || (filters.minPrice === undefined && filters.maxPrice === undefined)) return { hits, relaxed: false };
  const withoutPrice: ProductFilters = { ...(filters.category ? { category: filters.category } : {}) };
  return { hits: diversify(kb.searchProducts(vector, { k: count * 4, filters: withoutPrice }), count), relaxed: true };
}
