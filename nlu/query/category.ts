/**
 * Category from the catalog's own words: "jacket", "parka" -> "Jackets & Coats".
 * Longest matching term wins, so "running shoe" beats "shoe".
 *
 *   categoryTask.run('a warm jacket please', vocabulary) // { filters: { category: 'Jackets & Coats' } }
 */
import { indexOfPhrase, singularize, tokenizeWords } from '../text/words.js';
import { isOwnedAt } from './owned.js';
import type { QueryTask, ShopVocabulary } from './types.js';

/**
 * Shoppers' words for things, and the words catalogs tend to use instead (singular).
 * Tried only when the shopper's own word names no category.
 */
export const PRODUCT_SYNONYMS: Record<string, string[]> = {
  sneaker: ['running shoe', 'trainer', 'shoe'], trainer: ['running shoe', 'sneaker', 'shoe'], runner: ['running shoe'],
  hoody: ['hoodie'], jumper: ['sweater', 'pullover'], sweatshirt: ['hoodie', 'sweater'], cardi: ['cardigan'],
  pant: ['trouser', 'jean'], trouser: ['pant'], slack: ['trouser', 'chino'], khaki: ['chino'], khakis: ['chino'], jean: ['denim'],
  tee: ['t-shirt'], 'tshirt': ['t-shirt'], top: ['t-shirt', 'polo shirt', 'henley', 'base layer'], blouse: ['top', 'shirt'],
  rucksack: ['backpack'], knapsack: ['backpack'], daypack: ['backpack'], purse: ['bag', 'crossbody bag'], handbag: ['bag', 'tote bag'], holdall: ['duffel bag'],
  earphone: ['earbud', 'headphone'], earbud: ['headphone'], headset: ['headphone'],
  timepiece: ['watch'], wristwatch: ['watch'], smartwatche: ['smartwatch'],
  skillet: ['frying pan', 'pan'], cookpot: ['saucepan'],
  duvet: ['bedding'], quilt: ['bedding'], cushion: ['pillow'], tote: ['tote bag'], 'quarter-zip': ['quarter-zip pullover'], 'half-zip': ['quarter-zip pullover'],
  anorak: ['jacket', 'rain jacket'], raincoat: ['rain jacket', 'coat'], puffer: ['down jacket', 'insulated jacket'], puffa: ['down jacket', 'insulated jacket'], overcoat: ['coat'],
  lotion: ['moisturiser'], moisturizer: ['moisturiser'],
  flashlight: ['headlamp'], torch: ['headlamp'],
  // Shop slang, mostly British ("trackies", "legos"). Words with an everyday meaning as well
  // ("mac", "pump", "bottle", "waterproof watch") are not here: "headphones for my mac" is not a
  // rain jacket. Plural-only slang ("thermals", "waterproofs") is in PHRASE_SYNONYMS.
  trackie: ['jogger'], tracky: ['jogger'], sweatpant: ['jogger'], cagoule: ['rain jacket'], vest: ['tank top'], singlet: ['tank top'],
  lego: ['building block set', 'blocks set'], jigsaw: ['jigsaw puzzle'], puzzle: ['jigsaw puzzle'], softshell: ['softshell jacket'], windcheater: ['windbreaker'], cozzie: ['swimsuit'],
  teddy: ['plush toy'], stuffie: ['plush toy'], bedspread: ['throw blanket'], comforter: ['duvet cover set'],
  cologne: ['perfume'], specs: ['glasses'], tumbler: ['water bottle'], flask: ['water bottle'],
  // "cardis" is left plural by singularize (as "tennis" must be).
  cardis: ['cardigan'], chapstick: ['lip balm set'], casserole: ['dutch oven'], cocotte: ['dutch oven'],
};

/** Slang for a thing that is also a person: "new runners" are trainers, "a gift for a runner" is for someone who runs. */
const ALSO_PEOPLE = new Set(['runner', 'trainer']);
/** Slang for a thing that is also a quality ("more cushion", "extra padding"). */
const QUALITY_TOO = new Set(['cushion']);

/**
 * The synonyms of the word at i, none when it names a person there: after "for a/my/the", or
 * "a keen", "an avid".
 */
