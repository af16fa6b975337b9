/**
 * Runs every query-understanding task in the registry and merges what they found.
 * New tasks (brand, colour, size, negation, sort...) are added to QUERY_TASKS, not to `bot`.
 *
 *   understand('running shoes under $80', vocabulary)
 *   // { filters: { maxPrice: 80, category: 'Running Shoes' }, shoppingCue: true, matched: ['under $80', 'running shoe'] }
 */
import { ageTask, capacityTask, colourTask, genderTask, materialTask, measureTask, scentTask, sizeTask } from './attributes.js';
import { brandTask } from './brand.js';
import { categoryTask } from './category.js';
import { englishLexicon } from '../text/lexicon.js';
import { negationTask } from './negation.js';
import { giftTask } from './gift.js';
import { priceTask } from './price.js';
import { productTypeTask } from './product-type.js';
import { shoppingCueTask } from './shopping-cue.js';
import { sortTask } from './sort.js';
import type { QueryFilters, QueryTask, QueryUnderstanding, ShopVocabulary } from './types.js';
import { lexicalTokens, queryWords, singularize } from '../text/words.js';

export const QUERY_TASKS: readonly QueryTask[] = [
  priceTask, productTypeTask, categoryTask, brandTask, colourTask, materialTask, scentTask, sizeTask, capacityTask, measureTask, genderTask, ageTask, negationTask, sortTask, giftTask, shoppingCueTask,
];

export function understand(text: string, vocabulary: ShopVocabulary, tasks: readonly QueryTask[] = QUERY_TASKS): QueryUnderstanding {
  const result: QueryUnderstanding = { filters: {}, sort: 'relevance', shoppingCue: false, matched: [] };
  for (const task of tasks) {
    const found = task.run(text, vocabulary);
    mergeFilters(result.filters, found.filters ?? {});
    if (found.sort) result.sort = found.sort;
    result.shoppingCue ||= found.shoppingCue ?? false;
    if (found.gift) result.gift = true;
    if (found.forGrownUp) result.forGrownUp = true;
    if (found.roughPrice) result.roughPrice = true;
    result.matched.push(...(found.matched ?? []));
    if (found.ruledOut?.length) result.ruledOut = [...new Set([...(result.ruledOut ?? []), ...found.ruledOut])];
    if (found.lacking?.length) result.lacking = [...new Set([...(result.lacking ?? []), ...found.lacking])];
  }
  // In the order said, so that a list reads back as one: "not wool, leather or down".
  if (result.ruledOut) {
    const said = ` ${queryWords(text).join(' ')} `;
    result.ruledOut.sort((a, b) => said.indexOf(` ${a.toLowerCase()} `) - said.indexOf(` ${b.toLowerCase()} `));
  }
  settleExclusions(result.filters);
  forAgesWhereTheyApply(result.filters, vocabulary);
  roughGiftBudgetAsACeiling(result);
  return result;
}

/**
 * A present's budget said roughly ("about 50 dollars", "£30ish"), with no kind named, is what the
 * giver will spend at most: a cheaper present is no worse a present. Dev: the coffee snob's uncle
 * at "about 50" got 2 pour-over sets (40-60), where 5 fitting presents cost less. A kind named
 * ("a watch around 300 for my dad") is priced as asked: a $60 watch is not that present.
 */
function roughGiftBudgetAsACeiling(result: QueryUnderstanding): void {
  const { filters } = result;
  if (!result.gift || !result.roughPrice || filters.types?.length || filters.category) return;
  delete filters.minPrice;
}

/**
 * A child's age narrows the products that state an age (toys) and not the others: with a kind
 * named ("running shoes for my 9 year old", "a kite for my 6yo") products without an age pass.
 * Named nothing ("present for a 6 year old who loves being outside"), only products made for
 * an age are for a child.
 */
function forAgesWhereTheyApply(filters: QueryFilters, vocabulary: ShopVocabulary): void {
  const ages = (vocabulary.attributes ?? []).filter((a) => a.kind === 'age' && filters.attributes?.[a.name]?.length).map((a) => a.name);
  if (ages.length === 0 || !(filters.types?.length || filters.category)) return;
  filters.passIfMissing = [...new Set([...(filters.passIfMissing ?? []), ...ages])];
}

/**
 * A value the shopper excludes is not also wanted because they name it again: in "anything but
 * black, i always wear black lol" and "not yellow pls, i look like a banana in yellow" the second
 * mention is about the first. An exclusion is said on purpose; a plain mention may be a story.
 */
function settleExclusions(filters: QueryFilters): void {
  for (const [name, excluded] of Object.entries(filters.excludedAttributes ?? {})) {
    const wanted = filters.attributes?.[name]?.filter((value) => !excluded.includes(value));
    if (!filters.attributes?.[name]) continue;
    if (wanted?.length) filters.attributes[name] = wanted;
    else delete filters.attributes[name];
  }
  if (filters.attributes && Object.keys(filters.attributes).length === 0) delete filters.attributes;
  for (const [key, excludedKey] of [['brands', 'excludedBrands'], ['types', 'excludedTypes']] as const) {
    const excluded = filters[excludedKey];
    if (!excluded?.length || !filters[key]?.length) continue;
    const wanted = filters[key]!.filter((value) => !excluded.includes(value));
    if (wanted.length) filters[key] = wanted;
    else delete filters[key];
  }
}

