/**
 * A message that refines the conversation's last product request instead of making a new one:
 * "in blue", "under $50", "not Kestrel", "what about men's?", "in a medium", "cheapest first",
 * "cheaper", "something nicer". The request keeps what it asked before, and each kind of
 * constraint the follow-up states replaces that kind (a colour replaces the colour, a price the
 * price band), while what it rules out is added to what was ruled out.
 *
 *   readFollowUp('in blue', understand('in blue', vocabulary), last, vocabulary)
 *   // { understanding: last's filters with colour: ['blue', ...], applied: ['warm jacket', 'under $100', 'blue'] }
 *
 * Naming a kind or a category ("what about boots?") is a new request, as is an FAQ question:
 * the caller starts fresh then.
 */
import { hasActiveFilters } from '../catalog/product-filter.js';
import { lexicalTokens, understand, unreadWords, type QueryFilters, type QueryUnderstanding, type ShopVocabulary } from '../nlu/index.js';

/** What the session keeps of the last request that was answered with products. */
export interface LastRequest {
  /** The shopper's words that first asked for it (a follow-up's own words are not added). */
  text: string;
  /** What was searched for, follow-ups included. */
  understanding: QueryUnderstanding;
  /** Prices of the products shown last, for "cheaper" and "something nicer". */
  shownPrices: number[];
  /** Every product shown for this request since it was last changed, for "show me more". */
  shownIds: string[];
  /** When it was last answered (ms since the epoch). */
  at: number;
}

export interface FollowUp {
  understanding: QueryUnderstanding;
  /** The request as now searched, in the shopper's words: the request's spans and the follow-up's. */
  applied: string[];
  /** "Show me more": the same request, without the products already shown. */
  more?: boolean;
}

/** A follow-up refines only a request answered this recently; after that it reads as new. */
export const FOLLOW_UP_WITHIN_MS = 30 * 60 * 1000;

/** Words a refinement may use besides its constraints: "ok in green then", "what about men's?", "any in black instead?". */
const FILLER = 'what about how s first ok okay then tho though anything instead rather prefer actually hmm maybe only it them those these that in a an the colour color size brand version too also and but or with from by of';
let fillerTokens: Set<string> | undefined;

/** A question opening with these words asks about a product shown ("is the red one any good?"); "do you have it in red" and "what about men's?" refine. */
const ASKS_ABOUT_SHOWN = /^(?:why|is|are|was|were|does|did|who|where|when|which|will|would|should|has|have)\b/i;

/** "Cheaper" and "something nicer": a step down or up from the prices shown. */
const CHEAPER = /\b(?:cheaper|less expensive|more affordable|lower price[ds]?|too (?:expensive|pricey|dear|much))\b/i;
const PRICIER = /\b(?:nicer|fancier|pricier|more expensive|higher end|high end|better quality|more premium|posher)\b/i;

