/**
 * Checks what a product reply claims against the catalog, claim by claim, and returns
 * every problem found (an empty list: nothing untrue, nothing broken). Used by
 * `npm run eval -- --requests` and by the property test over the evaluation sets.
 *
 * - Each reason part must hold for its product: "colour: navy" (the attribute), "$79.99,
 *   under $80" (price and bound), "rated 4.8", "in size 9", a brand, or a quoted need
 *   phrase that the shop wrote for the product's type or category. No part may be a stop
 *   word, or name something the shopper excluded.
 * - The opening's counts must equal the catalog's; "No X ..." only when nothing meets the
 *   stated constraints, and naming one constraint only when it was the only one stated; "Well-rated" only when every product is rated 4 or more; a price
 *   bound only when every product is within it.
 * - Every shown product meets the filters the reply says it applied.
 * - Every suggestion button, read back by the bot, finds products, and is made only of
 *   words the catalog uses (or the button templates' own), with no word repeated.
 * - "We don't sell X" only when no product's title or type ends with X's name (singular or plural)
 *   and X is no shoppers' word for a kind the shop has: a laptop backpack does not make "we don't
 *   sell laptops" untrue; a "Ceramic Table Lamp" makes "we don't sell table lamps" so, and tank
 *   tops make "we don't sell vests" so.
 */
import type { KnowledgeBase, Product, ProductFilters } from '../../catalog/index.js';
import { productSetWithPart, splitAttributeValue, typeKey } from '../../catalog/index.js';
import { escapeRegExp, namesShopKind, stem, understand, type ShopVocabulary } from '../../nlu/index.js';
import type { Decision } from '../../turn/decide.js';
import type { ProductResult } from '../../turn/shopping.js';
import { catalogCurrency, currencySign, priceRange } from '../../turn/product-claims.js';

export interface AuditContext {
  kb: KnowledgeBase;
  vocabulary: ShopVocabulary;
  /** Need and gift phrases per product type or category (what a quoted reason may say). */
  phrases: ReadonlyMap<string, ReadonlySet<string>>;
  /** Every word of the catalog's text, lower case. */
  catalogWords: ReadonlySet<string>;
}

export interface AuditProblem {
  kind: 'reason' | 'opening' | 'filter' | 'button' | 'not-sold';
  message: string;
}

const TEMPLATE_WORDS = new Set(['under', 'over', 'between', 'and', 'more', 'cheapest', 'show', 'me', 'talk', 'to', 'a', 'person', 'not', 'or']);
const STOP = new Set(['i', 'need', 'a', 'an', 'the', 'me', 'my', 'show', 'want', 'looking', 'for', 'some', 'something', 'please']);

export function buildAuditContext(kb: KnowledgeBase, vocabulary: ShopVocabulary, needs: readonly { type?: string; category?: string; needs: string[]; gift?: string[] }[]): AuditContext {
  const phrases = new Map<string, Set<string>>();
  for (const need of needs) {
    const key = (need.type ?? need.category ?? '').toLowerCase();
    const set = phrases.get(key) ?? new Set<string>();
    for (const text of [...need.needs, ...(need.gift ?? [])]) set.add(text);
    phrases.set(key, set);
  }
  const catalogWords = new Set<string>();
  for (const product of kb.products()) {
    for (const text of [product.title, product.brand ?? '', product.category ?? '', ...Object.values(product.attributes ?? {})]) {
      for (const word of words(text)) catalogWords.add(word);
    }
  }
  for (const type of kb.productTypes.types) for (const word of words(type.plural)) catalogWords.add(word);
  return { kb, vocabulary, phrases, catalogWords };
}

