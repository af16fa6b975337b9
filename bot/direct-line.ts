/**
 * A local Direct Line 3.0 subset, so the official Web Chat talks to the bot with no
 * cloud service: conversations live in memory, the bot runs in-process through its own
 * BotAdapter (same middleware and bot as /api/messages), and clients poll for activities.
 *
 *   POST /v3/directline/conversations                      -> 201 { conversationId, token, expires_in }
 *   POST /v3/directline/conversations/:id/activities       -> 200 { id }   (after the bot's turn has run)
 *   GET  /v3/directline/conversations/:id/activities?watermark=3 -> { activities, watermark }
 *
 * Each conversation has its own token; requests about a conversation must carry it.
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
import { parseClientEvent } from './events.js';
import { HttpError } from './http-errors.js';

export const DIRECT_LINE_CHANNEL = 'directline';

export interface DirectLineOptions {
  /** Conversations kept in memory; the least recently used is dropped beyond this. Default 10,000. */
  maxConversations?: number;
  /** Activities kept per conversation (older ones are dropped, watermarks stay valid). Default 1,000. */
  maxActivitiesPerConversation?: number;
  /** Conversations idle longer than this are dropped. Default 24 h. */
  idleTimeoutMs?: number;
  botId?: string;
  botName?: string;
}

export const defaultDirectLineOptions = {
  maxConversations: 10_000,
  maxActivitiesPerConversation: 1_000,
  idleTimeoutMs: 24 * 60 * 60 * 1000,
  botId: 'aisle',
  botName: 'Aisle',
};

interface Conversation {
  id: string;
  token: string;
  /** Activities[0] has watermark index `dropped`. */
  activities: Partial<Activity>[];
  dropped: number;
  lastUsed: number;
  /** The turn running now, if any: the next one waits for it (see receive). */
  turn: Promise<void>;
}

type TurnLogic = (context: TurnContext) => Promise<void>;

export class DirectLineAdapter extends BotAdapter {
  private readonly conversations = new Map<string, Conversation>();
  private readonly options: typeof defaultDirectLineOptions;

  constructor(options: DirectLineOptions = {}) {
    super();
    this.options = { ...defaultDirectLineOptions, ...options };
  }

  startConversation(): Conversation {
    this.evictIdle();
    const conversation: Conversation = {
      id: randomUUID(),
      token: randomBytes(24).toString('base64url'),
      activities: [],
      dropped: 0,
      lastUsed: Date.now(),
      turn: Promise.resolve(),
    };
    this.conversations.set(conversation.id, conversation);
    return conversation;
  }

  conversation(id: string): Conversation | undefined {
    const conversation = this.conversations.get(id);
    if (conversation) {
      conversation.lastUsed = Date.now();
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
      serviceUrl: 'urn:aisle:directline',
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
    conversation.activities.push(activity);
    const excess = conversation.activities.length - this.options.maxActivitiesPerConversation;
    if (excess > 0) {
      conversation.activities.splice(0, excess);
      conversation.dropped += excess;
    }
    return id;
  }

  private evictIdle(): void {
    const now = Date.now();
    for (const [id, conversation] of this.conversations) {
      const tooMany = this.conversations.size >= this.options.maxConversations;
      if (!tooMany && now - conversation.lastUsed < this.options.idleTimeoutMs) break;
      this.conversations.delete(id);
    }
  }
}

/** Express routes of the Direct Line subset over an adapter and the bot's turn logic. */
export function directLineRouter(adapter: DirectLineAdapter, logic: TurnLogic): Router {
  const router = express.Router();
  const expiresIn = 1800;

  router.post('/conversations', (_req, res) => {
    const conversation = adapter.startConversation();
    res.status(201).json({ conversationId: conversation.id, token: conversation.token, expires_in: expiresIn });
  });

  router.post('/tokens/refresh', (req, res) => {
    const conversation = findByToken(adapter, req);
    res.json({ conversationId: conversation.id, token: conversation.token, expires_in: expiresIn });
  });

  router.get('/conversations/:id', (req, res) => {
    const conversation = authorised(adapter, req);
    res.json({ conversationId: conversation.id, token: conversation.token, expires_in: expiresIn });
  });

  router.post('/conversations/:id/activities', async (req: Request, res: Response) => {
    const conversation = authorised(adapter, req);
    const activity = validateIncoming(req.body);
    const id = await adapter.receive(conversation, activity, logic);
    res.json({ id });
  });

  router.get('/conversations/:id/activities', (req, res) => {
    const conversation = authorised(adapter, req);
    const raw = req.query.watermark;
    const watermark = raw === undefined || raw === '' ? 0 : Number(raw);
    if (!Number.isInteger(watermark) || watermark < 0) {
      throw new HttpError(400, 'BadArgument', `watermark must be a non-negative integer, got "${String(raw)}"`);
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
  if (!conversation) throw new HttpError(404, 'BadArgument', `unknown conversation id "${id}"; start one with POST /v3/directline/conversations`);
  if (bearer(req) !== conversation.token) throw new HttpError(403, 'Forbidden', 'this token does not belong to the conversation');
  return conversation;
}

function findByToken(adapter: DirectLineAdapter, req: Request): Conversation {
  const token = bearer(req);
  const id = String(req.query.conversationId ?? '');
  const conversation = id ? adapter.conversation(id) : undefined;
  if (!conversation || conversation.token !== token) throw new HttpError(403, 'Forbidden', 'unknown token');
  return conversation;
}

function validateIncoming(body: unknown): Partial<Activity> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new HttpError(400, 'BadSyntax', 'the body must be a JSON activity object');
  }
  const activity = body as Partial<Activity>;
  if (activity.type !== ActivityTypes.Message && activity.type !== ActivityTypes.Event) {
    throw new HttpError(400, 'BadArgument', `activity type must be "message" or "event", got "${String(activity.type)}"`);
  }
  if (activity.type === ActivityTypes.Message && activity.text !== undefined && typeof activity.text !== 'string') {
    throw new HttpError(400, 'BadArgument', 'activity text must be a string');
  }
  if (activity.type === ActivityTypes.Event) {
    const parsed = parseClientEvent(activity);
    if (!parsed.ok) throw new HttpError(400, 'BadArgument', parsed.reason);
  }
  return activity;
}
