/**
 * botbuilder's TranscriptStore on SQLite: every activity in and out of a conversation,
 * in order, for support teams to review. Shares the catalog's database file. Emails, phone
 * numbers and card numbers are redacted from every string of an activity but its ids before it is
 * stored (catalog/redaction.ts; see KEPT_PATHS), and a conversation can be erased from every table
 * that keys by it.
 *
 *   new SqliteTranscriptStore(db).getTranscriptActivities('directline', 'c1') // { items: [activities...] }
 *   store.eraseConversation('c1') // { channels: ['directline'], erased: { transcript_activities: 6, events: 4, answer_reviews: 1 } }
 */
import type { Activity, PagedResult, TranscriptInfo, TranscriptStore } from 'botbuilder';
import type Database from 'better-sqlite3';
import { redactPersonalData, redactStrings } from '../catalog/redaction.js';

const PAGE_SIZE = 500;

/**
 * SQL over `transcript_activities` rows (as `alias`): a message the shopper sent. The bot's replies,
 * and an agent's, carry `channelData.aisle`; a shopper's never does (the edge drops a client's).
 * One rule for every reader of the transcripts (reviews, the inbox, unanswered questions).
 */
export const shopperMessageSql = (alias: string) => `json_extract(${alias}.json, '$.type') = 'message' AND json_extract(${alias}.json, '$.channelData.aisle') IS NULL`;

/** SQL: the row (as `alias`) is the bot's `handoff` event for a shopper who asked for a person (a fallback's offer is not one). */
export const askedForPersonSql = (alias: string) =>
  `json_extract(${alias}.json, '$.type') = 'event' AND json_extract(${alias}.json, '$.name') = 'handoff' AND json_extract(${alias}.json, '$.value.reason') = 'asked-for-person'`;

/**
 * The strings of an activity stored exactly as they are, by path (a key kept here is redacted
 * anywhere else a client puts it): the ids read back exactly (a transcript is found and erased by
 * its conversation id, a review names an activity id, a reply the id of what it answers); and, on
 * the bot's own activities only, the answer's kind and FAQ ids, which the asked-next miner reads
 * (CatalogStore.faqAnswersAfter). A client cannot make its activity the bot's: a channel's
 * `from.role` is reset to `user` (bot/channel-security.ts), and Direct Line sets it.
 *
 * Every other string is redacted, wherever it is: text, `value` (its product ids too: analytics
 * reads those from the events table, not from here), `channelData`, entities, attachments, `from`
 * and `recipient`; and the type, channel, timestamps, roles, locale and service URL, which a client
 * may fill with anything but which redaction leaves as they are when they are what they say (none
 * holds an "@" or digits written as a phone or card number).
 */
const KEPT_PATHS = new Set([['id'], ['replyToId'], ['conversation', 'id']].map((path) => JSON.stringify(path)));
const KEPT_ON_THE_BOTS = new Set([['channelData', 'aisle', 'kind'], ['channelData', 'aisle', 'faqId'], ['channelData', 'aisle', 'secondFaqId']].map((path) => JSON.stringify(path)));

export function redactActivity(activity: Partial<Activity>): Partial<Activity> {
  const bots = activity.from?.role === 'bot';
  return redactStrings(activity, (path) => {
    const at = JSON.stringify(path);
    return KEPT_PATHS.has(at) || (bots && KEPT_ON_THE_BOTS.has(at));
  });
}

/** What `eraseConversation` removed: the channels the conversation was on, and rows per table. */
export interface ErasedConversation {
  channels: string[];
  erased: Record<string, number>;
}

export class SqliteTranscriptStore implements TranscriptStore {
  private readonly insert: Database.Statement;

  constructor(private readonly db: Database.Database) {
    createTranscriptTable(db);
    this.insert = db.prepare('INSERT INTO transcript_activities (channel_id, conversation_id, activity_id, at, json) VALUES (?, ?, ?, ?, ?)');
  }

