/**
 * The shop's words, in the four sets query understanding and the not-sold decision read, built
 * once per vocabulary. Each answers a different question:
 *   terms       is this whole phrase one of the shop's names? ("fleece jacket", "trainer")
 *   namingWords does this word name something the shop has? (last words of terms, brands, synonyms)
 *   kindWords   does this word name a kind of product? (last words of terms and of shoppers' names)
 *   allWords    is this word the shop's at all? (every word of terms, attribute values, brands)
 *
 *   shopWords(vocabulary).namingWords.has('jacket') // true
 */
import { PHRASE_SYNONYMS, PRODUCT_SYNONYMS, shopSynonyms } from './category.js';
import type { ShopVocabulary } from './types.js';
import { phraseWords, singularize } from '../text/words.js';

export interface ShopWords {
  /** Whole type and category terms, and the shoppers' words that lead to something the shop has. */
  terms: ReadonlySet<string>;
  /** The last word of every type and category term (singular and as written), brands' words, and those shoppers' words. */
  namingWords: ReadonlySet<string>;
  /** The last word of every type name and term, category term and shoppers' name for a thing. */
  kindWords: ReadonlySet<string>;
  /** Every word of the shop's type and category names and terms, attribute values, brands and shoppers' names. */
  allWords: ReadonlySet<string>;
}

const cache = new WeakMap<ShopVocabulary, ShopWords>();

export function shopWords(vocabulary: ShopVocabulary): ShopWords {
  const cached = cache.get(vocabulary);
  if (cached) return cached;
  const types = vocabulary.types ?? [];
  const categoryTerms = vocabulary.categories.flatMap((category) => category.terms);
  const synonyms = shopSynonyms(vocabulary);
  const lastWord = (phrase: string) => phraseWords(phrase).at(-1);

  const terms = new Set([...types.flatMap((type) => type.terms), ...categoryTerms, ...synonyms].map((term) => term.toLowerCase()));

  const namingWords = new Set<string>();
  for (const term of [...types.flatMap((type) => type.terms), ...categoryTerms]) {
    const last = term.toLowerCase().split(/\s+/).filter(Boolean).at(-1);
    if (last) namingWords.add(singularize(last)).add(last);
  }
  for (const brand of vocabulary.brands ?? []) for (const word of brand.toLowerCase().split(/\s+/)) namingWords.add(word);
  for (const synonym of synonyms) namingWords.add(synonym);

  const kindWords = new Set<string>();
  for (const phrase of [...categoryTerms, ...types.flatMap((type) => [type.name, ...type.terms]), ...Object.keys(PHRASE_SYNONYMS), ...Object.keys(PRODUCT_SYNONYMS)]) {
    const last = lastWord(phrase);
    if (last) kindWords.add(last).add(singularize(last));
  }

  const allWords = new Set<string>();
  const phrases = [
    ...vocabulary.categories.flatMap((category) => [category.name, ...category.terms]),
    ...types.flatMap((type) => [type.name, type.plural, ...type.terms]),
    ...(vocabulary.attributes ?? []).flatMap((attribute) => attribute.values),
    ...(vocabulary.brands ?? []),
    ...Object.keys(PHRASE_SYNONYMS),
    ...Object.keys(PRODUCT_SYNONYMS),
  ];
  for (const phrase of phrases) {
    for (const word of phraseWords(phrase)) allWords.add(word).add(singularize(word));
    // A hyphenated word whole as well as by its parts: a message's "over-ear" or "long-sleeve" is
    // the shop's word, not a make it has never heard of.
    for (const word of phrase.toLowerCase().split(/\s+/)) if (/^[a-z]+(?:-[a-z]+)+$/.test(word)) allWords.add(word);
  }

  const words = { terms, namingWords, kindWords, allWords };
  cache.set(vocabulary, words);
  return words;
}
