/**
 * Catalog changes over HTTP, live (bot/live-catalog.ts):
 *
 *   POST /api/admin/catalog?kind=products|faq (catalog, admin)
 *     body: application/json (an array), application/x-ndjson or text/csv, streamed
 *     -> 200 { kind, format, total, added, updated, unchanged, rejected: [{ line, id?, reason }], rejectedTotal, liveAfterMs }
 *     -> 400 a file that cannot be read at all (a CSV without an id column, JSON that is no array);
 *        413 past MAX_UPLOAD_BYTES; 415 another content type; 409 during a model switch
 *   DELETE /api/admin/catalog/:id?kind=products|faq (catalog, admin) -> 200 { deleted: id, kind }; 404 when there is none
 *
 *   POST /api/admin/faq {id, questions, answer, tags?, followUps?} (support, catalog, admin) -> 201 the entry, live; 409 when the id exists
 *   POST /api/admin/faq/:id/phrasings {questions} (support, catalog, admin) -> 200 { id, added, questions }, live; 404 when there is none
 *   GET /api/admin/unanswered?limit=1000 (support, admin) -> { declined, stillUnanswered, clusters } (bot/admin/unanswered.ts)
 *
 * The upload route reads its own body (mounted before the JSON body parser), so a file of any
 * size is read row by row; good rows are applied even when others are rejected.
 */
import type { IncomingMessage } from 'node:http';
import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { parseFaqEntry, type RecordFormat } from '../../catalog/index.js';
import type { Shop } from '../shop.js';
import { unansweredQuestions } from './unanswered.js';
import { HttpError } from '../http-errors.js';
import type { LiveCatalog } from '../live-catalog.js';
import { allow, principalOf } from './access.js';

const KINDS = ['products', 'faq'] as const;

function kindOf(req: Request): (typeof KINDS)[number] {
  const kind = req.query.kind ?? 'products';
  if (typeof kind !== 'string' || !(KINDS as readonly string[]).includes(kind)) throw new HttpError(400, 'BadArgument', `kind: expected ${KINDS.join(' or ')}`);
  return kind as (typeof KINDS)[number];
}

function formatOf(req: Request): RecordFormat {
  if (req.is('application/json')) return 'json';
  if (req.is(['application/x-ndjson', 'application/jsonl', 'application/jsonlines'])) return 'ndjson';
  if (req.is(['text/csv'])) return 'csv';
  throw new HttpError(415, 'UnsupportedMediaType', 'send the file as application/json (an array), application/x-ndjson or text/csv');
}

/** The request body as it arrives, refused (413) once past `maxBytes`. */
async function* limited(body: IncomingMessage, maxBytes: number): AsyncGenerator<Buffer> {
  let bytes = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    if (bytes > maxBytes) throw new HttpError(413, 'PayloadTooLarge', `an upload is at most ${Math.round(maxBytes / 1024 / 1024)} MB; the rows before this point were applied`);
    yield chunk;
  }
}

/** POST /api/admin/catalog: mounted before express.json, behind `authenticate`. */
export function catalogUploadHandler(live: () => LiveCatalog, maxBytes: number) {
  return [
    allow('POST /api/admin/catalog'),
    async (req: Request, res: Response) => {
      const kind = kindOf(req);
      const format = formatOf(req);
      const report = await live().upload({ kind, format, input: limited(req, maxBytes), actor: principalOf(res)!.user });
      res.json(report);
    },
  ];
}

const phrasingsBody = z.object({ questions: z.array(z.string().trim().min(1).max(500)).min(1).max(200) });
const unansweredQuery = z.object({ limit: z.coerce.number().int().min(1).max(5000).default(1000) });

export function catalogChangeRouter(live: () => LiveCatalog, shop: () => Shop): Router {
  const router = express.Router();
  router.get('/admin/unanswered', allow('GET /api/admin/unanswered'), async (req, res) => {
    const parsed = unansweredQuery.safeParse(req.query);
    if (!parsed.success) throw new HttpError(400, 'BadArgument', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    res.json(await unansweredQuestions(shop().store.db, shop(), { limit: parsed.data.limit }));
  });
  router.post('/admin/faq', allow('POST /api/admin/faq'), async (req, res) => {
    const checked = parseFaqEntry(req.body);
    if (!checked.ok) throw new HttpError(400, 'BadArgument', checked.reason);
    res.status(201).json(await live().createFaqEntry(checked.value, principalOf(res)!.user));
  });
  router.post('/admin/faq/:id/phrasings', allow('POST /api/admin/faq/:id/phrasings'), async (req, res) => {
    const parsed = phrasingsBody.safeParse(req.body ?? {});
    if (!parsed.success) throw new HttpError(400, 'BadArgument', parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
    const id = String(req.params.id);
    const done = await live().addPhrasings(id, parsed.data.questions, principalOf(res)!.user);
    if (!done) throw new HttpError(404, 'NotFound', `no FAQ entry "${id}"`);
    res.json({ id, added: done.added, questions: done.entry.questions });
  });
  router.delete('/admin/catalog/:id', allow('DELETE /api/admin/catalog/:id'), async (req, res) => {
    const kind = kindOf(req);
    const id = String(req.params.id);
    const actor = principalOf(res)!.user;
    const deleted = kind === 'products' ? await live().deleteProduct(id, actor) : await live().deleteFaqEntry(id, actor);
    if (!deleted) throw new HttpError(404, 'NotFound', `no ${kind === 'products' ? 'product' : 'FAQ entry'} "${id}"`);
    res.json({ deleted: id, kind });
  });
  return router;
}
