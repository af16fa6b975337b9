/**
 * What shoppers ask next after an FAQ answer, mined from the transcripts with counts: for each
 * entry, how many conversations had another entry as their next FAQ answer. Mined incrementally,
 * a slice of transcript rows at a time (CatalogStore.faqAnswersAfter), so a turn never pays for
 * reading every transcript: the counts are brought up to date at most once a minute, and a backlog
 * (a restart over a large store) is caught up a slice per call. Memory is bounded: counts per pair
 * of entries, and the last answer of only the most recently active conversations.
 *
 *   const next = new AskedNext(store);
 *   next.after('returns-policy')   // [{ faqId: 'returns-label', shoppers: 12 }, ...]
 */
import type { CatalogStore } from '../catalog/index.js';

/** Counts are brought up to date when older than this. */
const TTL_MS = 60_000;
/** Transcript rows read per call at most: about 15 ms here (20,000 took 150 ms, json_extract over whole activities). */
export const ROWS_PER_SLICE = 2_000;
/** Said only when at least this many conversations asked it next: one shopper's path is no pattern. */
export const MIN_SHOPPERS = 2;
/**
 * Conversations whose last answer is kept. One quiet for longer than this many others have
 * answered is forgotten: its next answer pairs with nothing, and a pair it counted may count again.
 */
export const CONVERSATIONS_KEPT = 20_000;

/** What one conversation contributed: its last FAQ answer, and the pairs it was already counted for. */
interface ConversationTrail {
  last: string;
  counted: Set<string>;
}

export class AskedNext {
  /** Oldest first (a Map keeps insertion order; an answer moves its conversation to the end). */
  private readonly trails = new Map<string, ConversationTrail>();
  /** entry -> next entry -> how many conversations asked it next. */
  private readonly pairs = new Map<string, Map<string, number>>();
  private readId = 0;
  private minedAt: number | undefined;
  private behind = true;

  constructor(
    private readonly store: Pick<CatalogStore, 'faqAnswersAfter'>,
    private readonly rowsPerSlice = ROWS_PER_SLICE,
    private readonly conversationsKept = CONVERSATIONS_KEPT,
  ) {}

  after(faqId: string, now = Date.now()): { faqId: string; shoppers: number }[] {
    if (this.behind || this.minedAt === undefined || now - this.minedAt >= TTL_MS) this.mine(now);
    return this.counts(faqId).filter((row) => row.shoppers >= MIN_SHOPPERS);
  }

  /** Every next entry after `faqId`, most conversations first, with no floor. */
  counts(faqId: string): { faqId: string; shoppers: number }[] {
    return [...(this.pairs.get(faqId) ?? [])]
      .map(([next, shoppers]) => ({ faqId: next, shoppers }))
      .sort((a, b) => b.shoppers - a.shoppers || a.faqId.localeCompare(b.faqId));
  }

  /** Conversations whose last answer is held now (at most `conversationsKept`). */
  get conversationsHeld(): number {
    return this.trails.size;
  }

  /**
   * An erased conversation: its last answer is dropped and the pairs it counted are taken back off
   * the counts. Mining on from here reads only newer rows, so what it had counted stays gone.
   */
  forget(conversationId: string): void {
    const trail = this.trails.get(conversationId);
    if (!trail) return;
    this.trails.delete(conversationId);
    for (const pair of trail.counted) {
      const [from, to] = pair.split('\n') as [string, string];
      const nexts = this.pairs.get(from);
      const count = nexts?.get(to);
      if (!nexts || count === undefined) continue;
      if (count > 1) nexts.set(to, count - 1);
      else nexts.delete(to);
      if (nexts.size === 0) this.pairs.delete(from);
    }
  }

  private mine(now: number): void {
    const { answers, lastId } = this.store.faqAnswersAfter(this.readId, this.rowsPerSlice);
    for (const { conversationId, faqId } of answers) this.add(conversationId, faqId);
    // A full slice means more may be waiting: the next call reads on without waiting a minute.
    this.behind = lastId - this.readId >= this.rowsPerSlice;
    this.readId = lastId;
    this.minedAt = now;
  }

  private add(conversationId: string, faqId: string): void {
    const trail = this.trails.get(conversationId) ?? { last: faqId, counted: new Set<string>() };
    const pair = `${trail.last}\n${faqId}`;
    // The same pair twice in one conversation is one shopper asking it.
    if (trail.last !== faqId && !trail.counted.has(pair)) {
      trail.counted.add(pair);
      const nexts = this.pairs.get(trail.last) ?? new Map<string, number>();
      nexts.set(faqId, (nexts.get(faqId) ?? 0) + 1);
      this.pairs.set(trail.last, nexts);
    }
    trail.last = faqId;
    this.trails.delete(conversationId);
    this.trails.set(conversationId, trail);
    if (this.trails.size > this.conversationsKept) this.trails.delete(this.trails.keys().next().value!);
  }
}
