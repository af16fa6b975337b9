/**
 * What a turn reads: the encoder, the knowledge base and its vocabulary, held as one
 * immutable snapshot. Replacing the snapshot is a single assignment, so a turn that
 * already took the old one finishes on it and the next turn sees the new one whole.
 *
 *   const shop = new Shop({ encoder, kb, vocabulary });
 *   const { kb } = shop.current(); // stable for the whole turn
 */
import type { KnowledgeBase, CatalogStore } from '../catalog/index.js';
import type { Encoder, ShopVocabulary } from '../nlu/index.js';
import type { DecisionOptions } from './decide.js';

export interface ShopSnapshot {
  encoder: Encoder;
  kb: KnowledgeBase;
  vocabulary: ShopVocabulary;
}

export class Shop {
  private snapshot: ShopSnapshot;

  constructor(
    snapshot: ShopSnapshot,
    readonly store: CatalogStore,
    readonly decisionOptions: Partial<DecisionOptions> = {},
  ) {
    this.snapshot = snapshot;
  }

  current(): ShopSnapshot {
    return this.snapshot;
  }

  replace(snapshot: ShopSnapshot): void {
    this.snapshot = snapshot;
  }
}
