/**
 * "Questions we could not answer": the shopper messages the bot declined (`fallback`), could not
 * decide between (`clarify`) or answered unsure (an FAQ answer under LOW_CONFIDENCE_BELOW), grouped by
 * meaning so the support team fixes the biggest gap first. Each message is scored against the FAQ
 * as it is now: one the FAQ now answers (an entry or phrasing added since) is left out, so a group
 * shrinks as it is dealt with.
 *
 *   const { clusters } = await unansweredQuestions(db, shop, { limit: 1000 });
 *   // [{ id, size: 7, label: 'can you engrave a watch', messages: [...], nearest: [{ faqId, question, score }] }, ...]
 *
 * Grouping is average-linkage clustering on the encoder's vectors (`clusterByMeaning`); a group's
 * size counts repeats, and its label is the message closest to its centre.
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { answerConfidence, dot, faqQueryText, lexicalTokens } from '../../nlu/index.js';
import type { UnansweredCluster, UnansweredMessage } from '../api-types.js';
import type { Shop } from '../shop.js';

export type { UnansweredCluster, UnansweredMessage };
import { shopperMessageSql } from '../transcript-store.js';
import { LOW_CONFIDENCE_BELOW } from './conversation-list.js';

/**
 * Mean cosine from which two groups merge. Chosen on the demo FAQ's own phrasings grouped by entry
 * (264 questions, 88 groups), in the words the bot searches with: pairwise F1 0.30 at 0.45, 0.39 at
 * 0.5, 0.42 at 0.55, 0.37 at 0.6, 0.29 at 0.65. Leader clustering did no better than 0.32.
 */
export const CLUSTER_THRESHOLD = 0.55;
const MAX_MESSAGES_SHOWN = 20;

const normalise = (text: string) => text.trim().toLowerCase().replace(/\s+/g, ' ');

/** The shopper messages whose reply was unsure or declined, the newest `limit` replies, repeats merged. */
export function declinedMessages(db: Database.Database, limit: number): UnansweredMessage[] {
  // Each FAQ-kind reply with the shopper message before it; a fallback at confidence 1 is "talk to a person", not a question.
  const rows = db
    .prepare<{ limit: number; low: number }, { conversationId: string; at: string; kind: string; confidence: number; asked: string | null }>(
      `WITH replies AS (
         SELECT id, conversation_id, at, json_extract(json, '$.channelData.aisle.kind') AS kind, json_extract(json, '$.channelData.aisle.confidence') AS confidence
         FROM transcript_activities
         WHERE json_extract(json, '$.type') = 'message' AND json_extract(json, '$.channelData.aisle.kind') IN ('fallback', 'clarify', 'faq'))
       SELECT r.conversation_id AS conversationId, r.at AS at, r.kind AS kind, r.confidence AS confidence,
         (SELECT json_extract(p.json, '$.text') FROM transcript_activities p
          WHERE p.conversation_id = r.conversation_id AND p.id < r.id AND ${shopperMessageSql('p')} ORDER BY p.id DESC LIMIT 1) AS asked
       FROM replies r
       WHERE (r.kind = 'clarify' OR (r.kind = 'fallback' AND r.confidence < 1) OR (r.kind = 'faq' AND r.confidence < @low))
       ORDER BY r.id DESC LIMIT @limit`,
    )
    .all({ limit, low: LOW_CONFIDENCE_BELOW });
  const merged = new Map<string, UnansweredMessage>();
  for (const row of rows) {
    if (!row.asked?.trim()) continue;
    const key = normalise(row.asked);
    const seen = merged.get(key);
    if (seen) seen.count++;
    else merged.set(key, { text: row.asked.trim(), count: 1, conversationId: row.conversationId, at: row.at, kind: row.kind, confidence: row.confidence });
  }
  return [...merged.values()];
}

/**
 * Average-linkage agglomerative clustering, cut at `threshold`: the two groups whose messages are
 * most alike on average merge, until no two groups reach it. Each row keeps its best partner, so a
 * merge costs a pass over the rows rather than over every pair.
 */
