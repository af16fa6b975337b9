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
