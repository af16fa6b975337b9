/**
 * The JSON Aisle's HTTP API and its replies' `channelData.aisle` promise, as types and nothing
 * else but the list of reply kinds (no imports): the server's modules build these shapes, and the admin app
 * (admin/src) reads them, from this one file.
 */

export const REPLY_KINDS = ['faq', 'products', 'clarify', 'fallback', 'not-sold', 'small-talk', 'product-answer', 'which-product', 'recommendations', 'handoff'] as const;
export type ReplyKind = (typeof REPLY_KINDS)[number];

export interface AisleProductSummary {
  id: string;
  title: string;
  price?: number;
  category?: string;
  reason: string;
}

/** The `channelData.aisle` contract. */
export interface AisleChannelData {
  kind: ReplyKind;
  /**
   * 0..1, one meaning per kind: `faq`, the answer's fused score plus the calibrated share of its lead
   * over the runner-up, capped at 1; `clarify` and `fallback`, the best FAQ entry's fused score (a
   * person asked for: 1); `products`, the best cosine between the message and a product shown (0 when a
   * refinement found nothing); `not-sold`, how far the thing asked is below the shop's "sold"
   * threshold; `product-answer`, 1 when the product's data answered, 0 for "I don't know";
   * `small-talk`, `which-product`, `recommendations` and `handoff` (where the conversation stands
   * with a person: in the queue, joined, handed back), 1 (a rule, not a score).
   */
  confidence: number;
  faqId?: string;
  /** The second question's entry, when one message asked two and both were answered. */
  secondFaqId?: string;
  products?: AisleProductSummary[];
  /** The product a `product-answer` is about, and what was asked of it (`details`, `price`, `colour`, `feature`...). */
  about?: { productId: string; asked: string; known: boolean };
  /** A follow-up ("in blue", "cheaper") refined an earlier request: that request's words, and every constraint now applied, in the shopper's words. */
  context?: { refines: string; applied: string[]; more?: boolean };
  /** After an FAQ answer: the next questions offered that shoppers asked next after it, with how many conversations did (bot/asked-next.ts). */
  askedNext?: { faqId: string; shoppers: number }[];
  /** The FAQ's best three entries for the message with their fused scores, whatever the reply: what a reviewer weighs the reply against. */
  faqCandidates?: { faqId: string; score: number }[];
  /** The question a list asks (turn/guided-question.ts): the facet, its words, and the values its buttons offer. */
  question?: { facet: string; text: string; values: string[] };
}


export interface DayFigures {
  date: string;
  /** Bot messages with a reply kind (not counting what the shopper is told about a handoff). */
  replies: number;
  /** Shares of those replies: anything but a clarification or a fallback; clarifications; fallbacks. */
  answered: number | null;
  clarified: number | null;
  fallback: number | null;
  /** Conversations handed to a person (the shopper asked for one). */
  handoffs: number;
  impressions: number;
  clicks: number;
  /** Clicks per product shown. */
  ctr: number | null;
  /** Conversations shown products, and their cart adds per conversation. */
  productSessions: number;
  cartAdds: number;
  cartAddsPerSession: number | null;
  latencyMs: { p50: number | null; p95: number | null; p99: number | null; turns: number };
  reviews: number;
  /** Share of the day's reviews that corrected the answer. */
  reviewedWrong: number | null;
}


export interface ConversationSummary {
  conversationId: string;
  channelId: string;
  started: string;
  last: string;
  shopperMessages: number;
  firstMessage?: string;
  kinds: ReplyKind[];
  /** The lowest confidence of its FAQ-kind replies; absent when it had none. */
  lowestFaqConfidence?: number;
  handedOff: boolean;
  cartAdds: number;
  reviews: number;
}


export interface AuditEntry {
  id: number;
  at: string;
  /** The user, or "ADMIN_TOKEN" for a script. */
  actor: string;
  /** What was done, as `thing.verb`: "product.upsert", "faq.delete", "transcript.erase", "review.add"... */
  action: string;
  /** The id acted on. */
  target: string;
  /** Each changed field as [before, after]; absent when there is no before and after (an erasure). */
  diff?: Record<string, [unknown, unknown]>;
}


export interface IndexSnapshot {
  id: string;
  createdAt: string;
  /** The model the indexes were built with, to roll back to. */
  modelDir: string;
  modelId: string;
  /** What replaced them: 'reindex', 'switch' or 'rollback'. */
  reason: string;
  files: string[];
}


export interface Handoff {
  conversationId: string;
  channelId: string;
  reason: string;
  requestedAt: string;
  /** 1 for the first waiting; absent once claimed. */
  position?: number;
  claimedBy?: string;
  claimedAt?: string;
}


export interface UnansweredMessage {
  text: string;
  /** Times this text (ignoring case and spacing) was asked. */
  count: number;
  conversationId: string;
  /** The last time it was asked. */
  at: string;
  /** The reply it got then, and its confidence. */
  kind: string;
  confidence: number;
}

export interface UnansweredCluster {
  /** Stable while its messages are: the hash of their texts. */
  id: string;
  /** Messages in it, repeats counted. */
  size: number;
  /** The message closest to its centre. */
  label: string;
  messages: UnansweredMessage[];
  /** The FAQ entries closest to it, for adding its messages as their phrasings. */
  nearest: { faqId: string; question: string; score: number }[];
}


export interface CatalogUploadReport {
  kind: 'products' | 'faq';
  format: 'json' | 'ndjson' | 'csv';
  /** Rows read (good and bad). */
  total: number;
  added: number;
  updated: number;
  unchanged: number;
  /** The first MAX_REPORTED_REJECTIONS rejected rows, by line; `rejectedTotal` counts them all. */
  rejected: { line: number; id?: string; reason: string }[];
  rejectedTotal: number;
  /** Milliseconds from the request to the last change being live in search. */
  liveAfterMs: number;
}


export type ModelSwitchState = 'idle' | 'loading' | 'indexing' | 'draining' | 'done' | 'failed';

/** What the switch does: another model, the same model's indexes rebuilt in full, or a snapshot's indexes and model back. */
export type SwitchOperation = 'switch' | 'reindex' | 'rollback';

export interface ModelSwitchStatus {
  state: ModelSwitchState;
  operation?: SwitchOperation;
  /** The index snapshot a rollback restores. */
  snapshot?: string;
  /** The model answering turns now. */
  serving: string;
  /** The model being switched to (or last switched to). */
  target?: string;
  /** The index being built, and how far. */
  progress?: { index: 'faq' | 'answers' | 'products' | 'needs'; done: number; total: number };
  error?: string;
  startedAt?: string;
  finishedAt?: string;
  seconds?: number;
}