export function synonymsAt(words: readonly string[], i: number): string[] {
  const word = words[i]!;
  // "something with more cushion" asks for cushioning, not a cushion.
  if (/^(?:more|extra|less|enough|some|decent|good|proper)$/.test(words[i - 1] ?? '') && QUALITY_TOO.has(word)) return [];
  if (ALSO_PEOPLE.has(word) && (/^(?:a|an|my|the|our|his|her)$/.test(words[i - 1] ?? '') && /^(?:for|to)$/.test(words[i - 2] ?? '') || /^(?:keen|avid|serious|regular|new|beginner)$/.test(words[i - 1] ?? '') && /^(?:a|an|my)$/.test(words[i - 2] ?? ''))) return [];
  return PRODUCT_SYNONYMS[word] ?? [];
}

const shopSynonymsCache = new WeakMap<ShopVocabulary, string[]>();
const kindTermsCache = new WeakMap<ShopVocabulary, ReadonlySet<string>>();

/** The shop's words for its kinds, singular: every type and category term, and each type's last word ("bottle" of "water bottle"). */
export function shopKindTerms(vocabulary: ShopVocabulary): ReadonlySet<string> {
  let terms = kindTermsCache.get(vocabulary);
  if (!terms) {
    terms = new Set([...(vocabulary.types ?? []).flatMap((t) => [...t.terms, t.name.split(' ').at(-1)!]), ...vocabulary.categories.flatMap((c) => c.terms)]);
    kindTermsCache.set(vocabulary, terms);
  }
  return terms;
}

/**
 * The shoppers' words (PRODUCT_SYNONYMS keys) that lead to something this shop has: a type or
 * category term, or a type's last word. "cologne" leads nowhere in a shop with no perfume, so
 * "do you sell cologne?" can be answered "we don't".
 */
export function shopSynonyms(vocabulary: ShopVocabulary): string[] {
  let words = shopSynonymsCache.get(vocabulary);
  if (!words) {
    const terms = shopKindTerms(vocabulary);
    const leads = (target: string) => terms.has(target) || terms.has(singularize(target.split(' ').at(-1)!));
    words = [
      ...Object.entries(PRODUCT_SYNONYMS).filter(([, targets]) => targets.some(leads)).map(([word]) => word),
      // One-word slang of PHRASE_SYNONYMS ("suncream", "thermals"), singular as the shop's words are.
      ...Object.entries(PHRASE_SYNONYMS).filter(([word, target]) => !word.includes(' ') && leads(target)).map(([word]) => singularize(word)),
    ];
    shopSynonymsCache.set(vocabulary, words);
  }
  return words;
}

export const categoryTask: QueryTask = {
  name: 'category',
  run(text, vocabulary) {
    const singular = joinCompounds(tokenizeWords(withoutTopsThatAreNotTops(text)), vocabulary).map(singularize);
    const direct = bestTerm(singular, vocabulary);
    // "I'm not really a trousers girl" names trousers to rule them out.
    if (direct && direct.negated) return {};
    if (direct) return { filters: { category: direct.category }, matched: [direct.term], shoppingCue: true };
    for (const [i, word] of singular.entries()) {
      for (const synonym of synonymsAt(singular, i)) {
        const found = bestTerm([...singular.slice(0, i), ...synonym.split(' '), ...singular.slice(i + 1)], vocabulary);
        if (found) return { filters: { category: found.category }, matched: [word], shoppingCue: true };
      }
    }
    return {};
  },
};

/** "£100 tops", "50 quid tops": a price limit, not the Tops category. */
const PRICE_LIMIT_TOPS = /([$£€]\s*\d[\d.,]*k?|\b\d[\d.,]*\s*(?:quid|pounds?|dollars?|bucks|euros?))\s+tops?\b/gi;
/** "top rated first", "top 5", "top of the range", "top-notch": an order or praise, not the Tops category. */
const TOP_AS_PRAISE = /\btop[\s-]+(?=(?:rated|rating|ratings|reviewed|picks?|sellers?|selling|quality|notch|end|of the range|brands?|\d+|three|five|ten)\b)/gi;

/** The text without the "tops" that are a price limit or praise, for the category and type tasks. */
export function withoutTopsThatAreNotTops(text: string): string {
  return text.replace(PRICE_LIMIT_TOPS, '$1').replace(TOP_AS_PRAISE, '');
}

