/**
 * The click model's ranking: the search's relevance as a prior, and an FTRL-Proximal logistic
 * regression over the candidate's features in this shopper's session, learnt online from
 * impressions and clicks (turn/ranking.ts feeds it); and exploration, a share of lists shuffled
 * with each position's propensity logged.
 */
import { dot } from '../../nlu/index.js';
import type { FtrlModel } from '../ftrl.js';
import type { KnowledgeBase, ProductHit } from '../knowledge-base.js';

/**
 * What this shopper's session says about a candidate, computed once per turn (turn/ranking.ts):
 * the ranker's context features read from it.
 */
export interface RankingSignals {
  /** Unit vector of the products the shopper engaged with, weighted by act and recency; absent with none. */
  sessionVector?: ArrayLike<number>;
  /** Each product type's share of the shopper's weighted acts (0..1). */
  typeShare: ReadonlyMap<string, number>;
  /** Each brand's share of the shopper's weighted acts (0..1). */
  brandShare: ReadonlyMap<string, number>;
  /** The weighted median price of what they engaged with. */
  typicalPrice?: number;
  /** Product id -> other shoppers who chose it together with one this shopper engaged with. */
  together: ReadonlyMap<string, number>;
  /** Product id -> its recent popularity, 1 for the most chosen product of the week. */
  popularity: ReadonlyMap<string, number>;
}

export const NO_SIGNALS: RankingSignals = { typeShare: new Map(), brandShare: new Map(), together: new Map(), popularity: new Map() };

/**
 * The click model's features of one candidate in one context. Each lies in about [-1, 1], so one
 * learning rate fits all. `item:` lets the model remember a product that is clicked more (or less)
 * than its features say; the shown position (`pos:`) is added only when learning, so that the
 * weights explain away position bias and ranking compares candidates as if at one position.
 */
export function rankingFeatures(hit: ProductHit, signals: RankingSignals, kb: KnowledgeBase, best = hit.score, teacherGap?: number): Record<string, number> {
  const { product } = hit;
  // Relevance as the gap to the best candidate (0 or below): a product's absolute score says as
  // much about the query's wording as about the product, and a feature that is positive on every
  // candidate would learn the overall click rate instead of what tells candidates apart.
  const features: Record<string, number> = { bias: 1, relevance: hit.score - best, [`item:${product.id}`]: 1 };
  if (signals.sessionVector) {
    const vector = kb.productVector(product.id);
    if (vector) features.session = dot(vector, signals.sessionVector);
  }
  const type = kb.typeOf(product);
  if (type && signals.typeShare.has(type)) features['same-type'] = signals.typeShare.get(type)!;
  if (product.brand && signals.brandShare.has(product.brand)) features['same-brand'] = signals.brandShare.get(product.brand)!;
  if (signals.typicalPrice && typeof product.price === 'number' && product.price > 0) {
    // 1 at the typical price, 0.5 at double or half of it.
    features['price-fit'] = 1 / (1 + Math.abs(Math.log2(product.price / signals.typicalPrice)));
  }
  const together = signals.together.get(product.id);
  if (together) features.together = Math.min(1, Math.log1p(together) / Math.log1p(TOGETHER_SCALE));
  const popularity = signals.popularity.get(product.id);
  if (popularity) features.popular = popularity;
  const rating = Number(product.attributes?.rating);
  // Centred on 4 stars, the middle of most catalogs' ratings, for the same reason.
  if (product.attributes?.rating !== undefined && Number.isFinite(rating)) features.rating = Math.max(-1, Math.min(1, rating - 4));
  if (product.inStock === false) features['out-of-stock'] = 1;
  if (teacherGap !== undefined) features[TEACHER_FEATURE] = teacherGap;
  return features;
}

/**
 * The click cross-encoder's view of a candidate (`npm run finetune -- --ctr`): its click
 * probability for the query, as the gap to the best candidate's (0 or below), like relevance.
 * Too slow for a CPU turn; a shop with a GPU scores candidates online (CTR_MODEL), and
 * `npm run eval -- --ranking --teacher DIR` adds it to logged lists offline to measure it.
 */
export const TEACHER_FEATURE = 'teacher';

/** Scores a query against product texts: the click cross-encoder (nlu OnnxCrossEncoder). */
export interface ClickTeacher {
  readonly modelId: string;
  score(query: string, texts: readonly string[]): Promise<number[]>;
}

/** Each candidate's teacher feature: its click probability's gap to the best candidate's. */
export function teacherGaps(scores: ReadonlyMap<string, number>): Map<string, number> {
  const best = Math.max(...scores.values());
  return new Map([...scores].map(([id, score]) => [id, score - best]));
}

