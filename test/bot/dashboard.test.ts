/**
 * The dashboard's figures (bot/admin/dashboard.ts) from a store written by hand: each rate is the
 * one the rows give, a day with nothing to divide by says null, and days outside the window are left out.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';
import { dashboard } from '../../bot/admin/dashboard.js';
import { SqliteTranscriptStore } from '../../bot/transcript-store.js';
import { CatalogStore } from '../../catalog/index.js';
import { tempDir } from '../helpers.js';

const at = (day: string, seconds: number) => new Date(Date.parse(`${day}T10:00:00Z`) + seconds * 1000).toISOString();

async function turn(transcripts: SqliteTranscriptStore, conversation: string, id: string, day: string, second: number, reply: { kind: string; confidence: number }, latencyMs: number, extra: Partial<Activity>[] = []) {
  const base = { channelId: 'directline', conversation: { id: conversation } } as Partial<Activity>;
  await transcripts.logActivity({ ...base, type: 'message', id, text: `question ${id}`, from: { id: 'u', role: 'user' }, timestamp: at(day, second) } as unknown as Activity);
  await transcripts.logActivity({ ...base, type: 'message', id: `${id}-r`, replyToId: id, text: 'reply', from: { id: 'bot', role: 'bot' }, channelData: { aisle: reply }, timestamp: new Date(Date.parse(at(day, second)) + latencyMs).toISOString() } as unknown as Activity);
  for (const activity of extra) await transcripts.logActivity({ ...base, ...activity, timestamp: at(day, second + 1) } as unknown as Activity);
}

describe('dashboard', () => {
  it('counts each day from the transcripts, events and reviews, with null where there is nothing to divide by', async () => {
    const store = CatalogStore.open(join(tempDir(), 'aisle.db'));
    const transcripts = new SqliteTranscriptStore(store.db);
    const day = '2026-12-01';
    await turn(transcripts, 'c1', 'a1', day, 0, { kind: 'faq', confidence: 0.9 }, 20);
    await turn(transcripts, 'c1', 'a2', day, 10, { kind: 'products', confidence: 0.5 }, 40);
    await turn(transcripts, 'c2', 'b1', day, 20, { kind: 'clarify', confidence: 0.5 }, 60);
    await turn(transcripts, 'c2', 'b2', day, 30, { kind: 'fallback', confidence: 1 }, 80, [{ type: 'event', name: 'handoff', value: { reason: 'asked-for-person' } }]);
    // A fallback's offer of a person is not a handoff.
    await turn(transcripts, 'c3', 'd1', day, 40, { kind: 'fallback', confidence: 0.2 }, 100, [{ type: 'event', name: 'handoff', value: { reason: 'low-confidence' } }]);
    // Outside the window: not counted.
    await turn(transcripts, 'c9', 'z1', '2026-11-01', 0, { kind: 'fallback', confidence: 0.1 }, 5);
    for (const [conversationId, name] of [['c1', 'product.impression'], ['c1', 'product.impression'], ['c1', 'product.impression'], ['c1', 'product.impression'], ['c1', 'product.click'], ['c1', 'cart.add'], ['c4', 'product.impression']] as const) {
      store.recordEvent({ conversationId, name, productId: 'p1', at: at(day, 50) });
    }
    store.recordReview({ conversationId: 'c2', query: 'question b1', faqId: 'x', verdict: 'corrected', at: at(day, 60) });
    store.recordReview({ conversationId: 'c1', query: 'question a1', faqId: 'y', verdict: 'confirmed', at: at(day, 61) });

    const { from, to, days } = dashboard(store.db, { days: 2, now: new Date('2026-12-02T08:00:00Z') });
    expect([from, to]).toEqual(['2026-12-01', '2026-12-02']);
    expect(days[0]).toEqual({
      date: day,
      replies: 5,
      answered: 0.4,
      clarified: 0.2,
      fallback: 0.4,
      handoffs: 1,
      impressions: 5,
      clicks: 1,
      ctr: 0.2,
      productSessions: 2,
      cartAdds: 1,
      cartAddsPerSession: 0.5,
      latencyMs: { p50: 60, p95: 100, p99: 100, turns: 5 },
      reviews: 2,
      reviewedWrong: 0.5,
    });
    expect(days[1]).toMatchObject({ date: '2026-12-02', replies: 0, answered: null, ctr: null, cartAddsPerSession: null, latencyMs: { p50: null, turns: 0 }, reviewedWrong: null });
    await store.close();
  });
});