/** The category whose longest term appears in the words ("running shoe" beats "shoe"). */
function bestTerm(singular: readonly string[], vocabulary: ShopVocabulary): { category: string; term: string; negated: boolean } | undefined {
  const found: { category: string; term: string; negated: boolean; at: number; length: number }[] = [];
  for (const { name, terms } of vocabulary.categories) {
    for (const term of terms) {
      const phrase = term.split(' ');
      const at = indexOfPhrase(singular, phrase);
      if (at >= 0) found.push({ category: name, term, negated: negatedBefore(singular, at) || isOwnedAt(singular, at), at, length: phrase.length });
    }
  }
  const longest = (list: typeof found) => list.reduce<(typeof found)[number] | undefined>((best, f) => (!best || f.term.length > best.term.length ? f : best), undefined);
  // "a watch but not a smartwatch": the longest term is ruled out, a shorter one is asked for; not
  // a word inside the term ruled out ("not a sleeping bag" asks for no bag), nor a purpose ("smth
  // warm for camping": for camping, not camping gear).
  const ruledOut = found.filter((f) => f.negated);
  const asked = found.filter((f) => !f.negated && singular[f.at - 1] !== 'for' && !ruledOut.some((r) => f.at >= r.at && f.at < r.at + r.length));
  const best = longest(asked) ?? longest(found);
  return best && { category: best.category, term: best.term, negated: best.negated };
}

const NEGATORS = new Set(['not', 'no', 'without', 'except', 'excluding', 'besides', 'nor', 'never']);
const NEGATION_BRIDGE = new Set(['a', 'an', 'the', 'any', 'really', 'real', 'big', 'fan', 'of', 'more', 'another']);

/** A negation right before the word ("not really a trousers girl"), not somewhere earlier ("not sure which headphones"). */
function negatedBefore(words: readonly string[], at: number): boolean {
  return negatedRightBefore(words, at, NEGATION_BRIDGE, (cue, before) => NEGATORS.has(cue) || (cue === 'from' && (before === 'apart' || before === 'aside')) || (cue === 'than' && before === 'other'));
}

/**
 * Whether the word before `at`, skipping only `bridge` words ("a", "the", "really"), is a
 * negation cue; `isCue` also sees the word before the cue ("anything but").
 */
export function negatedRightBefore(
  words: readonly string[],
  at: number,
  bridge: { has(word: string): boolean },
  isCue: (cue: string, before: string | undefined) => boolean,
): boolean {
  let i = at - 1;
  while (i >= 0 && bridge.has(words[i]!)) i--;
  return i >= 0 && isCue(words[i]!, words[i - 1]);
}

/**
 * Two-word shop slang for a catalog phrase, tried before the one-word synonyms: "sleeping mat"
 * is a sleeping pad, "sun cream" sunscreen, "tee shirt" a t-shirt, a "zip up" hoodie a zip hoodie.
 */
export const PHRASE_SYNONYMS: Record<string, string> = {
  'sleeping mat': 'sleeping pad', 'camping mat': 'sleeping pad', 'roll mat': 'sleeping pad', 'camp bed': 'sleeping pad',
  'tee shirt': 't-shirt', 'tee shirts': 't-shirts', 'sun cream': 'sunscreen', 'sun screen': 'sunscreen', 'sun block': 'sunscreen', 'sun lotion': 'sunscreen',
  'zip up': 'zip', 'zip through': 'zip', 'head torch': 'headlamp', 'walking pole': 'trekking pole', 'walking poles': 'trekking poles',
  'skipping rope': 'jump rope', 'skipping ropes': 'jump ropes', thermals: 'base layers', waterproofs: 'rain jackets', 'a waterproof': 'a rain jacket',
  'new waterproof': 'new rain jacket', 'sleeping mats': 'sleeping pads', 'camping mats': 'sleeping pads', 'fanny packs': 'crossbody bags', 'bum bags': 'crossbody bags',
  suncream: 'sunscreen', 'sun creams': 'sunscreens', 'sun lotions': 'sunscreens', 'head torches': 'headlamps', 'chopping board': 'cutting board', 'chopping boards': 'cutting boards',
  'bum bag': 'crossbody bag', 'fanny pack': 'crossbody bag', 'face wash': 'cleanser',
  'face cream': 'moisturiser', 'face creams': 'moisturisers', 'day cream': 'moisturiser', 'night cream': 'moisturiser',
  'hand weight': 'dumbbell set', 'hand weights': 'dumbbell sets', 'free weights': 'dumbbell sets', 'lip balm': 'lip balm set', 'lip balms': 'lip balm sets',
  'casserole dish': 'dutch oven', 'casserole dishes': 'dutch ovens', 'casserole pot': 'dutch oven',
  'belt bag': 'crossbody bag', 'belt bags': 'crossbody bags', 'waist bag': 'crossbody bag', 'waist bags': 'crossbody bags', 'sling bag': 'crossbody bag', 'sling bags': 'crossbody bags', 'hip bag': 'crossbody bag',
  'combat trousers': 'cargo trousers', 'combat pants': 'cargo trousers', combats: 'cargo trousers', 'cargo pants': 'cargo trousers',
  'milk pan': 'saucepan', 'milk pans': 'saucepans',
  'track pants': 'joggers', 'tracksuit bottoms': 'joggers', 'jogging bottoms': 'joggers', 'sweat pants': 'joggers', 'lounge pants': 'joggers',
};

