/**
 * Price bounds in shoppers' words.
 *
 *   priceTask.run('running shoes under $80')        // { filters: { maxPrice: 80 } }
 *   priceTask.run('between 20 and 40 dollars')      // { filters: { minPrice: 20, maxPrice: 40 } }
 *   priceTask.run('around $100')                    // { filters: { minPrice: 80, maxPrice: 120 } }
 *   priceTask.run('25ish')                          // { filters: { minPrice: 20, maxPrice: 30 } }
 *   priceTask.run('nothing over $25')               // { filters: { maxPrice: 25 } }
 */
import { shopKindTerms } from './category.js';
import type { QueryFilters, QueryTask, ShopVocabulary } from './types.js';
import { singularize, tokenizeWords } from '../text/words.js';

/** Amounts in words: "twenty quid", "a few pounds" (at most about ten), "a couple of bucks". */
const WORD_AMOUNTS: Record<string, number> = {
  'few': 10, 'couple': 5, 'five': 5, 'ten': 10, 'fifteen': 15, 'twenty': 20, 'twenty five': 25, 'twenty-five': 25, 'thirty': 30, 'forty': 40, 'fifty': 50,
  'sixty': 60, 'seventy': 70, 'eighty': 80, 'ninety': 90, 'hundred': 100, 'a hundred': 100, 'one hundred': 100, 'two hundred': 200,
};
/** An amount in words with its currency: "twenty quid", "a few pounds", "a couple of bucks". */
const IN_WORDS = String.raw`(?:a )?\b(${Object.keys(WORD_AMOUNTS).join('|')})(?: of)? (?:dollars?|bucks|quid|pounds?|euros?)\b`;
/** Words for a child, after which "around 6" is an age ("building blocks for kids around 6"): read by the age task. */
export const CHILD_WORDS = String.raw`(?:kids?|child(?:ren)?|boys?|girls?|son|daughter)`;
// Or a banknote by name: "no more than a tenner", "under a fiver".
// Or in words, said with its currency: "under twenty pounds", "thirty quid", "a few bucks".
const AMOUNT = String.raw`(?:(?:\$|usd\s*|€|£)?\s*(\d+(?:[.,]\d{1,2})?)\s*(?:\$|dollars?|bucks|usd|eur|euros?|quid|pounds?|gbp)?|(?:a|one) (tenner|fiver)\b|${IN_WORDS})`;
/** An amount with a currency sign before it or a currency word after it ("£50", "30 quid"): one number group, either way. */
const WITH_CURRENCY = String.raw`(?:[$€£]\s*(\d+(?:[.,]\d{1,2})?)|\b(\d+(?:[.,]\d{1,2})?)\s*(?:dollars?|bucks|quid|pounds?|euros?))`;
/** Banknotes by name, and amounts in words (a few pounds is at most about ten). */
const NOTES: Record<string, number> = { tenner: 10, fiver: 5 };
/** Words after which a number is someone's age: "she's about 70", "he is around 40", "aged about 60". */
const SAYS_AN_AGE = String.raw`(?:she'?s|he'?s|she is|he is|they'?re|they are|who'?s|who is|aged|turning|turns)`;
/** People and things counted, not priced: "about 10 colleagues", "around 30 guests" (and "about 20 of us"). */
const COUNTED = String.raw`(?:people|persons?|colleagues|co-?workers|workmates|friends|mates|guests|kids|children|grandkids|grandchildren|nieces|nephews|cousins|teachers|staff|employees|members|students|pupils|boys|girls|ladies|men|women|families|teams|bridesmaids|groomsmen|items|things|gifts|presents)`;
/** Lengths of time: "about 3 weeks back" is when, not what it cost. */
const DURATIONS = String.raw`(?:days?|weeks?|months?|hours?|hrs?|minutes?|mins?|nights?|times?)`;
/**
 * Words after an amount that make it a difference, not a price: "it's now $20 cheaper", "$10
 * more than online", "£5 off". Not "more or less" (about that much), nor "back" or "extra",
 * which name things ("a £25 back massager", "$25 extra large tees").
 */
const DIFFERENCE_WORDS = String.raw`(?:cheaper|dearer|off|(?:more|less) (?:than|expensive)|difference)`;
/** Not followed by a difference word, nor by more digits: "$19.99 cheaper" is not "$19" and a price. */
const A_DIFFERENCE = String.raw`(?![.,]?\d)(?!\s*${DIFFERENCE_WORDS}\b)`;
/** A currency sign or word in a matched amount. */
const CURRENCY = /[$€£]|\b(?:usd|eur|gbp|dollars?|bucks|quid|pounds?|euros?|tenner|fiver)\b/i;
/** How far "around X" reaches on each side. */
const AROUND_SPREAD = 0.2;

