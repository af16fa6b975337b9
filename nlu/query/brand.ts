/**
 * Brands named in the shopper's words, from the catalog's own brand list; "not Kestrel"
 * excludes one. The longest name wins where names overlap ("Harbor & Pine Home").
 *
 *   brandTask.run('Kestrel running shoes, not Stride Lab', vocabulary)
 *   // { filters: { brands: ['Kestrel'], excludedBrands: ['Stride Lab'] } }
 */
import type { QueryTask } from './types.js';
import { findPhrases, isNegated, phraseWords, queryWords } from './words.js';

export const brandTask: QueryTask = {
  name: 'brand',
  run(text, vocabulary) {
    const words = queryWords(text);
    const found: { brand: string; start: number; end: number }[] = [];
    const brands = [...(vocabulary.brands ?? [])].sort((a, b) => phraseWords(b).length - phraseWords(a).length);
    for (const brand of brands) {
      const phrase = phraseWords(brand);
      for (const start of findPhrases(words, phrase)) {
        const end = start + phrase.length;
        if (found.some((f) => start < f.end && end > f.start)) continue;
        found.push({ brand, start, end });
      }
    }
    if (found.length === 0) return {};
    const wanted = found.filter((f) => !isNegated(words, f.start)).map((f) => f.brand);
    const unwanted = found.filter((f) => isNegated(words, f.start)).map((f) => f.brand);
    return {
      filters: { ...(wanted.length ? { brands: [...new Set(wanted)] } : {}), ...(unwanted.length ? { excludedBrands: [...new Set(unwanted)] } : {}) },
      matched: found.map((f) => words.slice(f.start, f.end).join(' ')),
      shoppingCue: wanted.length > 0,
    };
  },
};
