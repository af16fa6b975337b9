/**
 * What shoppers ask next after an FAQ answer, mined from the transcripts with counts
 * (CatalogStore.faqAnsweredNext), read again at most once a minute: the counts change slowly and
 * the mining reads every transcript.
 *
 *   const next = new AskedNext(store);
 *   next.after('returns-policy')   // [{ faqId: 'returns-label', shoppers: 12 }, ...]
 */
import type { CatalogStore } from '../catalog/index.js';

/** Counts older than this are mined again. */
const TTL_MS = 60_000;
/** Said only when at least this many conversations asked it next: one shopper's path is no pattern. */
export const MIN_SHOPPERS = 2;

export class AskedNext {
  private mined: { at: number; next: Map<string, { faqId: string; shoppers: number }[]> } | undefined;

  constructor(private readonly store: Pick<CatalogStore, 'faqAnsweredNext'>) {}

  after(faqId: string, now = Date.now()): { faqId: string; shoppers: number }[] {
    if (!this.mined || now - this.mined.at >= TTL_MS) this.mined = { at: now, next: this.store.faqAnsweredNext() };
    return (this.mined.next.get(faqId) ?? []).filter((row) => row.shoppers >= MIN_SHOPPERS);
  }
}
