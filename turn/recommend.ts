/**
 * Products to suggest from what this shopper did in the conversation (viewed, clicked, put in the
 * cart), most recent first, and from what other shoppers did: candidates from three sources,
 * merged, filtered by the shop's rules and diversified, each with a reason the data proves.
 *
 *   recommend(kb, { viewed: ['RUN-0002'], clicked: [], cart: [] }, store, { count: 6 })
 *   // [{ product, score, source: 'together', reason: '3 shoppers who looked at the ... also looked at this' }, ...]
 *
 * Sources:
 * - neighbours in the product index of each product the shopper engaged with ("because you viewed X");
 * - products other shoppers clicked or carted in the same conversations as it (counted events);
 * - products shoppers engaged with in the last 7 days, the most recent counting most (cold start,
 *   and to fill; trending products lead).
 * Rules: in stock, not already in the cart, not the products the shopper already engaged with (nor
 * their other colours), one colour of a model. The list is chosen by maximal marginal relevance, so
 * it is not five of one kind either.
 */
import type { KnowledgeBase, PopularProduct, Product } from '../catalog/index.js';
import { capitalised } from './product-claims.js';
import { modelKey, sameModel } from './product-questions.js';

/** What the shopper did in this conversation, each list oldest first (turn/session.ts). */
export interface Behaviour {
  viewed: readonly string[];
  clicked: readonly string[];
  cart: readonly string[];
}

/** Counts of what shoppers did, from the event log (catalog/store.ts implements it). */
export interface EventCounts {
  chosenTogether(productId: string, limit?: number, exceptConversation?: string): { productId: string; shoppers: number; carted: number }[];
  popularSince(since: string, limit?: number, now?: string): PopularProduct[];
}

export type RecommendationSource = 'viewed' | 'together' | 'popular';

export interface Recommendation {
  product: Product;
  score: number;
  source: RecommendationSource;
  reason: string;
}

export interface RecommendOptions {
  count?: number;
  /** The conversation asking: its own events are not "other shoppers". */
  conversationId?: string;
  now?: number;
  /** Weight of relevance against novelty in maximal marginal relevance (1: relevance only). Default 0.7. */
  lambda?: number;
}

/** How much each kind of act says about what the shopper wants, and how fast older acts fade (per step back). */
const ACT_WEIGHTS = { cart: 3, clicked: 2, viewed: 1 } as const;
const RECENCY_DECAY = 0.7;
/** The shopper's most telling recent acts that candidates are drawn from. */
const SIGNALS = 5;
const POPULAR_DAYS = 7;

/**
 * What shoppers chose in the last week, hottest first (CatalogStore.popularSince), and each product's
 * popularity as a share of the hottest's (0..1, on a log scale): the one reading of popularity that
 * suggestions and the click model's `popular` feature share.
 */
export function recentPopularity(events: EventCounts, limit: number, now: number): { rows: PopularProduct[]; share: Map<string, number> } {
  const rows = events.popularSince(new Date(now - POPULAR_DAYS * 24 * 3600 * 1000).toISOString(), limit, new Date(now).toISOString());
  const hottest = Math.max(1, ...rows.map((row) => row.heat));
  return { rows, share: new Map(rows.map((row) => [row.productId, Math.log1p(row.heat) / Math.log1p(hottest)])) };
}

interface Signal {
  productId: string;
  act: keyof typeof ACT_WEIGHTS;
  weight: number;
}

/** The shopper's acts, weighted by kind and faded by how many acts of that kind came after. */
export function behaviourSignals(behaviour: Behaviour): Signal[] {
  const signals: Signal[] = [];
  for (const act of ['cart', 'clicked', 'viewed'] as const) {
    const list = behaviour[act];
    list.forEach((productId, i) => signals.push({ productId, act, weight: ACT_WEIGHTS[act] * RECENCY_DECAY ** (list.length - 1 - i) }));
  }
  // One signal per product, its strongest.
  const best = new Map<string, Signal>();
  for (const signal of signals) if ((best.get(signal.productId)?.weight ?? 0) < signal.weight) best.set(signal.productId, signal);
  return [...best.values()].sort((a, b) => b.weight - a.weight).slice(0, SIGNALS);
}

interface Candidate {
  product: Product;
  score: number;
  /** The strongest reason found for it, by source. */
  best: { source: RecommendationSource; strength: number; reason: string };
}

