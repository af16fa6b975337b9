/**
 * Words: how Aisle cuts text into words and compares them, for every task (query understanding,
 * the lexical indexes, product types and the vocabulary, what a reply may claim).
 *
 *   queryWords("Men's blue T-Shirts, not Kestrel")  // ['men', 's', 'blue', 't', 'shirts', 'not', 'kestrel']
 *   tokenizeWords("Men's T-Shirt")                  // ['men', 't-shirt']: catalog names, hyphenated words whole
 *   singularize('knives')                           // 'knife': the one plural rule
 *   stem('ordered')                                 // 'order': singular, then -ing and -ed
 *   lexicalTokens('Where are my cancelled orders?') // ['cancel', 'order']
 *   findPhrases(['blue', 'jackets'], ['jacket'])    // [1]
 */
import { normalizeText } from './normalize.js';

/** The shopper's text as normalised words (contractions opened, spellings unified, $12.50 kept whole). */
export function queryWords(text: string): string[] {
  return normalizeText(text).split(' ').filter((word) => word !== '');
}

/** Vocabulary phrases are few and asked about on every turn: normalise each once. */
const phraseCache = new Map<string, string[]>();
const PHRASE_CACHE_LIMIT = 50_000;

export function phraseWords(phrase: string): string[] {
  let words = phraseCache.get(phrase);
  if (!words) {
    words = queryWords(phrase);
    if (phraseCache.size >= PHRASE_CACHE_LIMIT) phraseCache.clear();
    phraseCache.set(phrase, words);
  }
  return words;
}

/** Singular forms, computed once per word list: every vocabulary phrase is compared with the same message. */
const singularCache = new WeakMap<readonly string[], string[]>();

function singulars(words: readonly string[]): string[] {
  let forms = singularCache.get(words);
  if (!forms) {
    forms = words.map(singularize);
    singularCache.set(words, forms);
  }
  return forms;
}

/** Start positions of `phrase` in `words`, comparing singular forms ("jackets" meets "jacket"). */
export function findPhrases(words: readonly string[], phrase: readonly string[]): number[] {
  if (phrase.length === 0 || phrase.length > words.length) return [];
  const starts: number[] = [];
  const wordForms = singulars(words);
  const phraseForms = singulars(phrase);
  outer: for (let i = 0; i + phrase.length <= words.length; i++) {
    for (let j = 0; j < phrase.length; j++) {
      if (words[i + j] !== phrase[j] && wordForms[i + j] !== phraseForms[j]) continue outer;
    }
    starts.push(i);
  }
  return starts;
}

/**
 * Words as product names spell them: hyphenated words whole ("t-shirt", "4-season"), a possessive
 * dropped ("chef's knife" -> "chef knife"), nothing else rewritten. Product types, the vocabulary
 * and the spelling corrector's known words are cut so, and a message is cut so where it is matched
 * against them (the kind it names, the noun after a price). Everything else reads `queryWords`.
 * Kept apart because a type's name is one word where the catalog hyphenates it, while
 * `queryWords` splits hyphens and rewrites spellings for matching shoppers' free text.
 */
export function tokenizeWords(text: string): string[] {
  const words = text.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').match(/[a-z0-9]+(?:['’-][a-z0-9]+)*/g) ?? [];
  // Possessives carry no product meaning: "men's" -> "men", "chef's knife" -> "chef knife".
  return words.map((word) => word.replace(/['’]s$/, ''));
}

/** Plural endings of nouns whose singular ends in f or fe ("penknives" too). */
const F_PLURALS: readonly [string, string][] = [['knives', 'knife'], ['wives', 'wife'], ['scarves', 'scarf'], ['shelves', 'shelf'], ['halves', 'half'], ['wolves', 'wolf'], ['calves', 'calf'], ['leaves', 'leaf'], ['loaves', 'loaf'], ['thieves', 'thief'], ['hooves', 'hoof']];

/** English plural to singular, good enough for product nouns ("dresses", "knives", "shoes"). */
export function singularize(word: string): string {
  if (word.length <= 3) return word;
  if (/(ches|shes|sses|xes|zes)$/.test(word)) return word.slice(0, -2);
  // "berries" -> "berry", but "ties" and "pies" only lose their s.
  if (word.endsWith('ies')) return word.length > 4 ? `${word.slice(0, -3)}y` : word.slice(0, -1);
  if (word.endsWith('ves')) {
    // The few nouns that lose an f: "knives", "scarves", "shelves"; the rest keep their v ("stoves", "gloves", "sleeves").
    const ending = F_PLURALS.find(([plural]) => word.endsWith(plural));
    return ending ? word.slice(0, -ending[0].length) + ending[1] : word.slice(0, -1);
  }
  if (word.endsWith('s') && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** Where `phrase` first starts in `words`, comparing words exactly; -1 when it does not occur. */
export function indexOfPhrase(words: readonly string[], phrase: readonly string[]): number {
  outer: for (let i = 0; i + phrase.length <= words.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (words[i + j] !== phrase[j]) continue outer;
    return i;
  }
  return -1;
}

/**
 * Function words that carry no topic: leaving them out keeps "how do I" from matching
 * every FAQ entry. Negations stay ("not", "no", "without") because they change meaning.
 */
const STOP_WORDS = new Set(
  ('a an the i me my mine myself we our ours you your yours he him his she her it its they them their ' +
    'is am are was were be been being have has had having do does did doing will would shall should can could may might must ' +
    'to of in on at by for with from into onto about as than then so and or but if because while ' +
    'this that these those there here what which who whom whose when where why how ' +
    'please hi hello hey thanks thank just also any some get got')
    .split(' '),
);

/**
 * A light English stemmer for the lexical indexes: -ing and -ed forms and plurals meet ("orders",
 * "ordered", "ordering" -> "order"); plurals by the one plural rule, `singularize`.
 */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  if (word.endsWith('ing') && word.length > 5) return undouble(word.slice(0, -3));
  if (word.endsWith('ed') && word.length > 4 && !word.endsWith('eed')) return undouble(word.slice(0, word.endsWith('ied') ? -3 : -2) + (word.endsWith('ied') ? 'y' : ''));
  return singularize(word);
}

/** "shipp" -> "ship", "stopp" -> "stop": the doubled consonant of "shipping", "stopped". */
function undouble(word: string): string {
  return /([bdfgmnprt])\1$/.test(word) ? word.slice(0, -1) : word.replace(/e$/, '');
}

/** Normalised, stop-word-free, stemmed tokens: the vocabulary of the lexical indexes. */
export function lexicalTokens(text: string): string[] {
  return normalizeText(text)
    .split(' ')
    .map((word) => word.replace(/^\$|[.,]$/g, ''))
    .filter((word) => word !== '' && !STOP_WORDS.has(word))
    .map(stem)
    .map((word) => word.replace(/e$/, ''));
}
