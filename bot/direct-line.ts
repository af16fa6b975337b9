/**
 * A local Direct Line 3.0 subset, so the official Web Chat talks to the bot with no
 * cloud service: conversations live in memory, the bot runs in-process through its own
 * BotAdapter (same middleware and bot as /api/messages), and clients poll for activities.
 *
 *   POST /v3/directline/conversations                      -> 201 { conversationId, token, expires_in }
 *   POST /v3/directline/conversations/:id/activities       -> 200 { id }   (after the bot's turn has run)
 *   GET  /v3/directline/conversations/:id/activities?watermark=3 -> { activities, watermark }
 *   POST /v3/directline/tokens/refresh                     -> { conversationId, token, expires_in } (a new token)
 *
 * Each conversation has its own token; requests about a conversation must carry it. A token
 * expires after `expires_in` seconds; Web Chat refreshes it halfway, and the one it replaces
 * keeps working for a minute so requests already on their way are not refused.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import {
  ActivityTypes,
  BotAdapter,
  TurnContext,
  type Activity,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';
import express, { type Request, type Response, type Router } from 'express';
import { boundActivity } from './channel-activity.js';
import { parseClientEvent } from './events.js';
import { HttpError, quote } from './http-errors.js';

export const DIRECT_LINE_CHANNEL = 'directline';

export interface DirectLineOptions {
  /** Conversations kept in memory; the least recently used is dropped beyond this. Default 10,000. */
  maxConversations?: number;
  /** Activities kept per conversation (older ones are dropped, watermarks stay valid). Default 1,000. */
  maxActivitiesPerConversation?: number;
  /** Bytes (as JSON) of activities kept per conversation; the oldest are dropped beyond this. Default 1 MB. */
  maxBytesPerConversation?: number;
  /** Bytes of activities kept over all conversations; the least recently used conversations are dropped beyond this. Default 256 MB. */
  maxHeldBytes?: number;
  /** Conversations idle longer than this are dropped by `sweep`. Default 1 h. */
  idleTimeoutMs?: number;
  /** A token's life in seconds. Default 1,800 (what botframework-directlinejs expects). */
  tokenLifetimeS?: number;
  botId?: string;
  botName?: string;
  /** The clock, for tests. */
  now?: () => number;
}

export const defaultDirectLineOptions = {
  maxConversations: 10_000,
  maxActivitiesPerConversation: 1_000,
  maxBytesPerConversation: 1024 * 1024,
  maxHeldBytes: 256 * 1024 * 1024,
  idleTimeoutMs: 60 * 60 * 1000,
  tokenLifetimeS: 1800,
  botId: 'aisle',
  botName: 'Aisle',
  now: Date.now,
};

/** How long a token replaced by a refresh still opens its conversation. */
const REPLACED_TOKEN_GRACE_MS = 60_000;

interface Conversation {
  id: string;
  token: string;
  tokenExpiresAt: number;
  /** The token a refresh replaced, usable until `until`. */
  replaced?: { token: string; until: number };
  /** Activities[0] has watermark index `dropped`. */
  activities: Partial<Activity>[];
  /** The JSON size of each kept activity, and their sum: what the byte caps count. */
  sizes: number[];
  bytes: number;
  dropped: number;
  lastUsed: number;
  /** The turn running now, if any: the next one waits for it (see receive). */
  turn: Promise<void>;
}

type TurnLogic = (context: TurnContext) => Promise<void>;

/** The service URL of the local Direct Line's activities: not a place to send to. */
export const LOCAL_DIRECT_LINE_SERVICE_URL = 'urn:aisle:directline';

export class DirectLineAdapter extends BotAdapter {
  private readonly conversations = new Map<string, Conversation>();
  /** token -> conversation id: Web Chat refreshes with the token alone. */
  private readonly tokens = new Map<string, string>();
  private heldBytes = 0;
  private readonly options: typeof defaultDirectLineOptions;

  constructor(options: DirectLineOptions = {}) {
    super();
    this.options = { ...defaultDirectLineOptions, ...options };
  }