export function readFollowUp(message: string, understood: QueryUnderstanding, last: LastRequest | undefined, vocabulary: ShopVocabulary, now = Date.now()): FollowUp | undefined {
  if (!last || now - last.at > FOLLOW_UP_WITHIN_MS) return undefined;
  const { filters } = understood;
  if (asksForMore(message)) return { understanding: last.understanding, applied: appliedSpans(last.understanding, vocabulary), more: true };
  // A kind or a category named is a new request ("what about boots?"); so is a present.
  if (filters.types?.length || filters.category || understood.gift) return undefined;
  // "why is the blue one cheaper?", "is it for men?": a question about what was shown, not a narrower list.
  if (ASKS_ABOUT_SHOWN.test(message.trim())) return undefined;
  const cheaper = CHEAPER.test(message);
  const pricier = !cheaper && PRICIER.test(message);
  // No kind or category here, so any filter is a constraint on the last request's kind.
  const states = hasActiveFilters(filters) || understood.sort !== 'relevance' || cheaper || pricier;
  if (!states) return undefined;
  // Every other word of it must be read as a constraint or be filler: "how much is shipping under
  // $50" is a question of its own.
  fillerTokens ??= new Set(lexicalTokens(FILLER));
  const relative = lexicalTokens([message.match(CHEAPER)?.[0], message.match(PRICIER)?.[0]].filter(Boolean).join(' '));
  const unread = unreadWords(message, understood).filter((token) => !fillerTokens!.has(token) && !relative.includes(token));
  if (unread.length > 0) return undefined;

  const before = last.understanding;
  const replaced = new Set<ConstraintKind>();
  const merged: QueryFilters = { ...before.filters };
  if (filters.minPrice !== undefined || filters.maxPrice !== undefined) {
    replaced.add('price');
    delete merged.minPrice;
    delete merged.maxPrice;
    if (filters.minPrice !== undefined) merged.minPrice = filters.minPrice;
    if (filters.maxPrice !== undefined) merged.maxPrice = filters.maxPrice;
  } else if ((cheaper || pricier) && last.shownPrices.length > 0) {
    replaced.add('price');
    delete merged.minPrice;
    delete merged.maxPrice;
    // Below the cheapest shown, or above the dearest, at a round price a shopper would say:
    // "under $60" after $64.99, "over $160" after $154.99.
    if (cheaper) merged.maxPrice = roundPriceBelow(Math.min(...last.shownPrices));
    else merged.minPrice = roundPriceAbove(Math.max(...last.shownPrices));
  }
  if (filters.brands?.length) {
    replaced.add('brand');
    merged.brands = [...filters.brands];
    merged.excludedBrands = without(merged.excludedBrands, filters.brands);
  }
  if (filters.excludedBrands?.length) {
    merged.excludedBrands = union(merged.excludedBrands, filters.excludedBrands);
    merged.brands = without(merged.brands, filters.excludedBrands);
  }
  for (const [name, values] of Object.entries(filters.attributes ?? {})) {
    if (values.length === 0) continue;
    replaced.add(`attribute:${name}`);
    merged.attributes = { ...merged.attributes, [name]: [...values] };
    merged.excludedAttributes = withoutValues(merged.excludedAttributes, name, values);
    // Said outright ("what about men's?"), a gender is no longer only a recipient's fit.
    merged.passIfMissing = filters.passIfMissing?.includes(name) ? union(merged.passIfMissing, [name]) : without(merged.passIfMissing, [name]);
  }
  for (const [name, values] of Object.entries(filters.excludedAttributes ?? {})) {
    merged.excludedAttributes = { ...merged.excludedAttributes, [name]: union(merged.excludedAttributes?.[name], values) ?? [] };
    const wanted = without(merged.attributes?.[name], values);
    if (merged.attributes) merged.attributes = { ...merged.attributes };
    if (wanted?.length) merged.attributes![name] = wanted;
    else if (merged.attributes) delete merged.attributes[name];
  }
  if (filters.excludedTerms?.length) merged.excludedTerms = union(merged.excludedTerms, filters.excludedTerms);
  if (filters.excludedTypes?.length) merged.excludedTypes = union(merged.excludedTypes, filters.excludedTypes);
  if (filters.minRating !== undefined) {
    replaced.add('rating');
    merged.minRating = filters.minRating;
  }
  const sort = understood.sort !== 'relevance' ? understood.sort : before.sort;
  if (understood.sort !== 'relevance') replaced.add('sort');

  // The words that stood for what was replaced are no longer what the request asks.
  const kept = before.matched.filter((span) => !kindsOf(understand(span, vocabulary)).some((kind) => replaced.has(kind)));
  const matched = [...new Set([...kept, ...understood.matched])];
  const understanding: QueryUnderstanding = {
    ...before,
    filters: pruned(merged),
    sort,
    matched,
  };
  // A word ruled out before and asked for now ("not red", then "in red") is no longer ruled out.
  const askedAgain = understood.matched.filter((span) => !(understood.ruledOut ?? []).some((word) => word.toLowerCase() === span.toLowerCase()));
  const ruledOut = union(without(before.ruledOut, askedAgain), understood.ruledOut ?? []);
  const lacking = union(without(before.lacking, askedAgain), understood.lacking ?? []);
  if (ruledOut.length) understanding.ruledOut = ruledOut;
  else delete understanding.ruledOut;
  if (lacking.length) understanding.lacking = lacking;
  else delete understanding.lacking;
  return { understanding, applied: appliedSpans(understanding, vocabulary) };
}

/** The request's constraints in the shopper's words: what was ruled out reads as such ("not kestrel"), a price as its band ("under 60"). */
function appliedSpans(understanding: QueryUnderstanding, vocabulary: ShopVocabulary): string[] {
  const ruledOut = new Set((understanding.ruledOut ?? []).map((word) => word.toLowerCase()));
  const band = priceBand(understanding.filters);
  // Only spans that stand for a constraint: "do you have" in "do you have it in blue?" is none.
  const spans = [...new Set(understanding.matched)].filter((span) => {
    const alone = understand(span, vocabulary);
    return standsForAConstraint(alone) && !(band && kindsOf(alone).includes('price'));
  });
  return [...spans.map((span) => (ruledOut.has(span.toLowerCase()) ? `not ${span}` : span)), ...(band ? [band] : [])];
}

