/**
 * A question about one product, answered from that product's own data: its price, stock,
 * brand, attributes, the colours and sizes its model comes in (the catalog's other products of
 * the same title and brand), or a sentence of its listing. What the data does not say is
 * answered "I don't know", never guessed.
 *
 *   const asked = readProductQuestion('does it come in black?', understood)  // { about: 'colour', value: 'black' }
 *   answerAbout(product, asked, kb)
 *   // { text: 'Yes, the Velora Aria Running Shoe also comes in black:', known: true, shows: [blackOne], evidence: [...] }
 */
import type { FaqEntry, KnowledgeBase, Product } from '../catalog/index.js';
import { escapeRegExp, lexicalTokens, understand, type QueryUnderstanding, type ShopVocabulary } from '../nlu/index.js';
import { capitalised, formatPrice, joinList } from './product-claims.js';
import { colourOf, sameColour } from './shown-products.js';

export type ProductQuestion =
  /** Singling it out ("the second one", "tell me more about that one"): shown in full. */
  | { about: 'details' }
  | { about: 'price' }
  | { about: 'stock' }
  | { about: 'brand' }
  /** "does it come in black?" (a value), "what colours does it come in?" (none). */
  | { about: 'colour'; value?: string; family?: string[] }
  | { about: 'size'; value?: string }
  /** An attribute by name or by what it measures ("what's it made of": material). */
  | { about: 'attribute'; key: string; words: string[] }
  /** Anything else asked of it ("is it waterproof?"): its listing is searched for these words. */
  | { about: 'feature'; words: string[] };

/** Where an answer's claim comes from in the product's data: the field and the value said. */
export interface Evidence {
  productId: string;
  field: string;
  value: string;
}

export interface ProductAnswer {
  /** The question as answered: an attribute the product lacks is searched for in its listing, as a feature. */
  asked: ProductQuestion;
  text: string;
  /** False when the data does not say: the text then says "I don't know". */
  known: boolean;
  /** Products shown with the answer: the product itself, or its variants in the colour asked. */
  shows: Product[];
  evidence: Evidence[];
}

/** Words of the question's frame, not of what it asks: "can you tell me if it is ...", "what about the ...". */
const FRAME = new Set(lexicalTokens(
  'what whats about tell me more know show see let look info information details detail pic picture photo ok okay so then hmm oh cool nice yeah yes actually really please pls plz thx thanks one ones item product option pair u ya wondering wonder curious quick question like give could would say check good decent suitable great fine well abt lemme gimme tho though still fun cute lovely interesting amazing perfect n r ur and many much come comes go goes work works use put talk talking hows whats',
));

/** Words a question about an attribute may use besides its own: "how long does the battery last", "what's it rated to". */
const ATTRIBUTE_FRAME = new Set(lexicalTokens('how long last lasts life charge hours hour rated rate rating to down big much heavy weigh is it they hold do does exactly roughly approx approximately hows whats men women man woman guys girls ladies male female or'));