/**
 * Slang that names a product only among words of its use: "cans" are headphones beside music or
 * noise ("cans that block out noise on the train"), and cans of beans anywhere else.
 */
const SLANG_IN_CONTEXT: { slang: RegExp; means: string; among: RegExp; unless: RegExp }[] = [
  // Not "cans of beer for the train", "energy drink cans for the gym".
  {
    slang: /\bcans\b(?! of\b)/gi,
    means: 'headphones',
    among: /\b(?:music|noise|noisy|listen(?:ing)?|bass|wireless|bluetooth|ears?|audio|sound|podcasts?|spotify|dj|studio|over[- ]ear|on[- ]ear|train|commute|commuting|flights?|plane|gym|gaming)\b/i,
    unless: /\b(?:beers?|lagers?|ciders?|drinks?|coke|soda|pop|energy|paint|tins?|food|soup|beans|pints?|glasses|cat|dog|fizzy|tuna|recycl\w*)\b/i,
  },
];

/** The message with slang read as the product it names there: "cans that block out noise" -> "headphones that block out noise". */
export function readSlangInContext(text: string): string {
  return SLANG_IN_CONTEXT.reduce((read, { slang, means, among, unless }) => (among.test(read) && !unless.test(read) ? read.replace(slang, means) : read), text);
}

const compoundsCache = new WeakMap<ShopVocabulary, Map<string, string>>();

/**
 * The shop's words as shoppers also type them: hyphenated words spaced or run together ("t shirt",
 * "tshirt" -> "t-shirt"; "pour over" -> "pour-over"), two-word phrases run together ("fryingpan"),
 * and two-word slang (PHRASE_SYNONYMS: "sleeping mat" -> "sleeping pad").
 */
export function joinCompounds(words: readonly string[], vocabulary: ShopVocabulary): string[] {
  let compounds = compoundsCache.get(vocabulary);
  if (!compounds) {
    const found = new Map(Object.entries(PHRASE_SYNONYMS));
    const terms = [...(vocabulary.types ?? []).flatMap((t) => t.terms), ...vocabulary.categories.flatMap((c) => c.terms)];
    const termWords = new Set(terms.flatMap((term) => term.split(' ')));
    // A form that is itself one of the shop's words keeps its own meaning ("crewneck sweater" is not a crew-neck t-shirt).
    const add = (form: string, to: string) => termWords.has(form) || termWords.has(form.replace(/s$/, '')) || found.set(form, to);
    for (const word of termWords) {
      if (!word.includes('-')) continue;
      add(word.replace(/-/g, ' '), word);
      add(word.replace(/-/g, ''), word);
      // Terms are singular; shoppers' words may be plural ("t shirts").
      add(`${word.replace(/-/g, ' ')}s`, `${word}s`);
      add(`${word.replace(/-/g, '')}s`, `${word}s`);
    }
    for (const term of terms) {
      const parts = term.split(' ');
      if (parts.length === 2) {
        add(parts.join(''), term);
        add(`${parts.join('')}s`, `${term}s`);
      }
    }
    compounds = found;
    compoundsCache.set(vocabulary, compounds);
  }
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const pair = i + 1 < words.length ? (compounds.get(`${words[i]} ${words[i + 1]}`) ?? compounds.get(`${words[i]} ${singularize(words[i + 1]!)}`)) : undefined;
    if (pair) {
      out.push(...pair.split(' '));
      i++;
    } else out.push(...(compounds.get(words[i]!) ?? words[i]!).split(' '));
  }
  return out;
}