/** Not spending more: "don't want to spend more than", "can't pay over", "wouldnt go above". */
const SPEND_NO_MORE = String.raw`(?:do ?n'?t|do not|doesn'?t|does not|can'?t|cannot|won'?t|wouldn'?t|not) (?:want to |wanna |like to |going to |gonna )?(?:spend|pay|go) (?:any )?(?:more than|over|above)`;

const PATTERNS: { pattern: RegExp; toFilters: (a: number, b?: number) => QueryFilters; bare?: true }[] = [
  // An amount in words needs no currency after a word about spending: "don't want to spend more than sixty".
  { pattern: new RegExp(String.raw`\b${SPEND_NO_MORE}\s+(?:a\s+)?(${Object.keys(WORD_AMOUNTS).sort((a, b) => b.length - a.length).join('|')})\b(?!\s+(?:hundred|thousand|grand|years?|days?|weeks?|months?|minutes?|hours?|times?|people|items?))`, 'i'), toFilters: (a) => ({ maxPrice: a }) },
  { pattern: new RegExp(String.raw`\bbetween\s+${AMOUNT}\s+(?:and|to|-)\s+${AMOUNT}`, 'i'), toFilters: (a, b) => range(a, b!) },
  { pattern: new RegExp(String.raw`(?:\$|usd\s*)\s*(\d+(?:\.\d{1,2})?)\s*(?:-|–|to)\s*\$?\s*(\d+(?:\.\d{1,2})?)`, 'i'), toFilters: (a, b) => range(a, b!) },
  // A range after a word of price, no currency needed: "something small, like 15-25", "budget 20 to 30".
  { pattern: new RegExp(String.raw`(?<!\b${CHILD_WORDS}\s+)\b(?:like|around|about|roughly|budget(?: of| is)?|spend(?:ing)?|between)\s+[£€$]?(\d+(?:\.\d{1,2})?)\s*(?:-|–|to)\s*[£€$]?(\d+(?:\.\d{1,2})?)\b(?!\s*(?:years?|yrs?|yo|y\/o|days?|weeks?|months?|minutes?|mins?|hours?|people|persons?|person|players?|pieces?|pairs?|pack|cm|mm|ml|kg|l|litres?|inch(?:es)?|%))`, 'i'), toFilters: (a, b) => range(a, b!) },
  { pattern: new RegExp(String.raw`\b(?:under|below|less than|cheaper than|no more than|not more than|nothing (?:over|above|more than)|(?:not|isn'?t|aren'?t|is not|are not|never) (?:over|above|more than)|${SPEND_NO_MORE}|up to|max(?:imum)?|at most|within|<)\s*${AMOUNT}`, 'i'), toFilters: (a) => ({ maxPrice: a }) },
  { pattern: new RegExp(String.raw`(?<!\b(?:not|isn'?t|aren'?t|never|nothing)\s+)\b(?:over|above|more than|at least|min(?:imum)?|from|>)\s*${AMOUNT}`, 'i'), toFilters: (a) => ({ minPrice: a }) },
  // "budget of 50", "budget is £30", "spend 40": a ceiling, "budget around 100" too: before "around" reads it as a band.
  { pattern: new RegExp(String.raw`\b(?:budget(?: of| is|'s)?|spend(?:ing)?(?: up to)?|max(?:imum)? spend(?: of)?)\s*(?:around |about )?${AMOUNT}`, 'i'), toFilters: (a) => ({ maxPrice: a }) },
  // Not an age: "building blocks for kids around 6", "gift for my mum, she's about 70".
  // Nor a count or a measure: "around 2-4 players", "about 30 litres", "presents for about 10 colleagues".
  { pattern: new RegExp(String.raw`(?<!\b(?:${CHILD_WORDS}|${SAYS_AN_AGE})\s+)\b(?:around|about|approximately|roughly|~)\s*${AMOUNT}(?![\d.,]|\s*(?:-|–|to)\s*\d|\s*(?:players?|${COUNTED}|pieces?|pairs?|years?|yrs?|${DURATIONS}|${DIFFERENCE_WORDS}|kg|cm|mm|ml|l|litres?|liters?|inch(?:es)?)\b|\s*of\s+(?:us|them|you|my|our|his|her|their|the)\b)`, 'i'), toFilters: around },
  // "£50-ish", "30 quid ish": around it.
  { pattern: new RegExp(String.raw`${WITH_CURRENCY}\s*-?ish\b`, 'i'), toFilters: around },
  // "25ish" with no currency: around it, but no sign of shopping on its own, and never a size or a time ("size 12ish", "by 5ish").
  { pattern: /(?<!\b(?:size|sizes|uk|us|eu|by|at|till|until|before|after|from|around|about)\s+)\b(\d{2,}(?:[.,]\d{1,2})?)\s*-?ish\b/i, toFilters: around, bare: true },
  { pattern: new RegExp(String.raw`${AMOUNT}\s*(?:or less|or under|max|maximum|limit|budget)\b`, 'i'), toFilters: (a) => ({ maxPrice: a }) },
  // "£100 tops", "50 quid tops"; "3 tops" are three of them.
  { pattern: new RegExp(String.raw`${WITH_CURRENCY}\s*tops\b`, 'i'), toFilters: (a) => ({ maxPrice: a }) },
  // "A tenner each", "a fiver": British notes as a ceiling (not "over a tenner"; "charged a fiver" is no shopping).
  { pattern: /(?<!\b(?:over|above|than|least|from)\s+)\b(?:a|one) (tenner|fiver)\b/i, toFilters: (a) => ({ maxPrice: a }), bare: true },
  // A bare amount with a currency sign or word ("£20", "20 quid") is a ceiling in a shopping request.
  { pattern: new RegExp(String.raw`(?:[$£€]\s*(\d+(?:[.,]\d{1,2})?)\b|\b(\d+(?:[.,]\d{1,2})?)\s*(?:quid|bucks|dollars|pounds|euros)\b)${A_DIFFERENCE}`, 'i'), toFilters: (a) => ({ maxPrice: a }), bare: true },
  // "A few quid", "twenty pounds": an amount in words is a ceiling too.
  { pattern: new RegExp(String.raw`(?<!\b(?:over|above|than|least|from|saved?|charged|refund(?:ed)?|lost|cost me|paid|few)\s+)${IN_WORDS}`, 'i'), toFilters: (a) => ({ maxPrice: a }), bare: true },
];

