/**
 * Read-only HTTP API over the catalog, and the transcript API for support teams.
 *
 *   GET /api/products?q=warm+jacket&category=Jackets+%26+Coats&maxPrice=100&limit=5 -> { items: [...] }
 *   GET /api/products/JKT-0001 -> { id, title, ..., variants: [{ id, colour?, inStock }] } (variants: every product of its model, itself included)
 *   GET /api/categories -> [{ name, count }]
 *   GET /api/faq -> { items: [{ id, question }] }
 * The transcript and admin routes take a logged-in admin-app user or `Authorization: Bearer
 * $ADMIN_TOKEN` (bot/admin/auth.ts); which roles each serves is in bot/admin/access.ts.
 *
 *   GET /api/transcripts (support, admin) -> { items: [{ channelId, id, created, activities }] }
 *   POST /api/transcripts/:conversationId/reviews {query, faqId | productId, verdict} (support, admin) -> 201: a reviewer's verdict on
 *     an answer (the right FAQ entry) or a product list (the right product), used by fine-tuning
 *   DELETE /api/transcripts/:conversationId (admin) -> 200 { conversationId, erased: { transcript_activities, events, answer_reviews } }:
 *     the conversation erased from every table keyed by it, in one transaction; 404 when no table has it
 *   POST /api/admin/model {modelDir} (admin) -> 202 { state: 'loading', ... }: switch models live
 *   GET /api/admin/model (catalog, admin) -> { state, operation, serving, target, progress, error }
 *   POST /api/admin/reindex (catalog, admin) -> 202 { state: 'loading', operation: 'reindex', ... }: rebuild every index in the background, swap when done
 *   GET /api/admin/indexes (catalog, admin) -> { status, snapshots: [{ id, createdAt, modelDir, modelId, reason, files }] } newest first
 *   POST /api/admin/indexes/rollback {snapshot?} (catalog, admin) -> 202: serve a snapshot's indexes and model again (the newest by default)
 */
import express, { type Router } from 'express';
import { z } from 'zod';
import { diversify, type ProductFilters } from '../catalog/index.js';
import { lexicalTokens } from '../nlu/index.js';
import { allow, principalOf } from './admin/access.js';
import type { AuditLog } from './admin/audit-log.js';
import { HttpError } from './http-errors.js';
import { variantsOf } from '../turn/product-questions.js';
import type { Shop } from './shop.js';
import type { ModelSwitcher } from './model-switch.js';
import type { SqliteTranscriptStore } from './transcript-store.js';

const reviewBody = z
  .object({
    query: z.string().trim().min(1).max(2000),
    faqId: z.string().trim().min(1).max(128).optional(),
    productId: z.string().trim().min(1).max(128).optional(),
    verdict: z.enum(['confirmed', 'corrected']),
    activityId: z.string().max(200).optional(),
  })
  .refine((review) => (review.faqId === undefined) !== (review.productId === undefined), { message: 'name the right FAQ entry (faqId) or the right product (productId): one of them' });
const rollbackBody = z.object({ snapshot: z.string().trim().min(1).max(64).optional() });
const modelBody = z.object({ modelDir: z.string().trim().min(1, 'must name a model directory').max(1000) });

function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) throw new HttpError(400, 'BadArgument', parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return parsed.data;
}