  startConversation(): Conversation {
    this.sweep();
    const now = this.options.now();
    const conversation: Conversation = {
      id: randomUUID(),
      token: newToken(),
      tokenExpiresAt: now + this.options.tokenLifetimeS * 1000,
      activities: [],
      sizes: [],
      bytes: 0,
      dropped: 0,
      lastUsed: now,
      turn: Promise.resolve(),
    };
    this.conversations.set(conversation.id, conversation);
    this.tokens.set(conversation.token, conversation.id);
    return conversation;
  }

  get conversationCount(): number {
    return this.conversations.size;
  }

  /** Drops a conversation and its tokens now (an erasure); false when there was none. */
  forget(conversationId: string): boolean {
    const conversation = this.conversations.get(conversationId);
    if (!conversation) return false;
    this.drop(conversationId, conversation);
    return true;
  }

  /** Whether this adapter started the conversation: /api/messages must not write into it. */
  owns(conversationId: string): boolean {
    return this.conversations.has(conversationId);
  }

  get tokenLifetimeS(): number {
    return this.options.tokenLifetimeS;
  }

  /** The conversation a live token opens, or why it opens none. */
  byToken(token: string | undefined): Conversation | undefined {
    const id = token === undefined ? undefined : this.tokens.get(token);
    const conversation = id === undefined ? undefined : this.conversation(id);
    return conversation && token !== undefined && this.tokenProblem(conversation, token) === undefined ? conversation : undefined;
  }

  /** Why `token` does not open `conversation` now, or undefined when it does. */
  tokenProblem(conversation: Conversation, token: string | undefined): string | undefined {
    const now = this.options.now();
    if (token === conversation.token) return now < conversation.tokenExpiresAt ? undefined : 'this token has expired; start a new conversation';
    if (token !== undefined && token === conversation.replaced?.token) return now < conversation.replaced.until ? undefined : 'this token was replaced by a refresh';
    return 'this token does not belong to the conversation';
  }

  /** A new token for the conversation; the old one keeps working for a short grace. */
  refreshToken(conversation: Conversation): Conversation {
    const now = this.options.now();
    if (conversation.replaced) this.tokens.delete(conversation.replaced.token);
    conversation.replaced = { token: conversation.token, until: now + REPLACED_TOKEN_GRACE_MS };
    conversation.token = newToken();
    conversation.tokenExpiresAt = now + this.options.tokenLifetimeS * 1000;
    this.tokens.set(conversation.token, conversation.id);
    return conversation;
  }

  conversation(id: string): Conversation | undefined {
    const conversation = this.conversations.get(id);
    if (conversation) {
      conversation.lastUsed = this.options.now();
      // Re-insert to keep the Map in least-recently-used order for eviction.
      this.conversations.delete(id);
      this.conversations.set(id, conversation);
    }
    return conversation;
  }

  /** Appends the user's activity and runs the bot's turn on it; resolves when the turn is done. */
  async receive(conversation: Conversation, incoming: Partial<Activity>, logic: TurnLogic): Promise<string> {
    const activity: Partial<Activity> = {
      ...incoming,
      channelId: DIRECT_LINE_CHANNEL,
      conversation: { id: conversation.id, isGroup: false, conversationType: 'personal', name: '' },
      recipient: { id: this.options.botId, name: this.options.botName, role: 'bot' },
      from: { id: incoming.from?.id ?? 'user', name: incoming.from?.name ?? '', role: 'user' },
      timestamp: new Date(),
      serviceUrl: LOCAL_DIRECT_LINE_SERVICE_URL,
    };
    const id = this.append(conversation, activity);
    activity.id = id;
    // One turn at a time per conversation, in the order the activities arrived: a page that sends a
    // product.view while the shopper's message is being answered must not have the two turns read
    // the same session and the later save lose the other's change (or fail the storage's eTag check).
    const previous = conversation.turn;
    const turn = previous.then(() => this.runMiddleware(new TurnContext(this, activity), logic));
    conversation.turn = turn.catch(() => undefined);
    await turn;
    return id;
  }