/** Words of "show me more", "any others?", "what else have you got", "next page pls". */
const MORE_WORDS = 'show me more any other others else what have you got let see next page some options ones please pls thanks ok okay can i';
const MORE_CUES = 'more other others else next';
let moreTokens: { words: Set<string>; cues: Set<string> } | undefined;

/** The whole message asks to see more of the same: every word is one of "show me more"'s, one of them saying "more". */
function asksForMore(message: string): boolean {
  moreTokens ??= { words: new Set(lexicalTokens(MORE_WORDS)), cues: new Set(lexicalTokens(MORE_CUES)) };
  const tokens = lexicalTokens(message);
  return tokens.length > 0 && tokens.length <= 6 && tokens.some((token) => moreTokens!.cues.has(token)) && tokens.every((token) => moreTokens!.words.has(token));
}

type ConstraintKind = 'price' | 'brand' | 'rating' | 'sort' | `attribute:${string}`;

/** The kinds of constraint a span of the request stood for, read alone ("under $100": price). */
function kindsOf(alone: QueryUnderstanding): ConstraintKind[] {
  const kinds: ConstraintKind[] = [];
  if (alone.filters.minPrice !== undefined || alone.filters.maxPrice !== undefined) kinds.push('price');
  if (alone.filters.brands?.length) kinds.push('brand');
  if (alone.filters.minRating !== undefined) kinds.push('rating');
  if (alone.sort !== 'relevance') kinds.push('sort');
  for (const [name, values] of Object.entries(alone.filters.attributes ?? {})) if (values.length) kinds.push(`attribute:${name}`);
  return kinds;
}

/** A span read alone sets a filter, an order or something ruled out. */
function standsForAConstraint(alone: QueryUnderstanding): boolean {
  return hasActiveFilters(alone.filters) || alone.sort !== 'relevance' || Boolean(alone.ruledOut?.length);
}

function union(a: readonly string[] | undefined, b: readonly string[]): string[] {
  return [...new Set([...(a ?? []), ...b])];
}

function without(list: readonly string[] | undefined, removed: readonly string[]): string[] | undefined {
  if (!list) return undefined;
  const gone = new Set(removed.map((value) => value.toLowerCase()));
  return list.filter((value) => !gone.has(value.toLowerCase()));
}

function withoutValues(map: Record<string, string[]> | undefined, name: string, values: readonly string[]): Record<string, string[]> | undefined {
  if (!map?.[name]) return map;
  const left = without(map[name], values)!;
  const copy = { ...map };
  if (left.length) copy[name] = left;
  else delete copy[name];
  return copy;
}

/** No empty lists or maps left behind: an empty `brands` would otherwise read as "no brand at all". */
function pruned(filters: QueryFilters): QueryFilters {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    if (value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0) continue;
    out[key] = value;
  }
  return out as QueryFilters;
}

/** "under $60", "over $160", "between $20 and $40": the band searched, as the shopper would say it (no currency: the context is data, not a reply). */
function priceBand({ minPrice, maxPrice }: QueryFilters): string | undefined {
  if (minPrice !== undefined && maxPrice !== undefined) return `between ${minPrice} and ${maxPrice}`;
  if (maxPrice !== undefined) return `under ${maxPrice}`;
  if (minPrice !== undefined) return `over ${minPrice}`;
  return undefined;
}

/** Steps a price band moves in: 5 under 100, 10 under 500, 50 above. */
const step = (price: number) => (price < 100 ? 5 : price < 500 ? 10 : 50);

/** The highest round price below `price` (60 below 64.99, 35 below 39.99); a cent below it when there is none (4.98 below 4.99). */
export function roundPriceBelow(price: number): number {
  const below = price - 0.01;
  const round = Math.floor(below / step(below)) * step(below);
  return round > 0 ? round : Math.round((price - 0.01) * 100) / 100;
}

/** The lowest round price above `price` (160 above 154.99, 70 above 65). */
export function roundPriceAbove(price: number): number {
  return (Math.floor(price / step(price)) + 1) * step(price);
}
