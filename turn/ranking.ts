/**
 * The online click model in a running shop: ranks each product list for the shopper's session,
 * shows a share of lists in a random order (exploration), logs every list with its features and
 * propensities, and learns from each labelled impression as it happens:
 * - a click or cart add on a product of the last list is a positive, learnt at once;
 * - when the next list replaces it, the products not clicked are negatives.
 * Every update is saved to the store as the turn ends (an analytics write, bot/analytics.ts), so a restart loses nothing learnt.
 *
 *   const ranking = await ShopRanking.open(store, { explore: 0.1 });
 *   const turn = ranking.forTurn(kb, behaviour, conversationId);      // decide() reranks with it
 *   ranking.learnFromClick(session, 'RUN-0002');                         // on product.click / cart.add
 */
import { writeNow, type DeferWrite } from './writes.js';
import { randomUUID } from 'node:crypto';
import { bestScore, FtrlModel, OnlineRanker, positionFeature, presentWithExploration, productText, teacherGaps, type CatalogStore, type ClickTeacher, type FtrlParams, type KnowledgeBase, type ProductHit, type RankerOptions, type RankingSignals, type ScoredCandidate } from '../catalog/index.js';
import { behaviourSignals, recentPopularity, type Behaviour } from './recommend.js';

/** A list shown and not yet fully learnt from: what the session keeps of it (small: up to 6 products). */
export interface PendingSlate {
  slate: string;
  items: { productId: string; position: number; features: Record<string, number>; offset: number; clicked?: boolean }[];
}

/** What a turn's ranking step reports with a list: for the log and for learning. */
export interface SlateRanking {
  slate: string;
  explored: boolean;
  items: { productId: string; position: number; propensity: number; features: Record<string, number>; offset: number }[];
}

/** The ranking a turn uses: built for one shopper's session. */
export interface TurnRanking {
  /** The shopper's session vector, when they engaged with anything: a source of candidates. */
  sessionVector?: ArrayLike<number>;
  /**
   * Candidates in the click model's order (the search's order while it has learnt nothing). With
   * a click teacher (a GPU shop's CTR_MODEL), each is first scored for `query` by it: a feature.
   */
  rank<T extends ProductHit>(hits: readonly T[], query?: string): Promise<T[]>;
  /** The list as shown (perhaps shuffled, to explore), with what the log needs. */
  present<T extends ProductHit>(hits: readonly T[]): { shown: T[]; ranking: SlateRanking };
}

/** Popularity is read from the event log at most this often (it changes slowly; the query groups a week of events). */
const POPULARITY_TTL_MS = 60_000;

export class ShopRanking {
  private popularity: { at: number; values: Map<string, number> } | undefined;

  private constructor(
    private readonly store: CatalogStore,
    readonly ranker: OnlineRanker,
    private readonly random: () => number,
    /** The click cross-encoder, scoring candidates online (only where a GPU makes that affordable: bot/startup.ts). */
    readonly teacher?: ClickTeacher,
  ) {}

  /** The model as last saved in the store (an untrained one for a new shop). */
  static open(store: CatalogStore, options: Partial<RankerOptions & { ftrl: Partial<FtrlParams>; random: () => number; teacher: ClickTeacher }> = {}): ShopRanking {
    const { ftrl, random, teacher, ...rankerOptions } = options;
    const model = new FtrlModel(ftrl, store.rankerCoordinates());
    return new ShopRanking(store, new OnlineRanker(model, rankerOptions), random ?? Math.random, teacher);
  }

  forTurn(kb: KnowledgeBase, behaviour: Behaviour, conversationId?: string, now = Date.now()): TurnRanking {
    const signals = this.signals(kb, behaviour, conversationId, now);
    const { ranker, teacher } = this;
    // The candidates last ranked, as scored: the products shown are logged with the features they
    // were ranked by, not scored again.
    let scored = new Map<string, ScoredCandidate>();
    return {
      ...(signals.sessionVector ? { sessionVector: signals.sessionVector } : {}),
      rank: async (hits, query) => {
        const taught = teacher && query && hits.length > 1 ? await teacherFeatures(teacher, query, hits) : undefined;
        const ranked = ranker.scoreAll(hits, signals, kb, taught);
        scored = new Map(ranked.map((candidate) => [candidate.hit.product.id, candidate]));
        return ranked.map((candidate) => candidate.hit);
      },
      present: (hits) => {
        const { shown, propensities, explored } = presentWithExploration(hits, ranker.options.explore, this.random);
        const reference = bestScore(hits);
        const items = shown.map((hit, i) => {
          const { features, offset } = scored.get(hit.product.id) ?? ranker.score(hit, signals, kb, reference);
          return { productId: hit.product.id, position: i + 1, propensity: propensities[i]!, features, offset };
        });
        return { shown, ranking: { slate: randomUUID(), explored, items } };
      },
    };
  }