export const priceTask: QueryTask = {
  name: 'price',
  run(text, vocabulary) {
    for (const { pattern, toFilters, bare } of PATTERNS) {
      for (const match of text.matchAll(everyMatch(pattern))) {
        // "around 50 water bottles for a conference" counts bottles; "around 50 dollar headphones" prices them.
        if (toFilters === around && !CURRENCY.test(match[0]) && countsTheShopsThings(text.slice(match.index + match[0].length), vocabulary)) continue;
        const numbers = match.slice(1).filter((group) => group !== undefined).map((group) => NOTES[group.toLowerCase()] ?? WORD_AMOUNTS[group.toLowerCase()] ?? Number(group.replace(',', '.')));
        if (numbers.some((n) => !Number.isFinite(n))) continue;
        // A bare number is only a price with a currency sign or word, or a price word before it.
        // A bare amount ("I was charged $50 twice") does not by itself make a message a product search.
        return { filters: toFilters(numbers[0]!, numbers[1]), matched: [match[0].trim()], shoppingCue: !bare, ...(toFilters === around ? { roughPrice: true } : {}) };
      }
    }
    return {};
  },
};

const globalPatterns = new Map<RegExp, RegExp>();

/** The pattern searching the whole text: a number that turns out to count things is passed over for a later one. */
function everyMatch(pattern: RegExp): RegExp {
  let global = globalPatterns.get(pattern);
  if (!global) globalPatterns.set(pattern, (global = new RegExp(pattern.source, `${pattern.flags}g`)));
  return global;
}

/** Whether the words after a number name one of the shop's kinds ("water bottles", "tents"): then it counts them. */
function countsTheShopsThings(after: string, vocabulary: ShopVocabulary): boolean {
  const kinds = shopKindTerms(vocabulary);
  const words = tokenizeWords(after).slice(0, 3).map(singularize);
  return [1, 2, 3].some((n) => words.length >= n && kinds.has(words.slice(0, n).join(' ')));
}

function around(a: number): QueryFilters {
  return { minPrice: round(a * (1 - AROUND_SPREAD)), maxPrice: round(a * (1 + AROUND_SPREAD)) };
}

function range(a: number, b: number): QueryFilters {
  return { minPrice: Math.min(a, b), maxPrice: Math.max(a, b) };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
