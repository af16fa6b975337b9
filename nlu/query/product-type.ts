/**
 * The product type named in the shopper's words, from the shop's own types
 * (ShopVocabulary.types): "a sleeping bag for a festival" -> "sleeping bag". The longest
 * matching term wins ("trail running shoe" over "running shoe"); shoppers' synonyms are
 * tried when their own words name no type ("skillet" -> "frying pan"). A negated type
 * ("not a parka") is not a request for it. A negated word that names some types
 * excludes them: "headphones, but not wireless ones", "jeans that aren't slim fit",
 * "a backpack for uni, not a hiking one".
 *
 *   productTypeTask.run('cheap sleeping bags', vocabulary)
 *   // { filters: { types: ['sleeping bag'], category: 'Outdoor & Camping' }, matched: ['sleeping bag'], shoppingCue: true }
 */
import { joinCompounds, negatedRightBefore, PRODUCT_SYNONYMS, synonymsAt, withoutTopsThatAreNotTops } from './category.js';
import type { QueryTask, ShopVocabulary } from './types.js';
import { englishLexicon } from '../text/lexicon.js';
import { isOwnedAt } from './owned.js';
import { isNegated, isNegatedInList } from './negated.js';
import { indexOfPhrase, lexicalTokens, phraseWords, queryWords, singularize, tokenizeWords } from '../text/words.js';

export const productTypeTask: QueryTask = {
  name: 'product-type',
  run(text, vocabulary) {
    const words = joinCompounds(tokenizeWords(withoutTopsThatAreNotTops(text)), vocabulary).map(singularize);
    const direct = findType(words, vocabulary);
    const { types: negated, words: negatedWords } = negatedTypes(text, vocabulary);
    // Synonyms are read only when no type, or a one-word one, was found (they cost a search per word).
    // An alternative whose types the shopper ruled out is passed over ("a puffer, but not down").
    const viaSynonym =
      !direct || spanWords(direct) === 1 ? synonymTypes(words, vocabulary).find((found) => !found.types.every((t) => negated.includes(t.name))) : undefined;
    // The longer phrase names the product better: "hiking trousers" is hiking pants (through
    // trouser -> pant), not cargo trousers (the only type ending in "trouser").
    const preferred = direct && !(viaSynonym && spanWords(viaSynonym) > spanWords(direct)) ? direct : (viaSynonym ?? direct);
    // A synonym never overrides a category the shopper named outright ("headphones for my mac").
    const overridden = preferred !== direct && preferred !== undefined && overridesNamedCategory(preferred, words, vocabulary);
    const found = overridden ? direct : preferred;
    // "a watch that isn't a smartwatch": the type named is ruled out, not asked for.
    // So is one they have already: "she has a tent already", "he already owns good boots".
    const ruledOut = found && (isNegatedAt(words, found.start) || isOwnedAt(words, found.start)) ? found.types.map((t) => t.name) : [];
    // A word that names several types ("jumper": cable-knit and crewneck sweaters) asks for those
    // the shopper did not rule out ("a jumper, no cable knit").
    const kept = found && found.types.length > 1 ? found.types.filter((t) => !negated.includes(t.name)) : found?.types;
    // Another kind listed with it is asked for too: "electric kettle and a coffee grinder".
    const listed = found && !ruledOut.length ? listedWith(words, found, vocabulary).filter((t) => !negated.includes(t.name)) : [];
    const wanted = ruledOut.length || !kept?.length ? undefined : { ...found!, types: [...kept, ...listed.filter((t) => !kept.includes(t))] };
    // A type both named and ruled out ("got a yoga mat already, not another mat") is ruled out (understand settles it).
    const excluded = [...new Set([...negated, ...ruledOut])];
    const exclusion = excluded.length ? { excludedTypes: excluded } : {};
    const said = [...(ruledOut.length ? [found!.span] : []), ...negatedWords];
    const ruledOutWords = excluded.length && said.length ? { ruledOut: said } : {};
    if (!wanted) return excluded.length ? { filters: exclusion, ...ruledOutWords } : {};
    const categories = [...new Set(wanted.types.map((t) => t.category))];
    const category = categories.length === 1 && categories[0] ? { category: categories[0] } : {};
    return { filters: { types: wanted.types.map((t) => t.name), ...category, ...exclusion }, matched: [wanted.span], shoppingCue: true, ...ruledOutWords };
  },
};

