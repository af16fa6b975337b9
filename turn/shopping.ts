/**
 * Finding products for a request, and saying truthfully what was found.
 *
 * - Named products ("black running shoes under $80") are searched with every filter.
 * - Described needs and open gift requests name no product: the query categoriser picks
 *   the product types their words fit (from the needs file, titles, descriptions, clicks)
 *   and the search is steered to those types; gifts prefer well-rated, giftable types.
 * - When no product meets every constraint, the search drops one kind of constraint at a
 *   time (never a type, a category or an exclusion) and reports which one it dropped, so
 *   the reply can say "No purple running shoes" instead of pretending (turn/relaxation.ts).
 * - The candidates found are then ranked (catalog/rank): by this shopper's click model in
 *   relevance order, or in the order asked for, spread over the types steered to.
 *
 *   const found = await findProducts(kb, { vector, tokens }, understanding, { count: 6 });
 *   found.dropped // ['colour']
 *   found.total   // products meeting found.filters in the whole catalog
 */
import { ageFloor, categoryNameParts, distinctFirst, inAskedOrder, inOrder, inStockFirst, spreadOverTypes, youngestFirst, type KnowledgeBase, type Product, type ProductFilters, type ProductHit, type ProductQuery, type TypeScore } from '../catalog/index.js';
import { attributeNames, relaxations, statedConstraints, withoutKinds, type ConstraintKind } from './relaxation.js';
import { englishLexicon, escapeRegExp, PRODUCT_SYNONYMS, requestedThing, singularize, tokenizeWords, understand, type QueryUnderstanding, type RequestedThing, type ShopVocabulary, type SortOrder } from '../nlu/index.js';

export interface Steering {
  reason: 'need' | 'gift';
  /** The types the request was matched to, best first, with the text that matched. */
  types: TypeScore[];
  /**
   * The types whose fit, as the steering weighed it, reached the threshold this kind of request is
   * steered at. The others fit more loosely: chosen by a budget ("thank you present for my
   * neighbour, 15 pounds": cleansers at 0.24 for "self-care gift") or taken in to fill the list.
   */
  fitsWell: ReadonlySet<string>;
}

export interface ProductResult {
  hits: ProductHit[];
  /** The filters every shown product meets. */
  filters: ProductFilters;
  /** Constraints the shopper stated that no product meets together with the rest, dropped to show anything. */
  dropped: ConstraintKind[];
  /** Every kind of constraint the shopper stated (the rating floor Aisle adds to gifts is not theirs). */
  stated: ConstraintKind[];
  /** Products in the catalog meeting `filters`. */
  total: number;
  /** The order the hits are shown in: the one asked for, or lowest price first when the price was dropped. */
  order: SortOrder;
  steering?: Steering;
}

export interface FindOptions {
  count: number;
  vocabulary: ShopVocabulary;
  steering: SteeringOptions;
  /** For a gift: vectors of the parts of the message that say what the person is into (`giftInterests`). */
  interests?: readonly ArrayLike<number>[];
  /** For a described need: vectors of the message's clauses (`messageClauses`), read beside the whole. */
  clauses?: readonly ArrayLike<number>[];
  /** Every content word of the request was read into a filter: a named kind's products are all it asks for. */
  wholeRequestRead?: boolean;
  /** Products already shown for this request ("show me more"): searched past, still counted in `total`. */
  notAgain?: readonly string[];
  /** Reorders candidates in relevance order for this shopper (the session's click model, turn/ranking.ts); an order asked for is kept. */
  rank?: <T extends ProductHit>(hits: readonly T[]) => Promise<T[]>;
  /** The shopper's session vector: candidates near it join the search's (catalog/knowledge-base.ts), for `rank` to weigh. */
  session?: ArrayLike<number>;
}

export interface SteeringOptions {
  /** Best categoriser score from which a described need is steered to types. */
  needThreshold: number;
  /** Types within this of the best are steered to as well. */
  needMargin: number;
  /** Best categoriser score from which an open gift request is steered to giftable types. */
  giftThreshold: number;
  giftMargin: number;
  /** At most this many types per steered request. */
  maxTypes: number;
  /** A gift should be well rated: the first search asks for at least this rating. */
  giftMinRating: number;
  /**
   * A category found from the shopper's words ("flat", "home") is set aside when the
   * categoriser places the whole message in another category's types by at least this much
   * ("keep the kids busy on our camping holiday" is about puzzles, not Camping). 0.05 to 0.2 gave the
   * same P@5 on the tuning half (0.888); 0.1 is the middle.
   */
  categoryOverrule: number;
}

