import type { Activity } from 'botbuilder';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { redactActivity, SqliteTranscriptStore } from '../../bot/transcript-store.js';
import { CatalogStore } from '../../catalog/index.js';

function message(conversationId: string, text: string, minute: number, channelId = 'directline'): Activity {
  return {
    type: 'message',
    id: `${conversationId}-${text}`,
    text,
    channelId,
    conversation: { id: conversationId },
    from: { id: 'u' },
    recipient: { id: 'b' },
    timestamp: new Date(Date.UTC(2026, 0, 1, 10, minute)),
  } as Activity;
}

describe('SqliteTranscriptStore (botbuilder TranscriptStore contract)', () => {
  it('returns a conversation in order, filtered by start date', async () => {
    const store = new SqliteTranscriptStore(new Database(':memory:'));
    for (const [i, text] of ['hi', 'hello', 'bye'].entries()) await store.logActivity(message('c1', text, i));
    await store.logActivity(message('c2', 'other', 5));
    const all = await store.getTranscriptActivities('directline', 'c1');
    expect(all.items.map((a) => a.text)).toEqual(['hi', 'hello', 'bye']);
    expect(all.continuationToken).toBe('');
    const later = await store.getTranscriptActivities('directline', 'c1', undefined, new Date(Date.UTC(2026, 0, 1, 10, 1)));
    expect(later.items.map((a) => a.text)).toEqual(['hello', 'bye']);
  });

  it('lists conversations per channel and deletes one', async () => {
    const store = new SqliteTranscriptStore(new Database(':memory:'));
    await store.logActivity(message('c1', 'a', 0));
    await store.logActivity(message('c2', 'b', 1, 'emulator'));
    expect((await store.listTranscripts('directline')).items.map((t) => t.id)).toEqual(['c1']);
    expect(store.listAll().items.map((t) => [t.channelId, t.id, t.activities])).toEqual([['emulator', 'c2', 1], ['directline', 'c1', 1]]);
    await store.deleteTranscript('directline', 'c1');
    expect((await store.getTranscriptActivities('directline', 'c1')).items).toEqual([]);
    expect(store.channelOf('c2')).toBe('emulator');
  });

  it('pages long transcripts with a continuation token', async () => {
    const store = new SqliteTranscriptStore(new Database(':memory:'));
    for (let i = 0; i < 501; i++) await store.logActivity(message('long', `m${i}`, 0));
    const first = await store.getTranscriptActivities('directline', 'long');
    expect(first.items).toHaveLength(500);
    const second = await store.getTranscriptActivities('directline', 'long', first.continuationToken);
    expect(second.items.map((a) => a.text)).toEqual(['m500']);
  });
});

