/**
 * Result-list shaping after retrieval. For now: diversity — colour variants of one
 * product share a title, and a carousel of five identical titles helps nobody.
 *
 *   diversify([{ product: { title: 'A' } }, { product: { title: 'A' } }, { product: { title: 'B' } }], 2)
 *   // -> the first 'A' and 'B'
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
