/**
 * Colour, material, size and gender in the shopper's words, matched against the values
 * the catalog actually uses (ShopVocabulary.attributes), with shoppers' synonyms:
 * "blue" also accepts navy and indigo; "leather" accepts "full-grain leather";
 * "size M" and "medium" meet "S, M, L"; "for women" accepts women's and unisex.
 * A negated mention ("not red", "no leather") excludes instead.
 *
 *   colourTask.run('a blue jacket, not navy', vocabulary)
 *   // { filters: { attributes: { colour: ['blue', 'slate blue', ...] }, excludedAttributes: { colour: ['navy'] } } }
 */
import type { AttributeKind, QueryFilters, QueryTask, QueryUnderstanding, ShopVocabulary } from './types.js';
import { englishLexicon } from '../text/lexicon.js';
import { PHRASE_SYNONYMS } from './category.js';
import { brandSpans } from './brand.js';
import { shopWords } from './shop-words.js';
import { isNegated, isNegatedInList, spellingsWithAnd } from './negated.js';
import { CHILD_WORDS } from './price.js';
import { findPhrases, phraseWords, queryWords, singularize } from '../text/words.js';

/** Products named with a colour word in them: the "cream" of a hand cream is no colour. */
const NOT_COLOUR_PHRASES = ['hand cream', 'face cream', 'eye cream', 'night cream', 'day cream', 'body cream', 'shaving cream', 'ice cream'];
const SLANG_PHRASES = [...Object.keys(PHRASE_SYNONYMS).filter((phrase) => phrase.includes(' ')), ...NOT_COLOUR_PHRASES];

/** Basic colour words and the catalog colour words that belong to each. */
const COLOUR_FAMILIES: Record<string, string[]> = {
  black: ['jet', 'onyx', 'ebony'],
  white: ['ivory', 'cream', 'off-white', 'snow'],
  gray: ['charcoal', 'graphite', 'heather gray', 'ash'],
  blue: ['navy', 'indigo', 'cobalt', 'azure', 'denim', 'sky', 'teal'],
  red: ['burgundy', 'maroon', 'crimson', 'scarlet', 'wine', 'cherry'],
  green: ['olive', 'sage', 'forest', 'khaki', 'mint', 'emerald', 'cucumber'],
  yellow: ['mustard', 'lemon', 'citrus', 'gold'],
  orange: ['rust', 'terracotta', 'coral', 'tangerine', 'citrus'],
  pink: ['rose', 'blush', 'fuchsia', 'magenta'],
  purple: ['lavender', 'violet', 'plum', 'lilac', 'mauve'],
  brown: ['tan', 'chocolate', 'camel', 'rust', 'walnut', 'coffee'],
  beige: ['sand', 'tan', 'stone', 'oat', 'cream', 'khaki', 'natural'],
  navy: ['midnight blue'],
};
const COLOUR_WORDS = new Set([...Object.keys(COLOUR_FAMILIES), 'silver', 'gold', 'teal', 'navy', 'olive', 'burgundy', 'charcoal', 'khaki', 'tan']);

const MATERIAL_WORDS = new Set([
  'cotton', 'wool', 'merino', 'cashmere', 'alpaca', 'leather', 'suede', 'linen', 'denim', 'silk', 'nylon', 'polyester',
  'fleece', 'canvas', 'titanium', 'steel', 'aluminum', 'bamboo', 'wood', 'wooden', 'ceramic', 'glass', 'plastic',
  'silicone', 'rubber', 'mesh', 'knit', 'gore', 'goretex', 'iron', 'copper', 'cork', 'hemp', 'velvet', 'corduroy', 'jersey', 'terry', 'wax',
  'down', 'pvc', 'beeswax', 'foam', 'latex', 'tencel', 'viscose', 'brass', 'rattan', 'neoprene', 'sherpa',
  // Named by their first word alone: "not damascus" is no Damascus steel, "ripstop" any ripstop fabric.
  'damascus', 'ripstop', 'cordura', 'selvedge', 'sateen', 'percale', 'chambray', 'lyocell', 'tritan', 'silnylon',
  // Woods and plastics goods are made of.
  'walnut', 'maple', 'oak', 'teak', 'acacia', 'beech', 'tpe', 'cardboard', 'plywood',
]);
/**
 * Material words that are everyday words too ("calm down", "down the road"): a material only
 * after these ("no down", "not a down one", "filled with down", "goose or down").
 */
const EVERYDAY_MATERIAL_WORDS = new Set(['down']);
const holdingCache = new WeakMap<readonly string[], Map<string, string[]>>();

/**
 * The other values whose words hold the value's whole ("enamelled cast iron" for "cast iron");
 * asked only when the value is named. Not one that says it is not the real thing: "vegan leather"
 * and "faux fur" are no leather or fur.
 */
function valuesHolding(values: readonly string[], value: string): string[] {
  let byValue = holdingCache.get(values);
  if (!byValue) holdingCache.set(values, (byValue = new Map()));
  let holding = byValue.get(value);
  if (!holding) {
    const inner = ` ${phraseWords(value).join(' ')} `;
    holding = values.filter((other) => other !== value && ` ${phraseWords(other).join(' ')} `.includes(inner) && !phraseWords(other).some((word) => IMITATION.test(word)));
    byValue.set(value, holding);
  }
  return holding;
}

/** Where the message names a value, and the catalog values it accepts. */
interface Mention {
  start: number;
  length: number;
  accepted: string[];
  /** Of those, values that only look like it ("vegan leather" for "leather"): not ruled out with it. */
  imitations?: string[];
}

