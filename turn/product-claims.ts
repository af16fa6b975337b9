/**
 * Everything a product reply says, built only from what is provable: the opening line
 * from what the search did (counts, dropped constraints, steering), each product's reason
 * from the product's own attributes that the shopper asked for, and the suggestion
 * buttons from catalog values, each checked to lead to at least one product.
 *
 *   opening(found, stated, kb) // 'I found 14 sleeping bags that match. Here are 6 of them:'
 *   reasonFor(hit, found, kb, vocabulary, 'green jacket under 80') // 'colour: green · $74.99, under $80'
 *   refinements(found, understanding, kb, vocabulary) // ['sleeping bags under $50', 'Trailforge sleeping bags', ...]
 */
import type { KnowledgeBase, Product, ProductFilters, ProductHit } from '../catalog/index.js';
import { categoryNameParts, splitAttributeValue } from '../catalog/index.js';
import { englishLexicon, singularize, stem, tokenizeWords, understand, type QueryUnderstanding, type ShopVocabulary } from '../nlu/index.js';
import type { ProductResult } from './shopping.js';
import { attributeNames, type ConstraintKind } from './relaxation.js';

const MAX_SUGGESTIONS = 4;

/**
 * What the shown products are, in words: "sleeping bags", "products in Toys & Games" (a
 * category's name is no plural noun: "42 Outdoor & Camping" is no English), or undefined for a
 * mixed list.
 */
export function listNoun(filters: ProductFilters, kb: KnowledgeBase): string | undefined {
  if (filters.types?.length === 1) return pluralOf(filters.types[0]!, kb);
  // "12 down jackets and insulated jackets": a few types are named, not the category they are in.
  if (filters.types && filters.types.length > 1 && filters.types.length <= 3) return joinList(filters.types.map((type) => pluralOf(type, kb)));
  if (!filters.category) return undefined;
  // Mid-sentence, a category that names plurals reads as words ("80 running shoes"); any other stays a name.
  return namesPlurals(filters.category) ? filters.category.toLowerCase() : `products in ${filters.category}`;
}

/** "Running Shoes", "Jackets & Coats": every part ends in a plural noun ("Headphones & Audio" does not). */
function namesPlurals(category: string): boolean {
  return categoryNameParts(category).every((part) => {
    const last = part.trim().split(/\s+/).at(-1)!.toLowerCase();
    const singular = singularize(last);
    return singular !== last && englishLexicon().isNoun(singular);
  });
}

