/**
 * botbuilder's TranscriptStore on SQLite: every activity in and out of a conversation,
 * in order, for support teams to review. Shares the catalog's database file.
 *
 *   new SqliteTranscriptStore(db).getTranscriptActivities('directline', 'c1') // { items: [activities...] }
 */
import type { Activity, PagedResult, TranscriptInfo, TranscriptStore } from 'botbuilder';
import type Database from 'better-sqlite3';

const PAGE_SIZE = 500;

export class SqliteTranscriptStore implements TranscriptStore {
  private readonly insert: Database.Statement;

  constructor(private readonly db: Database.Database) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS transcript_activities (
        id INTEGER PRIMARY KEY, channel_id TEXT NOT NULL, conversation_id TEXT NOT NULL,
        activity_id TEXT, at TEXT NOT NULL, json TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS transcript_conversation ON transcript_activities (channel_id, conversation_id, id);
    `);
    this.insert = db.prepare('INSERT INTO transcript_activities (channel_id, conversation_id, activity_id, at, json) VALUES (?, ?, ?, ?, ?)');
  }

  async logActivity(activity: Activity): Promise<void> {
    const timestamp = activity.timestamp ? new Date(activity.timestamp) : new Date();
    this.insert.run(activity.channelId ?? 'unknown', activity.conversation?.id ?? 'unknown', activity.id ?? null, timestamp.toISOString(), JSON.stringify(activity));
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

  /** Channel of a conversation id, to look a transcript up by conversation alone. */
  channelOf(conversationId: string): string | undefined {
    return this.db
      .prepare<[string], { channelId: string }>('SELECT channel_id AS channelId FROM transcript_activities WHERE conversation_id = ? LIMIT 1')
      .get(conversationId)?.channelId;
  }

  async deleteTranscript(channelId: string, conversationId: string): Promise<void> {
    this.db.prepare('DELETE FROM transcript_activities WHERE channel_id = ? AND conversation_id = ?').run(channelId, conversationId);
  }
}
