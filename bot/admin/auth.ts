/**
 * Who is calling the admin routes, from a session cookie (the admin app) or ADMIN_TOKEN (scripts),
 * and the routes that open and close a session.
 *
 *   POST /api/admin/login {user, password} -> 200 {user, role, csrf, expiresAt} and the session cookie
 *                                           -> 401 wrong user or password; 429 + Retry-After while locked or throttled
 *   GET  /api/admin/session                -> 200 {user, role, csrf, expiresAt}; 401 without a live session
 *   POST /api/admin/logout                 -> 204, the session ended and its cookie cleared
 *
 * The cookie is `__Host-aisle_admin`: Secure, HttpOnly, SameSite=Strict, Path=/, no Domain. Because a
 * browser keeps a Secure cookie only over HTTPS or on localhost, a login over plain HTTP from
 * anywhere else is refused (400) rather than "succeeding" with a cookie the browser drops.
 * A cookie-borne request that changes something (any method but GET and HEAD) must carry the
 * session's token in `X-CSRF-Token`, and an `Origin`, when sent, must be this server's.
 */
import { timingSafeEqual } from 'node:crypto';
import express, { type NextFunction, type Request, type RequestHandler, type Response, type Router } from 'express';
import { rateLimit, ipKeyGenerator } from 'express-rate-limit';
import { z } from 'zod';
import { HttpError } from '../http-errors.js';
import type { AdminAccounts, AdminSession } from './accounts.js';
import type { Principal } from './access.js';

export const SESSION_COOKIE = '__Host-aisle_admin';
export const CSRF_HEADER = 'X-CSRF-Token';

const loginBody = z.object({ user: z.string().trim().min(1).max(64), password: z.string().min(1).max(1024) });

function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

const sameText = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** Whether a browser keeps a Secure cookie from this request: HTTPS (directly or through TRUST_PROXY), or localhost. */
const secureContext = (req: Request) => req.secure || LOOPBACK_HOSTS.has(req.hostname);

const UNSAFE = (method: string) => method !== 'GET' && method !== 'HEAD';

/**
 * Sets `res.locals.principal` from ADMIN_TOKEN or a live session, and refuses a cookie-borne change
 * without the session's CSRF token (403). A request with neither passes without a principal:
 * `allow()` answers it with 401.
 */
export function authenticate(accounts: () => AdminAccounts | undefined, adminToken: string | undefined): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const bearer = /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '')?.[1];
    if (bearer !== undefined) {
      if (!adminToken) throw new HttpError(401, 'Unauthorized', 'ADMIN_TOKEN is not set on this server: log in to the admin app instead');
      if (!sameText(bearer, adminToken)) throw new HttpError(401, 'Unauthorized', 'send Authorization: Bearer <ADMIN_TOKEN>');
      res.locals.principal = { user: 'ADMIN_TOKEN', role: 'admin', via: 'token' } satisfies Principal;
      next();
      return;
    }
    const cookie = readCookie(req, SESSION_COOKIE);
    const session = cookie ? accounts()?.session(cookie) : undefined;
    if (session) {
      if (UNSAFE(req.method)) checkCsrf(req, session);
      res.locals.principal = { user: session.user, role: session.role, via: 'session' } satisfies Principal;
      res.locals.session = session;
    }
    next();
  };
}

function checkCsrf(req: Request, session: AdminSession): void {
  const origin = req.get('origin');
  if (origin !== undefined && origin !== `${req.protocol}://${req.get('host')}`) throw new HttpError(403, 'Forbidden', `a change from another origin (${origin.slice(0, 100)}) is refused`);
  const token = req.get(CSRF_HEADER) ?? '';
  if (!sameText(token, session.csrf)) throw new HttpError(403, 'Forbidden', `a change needs the session's ${CSRF_HEADER} header`);
}

