/**
 * Lists that show options, not copies: colour variants of one product share a title, and a
 * carousel of five identical titles helps nobody; a need steered to several types shows each.
 *
 *   diversify([{ product: { title: 'A' } }, { product: { title: 'A' } }, { product: { title: 'B' } }], 2)
 *   // -> the first 'A' and 'B'
 *   distinctFirst([A black, A silver, B], 3)   // -> A black, B, A silver
 */
import type { KnowledgeBase, ProductHit } from '../knowledge-base.js';

export function diversify(hits: readonly ProductHit[], k: number): ProductHit[] {
  const seen = new Set<string>();
  const out: ProductHit[] = [];
  for (const hit of hits) {
    const key = hit.product.title.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(hit);
    if (out.length === k) break;
  }
  return out;
}

/**
 * Distinct titles first, then, while there is room, the other variants in rank order: when only
 * one knife meets "an 8 inch chef's knife", its three colours are better than one card and an
 * empty carousel slot ("I found 3 ... Here are 1 of them").
 */
export function distinctFirst(hits: readonly ProductHit[], k: number): ProductHit[] {
  const distinct = diversify(hits, k);
  if (distinct.length === k) return distinct;
  const chosen = new Set(distinct);
  return [...distinct, ...hits.filter((hit) => !chosen.has(hit)).slice(0, k - distinct.length)];
}

/** Each product type at most this often in a list spread over types, so a need shows its options. */
const PER_TYPE_IN_SPREAD = 2;

/**
 * Distinct titles, in rounds over `types` in their order (the best type's best product first),
 * at most PER_TYPE_IN_SPREAD of each, then filled up with the next best of any type. `giftRating`:
 * a present puts the better rated first within a type (each star worth 0.03 of relevance).
 */
export function spreadOverTypes(kb: KnowledgeBase, hits: readonly ProductHit[], types: readonly string[], count: number, giftRating = false): ProductHit[] {
  const ordered = giftRating ? [...hits].sort((a, b) => b.score + 0.03 * rating(b) - (a.score + 0.03 * rating(a))) : hits;
  const distinct = diversify(ordered, ordered.length);
  const byType = new Map<string, ProductHit[]>(types.map((type) => [type, []]));
  for (const hit of distinct) byType.get(kb.typeOf(hit.product) ?? '')?.push(hit);
  const picked: ProductHit[] = [];
  for (let round = 0; round < PER_TYPE_IN_SPREAD && picked.length < count; round++) {
    for (const members of byType.values()) {
      const hit = members[round];
      if (hit && picked.length < count) picked.push(hit);
    }
  }
  // Fewer types than slots: fill up with the next best of any type, in order.
  for (const hit of distinct) {
    if (picked.length === count) break;
    if (!picked.includes(hit)) picked.push(hit);
  }
  return picked;
}

function rating(hit: ProductHit): number {
  return Number(hit.product.attributes?.rating) || 0;
}