/** Later tasks add to what earlier ones found; attribute maps and lists are merged, not replaced. */
function mergeFilters(into: QueryFilters, from: QueryFilters): void {
  for (const [key, value] of Object.entries(from) as [keyof QueryFilters, QueryFilters[keyof QueryFilters]][]) {
    if (value === undefined) continue;
    if (key === 'attributes' || key === 'excludedAttributes') {
      const target = (into[key] ??= {});
      for (const [name, values] of Object.entries(value as Record<string, string[]>)) target[name] = [...new Set([...(target[name] ?? []), ...values])];
    } else if (Array.isArray(value)) {
      (into as Record<string, unknown>)[key] = [...new Set([...((into[key] as string[] | undefined) ?? []), ...value])];
    } else if (key === 'category' && into.category !== undefined) {
      // The product type's category (found first) is more specific than a category word.
      continue;
    } else {
      (into as Record<string, unknown>)[key] = value;
    }
  }
}

/**
 * Whether the shop reads a thing's name as one of its kinds: a product type, its shoppers' phrases
 * included ("face wash" is a cleanser, "vests" are tank tops), or a category through the name's
 * head rather than a word before it ("sports bra" and "watch strap" only share a word with Sports
 * and Watches, "knife sharpener" only a word with chef knives), unless English files the name
 * elsewhere: a life jacket is no jacket. The not-sold decision and the reply audit both ask it.
 */
export function namesShopKind(phrase: string, vocabulary: ShopVocabulary): boolean {
  const modifiers = new Set(phrase.toLowerCase().split(/\s+/).slice(0, -1).map(singularize));
  // A term names the thing unless it is only a word before its head, or English files the whole
  // name elsewhere than under the term ("life jacket" is a life preserver, "hot water bottle" no water bottle).
  const namesIt = (result: ReturnType<QueryTask['run']>) =>
    (result.matched ?? []).some((term) => !modifiers.has(singularize(term)) && englishLexicon().isKindOf(phrase, term) !== false);
  const type = productTypeTask.run(phrase, vocabulary);
  if (type.filters?.types?.length && namesIt(type)) return true;
  const category = categoryTask.run(phrase, vocabulary);
  return Boolean(category.filters?.category) && namesIt(category);
}

/**
 * Words of a request that ask the shop for nothing in particular: how a request is made
 * ("looking for", "do you have", "please") and who it is for. Checked as lexical tokens.
 */
const REQUEST_WORDS = ['i', 'im', 'looking', 'look', 'want', 'wanted', 'need', 'needed', 'like', 'after', 'show', 'got', 'get', 'buy', 'find', 'have', 'has', 'do', 'does', 'sell', 'stock', 'any', 'some', 'something', 'one', 'ones', 'pair', 'please', 'pls', 'plz', 'thanks', 'thank', 'cheers', 'hi', 'hello', 'hey', 'new', 'good', 'nice', 'decent', 'really', 'just', 'also', 'maybe', 'ideally', 'thing', 'things', 'stuff', 'me', 'my', 'for', 'you', 'u', 'your', 'there', 'which', 'what', 'recommend', 'suggest', 'options', 'option'];
let requestTokens: Set<string> | undefined;
/** Words that rule out what follows them. */
const NEGATING_WORDS = 'not no nothing without except but apart from other than excluding anything never none';
let negatingTokens: string[] | undefined;

/**
 * The content words of the request that no filter read ("noise cancelling" in "headphones with
 * noise cancelling", "2 person" in "a 2 person tent"), as lexical tokens. With any left, a count of
 * the products meeting the filters is not a count of those meeting the request.
 */
export function unreadWords(text: string, understanding: QueryUnderstanding): string[] {
  requestTokens ??= new Set(lexicalTokens(REQUEST_WORDS.join(' ')));
  // The words of the types read count too: "cable knit jumper" names cable-knit sweaters through "jumper".
  const read = new Set(lexicalTokens([...understanding.matched, ...(understanding.filters.types ?? [])].join(' ')));
  // The word that ruled out a value, a brand or a kind was read with it: "running shoes not pink"
  // is read whole. Not beside a feature ruled out by its word alone ("hoodie without a hood, not
  // black"): the filter only keeps products whose text does not say it.
  const { excludedAttributes, excludedBrands, excludedTypes, excludedTerms } = understanding.filters;
  const excluded = excludedBrands?.length || excludedTypes?.length || Object.keys(excludedAttributes ?? {}).length;
  if (excluded && !excludedTerms?.length) for (const token of (negatingTokens ??= lexicalTokens(NEGATING_WORDS))) read.add(token);
  // A feature ruled out that the kind's own name has is not met by products that only leave it
  // unsaid: "hoodie without a hood" counts no hoodies as matching.
  const kindWords = [...(understanding.filters.types ?? []), understanding.filters.category ?? ''].flatMap((name) => name.toLowerCase().split(/[^a-z]+/)).filter(Boolean);
  const named = (excludedTerms ?? []).filter((term) => kindWords.some((word) => word.startsWith(term.toLowerCase())));
  // The "s" of a possessive ("women's" is "women" and "s") is no word of its own.
  return [...new Set([...lexicalTokens(text).filter((token) => token !== 's' && !read.has(token) && !requestTokens!.has(token)), ...named])];
}