/** "a, b and c" (or "a, b or c"). */
export function joinList(items: readonly string[], conjunction: 'and' | 'or' = 'and'): string {
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}` : (items[0] ?? '');
}

/** The text with its first letter upper case: a sentence that starts with a name or a count. */
export function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The types by their plurals, "tote bags, table lamps or scented candles"; past three, "card games, lip balm sets, water bottles or 3 other kinds". */
function kindsNoun(types: readonly string[], kb: KnowledgeBase): string | undefined {
  if (types.length === 0) return undefined;
  const plurals = types.map((type) => pluralOf(type, kb));
  if (plurals.length > 3) return joinList([...plurals.slice(0, 3), `${plurals.length - 3} other kind${plurals.length - 3 === 1 ? '' : 's'}`], 'or');
  return joinList(plurals, 'or');
}

/** How a list of one type is named: "sleeping bags", "chef's knives". */
export function pluralOf(type: string, kb: KnowledgeBase): string {
  return kb.productTypes.types.find((t) => t.name === type)?.plural ?? type;
}

/** The types of the shown products, in order of first appearance. */
function shownTypes(found: ProductResult, kb: KnowledgeBase): string[] {
  return [...new Set(found.hits.map((hit) => kb.typeOf(hit.product)).filter((t): t is string => t !== undefined))];
}

/** "under $80", "over $20", "between $20 and $40". */
export function priceRange(filters: ProductFilters, currency = 'USD'): string | undefined {
  const { minPrice, maxPrice } = filters;
  if (minPrice !== undefined && maxPrice !== undefined) return `between ${money(minPrice, currency)} and ${money(maxPrice, currency)}`;
  if (maxPrice !== undefined) return `under ${money(maxPrice, currency)}`;
  if (minPrice !== undefined) return `over ${money(minPrice, currency)}`;
  return undefined;
}

/** "$80", "£34.99": the catalog's currency sign (the code where it has none of its own), whole amounts without pence. */
export function money(value: number, currency: string): string {
  return `${currencySign(currency)}${Number.isInteger(value) ? value : value.toFixed(2)}`;
}

const signs = new Map<string, string>();

export function currencySign(currency: string): string {
  let sign = signs.get(currency);
  if (sign === undefined) {
    const part = new Intl.NumberFormat('en-US', { style: 'currency', currency }).formatToParts(0).find((p) => p.type === 'currency')?.value;
    sign = part && !/^[A-Z]{3}$/.test(part) ? part : `${currency} `;
    signs.set(currency, sign);
  }
  return sign;
}

/** Currencies shoppers name by sign or word. */
const SAID_CURRENCIES: [RegExp, string][] = [
  [/£|\bquid\b|\bpounds?\b|\bgbp\b/i, 'GBP'],
  [/€|\beuros?\b|\beur\b/i, 'EUR'],
  [/\baud\b|\bau\$|\baussie dollars?\b/i, 'AUD'],
  [/\bcad\b|\bc\$|\bcanadian dollars?\b/i, 'CAD'],
  [/\bnzd\b|\bnz\$/i, 'NZD'],
  [/\$|\bdollars?\b|\bbucks\b|\busd\b/i, 'USD'],
];

/**
 * "Our prices are in USD ($)." when the shopper gave a budget in another currency ("£30", "20
 * quid"): the amount is read as the catalog's, and the reply's "under $30" must not pass for a conversion.
 */
export function currencyNote(stated: ProductFilters, matched: readonly string[], kb: KnowledgeBase): string {
  if (stated.minPrice === undefined && stated.maxPrice === undefined) return '';
  const said = SAID_CURRENCIES.find(([pattern]) => matched.some((words) => pattern.test(words)))?.[1];
  const currency = catalogCurrency(kb);
  return said && said !== currency ? `Our prices are in ${currency} (${currencySign(currency).trim()}). ` : '';
}

const catalogCurrencies = new WeakMap<KnowledgeBase, string>();

/** The currency most of the catalog's prices are in; USD when none is given. */
export function catalogCurrency(kb: KnowledgeBase): string {
  let currency = catalogCurrencies.get(kb);
  if (!currency) {
    const counts = new Map<string, number>();
    for (const product of kb.products()) if (product.currency) counts.set(product.currency, (counts.get(product.currency) ?? 0) + 1);
    currency = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'USD';
    catalogCurrencies.set(kb, currency);
  }
  return currency;
}

const DROPPED_PHRASE: Record<ConstraintKind, string> = {
  price: 'at other prices',
  colour: 'in other colours',
  material: 'in other materials',
  scent: 'with other scents',
  size: 'in other sizes',
  capacity: 'of other capacities',
  weight: 'of other weights',
  temperature: 'for other temperatures',
  gender: 'in other fits',
  age: 'for other ages',
  brand: 'from other brands',
  rating: 'with lower ratings',
};

/** "No tents in that colour", "no moisturisers with that scent". */
const THAT_ONE: Record<ConstraintKind, string> = {
  price: 'in that price range', colour: 'in that colour', material: 'in that material', scent: 'with that scent', size: 'in that size', capacity: 'of that capacity', weight: 'of that weight', temperature: 'for that temperature', gender: 'in that fit', age: 'for that age', brand: 'from that brand', rating: 'with that rating',
};

const CONSTRAINT_NAME: Record<ConstraintKind, string> = {
  price: 'price range', colour: 'colour', material: 'material', scent: 'scent', size: 'size', capacity: 'capacity', weight: 'weight', temperature: 'temperature', gender: 'fit', age: 'age', brand: 'brand', rating: 'rating',
};

/**
 * The reply's first line: what was found, said only as far as the search shows it.
 * `wholeRequestRead`: every content word of the request was read into a filter. When some
 * were not ("a 2 person tent", "headphones with noise cancelling"), the products meeting the
 * filters are not all products meeting the request: the opening counts nothing and says the
 * list is the closest first.
 */
export function opening(found: ProductResult, stated: ProductFilters, kb: KnowledgeBase, wholeRequestRead = true, kindNamed?: string): string {
  // Several types that are one kind the shopper named ("dresses") are named as that kind, not as
  // the category they are part of: "No dresses & skirts under $30" would be untrue of a $29.99 skirt.
  const noun = kindNamed && (found.filters.types?.length ?? 0) > 1 ? kindNamed : listNoun(found.filters, kb);
  const shown = found.hits.length;
  if (found.dropped.length > 0) {
    // Several types searched: "No products under $15" would say the whole shop has none, "No
    // jackets & coats in black" the whole category.
    const types = found.filters.types ?? [];
    const what = (kindNamed && types.length > 1 ? kindNamed : types.length > 1 ? kindsNoun(types, kb) : noun) ?? 'products';
    const range = found.dropped.includes('price') ? priceRange(stated, catalogCurrency(kb)) : undefined;
    // "No rain jackets in that colour" would be untrue when a black one exists above the price
    // asked: with other constraints stated too, say that no product meets them all, unless none of
    // the kinds searched is in the price range at all ("No lip balm sets or card games under $10",
    // asked for a niece: the price alone rules them out, whoever they are for).
    const priceAlone = found.dropped.length === 1 && found.dropped[0] === 'price' && range !== undefined && noneInPriceRange(found.filters, stated, kb);
    const missing = found.dropped.length === 1 && (found.stated.length === 1 || priceAlone)
      ? `No ${what} ${range ?? THAT_ONE[found.dropped[0]!]}.`
      : `No ${what} match all of that (${found.stated.map((k) => CONSTRAINT_NAME[k]).join(', ')}).`;
    // Said only when it is the order shown: "top rated backpacks under $100" are shown best rated first.
    const order = found.dropped.includes('price') && stated.maxPrice !== undefined && found.order === 'price-asc' ? ', lowest price first' : '';
    return `${missing} Here are the closest ones, ${found.dropped.map((k) => DROPPED_PHRASE[k]).join(' and ')}${order}:`;
  }
  if (found.steering) {
    const kinds = shownTypes(found, kb).map((t) => pluralOf(t, kb));
    const list = kinds.length ? joinList(kinds) : 'these';
    if (found.steering.reason === 'gift') {
      const wellRated = found.hits.every((hit) => Number(hit.product.attributes?.rating) >= 4);
      const range = priceRange(found.filters, catalogCurrency(kb));
      return `${wellRated ? 'Well-rated gift' : 'Gift'} ideas${range ? ` ${range}` : ''}: ${list}.`;
    }
    // A brand asked for and nothing else described: what it makes, not what "could help".
    const brand = oneBrand(found.filters);
    if (wholeRequestRead && brand) return `Some of what we have from ${brand}: ${list}.`;
    return `These could help: ${list}.`;
  }
  if (!noun) return 'These are the closest products to what you asked:';
  // A category named by one part of its name ("hoodie" for Knitwear & Hoodies, "jeans" for Jeans &
  // Trousers) is wider than the word: its count would include sweaters and joggers.
  const widerThanAsked = !found.filters.types?.length && categoryNameParts(found.filters.category ?? '').length > 1;
  // Unless every product shown is of the part named: "black hoodies" shows 6 hoodies, all black.
  const part = widerThanAsked && wholeRequestRead ? partEveryHitIs(found, kb) : undefined;
  if (part) return `Here are ${shown} ${part} that match:`;
  if (!wholeRequestRead || widerThanAsked) return found.filters.types?.length === 1 ? `Here are the closest matches among our ${noun}:` : `Here are the closest matches in ${found.filters.category}:`;
  if (found.total <= shown) {
    // Every match is shown: named by the kinds they are, not every kind searched ("the 2 crewneck
    // sweaters", not "the 2 cable-knit sweaters and crewneck sweaters" when no cable-knit one is cashmere).
    const kinds = (found.filters.types?.length ?? 0) > 1 && !kindNamed ? shownTypes(found, kb) : [];
    const matched = kinds.length ? listNoun({ types: kinds }, kb) ?? noun : noun;
    return found.total === 1 ? `Here is the 1 ${kinds.length === 1 ? kinds[0] : singularNoun(found)} that matches:` : `Here are the ${found.total} ${matched} that match:`;
  }
  return `I found ${found.total} ${noun} that match. Here are ${shown} of them:`;
}

/**
 * Whether no product of the kinds searched (less what was ruled out) is in the price range asked,
 * whatever else was asked of it: the wanted attributes, brands and rating are left out.
 */
function noneInPriceRange(searched: ProductFilters, stated: ProductFilters, kb: KnowledgeBase): boolean {
  const { attributes: _attributes, passIfMissing: _passIfMissing, brands: _brands, minRating: _minRating, ...kinds } = searched;
  return kb.countProducts({ ...kinds, minPrice: stated.minPrice, maxPrice: stated.maxPrice }, 1) === 0;
}

/** The brand asked for, its family's lines included ("Harbor & Pine" for it and Harbor & Pine Home); undefined for none or several. */
function oneBrand(filters: ProductFilters): string | undefined {
  const brands = [...(filters.brands ?? [])].sort((a, b) => a.length - b.length);
  const first = brands[0];
  return first !== undefined && brands.every((brand) => brand === first || brand.startsWith(`${first} `)) ? first : undefined;
}

/**
 * The part of the category's name ("hoodies" of Knitwear & Hoodies) that every shown product's
 * type ends with ("pullover hoodie", "zip hoodie"), lower case; undefined when they are mixed.
 */
function partEveryHitIs(found: ProductResult, kb: KnowledgeBase): string | undefined {
  if (found.hits.length === 0) return undefined;
  return categoryNameParts(found.filters.category ?? '')
    .map((part) => part.trim().toLowerCase())
    .find((part) => {
      const head = singularize(part.split(/\s+/).at(-1)!);
      return head !== part && found.hits.every((hit) => singularize(kb.typeOf(hit.product)?.split(/[\s-]+/).at(-1) ?? '') === head);
    });
}

function singularNoun(found: ProductResult): string {
  const types = found.filters.types ?? [];
  if (types.length >= 1 && types.length <= 3) return types.join(' or ');
  // "the 1 product in Headphones & Audio", never "the 1 products in ...".
  return found.filters.category ? `product in ${found.filters.category}` : 'product';
}

/**
 * Why one product is in the list: the values it really has for what the shopper asked
 * (colour, material, size, fit, brand, price, rating), and for a described need or gift
 * the catalog's own words for what its type is for.
 */
export function reasonFor(hit: ProductHit, found: ProductResult, kb: KnowledgeBase, vocabulary: ShopVocabulary, message: string): string {
  const { product } = hit;
  const { filters } = found;
  const parts: string[] = [];
  const type = kb.typeOf(product);
  const steered = found.steering?.types.find((t) => t.type === type);
  if (steered && (steered.evidence.source === 'need' || steered.evidence.source === 'gift') && quotable(steered.evidence.text, message, found.steering!.fitsWell.has(steered.type))) parts.push(`for "${steered.evidence.text}"`);
  for (const kind of ['colour', 'material', 'scent', 'size', 'capacity', 'weight', 'temperature', 'gender', 'age'] as const) {
    for (const name of attributeNames(vocabulary, kind)) {
      const wanted = filters.attributes?.[name];
      const value = product.attributes?.[name];
      if (!wanted?.length || value === undefined) continue;
      const matching = splitAttributeValue(value).filter((item) => wanted.some((w) => w.toLowerCase() === item.toLowerCase()));
      if (matching.length === 0) continue;
      parts.push(kind === 'size' ? `in size ${matching.join(', ')}` : kind === 'gender' ? value : kind === 'age' ? (/^ages?\b/i.test(value) ? value.toLowerCase() : `ages ${value}`) : `${name}: ${value}`);
    }
    for (const name of attributeNames(vocabulary, kind)) {
      const unwanted = filters.excludedAttributes?.[name];
      const value = product.attributes?.[name];
      if (unwanted?.length && value !== undefined && !parts.some((p) => p.startsWith(`${name}:`))) parts.push(`${name}: ${value}`);
    }
  }
  if (filters.brands?.length && product.brand) parts.push(product.brand);
  const currency = catalogCurrency(kb);
  const range = priceRange(filters, currency);
  if (product.price !== undefined && range) parts.push(`${money(product.price, currency)}, ${range}`);
  else if (product.price !== undefined && found.dropped.includes('price')) parts.push(money(product.price, currency));
  const rating = Number(product.attributes?.rating);
  if (Number.isFinite(rating) && (filters.minRating !== undefined || found.steering?.reason === 'gift')) parts.push(`rated ${rating.toFixed(1)}`);
  if (parts.length === 0) return found.steering ? `a ${type ?? 'product'} for what you described` : 'close to what you asked';
  return parts.join(' · ');
}

/**
 * Whether a needs or gift phrase may be quoted as why a type is shown: not one about someone the
 * shopper did not speak of ("present for a couple who just bought their first house", for a
 * colleague's leaving present; "gift for a mum-to-be doing pregnancy yoga", for a wife), nor one
 * with a number the shopper did not say ("secret santa under 10", for a $20 budget). A phrase that
 * claims a taste, and one for a type that fits only loosely (`fitsWell` false: chosen by a budget),
 * is quoted only when the shopper used one of its words.
 */
function quotable(phrase: string, message: string, fitsWell: boolean): boolean {
  const asked = message.toLowerCase();
  const said = new Set(asked.match(/[a-z0-9]+/g) ?? []);
  // "A couple of friends" counts friends; "a couple who just moved in" is two people.
  // "A mum-to-be" is one person, not any mum.
  const words = phrase.toLowerCase().replace(/\bcouple of\b/g, ' ').replace(/\bmums?-to-be\b/g, 'expectant').match(/[a-z0-9]+/g) ?? [];
  if (words.some((word) => (/\d/.test(word) || NUMBER_WORDS.has(word)) && !said.has(word))) return false;
  const saidStems = new Set(contentStems(message));
  if (claimsAboutThePerson(phrase).some((claim) => !usesItsWords(claim, saidStems))) return false;
  if (!fitsWell && !usesItsWords(phrase, saidStems)) return false;
  return PEOPLE.every(({ named, spokenOf }) => !words.some((word) => named.has(word)) || spokenOf.test(asked));
}

/**
 * What a present's phrase says of its person beyond who they are: what they love or are a fan of
 * ("music" in "budget gift for a music lover", "cooking" in "gift for a dad who loves cooking"),
 * what they do or have ("lives in business casual" in "gift for a colleague who lives in business
 * casual", "starting a new job", "with simple taste"). Each is quoted only when the shopper spoke of
 * it: "budget gift for a music lover" is no reason to show headphones to a mother-in-law who is
 * "hard to buy for", nor "gift for a grandad who likes to look smart" to anyone who only said "grandad".
 */
function claimsAboutThePerson(phrase: string): string[] {
  const text = phrase.toLowerCase();
  const claims: string[] = [];
  const who = /\bwho(?:'?s| is| are)?\s+(.+)$/.exec(text) ?? /\b(?:someone|somebody|just got|got) into\s+(.+)$/.exec(text);
  if (who) claims.push(who[1]!);
  // The words before a fan's noun: "a hip hop fan", "a history buff who likes military style".
  const fan = /\b(?:an?|the|for)\s+((?:[a-z-]+\s+){0,2}?[a-z-]+)\s+(?:lovers?|fans?|buffs?|enthusiasts?|fanatics?|addicts?|junkies?|geeks?|nerds?|aficionados?)\b/.exec(text);
  if (fan) claims.push(fan[1]!);
  if (/\b(?:gifts?|presents?)\b/.test(text)) {
    const rest = text.replace(/\s+who\b.*$/, '');
    // "gift for someone with simple taste", "gift for someone starting a new job".
    const detail = /\b(?:someone|somebody|friend|colleague|[a-z]+er)\s+(with\s+.+|[a-z]+ing\b.*)$/.exec(rest);
    if (detail) claims.push(detail[1]!);
  }
  return claims;
}

/** Whether the text has one of the message's content stems ("cook" meets "cooking", "thank you" meets "thank-you gift"). */
function usesItsWords(text: string, saidStems: ReadonlySet<string>): boolean {
  return contentStems(text).some((word) => saidStems.has(word));
}

function contentStems(text: string): string[] {
  return tokenizeWords(text).flatMap((word) => word.split(/['’-]/)).filter((word) => word.length >= 3).map(stem).filter((word) => !FRAME_WORDS.has(word));
}

/** Numbers in words: "turning thirty" is a claim about an age. */
const NUMBER_WORDS = new Set(['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety', 'hundred', '18th', '21st', '30th', '40th', '50th', '60th']);

/** Who a needs or gift phrase may be about, and how a shopper speaks of them (whole words). */
const PEOPLE: { named: ReadonlySet<string>; spokenOf: RegExp }[] = [
  [['toddler', 'toddlers', 'baby', 'babies', 'newborn'], String.raw`toddlers?|bab(?:y|ies)|newborns?|[0-3] ?(?:year|yr)s? olds?|[0-3] ?yo|months? old|(?:turning|turns|aged?) [0-3]`],
  [['expectant', 'pregnancy', 'pregnant'], String.raw`mums?-to-be|expecting|pregnan(?:t|cy)|maternity|bump|due in`],
  [['child', 'children', 'kid', 'kids', 'grandchild', 'grandchildren', 'grandkids', 'godchild'], String.raw`child|children|kids?|toddlers?|bab(?:y|ies)|little ones?|sons?|daughters?|nephews?|nieces?|grand(?:child|children|kids?|sons?|daughters?)|god(?:child|son|daughter)|boys?|girls?|\d+ ?(?:year|yr)s? olds?|\d+ ?yo|(?:turning|turns|aged?) \d+`],
  [['teenager', 'teenagers', 'teen', 'teens', 'teenage'], String.raw`teen(?:ager|age)?s?|1[3-9] ?(?:year|yr)s? olds?|1[3-9] ?yo|(?:turning|turns|aged?|he'?s|she'?s|is) 1[3-9]`],
  [['mum', 'mom', 'mother', 'mums', 'moms', 'mothers'], String.raw`mums?|moms?|mothers?|mummy|mam|parents?|mother'?s day`],
  [['dad', 'father', 'dads', 'fathers'], String.raw`dads?|fathers?|daddy|papa|parents?|father'?s day`],
  [['parents', 'parent'], String.raw`parents?|mums?|moms?|mothers?|dads?|fathers?`],
  [['grandparent', 'grandparents', 'grandma', 'grandad', 'grandpa', 'gran', 'nan', 'granny', 'grandmother', 'grandfather'], String.raw`grand(?:parents?|ma|ad|pa|mother|father|dad)|gran|nan|nana|nanna|granny`],
  [['couple', 'couples', 'newlyweds'], String.raw`couple(?! of)|couples|newlyweds?|wedding|engaged|engagement|married|anniversary|housewarming`],
  [['partner', 'wife', 'husband', 'girlfriend', 'boyfriend'], String.raw`partner|wife|husband|hubby|girlfriend|boyfriend|gf|bf|fianc(?:e|ee|é|ée)|valentines?|valentine's|anniversary`],
  [['colleague', 'colleagues', 'coworker', 'boss'], String.raw`colleagues?|co-?workers?|workmates?|boss|office|at work|leaving|secret santa`],
  [['teacher', 'teachers'], String.raw`teachers?|tutors?|classroom`],
  [['friend', 'friends'], String.raw`friends?|mates?|bestie|bff`],
  [['sister', 'sisters'], String.raw`sisters?|sis|siblings?`],
  [['brother', 'brothers'], String.raw`brothers?|bro|siblings?`],
  [['uncle', 'uncles'], String.raw`uncles?`],
  [['aunt', 'auntie', 'aunts'], String.raw`aunts?|aunties?`],
  [['neighbour', 'neighbor'], String.raw`neighbou?rs?`],
  [['student', 'students'], String.raw`students?|uni|university|college|dorm|halls`],
  [['host', 'hosts'], String.raw`hosts?|hosting|dinner party|housewarming`],
].map(([named, spokenOf]) => ({ named: new Set(named as string[]), spokenOf: new RegExp(String.raw`\b(?:${spokenOf as string})(?![a-z])`, 'i') }));

