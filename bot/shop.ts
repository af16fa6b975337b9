/**
 * What a turn reads: the encoder, the knowledge base and its vocabulary, held as one
 * immutable snapshot. Replacing the snapshot is a single assignment, so a turn that
 * already took the old one finishes on it and the next turn sees the new one whole.
 * Turns take the snapshot with `use()`, which counts them, so whoever replaces a
 * snapshot can wait for its last turn (`drain`) before freeing its model.
 *
 *   const shop = new Shop({ encoder, kb, vocabulary }, store);
 *   await shop.use(async ({ kb, encoder }) => ...);   // stable for the whole turn
 *   const old = shop.replace(next); await shop.drain(old); await old.encoder.dispose();
 */
import type { KnowledgeBase, CatalogStore } from '../catalog/index.js';
import type { Encoder, ShopVocabulary, SpellingCorrector } from '../nlu/index.js';
import type { DecisionOptions } from '../turn/decide.js';
import type { ShopRanking } from '../turn/ranking.js';

export interface ShopSnapshot {
  encoder: Encoder;
  kb: KnowledgeBase;
  vocabulary: ShopVocabulary;
  spelling?: SpellingCorrector;
}

export class Shop {
  private snapshot: ShopSnapshot;
  private readonly inFlight = new Map<ShopSnapshot, number>();
  private readonly drainWaiters = new Map<ShopSnapshot, (() => void)[]>();

  constructor(
    snapshot: ShopSnapshot,
    readonly store: CatalogStore,
    readonly decisionOptions: Partial<DecisionOptions> = {},
    /** The online click model: ranks product lists per session and learns from clicks (turn/ranking.ts). */
    readonly ranking?: ShopRanking,
  ) {
    this.snapshot = snapshot;
  }

  /** The snapshot for work that does not outlive the call (no model run after an await). */
  current(): ShopSnapshot {
    return this.snapshot;
  }

  /** Runs `work` on the current snapshot, counted as in flight until it settles. */
  async use<T>(work: (snapshot: ShopSnapshot) => Promise<T>): Promise<T> {
    const snapshot = this.snapshot;
    this.inFlight.set(snapshot, (this.inFlight.get(snapshot) ?? 0) + 1);
    try {
      return await work(snapshot);
    } finally {
      const left = this.inFlight.get(snapshot)! - 1;
      if (left > 0) this.inFlight.set(snapshot, left);
      else {
        this.inFlight.delete(snapshot);
        for (const wake of this.drainWaiters.get(snapshot) ?? []) wake();
        this.drainWaiters.delete(snapshot);
      }
    }
  }

  /** Makes `next` current for every later turn; returns the snapshot it replaced. */
  replace(next: ShopSnapshot): ShopSnapshot {
    const previous = this.snapshot;
    this.snapshot = next;
    return previous;
  }

  /** Work still running on `snapshot`. */
  inFlightOn(snapshot: ShopSnapshot): number {
    return this.inFlight.get(snapshot) ?? 0;
  }

  /** Resolves when no work runs on `snapshot` any more (at once if none does). */
  drain(snapshot: ShopSnapshot): Promise<void> {
    if (!this.inFlight.has(snapshot)) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.set(snapshot, [...(this.drainWaiters.get(snapshot) ?? []), resolve]));
  }
}