  async logActivity(activity: Activity): Promise<void> {
    // A channel activity's timestamp and id are the client's: one that is no date ("not a date", 1e308, an
    // object) is logged at the time it arrived, and an id that is not a string is not kept, rather than failing the write.
    const stamp: unknown = activity.timestamp;
    const given = typeof stamp === 'string' || typeof stamp === 'number' || stamp instanceof Date ? new Date(stamp) : undefined;
    const timestamp = given && !Number.isNaN(given.getTime()) ? given : new Date();
    this.insert.run(activity.channelId ?? 'unknown', activity.conversation?.id ?? 'unknown', typeof activity.id === 'string' ? activity.id : null, timestamp.toISOString(), JSON.stringify(redactActivity(activity)));
  }

  async getTranscriptActivities(channelId: string, conversationId: string, continuationToken?: string, startDate?: Date): Promise<PagedResult<Activity>> {
    const after = continuationToken ? Number(continuationToken) : 0;
    const rows = this.db
      .prepare<[string, string, number, string], { id: number; json: string }>(
        `SELECT id, json FROM transcript_activities WHERE channel_id = ? AND conversation_id = ? AND id > ? AND at >= ?
         ORDER BY id LIMIT ${PAGE_SIZE + 1}`,
      )
      .all(channelId, conversationId, after, (startDate ?? new Date(0)).toISOString());
    const page = rows.slice(0, PAGE_SIZE);
    return {
      items: page.map((row) => JSON.parse(row.json) as Activity),
      continuationToken: rows.length > PAGE_SIZE ? String(page[page.length - 1]!.id) : '',
    };
  }

  async listTranscripts(channelId: string, continuationToken?: string): Promise<PagedResult<TranscriptInfo>> {
    const rows = this.listAll(channelId, continuationToken);
    return { items: rows.items.map(({ channelId: c, id, created }) => ({ channelId: c, id, created })), continuationToken: rows.continuationToken };
  }

  /** Conversations with their activity counts, newest first; `channelId` '*' lists all channels. */
  listAll(channelId = '*', continuationToken?: string): { items: (TranscriptInfo & { activities: number; lastActivity: Date })[]; continuationToken: string } {
    const offset = continuationToken ? Number(continuationToken) : 0;
    const rows = this.db
      .prepare<[string, string], { channelId: string; id: string; created: string; last: string; activities: number }>(
        `SELECT channel_id AS channelId, conversation_id AS id, MIN(at) AS created, MAX(at) AS last, COUNT(*) AS activities
         FROM transcript_activities WHERE (? = '*' OR channel_id = ?)
         GROUP BY channel_id, conversation_id ORDER BY last DESC LIMIT ${PAGE_SIZE + 1} OFFSET ${offset}`,
      )
      .all(channelId, channelId);
    const page = rows.slice(0, PAGE_SIZE);
    return {
      items: page.map((row) => ({ channelId: row.channelId, id: row.id, created: new Date(row.created), lastActivity: new Date(row.last), activities: row.activities })),
      continuationToken: rows.length > PAGE_SIZE ? String(offset + PAGE_SIZE) : '',
    };
  }

  /**
   * Why `query` is not what the shopper asked in this conversation, or undefined when it is: with
   * `answeredBy` (a reply's activity id), it must be the shopper's last message before that reply;
   * without, any shopper message of the conversation. Compared as transcripts keep text (redacted).
   * A review labels a real question, not text a reviewer typed.
   */
  questionProblem(conversationId: string, query: string, answeredBy?: string): string | undefined {
    const text = redactPersonalData(query);
    const shopperMessage = shopperMessageSql('transcript_activities');
    if (answeredBy !== undefined) {
      const reply = this.db.prepare<[string, string], { id: number }>('SELECT id FROM transcript_activities WHERE conversation_id = ? AND activity_id = ?').get(conversationId, answeredBy);
      if (!reply) return `activityId: no activity "${answeredBy.slice(0, 80)}" in this conversation`;
      const asked = this.db
        .prepare<[string, number], { text: string | null }>(`SELECT json_extract(json, '$.text') AS text FROM transcript_activities WHERE conversation_id = ? AND id < ? AND ${shopperMessage} ORDER BY id DESC LIMIT 1`)
        .get(conversationId, reply.id);
      if (!asked) return `activityId: no shopper message before activity "${answeredBy.slice(0, 80)}"`;
      return asked.text === text ? undefined : `query: that reply answered ${JSON.stringify((asked.text ?? '').slice(0, 120))}, not this text`;
    }
    const said = this.db.prepare<[string, string], { found: number }>(`SELECT 1 AS found FROM transcript_activities WHERE conversation_id = ? AND ${shopperMessage} AND json_extract(json, '$.text') = ? LIMIT 1`).get(conversationId, text);
    return said ? undefined : 'query: the shopper sent no such message in this conversation';
  }