/** Stems that frame a needs or gift phrase rather than say what it is about: the present, the people (every word PEOPLE names), the linking words. */
const FRAME_WORDS: ReadonlySet<string> = new Set([
  ...['gift', 'present', 'budget', 'birthday', 'christmas', 'little', 'cheap', 'someone', 'somebody', 'love', 'loves', 'lover', 'like', 'likes', 'into', 'with', 'that', 'them', 'their', 'just', 'have', 'from', 'this', 'your', 'what', 'some', 'the', 'and', 'for', 'who', 'whos', 'you', 'our', 'her', 'his', 'has', 'got', 'are', 'was', 'can', 'get', 'family', 'workmate', 'always', 'really', 'very'].map(stem),
  ...PEOPLE.flatMap(({ named }) => [...named].map(stem)),
]);

/**
 * Next steps after a product list, each a message the bot understands and that leads to at
 * least one product: a lower price band, the top brand, another colour, the cheapest; after
 * a described need, each suggested type on its own.
 */
/** The one kind a list is of, as its plural ("running shoes"), when it is of one kind and not steered to several. */
export function oneKindNoun(found: ProductResult, kb: KnowledgeBase): string | undefined {
  if (found.steering) return undefined;
  const { filters } = found;
  const types = shownTypes(found, kb);
  if (!(filters.types?.length === 1) && types.length > 1) return undefined;
  return filters.types?.length === 1 ? pluralOf(filters.types[0]!, kb) : types.length === 1 ? pluralOf(types[0]!, kb) : undefined;
}