const productQuery = z.object({
  q: z.string().max(2000).optional(),
  category: z.string().max(200).optional(),
  maxPrice: z.coerce.number().finite().nonnegative().optional(),
  minPrice: z.coerce.number().finite().nonnegative().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export function catalogRouter(getShop: () => Shop): Router {
  const router = express.Router();
  router.get('/products', async (req, res) => {
    const parsed = productQuery.safeParse(req.query);
    if (!parsed.success) throw new HttpError(400, 'BadArgument', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const { q, limit, category, minPrice, maxPrice } = parsed.data;
    const filters: ProductFilters = {
      ...(category !== undefined ? { category } : {}),
      ...(minPrice !== undefined ? { minPrice } : {}),
      ...(maxPrice !== undefined ? { maxPrice } : {}),
    };
    if (q && q.trim()) {
      const hits = await getShop().use(async ({ kb, encoder }) => {
        const [vector] = await encoder.embed([q.trim()]);
        return diversify(kb.searchProducts({ vector: vector!, tokens: lexicalTokens(q) }, { k: limit * 3, filters }), limit);
      });
      res.json({ items: hits.map((hit) => ({ ...hit.product, score: Number(hit.score.toFixed(4)) })) });
      return;
    }
    const items = getShop()
      .current()
      .kb
      .products()
      .filter((p) => (category === undefined || p.category === category) &&
        (maxPrice === undefined || (p.price !== undefined && p.price <= maxPrice)) &&
        (minPrice === undefined || (p.price !== undefined && p.price >= minPrice)))
      .slice(0, limit);
    res.json({ items });
  });
  router.get('/products/:id', (req, res) => {
    const { kb } = getShop().current();
    const product = kb.product(String(req.params.id));
    if (!product) throw new HttpError(404, 'NotFound', `no product with id "${String(req.params.id)}"`);
    // The colours of one model are products of their own: a product page links to each.
    const variants = variantsOf(product, kb).map((variant) => ({
      id: variant.id,
      ...(variant.attributes?.colour ? { colour: variant.attributes.colour } : {}),
      inStock: variant.inStock !== false,
    }));
    res.json({ ...product, variants });
  });
  // The FAQ's entries by id and first question: public, as the bot answers them to anyone (the admin app's pickers read it).
  router.get('/faq', (_req, res) => {
    res.json({ items: getShop().store.faqEntries().map((entry) => ({ id: entry.id, question: entry.questions[0] ?? entry.id })) });
  });
  router.get('/categories', (_req, res) => {
    res.json(getShop().store.categories());
  });
  return router;
}

export function adminRouter(switcher: () => ModelSwitcher, audit: () => AuditLog, catalogBusy: () => boolean = () => false): Router {
  const router = express.Router();
  router.post('/admin/model', allow('POST /api/admin/model'), (req, res) => {
    const { modelDir } = parseBody(modelBody, req.body);
    // A switch builds its indexes from the store as it is now: not while a catalog change is being applied.
    if (catalogBusy()) throw new HttpError(409, 'Conflict', 'a catalog change is being applied; switch models when it is done');
    const status = switcher().start(modelDir);
    audit().record({ actor: principalOf(res)!.user, action: 'model.switch', target: modelDir, diff: { model: [status.serving, modelDir] } });
    res.status(202).json(status);
  });
  router.get('/admin/model', allow('GET /api/admin/model'), (_req, res) => {
    res.json(switcher().current());
  });
  // A full reindex in the background: every index rebuilt from the store, swapped in whole when done.
  router.post('/admin/reindex', allow('POST /api/admin/reindex'), (_req, res) => {
    if (catalogBusy()) throw new HttpError(409, 'Conflict', 'a catalog change is being applied; reindex when it is done');
    const status = switcher().reindex();
    audit().record({ actor: principalOf(res)!.user, action: 'indexes.reindex', target: status.serving });
    res.status(202).json(status);
  });
  router.get('/admin/indexes', allow('GET /api/admin/indexes'), (_req, res) => {
    res.json({ status: switcher().current(), snapshots: switcher().snapshots.list() });
  });
  router.post('/admin/indexes/rollback', allow('POST /api/admin/indexes/rollback'), (req, res) => {
    const { snapshot } = parseBody(rollbackBody, req.body);
    if (catalogBusy()) throw new HttpError(409, 'Conflict', 'a catalog change is being applied; roll back when it is done');
    const status = switcher().rollback(snapshot);
    audit().record({ actor: principalOf(res)!.user, action: 'indexes.rollback', target: status.snapshot ?? '', diff: { model: [status.serving, status.target] } });
    res.status(202).json(status);
  });
  return router;
}

/**
 * `forget` drops what the process holds of an erased conversation outside the database (its
 * session state, its Direct Line activities, what bot/asked-next.ts remembers of it): called after
 * the database's rows are gone, with the channels its transcript was on.
 */
export function transcriptRouter(
  store: () => SqliteTranscriptStore,
  shop: () => Shop,
  audit: () => AuditLog,
  forget?: (conversationId: string, channels: string[]) => Promise<void> | void,
): Router {
  const router = express.Router();
  router.get('/transcripts', allow('GET /api/transcripts'), (req, res) => {
    const channel = typeof req.query.channelId === 'string' ? req.query.channelId : '*';
    const page = store().listAll(channel, continuationToken(req.query.continuationToken));
    res.json(page);
  });
  router.get('/transcripts/:conversationId', allow('GET /api/transcripts/:conversationId'), async (req, res) => {
    const conversationId = String(req.params.conversationId);
    const channelId = store().channelOf(conversationId);
    if (!channelId) throw new HttpError(404, 'NotFound', `no transcript for conversation "${conversationId}"`);
    const token = continuationToken(req.query.continuationToken);
    res.json({ channelId, conversationId, ...(await store().getTranscriptActivities(channelId, conversationId, token)) });
  });
  // A support reviewer confirms the answer a question got, or corrects it to another FAQ entry.
  router.post('/transcripts/:conversationId/reviews', allow('POST /api/transcripts/:conversationId/reviews'), (req, res) => {
    const conversationId = String(req.params.conversationId);
    if (!store().channelOf(conversationId)) throw new HttpError(404, 'NotFound', `no transcript for conversation "${conversationId}"`);
    const { faqId, productId, ...review } = parseBody(reviewBody, req.body);
    const catalog = shop().store;
    if (faqId !== undefined && !catalog.getFaqEntry(faqId)) throw new HttpError(400, 'BadArgument', `faqId: no FAQ entry "${faqId}"`);
    if (productId !== undefined && !catalog.getProduct(productId)) throw new HttpError(400, 'BadArgument', `productId: no product "${productId}"`);
    const problem = store().questionProblem(conversationId, review.query, review.activityId);
    if (problem) throw new HttpError(400, 'BadArgument', problem);
    if (faqId !== undefined) catalog.recordReview({ conversationId, faqId, ...review });
    else catalog.recordProductReview({ conversationId, productId: productId!, ...review });
    // The shopper's words stay out of the audit log: it cannot be erased, and the review itself can.
    const verdict = review.verdict === 'confirmed' ? 'confirm' : 'correct';
    audit().record({ actor: principalOf(res)!.user, action: faqId !== undefined ? `review.${verdict}` : `review.product.${verdict}`, target: conversationId, diff: faqId !== undefined ? { faqId: [null, faqId] } : { productId: [null, productId] } });
    res.status(201).json({ conversationId, ...review, ...(faqId !== undefined ? { faqId } : { productId }) });
  });
  // A shopper's right to erasure: the transcript, events, logged lists and reviews of one conversation.
  router.delete('/transcripts/:conversationId', allow('DELETE /api/transcripts/:conversationId'), async (req, res) => {
    const conversationId = String(req.params.conversationId);
    const { channels, erased } = store().eraseConversation(conversationId);
    if (Object.values(erased).every((rows) => rows === 0)) throw new HttpError(404, 'NotFound', `nothing stored for conversation "${conversationId}"`);
    await forget?.(conversationId, channels);
    audit().record({ actor: principalOf(res)!.user, action: 'transcript.erase', target: conversationId });
    res.json({ conversationId, erased });
  });
  return router;
}

/** A page token as this API hands them out (a whole number as text); anything else is the client's mistake, not a 500. */
function continuationToken(value: unknown): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || !/^\d{1,15}$/.test(value)) {
    throw new HttpError(400, 'BadArgument', `continuationToken: expected a token from a previous page (a whole number), got ${JSON.stringify(value).slice(0, 40)}`);
  }
  return value;
}
