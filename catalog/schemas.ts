/**
 * The data contract with shops (DESIGN.md "Data formats"): products and FAQ entries,
 * validated with zod so a bad row is reported with a reason instead of stored.
 *
 *   parseProduct({ id: 'p1', title: 'Trail shoe', price: 79 }) // -> { ok: true, value }
 *   parseProduct({ id: '', title: 'x' })                       // -> { ok: false, reason: 'id: ...' }
 */
import { z } from 'zod';
import { isWebUrl } from './web-url.js';

const id = z.string().trim().min(1, 'must not be empty').max(128, 'must be at most 128 characters');
/**
 * A product's page or picture: an http(s) URL or a path on the shop's site, never another scheme
 * (`javascript:`, `data:`...), which a chat card or a shop page would otherwise open or fetch.
 */
const webUrl = z.preprocess(
  // An empty one is none, as it always was.
  (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
  z
    .string()
    .trim()
    .max(2000)
    .refine((value) => !/[\s\x00-\x1f\x7f]/.test(value), { message: 'must not contain spaces or control characters', abort: true })
    .refine(isWebUrl, 'must be an http(s) URL (https://...) or a path on the shop\'s site (/...); other schemes are refused')
    .optional(),
);
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

export const productSchema = z.object({
  id,
  title: text(300),
  description: z.string().trim().max(5000).optional(),
  category: z.string().trim().max(200).optional(),
  /** What kind of product it is ("sleeping bag"); derived from the title when absent (catalog/product-types.ts). */
  type: z.string().trim().min(1).max(100).optional(),
  brand: z.string().trim().max(200).optional(),
  price: z.number().finite().nonnegative('must not be negative').optional(),
  currency: z.string().trim().regex(/^[A-Za-z]{3}$/, 'must be a 3-letter code such as USD').transform((c) => c.toUpperCase()).optional(),
  attributes: z.record(z.string(), z.string()).optional(),
  url: webUrl,
  imageUrl: webUrl,
  inStock: z.boolean().optional(),
});

/** The longest phrasing an FAQ entry takes. */
export const MAX_PHRASING_LENGTH = 1000;

/**
 * Of `candidates`, the phrasings an entry with `existing` lacks: trimmed, non-empty, each once,
 * compared ignoring case (the admin app's "add phrasings" and `npm run ingest -- --phrasings`).
 */
export function missingPhrasings(existing: readonly string[], candidates: readonly string[]): string[] {
  const seen = new Set(existing.map((q) => q.trim().toLowerCase()));
  const missing: string[] = [];
  for (const candidate of candidates) {
    const text = candidate.trim();
    const key = text.toLowerCase();
    if (!text || seen.has(key)) continue;
    seen.add(key);
    missing.push(text);
  }
  return missing;
}

export const faqEntrySchema = z.object({
  id,
  questions: z.array(text(MAX_PHRASING_LENGTH)).min(1, 'needs at least one phrasing'),
  answer: text(10000),
  tags: z.array(z.string().trim().min(1)).optional(),
  followUps: z.array(id).optional(),
});

/**
 * What a product type or a whole category is for, in shoppers' words, so that a described
 * need ("keep the kids busy on a rainy afternoon") finds the right kind of product.
 * `gift` lists the occasions and people it suits as a present; only types with gift
 * phrases are offered for an open gift request.
 */
export const needSchema = z
  .object({
    id,
    type: z.string().trim().min(1).max(100).optional(),
    category: z.string().trim().min(1).max(200).optional(),
    needs: z.array(text(300)).min(1, 'needs at least one phrase'),
    gift: z.array(text(300)).optional(),
  })
  .refine((need) => (need.type === undefined) !== (need.category === undefined), { message: 'give exactly one of "type" or "category"' });

export type Product = z.infer<typeof productSchema>;
export type FaqEntry = z.infer<typeof faqEntrySchema>;
export type Need = z.infer<typeof needSchema>;

export type Validation<T> = { ok: true; value: T } | { ok: false; reason: string };

function validate<T>(schema: z.ZodType<T>, input: unknown): Validation<T> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  const reason = result.error.issues
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
  return { ok: false, reason };
}

export const parseProduct = (input: unknown) => validate(productSchema, input);
export const parseFaqEntry = (input: unknown) => validate(faqEntrySchema, input);
export const parseNeed = (input: unknown) => validate(needSchema, input);

/** The text a product is embedded and matched by: what a shopper would say about it. */
export function productText(product: Product): string {
  const attributes = Object.entries(product.attributes ?? {}).map(([k, v]) => `${k}: ${v}`);
  return [product.title, product.brand, product.category, attributes.join(', '), product.description]
    .filter((part) => part && part.length > 0)
    .join('. ');
}

/** The words a product is found by in lexical search: the title counts twice (it names the product), attributes by value. */
export function productLexicalText(product: Product): string {
  return [product.title, product.title, product.brand, product.category, ...Object.values(product.attributes ?? {}), product.description]
    .filter((part) => part && part.length > 0)
    .join(' . ');
}