  activitiesSince(conversation: Conversation, watermark: number): { activities: Partial<Activity>[]; watermark: string } {
    const start = Math.max(0, watermark - conversation.dropped);
    return {
      activities: conversation.activities.slice(start),
      watermark: String(conversation.dropped + conversation.activities.length),
    };
  }

  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const conversation = this.conversations.get(context.activity.conversation.id);
    if (!conversation) throw new HttpError(404, 'NotFound', `conversation ${context.activity.conversation.id} is gone`);
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      if (activity.type === 'delay') {
        await new Promise((resolve) => setTimeout(resolve, Math.min(Number(activity.value) || 0, 5000)));
        responses.push({ id: '' });
        continue;
      }
      const outgoing: Partial<Activity> = {
        ...activity,
        channelId: DIRECT_LINE_CHANNEL,
        conversation: context.activity.conversation,
        from: { id: this.options.botId, name: this.options.botName, role: 'bot' },
        recipient: context.activity.from,
        replyToId: activity.replyToId ?? context.activity.id,
        timestamp: new Date(),
      };
      const id = this.append(conversation, outgoing);
      activity.id = id;
      responses.push({ id });
    }
    return responses;
  }

  override async updateActivity(): Promise<void> {
    throw new HttpError(405, 'NotSupported', 'the local Direct Line does not update activities');
  }

  override async deleteActivity(): Promise<void> {
    throw new HttpError(405, 'NotSupported', 'the local Direct Line does not delete activities');
  }

  override async continueConversation(reference: Partial<ConversationReference>, logic: TurnLogic): Promise<void> {
    const activity = TurnContext.applyConversationReference({ type: ActivityTypes.Event, name: 'continueConversation' }, reference, true);
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }

  private append(conversation: Conversation, activity: Partial<Activity>): string {
    const index = conversation.dropped + conversation.activities.length;
    const id = `${conversation.id}|${String(index).padStart(7, '0')}`;
    activity.id = id;
    const size = Buffer.byteLength(JSON.stringify(activity) ?? '');
    conversation.activities.push(activity);
    conversation.sizes.push(size);
    conversation.bytes += size;
    this.heldBytes += size;
    // Oldest first, by count and by bytes; the newest activity always stays (a client is still to read it).
    let excess = Math.max(0, conversation.activities.length - this.options.maxActivitiesPerConversation);
    let freed = sum(conversation.sizes, 0, excess);
    while (conversation.activities.length - excess > 1 && conversation.bytes - freed > this.options.maxBytesPerConversation) freed += conversation.sizes[excess++]!;
    if (excess > 0) {
      conversation.activities.splice(0, excess);
      conversation.sizes.splice(0, excess);
      conversation.bytes -= freed;
      this.heldBytes -= freed;
      conversation.dropped += excess;
    }
    // Over all conversations: the least recently used go first, never the one written to now.
    for (const [otherId, other] of this.conversations) {
      if (this.heldBytes <= this.options.maxHeldBytes) break;
      if (otherId === conversation.id) continue;
      this.drop(otherId, other);
    }
    return id;
  }

  /** Bytes of activities held over all conversations. */
  get bytesHeld(): number {
    return this.heldBytes;
  }

  private drop(id: string, conversation: Conversation): void {
    this.conversations.delete(id);
    this.tokens.delete(conversation.token);
    if (conversation.replaced) this.tokens.delete(conversation.replaced.token);
    this.heldBytes -= conversation.bytes;
  }

  /**
   * Drops conversations idle for `idleTimeoutMs`, and the least recently used beyond
   * `maxConversations`; returns the ids dropped. The app runs it on a timer, and every new
   * conversation runs it first.
   */
  sweep(): string[] {
    const now = this.options.now();
    const dropped: string[] = [];
    for (const [id, conversation] of this.conversations) {
      const tooMany = this.conversations.size >= this.options.maxConversations;
      // Least recently used first: the first fresh one means the rest are fresh too.
      if (!tooMany && now - conversation.lastUsed < this.options.idleTimeoutMs) break;
      this.drop(id, conversation);
      dropped.push(id);
    }
    return dropped;
  }
}

function sum(values: number[], from: number, to: number): number {
  let total = 0;
  for (let i = from; i < to; i++) total += values[i]!;
  return total;
}

function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * Express routes of the Direct Line subset over an adapter and the bot's turn logic. `refusing`
 * says why turns cannot run now (the shop is loading, the server is draining): then a posted
 * activity gets 503 with Retry-After before anything is kept, and the client sends it again.
 */
