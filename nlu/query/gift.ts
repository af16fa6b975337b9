/**
 * Gift requests: "secret santa at work", "a present for my sister", "birthday gift for
 * my dad", "stocking fillers". The bot then prefers well-rated, giftable products
 * across the fitting types, within the budget.
 *
 *   giftTask.run('secret santa, 20 quid max') // { gift: true, shoppingCue: true, matched: ['secret santa'] }
 */
import type { QueryTask } from './types.js';

/** People a present is bought for. */
const RECIPIENT = String.raw`(?:mum|mom|dad|sister|brother|wife|husband|girlfriend|boyfriend|partner|friend|nephew|niece|son|daughter|grandma|gran|nan|grandad|grandpa|colleague|boss|teacher|uncle|aunt|auntie|cousin|grandson|granddaughter|grandkid|grandchild|grandchildren|godson|goddaughter|godchild|godchildren|neighbou?r|fianc[eé]e?|(?:brother|sister|mother|father|son|daughter)[- ]in[- ]law|in[- ]laws|step[- ]?(?:dad|mum|mom|son|daughter|mother|father))`;
/** The end of a recipient's name: "é" is no word character to \b. */
const END = String.raw`(?![a-zà-ÿ])`;

const GIFT = new RegExp(
  String.raw`\b(gifts?|(?<!\b(?:am|is|are|was|were|be|been|being|not) )present(?:s)?(?! (?:in|on|at))|pressies?|prezzies?|secret santa|stocking (?:filler|stuffer)s?|birthday|b-?days?|(?:christmas|xmas)(?! (?:dinner|lunch|meal|day|eve|party|do|jumpers?|sweaters?|trees?|decorations?|market|holidays?|break|songs?|films?|movies?)\b)|anniversary|mother'?s day|father'?s day|valentine'?s?|housewarming|leaving do|retirement|graduation|for (?:my|our) (?:\w+(?:'s)? )?${RECIPIENT}s?${END}|` +
    // "what could I get my uncle?", "buy my sister something"; not "get my son into running",
    // "get my partner added to the account", "give my friend a discount code".
    String.raw`\b(?:get|buy|gift) (?:my|our) (?:\w+ )?${RECIPIENT}s?${END}(?! (?:into|to|added|back|set up|signed|on|off|out|a (?:discount|code|voucher code)))|\bgive (?:my|our) (?:\w+ )?${RECIPIENT}s?${END} (?:something|a present|a gift)|` +
    // "want to get her something under 100", "buy him a little something"; a relative retiring.
    String.raw`\b(?:get|buy|find|give) (?:him|her|them) (?:something|a little something|a present|a gift|a treat)\b|\b${RECIPIENT}${END}(?:'s| is) retiring\b|` +
    // A birthday by another name: "my niece is turning 14"; a person and what they are into, with a
    // budget: "teenage son 16 into gaming and football, budget 80".
    String.raw`\b${RECIPIENT}s?${END}(?:'s)? (?:is )?(?:turning|turns) \d|\b${RECIPIENT}${END}(?:(?:,| is| who is| who's)? \d{1,3}(?: and|,)?)?,? (?:who(?:'s| is)? |is |she |he )?(?:really |totally )?(?:into|loves?|likes|obsessed with|mad about)\b(?=.*\b(?:budget|max|under|up to|quid|pounds?|dollars?|bucks)\b|.*[$£€]\s*\d))`,
  'i',
);

/**
 * Who is grown up, by who they are to the shopper or by the occasion: partners, parents, work,
 * weddings. Not a son, daughter, niece or friend, who may be any age.
 */
const GROWN_UP = new RegExp(
  String.raw`\b(?:(?:mum|mom|mother|dad|father|wife|husband|hubby|girlfriend|boyfriend|gf|bf|partner|fianc[eé]e?|grandma|granny|gran|nan|nana|grandad|grandpa|grandfather|grandmother|colleague|co-?worker|workmate|boss|manager|teacher|tutor|uncle|aunt|auntie|neighbou?r|postman|postwoman|(?:brother|sister|mother|father|son|daughter)[- ]in[- ]law|in[- ]laws|step[- ]?(?:dad|mum|mom|mother|father))s?${END}|` +
    String.raw`for (?:him|her)\b|(?:my|our) (?:older |big |little |younger )?(?:sister|brother)s?${END}(?! (?:is|who(?:'s| is)?) \d)|teen(?:ager|age)?s?\b|(?:1[3-9]|[2-9]\d)(?:st|nd|rd|th) birthday|(?:turning|turns|aged?) (?:1[3-9]|[2-9]\d)\b|uni(?:versity)?\b|college\b|` +
    String.raw`secret santa|office|at work|leaving do|retire(?:ment|s|ing)?|housewarming|wedding|anniversary|valentine'?s?|mother'?s day|father'?s day|maternity|paternity|new job|promotion)`,
  'i',
);

/** The words presents are asked with, for the spelling corrector: "secret snta" is secret santa, "birthdya" a birthday. */
export const GIFT_WORDS = ['secret santa', 'birthday', 'christmas', 'anniversary', 'present', 'presents', 'stocking filler', 'stocking fillers', 'housewarming', 'valentines', 'retirement', 'graduation', 'wedding'];

export const giftTask: QueryTask = {
  name: 'gift',
  run(text) {
    const match = GIFT.exec(text);
    return match ? { gift: true, shoppingCue: true, matched: [match[0]], ...(GROWN_UP.test(text) ? { forGrownUp: true } : {}) } : {};
  },
};

/** Where a gift message's clauses part: punctuation, "but", "and", "who", "she/he ...". */
const CLAUSE_BREAK = /\s*[,.;:!?()]+\s*|\s+(?:but|and|so|because|cos|who(?:'s| is|s)?|she(?:'s| is|s)?|he(?:'s| is|s)?|they(?:'re| are)?)\s+/i;
const DISLIKES = /\b(?:hates?|hated|dislikes?|can'?t stand|cannot stand|not (?:really )?(?:into|a fan)|doesn'?t (?:like|do|want)|does not (?:like|do|want)|never (?:uses?|wears?))\b/i;
/** Clauses about how hard the person is to buy for, which say nothing of what they like. */
const NO_INTEREST = /\b(?:(?:hard|difficult|impossible|tricky|a nightmare|awkward) to (?:buy|shop|get) for|(?:fussy|picky)\b)/i;
/** A clause shorter than this says no interest ("max $200", "lol"). */
const MIN_INTEREST_WORDS = 2;

/**
 * The parts of a gift request that say what the person is into, without the occasion:
 * "anniversary present for my wife, she loves reading in bed" -> ["she loves reading in bed"].
 * "Anniversary gift" fits every watch; what she loves says which gift.
 *
 *   giftInterests('valentines for my bf, something on his wrist might help. max $200')
 *   // ['something on his wrist might help']
 */
export function giftInterests(text: string): string[] {
  return text
    .replace(/\s+/g, ' ')
    .split(CLAUSE_BREAK)
    .map((clause) => clause.trim())
    .filter((clause) => clause.split(/\s+/).filter((word) => /[a-z]/i.test(word)).length >= MIN_INTEREST_WORDS && !GIFT.test(clause) && !/^(?:max|under|budget|around|about|up to|less than)\b|\d/i.test(clause))
    // "my brother who hates cooking": what the person is not into must not pick the gift; nor
    // does "she's hard to buy for" say what they are into.
    .filter((clause) => !DISLIKES.test(clause) && !NO_INTEREST.test(clause));
}