/**
 * A list of several kinds, each kind as a request of its own with the same price range: "down
 * jackets under $200", "parkas under $200". Empty when the list is of one kind or steered.
 */
export function kindRequests(found: ProductResult, kb: KnowledgeBase): { type: string; request: string }[] {
  const types = shownTypes(found, kb);
  if (found.steering || found.filters.types?.length === 1 || types.length < 2) return [];
  const range = priceRange(found.filters, catalogCurrency(kb));
  return types.map((type) => ({ type, request: `${pluralOf(type, kb)}${range ? ` ${range}` : ''}` }));
}

/**
 * Next steps from a list, as whole requests. `guided`: the buttons of the question chosen for it
 * (turn/guided-question.ts), offered instead of the usual price, brand and colour steps.
 */
export function refinements(found: ProductResult, understanding: QueryUnderstanding, kb: KnowledgeBase, vocabulary: ShopVocabulary, guided?: readonly string[]): string[] {
  const candidates: string[] = [];
  const { filters } = found;
  const types = shownTypes(found, kb);
  const range = priceRange(filters, catalogCurrency(kb));
  if (found.steering) {
    // The one brand asked for stays: "Kestrel trekking poles", not every make's.
    const brand = oneBrand(filters);
    for (const type of types) candidates.push(`${brand ? `${brand} ` : ''}${pluralOf(type, kb)}`);
  } else if (!(filters.types?.length === 1) && types.length > 1) {
    // A list of several kinds ("jackets"): each kind on its own, with the same price range.
    candidates.push(...kindRequests(found, kb).map(({ request }) => request));
  } else if (guided?.length) {
    candidates.push(...guided);
    const noun = oneKindNoun(found, kb);
    if (noun && understanding.sort !== 'price-asc') candidates.push(`cheapest ${noun}`);
  } else {
    const noun = oneKindNoun(found, kb);
    if (noun) {
      const prices = found.hits.map((hit) => hit.product.price).filter((p): p is number => p !== undefined).sort((a, b) => a - b);
      if (prices.length > 1) {
        const cap = niceRound(prices[Math.floor(prices.length / 2)]!);
        if (cap > prices[0]! && (filters.maxPrice === undefined || cap < filters.maxPrice)) candidates.push(`${noun} under ${money(cap, catalogCurrency(kb))}`);
      }
      const brand = found.hits[0]?.product.brand;
      if (brand && !filters.brands?.length) candidates.push(`${brand} ${noun}`);
      const colour = attributeNames(vocabulary, 'colour')[0];
      if (colour && !filters.attributes?.[colour]?.length) {
        const colourOf = (hit: { product: { attributes?: Record<string, string> } }) => hit.product.attributes?.[colour]?.toLowerCase();
        // Another colour of the same type; never one the shopper ruled out ("tents, not green" does not suggest "green tents").
        const ruledOut = new Set([...found.hits.map(colourOf), ...(filters.excludedAttributes?.[colour] ?? []).map((value) => value.toLowerCase())]);
        const type = filters.types?.[0] ?? types[0];
        // Of a product that meets everything else asked: "sleeping bag, not down" offers the colour
        // of a synthetic bag, not the blue of the only down one.
        const { [colour]: _colour, ...otherAttributes } = filters.attributes ?? {};
        const meetsTheRest = kb.predicate({ ...filters, attributes: otherAttributes });
        const other = kb.products().find((p) => kb.typeOf(p) === type && p.attributes?.[colour] && !ruledOut.has(p.attributes[colour]!.toLowerCase()) && !/\d|,/.test(p.attributes[colour]!) && meetsTheRest(p));
        if (other) candidates.push(`${other.attributes![colour]!.toLowerCase()} ${noun}`);
      }
      if (understanding.sort !== 'price-asc') candidates.push(`cheapest ${noun}`);
    }
  }
  // Each button narrows this list, so it keeps what the shopper ruled out: a button is a new
  // message, and "blue sleeping bags" alone would bring the down ones back.
  // A word said once: "with no beeswax" rules out the term and the material alike.
  // A brand said with "no" is said as the brand: "no merinova" is "not Merinova", not "with no merinova".
  const brandsRuledOut = new Set((understanding.filters.excludedBrands ?? []).map((brand) => brand.toLowerCase()));
  const features = (understanding.lacking ?? []).filter((word) => !brandsRuledOut.has(word.toLowerCase()));
  // Each button names one kind, so a kind ruled out says nothing more: "trekking poles", not "trekking poles, not shoes".
  // Only a word that ruled out kinds: "not khaki" on chinos is a colour, though "khakis" are chinos too.
  const excludedTypes = new Set(understanding.filters.excludedTypes ?? []);
  const namesAKind = (word: string) => {
    const read = understand(word, vocabulary).filters;
    // A word naming a category ("shoes") names every kind in it.
    const ofCategory = !read.types?.length && read.category ? (vocabulary.types ?? []).filter((t) => t.category === read.category).map((t) => t.name) : [];
    const kinds = [...(read.types ?? []), ...(read.excludedTypes ?? []), ...ofCategory];
    return kinds.length > 0 && kinds.every((kind) => excludedTypes.has(kind));
  };
  const keep = ruledOutWords({ ...understanding, ruledOut: understanding.ruledOut?.filter((word) => !features.includes(word) && !namesAKind(word)) });
  const lacking = features.length ? ` with no ${features.join(' or ')}` : '';
  return candidates.map((text) => `${text}${lacking}${keep ? `, ${keep}` : ''}`).filter((text) => leadsSomewhere(text, kb, vocabulary)).slice(0, MAX_SUGGESTIONS);
}

