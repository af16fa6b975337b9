/**
 * Erasing a conversation (DELETE /api/transcripts/:conversationId): on a real SQLite store, its
 * transcript, events, logged lists and reviews go, in every table keyed by conversation id, and
 * another conversation's stay; admin only. Shopper text in the event log and reviews is redacted.
 */
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ConversationState, MemoryStorage, type Activity } from 'botbuilder';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transcriptRouter } from '../../bot/api-routes.js';
import { authenticate } from '../../bot/admin/auth.js';
import { AuditLog } from '../../bot/admin/audit-log.js';
import { AskedNext } from '../../bot/asked-next.js';
import { errorHandler } from '../../bot/http-errors.js';
import { SessionAccessor } from '../../bot/session.js';
import type { Shop } from '../../bot/shop.js';
import { SqliteTranscriptStore, tablesKeyedByConversation } from '../../bot/transcript-store.js';
import { CatalogStore } from '../../catalog/index.js';
import { tempDir } from '../helpers.js';

const TOKEN = 'erase-test-token';
const auth = { authorization: `Bearer ${TOKEN}` };

const activity = (conversation: string, text: string, role: 'user' | 'bot', faqId?: string): Activity =>
  ({
    type: 'message', channelId: 'directline', conversation: { id: conversation }, from: { id: role === 'bot' ? 'aisle' : 'shopper', role }, text,
    ...(faqId ? { channelData: { aisle: { kind: 'faq', confidence: 0.9, faqId } } } : {}),
  }) as unknown as Activity;

async function logConversation(store: CatalogStore, transcripts: SqliteTranscriptStore, id: string): Promise<void> {
  for (const a of [activity(id, 'how do returns work? jo@example.com', 'user'), activity(id, 'You can return ...', 'bot', 'returns-policy'), activity(id, 'and the label', 'user'), activity(id, 'Print it ...', 'bot', 'returns-label')]) {
    await transcripts.logActivity(a);
  }
  store.recordEvent({ conversationId: id, name: 'product.view', productId: 'JKT-0001', query: 'warm jacket, call me on 07700 900123' });
  store.recordEvents([{ conversationId: id, name: 'product.impression', productId: 'JKT-0002', query: 'warm jacket' }]);
  store.recordSlate({ conversationId: id, slate: `slate-${id}`, query: 'warm jacket', explored: false, items: [{ productId: 'JKT-0001', position: 1, propensity: 1, features: { bias: 1 }, offset: 0 }] });
  store.recordEvent({ conversationId: id, name: 'product.click', productId: 'JKT-0001', query: 'warm jacket' });
  store.recordReview({ conversationId: id, query: 'how do returns work? card 4111 1111 1111 1111', faqId: 'returns-policy', verdict: 'confirmed' });
  store.recordProductReview({ conversationId: id, query: 'warm jacket, call me on 07700 900123', productId: 'JKT-0001', verdict: 'corrected' });
}

function rowsOf(store: CatalogStore, conversationId: string): Record<string, number> {
  return Object.fromEntries(
    tablesKeyedByConversation(store.db).map((table) => [table, store.db.prepare(`SELECT COUNT(*) FROM "${table}" WHERE conversation_id = ?`).pluck().get(conversationId) as number]),
  );
}