/**
 * Chosen on the tuning half of the hand-written shopper requests
 * (`npm run eval -- --products demo/products.json --needs demo/needs.json --requests demo/eval/shopper-requests.tune.jsonl`):
 * need threshold 0.35 / 0.45 / 0.55 gave P@5 0.779 / 0.773 / 0.755; margins 0.04-0.08 within 0.01.
 */
export const defaultSteeringOptions: SteeringOptions = {
  needThreshold: 0.35,
  needMargin: 0.08,
  giftThreshold: 0.3,
  giftMargin: 0.12,
  maxTypes: 4,
  giftMinRating: 4,
  categoryOverrule: 0.1,
};

/** Products read at most for a list in an order asked for ("cheapest", "best rated"). */
const SORTED_READ = 200;

/** Types read from the categoriser's ranking per steered request, before the margins choose. */
const CANDIDATE_TYPES = 16;

export async function findProducts(kb: KnowledgeBase, query: ProductQuery, understanding: QueryUnderstanding, options: FindOptions): Promise<ProductResult> {
  const stated = understanding.filters;
  // A child's age with no kind named: only types made for an age are candidates ("present for a
  // 6 year old who never stops running about" is toys, not running shoes).
  const ages = attributeNames(options.vocabulary, 'age').filter((name) => stated.attributes?.[name]?.length && !stated.passIfMissing?.includes(name));
  // A present for a grown-up is no child's toy: "pampering for my sister (not the baby)" is not a plush toy.
  const notForThem = understanding.forGrownUp && ages.length === 0 ? childrensTypes(kb, options.vocabulary) : NONE;
  const steering = steer(kb, query, understanding, options.steering, options.interests ?? [], options.clauses ?? [], ages.length > 0, options.count, notForThem);
  const scoped: ProductFilters = {
    ...stated,
    ...(steering ? { types: steering.types.map((t) => t.type) } : {}),
    ...(steering?.reason === 'gift' && stated.minRating === undefined ? { minRating: options.steering.giftMinRating } : {}),
  };
  const base = withoutAttributesTheyLack(kb, scoped);
  // What was asked of the kinds searched: a recipient's fit is nothing asked of kettles, which have none.
  const statedKinds = statedConstraints(stated, options.vocabulary).filter((kind) => appliesToScope(kb, base, kind, options.vocabulary));
  for (const dropped of relaxations(base, options.vocabulary)) {
    const filters = withoutKinds(base, dropped, options.vocabulary);
    // An order asked for reads every product the filters allow (up to a bound): the cheapest
    // jacket may be far down the relevance ranking.
    // So does a price dropped: the closest prices come first ("headphones under $20": the $24.99 ones).
    // The order shown: the one asked for, or lowest price first with the price dropped.
    const order: SortOrder = understanding.sort === 'relevance' && dropped.includes('price') ? 'price-asc' : understanding.sort;
    const inAnOrder = order !== 'relevance';
    const k = !inAnOrder ? options.count * 4 : Math.max(options.count * 4, Math.min(SORTED_READ, kb.countProducts(filters, SORTED_READ)));
    const hits = kb.searchProducts(query, { k, filters: options.notAgain?.length ? { ...filters, excludeIds: options.notAgain } : filters, ...(options.session && options.rank ? { session: options.session } : {}) });
    // The gift rating floor is Aisle's own preference, not the shopper's: dropping it is not news.
    const told = dropped.filter((kind) => !(kind === 'rating' && stated.minRating === undefined));
    // Every product meeting the request shown already: that is the answer, not a looser request.
    if (hits.length === 0 && options.notAgain?.length) {
      const total = kb.countProducts(filters);
      if (total > 0) return { hits: [], filters, dropped: told, stated: statedKinds, total, order: understanding.sort, ...(steering ? { steering } : {}) };
    }
    if (hits.length === 0) continue;
    // Every type steered to is one the request is about, and so is every product of a kind the
    // shopper named ("most expensive watch" reads every watch): none is left out of an order for its words.
    // A category named by one part of its name is wider than the word: "best rated headphones" are no earbuds.
    // So is a kind standing for several types ("headphones": earbuds are headphones only loosely).
    const namedKind = stated.types?.length ? understanding.kindNamed === undefined : Boolean(stated.category && categoryNameParts(stated.category).length === 1);
    const named = Boolean(steering) || (namedKind && options.wholeRequestRead === true);
    const ordered = order === 'relevance' && options.rank ? await options.rank(hits) : inAskedOrder(kb, hits, order, named);
    // In an order (asked for, or lowest price first with the price dropped), each type's first products are the ones in that order.
    // Ideas for a need or a present are to buy now: what is in stock comes first (stable; a search by name keeps its order).
    // A present puts the better rated first within each type, unless an order was asked for.
    const spread = steering ? spreadOverTypes(kb, inStockFirst(ordered), steering.types.map((t) => t.type), options.count, steering.reason === 'gift' && !inAnOrder) : distinctFirst(ordered, options.count);
    // Spreading over types, or variants filling the room left, mixes the order; a shopper who asked for the cheapest sees them in that order.
    // Variants filling a short list come after every title: put an asked-for order back.
    // With the age dropped, the youngest age floors are the closest to the child's.
    const shown = order !== 'relevance' ? inOrder(spread, order) : dropped.includes('age') ? youngestFirst(spread, attributeNames(options.vocabulary, 'age')) : spread;
    return { hits: shown, filters, dropped: told, stated: statedKinds, total: kb.countProducts(filters), order, ...(steering ? { steering } : {}) };
  }
  return { hits: [], filters: base, dropped: [], stated: statedKinds, total: 0, order: understanding.sort, ...(steering ? { steering } : {}) };
}

