/**
 * The thing a shopper asks the shop for by name. Two readings:
 *   - asked: after words that expect a yes or no ("do you sell laptops?", "got any sunglasses",
 *     "have you got chanel perfume", "looking for a sofa", "need a penknife for camping");
 *   - named: the message opens with it, as a search box would be typed ("air fryer?", "knife
 *     sharpener pls", "binoculars??"). Only a noun phrase whose head names something one can
 *     buy in its most frequent sense counts (WordNet: an artifact, a food or a substance), and only
 *     where the phrase ends the clause or is followed by what a request goes on with ("for",
 *     "to", "with", "in", "pls"): "lips always crack" and "half marathon in 6 weeks" describe a
 *     need, and "new job, office is casual" names no thing for sale.
 * The shop decides whether it sells it (turn/decide.ts); this only finds the words. Open
 * requests ("something to keep the kids busy", "a gift for my dad") name no thing.
 *
 *   requestedThing('Do you sell laptops?')          // { phrase: 'laptops', head: 'laptop', asked: true }
 *   requestedThing('any hiking boots in size 9?')   // { phrase: 'hiking boots', head: 'boot', asked: true }
 *   requestedThing('air fryer?')                    // { phrase: 'air fryer', head: 'fryer', asked: false }
 *   requestedThing('something warm for camping')    // undefined
 */
import { englishLexicon, type Lexicon } from '../text/lexicon.js';
import { englishSpelling, isEnglishWord } from '../text/spelling.js';
import { singularize } from '../text/words.js';

const ASKS = /\b(?:does|do) (?:the|this|your) (?:shop|store|site|website) (?:sell|have|stock|carry|do)\b|\bis there (?:a|an|any)\b(?=[^?.]*\b(?:on here|anywhere|in (?:the )?(?:shop|store)|for sale|to buy|(?:i|we) (?:could|can|might) [a-z]+)\b)|\b(?:have|has) (?:you|u|ya|they) got\b|\b(?:you|u|ya) got\b|\b(?:do|does|d'?you|would|will|can i|could i) ?(?:you|u|ya|y'?all|you all|they)? ?(?:guys )?(?:sell|have|carry|stock|do|offer|got)\b|\b(?:have|got) (?:you )?any\b|\bany\b|\blooking for\b|\bwhat (?:i|we) (?:really |actually |just )?(?:need|want) is\b|\bi(?:'m| am)? ?(?:want|need|would like)(?: to buy)?\b|(?:^|[.!?,;]\s+)(?:want|need)\b|^\s*got (?=(?:a|an|any|some)\b)|(?:^|[.!?]\s+)after(?= (?:a|an|some) )|\b(?:i'?m|am) after\b|\b(?:can|could) (?:i|we) (?:order|buy)\b|\bwhere (?:are|is|can i find) (?:the|your)?\b|\bshow me\b|\bi'?d like\b|\bselling\b/i;
/** Asks that may be for a service: "do you do", "do you offer". */
const SERVICE_ASK = /\b(?:do|offer)$/i;
/** Words between the ask and the thing. */
const DETERMINERS = new Set(['a', 'an', 'some', 'any', 'few', 'couple', 'the', 'your', 'new', 'pair', 'of', 'good', 'nice', 'cheap', 'decent', 'kind', 'sort', 'type', 'types', 'kinds', 'sorts']);
/** Words that end the thing's phrase. */
const STOPPERS = /^(anywhere|online|for|under|below|over|above|in|with|without|that|thats|which|who|whose|to|from|at|by|on|or|and|nor|but|not|no|rather|instead|apart|besides|excluding|other|like|around|about|less|more|than|size|please|pls|plz|thanks|first|except|through|thru|via|delivered|back|now|today|again|as|if|when|because|cos|so|i|im|me|my|is|are|it|its|this|these|there|here|\$.*|\d.*)$/;
/** What things come in, by the bottle or the box: the thing is what is in it. */
export const CONTAINERS = new Set(['bottle', 'bottles', 'box', 'boxes', 'packet', 'packets', 'jar', 'jars', 'tin', 'tins', 'can', 'cans', 'crate', 'crates', 'bunch', 'bag', 'bags', 'case']);
/** A search that lists two things ("fishing rod and reel combo") is this short at most. */
const LISTED_SEARCH_WORDS = 6;
/** A message this short that opens with a name is a search typed alone. */
const SHORT_MESSAGE_WORDS = 4;
/** Words a thing's name runs to at most. */
const MAX_NAME_WORDS = 4;
/** Openers that name no particular thing. */
const OPEN = new Set([
  // Asked about, not for: "any plans to get navy back", "any chance of it tomorrow", "got any branches in texas".
  'plan', 'plans', 'chance', 'news', 'update', 'updates', 'luck', 'word', 'info', 'problem', 'problems', 'issue', 'issues', 'reason', 'difference', 'branch', 'branches', 'store', 'stores', 'shop', 'shops', 'location', 'locations', 'outlet', 'outlets',
  'filler', 'fillers', 'stuffer', 'stuffers', 'smth', 'sth', 'smthg', 'smthing', 'somethin', 'summat', 'owt', 'both', 'all', 'more', 'another', 'it', 'them', 'one', 'something', 'anything', 'thing', 'things', 'stuff', 'bits', 'bobs', 'essentials', 'accessories', 'goodies', 'supplies', 'gift', 'gifts', 'present', 'presents', 'idea', 'ideas', 'help', 'recommendation', 'recommendations', 'suggestion', 'suggestions', 'ones', 'option', 'options', 'deal', 'deals', 'sale', 'sales', 'discount', 'discounts', 'product', 'products', 'item', 'items', 'way', 'place', 'outfit', 'outfits', 'clothes', 'clothing', 'gear', 'kit', 'colour', 'colours', 'color', 'colors', 'size', 'sizes', 'style', 'styles', 'shade', 'shades', 'brand', 'brands', 'range', 'selection']);