function words(text: string): string[] {
  return text.toLowerCase().replace(/’/g, "'").match(/[a-z0-9$.'&-]+/g) ?? [];
}

export function auditDecision(decision: Decision, context: AuditContext): AuditProblem[] {
  if (decision.kind === 'not-sold') return auditNotSold(decision.thing, context);
  if (decision.kind !== 'products') return [];
  const problems: AuditProblem[] = [];
  const { kb } = context;
  const { found } = decision;
  const keep = kb.predicate(found.filters);
  decision.hits.forEach((hit, i) => {
    if (!keep(hit.product)) problems.push({ kind: 'filter', message: `${hit.product.id} does not meet the filters the reply applied` });
    for (const message of auditReason(decision.reasons[i] ?? '', hit.product, decision, context)) problems.push({ kind: 'reason', message: `${hit.product.id}: ${message}` });
  });
  for (const message of auditOpening(decision, context)) problems.push({ kind: 'opening', message });
  for (const button of decision.suggestions) {
    const { filters } = understand(button, context.vocabulary);
    if ((!filters.types?.length && !filters.category) || kb.countProducts(filters, 1) === 0) problems.push({ kind: 'button', message: `"${button}" leads to no products` });
    // What follows "with no" or ", not" is the shopper's own words for what they ruled out, read back below.
    const tokens = words(button.replace(/ with no .*$|, not .*$/, ''));
    const unknown = tokens.filter((w) => !context.catalogWords.has(w) && !TEMPLATE_WORDS.has(w) && !/^\$\d+$/.test(w));
    if (unknown.length) problems.push({ kind: 'button', message: `"${button}" uses words the catalog does not: ${unknown.join(', ')}` });
    if (tokens.some((w, j) => j > 0 && stemOf(w) === stemOf(tokens[j - 1]!))) problems.push({ kind: 'button', message: `"${button}" repeats a word` });
    // A button narrows the list shown: read back, it rules out what the shopper ruled out.
    const lost = [
      ...(found.filters.excludedBrands ?? []).filter((brand) => !filters.excludedBrands?.includes(brand)),
      ...Object.entries(found.filters.excludedAttributes ?? {}).flatMap(([name, values]) => values.filter((value) => !filters.excludedAttributes?.[name]?.includes(value))),
      ...(found.filters.excludedTerms ?? []).filter((term) => !filters.excludedTerms?.includes(term)),
    ];
    if (lost.length) problems.push({ kind: 'button', message: `"${button}" brings back what was ruled out: ${lost.join(', ')}` });
  }
  return problems;
}

function stemOf(word: string): string {
  return word.replace(/(es|s)$/, '');
}

function auditReason(reason: string, product: Product, decision: Extract<Decision, { kind: 'products' }>, context: AuditContext): string[] {
  const problems: string[] = [];
  const { filters } = decision.found;
  const excluded = [
    ...(filters.excludedBrands ?? []),
    ...Object.values(filters.excludedAttributes ?? {}).flat(),
    ...(filters.excludedTerms ?? []),
  ].map((x) => x.toLowerCase());
  for (const part of reason.split(' · ')) {
    const quoted = /^for "(.+)"$/.exec(part);
    if (quoted) {
      const type = context.kb.typeOf(product) ?? '';
      const allowed = [...(context.phrases.get(type) ?? []), ...(context.phrases.get((product.category ?? '').toLowerCase()) ?? [])];
      // Needs name types as written by the shop ("chef's knife"); compare loosely.
      const typed = [...context.phrases].filter(([key]) => key.replace(/['’]s\b/g, '').replace(/s\b/g, '') === type.replace(/s\b/g, '')).flatMap(([, set]) => [...set]);
      if (![...allowed, ...typed].includes(quoted[1]!)) problems.push(`quotes "${quoted[1]}", which is no need or gift phrase of its type`);
      continue;
    }
    if (STOP.has(part.toLowerCase()) || part.trim() === '') problems.push(`reason part "${part}" says nothing`);
    const named = /^([a-z ]+): (.+)$/.exec(part);
    if (named) {
      if (product.attributes?.[named[1]!] !== named[2]) problems.push(`says ${named[1]} is "${named[2]}", the product has "${product.attributes?.[named[1]!] ?? 'none'}"`);
      if (excluded.some((x) => named[2]!.toLowerCase() === x)) problems.push(`names an excluded value "${named[2]}"`);
      continue;
    }
    const price = new RegExp(`^${escapeRegExp(currencySign(catalogCurrency(context.kb)))}(\\d+(?:\\.\\d+)?)(?:, (.+))?$`).exec(part);
    if (price) {
      if (product.price !== Number(price[1])) problems.push(`says price ${price[1]}, the product costs ${product.price}`);
      if (price[2] && price[2] !== priceRange(filters, catalogCurrency(context.kb))) problems.push(`price claim "${price[2]}" is not the applied range`);
      if (price[2] && ((filters.maxPrice !== undefined && product.price! > filters.maxPrice) || (filters.minPrice !== undefined && product.price! < filters.minPrice))) problems.push(`price ${product.price} is not ${price[2]}`);
      continue;
    }
    const rated = /^rated (\d(?:\.\d)?)$/.exec(part);
    if (rated) {
      if (Number(product.attributes?.rating) !== Number(rated[1])) problems.push(`says rated ${rated[1]}, the product has ${product.attributes?.rating}`);
      continue;
    }
    const size = /^in size (.+)$/.exec(part);
    if (size) {
      const sizes = splitAttributeValue(product.attributes?.sizes ?? product.attributes?.size ?? '');
      for (const s of size[1]!.split(', ')) if (!sizes.includes(s)) problems.push(`says size ${s}, the product has ${sizes.join(', ')}`);
      continue;
    }
    const ages = /^ages (.+)$/.exec(part);
    if (ages) {
      const names = (context.vocabulary.attributes ?? []).filter((a) => a.kind === 'age').map((a) => a.name);
      const stated = names.map((name) => product.attributes?.[name]).filter((value): value is string => value !== undefined);
      if (!stated.some((value) => value === ages[1] || value.toLowerCase() === `ages ${ages[1]}`)) problems.push(`says ages ${ages[1]}, the product is for ages ${stated.join(', ') || 'unstated'}`);
      continue;
    }
    if (part === product.brand || part === product.attributes?.gender) continue;
    if (/^(close to what you asked|a .+ for what you described)$/.test(part)) continue;
    if (excluded.some((x) => part.toLowerCase().includes(x))) problems.push(`names an excluded term in "${part}"`);
    problems.push(`reason part "${part}" is not a checkable claim`);
  }
  return problems;
}

function auditOpening(decision: Extract<Decision, { kind: 'products' }>, context: AuditContext): string[] {
  const problems: string[] = [];
  const { kb } = context;
  const { found, opening } = decision;
  const counted = /^I found (\d+) .+ that match\. Here are (\d+) of them:$/.exec(opening) ?? /^Here are the (\d+) .+ that match:$/.exec(opening);
  if (counted) {
    const total = kb.countProducts(found.filters);
    if (Number(counted[1]) !== total) problems.push(`opening says ${counted[1]}, the catalog has ${total}`);
    if (counted[2] && Number(counted[2]) !== decision.hits.length) problems.push(`opening says ${counted[2]} shown, ${decision.hits.length} are`);
  }
  // "Here are 6 hoodies that match:": as many shown, each of that kind.
  const kindShown = /^Here are (\d+) (.+) that match:$/.exec(opening);
  if (kindShown) {
    if (Number(kindShown[1]) !== decision.hits.length) problems.push(`opening says ${kindShown[1]} shown, ${decision.hits.length} are`);
    const head = kindShown[2]!.split(' ').at(-1)!.replace(/e?s$/, '');
    for (const hit of decision.hits) if (!new RegExp(`${head}e?s?$`).test(kb.typeOf(hit.product) ?? '')) problems.push(`opening calls ${hit.product.id} one of the ${kindShown[2]}`);
  }
  if (opening.startsWith('No ')) {
    if (found.dropped.length === 0) problems.push('opening says nothing matched, but nothing was dropped');
    // "No products under $15" speaks of the whole shop; "No tote bags or table lamps under $15" of the kinds steered to.
    else if (kb.countProducts(noClaimScope(opening, decision.understanding.filters, found), 1) > 0) {
      problems.push('opening says nothing matched, but products meet every stated constraint');
    }
    // "No X in that colour." (one constraint named) claims no X of that colour at all, whatever else was asked:
    // said with others stated too, only of a price that no product of those kinds is in ("No lip balm
    // sets under $10" for a niece: none is under $10, whoever it is for).
    else if (!/match all of that/.test(opening) && found.stated.length > 1) {
      const { attributes: _attributes, passIfMissing: _passIfMissing, brands: _brands, minRating: _minRating, ...kinds } = noClaimScope(opening, decision.understanding.filters, found);
      const priceAlone = found.dropped.length === 1 && found.dropped[0] === 'price' && kb.countProducts(kinds, 1) === 0;
      if (!priceAlone) problems.push('opening names one missing constraint, but others were stated too');
    }
  }
  if (/price range|under \$|over \$|between \$/.test(opening) && decision.understanding.filters.maxPrice === undefined && decision.understanding.filters.minPrice === undefined) {
    problems.push('opening talks about a price the shopper did not give');
  }
  if (opening.startsWith('Well-rated') && !decision.hits.every((hit) => Number(hit.product.attributes?.rating) >= 4)) problems.push('opening says well-rated, but not every product is rated 4 or more');
  // An order the shopper asked for ("cheapest", "best rated"), or the opening promises ("lowest price first"), holds.
  // Both hold when both are said: "top rated ... under $100" shown lowest price first would break the one asked for.
  const orders = new Set([decision.understanding.sort, ...(/lowest price first/.test(opening) ? ['price-asc'] : [])]);
  for (const order of orders) {
    const key = ORDER_KEYS[order];
    if (!key) continue;
    const values = decision.hits.map((hit) => key(hit.product));
    if (values.some((value, i) => i > 0 && value < values[i - 1]!)) problems.push(`the list is not in the order ${order === decision.understanding.sort ? 'asked for' : 'the opening says'} (${order})`);
  }
  return problems;
}

/**
 * What an opening's "No X ..." speaks of: "No products ..." of the whole shop, "No dresses &
 * skirts ..." of the whole category (whatever types were searched), "No card games or lip balm
 * sets ..." of the kinds steered to, "No dresses ..." of the types asked for.
 */
function noClaimScope(opening: string, filters: ProductFilters, found: ProductResult): ProductFilters {
  const category = filters.category;
  if (category && (opening.startsWith(`No ${category.toLowerCase()} `) || opening.includes(`in ${category}`))) return { ...filters, types: undefined };
  if (/^No products (?!of the)/.test(opening) || !found.steering) return filters;
  return { ...filters, types: found.steering.types.map((t) => t.type) };
}

/** Per order, a product's key that must not go down along the list. */
const ORDER_KEYS: Partial<Record<string, (product: Product) => number>> = {
  'price-asc': (product) => product.price ?? Infinity,
  'price-desc': (product) => -(product.price ?? -Infinity),
  rating: (product) => -(Number(product.attributes?.rating) || 0),
};

const productStemsCache = new WeakMap<KnowledgeBase, Set<string>>();

/** Every word of the catalog's products, stemmed: read once per catalog, not per reply audited. */
function productStems(kb: KnowledgeBase): Set<string> {
  let stems = productStemsCache.get(kb);
  if (!stems) {
    stems = new Set(kb.products().flatMap((p) => words([p.title, p.description ?? '', p.brand ?? '', ...Object.values(p.attributes ?? {})].join(' ')).map(stem)));
    productStemsCache.set(kb, stems);
  }
  return stems;
}

function auditNotSold(thing: string, context: AuditContext): AuditProblem[] {
  // Keyed as the catalog keys types: words singular ("table lamps" -> "table lamp").
  const name = typeKey(thing);
  const isIt = (text: string) => {
    const other = typeKey(text);
    return other === name || other.endsWith(` ${name}`);
  };
  const product = context.kb.products().find((p) => isIt(p.title));
  const type = context.kb.productTypes.types.find((t) => isIt(t.name));
  // The shop's own reading of the name: a shoppers' word for one of its kinds ("vests" are tank tops).
  // A set that comes with it ("a duvet cover with two pillowcases").
  const inASet = productSetWithPart(context.kb, thing);
  // A word before the kind that no product has ("PS5 games") makes it a kind the shop does not sell.
  const productWords = productStems(context.kb);
  const unheardOf = thing.split(' ').slice(0, -1).some((word) => /[a-z]/i.test(word) && !productWords.has(stem(word.toLowerCase().replace(/'s$/, ''))));
  const sold = product?.title ?? type?.plural ?? (inASet ? `${inASet.title}, which comes with them` : undefined) ?? (!unheardOf && namesShopKind(thing, context.vocabulary) ? 'a kind of product it reads that name as' : undefined);
  return sold ? [{ kind: 'not-sold', message: `says "we don't sell ${thing}", but the shop has ${sold}` }] : [];
}
