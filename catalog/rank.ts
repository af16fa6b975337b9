/**
 * Result-list shaping after retrieval. For now: diversity — colour variants of one
 * product share a title, and a carousel of five identical titles helps nobody.
 *
 *   diversify([{ product: { title: 'A' } }, { product: { title: 'A' } }, { product: { title: 'B' } }], 2)
 *   // -> the first 'A' and 'B'
 *   distinctFirst([A black, A silver, B], 3)   // -> A black, B, A silver
 */
import type { ProductHit } from './knowledge-base.js';

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