export interface RequestedThing {
  /** The shopper's words for it. */
  phrase: string;
  /** Its last word, singular: what it is ("hiking boots" -> "boot"). */
  head: string;
  /** Asked for with words that expect a yes or no; false when the message only opens with its name. */
  asked: boolean;
  /** A service, not a thing: asked with "do you do/offer/run/rent" and named by an act ("yoga classes", "repairs"). */
  service?: boolean;
  /** Named by what it comes in ("a bottle of prosecco"): said as typed, never counted ("proseccos"). */
  contained?: boolean;
  /** A make's name typed alone ("calpol"): said as typed, never counted. */
  asTyped?: boolean;
}

/**
 * "I need", "I want", "looking for", "any" ask for a thing only where the message or a sentence
 * starts: in "walking the dog at night I need both hands for the lead" they do not.
 */
const WEAK_ASK = /^(?:any|looking for|want|need|after|(?:i'?m|am) after|i(?:'m| am)? ?(?:want|need|would like)(?: to buy)?)$/i;
const OPENING_WORDS = 4;
const NO_NAMES: ReadonlySet<string> = new Set();

export function requestedThing(text: string, lexicon: Lexicon = englishLexicon(), shopNames: ReadonlySet<string> = NO_NAMES): RequestedThing | undefined {
  return askedThing(text, lexicon, shopNames) ?? namedThing(text, lexicon, false, shopNames);
}

/**
 * "What tents do you sell?", "which card games do you have": the thing named before the ask, read
 * as "do you sell tents?". "What do you sell" names none; "what sizes do you have" names a size,
 * which is no thing (OPEN).
 */
const WHAT_YOU_SELL = /^\s*(?:(?:so|ok|okay|and|hi|hey|hello)[,!.\s]+)?(?:what|which)\s+(?:(?:kinds?|sorts?|types?) of\s+)?([a-z][a-z'&-]*(?:\s+[a-z][a-z'&-]*){0,3}?)\s+(?:do|does|d'?)\s*(?:you|u|ya|y'?all|you guys)\s+(sell|have|carry|stock|offer|got)\b(.*)$/i;