/** No Max-Age: the browser keeps it for its session, and the server ends it (idle 30 min, 12 h at most) whatever the browser keeps. */
function setSessionCookie(res: Response, session: AdminSession): void {
  res.cookie(SESSION_COOKIE, session.id, { httpOnly: true, secure: true, sameSite: 'strict', path: '/' });
}

const sessionView = (session: AdminSession) => ({ user: session.user, role: session.role, csrf: session.csrf, expiresAt: new Date(session.expiresAt).toISOString() });

export interface LoginOptions {
  /** Logins a client address may try in 15 minutes, whatever the user names (the per-user lock is in AdminAccounts). */
  loginsPer15Minutes?: number;
  /**
   * Password checks running at once, over all clients: each is a 64 MiB scrypt on libuv's small
   * thread pool, which file reads share, so a flood from many addresses gets 503 instead of
   * stalling the server. Default 8.
   */
  concurrentLogins?: number;
}

/** POST /admin/login: mounted before `authenticate`, as it opens the session that the others read. */
export function loginRouter(accounts: () => AdminAccounts, options: LoginOptions = {}): Router {
  const router = express.Router();
  const loginsPerWindow = options.loginsPer15Minutes ?? 30;
  const throttle = rateLimit({
    windowMs: 15 * 60_000,
    limit: loginsPerWindow,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => (req.ip ? ipKeyGenerator(req.ip) : 'no-address'),
    handler: (_req, res, _next, limit) => {
      res.status(limit.statusCode).json({ error: { code: 'TooManyRequests', message: `too many logins from this address (at most ${loginsPerWindow} in 15 minutes); retry after the time in Retry-After` } });
    },
  });
  const concurrent = options.concurrentLogins ?? 8;
  let checking = 0;
  router.post('/admin/login', throttle, async (req, res) => {
    if (!req.is('application/json')) throw new HttpError(415, 'UnsupportedMediaType', 'send the login as application/json');
    if (!secureContext(req)) throw new HttpError(400, 'BadRequest', 'the admin app needs HTTPS (behind a proxy that terminates it, set TRUST_PROXY), or localhost: its session cookie is Secure');
    const parsed = loginBody.safeParse(req.body ?? {});
    if (!parsed.success) throw new HttpError(400, 'BadArgument', parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
    if (checking >= concurrent) {
      res.set('Retry-After', '2');
      throw new HttpError(503, 'ServiceUnavailable', 'too many logins at once; retry in a few seconds');
    }
    checking++;
    let result;
    try {
      result = await accounts().login(parsed.data.user, parsed.data.password, req.ip ?? '');
    } finally {
      checking--;
    }
    if (!result.ok && result.reason === 'locked') {
      res.set('Retry-After', String(result.retryAfterS));
      throw new HttpError(429, 'TooManyRequests', 'too many failed logins: retry after the time in Retry-After');
    }
    // One message for an unknown user and a wrong password, so the answer does not tell which users exist.
    if (!result.ok) throw new HttpError(401, 'Unauthorized', 'wrong user name or password');
    setSessionCookie(res, result.session);
    res.set('Cache-Control', 'no-store').json(sessionView(result.session));
  });
  return router;
}

/** GET /admin/session and POST /admin/logout, mounted after `authenticate`. */
export function sessionRouter(accounts: () => AdminAccounts): Router {
  const router = express.Router();
  router.get('/admin/session', (_req, res) => {
    const session = res.locals.session as AdminSession | undefined;
    if (!session) throw new HttpError(401, 'Unauthorized', 'no live session: log in');
    setSessionCookie(res, session);
    res.set('Cache-Control', 'no-store').json(sessionView(session));
  });
  router.post('/admin/logout', (_req, res) => {
    const session = res.locals.session as AdminSession | undefined;
    if (session) accounts().logout(session.id);
    res.clearCookie(SESSION_COOKIE, { httpOnly: true, secure: true, sameSite: 'strict', path: '/' });
    res.status(204).end();
  });
  return router;
}