/**
 * The understanding with the kind of product it names set aside when the message mentions that
 * kind without asking for it, and the categoriser, reading the whole message, places it among
 * other types:
 * - a category from a word of the message ("flat", "home"), when the message is clearly about
 *   another category's types: "keep the kids busy on a rainy afternoon on our camping holiday" is
 *   not a request for Camping;
 * - a product type mentioned in passing, after "my", "in a", "with a", "than" and the like, when
 *   another type fits the whole message better: "lugging my laptop around in a tote bag" and "my
 *   old 20 litre bag won't fit a tent" are not asking for a tote bag or a tent.
 * A type asked for ("need a tent", "tote bag for work") is never set aside. Returns the
 * understanding unchanged otherwise.
 */
export function confirmNamedKind(kb: KnowledgeBase, query: ProductQuery, understanding: QueryUnderstanding, options: SteeringOptions, message: string, vocabulary: ShopVocabulary): QueryUnderstanding {
  const { category, types } = understanding.filters;
  if (!kb.categoriser || !category) return understanding;
  const ranked = kb.categoriser.classify(query.vector).types;
  const best = ranked[0];
  if (!best || best.score < options.needThreshold) return understanding;
  if (types?.length) {
    if (!types.every((type) => mentionedInPassing(message, vocabulary.types?.find((t) => t.name === type)?.terms ?? [type]))) return understanding;
    const own = Math.max(0, ...ranked.filter((t) => types.includes(t.type)).map((t) => t.score));
    if (types.includes(best.type) || best.score <= own) return understanding;
    const { category: _category, types: _types, ...filters } = understanding.filters;
    return { ...understanding, filters };
  }
  if (best.category === category) return understanding;
  // Nor a category asked for by name ("vegan so no leather, need a watch for work": the vegan
  // leather of the bags is closer to the words, but a watch is what was asked for).
  const asked = requestedThing(message);
  if (asked?.asked && understand(asked.phrase, vocabulary).filters.category === category) return understanding;
  const own = ranked.find((t) => t.category === category)?.score ?? 0;
  if (best.score - own < options.categoryOverrule) return understanding;
  const { category: _setAside, ...filters } = understanding.filters;
  return { ...understanding, filters };
}

/**
 * The types a kind asked for by the shop's word for it stands for, when several of the shop's
 * types share that word and the category holds others: "a dress for a wedding" is the maxi,
 * midi, wrap and shirt dresses, not the skirts of Dresses & Skirts; "a watch that isn't a
 * smartwatch" the field, dive, chronograph and minimalist watches, not the fitness trackers.
 * Returns the understanding unchanged otherwise.
 */