/** Words that sit inside type names ("pour-over", "quarter-zip") but, negated, are about something else ("nothing over $25"). */
const PARTICLES = new Set(['over', 'under', 'up', 'out', 'off', 'on', 'too', 'more', 'less', 'very']);

/**
 * Types named by a negated word that sets them apart from their kind ("wireless" in
 * "wireless earbud", "slim" in "slim jean"), or that is the kind several of them share
 * ("not a backpack": hiking and laptop backpacks). A type named whole ("not a smartwatch")
 * is the type task's negated request.
 */
function negatedTypes(text: string, vocabulary: ShopVocabulary): { types: string[]; words: string[] } {
  const words = queryWords(text);
  const excluded = new Set<string>();
  const said = new Set<string>();
  const items = listItemWords(vocabulary);
  for (const [i, word] of words.entries()) {
    // "nothing over $25", "not in black": function words set no type apart.
    // Owned is ruled out as well: "he already owns good boots and a backpack".
    if (lexicalTokens(word).length === 0 || PARTICLES.has(word) || !(isNegatedInList(words, i, (item) => items.has(singularize(item))) || isOwnedAt(words, i) || categoryNameNegated(words, i, vocabulary))) continue;
    // "nothing smart to wear", "i've got nothing warm": what the shopper lacks, not what they rule out.
    if (words[i - 1] === 'nothing' && (words[i + 1] === 'to' || /^(?:have|got|had|with|own)$/.test(words[i - 2] ?? ''))) continue;
    // "isn't sleeping", "not running": a state, not a kind ruled out (sleeping bags, running shoes).
    if (words[i - 1] === 'not' && englishLexicon().isIngForm(word)) continue;
    const singular = singularize(word);
    for (const type of vocabulary.types ?? []) {
      // A word of a hyphenated modifier counts only with the rest of it: "not the in-ear kind"
      // rules out no over-ear headphones.
      const modifiers = type.name.split(' ').slice(0, -1).map((modifier) => phraseWords(modifier).map(singularize));
      // Or it is the kind several types share: "a bag, not a backpack" rules out hiking and laptop backpacks.
      const kind = singularize(type.name.split(' ').at(-1)!);
      const byKind = kind === singular && type.name.includes(' ');
      const modifier = modifiers.find((parts) => {
        const at = parts.indexOf(singular);
        return at >= 0 && parts.every((part, k) => singularize(words[i - at + k] ?? '') === part);
      });
      // Or it begins a type written as one word whose rest is the kind others share: "a watch but
      // nothing smart" rules out smartwatches (the shop's field and dive watches are watches too).
      const rest = !type.name.includes(' ') && type.name.startsWith(singular) ? type.name.slice(singular.length) : '';
      const joined = rest.length > 2 && (vocabulary.types ?? []).some((other) => other.name.endsWith(` ${rest}`));
      // Or it is the word its category goes by: "apart from shoes" rules out racing flats as well as running shoes.
      const byCategory = categoryWords(vocabulary, type.category).has(singular);
      if (byKind || modifier || joined || byCategory) {
        excluded.add(type.name);
        // The modifier whole, as typed: "in ear", "slim".
        const at = modifier ? modifier.indexOf(singular) : 0;
        said.add(modifier ? words.slice(i - at, i - at + modifier.length).join(' ') : word);
      }
    }
  }
  return { types: [...excluded], words: [...said] };
}

/**
 * Whether the word ends a category's whole name and the name is negated: "NOT more running shoes
 * please" (the negation is before "running", not before "shoes").
 */