/** Shoppers choosing two products together from which the feature is 1 (more count as this many). */
const TOGETHER_SCALE = 20;

/** The feature naming the position a product was shown at (1-based), learnt from, never ranked by. */
export const positionFeature = (position: number) => `pos:${Math.min(position, 10)}`;

export interface RankerOptions {
  /**
   * The logit every candidate starts from is `priorLogit` plus this times its fused relevance's gap
   * to the best candidate's: an untrained ranker keeps the search's order, and the weights learn
   * what clicks add to it. Default 8: a 0.05 gap (typical between neighbours in a list) is 0.4 of a logit.
   */
  relevanceWeight: number;
  /**
   * The best candidate's prior logit: -2 is a 12% chance of a click, about what the first card of
   * a list gets. Starting near the truth, the first impressions teach the features what tells
   * products apart, not the overall click rate (which `bias` then refines).
   */
  priorLogit: number;
  /**
   * The share of lists shown in a random order (uniformly shuffled within the products shown),
   * with the probability of each product's position logged as its propensity, so that clicks
   * can be credited without the bias of position and an offline estimate can weigh logged
   * clicks for another ranker (`npm run eval -- --ranking`). Default 0.1.
   */
  explore: number;
}

export const defaultRankerOptions: RankerOptions = { relevanceWeight: 8, priorLogit: -2, explore: 0.1 };

export interface ScoredCandidate<T extends ProductHit = ProductHit> {
  hit: T;
  features: Record<string, number>;
  /** The prior logit from the search's relevance. */
  offset: number;
  logit: number;
}

/** Ranks candidates by the click model: the search's relevance as a prior, plus what clicks taught. */
export class OnlineRanker {
  readonly options: RankerOptions;

  constructor(readonly model: FtrlModel, options: Partial<RankerOptions> = {}) {
    this.options = { ...defaultRankerOptions, ...options };
    if (!(this.options.explore >= 0 && this.options.explore <= 1)) throw new RangeError(`ranker: explore must be a share between 0 and 1, got ${this.options.explore}`);
    if (!(this.options.relevanceWeight >= 0)) throw new RangeError(`ranker: relevanceWeight must be at least 0, got ${this.options.relevanceWeight}`);
  }

  /** `best`: the best fused relevance among the candidates ranked together; `teacherGap`: the hit's teacher feature, when scored. */
  score<T extends ProductHit>(hit: T, signals: RankingSignals, kb: KnowledgeBase, best: number, teacherGap?: number): ScoredCandidate<T> {
    const features = rankingFeatures(hit, signals, kb, best, teacherGap);
    const offset = this.options.priorLogit + this.options.relevanceWeight * (hit.score - best);
    return { hit, features, offset, logit: this.model.logit(features, offset) };
  }

  /** The candidates scored, best first (ties keep the search's order). `teacher`: product id -> teacher feature (`teacherGaps`). */
  scoreAll<T extends ProductHit>(hits: readonly T[], signals: RankingSignals, kb: KnowledgeBase, teacher?: ReadonlyMap<string, number>): ScoredCandidate<T>[] {
    const best = bestScore(hits);
    return hits
      .map((hit, i) => ({ i, scored: this.score(hit, signals, kb, best, teacher?.get(hit.product.id)) }))
      .sort((a, b) => b.scored.logit - a.scored.logit || a.i - b.i)
      .map(({ scored }) => scored);
  }

  /** The candidates best first (ties keep the search's order). */
  rank<T extends ProductHit>(hits: readonly T[], signals: RankingSignals, kb: KnowledgeBase): T[] {
    return this.scoreAll(hits, signals, kb).map((scored) => scored.hit);
  }

}

export function bestScore(hits: readonly ProductHit[]): number {
  return hits.reduce((best, hit) => Math.max(best, hit.score), -Infinity);
}

export interface Presented<T> {
  shown: T[];
  /** For each shown item, the probability that the logging policy put it at the position it has. */
  propensities: number[];
  explored: boolean;
}

/**
 * The order a list is shown in: as ranked, or with probability `share` uniformly shuffled. A
 * product's propensity at its shown position is (1 - share) if that is where the ranker put it
 * (0 otherwise) plus share / k.
 */
export function presentWithExploration<T>(ranked: readonly T[], share: number, random: () => number = Math.random): Presented<T> {
  const k = ranked.length;
  const explored = k > 1 && share > 0 && random() < share;
  const shown = [...ranked];
  if (explored) {
    for (let i = k - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [shown[i], shown[j]] = [shown[j]!, shown[i]!];
    }
  }
  const propensities = shown.map((item, position) => (k <= 1 ? 1 : (ranked[position] === item ? 1 - share : 0) + share / k));
  return { shown, propensities, explored };
}
