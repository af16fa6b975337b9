/**
 * Orders a list is shown in besides relevance: the one a shopper asked for ("cheapest", "best
 * rated"), the youngest age first for a child's age dropped, and what is in stock first.
 *
 *   inAskedOrder(kb, hits, 'price-asc')   // the still-relevant hits, cheapest first
 */
import type { SortOrder } from '../../nlu/index.js';
import type { KnowledgeBase, ProductHit } from '../knowledge-base.js';
import type { Product } from '../schemas.js';

/** Share of the best score from which a result is still relevant to a request in an order asked for. */
const RELEVANT_SHARE = 0.85;

/**
 * Relevance order, or price/rating order among the results that are still relevant: the
 * products of each type whose best result is within RELEVANT_SHARE of the best score. With
 * `allRelevant` (every hit is of a kind the shopper named or was steered to), all of them.
 */
export function inAskedOrder(kb: KnowledgeBase, hits: readonly ProductHit[], order: SortOrder, allRelevant = false): ProductHit[] {
  if (order === 'relevance' || hits.length === 0) return [...hits];
  if (allRelevant) return inOrder(hits, order);
  const floor = hits[0]!.score * RELEVANT_SHARE;
  // A type whose best product is relevant is a kind asked for: all its products are ("most
  // expensive watch" reads every dive watch, not the ones whose words are closest).
  const types = hits.map((hit) => kb.typeOf(hit.product));
  const bestOfType = new Map<string, number>();
  hits.forEach((hit, i) => {
    const type = types[i];
    if (type !== undefined) bestOfType.set(type, Math.max(bestOfType.get(type) ?? 0, hit.score));
  });
  const relevant = hits.filter((hit, i) => {
    const type = types[i];
    return (type !== undefined ? bestOfType.get(type)! : hit.score) >= floor;
  });
  return inOrder(relevant, order);
}

/** The hits by price or rating (relevance breaks ties). */
export function inOrder(hits: readonly ProductHit[], order: Exclude<SortOrder, 'relevance'>): ProductHit[] {
  const key = (hit: ProductHit): number => {
    if (order === 'rating') return -(Number(hit.product.attributes?.rating) || 0);
    const price = hit.product.price ?? Infinity;
    return order === 'price-asc' ? price : -price;
  };
  return [...hits].sort((a, b) => key(a) - key(b) || b.score - a.score);
}

/** The hits by their lowest age floor ("6+" before "10+"; relevance breaks ties), those with none last. */
export function youngestFirst(hits: readonly ProductHit[], ageAttributes: readonly string[]): ProductHit[] {
  return [...hits].sort((a, b) => ageFloor(a.product, ageAttributes) - ageFloor(b.product, ageAttributes) || b.score - a.score);
}

/** The lowest age a product is for ("8+" -> 8), Infinity when it states none. */
export function ageFloor(product: Product, ageAttributes: readonly string[]): number {
  return Math.min(Infinity, ...ageAttributes.map((name) => Number(/^\s*(\d+)/.exec(String(product.attributes?.[name] ?? ''))?.[1] ?? Infinity)));
}

/** The hits in stock first, each part in its own order. */
export function inStockFirst(hits: readonly ProductHit[]): ProductHit[] {
  return [...hits.filter((hit) => hit.product.inStock !== false), ...hits.filter((hit) => hit.product.inStock === false)];
}