function categoryNameNegated(words: readonly string[], i: number, vocabulary: ShopVocabulary): boolean {
  return vocabulary.categories.some(({ name }) => {
    const parts = phraseWords(name.toLowerCase()).map(singularize);
    const start = i - parts.length + 1;
    return parts.length > 1 && start > 0 && parts.every((part, k) => singularize(words[start + k] ?? '') === part) && isNegated(words, start);
  });
}

/**
 * The last word of a category's name, singular ("shoe" of Running Shoes): what its products all are.
 * A category of several kinds ("Jackets & Coats") goes by none of them alone: "a jacket, not a coat".
 */
function categoryWords(vocabulary: ShopVocabulary, category: string | undefined): Set<string> {
  if (category === undefined || /&|,|\/|\band\b/i.test(category)) return new Set();
  return new Set([singularize(category.toLowerCase().split(/\s+/).at(-1)!)]);
}

type VocabularyType = NonNullable<ShopVocabulary['types']>[number];

interface FoundTypes {
  types: VocabularyType[];
  start: number;
  span: string;
  /** Words of the type term matched (a synonym's span is the shopper's one word). */
  length?: number;
}

function spanWords(found: FoundTypes): number {
  return found.length ?? found.span.split(' ').length;
}

function findType(words: readonly string[], vocabulary: ShopVocabulary): FoundTypes | undefined {
  let best: { type: VocabularyType; start: number; span: string; length: number } | undefined;
  for (const type of vocabulary.types ?? []) {
    for (const term of type.terms) {
      const phrase = term.split(' ');
      if (best && phrase.length <= best.length) continue;
      const start = indexOfPhrase(words, phrase);
      if (start >= 0) best = { type, start, span: term, length: phrase.length };
    }
  }
  return best && { types: [best.type], start: best.start, span: best.span, length: best.length };
}

/** Words that may join two kinds in a list: "a kettle and a grinder", "puzzles or board games". */
const LIST_GLUE = /^(?:and|or|a|an|some|the|also|maybe)$/;

/** The shop's types named by their own terms and joined to the found one by "and" or "or". */
function listedWith(words: readonly string[], found: FoundTypes, vocabulary: ShopVocabulary): VocabularyType[] {
  const end = found.start + spanWords(found);
  const listed: VocabularyType[] = [];
  for (const type of vocabulary.types ?? []) {
    if (found.types.includes(type)) continue;
    for (const term of type.terms) {
      const phrase = term.split(' ');
      const start = indexOfPhrase(words, phrase);
      if (start < 0) continue;
      const between = start >= end ? words.slice(end, start) : start + phrase.length <= found.start ? words.slice(start + phrase.length, found.start) : [];
      if (between.length >= 1 && between.length <= 3 && between.some((word) => word === 'and' || word === 'or') && between.every((word) => LIST_GLUE.test(word))) {
        listed.push(type);
        break;
      }
    }
  }
  return listed;
}

/**
 * The types a shopper's word may mean through its synonyms, in the order the synonyms are
 * listed ("skillet" -> "frying pan"). A catalog word may be the last word of several types
 * ("jumper" -> "sweater": cable-knit and crewneck sweaters).
 */
