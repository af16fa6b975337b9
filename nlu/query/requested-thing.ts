/**
 * The thing a shopper asks the shop for by name, when they ask in a way that expects a
 * yes or no: "do you sell laptops?", "got any sunglasses", "have you got chanel perfume",
 * "looking for a sofa". The shop decides whether it sells it (bot/decide.ts); this only
 * finds the words. Open requests ("something to keep the kids busy", "a gift for my dad")
 * name no thing. A short message that only names a thing ("hiking boots size 8") is not
 * asked about: on the tuning and report requests, judging those as not sold declined
 * slang and misspellings of things the shop has ("trackies", "rucksak"), an untrue reply.
 *
 *   requestedThing('Do you sell laptops?')          // { phrase: 'laptops', head: 'laptop' }
 *   requestedThing('any hiking boots in size 9?')   // { phrase: 'hiking boots', head: 'boot' }
 *   requestedThing('hiking boots size 8')           // undefined
 *   requestedThing('something warm for camping')    // undefined
 */
import { singularize } from './category.js';

const ASKS = /\b(?:does|do) (?:the|this|your) (?:shop|store|site|website) (?:sell|have|stock|carry|do)\b|\bis there (?:a|an|any)\b(?=[^?.]*\b(?:on here|anywhere|in (?:the )?(?:shop|store)|for sale|to buy)\b)|\b(?:have|has) (?:you|u|ya|they) got\b|\b(?:you|u|ya) got\b|\b(?:do|does|d'?you|would|will|can i|could i) ?(?:you|u|ya|they)? ?(?:guys )?(?:sell|have|carry|stock|do|offer|got)\b|\b(?:have|got) (?:you )?any\b|\bany\b|\blooking for\b|\bi(?:'m| am)? ?(?:want|need|would like)(?: to buy)?\b|\bwhere (?:are|is|can i find) (?:the|your)?\b|\bshow me\b|\bi'?d like\b|\bselling\b/i;
/** Words between the ask and the thing. */
const DETERMINERS = new Set(['a', 'an', 'some', 'any', 'the', 'your', 'new', 'pair', 'of', 'good', 'nice', 'cheap', 'decent', 'kind', 'sort', 'type', 'types', 'kinds', 'sorts']);
/** Words that end the thing's phrase. */
const STOPPERS = /^(anywhere|online|for|under|below|over|above|in|with|without|that|which|to|from|at|by|on|or|and|but|like|around|about|less|more|than|size|please|pls|plz|thanks|as|if|when|because|cos|so|i|im|me|my|is|are|it|its|this|these|there|here|\$.*|\d.*)$/;
/** Openers that name no particular thing. */
const OPEN = new Set(['both', 'all', 'more', 'another', 'it', 'them', 'one', 'something', 'anything', 'thing', 'things', 'stuff', 'gift', 'gifts', 'present', 'presents', 'idea', 'ideas', 'help', 'recommendation', 'recommendations', 'suggestion', 'suggestions', 'one', 'ones', 'option', 'options', 'deal', 'deals', 'sale', 'sales', 'discount', 'discounts', 'product', 'products', 'item', 'items', 'way', 'place']);

export interface RequestedThing {
  /** The shopper's words for it. */
  phrase: string;
  /** Its last word, singular: what it is ("hiking boots" -> "boot"). */
  head: string;
}

/**
 * "I need", "I want", "looking for", "any" ask for a thing only where the message or a sentence
 * starts: in "walking the dog at night I need both hands for the lead" they do not.
 */
const WEAK_ASK = /^(?:any|looking for|i(?:'m| am)? ?(?:want|need|would like)(?: to buy)?)$/i;
const OPENING_WORDS = 4;

export function requestedThing(text: string): RequestedThing | undefined {
  const match = ASKS.exec(text);
  if (!match) return undefined;
  if (WEAK_ASK.test(match[0].trim())) {
    const sentenceStart = Math.max(0, ...['.', '!', '?', ','].map((mark) => text.lastIndexOf(mark, match.index) + 1));
    if (text.slice(sentenceStart, match.index).trim().split(/\s+/).filter(Boolean).length >= OPENING_WORDS) return undefined;
  }
  const rest = text.slice(match.index + match[0].length).toLowerCase().replace(/[?!.,;:]+(\s|$)/g, ' | ').split(/\s+/).filter(Boolean);
  let i = 0;
  while (i < rest.length && DETERMINERS.has(rest[i]!)) i++;
  const words: string[] = [];
  for (; i < rest.length && words.length < 4; i++) {
    const word = rest[i]!.replace(/[^a-z0-9'&-]/g, '');
    if (rest[i] === '|' || word === '' || STOPPERS.test(word)) break;
    words.push(word);
  }
  if (words.length === 0 || OPEN.has(words[0]!) || OPEN.has(words.at(-1)!)) return undefined;
  return { phrase: words.join(' '), head: singularize(words.at(-1)!.replace(/'s$/, '')) };
}
