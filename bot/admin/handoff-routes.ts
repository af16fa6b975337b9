/**
 * The live-agent side of a handoff (bot/handoff.ts), for support:
 *
 *   GET  /api/admin/handoffs -> { items: [{ conversationId, channelId, reason, requestedAt, position? | claimedBy, claimedAt }] }
 *   POST /api/admin/handoffs/:conversationId/claim -> 200 the handoff; the shopper is told who joined; 409 when another agent has it
 *   POST /api/admin/handoffs/:conversationId/messages {text} -> 201; the text reaches the shopper (Web Chat through
 *        the local Direct Line, a channel through the Bot Framework connector), marked as the agent's; 409 unless claimed by the caller
 *   POST /api/admin/handoffs/:conversationId/release -> 200; the shopper is told the bot is back, and it answers again
 *
 * Each is also in the audit log. Every message goes through the adapters' middleware, so it is
 * sanitised and kept in the transcript like the bot's own.
 */
import express, { type Router } from 'express';
import type { Activity, ConversationReference } from 'botbuilder';
import { z } from 'zod';
import type { HandoffQueue } from '../handoff.js';
import { HttpError } from '../http-errors.js';
import { agentActivity } from '../reply.js';
import { allow, principalOf } from './access.js';
import type { AuditLog } from './audit-log.js';

/** Sends one activity into a conversation, on the adapter it came from. */
export type SendToConversation = (reference: Partial<ConversationReference>, activity: Partial<Activity>) => Promise<void>;

const messageBody = z.object({ text: z.string().trim().min(1, 'must not be empty').max(2000) });

export function handoffRouter(queue: () => HandoffQueue, send: SendToConversation, audit: () => AuditLog): Router {
  const router = express.Router();
  router.get('/admin/handoffs', allow('GET /api/admin/handoffs'), (_req, res) => {
    res.json({ items: queue().list() });
  });
  router.post('/admin/handoffs/:conversationId/claim', allow('POST /api/admin/handoffs/:conversationId/claim'), async (req, res) => {
    const id = String(req.params.conversationId);
    const agent = principalOf(res)!.user;
    const before = queue().state(id);
    const handoff = queue().claim(id, agent);
    if (before?.state === 'waiting') {
      await send(queue().reference(id), agentActivity(agent, `${agent} from our support team has joined the conversation.`));
      audit().record({ actor: agent, action: 'handoff.claim', target: id });
    }
    res.json(handoff);
  });
  router.post('/admin/handoffs/:conversationId/messages', allow('POST /api/admin/handoffs/:conversationId/messages'), async (req, res) => {
    const parsed = messageBody.safeParse(req.body ?? {});
    if (!parsed.success) throw new HttpError(400, 'BadArgument', parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
    const id = String(req.params.conversationId);
    const agent = principalOf(res)!.user;
    queue().requireHeldBy(id, agent);
    // The shopper sees who writes: a person, by name, not the bot.
    await send(queue().reference(id), agentActivity(agent, `${agent}: ${parsed.data.text}`));
    res.status(201).json({ conversationId: id, sent: true });
  });
  router.post('/admin/handoffs/:conversationId/release', allow('POST /api/admin/handoffs/:conversationId/release'), async (req, res) => {
    const id = String(req.params.conversationId);
    const agent = principalOf(res)!.user;
    const reference = queue().reference(id);
    queue().release(id, agent);
    await send(reference, agentActivity(agent, `${agent} has handed you back to Aisle, the shop's assistant. Ask me anything.`));
    audit().record({ actor: agent, action: 'handoff.release', target: id });
    res.json({ conversationId: id, released: true });
  });
  return router;
}