function synonymTypes(words: readonly string[], vocabulary: ShopVocabulary): FoundTypes[] {
  const own = typeWords(vocabulary);
  const found: FoundTypes[] = [];
  for (const [i, word] of words.entries()) {
    for (const synonym of synonymsAt(words, i)) {
      const match = findType([...words.slice(0, i), ...synonym.split(' '), ...words.slice(i + 1)], vocabulary);
      // The shop's own word for a kind of product means what the shop means by it ("earbuds" are
      // not headphones), unless the synonym joins the words around it into a type ("hiking trousers").
      if (own.has(word) && !(match && match.span.split(' ').length > synonym.split(' ').length)) continue;
      if (match) {
        found.push({ types: match.types, start: i, span: word, length: spanWords(match) - synonym.split(' ').length + 1 });
        continue;
      }
      const sharing = synonym.includes(' ') || own.has(word) ? [] : (vocabulary.types ?? []).filter((type) => type.name.split(' ').length > 1 && singularize(type.name.split(' ').at(-1)!) === synonym);
      if (sharing.length > 1) found.push({ types: sharing, start: i, span: word });
    }
  }
  // One word's synonyms that each name one type of the same kind are one request for all of them:
  // "puffa" is down and insulated jackets alike. A synonym naming a kind shared by several types ("earphone":
  // earbuds, then headphones) goes first, as listed.
  // Of the same kind ("down jacket", "insulated jacket"), not a specific one and a loose one ("raincoat": rain jacket, then coat).
  const head = (one: FoundTypes) => singularize(one.types[0]!.name.split(' ').at(-1)!);
  const merged: FoundTypes[] = [];
  for (const item of found) {
    const same = item.types.length === 1 && merged.find((other) => other.types.length === 1 && other.start === item.start && other.span === item.span && spanWords(other) === spanWords(item) && head(other) === head(item));
    if (same) same.types = [...new Set([...same.types, ...item.types])];
    else merged.push({ ...item, types: [...item.types] });
  }
  return merged;
}

const listItemsCache = new WeakMap<ShopVocabulary, Set<string>>();

/** Words that can be items of a negated list: what sets types apart, and attribute values' words ("wool", "leather", "down"). */
function listItemWords(vocabulary: ShopVocabulary): Set<string> {
  let words = listItemsCache.get(vocabulary);
  if (!words) {
    words = new Set([
      ...(vocabulary.types ?? []).flatMap((type) => phraseWords(type.name).slice(0, -1).map(singularize)),
      ...(vocabulary.attributes ?? []).flatMap((attribute) => attribute.values.flatMap((value) => phraseWords(value).map(singularize))),
    ]);
    listItemsCache.set(vocabulary, words);
  }
  return words;
}

/** Whether the words name a category outright ("headphone" -> Headphones & Audio) that none of the found types is in. */
function overridesNamedCategory(found: FoundTypes, words: readonly string[], vocabulary: ShopVocabulary): boolean {
  const named = vocabulary.categories.filter(({ terms }) => terms.some((term) => indexOfPhrase(words, term.split(' ')) >= 0)).map(({ name }) => name);
  return named.length > 0 && !found.types.some((t) => t.category !== undefined && named.includes(t.category));
}

const typeWordsCache = new WeakMap<ShopVocabulary, Set<string>>();

/** The last word of every type name, singular: the shop's words for kinds of product. */
function typeWords(vocabulary: ShopVocabulary): Set<string> {
  let words = typeWordsCache.get(vocabulary);
  if (!words) {
    words = new Set((vocabulary.types ?? []).map((type) => singularize(tokenizeWords(type.name).at(-1)!)));
    typeWordsCache.set(vocabulary, words);
  }
  return words;
}

/**
 * "not a parka", "isn't a smartwatch", "anything but a tote", "no headlamp": the type is ruled
 * out. The negation must come right before it (only words like "a", "the", "real" between):
 * in "I don't have a sleeping bag yet, need one" the shopper wants a sleeping bag.
 */
function isNegatedAt(words: readonly string[], start: number): boolean {
  // Over how it is, too: "not a bulky parka", "hate clunky smartwatches".
  const isCue = (cue: string, before: string | undefined) =>
    cue === 'but' ? before === 'anything' || before === 'everything' : /^(not|no|without|except|nor|never|isnt|arent|wasnt|werent|hate|hates|dislike|dislikes)$|^(is|are|was|were)n['’]t$/.test(cue);
  const bridge = { has: (word: string) => TYPE_BRIDGE.has(word) || (englishLexicon().isModifierOnly(word) && !isCue(word, undefined) && word !== 'but') };
  return negatedRightBefore(words, start, bridge, isCue);
}

const TYPE_BRIDGE = new Set(['a', 'an', 'the', 'any', 'one', 'real', 'really', 'actual', 'of', 'those', 'these']);