describe('personal data in transcripts', () => {
  it('stores every string a shopper controls with emails, phone and card numbers redacted, ids and enums as they are', async () => {
    const db = new Database(':memory:');
    const store = new SqliteTranscriptStore(db);
    const activity = {
      ...message('c1', 'my email is jo@example.com, call 07700 900123, card 4111 1111 1111 1111; a jacket under $1,299.99 in size 10-12', 0),
      id: 'c1|0000001',
      from: { id: 'jo@example.com', name: 'Jo (555) 123-4567', role: 'user' },
      value: { productId: 'JKT-0001', note: 'text me on +44 20 7946 0958' },
      channelData: { clientActivityID: '1699999999999abc', said: ['jo@example.com'] },
    } as unknown as Activity;
    await store.logActivity(activity);
    const [stored] = (await store.getTranscriptActivities('directline', 'c1')).items as unknown as Record<string, any>[];
    expect(stored!.text).toBe('my email is [email], call [phone], card [card]; a jacket under $1,299.99 in size 10-12');
    expect(stored!.from).toEqual({ id: '[email]', name: 'Jo [phone]', role: 'user' });
    expect(stored!.value).toEqual({ productId: 'JKT-0001', note: 'text me on [phone]' });
    expect(stored!.channelData).toEqual({ clientActivityID: '1699999999999abc', said: ['[email]'] });
    expect(stored!.id).toBe('c1|0000001');
    expect(stored!.conversation).toEqual({ id: 'c1' });
    expect(stored!.timestamp).toBe('2026-01-01T10:00:00.000Z');
    // Nothing unredacted anywhere in the row, and the activity logged is not changed.
    expect(JSON.stringify(db.prepare('SELECT * FROM transcript_activities').all())).not.toMatch(/jo@example|07700|4111|7946|123-4567/);
    expect(activity.text).toContain('jo@example.com');
  });

  it('keeps by path, not by key: personal data a client puts under a key the bot keeps elsewhere is redacted', () => {
    const email = 'jo@example.com';
    const card = '4111111111111111';
    const phone = '+44 20 7946 0958';
    // Every key that was kept at any depth, filled by a client.
    const activity = {
      type: email, id: 'c1|0000001', replyToId: 'c1|0000000', channelId: 'directline', serviceUrl: `https://x.test/${email}`, timestamp: email,
      localTimestamp: phone, locale: email, textFormat: phone, inputHint: email, text: 'hi',
      conversation: { id: 'c1', name: email, conversationType: phone, tenantId: email, aadObjectId: card, role: email },
      from: { id: email, name: email, role: email, aadObjectId: phone }, recipient: { id: email, role: phone },
      value: { id: email, productId: card, action: phone, facet: email, kind: email, faqId: card, contentType: phone },
      channelData: { kind: email, faqId: card, secondFaqId: phone, aisle: { kind: email, faqId: card, secondFaqId: phone, products: [{ id: card }], about: { productId: card } } },
      entities: [{ type: email, id: card }],
      attachments: [{ contentType: email, content: { id: card, role: phone } }],
    } as unknown as Activity;
    const stored = JSON.stringify(redactActivity(activity));
    expect(stored).not.toMatch(/jo@example|4111|7946/);
    // Only the ids are kept: the activity's, the one it replies to, and its conversation's.
    const back = JSON.parse(stored) as Record<string, any>;
    expect([back.id, back.replyToId, back.conversation.id]).toEqual(['c1|0000001', 'c1|0000000', 'c1']);
    expect(back.value).toEqual({ id: '[email]', productId: '[card]', action: '[phone]', facet: '[email]', kind: '[email]', faqId: '[card]', contentType: '[phone]' });
    // A shopper's activity claiming the bot's kind and FAQ ids does not have them kept.
    expect(back.channelData.aisle).toMatchObject({ kind: '[email]', faqId: '[card]', secondFaqId: '[phone]' });
  });

  it("keeps the bot's answer kind and FAQ ids exactly, and what a genuine activity says of itself comes back as it was", async () => {
    const catalog = CatalogStore.open(':memory:');
    const store = new SqliteTranscriptStore(catalog.db);
    const base = {
      channelId: 'msteams', serviceUrl: 'https://smba.trafficmanager.net/emea/', conversation: { id: 'a:1Xy9-Z', conversationType: 'personal', tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47' },
      locale: 'en-GB', localTimestamp: '2026-01-01T11:00:00.1234567+01:00', timestamp: '2026-01-01T10:00:00.1234567Z', textFormat: 'markdown',
    };
    const question = { ...base, type: 'message', id: '1699999999999', text: 'how do returns work?', from: { id: '29:1abc', role: 'user' }, recipient: { id: '28:aisle', role: 'bot' } };
    const answer = {
      ...base, type: 'message', id: 'g_k2j3h41699999999999', replyToId: '1699999999999', text: 'You can return ...', inputHint: 'acceptingInput',
      from: { id: '28:aisle', name: 'Aisle', role: 'bot' }, recipient: { id: '29:1abc', role: 'user' },
      // FAQ ids a shop chose: kept exactly on the bot's own answer, even ones redaction would take for a number.
      channelData: { aisle: { kind: 'faq', confidence: 0.9, faqId: '4111111111111111', secondFaqId: 'returns-label' } },
    };
    for (const activity of [question, answer]) await store.logActivity(activity as unknown as Activity);
    const items = (await store.getTranscriptActivities('msteams', 'a:1Xy9-Z')).items as unknown[];
    expect(items).toEqual([question, answer]);
    // The asked-next miner finds the answer by its role, kind and FAQ id.
    expect(catalog.faqAnswersAfter(0, 10).answers.map((a) => a.faqId)).toEqual(['4111111111111111']);
  });
});

describe('ids never used twice', () => {
  it('rebuilds a table made before with AUTOINCREMENT, keeping its rows and ids, so erasing the newest rows frees no id', async () => {
    const db = new Database(':memory:');
    db.exec(`CREATE TABLE transcript_activities (
        id INTEGER PRIMARY KEY, channel_id TEXT NOT NULL, conversation_id TEXT NOT NULL,
        activity_id TEXT, at TEXT NOT NULL, json TEXT NOT NULL);
      INSERT INTO transcript_activities (id, channel_id, conversation_id, activity_id, at, json) VALUES (7, 'directline', 'old', 'x', '2025-01-01T00:00:00.000Z', '{"text":"kept"}')`);
    const store = new SqliteTranscriptStore(db);
    expect(db.prepare("SELECT sql FROM sqlite_master WHERE name = 'transcript_activities'").pluck().get()).toMatch(/AUTOINCREMENT/);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'transcript_conversation'").pluck().get()).toBe('transcript_conversation');
    expect(db.prepare('SELECT id, json FROM transcript_activities').all()).toEqual([{ id: 7, json: '{"text":"kept"}' }]);
    await store.logActivity(message('newest', 'hi', 1));
    expect(db.prepare("SELECT id FROM transcript_activities WHERE conversation_id = 'newest'").pluck().get()).toBe(8);
    store.eraseConversation('newest');
    await store.logActivity(message('next', 'hello', 2));
    expect(db.prepare("SELECT id FROM transcript_activities WHERE conversation_id = 'next'").pluck().get()).toBe(9);
    // Opening it again changes nothing.
    new SqliteTranscriptStore(db);
    expect(db.prepare('SELECT COUNT(*) FROM transcript_activities').pluck().get()).toBe(2);
  });
});

describe('what a channel client may send', () => {
  it('logs an activity whose timestamp is no date at the time it arrived, and one whose id is no string without the id', async () => {
    const store = new SqliteTranscriptStore(new Database(':memory:'));
    // A channel activity's timestamp and id are the client's: these threw in the write, which botbuilder only logged.
    for (const timestamp of ['not a date', 1e308, { toString: 1 }]) await store.logActivity({ ...message('odd', 'hi', 0), timestamp } as unknown as Activity);
    await store.logActivity({ ...message('odd', 'hi', 0), id: 5 } as unknown as Activity);
    const { items } = await store.getTranscriptActivities('directline', 'odd');
    expect(items).toHaveLength(4);
    expect(items.map((a) => a.text)).toEqual(['hi', 'hi', 'hi', 'hi']);
  });
});