/**
 * What the shopper ruled out, in their own words as the bot read them ("not yellow", "not Sonora",
 * "not latex or rubber"): a word that ruled out two things ("lavender", a colour and a scent) is
 * said once, and one inside another ("down" in "down jacket") not at all.
 */
function ruledOutWords(understanding: QueryUnderstanding): string | undefined {
  const said = [...new Set(understanding.ruledOut ?? [])];
  const named = said.filter((phrase) => !said.some((other) => other !== phrase && ` ${other} `.includes(` ${phrase} `)));
  if (named.length === 0) return undefined;
  return `not ${named.length > 1 ? `${named.slice(0, -1).join(', ')} or ${named.at(-1)}` : named[0]}`;
}

/** A suggestion is offered only when the bot, reading it back, finds products of a named kind. */
export function leadsSomewhere(text: string, kb: KnowledgeBase, vocabulary: ShopVocabulary): boolean {
  // The same buttons come up turn after turn ("cheapest sleeping bags"); a catalog's answer does not change.
  let byVocabulary = leadsCache.get(kb);
  if (!byVocabulary) leadsCache.set(kb, (byVocabulary = new WeakMap()));
  let answers = byVocabulary.get(vocabulary);
  if (!answers) byVocabulary.set(vocabulary, (answers = new Map()));
  const known = answers.get(text);
  if (known !== undefined) return known;
  const { filters } = understand(text, vocabulary);
  const leads = Boolean(filters.types?.length || filters.category) && kb.countProducts(filters, 1) > 0;
  if (answers.size >= LEADS_CACHE_LIMIT) answers.clear();
  answers.set(text, leads);
  return leads;
}

/** Button texts whose answer is kept, per knowledge base and vocabulary (a reindex makes new ones). */
const LEADS_CACHE_LIMIT = 10_000;
const leadsCache = new WeakMap<KnowledgeBase, WeakMap<ShopVocabulary, Map<string, boolean>>>();

export function niceRound(price: number): number {
  return price >= 100 ? Math.round(price / 50) * 50 || 50 : Math.round(price / 10) * 10 || 10;
}

/** Intl formatters are costly to build (a profile showed 5% of turn time): one per currency. */
const priceFormats = new Map<string, Intl.NumberFormat>();

export function formatPrice(product: Product): string | undefined {
  if (product.price === undefined) return undefined;
  const currency = product.currency ?? 'USD';
  let format = priceFormats.get(currency);
  if (!format) priceFormats.set(currency, (format = new Intl.NumberFormat('en-US', { style: 'currency', currency })));
  return format.format(product.price);
}