export function narrowToNamedKind(understanding: QueryUnderstanding, message: string, thing: RequestedThing | undefined, vocabulary: ShopVocabulary): QueryUnderstanding {
  const { category, types, excludedTypes } = understanding.filters;
  if (!category || types?.length) return understanding;
  const kinds = categoryKinds(vocabulary, category);
  const { inCategory, heads, parts } = kinds;
  const words = tokenizeWords(message);
  // The head of the thing asked for, or else the first word of the message that is a kind of the category ("a watch that isn't ...").
  const kind = thing ? singularize(thing.head.toLowerCase()) : words.map(singularize).find((word) => heads.has(word));
  if (!kind) return understanding;
  const sharing = typesOfKind(kinds, kind);
  if (sharing.filter((type) => type.name.includes(' ')).length < 2 || sharing.length === inCategory.length) return understanding;
  // The kind is one part of the category's name ("dress" of Dresses & Skirts), or the shopper
  // tells it apart from a type of the same kind ("a watch that isn't a smartwatch": a watch, so
  // no fitness tracker). "Tops" for the Tops category is every top.
  const part = parts.find((p) => p.singular === kind || p.plural === `${kind}s`);
  // "dresses and skirts for a wedding" names the whole category.
  const otherPartNamed = parts.some((p) => p !== part && words.some((word) => word === p.plural || singularize(word) === p.singular));
  const partNamed = parts.length > 1 && part !== undefined && !otherPartNamed;
  const toldApart = sharing.some((type) => excludedTypes?.includes(type.name));
  if (!partNamed && !toldApart) return understanding;
  const kept = sharing.map((type) => type.name).filter((name) => !excludedTypes?.includes(name));
  return kept.length ? { ...understanding, filters: { ...understanding.filters, types: kept }, kindNamed: part?.plural ?? `${kind}s` } : understanding;
}

interface CategoryKinds {
  inCategory: NonNullable<ShopVocabulary['types']>;
  /** Last words of the category's types of two words or more, singular: its kinds ("dress", "watch"). */
  heads: Set<string>;
  /** The parts of its name, lower case: "Dresses & Skirts" -> dresses/dress, skirts/skirt ("Hoodies" is the plural of "hoodie", though singularize reads it as "hoody"). */
  parts: { plural: string; singular: string }[];
  /** Its types of each kind asked for so far (typesOfKind). */
  byKind: Map<string, NonNullable<ShopVocabulary['types']>>;
}

/**
 * The category's types of the kind: shoppers' words the kind also stands for, and the types they
 * share them with (a "top" may be a t-shirt, and so may a "tee", "v-neck tee"); a type's head
 * with the kind as its one synonym is the same thing ("earbud", "tee" for "t-shirt"), one with
 * several ("pant": trousers or jeans) is wider than each, so hiking pants are no jeans. Read once
 * per category and kind: WordNet is walked for each type.
 */
function typesOfKind(kinds: CategoryKinds, kind: string): CategoryKinds['inCategory'] {
  let sharing = kinds.byKind.get(kind);
  if (!sharing) {
    const alsoMeant = new Set(PRODUCT_SYNONYMS[kind] ?? []);
    sharing = kinds.inCategory.filter((type) => {
      const last = singularize(type.name.split(/\s+/).at(-1)!);
      const itsSynonyms = PRODUCT_SYNONYMS[last] ?? [];
      if (alsoMeant.has(last) || alsoMeant.has(type.name) || itsSynonyms.some((word) => alsoMeant.has(word)) || (itsSynonyms.length === 1 && itsSynonyms[0] === kind)) return true;
      // "smartwatch": a one-word type whose end is the kind; "parka": a kind of jacket in English.
      return last === kind || (!/[\s-]/.test(type.name) && last.length > kind.length + 2 && last.endsWith(kind)) || englishLexicon().isKindOf(last, kind, 1) === true;
    });
    kinds.byKind.set(kind, sharing);
  }
  return sharing;
}

const categoryKindsCache = new WeakMap<ShopVocabulary, Map<string, CategoryKinds>>();

function categoryKinds(vocabulary: ShopVocabulary, category: string): CategoryKinds {
  let byCategory = categoryKindsCache.get(vocabulary);
  if (!byCategory) categoryKindsCache.set(vocabulary, (byCategory = new Map()));
  let kinds = byCategory.get(category);
  if (!kinds) {
    const inCategory = (vocabulary.types ?? []).filter((type) => type.category === category);
    const heads = new Set(inCategory.filter((type) => type.name.includes(' ')).map((type) => singularize(type.name.split(/\s+/).at(-1)!)));
    const parts = categoryNameParts(category).map((part) => {
      const plural = part.trim().split(/\s+/).at(-1)!.toLowerCase();
      return { plural, singular: singularize(plural) };
    });
    byCategory.set(category, (kinds = { inCategory, heads, parts, byKind: new Map() }));
  }
  return kinds;
}

/**
 * "Lavender" is a colour and a scent, "rose" too. When the shopper's words set both and the
 * catalog has products for one reading and none for the other ("lavender candle": no candle is
 * lavender-coloured, two smell of it), the other reading is dropped before the search, so the
 * reply never says "no candles in that colour".
 */
