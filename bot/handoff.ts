/**
 * The live-agent queue. A conversation joins it when the shopper asks for a person (or takes the
 * offer a fallback makes); it waits, in order of asking, until an agent claims it in the admin app,
 * and leaves it when the agent hands it back to the bot, or when the shopper goes back to the bot
 * while still waiting. Kept in SQLite, so a restart keeps the queue; with the conversation's
 * reference, so an agent's messages reach the shopper on whichever channel they came from.
 *
 *   const queue = new HandoffQueue(db);
 *   queue.request(reference, 'asked-for-person')  // { position: 1, already: false }
 *   queue.claim('conv-1', 'maria');               // the bot stays quiet in conv-1 from now on
 *   queue.release('conv-1', 'maria');             // back to the bot
 */
import type Database from 'better-sqlite3';
import type { ConversationReference } from 'botbuilder';
import type { Handoff } from './api-types.js';
import { HttpError } from './http-errors.js';

export type { Handoff };

export type HandoffState = { state: 'waiting'; position: number } | { state: 'claimed'; by: string };

interface Row {
  id: number;
  conversation_id: string;
  channel_id: string;
  reference: string;
  reason: string;
  requested_at: string;
  claimed_by: string | null;
  claimed_at: string | null;
}

export function createHandoffTable(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS handoffs (
      id INTEGER PRIMARY KEY, conversation_id TEXT NOT NULL, channel_id TEXT NOT NULL, reference TEXT NOT NULL,
      reason TEXT NOT NULL, requested_at TEXT NOT NULL, claimed_by TEXT, claimed_at TEXT,
      closed_at TEXT, closed_by TEXT);
    CREATE UNIQUE INDEX IF NOT EXISTS handoffs_open ON handoffs (conversation_id) WHERE closed_at IS NULL;
  `);
}

export class HandoffQueue {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date = () => new Date(),
  ) {
    createHandoffTable(db);
  }

  /** Puts the conversation in the queue (once: asking again keeps its place) and says where it stands. */
  request(reference: Partial<ConversationReference>, reason: string): { state: HandoffState; already: boolean } {
    const conversationId = reference.conversation?.id;
    if (!conversationId) throw new Error('a handoff needs a conversation reference with its id');
    const existing = this.state(conversationId);
    if (existing) return { state: existing, already: true };
    this.db
      .prepare('INSERT INTO handoffs (conversation_id, channel_id, reference, reason, requested_at) VALUES (?, ?, ?, ?, ?)')
      .run(conversationId, reference.channelId ?? 'unknown', JSON.stringify(reference), reason, this.now().toISOString());
    return { state: this.state(conversationId)!, already: false };
  }

  /** Where an open conversation stands; undefined when it is not in the queue. */
  state(conversationId: string): HandoffState | undefined {
    const row = this.open(conversationId);
    if (!row) return undefined;
    if (row.claimed_by) return { state: 'claimed', by: row.claimed_by };
    const ahead = this.db.prepare<[number], { n: number }>('SELECT COUNT(*) AS n FROM handoffs WHERE closed_at IS NULL AND claimed_by IS NULL AND id < ?').get(row.id)!.n;
    return { state: 'waiting', position: ahead + 1 };
  }

  /** The queue: the waiting in order of asking, then those claimed. */
  list(): Handoff[] {
    const rows = this.db.prepare<[], Row>('SELECT * FROM handoffs WHERE closed_at IS NULL ORDER BY claimed_by IS NOT NULL, id').all();
    let position = 0;
    return rows.map((row) => ({
      conversationId: row.conversation_id,
      channelId: row.channel_id,
      reason: row.reason,
      requestedAt: row.requested_at,
      ...(row.claimed_by ? { claimedBy: row.claimed_by, claimedAt: row.claimed_at! } : { position: ++position }),
    }));
  }

  /** The agent takes the conversation: 404 when it is not in the queue, 409 when another agent has it. */
  claim(conversationId: string, agent: string): Handoff {
    const row = this.requireOpen(conversationId);
    if (row.claimed_by && row.claimed_by !== agent) throw new HttpError(409, 'Conflict', `${row.claimed_by} has this conversation`);
    if (!row.claimed_by) this.db.prepare('UPDATE handoffs SET claimed_by = ?, claimed_at = ? WHERE conversation_id = ? AND closed_at IS NULL').run(agent, this.now().toISOString(), conversationId);
    return this.list().find((handoff) => handoff.conversationId === conversationId)!;
  }

  /** Ends the handoff: the bot answers again. Only the agent holding it may (409), or anyone while it waits. */
  release(conversationId: string, agent: string): void {
    const row = this.requireOpen(conversationId);
    if (row.claimed_by && row.claimed_by !== agent) throw new HttpError(409, 'Conflict', `${row.claimed_by} has this conversation: only they can hand it back`);
    this.db.prepare('UPDATE handoffs SET closed_at = ?, closed_by = ? WHERE conversation_id = ? AND closed_at IS NULL').run(this.now().toISOString(), agent, conversationId);
  }

  /** The shopper goes back to the bot while still waiting; false when the conversation is not waiting. */
  cancel(conversationId: string): boolean {
    return this.db.prepare("UPDATE handoffs SET closed_at = ?, closed_by = 'shopper' WHERE conversation_id = ? AND closed_at IS NULL AND claimed_by IS NULL").run(this.now().toISOString(), conversationId).changes > 0;
  }

  /** The open conversation's reference, for sending to it. */
  reference(conversationId: string): Partial<ConversationReference> {
    return JSON.parse(this.requireOpen(conversationId).reference) as Partial<ConversationReference>;
  }

  /** The agent holding a conversation, checked: 404 when not in the queue, 409 when not claimed by `agent`. */
  requireHeldBy(conversationId: string, agent: string): void {
    const row = this.requireOpen(conversationId);
    if (row.claimed_by !== agent) throw new HttpError(409, 'Conflict', row.claimed_by ? `${row.claimed_by} has this conversation` : 'claim the conversation before writing to the shopper');
  }

  private open(conversationId: string): Row | undefined {
    return this.db.prepare<[string], Row>('SELECT * FROM handoffs WHERE conversation_id = ? AND closed_at IS NULL').get(conversationId);
  }

  private requireOpen(conversationId: string): Row {
    const row = this.open(conversationId);
    if (!row) throw new HttpError(404, 'NotFound', `conversation "${conversationId}" is not waiting for or with a person`);
    return row;
  }
}
