/**
 * The unlabelled messages `npm run finetune` adapts on: a file (JSONL or plain lines), checked
 * line by line, and the shopper messages in a real store's transcripts (never the bot's replies).
 */
import type { Activity } from 'botbuilder';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteTranscriptStore } from '../../bot/transcript-store.js';
import { CatalogStore } from '../../catalog/index.js';
import { UsageError } from '../../scripts/finetune/gather.js';
import { gatherUnlabeledMessages, MIN_UNLABELED_MESSAGES, readUnlabeledFile } from '../../scripts/finetune/unlabeled.js';
import { ROOT, tempDir } from '../helpers.js';

const MESSAGES = readFileSync(join(ROOT, 'test/fixtures/shopper-messages.txt'), 'utf8').trim().split('\n');

function activity(conversation: string, text: string, role: 'user' | 'bot', minute: number, aisle?: object): Activity {
  return {
    type: 'message',
    id: `${conversation}-${role}-${minute}`,
    text,
    channelId: 'directline',
    conversation: { id: conversation },
    from: { id: role === 'user' ? 'shopper' : 'aisle', role },
    recipient: { id: role === 'user' ? 'aisle' : 'shopper' },
    timestamp: new Date(Date.UTC(2026, 10, 1, 10, minute)),
    ...(aisle ? { channelData: { aisle } } : {}),
  } as Activity;
}

async function storeWith(messages: string[]): Promise<{ dataDir: string; databasePath: string }> {
  const dataDir = tempDir();
  const databasePath = join(dataDir, 'aisle.db');
  const store = CatalogStore.open(databasePath);
  const transcripts = new SqliteTranscriptStore(store.db);
  let minute = 0;
  for (const [i, text] of messages.entries()) {
    const conversation = `c${i % 7}`;
    await transcripts.logActivity(activity(conversation, `  ${text} `, 'user', minute++));
    await transcripts.logActivity(activity(conversation, `Here is what I found for "${text}"`, 'bot', minute++, { kind: 'faq', faqId: 'x' }));
  }
  store.close();
  return { dataDir, databasePath };
}

describe('unlabelled messages for domain adaptation', () => {
  it('reads JSONL rows and plain lines, trimmed; a bad JSONL line stops the run with its line number', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'm.jsonl'), '{"text": " where is my order "}\n\n{"text": "refund?"}\n');
    expect(readUnlabeledFile(join(dir, 'm.jsonl'))).toEqual(['where is my order', 'refund?']);
    writeFileSync(join(dir, 'm.txt'), 'where is my order\n  \nrefund?\r\n');
    expect(readUnlabeledFile(join(dir, 'm.txt'))).toEqual(['where is my order', 'refund?']);
    writeFileSync(join(dir, 'bad.jsonl'), '{"text": "ok"}\n{"text": 3}\n{"text": "broken"\n{"message": "x"}\n');
    expect(() => readUnlabeledFile(join(dir, 'bad.jsonl'))).toThrow(/3 bad lines, nothing trained:\n {2}line 2: expected \{"text": "…"\}\n {2}line 3: not JSON\n {2}line 4/);
    expect(() => readUnlabeledFile(join(dir, 'none.jsonl'))).toThrow(UsageError);
  });

  it('refuses a file with too few distinct messages to adapt on', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'few.txt'), [...MESSAGES.slice(0, MIN_UNLABELED_MESSAGES - 1), MESSAGES[0]].join('\n'));
    expect(() => gatherUnlabeledMessages({ file: join(dir, 'few.txt') }, { dataDir: dir, databasePath: join(dir, 'none.db') })).toThrow(
      new RegExp(`${MIN_UNLABELED_MESSAGES - 1} distinct messages; adapting needs at least ${MIN_UNLABELED_MESSAGES}`),
    );
  });

  it("takes the shoppers' messages from the store's transcripts, deduplicated, never the bot's replies", async () => {
    const location = await storeWith([...MESSAGES, MESSAGES[0]!, MESSAGES[1]!]);
    const set = gatherUnlabeledMessages({ fromData: true }, location);
    expect(set.counts).toEqual({ transcripts: MESSAGES.length });
    expect(new Set(set.messages)).toEqual(new Set(MESSAGES));
    expect(set.messages.some((text) => text.startsWith('Here is what I found'))).toBe(false);
  });

  it('combines a file with the store, each message once; a store with too few messages is skipped with a warning', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'm.txt'), MESSAGES.join('\n'));
    const location = await storeWith([MESSAGES[0]!, 'is the blue one in stock']);
    const both = gatherUnlabeledMessages({ file: join(dir, 'm.txt'), fromData: true }, location);
    expect(both.counts).toEqual({ file: MESSAGES.length, transcripts: 1 });
    expect(both.messages).toContain('is the blue one in stock');
    const warnings: string[] = [];
    const storeOnly = gatherUnlabeledMessages({ fromData: true }, location, (message) => warnings.push(message));
    expect(storeOnly.messages).toEqual([]);
    expect(warnings).toEqual([expect.stringMatching(/the transcripts hold 2 distinct shopper messages, fewer than 32: no domain adaptation/)]);
  });
});