  /**
   * Logs a list shown and makes it the one clicks are credited to; the list it replaces is learnt
   * from first (its products not clicked are negatives).
   */
  shown(session: { slate?: PendingSlate }, conversationId: string, query: string, ranking: SlateRanking, defer: DeferWrite = writeNow): void {
    this.settle(session, defer);
    defer('logged list', () => this.store.recordSlate({ conversationId, query, slate: ranking.slate, explored: ranking.explored, items: ranking.items }));
    session.slate = { slate: ranking.slate, items: ranking.items.map(({ productId, position, features, offset }) => ({ productId, position, features, offset })) };
  }

  /** A click or cart add: a positive for that product of the last list, learnt once. Returns whether it was in it. */
  learnFromClick(session: { slate?: PendingSlate }, productId: string, defer: DeferWrite = writeNow): boolean {
    const item = session.slate?.items.find((candidate) => candidate.productId === productId);
    if (!item || item.clicked) return false;
    item.clicked = true;
    this.learn(item, true, defer);
    return true;
  }

  /** The last list's products not clicked, learnt as negatives; the list is then done. */
  settle(session: { slate?: PendingSlate }, defer: DeferWrite = writeNow): void {
    for (const item of session.slate?.items ?? []) if (!item.clicked) this.learn(item, false, defer);
    delete session.slate;
  }

  /** The model learns at once (the next turn ranks with it); saving what changed is an analytics write. */
  private learn(item: PendingSlate['items'][number], clicked: boolean, defer: DeferWrite): void {
    const changed = this.ranker.model.update({ ...item.features, [positionFeature(item.position)]: 1 }, clicked, item.offset);
    defer('click model', () => this.store.saveRankerCoordinates(changed));
  }

  /** What the session says about candidates: read once per turn. */
  private signals(kb: KnowledgeBase, behaviour: Behaviour, conversationId: string | undefined, now: number): RankingSignals {
    const acts = behaviourSignals(behaviour);
    const popularity = this.popularityAt(now);
    if (acts.length === 0) return { typeShare: new Map(), brandShare: new Map(), together: new Map(), popularity };
    const sessionVector = new Float32Array(kb.productIndex.dimensions);
    const typeShare = new Map<string, number>();
    const brandShare = new Map<string, number>();
    const together = new Map<string, number>();
    const prices: { price: number; weight: number }[] = [];
    let total = 0;
    for (const act of acts) {
      const product = kb.product(act.productId);
      const vector = product && kb.productVector(product.id);
      if (!product || !vector) continue;
      total += act.weight;
      for (let i = 0; i < vector.length; i++) sessionVector[i]! += act.weight * vector[i]!;
      const type = kb.typeOf(product);
      if (type) typeShare.set(type, (typeShare.get(type) ?? 0) + act.weight);
      if (product.brand) brandShare.set(product.brand, (brandShare.get(product.brand) ?? 0) + act.weight);
      if (typeof product.price === 'number') prices.push({ price: product.price, weight: act.weight });
      for (const other of this.store.chosenTogether(product.id, 20, conversationId)) together.set(other.productId, Math.max(together.get(other.productId) ?? 0, other.shoppers));
    }
    if (total === 0) return { typeShare, brandShare, together, popularity };
    for (const map of [typeShare, brandShare]) for (const [key, weight] of map) map.set(key, weight / total);
    const norm = Math.hypot(...sessionVector);
    return {
      ...(norm > 0 ? { sessionVector: sessionVector.map((x) => x / norm) } : {}),
      typeShare,
      brandShare,
      together,
      popularity,
      ...(prices.length ? { typicalPrice: weightedMedian(prices) } : {}),
    };
  }

  private popularityAt(now: number): Map<string, number> {
    if (this.popularity && now - this.popularity.at < POPULARITY_TTL_MS) return this.popularity.values;
    const values = recentPopularity(this.store, 200, now).share;
    this.popularity = { at: now, values };
    return values;
  }
}

/** The teacher's feature for each candidate: its click probability for the query, as the gap to the best's. */
async function teacherFeatures(teacher: ClickTeacher, query: string, hits: readonly ProductHit[]): Promise<Map<string, number>> {
  const scores = await teacher.score(query, hits.map((hit) => productText(hit.product)));
  return teacherGaps(new Map(hits.map((hit, i) => [hit.product.id, scores[i]!])));
}

function weightedMedian(values: readonly { price: number; weight: number }[]): number {
  const sorted = [...values].sort((a, b) => a.price - b.price);
  const half = sorted.reduce((sum, v) => sum + v.weight, 0) / 2;
  let run = 0;
  for (const v of sorted) {
    run += v.weight;
    if (run >= half) return v.price;
  }
  return sorted[sorted.length - 1]!.price;
}
