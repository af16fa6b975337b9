/**
 * What shoppers ask next after an FAQ answer, mined from real transcripts in SQLite
 * (CatalogStore.faqAnswersAfter, bot/asked-next.ts) and offered among the answer's next questions.
 */
import { join } from 'node:path';
import type { Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { AskedNext, MIN_SHOPPERS } from '../../bot/asked-next.js';
import { SqliteTranscriptStore } from '../../bot/transcript-store.js';
import { CatalogStore } from '../../catalog/index.js';
import { tempDir } from '../helpers.js';

const answer = (conversation: string, faqId: string, kind = 'faq'): Activity =>
  ({ type: 'message', channelId: 'directline', conversation: { id: conversation }, from: { id: 'aisle', role: 'bot' }, text: '…', channelData: { aisle: { kind, confidence: 0.9, faqId } } }) as unknown as Activity;
const asked = (conversation: string, text: string): Activity =>
  ({ type: 'message', channelId: 'directline', conversation: { id: conversation }, from: { id: 'shopper', role: 'user' }, text }) as unknown as Activity;

describe('questions asked next', () => {
  it('counts, per entry, the conversations whose next FAQ answer was another entry, most first, and only from two conversations up', async () => {
    const store = CatalogStore.open(join(tempDir(), 'aisle.db'));
    expect(new AskedNext(store).after('returns-policy')).toEqual([]);
    const transcripts = new SqliteTranscriptStore(store.db);
    const log = async (...activities: Activity[]) => { for (const activity of activities) await transcripts.logActivity(activity); };
    // Three shoppers asked about the return label after the returns policy; one about refunds; one asked the policy twice.
    for (const c of ['a', 'b', 'c']) await log(asked(c, 'how do returns work'), answer(c, 'returns-policy'), asked(c, 'and the label?'), answer(c, 'returns-label'));
    await log(answer('d', 'returns-policy'), answer('d', 'products-x', 'products'), answer('d', 'refund-time'));
    await log(answer('e', 'returns-policy'), answer('e', 'returns-policy'));
    // The same pair twice in one conversation counts once.
    await log(answer('f', 'returns-policy'), answer('f', 'returns-label'), answer('f', 'returns-policy'), answer('f', 'returns-label'));
    const next = new AskedNext(store);
    expect(next.after('returns-policy', 0)).toEqual([{ faqId: 'returns-label', shoppers: 4 }]);
    expect(next.counts('returns-policy')).toEqual([{ faqId: 'returns-label', shoppers: 4 }, { faqId: 'refund-time', shoppers: 1 }]);
    expect(next.counts('returns-label')).toEqual([{ faqId: 'returns-policy', shoppers: 1 }]);
    expect(MIN_SHOPPERS).toBe(2);
    // Read again only once a minute: a fifth shopper is counted after that.
    await log(answer('g', 'returns-policy'), answer('g', 'returns-label'));
    expect(next.after('returns-policy', 30_000)[0]!.shoppers).toBe(4);
    expect(next.after('returns-policy', 61_000)[0]!.shoppers).toBe(5);
    store.close();
  });
});

describe('mining a large transcript store', () => {
  it('reads a slice of rows per call, catching up a backlog call by call, and counts the same as reading it whole', async () => {
    const store = CatalogStore.open(join(tempDir(), 'aisle.db'));
    const transcripts = new SqliteTranscriptStore(store.db);
    // 40 conversations of 4 rows each: 160 rows, read 25 at a time.
    for (let i = 0; i < 40; i++) {
      const c = `c${i}`;
      for (const activity of [asked(c, 'returns?'), answer(c, 'returns-policy'), asked(c, 'label?'), answer(c, i % 4 === 0 ? 'refund-time' : 'returns-label')]) await transcripts.logActivity(activity);
    }
    const sliced = new AskedNext(store, 25);
    const seen: number[] = [];
    for (let call = 0; call < 8; call++) seen.push(sliced.after('returns-policy', 0)[0]?.shoppers ?? 0);
    // The counts grow slice by slice, without waiting a minute between calls, until every row is read.
    expect(seen[0]).toBeLessThan(30);
    expect(seen.at(-1)).toBe(30);
    const whole = new AskedNext(store, 1_000_000);
    expect(whole.counts('returns-policy')).toEqual([]);
    whole.after('returns-policy', 0);
    expect(sliced.counts('returns-policy')).toEqual(whole.counts('returns-policy'));
    expect(whole.counts('returns-policy')).toEqual([{ faqId: 'returns-label', shoppers: 30 }, { faqId: 'refund-time', shoppers: 10 }]);
    await store.close();
  });
});

describe('memory over a long-running server', () => {
  it('keeps the last answer of only the most recently active conversations, and still counts the pairs of those it keeps', async () => {
    const store = CatalogStore.open(join(tempDir(), 'aisle.db'));
    const transcripts = new SqliteTranscriptStore(store.db);
    const log = async (...activities: Activity[]) => { for (const activity of activities) await transcripts.logActivity(activity); };
    // 'old' answers once, then 50 others answer; then 'old' and 'recent' answer again.
    await log(answer('old', 'returns-policy'), answer('recent', 'returns-policy'));
    for (let i = 0; i < 50; i++) await log(answer(`c${i}`, 'delivery-times'));
    await log(answer('recent', 'returns-policy'), answer('recent', 'refund-time'), answer('old', 'returns-label'));
    const next = new AskedNext(store, 1_000, 10);
    next.after('returns-policy', 0);
    expect(next.conversationsHeld).toBe(10);
    // 'recent' paired its two answers after the others; 'old' had been forgotten by then, 50 conversations later.
    expect(next.counts('returns-policy')).toEqual([{ faqId: 'refund-time', shoppers: 1 }]);
    const unbounded = new AskedNext(store, 1_000);
    unbounded.after('returns-policy', 0);
    expect(unbounded.conversationsHeld).toBe(52);
    expect(unbounded.counts('returns-policy')).toEqual([{ faqId: 'refund-time', shoppers: 1 }, { faqId: 'returns-label', shoppers: 1 }]);
    await store.close();
  });
});

describe('an FAQ answer offers what shoppers asked next', () => {
  it('puts the counted next question after the entry\'s own follow-ups, and says its count in channelData', async () => {
    const { openTestShop } = await import('../helpers.js');
    const { decide } = await import('../../turn/decide.js');
    const { renderDecision } = await import('../../bot/reply.js');
    const testShop = await openTestShop();
    try {
      const services = { ...testShop.shop.current(), options: testShop.shop.decisionOptions };
      const decision = await decide('how do I return something?', services);
      expect(decision.kind).toBe('faq');
      if (decision.kind !== 'faq') return;
      const { kb } = services;
      const own = decision.entry.followUps ?? [];
      // The returns policy has three follow-ups of its own: room for one counted question.
      expect(own.length).toBe(3);
      // An entry neither a follow-up nor ranked close: only the transcripts put it there.
      const unrelated = kb.faqEntries().find((entry) => entry.id !== decision.entry.id && !own.includes(entry.id) && !decision.related.some((hit) => hit.entry.id === entry.id))!;
      const [reply] = renderDecision({ ...decision, askedNext: [{ faqId: unrelated.id, shoppers: 7 }] }, kb);
      const buttons = reply!.suggestedActions!.actions.map((action) => action.title);
      expect(buttons.slice(0, 3)).toEqual(own.map((id) => kb.faqEntry(id)!.questions[0]));
      expect(buttons[3]).toBe(unrelated.questions[0]);
      expect((reply!.channelData as { aisle: { askedNext?: unknown } }).aisle.askedNext).toEqual([{ faqId: unrelated.id, shoppers: 7 }]);
      const [plain] = renderDecision(decision, kb);
      expect(plain!.suggestedActions!.actions.map((action) => action.title)).not.toContain(unrelated.questions[0]);
    } finally {
      testShop.close();
    }
  }, 120_000);
});