/** What an attribute measures, in shoppers' words: the attribute it is asked by. */
const ATTRIBUTE_QUESTIONS: [RegExp, string[]][] = [
  [/\b(?:made (?:of|from|out of)|material|fabric|what(?:'s| is)? it made|mad of|what wood|what metal)\b/, ['material', 'fabric']],
  [/\b(?:how heavy|weigh|weighs|weight|heavy is)\b/, ['weight']],
  [/\b(?:how big|how much (?:does it|will it|can it) (?:hold|fit|take)|hold|holds|capacity|litres?|liters?|volume|ml|millilitres?|milliliters?|oz|ounces?)\b/, ['capacity', 'volume', 'size']],
  [/\b(?:battery|batteries|charge lasts?|last on a charge|playtime|runtime)\b/, ['battery', 'battery life']],
  [/\b(?:how warm|warmth|warm is)\b/, ['warmth']],
  [/\b(?:what age|how old|ages?|age range|years? old)\b/, ['age']],
  [/\b(?:temperature|temp|degrees|comfort rating|how cold|rated (?:to|down to|for) -?\d*)\b/, ['temperature']],
  [/\b(?:rating|rated|reviews?|stars?|any good)\b/, ['rating']],
  [/\b(?:smell|smells|scent|scented|fragrance|flavou?rs?|taste)\b/, ['scent', 'fragrance', 'flavour', 'flavor']],
  [/\b(?:how thick|thickness|thick is)\b/, ['thickness']],
  [/\b(?:how many pieces|pieces)\b/, ['pieces']],
  [/\b(?:men or women|women or men|mens or womens|womens or mens|unisex|for (?:men|women|guys|girls|ladies|a man|a woman)|gender|male or female)\b/, ['gender']],
  [/\b(?:seasons?|[34][ -]season)\b/, ['season']],
  [/\b(?:what sizes?|which sizes?|sizes|size range|sizes? (?:does|do) it come)\b/, ['sizes', 'size']],
];

const PRICE = /\b(?:how much|price|prices|priced|cost|costs|how expensive|how pricey)\b/;
const PRICE_WORDS = new Set(lexicalTokens('how much price prices priced cost costs expensive pricey is it'));
const STOCK = /\b(?:in stock|stock|available|availability|sold out|any left|left in|(?:get|buy|order|have)(?: it| them| one)? (?:now|today|right away))\b/;
const STOCK_WORDS = new Set(lexicalTokens('in stock available availability sold out any left have do you still can i buy get order now today right'));
const BRAND = /\b(?:who makes|who made|who make|brand|made by)\b/;
const OFFERED = /\b(?:come|comes|coming|available|avail|have|got|get|make|makes|sell|do|does|there|any|offer|in)\b/;
const COLOURS_LISTED = /\b(?:what|which|other|any other|more) colou?rs?\b|\bcolou?rs? (?:does|do|is|are|can)\b|\bcolou?r options\b/;

/** A size said after "in", "in a" or "size": "in a 9", "size 7.5", "in a L". */
const SIZE_SAID = /\b(?:in|size|a)\s+(?:a\s+|size\s+)?(\d{1,2}(?:\.5)?|xxs|xs|s|m|l|xl|xxl|xxxl|[23]xl)\b/i;
const VALUE_FRAME = new Set(lexicalTokens('in a an size colour color and or the'));

/** "In king", "in a queen": a size the shop's size attributes have, said after "in". */
function sizeValueAfterIn(text: string, vocabulary: ShopVocabulary): string | undefined {
  const word = text.match(/\bin\s+(?:an?\s+)?([a-z0-9.]+)\b/)?.[1];
  if (!word) return undefined;
  for (const attribute of vocabulary.attributes ?? []) {
    if (attribute.kind !== 'size') continue;
    const value = attribute.values.find((candidate) => candidate.toLowerCase() === word);
    if (value) return value;
  }
  return undefined;
}

/** A size said alone: "xl?", "and a 9?". */
const SIZE_ALONE = /^\s*(?:and\s+)?(?:in\s+)?(?:an?\s+)?(?:size\s+)?(xxs|xs|s|m|l|xl|xxl|xxxl|[23]xl|\d{1,2}(?:\.5)?)\s*\??\s*$/i;

/** Nothing but the value, a question by itself: "xl?", "and in a size 8?", "black?". */
function onlyTheValue(text: string, value: string): boolean {
  const valueTokens = new Set(lexicalTokens(value));
  const sizeWords = lexicalTokens(text).filter((token) => !FRAME.has(token) && !VALUE_FRAME.has(token));
  return sizeWords.length > 0 && sizeWords.every((token) => valueTokens.has(token) || token === value.toLowerCase());
}

/** What the message asks of a product, with the reference to it already taken out. Undefined when it asks nothing of one. */
export function readProductQuestion(message: string, understood: QueryUnderstanding, vocabulary: ShopVocabulary): ProductQuestion | undefined {
  const text = message.toLowerCase().replace(/[’‘]/g, "'");
  const colours = understood.filters.attributes?.colour;
  if (colours?.length) {
    // The colour as said ("blue"), though the shop makes only its family (navy, teal).
    const said = colours.find((colour) => new RegExp(`\\b${escapeRegExp(colour)}\\b`).test(text)) ?? understood.matched.find((span) => understand(span, vocabulary).filters.attributes?.colour?.length)?.toLowerCase() ?? colours[0]!;
    if (OFFERED.test(text) || onlyTheValue(text, said)) return { about: 'colour', value: said, family: colours };
  }
  if (COLOURS_LISTED.test(text)) return { about: 'colour' };
  const size = understood.filters.attributes?.sizes?.[0] ?? understood.filters.attributes?.size?.[0] ?? (text.match(SIZE_SAID) ?? text.match(SIZE_ALONE))?.[1]?.toUpperCase() ?? sizeValueAfterIn(text, vocabulary);
  if (size && (OFFERED.test(text) || onlyTheValue(text, size))) return { about: 'size', value: size };
  const content = lexicalTokens(text).filter((token) => !FRAME.has(token));
  if (PRICE.test(text) && content.every((token) => PRICE_WORDS.has(token))) return { about: 'price' };
  if (STOCK.test(text) && content.every((token) => STOCK_WORDS.has(token))) return { about: 'stock' };
  if (BRAND.test(text)) return { about: 'brand' };
  for (const [pattern, keys] of ATTRIBUTE_QUESTIONS) {
    if (!pattern.test(text)) continue;
    // Words beyond the attribute's own ask something else of it: "what's the strap made of" is not
    // the watch's material, "what temp can i wash it at" not its temperature rating. Its listing is searched instead.
    const beyond = lexicalTokens(text.replace(pattern, ' ')).filter((token) => !FRAME.has(token) && !ATTRIBUTE_FRAME.has(token));
    if (beyond.length) return { about: 'feature', words: content };
    return { about: 'attribute', key: keys[0]!, words: [] };
  }
  if (content.length === 0) return { about: 'details' };
  return { about: 'feature', words: content };
}

/**
 * A question for the shop's help pages rather than its product listings: "can i return it?", "how
 * long will it take to get here?" ("return", "take" are help-page words), not "is it waterproof?"
 * or "can it go in the dishwasher?". Each word's lean is how much more often FAQ entries use it
 * than products do (as a log ratio of shares); the question leans to the help pages when its most
 * help-page word leans further than its most product word does the other way.
 */
export function leansToHelpPages(words: readonly string[], kb: KnowledgeBase): boolean {
  const shares = wordSharesOf(kb);
  const lean = (word: string) => Math.log(((shares.faq.get(word) ?? 0) + 0.5) / (shares.faqCount + 1)) - Math.log(((shares.products.get(word) ?? 0) + 0.5) / (shares.productCount + 1));
  // A word of one or two help pages says little ("gps" is in the warranty entry): a help-page word is one several use.
  const helpWords = words.filter((word) => (shares.faq.get(word) ?? 0) >= HELP_WORD_ENTRIES).map(lean).filter((value) => value > Math.log(2));
  if (helpWords.length === 0) return false;
  return Math.max(...helpWords) > -Math.min(0, ...words.map(lean));
}

/** FAQ entries that must use a word for it to be a help-page word. */
const HELP_WORD_ENTRIES = 2;

interface WordShares {
  faq: Map<string, number>;
  products: Map<string, number>;
  faqCount: number;
  productCount: number;
}

const wordShareIndexes = new WeakMap<KnowledgeBase, WordShares>();

/** How many FAQ entries and how many products use each word: counted once per knowledge base (bot/warm-up.ts asks early). */
export function wordSharesOf(kb: KnowledgeBase): WordShares {
  let shares = wordShareIndexes.get(kb);
  if (shares) return shares;
  const count = (texts: Iterable<string>) => {
    const counts = new Map<string, number>();
    let n = 0;
    for (const text of texts) {
      n++;
      for (const token of new Set(lexicalTokens(text))) counts.set(token, (counts.get(token) ?? 0) + 1);
    }
    return { counts, n };
  };
  const faq = count(kb.faqEntries().map((entry) => `${entry.questions.join(' ')} ${entry.answer}`));
  const products = count(kb.products().map((product) => [product.title, product.description ?? '', ...Object.values(product.attributes ?? {})].join(' ')));
  shares = { faq: faq.counts, products: products.counts, faqCount: Math.max(1, faq.n), productCount: Math.max(1, products.n) };
  wordShareIndexes.set(kb, shares);
  return shares;
}

/** The FAQ entry's answer says every word asked ("is there a warranty on it?": the warranty entry), not only its phrasings. */
export function answerSays(entry: FaqEntry, words: readonly string[]): boolean {
  const said = new Set(lexicalTokens(entry.answer));
  return words.length > 0 && words.every((word) => said.has(word));
}

/** The product's name as an answer says it: its title, and its colour where the catalog has the same title in others. */
export function nameOf(product: Product, kb: KnowledgeBase): string {
  const colour = colourOf(product);
  return colour && variantsOf(product, kb).length > 1 ? `the ${product.title} in ${colour}` : `the ${product.title}`;
}

export function answerAbout(product: Product, question: ProductQuestion, kb: KnowledgeBase): ProductAnswer {
  // No such attribute: its listing may still say ("does the 2nd have temperature control").
  const asked: ProductQuestion = question.about === 'attribute' && !attributeOf(product, question.key) && question.words.length ? { about: 'feature', words: question.words } : question;
  return { asked, ...answerFromData(product, asked, kb) };
}

function answerFromData(product: Product, asked: ProductQuestion, kb: KnowledgeBase): Omit<ProductAnswer, 'asked'> {
  const name = nameOf(product, kb);
  const Name = capitalised(name);
  const claim = (field: string, value: string): Evidence => ({ productId: product.id, field, value });
  const unknown = (what: string): Omit<ProductAnswer, 'asked'> => ({
    text: `I don't know ${what}: the details we have for ${name} don't say. A person from our team can check for you.`,
    known: false,
    shows: [product],
    evidence: [],
  });
  switch (asked.about) {
    case 'details':
      return { text: `Here's ${name}:`, known: true, shows: [product], evidence: [] };
    case 'price': {
      const price = formatPrice(product);
      if (!price) return unknown('its price');
      return { text: `We sell ${name} for ${price}.`, known: true, shows: [product], evidence: [claim('price', String(product.price))] };
    }
    case 'stock':
      if (product.inStock === undefined) return unknown('whether it is in stock');
      return product.inStock
        ? { text: `Yes, we have ${name} in stock.`, known: true, shows: [product], evidence: [claim('inStock', 'true')] }
        : { text: `We're out of ${name} at the moment.`, known: true, shows: [product], evidence: [claim('inStock', 'false')] };
    case 'brand':
      if (!product.brand) return unknown('who makes it');
      return { text: `${product.brand} makes ${name}.`, known: true, shows: [product], evidence: [claim('brand', product.brand)] };
    case 'colour':
      return colourAnswer(product, asked, kb) ?? unknown(asked.value ? `whether it comes in ${asked.value}` : 'what colours it comes in');
    case 'size':
      return sizeAnswer(product, asked.value, kb, name) ?? unknown(asked.value ? `whether it comes in size ${asked.value}` : 'what sizes it comes in');
    case 'attribute': {
      const found = attributeOf(product, asked.key);
      if (!found) return unknown(ATTRIBUTE_UNKNOWN[asked.key] ?? `its ${asked.key}`);
      const [key, value] = found;
      return { text: `${Name}: ${attributePhrase(key, value)}.`, known: true, shows: [product], evidence: [claim(`attributes.${key}`, value)] };
    }
    case 'feature': {
      const said = listingSaying(product, asked.words, kb);
      if (!said) return { ...unknown('that'), text: `I don't know: I couldn't find that in the details we have for ${name}. A person from our team can check for you.` };
      return { text: said.field === 'title' ? `Its name says so: “${said.value}”` : `The listing for ${name} says: “${said.value}”`, known: true, shows: [product], evidence: [claim(said.field, said.value)] };
    }
  }
}

const ATTRIBUTE_UNKNOWN: Record<string, string> = {
  material: "what it's made of",
  weight: 'how much it weighs',
  capacity: 'how much it holds',
  battery: 'how long its battery lasts',
  warmth: 'how warm it is',
  age: 'what age it is for',
  rating: 'how it is rated',
  scent: 'what it smells like',
  gender: "whether it's cut for men or women",
  sizes: 'what sizes it comes in',
};

/** The attribute asked by its key or a synonym of it ("fabric" for material), as the product names it. */
function attributeOf(product: Product, key: string): [string, string] | undefined {
  const synonyms = ATTRIBUTE_QUESTIONS.find(([, keys]) => keys[0] === key)?.[1] ?? [key];
  const entries = Object.entries(product.attributes ?? {}).filter(([, value]) => value.trim() !== '');
  for (const synonym of synonyms) {
    const entry = entries.find(([name]) => name.toLowerCase() === synonym);
    if (entry) return entry;
  }
  return undefined;
}

/** An attribute as a spec line says it, with no verb to agree with the name ("jeans" or "jacket"): "made of merino", "battery life 7 days". */
function attributePhrase(key: string, value: string): string {
  switch (key.toLowerCase()) {
    case 'material':
    case 'fabric':
      return `made of ${value}`;
    case 'capacity':
    case 'volume':
      return `holds ${value}`;
    case 'battery':
    case 'battery life':
      return `battery life ${value}`;
    case 'age':
      return `for ages ${value}`;
    case 'rating':
      return `rated ${value}`;
    case 'gender':
      return `listed as ${value}`;
    case 'sizes':
      return `sizes ${value}`;
    case 'warmth':
      return `warmth “${value}”`;
    case 'thickness':
      return `${value} thick`;
    case 'temperature':
      return `temperature rating ${value}`;
    case 'pieces':
      return `${value} pieces`;
    case 'scent':
      return value.toLowerCase() === 'unscented' ? 'unscented' : `scent ${value}`;
    default:
      return `${key.toLowerCase()} ${value}`;
  }
}

/** The other products of its model: the same title by the same brand, itself included. */
const variantIndexes = new WeakMap<KnowledgeBase, Map<string, Product[]>>();

export function variantsOf(product: Product, kb: KnowledgeBase): Product[] {
  let index = variantIndexes.get(kb);
  if (!index) {
    index = new Map();
    for (const item of kb.products()) {
      const key = modelKey(item);
      const list = index.get(key);
      if (list) list.push(item);
      else index.set(key, [item]);
    }
    variantIndexes.set(kb, index);
  }
  return index.get(modelKey(product)) ?? [product];
}

/** Two products of one model: the same title by the same brand (colours, sizes of it). */
export function sameModel(a: Product, b: Product): boolean {
  return modelKey(a) === modelKey(b);
}

/** What one model's colours and sizes share: the brand and the title. */
export const modelKey = (product: Product): string => `${product.brand ?? ''}\u0000${product.title.toLowerCase()}`;

/**
 * Which colours its model comes in, and whether the one asked is among them. "We have" is said only
 * of what is in stock; a colour the catalog lists but has sold out of is said to be out of stock.
 * The colours are said as the catalog spells them.
 */
function colourAnswer(product: Product, asked: Extract<ProductQuestion, { about: 'colour' }>, kb: KnowledgeBase): Omit<ProductAnswer, 'asked'> | undefined {
  const own = colourOf(product);
  const variants = variantsOf(product, kb).filter((variant) => colourOf(variant));
  if (!own && variants.length <= 1) return undefined;
  const title = `the ${product.title}`;
  const evidenceOf = (items: readonly Product[]) => items.map((variant) => ({ productId: variant.id, field: 'attributes.colour', value: colourOf(variant)! }));
  const stockOf = (items: readonly Product[]) => items.map((variant) => ({ productId: variant.id, field: 'inStock', value: String(variant.inStock === true) }));
  if (!asked.value) {
    return { text: `${capitalised(inStockSaying(title, variants, colourOf))}.`, known: true, shows: variants.length > 1 ? variants.slice(0, 6) : [product], evidence: [...evidenceOf(variants), ...stockOf(variants)] };
  }
  if (sameColour(own, asked.value)) {
    return { text: `Yes, this one is ${own}.${product.inStock === false ? " It's out of stock at the moment." : ''}`, known: true, shows: [product], evidence: [...evidenceOf([product]), ...stockOf([product])] };
  }
  const exact = variants.filter((variant) => sameColour(colourOf(variant), asked.value));
  if (exact.length) {
    const colour = colourOf(exact[0]!)!;
    const text = exact.some((variant) => variant.inStock === true) ? `Yes, we have ${title} in ${colour} too:` : `We list ${title} in ${colour} too, but it's out of stock at the moment:`;
    return { text, known: true, shows: exact, evidence: [...evidenceOf(exact), ...stockOf(exact)] };
  }
  // "Blue" asked, navy and teal listed: near, and said to be only that.
  const near = variants.filter((variant) => (asked.family ?? []).some((colour) => sameColour(colour, colourOf(variant))));
  if (near.length) {
    return { text: `Not in ${asked.value} as such. ${capitalised(inStockSaying(title, near, colourOf))}:`, known: true, shows: near.slice(0, 6), evidence: [...evidenceOf(near), ...stockOf(near)] };
  }
  const colours = [...new Set(variants.map((variant) => colourOf(variant)!))];
  return { text: `No, we list ${title} in ${joinList(colours)} only.`, known: true, shows: [product], evidence: evidenceOf(variants) };
}

/**
 * "we have the X in black and navy", "... (red is out of stock)", or "we list the X in red, but it's
 * out of stock at the moment": what is in stock said apart from what is not.
 */
function inStockSaying(title: string, variants: readonly Product[], valueOf: (product: Product) => string | undefined): string {
  const values = (items: readonly Product[]) => [...new Set(items.map((item) => valueOf(item)!))];
  const inStock = values(variants.filter((variant) => variant.inStock === true));
  const out = values(variants.filter((variant) => variant.inStock !== true)).filter((value) => !inStock.includes(value));
  if (inStock.length === 0) return `we list ${title} in ${joinList(out)}, but ${out.length > 1 ? 'they are' : "it's"} out of stock at the moment`;
  const missing = out.length ? ` (${joinList(out)} ${out.length > 1 ? 'are' : 'is'} out of stock)` : '';
  return `we have ${title} in ${joinList(inStock)}${missing}`;
}

/**
 * Whether it comes in the size asked: from its own list of sizes (a product in stock is in stock in
 * each, as far as the catalog says), or from the one size each product of its model is.
 */
function sizeAnswer(product: Product, value: string | undefined, kb: KnowledgeBase, name: string): Omit<ProductAnswer, 'asked'> | undefined {
  // A list of sizes ("7, 8, 9"), not the one size this product is ("Queen").
  const listedSizes = Object.entries(product.attributes ?? {}).find(([key, sizes]) => key.toLowerCase() === 'sizes' && sizes.trim() !== '');
  const soldOut = product.inStock === false ? ", but it's out of stock at the moment" : '';
  const stock = { productId: product.id, field: 'inStock', value: String(product.inStock === true) };
  if (listedSizes) {
    const sizes = listedSizes[1].split(/\s*[,/|]\s*/).filter(Boolean);
    const evidence = [{ productId: product.id, field: `attributes.${listedSizes[0]}`, value: listedSizes[1] }, stock];
    if (!value) return { text: `We list ${name} in sizes ${joinList(sizes)}${soldOut}.`, known: true, shows: [product], evidence };
    const has = sizes.find((size) => size.toLowerCase() === value.toLowerCase());
    return has
      ? { text: product.inStock === true ? `Yes, we have ${name} in size ${has}.` : `We list ${name} in size ${has}${soldOut || ', but I don\'t know whether it is in stock'}.`, known: true, shows: [product], evidence }
      : { text: `No, we list ${name} in sizes ${joinList(sizes)} only.`, known: true, shows: [product], evidence };
  }
  // One size per product: the model's other products are its other sizes.
  const variants = variantsOf(product, kb).filter((variant) => attributeOf(variant, 'size'));
  if (variants.length === 0) return undefined;
  const sizeOf = (variant: Product) => attributeOf(variant, 'size')?.[1];
  const evidence = [
    ...variants.map((variant) => ({ productId: variant.id, field: 'attributes.size', value: sizeOf(variant)! })),
    ...variants.map((variant) => ({ productId: variant.id, field: 'inStock', value: String(variant.inStock === true) })),
  ];
  const title = `the ${product.title}`;
  if (!value) return { text: `${capitalised(inStockSaying(title, variants, sizeOf))}.`, known: true, shows: [product], evidence };
  const matching = variants.filter((variant) => sizeOf(variant)!.toLowerCase() === value.toLowerCase());
  if (matching.length === 0) return { text: `No, we list ${title} in ${joinList([...new Set(variants.map((variant) => sizeOf(variant)!))])} only.`, known: true, shows: [product], evidence };
  const size = sizeOf(matching[0]!)!;
  return matching.some((variant) => variant.inStock === true)
    ? { text: `Yes, we have ${title} in ${size}:`, known: true, shows: matching, evidence }
    : { text: `We list ${title} in ${size}, but it's out of stock at the moment:`, known: true, shows: matching, evidence };
}

/**
 * The sentence of its listing (name, description, attributes) that holds every word asked, as
 * written there: "is it waterproof?" finds "A waterproof, breathable shell keeps out the rain."
 */
function listingSaying(product: Product, words: readonly string[], kb: KnowledgeBase): { field: string; value: string } | undefined {
  // A word no product uses ("macbook" in "will my 16 inch macbook fit in it") cannot be in this one's listing either.
  const shares = wordSharesOf(kb);
  const sought = words.filter((word) => shares.products.has(word));
  // What is left must still say what was asked: not a lone number ("2" of "is it a 2 man"), nor a fraction of the question.
  if (!sought.some((word) => /[a-z]{3}/.test(word)) || sought.length * 2 < words.length) return undefined;
  const sentences: { field: string; value: string }[] = [
    { field: 'title', value: product.title },
    ...(product.description ?? '').split(/(?<=[.!?])\s+/).filter(Boolean).map((value) => ({ field: 'description', value })),
    ...Object.entries(product.attributes ?? {}).map(([key, value]) => ({ field: `attributes.${key}`, value: `${key}: ${value}` })),
  ];
  return sentences.find((sentence) => {
    const tokens = new Set(lexicalTokens(sentence.value));
    return sought.every((word) => tokens.has(word));
  });
}