export function settleColourOrScent(kb: KnowledgeBase, understanding: QueryUnderstanding, vocabulary: ShopVocabulary): QueryUnderstanding {
  const { filters } = understanding;
  const colours = attributeNames(vocabulary, 'colour').filter((name) => filters.attributes?.[name]?.length);
  const scents = attributeNames(vocabulary, 'scent').filter((name) => filters.attributes?.[name]?.length);
  if (colours.length === 0 || scents.length === 0) return understanding;
  const asColour = kb.countProducts(withoutKinds(filters, ['scent'], vocabulary), 1);
  const asScent = kb.countProducts(withoutKinds(filters, ['colour'], vocabulary), 1);
  if (asColour > 0 === asScent > 0) return understanding;
  return { ...understanding, filters: withoutKinds(filters, [asScent > 0 ? 'colour' : 'scent'], vocabulary) };
}

/** Words that make what follows the shopper's own, or the setting of something else. */
const PASSING_CUES = new Set(['my', 'our', 'his', 'her', 'their', 'in', 'into', 'on', 'with', 'from', 'than', 'fit', 'fits', 'around', 'inside']);
const ARTICLES = new Set(['a', 'an', 'the', 'some']);

/**
 * Every mention of the type (any of its terms, singular or plural) comes right after words like
 * "my" or "in a", with at most adjectives and numbers between ("my old 20 litre bag", "in a tote
 * bag"); "need a tent", "my son wants a tent" and "any of your tents" ask for one.
 */
