/**
 * The product type named in the shopper's words, from the shop's own types
 * (ShopVocabulary.types): "a sleeping bag for a festival" -> "sleeping bag". The longest
 * matching term wins ("trail running shoe" over "running shoe"); shoppers' synonyms are
 * tried when their own words name no type ("skillet" -> "frying pan"). A negated type
 * ("not a parka") is not a request for it.
 *
 *   productTypeTask.run('cheap sleeping bags', vocabulary)
 *   // { filters: { types: ['sleeping bag'], category: 'Outdoor & Camping' }, matched: ['sleeping bag'], shoppingCue: true }
 */
import { PRODUCT_SYNONYMS, singularize, tokenizeWords } from './category.js';
import type { QueryTask, ShopVocabulary } from './types.js';

export const productTypeTask: QueryTask = {
  name: 'product-type',
  run(text, vocabulary) {
    const words = tokenizeWords(text).map(singularize);
    const direct = findType(words, vocabulary);
    const found = direct ?? synonymType(words, vocabulary);
    if (!found || isNegatedAt(words, found.start)) return {};
    const { type, span } = found;
    return { filters: { types: [type.name], ...(type.category ? { category: type.category } : {}) }, matched: [span], shoppingCue: true };
  },
};

type VocabularyType = NonNullable<ShopVocabulary['types']>[number];

function findType(words: readonly string[], vocabulary: ShopVocabulary): { type: VocabularyType; start: number; span: string } | undefined {
  let best: { type: VocabularyType; start: number; span: string; length: number } | undefined;
  for (const type of vocabulary.types ?? []) {
    for (const term of type.terms) {
      const phrase = term.split(' ');
      if (best && phrase.length <= best.length) continue;
      const start = indexOfPhrase(words, phrase);
      if (start >= 0) best = { type, start, span: term, length: phrase.length };
    }
  }
  return best;
}

function synonymType(words: readonly string[], vocabulary: ShopVocabulary): { type: VocabularyType; start: number; span: string } | undefined {
  for (const [i, word] of words.entries()) {
    for (const synonym of PRODUCT_SYNONYMS[word] ?? []) {
      const found = findType([...words.slice(0, i), ...synonym.split(' '), ...words.slice(i + 1)], vocabulary);
      if (found) return { type: found.type, start: i, span: word };
    }
  }
  return undefined;
}

function indexOfPhrase(words: readonly string[], phrase: readonly string[]): number {
  outer: for (let i = 0; i + phrase.length <= words.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (words[i + j] !== phrase[j]) continue outer;
    return i;
  }
  return -1;
}

/** "not a parka", "anything but a tote", "no headlamp": the type is excluded, not asked for. */
function isNegatedAt(words: readonly string[], start: number): boolean {
  const before = words.slice(Math.max(0, start - 3), start);
  return before.some((word) => word === 'not' || word === 'no' || word === 'without' || word === 'except') ||
    (before.includes('but') && before.includes('anything'));
}