function askedThing(text: string, lexicon: Lexicon, shopNames: ReadonlySet<string>): RequestedThing | undefined {
  const what = WHAT_YOU_SELL.exec(text);
  if (what) return askedThing(`do you ${what[2]!.toLowerCase()} ${what[1]}${what[3]}`, lexicon, shopNames);
  const match = ASKS.exec(text);
  if (!match) return undefined;
  if (WEAK_ASK.test(match[0].trim())) {
    const sentenceStart = Math.max(0, ...['.', '!', '?', ','].map((mark) => text.lastIndexOf(mark, match.index) + 1));
    if (text.slice(sentenceStart, match.index).trim().split(/\s+/).filter(Boolean).length >= OPENING_WORDS) return undefined;
  }
  const rest = text.slice(match.index + match[0].length).toLowerCase().replace(/[?!.,;:]+(\s|$)/g, ' | ').split(/\s+/).filter(Boolean);
  let i = 0;
  // Determiners, and superlatives ("the priciest headphones", "best rated"): not "vest" or "chest", which are things.
  while (i < rest.length && (DETERMINERS.has(rest[i]!) || rest[i] === 'rated' || (/^\w+est$/.test(rest[i]!) && !lexicon.isNoun(rest[i]!)))) i++;
  const determined = i > 0 || /\b(?:any|some|a|an)$/i.test(match[0].trim());
  // What comes in a bottle or a box is the thing: "looking for a bottle of prosecco", "do you sell bottles of wine".
  const contained = CONTAINERS.has(rest[i] ?? '') && rest[i + 1] === 'of' && rest[i + 2] !== undefined;
  if (contained) i += 2;
  const words: string[] = [];
  for (; i < rest.length && words.length < MAX_NAME_WORDS; i++) {
    const word = rest[i]!.replace(/[^a-z0-9'&-]/g, '');
    if (rest[i] === '|' || word === '' || (STOPPERS.test(word) && !numbersAModel(words, word, rest[i + 1], lexicon))) break;
    words.push(word);
    if (endsName(word, lexicon)) break;
  }
  // A name ends in a noun: "any jackets apart from black", "got any boots tho" end at "jackets" and "boots".
  while (words.length > 1 && lexicon.isModifierOnly(words.at(-1)!)) words.pop();
  if (words.length === 0 || OPEN.has(words[0]!) || OPEN.has(words.at(-1)!)) return undefined;
  // Asked for, a word English knows only as something else is no thing ("measurements in cm",
  // "can i get the difference back"); one it does not know may be a brand or a new gadget.
  const phrase = words.join(' ');
  // "Need protection", "want support": a need or want with no article before a singular noun is
  // for what the noun first means, an act or a state, not a thing sold ("need sunscreen" is one).
  const bare = !determined && /^(?:i(?:'m| am)? ?)?(?:want|need|would like|looking for)$/i.test(match[0].replace(/^[\s.!?,;]+/, '').trim()) && singularize(words.at(-1)!) === words.at(-1)!;
  if (bare && lexicon.isNoun(words.at(-1)!) && !lexicon.isThing(phrase, 1)) return undefined;
  // "Do you do yoga classes?", "do you rent kayaks": what a shop may offer besides things. Asked
  // so, a noun is a thing only in its two most frequent senses: "personal styling appointments"
  // are meetings, though WordNet also has appointments as fittings.
  const service = SERVICE_ASK.test(match[0]);
  if (contained) return { ...thingOf(words, true), contained: true };
  // One of the shop's own kinds is a thing, whatever else English calls it ("card games" are acts to WordNet).
  if (shopNames.has(phrase) || shopNames.has([...words.slice(0, -1), singularize(words.at(-1)!)].join(' '))) return thingOf(words, true);
  if (lexicon.isNoun(words.at(-1)!) && !lexicon.isThing(phrase, service ? 2 : Infinity)) return service ? { ...thingOf(words, true), service: true } : undefined;
  // An adjective alone names no thing: "do you sell refurbished or second hand gear" asks about a condition.
  if (words.length === 1 && !lexicon.isNoun(phrase) && (lexicon.isModifier(phrase) || pastParticiple(phrase, lexicon))) return undefined;
  return thingOf(words, true);
}

/** What a search typed alone may end with, saying which one: "size 10", "0-3 months", "pro 2". */
const TRAILING_SPEC = /^(?:size|sizes|months?|mths?|years?|yrs?|age|aged|pls|please|plz)$/;
/** Words a name typed alone runs to, once what says which one is dropped. */
const TYPED_ALONE_WORDS = 3;

/**
 * A name typed alone that English may not know, with nothing else said: "calpol", "flip flops",
 * "babygrow 0-3 months", "garmin forerunner 265". requestedThing does not take these as things
 * (a word English does not know may be anything), so only a caller that has found no word of its
 * own in the message asks. A make-like word ("calpol", "airpods") or a compound English knows
 * ("flip flop") must be in it: a single English noun ("rain", "warmth") is no search for a thing.
 *
 *   nameTypedAlone('garmin forerunner 265') // { phrase: 'garmin forerunner', head: 'forerunner', asked: false }
 *   nameTypedAlone('something warm')        // undefined
 */
export function nameTypedAlone(text: string, lexicon: Lexicon = englishLexicon()): RequestedThing | undefined {
  const trimmed = text.trim().toLowerCase().replace(/[?!.]+$/, '');
  if (/[,.;:!?()]/.test(trimmed)) return undefined;
  const words = trimmed.split(/\s+/).filter(Boolean);
  while (words.length > 1 && (/\d/.test(words.at(-1)!) || TRAILING_SPEC.test(words.at(-1)!) || SPEC_WORDS.has(words.at(-1)!))) words.pop();
  if (words.length === 0 || words.length > TYPED_ALONE_WORDS) return undefined;
  const plain = (word: string) => /^[a-z][a-z'-]*[a-z]$/.test(word) && !NOT_A_NAME.test(word) && !QUALITIES.has(word) && !OPEN.has(word) && !DETERMINERS.has(word) && !STOPPERS.test(word);
  if (!words.every((word) => plain(word) && (isMake(word, lexicon) || (lexicon.isNoun(word) && !lexicon.isModifierOnly(word))))) return undefined;
  // The lexicon knows the compound hyphenated and in the plural too ("flip flops": flip-flop).
  const compound = words.length > 1 && lexicon.isNoun(words.join(' '));
  // A make's name alone is said as typed ("we don't sell calpol"), not counted.
  if (words.length === 1 && isMake(words[0]!, lexicon)) return { ...thingOf(words, false), asTyped: true };
  return compound || words.some((word) => isMake(word, lexicon)) ? thingOf(words, false) : undefined;
}

/**
 * What kind of thing the phrase names, without the words that say which one: "beginner fishing
 * rods" are fishing rods (the longest ending English knows as a compound, the whole of "hot water
 * bottle" included), "big rugs" are rugs (an adjective before the name). "We don't sell big rugs" would say the shop sells small ones.
 */
export function kindName(phrase: string, lexicon: Lexicon = englishLexicon()): string {
  const words = phrase.split(' ');
  for (let length = Math.min(3, words.length); length >= 2; length--) {
    const ending = words.slice(-length).join(' ');
    if (lexicon.isNoun(ending)) return ending;
  }
  let start = 0;
  // Whose it is says which ones, as an adjective does: "we don't sell mens wallets" would say the shop sells women's.
  while (start < words.length - 1 && (lexicon.isModifierOnly(words[start]!) || WHOSE.test(words[start]!))) start++;
  // Only down to one word or a compound: "hard" in "hard shell suitcases" says what the shell is.
  const rest = words.slice(start);
  return rest.length === 1 || lexicon.isNoun(rest.join(' ')) ? rest.join(' ') : phrase;
}

/** Words that say which one after a thing's name in a search: "3 pack", "chocolate flavour", "high support". */
const SPEC_WORDS = new Set(['pack', 'packs', 'flavour', 'flavor', 'support', 'size', 'colour', 'color', 'edition', 'version', 'style', 'model', 'kg', 'ml', 'litre', 'liter', 'inch', 'person', 'man', 'people', 'piece', 'xl', 'xxl', 'pro', 'max', 'plus', 'mini', 'ultra', 'lite']);

/**
 * The longest opening of the words that names a thing when every word after it only says which
 * one: a number, an adjective ("black", "high") or a word of a specification ("pack", "flavour").
 */
function nameBeforeDescription(words: readonly string[], lexicon: Lexicon): string[] | undefined {
  // The shortest such name: "protein powder" with "chocolate flavour" after it (a word before a
  // specification word is part of it), not "protein powder chocolate".
  for (let end = 1; end < words.length; end++) {
    // A letter is no word of a name: "click n collect".
    if (words[end - 1]!.length < 2) break;
    const tail = words.slice(end);
    const name = words.slice(0, end);
    // A thing for a model English does not know is a thing too: "ps5 controller white".
    const forAMake = name.length === 2 && /\d/.test(name[0]!) && isMake(name[0]!, lexicon) && lexicon.isThing(name[1]!, Infinity);
    if (tail.every((word, k) => describes(word, lexicon) || SPEC_WORDS.has(tail[k + 1] ?? '')) && (forAMake || lexicon.isThing(name.join(' '), 2))) return name;
  }
  return undefined;
}

function describes(word: string, lexicon: Lexicon): boolean {
  return /\d/.test(word) || SPEC_WORDS.has(word) || lexicon.isModifier(word) || isMake(word, lexicon);
}

/**
 * A word English does not know at all, shaped like a make or model's name: "iphone", "gopro", or
 * letters with a number ("ps5", "s24"). A short word without a number is none ("u", "got").
 */
function isMake(word: string, lexicon: Lexicon): boolean {
  if (/^[a-z]+\d+$/.test(word)) return !lexicon.isNoun(word);
  return /^[a-z]{4,}$/.test(word) && sayable(word) && !isEnglishWord(word) && !lexicon.isNoun(word) && !lexicon.isVerb(word) && !lexicon.isModifier(word);
}

/** A word one could say: a vowel, and no four consonants in a row ("ultraboost", not "zxmcnvb" or "lkjh"). */
function sayable(word: string): boolean {
  return /[aeiouy]/.test(word) && !/[^aeiouy]{4}/.test(word);
}

/**
 * A number inside a name, after a make English does not know and before what it is: "iphone 15
 * cases", "pixel 8 charger". Not after a word English knows ("boots 9", "tent 2 person") nor at
 * the end ("iphone 15" is read as a model typed alone).
 */
function numbersAModel(before: readonly string[], word: string, next: string | undefined, lexicon: Lexicon): boolean {
  const make = before.at(-1);
  if (!/^\d{1,4}$/.test(word) || make === undefined || next === undefined) return false;
  const name = next.replace(/[^a-z0-9'&-]/g, '');
  return /^[a-z]+$/.test(make) && !lexicon.isNoun(make) && !lexicon.isVerb(make) && !lexicon.isModifier(make) && name !== '' && !STOPPERS.test(name) && lexicon.isThing(singularize(name), Infinity);
}

/** A verb's -ed form: "moved", "refurbished", "stopped" ("red" is none). */
function pastParticiple(word: string, lexicon: Lexicon): boolean {
  return /ed$/.test(word) && [word.slice(0, -1), word.slice(0, -2), word.slice(0, -3)].some((base) => base.length > 2 && lexicon.isVerb(base));
}

/** Who a thing is for, before its name: "mens wallets", "kids' wellies". */
const WHOSE = /^(?:mens|men's|womens|women's|ladies|ladies'|kids|kids'|childrens|children's|boys|boys'|girls|girls'|baby|babies|unisex)$/;

/** A plural noun ("beans", "gloves"), not a word that only looks like one ("glasses", "jeans" are plural-only names, "dress" no plural). */
function endsName(word: string, lexicon: Lexicon): boolean {
  if (!/[^s]s$/.test(word) || word.length < 4) return false;
  const singular = singularize(word);
  return singular !== word && lexicon.isNoun(singular) && lexicon.isNoun(word) === lexicon.isNoun(singular) && !PLURAL_ONLY.has(word);
}

/** Names that are plural in form whatever their number: "jeans" and "glasses" make compounds ("glasses case"). */
const PLURAL_ONLY = new Set(['jeans', 'sunglasses', 'trousers', 'pants', 'shorts', 'leggings', 'tights', 'binoculars', 'scissors', 'pyjamas', 'pajamas', 'headphones', 'earphones', 'goggles', 'tongs', 'pliers', 'clothes', 'sports', 'sales', 'kids', 'mens', 'womens', 'news']);

function thingOf(words: readonly string[], asked: boolean): RequestedThing {
  return { phrase: words.join(' '), head: singularize(words.at(-1)!.replace(/'s$/, '')), asked };
}

/** Units and counts typed before a thing's name ("55 inch", "4 slice", "40l"), apart from their number or with it. */
const UNITS = 'inch|inches|in|litre|litres|liter|liters|l|kg|cm|mm|ml|slice|person|man|people|seater|pack|piece|watt|w';
const LEADING_UNIT = new RegExp(`^(?:${UNITS})$`);
const NUMBER_WITH_UNIT = new RegExp(`^\\d+(?:${UNITS})$`);
const DIMENSIONS = /^(?:waist|leg|inside|inseam|chest|length|long|wide|tall|high|deep|screen|capacity)$/;

/** Words that open a message about something other than a thing's name. */
const NOT_A_NAME = /^(?:nothing|everything|anything|something|someone|everyone|anyone|nobody|everybody|i|i'm|im|i'd|id|i've|ive|we|we're|my|our|me|you|u|ur|your|it|it's|its|they|he|she|his|her|their|there|this|that|these|those|just|been|can|could|would|will|is|are|was|were|do|does|did|what|whats|when|where|why|how|who|which|hi|hello|hey|thanks|thank|ok|okay|yes|yeah|no|not|please|pls|so|and|but|if|got|get|also|still)$/;
/** Leading words of a name that say which one or how it should be, not what it is. */
const QUALITIES = new Set(['a', 'an', 'some', 'new', 'good', 'nice', 'big', 'small', 'large', 'little', 'tall', 'proper', 'really', 'very', 'decent', 'cheap', 'cheapest', 'best', 'rated', 'affordable', 'quality']);
/** What a named request goes on with after the thing's name. */
const FOLLOWERS = /^(?:for|to|with|without|in|pls|please|plz|size|under|below|less|around|that|which|no|not)$/;
/** Followers that state a constraint rather than a purpose. */
const CONSTRAINT_FOLLOWERS = /^(?:size|under|below|less|around|in|no|not|without)$/;
const STATEMENT_VERBS = /^(?:is|isn't|isnt|are|aren't|arent|was|wasn't|were|has|hasn't|have|haven't|had|keeps|gets|got|'s)$/;

/**
 * `shopNames`: the shop's own names for what it sells ("jumper", "hoodie"), things whatever sense
 * English ranks first ("jumper" is first one who jumps; "hoodie" is in no dictionary).
 */
function namedThing(text: string, lexicon: Lexicon, contained = false, shopNames: ReadonlySet<string> = NO_NAMES): RequestedThing | undefined {
  const clause = text.toLowerCase().split(/[,.!?;:()]/)[0] ?? '';
  const typedWords = clause.split(/\s+/).map((word) => word.replace(/[^a-z0-9'&-]/g, '')).filter(Boolean);
  // A model typed after the name says which one it is for, as a search box is typed: "phone case iphone 15 pro".
  const modelAt = typedWords.findIndex((word, k) => k >= 2 && isMake(word, lexicon) && typedWords.slice(k + 1).every((rest) => describes(rest, lexicon)));
  const all = modelAt > 0 ? typedWords.slice(0, modelAt) : typedWords;
  if (all.length === 0 || NOT_A_NAME.test(all[0]!)) return undefined;
  // A clause with a verb of being or having tells a story ("outdoor cinema in the park next month
  // isn't happening"); a request that opens with a thing's name does not need one.
  if (all.some((word) => STATEMENT_VERBS.test(word))) return undefined;
  // "starting couch to 5k", "moved house", "hosting christmas dinner" open with a verb; "sleeping
  // bag" and "ironing board" open with a word that is part of the thing's English name, "bed" and
  // "ring" with a noun.
  // "red" is no past tense; "polarised sunglasses?" typed alone is a search, "moved house..." a story.
  // An -ised word before a name says how it is made ("polarised sunglasses for fishing", "personalised mug").
  const pastTense = pastParticiple(all[0]!, lexicon) && !/(?:is|iz)ed$/.test(all[0]!);
  const wordCount = text.split(/\s+/).filter(Boolean).length;
  const verbFirst = (/ing$/.test(all[0]!) || (pastTense && wordCount > 3)) && !lexicon.isMostlyNoun(all[0]!, 2) && !(all[1] && lexicon.isNoun(`${all[0]} ${all[1]}`));
  let i = 0;
  while (i < all.length - 1 && QUALITIES.has(all[i]!)) i++;
  // What it must be, typed before its name: "55 inch tv", "4 slice toaster", "40l rucksack".
  const leading = i;
  while (i < all.length - 2 && /^\d+$/.test(all[i]!) && LEADING_UNIT.test(all[i + 1]!)) i += 2;
  while (i < all.length - 1 && NUMBER_WITH_UNIT.test(all[i]!)) i++;
  // What the measure is of: "30 inch waist chinos", "32 inch leg jeans".
  if (i > leading) while (i < all.length - 1 && DIMENSIONS.test(all[i]!)) i++;
  // What comes in a container is the thing: "a bottle of prosecco and some nice chocolates".
  if (CONTAINERS.has(all[i]!) && all[i + 1] === 'of' && all[i + 2] !== undefined) {
    const inside = namedThing(all.slice(i + 2).join(' ') + text.toLowerCase().slice(clause.length), lexicon, true, shopNames);
    return inside && { ...inside, contained: true };
  }
  const words: string[] = [];
  let described = false;
  for (; i < all.length && words.length < MAX_NAME_WORDS; i++) {
    const word = all[i]!;
    if ((STOPPERS.test(word) && !numbersAModel(words, word, all[i + 1], lexicon)) || DETERMINERS.has(word)) break;
    // An adjective or adverb after a noun ends the name. It says how the thing should be when the
    // request goes on as requests do ("cool box big enough for a weekend's food"); otherwise it
    // tells a story ("steak always comes out grey", "lips always crack").
    if (words.length && lexicon.isModifierOnly(word)) {
      // Not at the end and not a participle: "phone cracked", "bed uncomfortable" are complaints.
      const after = all[i + 1];
      described = !/ed$/.test(word) && after !== undefined && (after === 'enough' || FOLLOWERS.test(after));
      break;
    }
    words.push(word);
    // A plural ends a name: English names things by singular modifiers ("coffee bean grinder"),
    // so "coffee beans dark roast" and "winter gloves touchscreen" are coffee beans and winter gloves.
    if (endsName(word, lexicon) && all[i + 1] !== undefined && !FOLLOWERS.test(all[i + 1]!) && !STOPPERS.test(all[i + 1]!)) {
      // What follows says which ones: "dark roast", "touchscreen".
      described = true;
      i++;
      break;
    }
  }
  // A model number ends a name typed alone: "iphone 15?", "xbox 360".
  const modelNumber = all[i] !== undefined && /^\d+$/.test(all[i]!) && i === all.length - 1;
  // In a short search, what follows the name may only say which one: "boxer shorts 3 pack", "tent 2 person".
  const specified = !modelNumber && i < all.length && wordCount <= SHORT_MESSAGE_WORDS && /\d/.test(all[i]!) && all.slice(i).every((word) => describes(word, lexicon));
  const next = modelNumber || specified ? undefined : all[i];
  // A short search may list two things: "fishing rod and reel combo", "wooly hat and gloves for winter".
  const listed = (next === 'and' || next === 'or') && (wordCount <= LISTED_SEARCH_WORDS || /^(?:a|an|some)$/.test(all[i + 1] ?? ''));
  if (words.length === 0 || (next !== undefined && !described && !listed && !FOLLOWERS.test(next))) return undefined;
  // An activity's name before a thing's is part of the name when a constraint or nothing follows
  // ("hiking boots size 8", "walking poles under 40"); before anything else the message may open
  // with a verb ("starting couch to 5k").
  if (verbFirst && !(/ing$/.test(all[0]!) && lexicon.isNoun(all[0]!) && words.length >= 2 && (next === undefined || CONSTRAINT_FOLLOWERS.test(next)))) return undefined;
  // Named without an ask, a word is taken for a thing only in its most frequent sense: "long drive
  // to cornwall" is a journey, though a drive is also a machine part. Followed by what it is for
  // ("hammock to string up between trees", "conditioner to go with your shampoo") it is something
  // to use: its two most frequent senses count, and any sense where WordNet does not rank them.
  const phrase = words.join(' ');
  const purpose = next === 'to' && all[i + 1] !== undefined && lexicon.isVerb(all[i + 1]!);
  // Typed alone ("tv?"), before what it is for ("a TV for the bedroom", "perfume for my mum") or
  // before a constraint ("toaster under 50"), a name reads as a request: its two most frequent
  // senses count (a TV is first the broadcasting, a toaster first a person proposing a toast).
  // A short message counts as typed alone: "baby stroller, lightweight".
  const alone = next === undefined && (text.toLowerCase().split(/[,.!?;:()]/).slice(1).every((rest) => rest.trim() === '') || wordCount <= SHORT_MESSAGE_WORDS);
  // A name alone in its clause, what it must be in the next: "toaster, 4 slice, cream to match my kettle".
  const nextClause = text.toLowerCase().split(/[,.!?;:()]/)[1]?.trim().split(/\s+/)[0];
  const specifiedAfter = next === undefined && nextClause !== undefined && /^\d/.test(nextClause);
  const asRequest = alone || specifiedAfter || next === 'for' || next === 'with' || /^(?:pls|please|plz)$/.test(next ?? '') || CONSTRAINT_FOLLOWERS.test(next ?? '');
  const senses = purpose ? (lexicon.sensesRanked(phrase) ? 2 : Infinity) : asRequest ? 2 : 1;
  // A name whose last word English spells otherwise ("double matress") is a thing as English spells it.
  // Only a word English knows in no way: "santa" is no slip for "manta".
  const last = words.at(-1)!;
  const respelled = isMake(last, lexicon) ? [...words.slice(0, -1), englishSpelling(last)].join(' ') : phrase;
  if (OPEN.has(words[0]!) || OPEN.has(words.at(-1)!)) return undefined;
  // Typed alone, a name English does not know with a model number in or after it is a gadget
  // ("ps5", "iphone 15?"); without one it may be anything ("asdkjh").
  // Shaped like a model's name ("ps5", "iphone" then "15"), not a reference ("AB12345").
  const gadget =
    alone &&
    (modelNumber ? all[i]!.length <= 4 : /\d/.test(phrase)) &&
    words.every((word) => /^[a-z]{2,12}\d{0,3}$/.test(word) && !lexicon.isNoun(word) && !lexicon.isVerb(word) && !lexicon.isModifier(word));
  // A thing's name before another noun makes it a thing too, when that noun can be one: "phone
  // case", "bike lock" (a case is first an instance, a lock first a hold).
  // Two nouns only: "cosy throw" is an adjective's, "fitted sheet king (size)" ends in the size.
  // "cat litter", "baby stroller": a noun before the name says what it is for.
  // Before "with", a name English uses mostly as a verb is an act: "winter walks with the dog"
  // are walks taken, a "phone case with a card slot" a thing bought.
  // A model English does not know names what it is for too: "ps5 controller". Only one with a
  // number: a word without ("trackie bottoms") may be slang for what the shop sells.
  const make = /\d/.test(words[0]!) && isMake(words[0]!, lexicon);
  const madeFor = asRequest && words.length === 2 && (next !== 'with' || lexicon.isMostlyNoun(singularize(words[1]!), 1)) && !lexicon.isModifier(words[0]!) && (make || lexicon.isMostlyNoun(words[0]!, 1)) && lexicon.isThing(words[1]!, Infinity);
  // A make and a model English knows neither of, asked for with what it must be: "adidas ultraboost in a size 10".
  // Only with what it must be: two words English does not know, typed alone, may be anything ("blorp flimbo").
  const makeAndModel = (CONSTRAINT_FOLLOWERS.test(next ?? '') || specified) && words.length >= 2 && words.every((word) => isMake(word, lexicon));
  // A thing named after a model is a thing for it: "iphone 15 case" (a case is first an instance).
  const forAModel = words.some((word) => /^\d+$/.test(word)) && lexicon.isThing(singularize(words.at(-1)!), Infinity);
  // What comes by the bottle or the box is a thing, a name English does not know too ("prosecco").
  const inAContainer = contained && words.every((word) => lexicon.isNoun(word) || (!lexicon.isVerb(word) && !lexicon.isModifier(word)));
  const shopsName = shopNames.has(phrase) || shopNames.has(singularize(phrase));
  if (!gadget && !madeFor && !forAModel && !makeAndModel && !inAContainer && !shopsName && !lexicon.isThing(phrase, senses) && !(respelled !== phrase && lexicon.isThing(respelled, senses))) {
    // Typed as a search box is, the name may come first and what it must be after: "baseball cap
    // black", "boxer shorts 3 pack", "sports bra high support".
    const named = alone ? nameBeforeDescription(words, lexicon) : undefined;
    return named && thingOf(named, false);
  }
  return thingOf(words, false);
}
