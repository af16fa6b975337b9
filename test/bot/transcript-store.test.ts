import type { Activity } from 'botbuilder';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SqliteTranscriptStore } from '../../bot/transcript-store.js';

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
      channelData: { clientActivityID: '1699999999999abc', aisle: { kind: 'faq', faqId: 'returns-policy' }, said: ['jo@example.com'] },
    } as unknown as Activity;
    await store.logActivity(activity);
    const [stored] = (await store.getTranscriptActivities('directline', 'c1')).items as unknown as Record<string, any>[];
    expect(stored!.text).toBe('my email is [email], call [phone], card [card]; a jacket under $1,299.99 in size 10-12');
    expect(stored!.from).toEqual({ id: '[email]', name: 'Jo [phone]', role: 'user' });
    expect(stored!.value).toEqual({ productId: 'JKT-0001', note: 'text me on [phone]' });
    expect(stored!.channelData).toEqual({ clientActivityID: '1699999999999abc', aisle: { kind: 'faq', faqId: 'returns-policy' }, said: ['[email]'] });
    expect(stored!.id).toBe('c1|0000001');
    expect(stored!.conversation).toEqual({ id: 'c1' });
    expect(stored!.timestamp).toBe('2026-01-01T10:00:00.000Z');
    // Nothing unredacted anywhere in the row, and the activity logged is not changed.
    expect(JSON.stringify(db.prepare('SELECT * FROM transcript_activities').all())).not.toMatch(/jo@example|07700|4111|7946|123-4567/);
    expect(activity.text).toContain('jo@example.com');
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