  /** Channel of a conversation id, to look a transcript up by conversation alone. */
  channelOf(conversationId: string): string | undefined {
    return this.db
      .prepare<[string], { channelId: string }>('SELECT channel_id AS channelId FROM transcript_activities WHERE conversation_id = ? LIMIT 1')
      .get(conversationId)?.channelId;
  }

  async deleteTranscript(channelId: string, conversationId: string): Promise<void> {
    this.db.prepare('DELETE FROM transcript_activities WHERE channel_id = ? AND conversation_id = ?').run(channelId, conversationId);
  }

  /**
   * Erases a conversation, on every channel, from every table of the database with a
   * `conversation_id` column (its transcript, its events and logged lists, its reviews, and any
   * table added later), in one transaction: all of it or none. Freed pages are overwritten
   * (`secure_delete`), so the rows are not left readable in the database file.
   */
  eraseConversation(conversationId: string): ErasedConversation {
    this.db.pragma('secure_delete = ON');
    return this.db.transaction((): ErasedConversation => {
      const channels = this.db
        .prepare<[string], { channelId: string }>('SELECT DISTINCT channel_id AS channelId FROM transcript_activities WHERE conversation_id = ? ORDER BY channel_id')
        .all(conversationId)
        .map((row) => row.channelId);
      const erased: Record<string, number> = {};
      for (const table of tablesKeyedByConversation(this.db)) {
        erased[table] = this.db.prepare(`DELETE FROM "${table}" WHERE conversation_id = ?`).run(conversationId).changes;
      }
      return { channels, erased };
    })();
  }
}

/** The tables with a `conversation_id` column, by name. */
export function tablesKeyedByConversation(db: Database.Database): string[] {
  return db
    .prepare<[], { name: string }>(
      `SELECT m.name AS name FROM sqlite_master m WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
         AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) c WHERE c.name = 'conversation_id') ORDER BY m.name`,
    )
    .all()
    .map((row) => row.name);
}

/**
 * The table, with ids that are never used twice (AUTOINCREMENT): bot/asked-next.ts reads it by id
 * ranges, and without it erasing the newest conversation would hand its ids to the next rows, which
 * a reader already past them would never see. A table made before is rebuilt once, in a transaction.
 */
function createTranscriptTable(db: Database.Database): void {
  const columns = `id INTEGER PRIMARY KEY AUTOINCREMENT, channel_id TEXT NOT NULL, conversation_id TEXT NOT NULL,
        activity_id TEXT, at TEXT NOT NULL, json TEXT NOT NULL`;
  const index = 'CREATE INDEX IF NOT EXISTS transcript_conversation ON transcript_activities (channel_id, conversation_id, id)';
  const existing = db.prepare<[], { sql: string }>("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'transcript_activities'").get();
  if (!existing) {
    db.exec(`CREATE TABLE transcript_activities (${columns}); ${index};`);
    return;
  }
  if (/AUTOINCREMENT/i.test(existing.sql)) {
    db.exec(index);
    return;
  }
  db.transaction(() => {
    db.exec(`
      CREATE TABLE transcript_activities_v2 (${columns});
      INSERT INTO transcript_activities_v2 (id, channel_id, conversation_id, activity_id, at, json)
        SELECT id, channel_id, conversation_id, activity_id, at, json FROM transcript_activities ORDER BY id;
      DROP TABLE transcript_activities;
      ALTER TABLE transcript_activities_v2 RENAME TO transcript_activities;
      ${index};
    `);
  })();
}
