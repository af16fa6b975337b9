/**
 * Who may call which admin route: one table, read when each route is registered, so that a route
 * cannot be added without saying which roles it serves (registration throws), and the tests walk the
 * same table for every route and role.
 *
 *   router.get('/transcripts', allow('GET /api/transcripts'), handler);
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { AdminRole } from './accounts.js';
import { HttpError } from '../http-errors.js';

export const ADMIN_ACCESS = {
  // Support reads and reviews conversations; only an admin erases one (a shopper's request, handled once).
  'GET /api/transcripts': ['support', 'admin'],
  'GET /api/admin/conversations': ['support', 'admin'],
  'GET /api/transcripts/:conversationId': ['support', 'admin'],
  'POST /api/transcripts/:conversationId/reviews': ['support', 'admin'],
  'DELETE /api/transcripts/:conversationId': ['admin'],
  // The live-agent queue: people answer shoppers who asked for one.
  'GET /api/admin/handoffs': ['support', 'admin'],
  'POST /api/admin/handoffs/:conversationId/claim': ['support', 'admin'],
  'POST /api/admin/handoffs/:conversationId/messages': ['support', 'admin'],
  'POST /api/admin/handoffs/:conversationId/release': ['support', 'admin'],
  // The questions the bot could not answer, and the FAQ entries that fix them, live.
  'GET /api/admin/unanswered': ['support', 'admin'],
  'POST /api/admin/faq': ['support', 'catalog', 'admin'],
  'POST /api/admin/faq/:id/phrasings': ['support', 'catalog', 'admin'],
  // Products and FAQ entries, changed live.
  'POST /api/admin/catalog': ['catalog', 'admin'],
  'DELETE /api/admin/catalog/:id': ['catalog', 'admin'],
  // The model serving shoppers.
  'GET /api/admin/model': ['catalog', 'admin'],
  'POST /api/admin/model': ['admin'],
  // Full rebuilds of the indexes, their snapshots and rolling back to one.
  'POST /api/admin/reindex': ['catalog', 'admin'],
  'GET /api/admin/indexes': ['catalog', 'admin'],
  'POST /api/admin/indexes/rollback': ['catalog', 'admin'],
  // How the bot is doing: for everyone behind it.
  'GET /api/admin/dashboard': ['support', 'catalog', 'admin'],
  // Who did what: read by admins, written by the server only.
  'GET /api/admin/audit': ['admin'],
  'GET /api/admin/users': ['admin'],
} as const satisfies Record<string, readonly AdminRole[]>;

export type AdminRoute = keyof typeof ADMIN_ACCESS;

/** Who is calling: a logged-in user, or a script holding ADMIN_TOKEN (an admin). */
export interface Principal {
  user: string;
  role: AdminRole;
  via: 'session' | 'token';
}

export const principalOf = (res: Response): Principal | undefined => res.locals.principal as Principal | undefined;

/** Lets the request through when its principal's role may call `route`; 401 without one, 403 with another role. */
export function allow(route: AdminRoute): RequestHandler {
  const roles: readonly AdminRole[] = ADMIN_ACCESS[route];
  if (!roles) throw new Error(`admin route "${route}" is not in ADMIN_ACCESS`);
  return (_req: Request, res: Response, next: NextFunction) => {
    const principal = principalOf(res);
    if (!principal) throw new HttpError(401, 'Unauthorized', 'log in to the admin app, or send Authorization: Bearer <ADMIN_TOKEN>');
    if (!roles.includes(principal.role)) throw new HttpError(403, 'Forbidden', `${route} is for ${roles.join(' or ')}; ${principal.user} is ${principal.role}`);
    next();
  };
}