/** Words before a material that say it is not that material: "vegan leather", "faux fur". */
const IMITATION = /^(vegan|faux|fake|imitation|synthetic|artificial|pu)$/;
const BEFORE_EVERYDAY_MATERIAL = new Set(['no', 'not', 'without', 'a', 'any', 'with', 'or', 'and', 'nor', 'real', 'of', 'in', 'non', 'to']);
/** Materials of a kind sold under their own names. */
const MATERIAL_FAMILIES: Record<string, string[]> = { wool: ['merino', 'cashmere', 'alpaca', 'mohair', 'angora', 'lambswool'] };
// Normalised text splits "Gore-Tex" into gore + tex.
const MATERIAL_ALIASES: Record<string, string> = { wooden: 'wood', goretex: 'gore' };

const SIZE_WORDS: Record<string, string> = {
  'extra extra small': 'XXS', 'extra small': 'XS', small: 'S', medium: 'M', large: 'L', 'extra large': 'XL', 'extra extra large': 'XXL',
  xxs: 'XXS', xs: 'XS', s: 'S', m: 'M', l: 'L', xl: 'XL', xxl: 'XXL', xxxl: 'XXXL', '2xl': 'XXL', '3xl': 'XXXL',
};

/** People a present is for, by gender ("for my grandad", "my niece"). */
// Children (son, niece...) are left out: kids' products have their own sizes and cuts.
const WOMEN_RELATIVES = ['her', 'wife', 'mum', 'mom', 'mother', 'girlfriend', 'sister', 'grandma', 'granny', 'gran', 'nan', 'nana', 'grandmother', 'aunt', 'auntie', 'aunty', 'stepmum', 'stepmom'];
const MEN_RELATIVES = ['him', 'husband', 'dad', 'father', 'boyfriend', 'brother', 'grandad', 'granddad', 'grandpa', 'grandfather', 'uncle', 'stepdad'];

const GENDER_PATTERNS: { pattern: RegExp; value: 'women' | 'men' | 'kids' }[] = [
  { pattern: new RegExp(`\\b(women|woman|womens|ladies|lady|female|girls?|lass|${WOMEN_RELATIVES.join('|')})\\b`), value: 'women' },
  // "guy" alone: "guys" greets anyone ("hi guys, do you ship to spain").
  { pattern: new RegExp(`\\b(men|man|mens|gentlemen|gents|male|boys?|bloke|blokes|guy|fella|lad|lads|${MEN_RELATIVES.join('|')})\\b`), value: 'men' },
];
/**
 * Children, by gender: for whom, as a relative is, but a son may wear a men's hoodie, a unisex one
 * or a boys' one: "a hoodie for my daughter" is no men's hoodie, and may be a girls' one. A cut said
 * outright wins ("my son wants a women's fleece").
 */
const CHILDREN: Record<'women' | 'men', ReadonlySet<string>> = {
  men: new Set(['son', 'sons', 'grandson', 'grandsons', 'stepson', 'godson', 'nephew', 'nephews']),
  women: new Set(['daughter', 'daughters', 'granddaughter', 'granddaughters', 'stepdaughter', 'goddaughter', 'niece', 'nieces']),
};
/** Every word for a child of either gender. */
const A_CHILD = new Set([...CHILDREN.men, ...CHILDREN.women]);
/** A gender value's first word that is a child's cut for either ("Kids", "Junior"), or for one ("Girls'"). */
const CHILDS_CUT = { any: /^(?:kids?|child|childrens?|children|youth|junior)$/, women: /^girls?$/, men: /^boys?$/ };

/** Each gender's pattern, the same matching one whole word, and its children's words. */
const GENDER_WORDS = GENDER_PATTERNS.map((gender) => ({
  ...gender,
  whole: new RegExp(`^${gender.pattern.source}$`),
  children: gender.value === 'kids' ? new Set<string>() : CHILDREN[gender.value],
}));

/** Gender words that name a person a product is for, not a product's cut. */
const RECIPIENT_WORDS = new Set([...WOMEN_RELATIVES, ...MEN_RELATIVES, ...A_CHILD, 'girl', 'girls', 'boy', 'boys', 'bloke', 'blokes', 'guy', 'fella', 'lad', 'lads', 'lass']);

/** Words that join the items of a list ("wool, leather or down": the commas are gone after normalising). */
const LIST_WORDS = new Set(['or', 'and', 'nor', 'also', 'any']);

export const colourTask: QueryTask = { name: 'colour', run: (text, vocabulary) => matchValues(text, vocabulary, 'colour', colourTerms) };
export const materialTask: QueryTask = { name: 'material', run: (text, vocabulary) => matchValues(text, vocabulary, 'material', materialTerms) };
export const scentTask: QueryTask = { name: 'scent', run: (text, vocabulary) => matchValues(text, vocabulary, 'scent', scentTerms) };

/** A child's age as shoppers give it: "my 6 year old", "9yo", "turns 5", "aged 4", "her 7th birthday", "kids around 6", "my nephew, he's 7". */
const CHILD_AGE = new RegExp(String.raw`\b(\d{1,2})\s*-?\s*(?:years?|yrs?|yr)\s*-?\s*olds?\b|\b(\d{1,2})\s*yo\b|\bturn(?:s|ing)? (\d{1,2})\b|\baged? (\d{1,2})\b|\b(\d{1,2})(?:st|nd|rd|th) birthday\b|\b${CHILD_WORDS} (?:around|about|of) (\d{1,2})\b(?! *(?:quid|pounds?|dollars?|bucks|euros?|%))|\b(?:${CHILD_WORDS}|nephews?|nieces?|grand(?:son|daughter|kid)s?|god(?:son|daughter|child)|cousins?|little (?:brother|sister))\b,? (?:who|he|she)(?:'s|s| is) (\d{1,2})\b(?!\s*(?:['’]|ft|foot|feet|months?|weeks?|cm|kg|quid|pounds?|dollars?|bucks|euros?|%))`);
/** Ages said in words, as the youngest of the range. */
const AGE_WORDS: [RegExp, number][] = [
  [/\b(?:newborn|new born|new baby|baby(?! (?:blue|pink))|babies|infant)\b/, 0],
  [/\b(?:toddlers?)\b/, 2],
  [/\b(?:tweens?)\b/, 10],
];
/** Below this age a toy's age floor is a safety mark and is kept to the letter. */
const SAFETY_AGE = 3;
/**
 * Ages above which a product's age floor no longer decides: a 16 year old "glued to his music"
 * wants headphones, not the toys rated for his age.
 */