describe('DELETE /api/transcripts/:conversationId', () => {
  let store: CatalogStore;
  let transcripts: SqliteTranscriptStore;
  let audit: AuditLog;
  let url: string;
  let server: ReturnType<express.Express['listen']>;
  const forgotten: [string, string[]][] = [];

  beforeAll(async () => {
    store = CatalogStore.open(join(tempDir(), 'aisle.db'));
    transcripts = new SqliteTranscriptStore(store.db);
    audit = new AuditLog(store.db);
    await logConversation(store, transcripts, 'erase-me');
    await logConversation(store, transcripts, 'keep-me');
    const app = express();
    app.use(express.json());
    app.use('/api', authenticate(() => undefined, TOKEN));
    app.use('/api', transcriptRouter(() => transcripts, () => ({ store }) as unknown as Shop, () => audit, (id, channels) => void forgotten.push([id, channels])));
    app.use(errorHandler(() => undefined));
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/transcripts`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await store.close();
  });

  it('stores the shopper words of the event log and the reviews redacted', () => {
    expect(store.eventsFor('keep-me')[0]!.query).toBe('warm jacket, call me on [phone]');
    expect(store.reviewedAnswers().map((review) => review.query)).toEqual(['how do returns work? card [card]', 'how do returns work? card [card]']);
    expect(store.reviewedProducts().map((review) => review.query)).toEqual(['warm jacket, call me on [phone]', 'warm jacket, call me on [phone]']);
    expect(JSON.stringify(store.db.prepare('SELECT * FROM transcript_activities').all())).not.toContain('jo@example.com');
  });

  it('answers 401 without the admin token, or with another, and erases nothing', async () => {
    expect((await fetch(`${url}/erase-me`, { method: 'DELETE' })).status).toBe(401);
    expect((await fetch(`${url}/erase-me`, { method: 'DELETE', headers: { authorization: 'Bearer wrong-token-xxxxx' } })).status).toBe(401);
    expect(Object.values(rowsOf(store, 'erase-me')).every((n) => n > 0)).toBe(true);
  });

  it('erases the conversation from every table keyed by it, in one answer with the counts, and keeps the other', async () => {
    const before = rowsOf(store, 'keep-me');
    expect(Object.keys(before)).toEqual(['answer_reviews', 'events', 'product_reviews', 'transcript_activities']);
    const response = await fetch(`${url}/erase-me`, { method: 'DELETE', headers: auth });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ conversationId: 'erase-me', erased: { answer_reviews: 1, events: 4, product_reviews: 1, transcript_activities: 4 } });
    expect(rowsOf(store, 'erase-me')).toEqual({ answer_reviews: 0, events: 0, product_reviews: 0, transcript_activities: 0 });
    expect(rowsOf(store, 'keep-me')).toEqual(before);
    expect(forgotten).toEqual([['erase-me', ['directline']]]);
    // What reads the logs no longer sees it; the other conversation's rows are all still read.
    expect(store.loggedSlates().map((slate) => slate.conversationId)).toEqual(['keep-me']);
    expect(store.reviewedAnswers().map((review) => review.conversationId)).toEqual(['keep-me']);
    expect(new Set(store.faqAnswersAfter(0, 1000).answers.map((answer) => answer.conversationId))).toEqual(new Set(['keep-me']));
    expect((await fetch(`${url}/erase-me`, { headers: auth })).status).toBe(404);
    expect((await fetch(`${url}/keep-me`, { headers: auth })).status).toBe(200);
  });

  it('answers 404 for a conversation nothing is stored for (an erased one included)', async () => {
    for (const id of ['erase-me', 'never-seen']) {
      const response = await fetch(`${url}/${id}`, { method: 'DELETE', headers: auth });
      expect(response.status).toBe(404);
    }
    expect(forgotten).toHaveLength(1);
  });

  it('erases all of it or none: a failure midway leaves every row', () => {
    // A trigger that fails the events delete, after the answer_reviews delete (tables are erased in name order).
    store.db.exec("CREATE TEMP TRIGGER no_event_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'disk gone'); END");
    const before = rowsOf(store, 'keep-me');
    expect(() => transcripts.eraseConversation('keep-me')).toThrow(/disk gone/);
    expect(rowsOf(store, 'keep-me')).toEqual(before);
    store.db.exec('DROP TRIGGER no_event_delete');
  });
});

describe('forgetting an erased conversation outside the database', () => {
  it('deletes its session state from the storage, and leaves the others', async () => {
    const storage = new MemoryStorage();
    await storage.write({ 'directline/conversations/gone/': { 'aisle.session': { cart: ['JKT-0001'] } }, 'directline/conversations/kept/': { 'aisle.session': { cart: [] } } });
    await new SessionAccessor(new ConversationState(storage)).forget('directline', 'gone');
    expect(Object.keys(await storage.read(['directline/conversations/gone/', 'directline/conversations/kept/']))).toEqual(['directline/conversations/kept/']);
  });

  it('takes its pairs off what shoppers asked next', () => {
    const answers = [
      { id: 1, conversationId: 'a', faqId: 'returns-policy' }, { id: 2, conversationId: 'a', faqId: 'returns-label' },
      { id: 3, conversationId: 'b', faqId: 'returns-policy' }, { id: 4, conversationId: 'b', faqId: 'returns-label' },
      { id: 5, conversationId: 'b', faqId: 'refund-time' },
    ];
    const next = new AskedNext({ faqAnswersAfter: (after: number) => ({ answers: answers.filter((a) => a.id > after), lastId: 5 }) });
    next.after('returns-policy', 0);
    expect(next.counts('returns-policy')).toEqual([{ faqId: 'returns-label', shoppers: 2 }]);
    next.forget('b');
    next.forget('never-seen');
    expect(next.counts('returns-policy')).toEqual([{ faqId: 'returns-label', shoppers: 1 }]);
    expect(next.counts('returns-label')).toEqual([]);
    expect(next.conversationsHeld).toBe(1);
  });
});
