/**
 * The caps that keep one client from growing Aisle's memory, database or training data without
 * bound. Every cap has a default a real shopper never meets; load generators on loopback (bench,
 * simulate, the fuzz test) raise the per-client rates explicitly.
 *
 *   const limits = { ...defaultLimits, conversationsPerMinute: 5 };
 *   const budget = new EventBudget(limits);
 *   budget.take('conversation-1', Date.now()); // true until the burst is spent
 */

/** The longest message the bot reads; a longer one is answered with "too long", and kept only to this length (+1). */
export const MAX_MESSAGE_CHARS = 2000;

export interface Limits {
  /** Conversations one client address may start per minute (POST /v3/directline/conversations). */
  conversationsPerMinute: number;
  /** Activities one client address may post per minute, over all its conversations and both channels. */
  activitiesPerMinute: number;
  /**
   * Shopper events (view, click, cart add) one conversation may record: a burst, refilled at a steady
   * rate. They are the click model's training data, so a flood must not reach it.
   */
  eventBurst: number;
  eventsPerMinute: number;
  /** Incoming JSON: nesting depth and the number of keys and array items in all. */
  maxJsonDepth: number;
  maxJsonKeys: number;
  /** The largest request body read at all (body-parser's limit). */
  maxBodyBytes: number;
  /** A conversation (and its state) untouched this long is dropped by the next sweep. */
  idleConversationMs: number;
  /** How often idle conversations are swept. */
  sweepIntervalMs: number;
  /** A Direct Line token's life; the page refreshes it halfway through (botframework-directlinejs). */
  tokenLifetimeS: number;
  /** The largest catalog upload read (POST /api/admin/catalog), streamed row by row. */
  maxUploadBytes: number;
  /** Admin-app logins one client address may try in 15 minutes, whatever the user (each user also locks after 5 failures). */
  adminLoginsPer15Minutes: number;
}

export const defaultLimits: Limits = {
  conversationsPerMinute: 30,
  activitiesPerMinute: 240,
  adminLoginsPer15Minutes: 30,
  maxUploadBytes: 1024 * 1024 * 1024,
  eventBurst: 40,
  eventsPerMinute: 30,
  maxJsonDepth: 16,
  maxJsonKeys: 1000,
  maxBodyBytes: 64 * 1024,
  idleConversationMs: 60 * 60 * 1000,
  sweepIntervalMs: 60 * 1000,
  tokenLifetimeS: 1800,
};

/**
 * Per-client rates for a load generator on loopback (bench, simulate, the tests): it drives all its
 * conversations from one address, far faster than any shopper. Never a server's configuration.
 */
export const LOAD_GENERATOR_RATES: Partial<Limits> = { conversationsPerMinute: 1_000_000, activitiesPerMinute: 10_000_000, eventBurst: 100_000 };

/** Conversations whose event budget is tracked; the least recently used is forgotten beyond this. */
const BUDGETS_KEPT = 20_000;

/**
 * A token bucket per conversation. A shopper browsing spends a token per product opened and gets
 * them back at `eventsPerMinute`, so a page of quick clicks passes and a scripted flood is refused
 * after the burst.
 */
export class EventBudget {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly limits: Pick<Limits, 'eventBurst' | 'eventsPerMinute'>) {}

  /** Spends one token of this conversation's budget; false when none is left. */
  take(conversationId: string, now: number): boolean {
    const { eventBurst, eventsPerMinute } = this.limits;
    const bucket = this.buckets.get(conversationId) ?? { tokens: eventBurst, at: now };
    bucket.tokens = Math.min(eventBurst, bucket.tokens + ((now - bucket.at) / 60_000) * eventsPerMinute);
    bucket.at = now;
    // Re-inserted so the Map's order is least recently used first.
    this.buckets.delete(conversationId);
    this.buckets.set(conversationId, bucket);
    if (this.buckets.size > BUDGETS_KEPT) this.buckets.delete(this.buckets.keys().next().value!);
    // The epsilon forgives refills summed in floating point (0.9 + 0.1 < 1).
    if (bucket.tokens < 1 - 1e-9) return false;
    bucket.tokens -= 1;
    return true;
  }

  /** Seconds until this conversation has a token again (0 when it has one now). */
  retryAfterSeconds(conversationId: string, now: number): number {
    const bucket = this.buckets.get(conversationId);
    if (!bucket) return 0;
    const tokens = bucket.tokens + ((now - bucket.at) / 60_000) * this.limits.eventsPerMinute;
    return tokens >= 1 - 1e-9 ? 0 : Math.ceil(((1 - tokens) * 60) / this.limits.eventsPerMinute);
  }
}
