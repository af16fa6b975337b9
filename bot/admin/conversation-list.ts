/**
 * The support inbox: conversations summarised from their transcripts, events and reviews, filtered
 * the ways a reviewer looks for the bot's failures, newest first.
 *
 *   listConversations(db, { kind: 'fallback', reviewed: false }, { limit: 50 })
 *   // { items: [{ conversationId, channelId, started, last, shopperMessages, firstMessage, kinds: ['faq', 'fallback'],
 *   //             lowestConfidence: 0.31, handedOff: false, cartAdds: 0, reviews: 0 }], total: 12 }
 *
 * A reply's confidence means something different for each kind (bot/reply.ts), so "low confidence"
 * looks only at the FAQ kinds (`faq`, `clarify`, `fallback`), whose confidence is the FAQ match's.
 */
import type Database from 'better-sqlite3';
import type { ConversationSummary, ReplyKind } from '../api-types.js';
import { askedForPersonSql, shopperMessageSql } from '../transcript-store.js';

export type { ConversationSummary };

/** The FAQ kinds, whose confidence is one scale: the FAQ match's fused score. */
export const FAQ_REPLY_KINDS: readonly ReplyKind[] = ['faq', 'clarify', 'fallback'];
/** Below this, an FAQ-kind reply counts as low confidence. */
export const LOW_CONFIDENCE_BELOW = 0.6;

export interface ConversationFilters {
  /** Words any message of the conversation contains (case-insensitive). */
  text?: string;
  /** Conversations with activity on or after / on or before these instants (ISO 8601). */
  from?: string;
  to?: string;
  /** Had a reply of this kind. */
  kind?: ReplyKind;
  /** Had an FAQ-kind reply with confidence below LOW_CONFIDENCE_BELOW. */
  lowConfidence?: boolean;
  /** The shopper asked for a person (a fallback's offer alone is not a handoff). */
  handedOff?: boolean;
  hasCartAdd?: boolean;
  reviewed?: boolean;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export function listConversations(db: Database.Database, filters: ConversationFilters = {}, page: { limit?: number; offset?: number } = {}): { items: ConversationSummary[]; total: number } {
  const limit = Math.min(Math.max(Math.trunc(page.limit ?? 50) || 50, 1), 200);
  const offset = Math.max(Math.trunc(page.offset ?? 0) || 0, 0);
  const faqKinds = FAQ_REPLY_KINDS.map((kind) => `'${kind}'`).join(', ');
  const summary = `
    SELECT t.conversation_id AS conversationId, t.channel_id AS channelId, MIN(t.at) AS started, MAX(t.at) AS last,
      SUM(${shopperMessageSql('t')}) AS shopperMessages,
      (SELECT json_extract(f.json, '$.text') FROM transcript_activities f WHERE f.conversation_id = t.conversation_id
         AND ${shopperMessageSql('f')} AND json_extract(f.json, '$.text') IS NOT NULL ORDER BY f.id LIMIT 1) AS firstMessage,
      json_group_array(DISTINCT json_extract(t.json, '$.channelData.aisle.kind')) FILTER (WHERE json_extract(t.json, '$.type') = 'message' AND json_extract(t.json, '$.channelData.aisle.kind') IS NOT NULL) AS kinds,
      MIN(json_extract(t.json, '$.channelData.aisle.confidence')) FILTER (WHERE json_extract(t.json, '$.type') = 'message' AND json_extract(t.json, '$.channelData.aisle.kind') IN (${faqKinds})) AS lowestFaqConfidence,
      MAX(${askedForPersonSql('t')}) AS handedOff,
      (SELECT COUNT(*) FROM events e WHERE e.conversation_id = t.conversation_id AND e.name = 'cart.add') AS cartAdds,
      (SELECT COUNT(*) FROM answer_reviews r WHERE r.conversation_id = t.conversation_id) AS reviews
    FROM transcript_activities t GROUP BY t.channel_id, t.conversation_id`;
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (filters.text?.trim()) {
    where.push(`EXISTS (SELECT 1 FROM transcript_activities m WHERE m.conversation_id = c.conversationId AND json_extract(m.json, '$.text') LIKE @text ESCAPE '\\')`);
    params.text = `%${escapeLike(filters.text.trim())}%`;
  }
  // Times are stored as UTC ISO strings, so they compare as text: a bound with another offset is converted first.
  if (filters.from) {
    where.push('c.last >= @from');
    params.from = new Date(filters.from).toISOString();
  }
  if (filters.to) {
    where.push('c.started <= @to');
    params.to = new Date(filters.to).toISOString();
  }
  if (filters.kind) {
    where.push('EXISTS (SELECT 1 FROM json_each(c.kinds) k WHERE k.value = @kind)');
    params.kind = filters.kind;
  }
  if (filters.lowConfidence !== undefined) where.push(filters.lowConfidence ? `c.lowestFaqConfidence < ${LOW_CONFIDENCE_BELOW}` : `(c.lowestFaqConfidence IS NULL OR c.lowestFaqConfidence >= ${LOW_CONFIDENCE_BELOW})`);
  if (filters.handedOff !== undefined) where.push(filters.handedOff ? 'c.handedOff = 1' : 'c.handedOff = 0');
  if (filters.hasCartAdd !== undefined) where.push(filters.hasCartAdd ? 'c.cartAdds > 0' : 'c.cartAdds = 0');
  if (filters.reviewed !== undefined) where.push(filters.reviewed ? 'c.reviews > 0' : 'c.reviews = 0');
  const filtered = `WITH c AS (${summary}) SELECT * FROM c ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM (${filtered})`).get(params) as { n: number }).n;
  const rows = db.prepare(`${filtered} ORDER BY c.last DESC LIMIT @limit OFFSET @offset`).all({ ...params, limit, offset }) as (Omit<ConversationSummary, 'kinds' | 'handedOff'> & { kinds: string | null; handedOff: number; firstMessage: string | null; lowestFaqConfidence: number | null })[];
  return {
    total,
    items: rows.map((row) => ({
      conversationId: row.conversationId,
      channelId: row.channelId,
      started: row.started,
      last: row.last,
      shopperMessages: row.shopperMessages,
      ...(row.firstMessage ? { firstMessage: row.firstMessage } : {}),
      kinds: row.kinds ? (JSON.parse(row.kinds) as ReplyKind[]) : [],
      ...(row.lowestFaqConfidence !== null ? { lowestFaqConfidence: row.lowestFaqConfidence } : {}),
      handedOff: row.handedOff === 1,
      cartAdds: row.cartAdds,
      reviews: row.reviews,
    })),
  };
}
