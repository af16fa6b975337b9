/**
 * The admin app's own reads: its users, and the audit log.
 *
 *   GET /api/admin/users (admin) -> { items: [{ name, role, createdAt, lastLoginAt? }] }
 *   GET /api/admin/audit?limit=50&before=ID&target=ID (admin) -> { items: [{ id, at, actor, action, target, diff? }] } newest first
 */
import express, { type Router } from 'express';
import { z } from 'zod';
import { HttpError } from '../http-errors.js';
import { allow } from './access.js';
import type { AdminAccounts } from './accounts.js';
import type { AuditLog } from './audit-log.js';

const auditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  before: z.coerce.number().int().positive().optional(),
  target: z.string().max(200).optional(),
});

export function adminAppRouter(accounts: () => AdminAccounts, audit: () => AuditLog): Router {
  const router = express.Router();
  router.get('/admin/users', allow('GET /api/admin/users'), (_req, res) => {
    res.json({ items: accounts().users() });
  });
  router.get('/admin/audit', allow('GET /api/admin/audit'), (req, res) => {
    const parsed = auditQuery.safeParse(req.query);
    if (!parsed.success) throw new HttpError(400, 'BadArgument', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const { limit, before, target } = parsed.data;
    res.json({ items: audit().entries({ limit, ...(before !== undefined ? { before } : {}), ...(target !== undefined ? { target } : {}) }) });
  });
  return router;
}