export function clusterByMeaning<T>(items: readonly T[], vectors: readonly Float32Array[], threshold = CLUSTER_THRESHOLD): { members: T[]; centroid: Float32Array; vectors: Float32Array[] }[] {
  const n = items.length;
  const sim = Array.from({ length: n }, (_, i) => Float64Array.from({ length: n }, (_, j) => (i === j ? -Infinity : dot(vectors[i]!, vectors[j]!))));
  const members: number[][] = items.map((_, i) => [i]);
  const alive = new Set(members.keys());
  const best = new Int32Array(n).fill(-1);
  const bestOf = (i: number) => {
    let found = -1;
    for (const j of alive) if (j !== i && (found < 0 || sim[i]![j]! > sim[i]![found]!)) found = j;
    best[i] = found;
  };
  for (const i of alive) bestOf(i);
  for (;;) {
    let a = -1;
    for (const i of alive) if (best[i]! >= 0 && (a < 0 || sim[i]![best[i]!]! > sim[a]![best[a]!]!)) a = i;
    if (a < 0 || sim[a]![best[a]!]! < threshold) break;
    const b = best[a]!;
    const [na, nb] = [members[a]!.length, members[b]!.length];
    alive.delete(b);
    for (const c of alive) {
      if (c === a) continue;
      // Lance-Williams for average linkage: the merged group's mean similarity to c.
      const merged = (na * sim[a]![c]! + nb * sim[b]![c]!) / (na + nb);
      sim[a]![c] = merged;
      sim[c]![a] = merged;
    }
    members[a] = [...members[a]!, ...members[b]!];
    bestOf(a);
    for (const c of alive) {
      if (c === a) continue;
      if (best[c] === a || best[c] === b) bestOf(c);
      else if (sim[c]![a]! > sim[c]![best[c]!]!) best[c] = a;
    }
  }
  return [...alive].map((i) => {
    const centroid = new Float32Array(vectors[0]!.length);
    for (const m of members[i]!) for (let d = 0; d < centroid.length; d++) centroid[d]! += vectors[m]![d]!;
    const norm = Math.hypot(...centroid) || 1;
    return { members: members[i]!.map((m) => items[m]!), centroid: centroid.map((x) => x / norm), vectors: members[i]!.map((m) => vectors[m]!) };
  });
}

export async function unansweredQuestions(db: Database.Database, shop: Shop, options: { limit?: number } = {}): Promise<{ declined: number; stillUnanswered: number; clusters: UnansweredCluster[] }> {
  const declined = declinedMessages(db, options.limit ?? 1000);
  if (declined.length === 0) return { declined: 0, stillUnanswered: 0, clusters: [] };
  return shop.use(async ({ encoder, kb }) => {
    // Scored as the bot scores a question: in the help page's words.
    const vectors = await encoder.embed(declined.map((m) => faqQueryText(m.text)));
    const threshold = shop.decisionOptions.faqAnswerThreshold ?? kb.faqCalibration.answerThreshold;
    const still = declined.flatMap((message, i) => {
      const hits = kb.searchFaq({ vector: vectors[i]!, tokens: lexicalTokens(faqQueryText(message.text)) }, 2);
      const confidence = hits[0] ? answerConfidence(hits[0].score, hits[1]?.score ?? 0, kb.faqCalibration.gapWeight) : 0;
      return confidence < threshold ? [{ message, vector: vectors[i]! }] : [];
    });
    const groups = clusterByMeaning(still.map((s) => s.message), still.map((s) => s.vector));
    const clusters = groups.map(({ members, centroid, vectors: memberVectors }): UnansweredCluster => {
      const closest = members.reduce((best, _, i) => (dot(memberVectors[i]!, centroid) > dot(memberVectors[best]!, centroid) ? i : best), 0);
      const nearest = kb.searchFaq({ vector: centroid, tokens: lexicalTokens(faqQueryText(members[closest]!.text)) }, 3).map((hit) => ({ faqId: hit.entry.id, question: hit.entry.questions[0] ?? hit.entry.id, score: Number(hit.score.toFixed(3)) }));
      const messages = [...members].sort((a, b) => b.count - a.count || b.at.localeCompare(a.at));
      return {
        id: createHash('sha256').update(messages.map((m) => normalise(m.text)).sort().join('\n')).digest('hex').slice(0, 16),
        size: members.reduce((sum, m) => sum + m.count, 0),
        label: members[closest]!.text,
        messages: messages.slice(0, MAX_MESSAGES_SHOWN),
        nearest,
      };
    });
    clusters.sort((a, b) => b.size - a.size || a.label.localeCompare(b.label));
    return { declined: declined.length, stillUnanswered: still.length, clusters };
  });
}