export function recommend(kb: KnowledgeBase, behaviour: Behaviour, events: EventCounts | undefined, options: RecommendOptions = {}): Recommendation[] {
  const { count = 6, conversationId, now = Date.now(), lambda = 0.7 } = options;
  const signals = behaviourSignals(behaviour);
  const engaged = new Set([...behaviour.viewed, ...behaviour.clicked, ...behaviour.cart]);
  const inCart = new Set(behaviour.cart);
  const candidates = new Map<string, Candidate>();
  const add = (product: Product | undefined, score: number, source: RecommendationSource, reason: string) => {
    if (!product || engaged.has(product.id) || inCart.has(product.id) || product.inStock === false || score <= 0) return;
    const candidate = candidates.get(product.id) ?? { product, score: 0, best: { source, strength: -1, reason } };
    candidate.score += score;
    // Other shoppers' counted choices say more than likeness, likeness more than popularity.
    const strength = score + SOURCE_PREFERENCE[source];
    if (strength > candidate.best.strength) candidate.best = { source, strength, reason };
    candidates.set(product.id, candidate);
  };

  for (const signal of signals) {
    const seen = kb.product(signal.productId);
    if (!seen) continue;
    for (const hit of kb.similarProducts(seen.id, 12, { excludeIds: [...inCart] })) {
      add(hit.product, signal.weight * hit.cosine, 'viewed', signal.act === 'cart' ? `similar to the ${seen.title} in your cart` : `because you viewed the ${seen.title}`);
    }
    for (const together of events?.chosenTogether(seen.id, 12, conversationId) ?? []) {
      const reason = together.carted > 0 ? `added to the cart with the ${seen.title} by ${shoppers(together.carted)}` : `${capitalised(shoppers(together.shoppers))} who looked at the ${seen.title} also looked at this`;
      add(kb.product(together.productId), signal.weight * (1 + Math.log1p(together.shoppers)), 'together', reason);
    }
  }
  // Ranked by heat (recent choices count more: what is trending now); said by the week's counts.
  const { rows: popular, share } = events ? recentPopularity(events, 20, now) : { rows: [], share: new Map<string, number>() };
  for (const item of popular) {
    const reason = item.carted > 0 ? `${capitalised(shoppers(item.carted))} put it in their cart this week` : `${capitalised(shoppers(item.shoppers))} looked at it this week`;
    add(kb.product(item.productId), 0.5 * share.get(item.productId)!, 'popular', reason);
  }
  return diversified(onePerModel([...candidates.values()], [...engaged].flatMap((id) => kb.product(id) ?? [])), count, lambda, kb).map(({ product, score, best }) => ({ product, score, source: best.source, reason: best.reason }));
}

/**
 * A model's colours are one suggestion, not several: its best-scored colour stands for it, and a model
 * the shopper already engaged with is not suggested again in another colour (its page shows them).
 */
function onePerModel(candidates: Candidate[], engaged: readonly Product[]): Candidate[] {
  const engagedModels = new Set(engaged.map(modelKey));
  const best = new Map<string, Candidate>();
  for (const candidate of candidates) {
    const key = modelKey(candidate.product);
    if (engagedModels.has(key)) continue;
    const kept = best.get(key);
    if (!kept || kept.score < candidate.score) best.set(key, candidate);
  }
  return [...best.values()];
}

const SOURCE_PREFERENCE: Record<RecommendationSource, number> = { together: 2, viewed: 1, popular: 0 };

/**
 * Maximal marginal relevance: each next pick is the candidate with the best mix of its own score
 * (scaled to the best) and its difference from those already picked. Likeness is the catalog's:
 * the same model (title and brand) 1, the same type 0.5, the same brand 0.2.
 */
export function diversified<T extends { product: Product; score: number }>(candidates: readonly T[], count: number, lambda: number, kb: KnowledgeBase): T[] {
  const top = Math.max(0, ...candidates.map((candidate) => candidate.score)) || 1;
  const left = [...candidates].sort((a, b) => b.score - a.score);
  const picked: T[] = [];
  while (picked.length < count && left.length > 0) {
    let bestIndex = 0;
    let bestValue = -Infinity;
    left.forEach((candidate, i) => {
      const likeness = Math.max(0, ...picked.map((other) => alike(candidate.product, other.product, kb)));
      const value = lambda * (candidate.score / top) - (1 - lambda) * likeness;
      if (value > bestValue) [bestIndex, bestValue] = [i, value];
    });
    picked.push(left.splice(bestIndex, 1)[0]!);
  }
  return picked;
}

function alike(a: Product, b: Product, kb: KnowledgeBase): number {
  if (sameModel(a, b)) return 1;
  const type = kb.typeOf(a);
  if (type && type === kb.typeOf(b)) return 0.5;
  if (a.brand && a.brand === b.brand) return 0.2;
  return 0;
}

const shoppers = (n: number) => `${n} shopper${n === 1 ? '' : 's'}`;