const CHILD_UNTIL = 12;

/**
 * Products for a child of the age given: those whose age floor ("3+", "8+") the child has
 * reached, or will within a year. "Present for a 5 year old" keeps the 8+ science kits out; "a
 * baby" the 3+ plush.
 */
export const ageTask: QueryTask = {
  name: 'age',
  run(text, vocabulary) {
    const attributes = ofKind(vocabulary, 'age');
    if (attributes.length === 0) return {};
    const lower = queryWords(text).join(' ');
    const match = CHILD_AGE.exec(lower);
    // "my 2 year old dog" is no child.
    if (match && /^(?:dogs?|cats?|pupp(?:y|ies)|kittens?|pets?|horses?|rabbits?|ponies|pony)\b/.test(lower.slice(match.index + match[0].length).trim())) return {};
    const age = match ? Number(match.slice(1).find((group) => group !== undefined)) : AGE_WORDS.find(([pattern]) => pattern.test(lower))?.[1];
    if (age === undefined || age > CHILD_UNTIL) return {};
    // A year under a toy's age floor is fine from three ("science kit for a 7 year old": 8+); under
    // three the floor is about safety (small parts), and holds.
    const reach = age >= SAFETY_AGE ? age + 1 : age;
    const filters = acceptedValues(attributes, (value) => {
      const floor = /^(\d+)/.exec(value.trim());
      return floor !== null && Number(floor[1]) <= reach;
    });
    return filters ? { filters, matched: [match?.[0] ?? String(age)], shoppingCue: true } : {};
  },
};

/** Ways of asking for no scent at all, each read as the catalog's own value for it ("unscented"). */
const NO_SCENT = [
  ['unscented'], ['fragrance', 'free'], ['scent', 'free'], ['perfume', 'free'], ['non', 'scented'], ['no', 'scent'], ['no', 'fragrance'], ['no', 'perfume'],
  ['without', 'fragrance'], ['without', 'scent'], ['without', 'perfume'], ['not', 'scented'], ['nothing', 'scented'], ['not', 'smell', 'of', 'anything'], ['no', 'smell'],
  ['nothing', 'perfumed'], ['nothing', 'fragranced'], ['not', 'perfumed'], ['no', 'perfumed'],
  // Scent disliked: "my mum hates anything scented", "allergic to fragrance".
  ...['hates', 'hate', 'dislikes', 'dislike', 'allergic to', 'sensitive to'].flatMap((verb) =>
    ['', 'anything', 'all'].flatMap((any) => ['scented', 'scents', 'scent', 'fragrance', 'fragrances', 'fragranced', 'perfume', 'perfumed', 'smelly'].map((what) => [...verb.split(' '), ...(any ? [any] : []), what])),
  ),
];

/** A scent by its value's words ("lavender", "sea salt"); asking for none means the catalog's "unscented" value. */
function scentTerms(words: readonly string[], values: readonly string[]): Mention[] {
  const mentions: Mention[] = [];
  const none = values.filter((value) => /^(unscented|fragrance[- ]free|scent[- ]free|no scent|none)$/i.test(value));
  for (const value of values) {
    if (none.includes(value)) continue;
    // "cedar & sage" is also written "cedar and sage".
    for (const wordsOf of spellingsWithAnd(value)) {
      for (const start of findPhrases(words, wordsOf)) mentions.push({ start, length: wordsOf.length, accepted: [value] });
    }
  }
  if (none.length) for (const phrase of NO_SCENT) for (const start of findPhrases(words, phrase)) mentions.push({ start, length: phrase.length, accepted: none });
  return mentions;
}