function mentionedInPassing(message: string, terms: readonly string[]): boolean {
  const text = message.toLowerCase();
  const lexicon = englishLexicon();
  let mentions = 0;
  for (const term of terms) {
    const pattern = new RegExp(`\\b${escapeRegExp(term).replace(/-/g, '[- ]?')}(?:s|es)?\\b`, 'g');
    for (const match of text.matchAll(pattern)) {
      mentions++;
      const before = text.slice(0, match.index).split(/[^a-z0-9']+/).filter(Boolean);
      let i = before.length - 1;
      for (let skipped = 0; i >= 0 && skipped < 3 && (/^\d/.test(before[i]!) || lexicon.isModifierOnly(before[i]!)); skipped++) i--;
      if (i >= 0 && ARTICLES.has(before[i]!)) i--;
      if (i < 0 || !PASSING_CUES.has(before[i]!)) return false;
    }
  }
  return mentions > 0;
}

/**
 * Texts about a child's needs or presents: "gift for a child who has everything", "keep the kids
 * busy". Not a baby's: a present for new parents is a grown-up's.
 */
const ABOUT_A_CHILD = /\b(?:child|children|child's|kids?|kid's|kiddos?|toddlers?|little ones?|grand(?:child|children|kids?)|godchild(?:ren)?|\d+ ?(?:year|yr)s? olds?|\d+yo)\b/i;
const ABOUT_A_CHILD_OR_TEEN = new RegExp(`${ABOUT_A_CHILD.source}|\\bteen(?:ager|age)?s?\\b`, 'i');

/** When the shopper named no product and no category: the types their words fit, if any fit well enough. */
function steer(kb: KnowledgeBase, query: ProductQuery, understanding: QueryUnderstanding, options: SteeringOptions, interests: readonly ArrayLike<number>[], clauses: readonly ArrayLike<number>[], forAChild: boolean, listLength: number, notForThem: ReadonlySet<string>): Steering | undefined {
  const { filters } = understanding;
  if (!kb.categoriser || filters.types?.length || filters.category) return undefined;
  // Counted once per type: the budget and the fill ask about the same types again.
  const meets = new Map<string, boolean>();
  const meetsTheRest = (t: TypeScore): boolean => {
    let met = meets.get(t.type);
    if (met === undefined) meets.set(t.type, (met = kb.countProducts({ ...filters, types: [t.type] }, 1) > 0));
    return met;
  };
  // Never a kind the shopper ruled out ("anything from kestrel apart from shoes").
  const ruledOut = new Set(filters.excludedTypes ?? []);
  const forTheAge = (types: TypeScore[]) => {
    const allowed = ruledOut.size ? types.filter((t) => !ruledOut.has(t.type)) : types;
    return forAChild ? allowed.filter(meetsTheRest) : notForThem.size ? allowed.filter((t) => !notForThem.has(t.type)) : allowed;
  };
  // A grown-up's present is not chosen, nor explained, by what is said of younger people's presents:
  // a teacher's card game is no "gift for a child who has everything", nor a dad's earbuds a
  // "gift for a teenager". A teenager's present may be what is said of teenagers.
  const forATeen = query.tokens?.some((token) => /^teen/.test(token)) ?? false;
  const aboutAChild = understanding.forGrownUp && !forAChild ? (forATeen ? ABOUT_A_CHILD : ABOUT_A_CHILD_OR_TEEN) : undefined;
  const ranked = forTheAge(kb.categoriser.classify(query.vector, undefined, aboutAChild).types);
  if (ranked.length === 0) return undefined;
  // Steer to types that have something meeting what was asked ("teacher gift, 15 bucks": not
  // to lamps that all cost more); when none has, the search drops a constraint and says so.
  const available = (types: TypeScore[]) => {
    const kept = types.filter(meetsTheRest);
    return kept.length ? kept : types;
  };
  if (understanding.gift) {
    // What the person is into, when the message says ("she loves reading in bed"), decides
    // among giftable types; otherwise the occasion and recipient do ("anniversary gift").
    // Each type's best-fitting reading of what they are into (whose evidence a reason may quote).
    const intoTypes = new Map<string, TypeScore>();
    for (const vector of interests) {
      for (const t of forTheAge(kb.categoriser.classify(vector, ['need', 'title', 'description', 'click'], aboutAChild).types)) {
        if ((intoTypes.get(t.type)?.score ?? -Infinity) < t.score) intoTypes.set(t.type, t);
      }
    }
    const into = new Map([...intoTypes].map(([type, t]) => [type, Math.max(0, t.score)]));
    // A budget is what a present must keep to: when none of the best-fitting types has anything
    // within it ("teacher gift, like 15 bucks": lamps, tote bags, candles), the giftable types
    // further down that do are the candidates (jigsaw puzzles, lip balm sets), not those at other prices.
    const allGiftable = ranked.filter((t) => kb.categoriser!.giftable(t.type));
    const first = withTies(allGiftable, CANDIDATE_TYPES);
    // The interest decides only when it fits a giftable type that the occasion and person fit too.
    const byInterest = Math.max(0, ...first.map((t) => into.get(t.type) ?? 0)) >= options.needThreshold;
    const fit = (t: TypeScore) => (byInterest ? (into.get(t.type) ?? 0) : Math.max(t.score, t.giftScore));
    // And when no giftable type that fits well has anything within it ("thank you present for my
    // neighbour, 15 pounds": the words fit rain jackets and pans no better than lip balm), the
    // budget decides: the giftable types with something within it, best fitting first.
    const further = () => {
      const fitting = allGiftable.filter((t) => fit(t) >= options.giftThreshold);
      const within = fitting.filter(meetsTheRest);
      if (within.length) return within;
      const anyWithin = understanding.filters.maxPrice !== undefined ? allGiftable.filter(meetsTheRest) : [];
      return anyWithin.length ? anyWithin : fitting;
    };
    // What they are into decides the kind, within the budget or not: "obsessed with music, 20 quid"
    // is headphones at another price, not a science kit within it. Only the occasion or the person
    // may give way to kinds within the budget.
    const byFit = [...first].sort((a, b) => fit(b) - fit(a));
    const mostInto = fit(byFit[0] ?? first[0]!);
    const intoMost = byFit.filter((t) => fit(t) >= mostInto - options.giftMargin);
    // Nothing they are most into within the budget: the kinds they are a little less into that are
    // within it, before the others at other prices ("my nan is always cold, under 50 quid": throw
    // blankets and cardigans, not down jackets at $155).
    const intoWithinOf = (types: TypeScore[]) => types.filter((t) => fit(t) >= mostInto - FILL_MARGINS * options.giftMargin && meetsTheRest(t));
    // Kept to a budget, and only then, the kinds they are into count whether or not the whole
    // message reads close to them ("leaving present for a colleague who's really into running, about
    // 40 dollars": base layers, when no running shoe is within it and the leaving and the colleague
    // lead the whole reading elsewhere). Not otherwise: the whole reading weighs the person and the occasion.
    const listed = new Set(first.map((t) => t.type));
    const withinOfFirst = intoWithinOf(byFit);
    const intoWithin = withinOfFirst.length || filters.maxPrice === undefined || !byInterest ? withinOfFirst : intoWithinOf([...intoTypes.values()].filter((t) => !listed.has(t.type) && kb.categoriser!.giftable(t.type)));
    const byInterestWithin = intoMost.some(meetsTheRest) || filters.maxPrice === undefined || intoWithin.length === 0 ? intoMost : intoWithin;
    // A kind that fits too loosely to be offered is no reason to offer nothing: "thank you present
    // for my neighbour, 15 pounds" fits lip balm (within it) as loosely as rain jackets (not).
    const wellFittingWithin = first.some((t) => fit(t) >= options.giftThreshold && meetsTheRest(t));
    const giftable = (byInterest ? available(byInterestWithin) : wellFittingWithin ? available(first) : further()).sort((a, b) => fit(b) - fit(a));
    const top = giftable.length ? fit(giftable[0]!) : 0;
    // Chosen by the budget alone, the best fit may be below the threshold: a gift is still asked for.
    const byBudget = giftable.length > 0 && giftable.every(meetsTheRest) && !wellFittingWithin && !byInterest;
    if (!(top >= options.giftThreshold) && !byBudget) return undefined;
    const chosen = giftable.filter((t) => fit(t) >= top - options.giftMargin).slice(0, options.maxTypes + 2);
    // Filled from every giftable kind that fits nearly as well, not only those in the first
    // sixteen: kept to a budget and a rating, the first may hold one kind with a product to show.
    const inGiftable = new Set(giftable);
    const fillFrom = byInterest ? giftable : [...giftable, ...allGiftable.filter((t) => !inGiftable.has(t))].sort((a, b) => fit(b) - fit(a));
    const types = filledUp(kb, chosen, fillFrom.filter((t) => fit(t) >= top - FILL_MARGINS * options.giftMargin), { ...filters, minRating: filters.minRating ?? options.giftMinRating }, options.maxTypes + 2, listLength);
    return { reason: 'gift', types, fitsWell: new Set(types.filter((t) => fit(t) >= options.giftThreshold).map((t) => t.type)) };
  }
  // A long message is read whole and clause by clause, each reading weighing the same.
  // (`ranked` is already kept to the child's age.)
  const read = clauses.length ? forTheAge(meanReading(kb, [query.vector, ...clauses])) : ranked;
  if (read.length === 0) return undefined;
  if (read[0]!.score < options.needThreshold) return undefined;
  // Types that fit the words about as well as the best one, then those with something meeting the
  // rest of the request ("getting into running, under $25": foam rollers and jump ropes, no running
  // shoe costs that little); if none within the margins has, the search drops a constraint and says so.
  const fitting = read.slice(0, CANDIDATE_TYPES).filter((t) => t.score >= read[0]!.score - options.needMargin);
  const chosen = available(fitting).slice(0, options.maxTypes);
  const types = filledUp(kb, chosen, read.slice(0, CANDIDATE_TYPES).filter((t) => t.score >= Math.max(options.needThreshold, read[0]!.score - FILL_MARGINS * options.needMargin)), filters, options.maxTypes, listLength);
  return { reason: 'need', types, fitsWell: new Set(types.filter((t) => t.score >= options.needThreshold).map((t) => t.type)) };
}

/** The kinds searched, as attributesByKind keys them: the types, else the category; undefined for the whole shop. */
function scopeKeys(filters: ProductFilters): string[] | undefined {
  return filters.types?.length ? filters.types.map((type) => `type:${type}`) : filters.category ? [`category:${filters.category}`] : undefined;
}

const attributesByKindCache = new WeakMap<KnowledgeBase, Map<string, Set<string>>>();

/** The attribute names products of each type and each category have: watches have no fit, moisturisers no colour. */
function attributesByKind(kb: KnowledgeBase): Map<string, Set<string>> {
  let byKind = attributesByKindCache.get(kb);
  if (!byKind) {
    byKind = new Map();
    for (const product of kb.products()) {
      for (const key of [`type:${kb.typeOf(product)}`, `category:${product.category}`]) {
        const names = byKind.get(key) ?? new Set<string>();
        for (const name of Object.keys(product.attributes ?? {})) names.add(name);
        byKind.set(key, names);
      }
    }
    attributesByKindCache.set(kb, byKind);
  }
  return byKind;
}

/**
 * A constraint on what a kind searched has not at all asks nothing of it: "best rated mens
 * watch" (watches have no fit), "any cream?" (moisturisers come in no colour), the sleeping bags of
 * "a tent and a sleeping bag for 2 people". It passes where the value is missing, so the reply
 * never says "no watches in that fit".
 */
function withoutAttributesTheyLack(kb: KnowledgeBase, filters: ProductFilters): ProductFilters {
  const scope = scopeKeys(filters);
  if (!scope || !filters.attributes) return filters;
  const byKind = attributesByKind(kb);
  // Some kinds in the list without it are not ruled out by it either: "a tent and a sleeping bag for 2 people".
  const lacking = Object.keys(filters.attributes).filter((name) => filters.attributes![name]!.length && scope.some((key) => !byKind.get(key)?.has(name)));
  return lacking.length ? { ...filters, passIfMissing: [...new Set([...(filters.passIfMissing ?? []), ...lacking])] } : filters;
}

/** Whether some kind searched has the attribute a kind of constraint is on (price, brand and rating always apply). */
function appliesToScope(kb: KnowledgeBase, filters: ProductFilters, kind: ConstraintKind, vocabulary: ShopVocabulary): boolean {
  const names = attributeNames(vocabulary, kind);
  const scope = scopeKeys(filters);
  if (names.length === 0 || !scope) return true;
  const byKind = attributesByKind(kb);
  return scope.some((key) => names.some((name) => byKind.get(key)?.has(name)));
}

const NONE: ReadonlySet<string> = new Set();
/** The age from which a product is for grown-ups and teenagers too (a "12+" board game, a "14+" card game). */
const GROWN_UP_AGE = 12;
const childrensTypesCache = new WeakMap<KnowledgeBase, Set<string>>();

/** Types made only for children: every product states an age, and none from GROWN_UP_AGE (plush toys, building blocks, kites). */
function childrensTypes(kb: KnowledgeBase, vocabulary: ShopVocabulary): ReadonlySet<string> {
  let types = childrensTypesCache.get(kb);
  if (!types) {
    const names = attributeNames(vocabulary, 'age');
    const floors = new Map<string, number[]>();
    for (const product of kb.products()) {
      const type = kb.typeOf(product);
      if (type === undefined) continue;
      floors.set(type, [...(floors.get(type) ?? []), ageFloor(product, names)]);
    }
    types = new Set([...floors].filter(([, ages]) => names.length > 0 && ages.every((age) => age < GROWN_UP_AGE)).map(([type]) => type));
    childrensTypesCache.set(kb, types);
  }
  return types;
}

/** A short list is filled up with types at most this many margins below the best (tune, dev P@5 the same from 1.5 to 3; below 1.5 the camper van gift stays one stove). */
const FILL_MARGINS = 1.5;

/**
 * The first `count` types, and any after them that fit exactly as well as the last: a category's
 * gift texts give all its types one score ("christmas gift for my mother in law": nine kinds at
 * 0.557), and a cut through them would keep or drop kinds by the order of a tie.
 */
function withTies(types: readonly TypeScore[], count: number): TypeScore[] {
  if (types.length <= count) return [...types];
  // The order they come in: by score, the best over all of a type's texts, gift phrases included.
  const last = types[count - 1]!.score;
  let end = count;
  while (end < types.length && Math.abs(types[end]!.score - last) < 1e-6) end++;
  return types.slice(0, end);
}

/**
 * The chosen types, and the next candidates in order while the chosen ones have fewer products
 * meeting the filters than the list shows: a camper van gift with one camping stove under £100 is
 * shown camp chairs too, not one stove alone.
 */
function filledUp(kb: KnowledgeBase, chosen: TypeScore[], candidates: readonly TypeScore[], filters: ProductFilters, maxTypes: number, listLength: number): TypeScore[] {
  const out = [...chosen];
  const count = () => kb.countProducts({ ...filters, types: out.map((t) => t.type) }, listLength);
  // Counted again only when a type is added.
  let products = count();
  for (const candidate of candidates) {
    if (out.length >= maxTypes || products >= listLength) break;
    // A candidate with nothing meeting the filters adds nothing to the list: when no type has
    // anything, the search drops a constraint and says so.
    if (!out.some((t) => t.type === candidate.type) && kb.countProducts({ ...filters, types: [candidate.type] }, 1) > 0) {
      out.push(candidate);
      products = count();
    }
  }
  return out;
}

/**
 * Types by their mean score over several readings of one message (the whole, its clauses). A type
 * missing from a reading's nearest texts counts as that reading's lowest score; its evidence is
 * the text of the reading it fits best.
 */
function meanReading(kb: KnowledgeBase, vectors: readonly ArrayLike<number>[]): TypeScore[] {
  const readings = vectors.map((vector) => kb.categoriser!.classify(vector).types);
  const byType = new Map<string, TypeScore>();
  for (const reading of readings) for (const t of reading) if ((byType.get(t.type)?.score ?? -Infinity) < t.score) byType.set(t.type, t);
  return [...byType.values()]
    .map((best) => {
      const scores = readings.map((reading) => reading.find((t) => t.type === best.type)?.score ?? Math.min(...reading.map((t) => t.score)));
      return { ...best, score: scores.reduce((a, b) => a + b, 0) / readings.length };
    })
    .sort((a, b) => b.score - a.score || b.ownScore - a.ownScore);
}