export function directLineRouter(
  adapter: DirectLineAdapter,
  logic: TurnLogic,
  refusing: () => string | undefined = () => undefined,
  // The app's count of turns in flight, which a stop waits for (bot/in-flight.ts).
  track: <T>(work: Promise<T>) => Promise<T> = (work) => work,
): Router {
  const router = express.Router();
  const describe = (conversation: Conversation) => ({ conversationId: conversation.id, token: conversation.token, expires_in: adapter.tokenLifetimeS });

  router.post('/conversations', (_req, res) => {
    res.status(201).json(describe(adapter.startConversation()));
  });

  router.post('/tokens/refresh', (req, res) => {
    const conversation = adapter.byToken(bearer(req));
    if (!conversation) throw new HttpError(403, 'Forbidden', 'unknown or expired token; start a new conversation');
    res.json(describe(adapter.refreshToken(conversation)));
  });

  router.get('/conversations/:id', (req, res) => {
    res.json(describe(authorised(adapter, req)));
  });

  router.post('/conversations/:id/activities', async (req: Request, res: Response) => {
    const conversation = authorised(adapter, req);
    const activity = validateIncoming(req.body);
    const why = refusing();
    if (why) {
      res.set('Retry-After', '5');
      throw new HttpError(503, 'ServiceUnavailable', why);
    }
    const id = await track(adapter.receive(conversation, activity, logic));
    res.json({ id });
  });

  router.get('/conversations/:id/activities', (req, res) => {
    const conversation = authorised(adapter, req);
    const raw = req.query.watermark;
    const watermark = raw === undefined || raw === '' ? 0 : Number(raw);
    if (!Number.isInteger(watermark) || watermark < 0) {
      throw new HttpError(400, 'BadArgument', `watermark must be a non-negative integer, got "${String(raw).slice(0, 40)}"`);
    }
    res.json(adapter.activitiesSince(conversation, watermark));
  });

  return router;
}

function bearer(req: Request): string | undefined {
  const header = req.get('authorization') ?? '';
  return /^Bearer\s+(.+)$/i.exec(header)?.[1];
}

function authorised(adapter: DirectLineAdapter, req: Request): Conversation {
  const id = String(req.params.id ?? '');
  const conversation = adapter.conversation(id);
  if (!conversation) throw new HttpError(404, 'BadArgument', `unknown conversation id "${id.slice(0, 64)}"; start one with POST /v3/directline/conversations`);
  const problem = adapter.tokenProblem(conversation, bearer(req));
  if (problem) throw new HttpError(403, 'Forbidden', problem);
  return conversation;
}

/** The fields of a client's activity that the bot reads; everything else it sent is dropped, not kept. */
const CLIENT_FIELDS = ['type', 'text', 'textFormat', 'value', 'name', 'locale', 'localTimestamp', 'localTimezone', 'channelData', 'entities', 'from'] as const;

function validateIncoming(body: unknown): Partial<Activity> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new HttpError(400, 'BadSyntax', 'the body must be a JSON activity object');
  }
  const sent = body as Partial<Activity>;
  if (sent.type !== ActivityTypes.Message && sent.type !== ActivityTypes.Event) {
    throw new HttpError(400, 'BadArgument', `activity type must be "message" or "event", got ${quote(sent.type, 40)}`);
  }
  if (sent.type === ActivityTypes.Message && sent.text !== undefined && typeof sent.text !== 'string') {
    throw new HttpError(400, 'BadArgument', 'activity text must be a string');
  }
  if (sent.from !== undefined && (typeof sent.from !== 'object' || sent.from === null || (sent.from.id !== undefined && typeof sent.from.id !== 'string') || (sent.from.name !== undefined && typeof sent.from.name !== 'string'))) {
    throw new HttpError(400, 'BadArgument', 'activity from must be an object with string id and name');
  }
  if (sent.type === ActivityTypes.Event) {
    const parsed = parseClientEvent(sent);
    if (!parsed.ok) throw new HttpError(400, 'BadArgument', parsed.reason);
  }
  const activity: Partial<Activity> = {};
  for (const field of CLIENT_FIELDS) if (sent[field] !== undefined) (activity as Record<string, unknown>)[field] = sent[field];
  return boundActivity(activity);
}
