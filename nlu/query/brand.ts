/**
 * Brands named in the shopper's words, from the catalog's own brand list; "not Kestrel"
 * excludes one. The longest name wins where names overlap ("Harbor & Pine Home").
 *
 *   brandTask.run('Kestrel running shoes, not Stride Lab', vocabulary)
 *   // { filters: { brands: ['Kestrel'], excludedBrands: ['Stride Lab'] } }
 */
import type { QueryTask, ShopVocabulary } from './types.js';
import { isNegatedInList, spellingsWithAnd } from './negated.js';
import { findPhrases, phraseWords, queryWords } from '../text/words.js';

const brandWordsCache = new WeakMap<ShopVocabulary, Set<string>>();

/** Every word of every brand as shoppers type it, once per vocabulary. */
function brandWordsOf(vocabulary: ShopVocabulary): Set<string> {
  let words = brandWordsCache.get(vocabulary);
  if (!words) brandWordsCache.set(vocabulary, (words = new Set((vocabulary.brands ?? []).flatMap((brand) => spellingsWithAnd(brand).flat()))));
  return words;
}

export const brandTask: QueryTask = {
  name: 'brand',
  run(text, vocabulary) {
    const words = queryWords(text);
    const found: { brand: string; start: number; end: number }[] = [];
    const brands = [...(vocabulary.brands ?? [])].sort((a, b) => phraseWords(b).length - phraseWords(a).length);
    for (const brand of brands) {
      for (const phrase of spellingsWithAnd(brand)) {
        for (const start of findPhrases(words, phrase)) {
          const end = start + phrase.length;
          if (found.some((f) => start < f.end && end > f.start)) continue;
          found.push({ brand, start, end });
        }
      }
    }
    if (found.length === 0) return {};
    // A brand named by its family's name takes in the family's other lines: "harbor & pine
    // candles" are Harbor & Pine Home's, and "not harbor & pine" turns down both.
    const family = (brand: string) => brands.filter((other) => other === brand || phraseWords(other).join(' ').startsWith(`${phraseWords(brand).join(' ')} `));
    // "not northpeak or fjellby" turns down both: a brand in a list after a negated one is negated too.
    const brandWords = brandWordsOf(vocabulary);
    const negated = (f: (typeof found)[number]) => isNegatedInList(words, f.start, (word) => brandWords.has(word));
    const wanted = found.filter((f) => !negated(f)).flatMap((f) => family(f.brand));
    const unwanted = found.filter(negated).flatMap((f) => family(f.brand));
    const ruledOut = found.filter(negated).map((f) => f.brand);
    return {
      filters: { ...(wanted.length ? { brands: [...new Set(wanted)] } : {}), ...(unwanted.length ? { excludedBrands: [...new Set(unwanted)] } : {}) },
      ...(ruledOut.length ? { ruledOut } : {}),
      matched: found.map((f) => words.slice(f.start, f.end).join(' ')),
      shoppingCue: wanted.length > 0,
    };
  },
};

/** Where the message names one of the shop's brands, as [start, end) word spans of `words`. */
export function brandSpans(words: readonly string[], brands: readonly string[]): (readonly [number, number])[] {
  return brands.flatMap((brand) => spellingsWithAnd(brand).flatMap((phrase) => findPhrases(words, phrase).map((start) => [start, start + phrase.length] as const)));
}
