/**
 * Per-client rate limits on what makes Aisle keep something: starting a conversation and posting
 * an activity (a message or an event, on either channel). Over the limit a client gets 429 with
 * Retry-After, the Direct Line error shape, and nothing is kept. Built on express-rate-limit's
 * in-memory store, keyed by the client's address (its /56 for IPv6, express-rate-limit's default).
 *
 *   const limits = clientRateLimits(defaultLimits);
 *   app.post('/v3/directline/conversations', limits.conversations);
 */
import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { Limits } from './limits.js';

export interface ClientRateLimits {
  conversations: RequestHandler;
  activities: RequestHandler;
}

export function clientRateLimits(limits: Pick<Limits, 'conversationsPerMinute' | 'activitiesPerMinute'>): ClientRateLimits {
  const perMinute = (limit: number, what: string) =>
    rateLimit({
      windowMs: 60_000,
      limit,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      // A client with no IP address (a Unix socket behind a local proxy) shares one budget rather than failing the request.
      keyGenerator: (req) => (req.ip ? ipKeyGenerator(req.ip) : 'no-address'),
      handler: (_req, res, _next, options) => {
        res.status(options.statusCode).json({ error: { code: 'TooManyRequests', message: `too many ${what} from this client (at most ${limit} a minute); retry after the time in Retry-After` } });
      },
    });
  return {
    conversations: perMinute(limits.conversationsPerMinute, 'new conversations'),
    activities: perMinute(limits.activitiesPerMinute, 'activities'),
  };
}
