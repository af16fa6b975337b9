/**
 * One turn's decision, in nlu and catalog terms only (no Bot Framework types), so it can
 * be tested and evaluated without a server: answer from the FAQ, show products, ask which
 * of two close answers was meant, or admit not knowing and offer a person.
 *
 *   await decide('how do I return something?', services)
 *   // { kind: 'faq', confidence: 0.99, entry: { id: 'returns-policy', ... }, related: [...] }
 */
import { diversify, type FaqEntry, type FaqHit, type KnowledgeBase, type ProductFilters, type ProductHit, type ProductQuery } from '../catalog/index.js';
import { answerConfidence, lexicalTokens, understand, type Encoder, type QueryUnderstanding, type ShopVocabulary, type SortOrder } from '../nlu/index.js';

export interface DecisionOptions {
  /**
   * Confidence (fused score plus the calibrated share of its lead over the runner-up) from
   * which the FAQ answer is given. Default: calibrated per knowledge base (FAQ_ANSWER_THRESHOLD overrides).
   */
  faqAnswerThreshold?: number;
  /** Two entries closer than this (both above the answer threshold) make a `clarify` reply. Default: calibrated. */
  clarifyMargin?: number;
  /** Entries within this of the answer threshold are offered as "did you mean" when no answer is given. Default 0.2. */
  suggestMargin: number;
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
  suggestMargin: 0.2,
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

export type Decision = (
  | { kind: 'faq'; confidence: number; entry: FaqEntry; related: FaqHit[] }
  | { kind: 'products'; confidence: number; hits: ProductHit[]; understanding: QueryUnderstanding; relaxed: boolean; exact: boolean }
  | { kind: 'clarify'; confidence: number; options: FaqHit[] }
  | { kind: 'fallback'; confidence: number; reason: 'empty' | 'low-confidence' | 'asked-for-person'; suggestions: FaqHit[] }
) & {
  /** The FAQ entries ranked for this query (up to 10), whatever was decided: for evaluation and logs. */
  faqRanking: FaqHit[];
};

const ASKS_FOR_PERSON = /\b(human|real person|live agent|an agent|representative|someone real|speak (?:to|with) (?:someone|a person|somebody)|talk (?:to|with) (?:someone|a person|somebody|a human))\b/i;

export async function decide(text: string, services: DecisionServices): Promise<Decision> {
  const options = { ...defaultDecisionOptions, ...services.options };
  const { kb, encoder } = services;
  const answerThreshold = options.faqAnswerThreshold ?? kb.faqCalibration.answerThreshold;
  const clarifyMargin = options.clarifyMargin ?? kb.faqCalibration.clarifyMargin;
  const query = text.trim();
  if (query === '') return { kind: 'fallback', confidence: 0, reason: 'empty', suggestions: [], faqRanking: [] };
  if (ASKS_FOR_PERSON.test(query)) return { kind: 'fallback', confidence: 1, reason: 'asked-for-person', suggestions: [], faqRanking: [] };

  const understanding = understand(query, services.vocabulary);
  const [vector] = await encoder.embed([query]);
  const tokens = lexicalTokens(query);
  const faqRanking = kb.searchFaq({ vector: vector!, tokens }, 10);
  const faqHits = faqRanking.slice(0, 4);
  const faqScore = faqHits[0]?.score ?? 0;
  const products = searchProducts(kb, { vector: vector!, tokens }, understanding, options.productCount);
  // The best cosine, not the fused score: BM25 can lift one matching word ("long" in "long-sleeve") above any cosine.
  const productScore = Math.max(0, ...products.hits.map((hit) => hit.cosine));

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
      faqRanking,
    };
  }
  const [first, second] = faqHits;
  // Near-tie between two entries that could each be the answer: ask which one.
  if (first && second && second.score >= answerThreshold && first.score - second.score < clarifyMargin) {
    return { kind: 'clarify', confidence: faqScore, options: [first, second], faqRanking };
  }
  const confidence = answerConfidence(faqScore, second?.score ?? 0, kb.faqCalibration.gapWeight);
  if (first && confidence >= answerThreshold) {
    // The lead bonus can take confidence past 1; shoppers' clients and logs get it on a 0..1 scale.
    return { kind: 'faq', confidence: Math.min(1, confidence), entry: first.entry, related: faqHits.slice(1), faqRanking };
  }
  return {
    kind: 'fallback',
    confidence: faqScore,
    reason: 'low-confidence',
    suggestions: faqHits.filter((hit) => hit.score >= answerThreshold - options.suggestMargin).slice(0, 3),
    faqRanking,
  };
}

/**
 * Products matching the filters, in the asked order. When none match, the search is
 * relaxed step by step (price bounds, then everything but the category) and says so.
 */
export function searchProducts(
  kb: KnowledgeBase,
  query: ProductQuery,
  understanding: QueryUnderstanding,
  count: number,
): { hits: ProductHit[]; relaxed: boolean } {
  const { minPrice: _min, maxPrice: _max, ...withoutPrice } = understanding.filters;
  const attempts: ProductFilters[] = [understanding.filters, withoutPrice, understanding.filters.category ? { category: understanding.filters.category } : {}];
  for (const [attempt, filters] of attempts.entries()) {
    // Fetch extra so that dropping colour variants still leaves a full carousel.
    const hits = kb.searchProducts(query, { k: count * 4, filters });
    if (hits.length > 0) return { hits: diversify(sortHits(hits, understanding.sort), count), relaxed: attempt > 0 };
  }
  return { hits: [], relaxed: false };
}

/** Relevance order, or price/rating order among the results that are still relevant (within 85% of the best score). */
function sortHits(hits: ProductHit[], sort: SortOrder): ProductHit[] {
  if (sort === 'relevance' || hits.length === 0) return hits;
  const floor = hits[0]!.score * 0.85;
  const relevant = hits.filter((hit) => hit.score >= floor);
  const key = (hit: ProductHit): number => {
    if (sort === 'rating') return -(Number(hit.product.attributes?.rating) || 0);
    const price = hit.product.price ?? Infinity;
    return sort === 'price-asc' ? price : -price;
  };
  return [...relevant].sort((a, b) => key(a) - key(b) || b.score - a.score);
}
