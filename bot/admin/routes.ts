/**
 * The admin app's own reads: its users, and the audit log.
 *
 *   GET /api/admin/users (admin) -> { items: [{ name, role, createdAt, lastLoginAt? }] }
 *   GET /api/admin/conversations?text=&from=&to=&kind=&lowConfidence=&handedOff=&hasCartAdd=&reviewed=&limit=&offset= (support, admin)
 *     -> { items: [ConversationSummary], total } newest first (bot/admin/conversation-list.ts)
 *   GET /api/admin/dashboard?days=14 (support, catalog, admin) -> { from, to, days: [DayFigures] } (bot/admin/dashboard.ts)
 *   GET /api/admin/audit?limit=50&before=ID&target=ID (admin) -> { items: [{ id, at, actor, action, target, diff? }] } newest first
 */
import type Database from 'better-sqlite3';
import express, { type Router } from 'express';
import { z } from 'zod';
import { HttpError } from '../http-errors.js';
import { allow } from './access.js';
import type { AdminAccounts } from './accounts.js';
import type { AuditLog } from './audit-log.js';
import { listConversations } from './conversation-list.js';
import { dashboard } from './dashboard.js';

const flag = z.enum(['true', 'false']).transform((value) => value === 'true').optional();
const conversationQuery = z.object({
  text: z.string().max(200).optional(),
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  kind: z.enum(['faq', 'products', 'clarify', 'fallback', 'not-sold', 'small-talk', 'product-answer', 'which-product', 'recommendations']).optional(),
  lowConfidence: flag,
  handedOff: flag,
  hasCartAdd: flag,
  reviewed: flag,
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

const badQuery = (error: z.ZodError) => new HttpError(400, 'BadArgument', error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));

const dashboardQuery = z.object({ days: z.coerce.number().int().min(1).max(366).default(14) });

const auditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  before: z.coerce.number().int().positive().optional(),
  target: z.string().max(200).optional(),
});

export function adminAppRouter(accounts: () => AdminAccounts, audit: () => AuditLog, db: () => Database.Database): Router {
  const router = express.Router();
  router.get('/admin/conversations', allow('GET /api/admin/conversations'), (req, res) => {
    const parsed = conversationQuery.safeParse(req.query);
    if (!parsed.success) throw badQuery(parsed.error);
    const { limit, offset, from, to, ...rest } = parsed.data;
    // A bare date as "to" means the whole of that day.
    const until = to && /^\d{4}-\d{2}-\d{2}$/.test(to) ? `${to}T23:59:59.999Z` : to;
    const filters = Object.fromEntries(Object.entries({ ...rest, from, to: until }).filter(([, value]) => value !== undefined && value !== ''));
    res.json(listConversations(db(), filters, { limit, offset }));
  });
  router.get('/admin/users', allow('GET /api/admin/users'), (_req, res) => {
    res.json({ items: accounts().users() });
  });
  router.get('/admin/dashboard', allow('GET /api/admin/dashboard'), (req, res) => {
    const parsed = dashboardQuery.safeParse(req.query);
    if (!parsed.success) throw badQuery(parsed.error);
    res.json(dashboard(db(), { days: parsed.data.days }));
  });
  router.get('/admin/audit', allow('GET /api/admin/audit'), (req, res) => {
    const parsed = auditQuery.safeParse(req.query);
    if (!parsed.success) throw badQuery(parsed.error);
    const { limit, before, target } = parsed.data;
    res.json({ items: audit().entries({ limit, ...(before !== undefined ? { before } : {}), ...(target !== undefined ? { target } : {}) }) });
  });
  return router;
}