export const sizeTask: QueryTask = {
  name: 'size',
  run(text, vocabulary) {
    const attributes = ofKind(vocabulary, 'size');
    if (attributes.length === 0) return {};
    const lower = queryWords(text).join(' ');
    // A measure first: "frying pan size 12 inch" is 12 in, not a clothing size 12.
    const measured = measuredSize(text, attributes);
    if (measured) return measured;
    const match =
      // Trousers by the waist: "32 waist", "34 inch waist", "waist 30", "w32".
      /\b(\d{2})\s*(?:-?\s*(?:inch|inches|in|"))?\s*waist\b/.exec(lower) ??
      /\bwaist (?:size )?(\d{2})\b/.exec(lower) ??
      /\bw(\d{2})\b/.exec(lower) ??
      /\bsize (extra extra small|extra small|extra large|extra extra large|small|medium|large|xxs|xs|s|m|l|xl|xxl|xxxl|2xl|3xl|\d{1,2}(?:\.5)?)\b/.exec(lower) ??
      /\b(?:in (?:a |an )?)(extra small|extra large|small|medium|large|xxs|xs|xl|xxl|2xl|3xl)\b/.exec(lower) ??
      // "in a 10", "got them in a 9?": a number alone at the end is a size, as shoppers say shoe sizes.
      /\bin (?:a |an )(\d{1,2}(?:\.5)?)(?=$| (?:please|pls|thanks|then|too|instead|maybe)\b)/.exec(lower) ??
      // "do you have them in 2?", "got it in 10": a product referred to, then a number alone.
      /(?<=\b(?:them|it|those|these|ones?) )in (\d{1,2}(?:\.5)?)(?=$| (?:please|pls|thanks|then|too|instead|maybe)\b)/.exec(lower) ??
      // ... and "in 9" said alone (a follow-up, or that span read again on its own).
      /^in (\d{1,2}(?:\.5)?)$/.exec(lower) ??
      /\b(xxs|xs|xl|xxl|xxxl|2xl|3xl)\b/.exec(lower);
    if (!match) return namedSize(lower, attributes) ?? {};
    const wanted = (SIZE_WORDS[match[1]!] ?? match[1]!).toLowerCase();
    const filters = acceptedValues(attributes, (value) => value.toLowerCase() === wanted);
    return filters ? { filters, matched: [match[0]], shoppingCue: true } : {};
  },
};

/** Units a catalog size may be given in, with the ways shoppers write them. */
const SIZE_UNITS: Record<string, string> = {
  in: 'in', inch: 'in', inches: 'in', '"': 'in', '”': 'in', "''": 'in',
  cm: 'cm', centimetre: 'cm', centimetres: 'cm', centimeter: 'cm', centimeters: 'cm',
  ml: 'ml', millilitre: 'ml', millilitres: 'ml', milliliter: 'ml', milliliters: 'ml',
  l: 'l', litre: 'l', litres: 'l', liter: 'l', liters: 'l',
  qt: 'qt', quart: 'qt', quarts: 'qt',
};
// Inches as "inch", a quote mark or "12in" written together: a spaced "in" is a preposition
// ("uk 8 in trainers", "running shoes, I'm an 8 in").
const MEASURE = /(\d+(?:\.\d+)?)(?:in\b|\s*-?\s*(?:inches|inch|"|”|''|centimetres?|centimeters?|cm\b|millilitres?|milliliters?|ml\b|litres?|liters?|l\b|quarts?|qt\b))/i;

/**
 * A size given as a measure ("a 12 inch frying pan", 'an 8" knife', "the 30ml size", "4.5 quart")
 * meets the catalog sizes of the same amount and unit ("12 in", "30 ml", "4.5 qt").
 */
function measuredSize(text: string, attributes: ReturnType<typeof ofKind>): ReturnType<QueryTask['run']> | undefined {
  const match = MEASURE.exec(text.toLowerCase());
  if (!match) return undefined;
  const amount = Number(match[1]);
  const unit = SIZE_UNITS[match[0].slice(match[1]!.length).replace(/^[\s-]+/, '').toLowerCase()];
  const filters = acceptedValues(attributes, (value) => {
    const catalog = /^(\d+(?:\.\d+)?)\s*([a-z]+)$/.exec(value.toLowerCase());
    return Boolean(catalog) && Number(catalog![1]) === amount && SIZE_UNITS[catalog![2]!] === unit;
  });
  return filters ? { filters, matched: [match[0].trim()], shoppingCue: true } : undefined;
}

/** Numbers of people said in words. */
const PEOPLE_NUMBERS: Record<string, number> = { one: 1, solo: 1, single: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8 };
const COUNT = String.raw`(\d{1,2}|${Object.keys(PEOPLE_NUMBERS).join('|')})`;
const PEOPLE = new RegExp(String.raw`\b${COUNT}\s*-?\s*(?:person|persons|people|man|berth)\b|\bsleeps ${COUNT}\b|\bfor ${COUNT} of us\b`, 'g');
const VOLUME = /\b(\d+(?:\.\d+)?)\s*-?\s*(?:l|ltr|litres?|liters?)\b/g;

/**
 * How many it sleeps or how much it holds, as the catalog's capacity values give it: "a tent for
 * 2 people", "two man tent", "sleeps 4" meet "2-person", "4-person"; "a 30 litre daypack", "40l"
 * meet "30 L", "40 L". The number said, not more: a 3-person tent is another tent.
 */
export const capacityTask: QueryTask = {
  name: 'capacity',
  run(text, vocabulary) {
    const attributes = ofKind(vocabulary, 'capacity');
    if (attributes.length === 0) return {};
    const lower = queryWords(text).join(' ');
    // What the shopper has already ("my old 20 litre bag won't fit a tent") says nothing of what they want.
    const owned = (at: number, within: string) => /\b(?:my|our|his|her|their)(?: \w+)?\s*$/.test(within.slice(0, at));
    const people = [...lower.matchAll(PEOPLE)].find((match) => !owned(match.index!, lower));
    if (people) {
      const said = people.slice(1).find((group) => group !== undefined)!;
      const count = PEOPLE_NUMBERS[said] ?? Number(said);
      const filters = acceptedValues(attributes, (value) => {
        const catalog = /^(\d+)\s*-?\s*(?:person|people|man|berth)\b/i.exec(value.trim());
        return catalog !== null && Number(catalog[1]) === count;
      });
      if (filters) return { filters, matched: [people[0]], shoppingCue: true };
    }
    const lowerText = text.toLowerCase();
    const volume = [...lowerText.matchAll(VOLUME)].find((match) => !owned(match.index!, lowerText));
    if (volume) {
      // "30L or bigger", "at least 40 litres": that much or more; "20l or smaller": that much or less.
      const before = lowerText.slice(0, volume.index);
      const after = lowerText.slice(volume.index! + volume[0].length);
      const atLeast = /^\s*(?:or|and)\s+(?:bigger|more|larger|over|above|up)\b|^\s*\+/.test(after) || /\b(?:at least|min(?:imum)?|over|above|bigger than|more than)\s*$/.test(before);
      const atMost = /^\s*(?:or|and)\s+(?:smaller|less|under|below)\b/.test(after) || /\b(?:at most|max(?:imum)?|under|below|smaller than|less than|up to)\s*$/.test(before);
      const wanted = Number(volume[1]);
      const filters = acceptedValues(attributes, (value) => {
        const catalog = /^(\d+(?:\.\d+)?)\s*(?:l|litres?|liters?)$/i.exec(value.trim());
        if (catalog === null) return false;
        const amount = Number(catalog[1]);
        return atLeast ? amount >= wanted : atMost ? amount <= wanted : amount === wanted;
      });
      if (filters) return { filters, matched: [volume[0].trim()], shoppingCue: true };
    }
    return {};
  },
};

const WEIGHT = /(?<![\d.])(\d+(?:\.\d+)?)\s*-?\s*(?:kg|kgs|kilos?|kilograms?)\b/;
/** A temperature: "-2", "minus 5", "-5c", "0 degrees", after words about warmth or cold. */
const TEMPERATURE = /\b(?:for|to|down to|at|in|below|around|rated(?: to)?)\s+(?:(minus\s+|-|−)(\d{1,2})\s*(?:°\s*c|c\b|degrees?(?: c)?)?|(\d{1,2})\s*(?:°\s*c|c\b|degrees?(?: c)?))(?!\s*(?:people|persons?|person|nights?|days?|years?|yrs?|year olds?|stars?))/;
const COLD_WORDS = /\b(?:warm enough|comfort|cold|freezing|winter|degrees|°c|minus|below zero)\b|(?:^|\s)-\d/;

/**
 * How heavy ("kettlebell 16kg", "weighted blanket 9 kg": that weight; "2 x 5 kg" sets weigh 5 kg
 * each) and how cold a thing keeps its user warm to ("sleeping bag warm enough for -2": a bag
 * rated to -2 °C or colder), as the catalog's weight and temperature values give them.
 */
export const measureTask: QueryTask = {
  name: 'measure',
  run(text, vocabulary) {
    const lower = text.toLowerCase();
    let filters: QueryFilters | undefined;
    const matched: string[] = [];
    const weight = WEIGHT.exec(lower);
    const weights = ofKind(vocabulary, 'weight');
    if (weight && weights.length) {
      const found = acceptedValues(weights, (value) => {
        const each = /(\d+(?:\.\d+)?)\s*kg\s*$/i.exec(value.trim());
        return each !== null && Number(each[1]) === Number(weight[1]);
      });
      if (found) {
        filters = found;
        matched.push(weight[0].trim());
      }
    }
    const temperatures = ofKind(vocabulary, 'temperature');
    const cold = TEMPERATURE.exec(lower);
    if (cold && temperatures.length && COLD_WORDS.test(lower)) {
      const wanted = cold[1] ? -Number(cold[2]) : Number(cold[2] ?? cold[3]);
      const found = acceptedValues(temperatures, (value) => {
        const rated = /^(-|−)?\s*(\d+(?:\.\d+)?)/.exec(value.trim());
        return rated !== null && (rated[1] ? -1 : 1) * Number(rated[2]) <= wanted;
      });
      if (found) {
        filters = { attributes: { ...(filters?.attributes ?? {}), ...found.attributes } };
        matched.push(cold[0].trim());
      }
    }
    return filters ? { filters, matched, shoppingCue: true } : {};
  },
};

/** Bed sizes English names in words. Not "standard" or "full": "a standard size backpack" asks for no size. */
const BED_SIZES = new Set(['single', 'twin', 'double', 'queen', 'king']);

/** A bed size the catalog has, said as such: "king size duvet", "a queen-size sheet set". */
function namedSize(lower: string, attributes: ReturnType<typeof ofKind>): ReturnType<QueryTask['run']> | undefined {
  let matched: string | undefined;
  const filters = acceptedValues(attributes, (value) => {
    const word = value.toLowerCase();
    if (!BED_SIZES.has(word)) return false;
    const found = new RegExp(`\\b${word} (?:size|sized|bed)\\b`).exec(lower);
    if (found) matched = found[0];
    return Boolean(found);
  });
  return filters && matched ? { filters, matched: [matched], shoppingCue: true } : undefined;
}

export const genderTask: QueryTask = {
  name: 'gender',
  run(text, vocabulary) {
    const attributes = ofKind(vocabulary, 'gender');
    if (attributes.length === 0) return {};
    const words = queryWords(text);
    // Each gender's words, said plainly or ruled out ("for my boyfriend, not a womens one").
    const mentions = GENDER_WORDS.map(({ whole, value, children }) => {
      // "a 4 man tent", "2 person": how many it holds, not whom it is cut for.
      const at = words.flatMap((word, i) => ((whole.test(word) || children.has(word)) && !/^\d+$/.test(words[i - 1] ?? '') ? [i] : []));
      return { value, said: at.filter((i) => !isNegated(words, i)), ruledOut: at.filter((i) => isNegated(words, i)) };
    });
    // A cut said outright ("women's", not "my wife") wins over a child's gender: "my son wants a women's fleece".
    const cutSaid = mentions.some((m) => m.said.some((i) => !RECIPIENT_WORDS.has(words[i]!)));
    if (cutSaid) for (const m of mentions) m.said = m.said.filter((i) => !A_CHILD.has(words[i]!));
    const wanted = mentions.filter((m) => m.said.length > 0);
    const excluded = mentions.filter((m) => m.ruledOut.length > 0 && m.said.length === 0);
    const ofGender = (value: string, withUnisex: boolean) => (v: string) => {
      const valueWords = phraseWords(v);
      return valueWords[0] === value || valueWords[0] === `${value}s` || (withUnisex && /unisex|all/.test(valueWords.join(' ')));
    };
    const exclusion = excluded.length === 1 ? acceptedValues(attributes, ofGender(excluded[0]!.value, false))?.attributes : undefined;
    const ruledOut = exclusion ? { excludedAttributes: exclusion } : {};
    const ruledOutWords = exclusion ? { ruledOut: [words[excluded[0]!.ruledOut[0]!]!] } : {};
    // "for him or her": no filter.
    if (wanted.length !== 1) return exclusion ? { filters: ruledOut, ...ruledOutWords } : {};
    const { value, said } = wanted[0]!;
    const forAChild = said.every((i) => A_CHILD.has(words[i]!));
    const ofTheirGender = ofGender(value, true);
    const childsCut = (v: string) => [CHILDS_CUT.any, value === 'kids' ? undefined : CHILDS_CUT[value]].some((cut) => cut?.test(phraseWords(v)[0] ?? ''));
    const filters = acceptedValues(attributes, (v) => ofTheirGender(v) || (forAChild && childsCut(v)));
    if (!filters) return exclusion ? { filters: ruledOut, ...ruledOutWords } : {};
    const word = words[said[0]!]!;
    // "for my sister" says who it is for, and a candle suits her; "women's running shoes" asks for the women's cut.
    const recipient = RECIPIENT_WORDS.has(word);
    return { filters: { ...filters, ...ruledOut, ...(recipient ? { passIfMissing: Object.keys(filters.attributes ?? {}) } : {}) }, matched: [word], ...ruledOutWords };
  },
};

/** For each attribute, the values `accept` takes; undefined when none anywhere. */
function acceptedValues(attributes: ReturnType<typeof ofKind>, accept: (value: string) => boolean): QueryFilters | undefined {
  const found: Record<string, string[]> = {};
  for (const { name, values } of attributes) {
    const accepted = values.filter(accept);
    if (accepted.length) found[name] = accepted;
  }
  return Object.keys(found).length ? { attributes: found } : undefined;
}

function ofKind(vocabulary: ShopVocabulary, kind: AttributeKind) {
  return (vocabulary.attributes ?? []).filter((attribute) => attribute.kind === kind);
}

/** The catalog values a colour mention accepts: values containing the word, or a word of its family. */
function colourTerms(words: readonly string[], values: readonly string[]): Mention[] {
  const mentions: Mention[] = [];
  // Whole catalog values first ("sage green", "light wash"), then basic colour words.
  for (const value of [...values].sort((a, b) => phraseWords(b).length - phraseWords(a).length)) {
    const phrase = phraseWords(value);
    for (const start of findPhrases(words, phrase)) mentions.push({ start, length: phrase.length, accepted: [value] });
  }
  // A print named by its first word alone ("anything except floral(s)": "floral print"; "polka" of "polka dot").
  const byPrint = printsByFirstWord(values);
  for (const [start, word] of words.entries()) {
    const prints = byPrint.get(word) ?? byPrint.get(word.replace(/s$/, ''));
    if (prints && !PRINT_WORDS.has(words[start + 1] ?? '')) mentions.push({ start, length: 1, accepted: prints });
  }
  for (const [start, word] of words.entries()) {
    // A shade said on its own ("no neon") takes in the catalog's values of that shade.
    if (SHADE_WORDS.has(word)) {
      const accepted = values.filter((value) => phraseWords(value).includes(word));
      if (accepted.length) mentions.push({ start, length: 1, accepted });
      continue;
    }
    if (!COLOUR_WORDS.has(word)) continue;
    const family = [word, ...(COLOUR_FAMILIES[word] ?? [])];
    const accepted = values.filter((value) => {
      const valueWords = phraseWords(value).join(' ');
      return family.some((member) => ` ${valueWords} `.includes(` ${phraseWords(member).join(' ')} `));
    });
    if (accepted.length) mentions.push({ start, length: 1, accepted });
  }
  // "bright orange", "dark green": the shade word belongs to the mention, so that a list reads on
  // through it ("no neon or bright orange").
  for (const mention of mentions) {
    if (SHADE_MODIFIERS.has(words[mention.start - 1] ?? '') && !mentions.some((other) => other.start <= mention.start - 1 && other.start + other.length > mention.start - 1)) {
      mention.start--;
      mention.length++;
    }
  }
  // "it's pitch black out": how dark it is, not a colour wanted.
  return mentions.filter(({ start, length }) => !(words[start + length - 1] === 'black' && words[start + length - 2] === 'pitch'));
}

const printsCache = new WeakMap<readonly string[], Map<string, string[]>>();

/** The catalog's prints ("floral print", "polka dot") by their first word; read once per list of values. */
function printsByFirstWord(values: readonly string[]): Map<string, string[]> {
  let byPrint = printsCache.get(values);
  if (!byPrint) {
    byPrint = new Map();
    for (const value of values) {
      const valueWords = phraseWords(value);
      if (valueWords.length > 1 && PRINT_WORDS.has(valueWords.at(-1)!) && !COLOUR_WORDS.has(valueWords[0]!)) byPrint.set(valueWords[0]!, [...(byPrint.get(valueWords[0]!) ?? []), value]);
    }
    printsCache.set(values, byPrint);
  }
  return byPrint;
}

/** Last words of catalog colours that are prints or patterns, not colours: "floral print", "polka dot". */
const PRINT_WORDS = new Set(['print', 'prints', 'dot', 'dots', 'stripe', 'stripes', 'striped', 'check', 'checked', 'checks', 'pattern', 'patterned', 'camo']);

/** Shades a catalog may spell as part of a colour ("neon yellow", "pastel"), asked for alone. */
const SHADE_WORDS = new Set(['neon', 'pastel']);
/** Words before a colour that say which shade of it. */
const SHADE_MODIFIERS = new Set(['bright', 'dark', 'light', 'pale', 'deep', 'vivid', 'muted', 'soft']);

function materialTerms(words: readonly string[], values: readonly string[]): Mention[] {
  const mentions: Mention[] = [];
  for (const value of values) {
    const phrase = phraseWords(value);
    if (phrase.length < 2) continue;
    // With the values that hold it whole: "cast iron" is "enamelled cast iron" too.
    for (const start of findPhrases(words, phrase)) mentions.push({ start, length: phrase.length, accepted: [value, ...valuesHolding(values, value)] });
  }
  // A value's hyphenated last word is what shoppers ask for: "non-stick" for "ceramic non-stick".
  const byEnding = new Map<string, string[]>();
  for (const value of values) {
    const last = value.split(' ').at(-1)!;
    if (value.includes(' ') && last.includes('-')) byEnding.set(last.toLowerCase(), [...(byEnding.get(last.toLowerCase()) ?? []), value]);
  }
  for (const [ending, accepted] of byEnding) {
    const phrase = phraseWords(ending);
    for (const start of findPhrases(words, phrase)) mentions.push({ start, length: phrase.length, accepted });
  }
  for (const [start, raw] of words.entries()) {
    if (!MATERIAL_WORDS.has(raw)) continue;
    if (EVERYDAY_MATERIAL_WORDS.has(raw) && !BEFORE_EVERYDAY_MATERIAL.has(words[start - 1] ?? '')) continue;
    const word = MATERIAL_ALIASES[raw] ?? raw;
    // Wool takes in the animal fibres sold by their own names: "allergic to wool" rules out cashmere and alpaca too.
    const kin = (MATERIAL_FAMILIES[word] ?? []).filter((member) => values.some((value) => phraseWords(value).includes(member)));
    if (kin.length) mentions.push({ start, length: 1, accepted: values.filter((value) => kin.some((member) => phraseWords(value).includes(member))) });
    // "PVC-free foam" and "down alternative" are not PVC or down; "lambswool" is wool, written as one word.
    const accepted = values.filter((value) => {
      const valueWords = phraseWords(value);
      const at = valueWords.findIndex((valueWord) => valueWord === word || (valueWord.length > word.length + 2 && valueWord.endsWith(word)));
      return at >= 0 && !/^(free|alternative)$/.test(valueWords[at + 1] ?? '');
    });
    // "Vegan leather" and "faux fur" look the part, but are neither what "a leather bag" asks for
    // (unless the shop has nothing else) nor what "no leather" rules out.
    const imitations = accepted.filter((value) => phraseWords(value).some((valueWord, i, all) => IMITATION.test(valueWord) && (all[i + 1] ?? '').endsWith(word)));
    // "Faux leather", "pu leather": the imitations are what is asked for, whatever the shop calls them.
    if (IMITATION.test(words[start - 1] ?? '')) {
      if (imitations.length) mentions.push({ start: start - 1, length: 2, accepted: imitations });
      continue;
    }
    if (accepted.length) mentions.push({ start, length: 1, accepted, ...(imitations.length ? { imitations } : {}) });
  }
  return mentions;
}

/**
 * Spans of the message whose words name a product, not a value to filter on:
 * - a category term ("fleece jacket", "down jacket");
 * - a shop-slang phrase ("cream" in "sun cream" is sunscreen, not a colour);
 * - a type's hyphenated modifiers: "cable knit" names cable-knit sweaters, not a knit material;
 * - a brand's name: "Harbor & Pine" is no pine scent, "Linen Loft" no linen, "Copper Hearth" no copper.
 * The colour, material and scent tasks read the same message in turn: its spans are found once.
 */
function productNameSpans(text: string, words: readonly string[], vocabulary: ShopVocabulary): (readonly [number, number])[] {
  if (lastSpans?.text === text && lastSpans.vocabulary === vocabulary) return lastSpans.spans;
  const { phrases, brands } = spanningNames(vocabulary);
  const spans = [
    ...phrases.flatMap((phrase) => findPhrases(words, phrase).map((start) => [start, start + phrase.length] as const)),
    ...brandSpans(words, brands),
  ];
  lastSpans = { text, vocabulary, spans };
  return spans;
}

let lastSpans: { text: string; vocabulary: ShopVocabulary; spans: (readonly [number, number])[] } | undefined;
const spanningNamesCache = new WeakMap<ShopVocabulary, { phrases: string[][]; brands: string[] }>();

/** The words of the phrases productNameSpans looks for, per vocabulary. */
function spanningNames(vocabulary: ShopVocabulary): { phrases: string[][]; brands: string[] } {
  let names = spanningNamesCache.get(vocabulary);
  if (!names) {
    const typeModifiers = (vocabulary.types ?? []).flatMap((type) => type.name.split(' ').slice(0, -1).filter((modifier) => modifier.includes('-')));
    const phrases = [...vocabulary.categories.flatMap(({ terms }) => terms.filter((term) => term.includes(' '))), ...SLANG_PHRASES, ...typeModifiers].map(phraseWords);
    names = { phrases, brands: (vocabulary.brands ?? []).filter((brand) => phraseWords(brand).length > 1) };
    spanningNamesCache.set(vocabulary, names);
  }
  return names;
}

function matchValues(
  text: string,
  vocabulary: ShopVocabulary,
  kind: AttributeKind,
  termsOf: (words: readonly string[], values: readonly string[]) => Mention[],
): Partial<QueryUnderstanding> {
  const words = queryWords(text);
  const categorySpans = productNameSpans(text, words, vocabulary);
  const filters: QueryFilters = {};
  const matched: string[] = [];
  const ruledOut: string[] = [];
  const aboutSomethingElse = describesSomethingElse(words, vocabulary);
  const lexicon = englishLexicon();
  for (const { name, values } of ofKind(vocabulary, kind)) {
    const mentions = mergeSameSpan(
      termsOf(words, values).filter(({ start, length }) => !categorySpans.some(([s, e]) => start >= s && start + length <= e) && !aboutSomethingElse(start, length)),
    );
    // A longer mention covering a shorter one wins ("sage green" over "green").
    const kept = mentions.filter((m) => !mentions.some((o) => o !== m && o.length > m.length && o.start <= m.start && o.start + o.length >= m.start + m.length));
    // A negation reaches along a list: "no wool, leather or down", "not grey or black".
    let previous: { end: number; negated: boolean } | undefined;
    for (const mention of [...kept].sort((a, b) => a.start - b.start)) {
      const gap = previous ? words.slice(previous.end, mention.start) : [];
      const listed = previous?.negated === true && gap.length <= 2 && gap.every((word) => LIST_WORDS.has(word));
      // Or a list whose first item the shop has no value for: "no suede or leather". Not an item
      // the shopper wants only: "not polyester, cotton only".
      const only = words[mention.start + mention.length] === 'only';
      const negated = !only && (listed || isNegatedInList(words, mention.start, (word) => lexicon.isNoun(word)));
      previous = { end: mention.start + mention.length, negated };
      const key = negated ? 'excludedAttributes' : 'attributes';
      const target = (filters[key] ??= {});
      // An imitation is neither ruled out with the real thing nor asked for with it: "a leather
      // bag" is leather, when the shop has any; a bag "that matches" is no vegan-leather one.
      const real = mention.accepted.filter((value) => !mention.imitations?.includes(value));
      const accepted = negated || real.length ? real : mention.accepted;
      target[name] = [...new Set([...(target[name] ?? []), ...accepted])];
      matched.push(words.slice(mention.start, mention.start + mention.length).join(' '));
      if (negated) ruledOut.push(words.slice(mention.start, mention.start + mention.length).join(' '));
    }
  }
  return matched.length ? { filters, matched, shoppingCue: Boolean(filters.attributes), ...(ruledOut.length ? { ruledOut } : {}) } : {};
}

/** Verbs after which a colour or material says how something is or turned out, not what is wanted. */
const STATE_VERBS = new Set(['comes', 'came', 'come', 'turns', 'turned', 'turn', 'looks', 'looked', 'goes', 'went', 'gone']);
/** Words that stand for the product itself after a colour ("a green one", "black pair"). */
const PRODUCT_STAND_INS = new Set(['one', 'ones', 'pair', 'pairs', 'colour', 'color', 'version', 'option', 'options', 'shade', 'thing', 'things', 'stuff', 'for', 'in', 'with']);
/** What a request goes on with that is not a thing: sizes, thanks and hedges ("purple thanks", "oatmeal, medium"). */
const REQUEST_WORDS = new Set(['please', 'pls', 'plz', 'thanks', 'thank', 'thx', 'ta', 'cheers', 'ideally', 'maybe', 'poss', 'lol', 'size', 'small', 'medium', 'large', 'petite', 'tall', 'regular', 'plus', 'a', 'an', 'today', 'tomorrow', 'tonight', 'asap', 'now', 'soon']);

/**
 * Whether a colour or material mention is about something the shop does not sell: the noun right
 * after it has no word in the shop ("green tea", "a wooden floor", "grey skies"), or a verb of
 * state comes before it ("steak always comes out grey"). "Navy wool coat" and "black leather
 * crossbody bag" are about the products.
 */
function describesSomethingElse(words: readonly string[], vocabulary: ShopVocabulary): (start: number, length: number) => boolean {
  const { allWords: known, kindWords } = shopWords(vocabulary);
  const lexicon = englishLexicon();
  // A message that names a kind of product is about it: "leather strap watch", "jacket in black today".
  const namesKind = words.some((word) => kindWords.has(word) || kindWords.has(singularize(word)));
  return (start, length) => {
    const before = words[start - 1] ?? '';
    const after = words[start + length];
    if (namesKind) return false;
    if (STATE_VERBS.has(before) || (before === 'out' && STATE_VERBS.has(words[start - 2] ?? ''))) return true;
    if (after === undefined || PRODUCT_STAND_INS.has(after) || REQUEST_WORDS.has(after) || known.has(after) || known.has(singularize(after))) return false;
    return lexicon.isMostlyNoun(after);
  };
}

/** One mention per span: "blue" found as a catalog value and as a colour word accepts both's values. */
function mergeSameSpan(mentions: Mention[]): Mention[] {
  const bySpan = new Map<string, Mention>();
  for (const mention of mentions) {
    const key = `${mention.start}:${mention.length}`;
    const seen = bySpan.get(key);
    if (seen) {
      seen.accepted = [...new Set([...seen.accepted, ...mention.accepted])];
      if (mention.imitations) seen.imitations = [...new Set([...(seen.imitations ?? []), ...mention.imitations])];
    } else bySpan.set(key, { ...mention });
  }
  return [...bySpan.values()];
}
