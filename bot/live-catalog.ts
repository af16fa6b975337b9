/**
 * Catalog changes reach the running bot without a restart. An upload is streamed into the store a
 * batch at a time; each batch's new and changed products are embedded with the serving model and
 * upserted into the live HNSW index, a deleted product is marked deleted there (hnswlib
 * `markDelete`), and a new knowledge base over the same index is swapped in whole (bot/shop.ts), so
 * the next turn finds the change and a turn already running finishes on what it started with. The
 * index is saved after each change with the manifest a fresh build would have, so a restart loads it.
 * FAQ changes rebuild the FAQ's own indexes and calibration (small), reusing the product index.
 *
 * Every row added, changed or deleted is written to the audit log, in its batch's transaction.
 * Changes run one at a time, and not during a model switch (whose new indexes are read from the
 * store as it was when the switch began).
 *
 *   const live = new LiveCatalog(shop, config, audit);
 *   await live.upload({ kind: 'products', input: req, format: 'csv', actor: 'maria' });
 *   // { kind: 'products', total: 3, added: 2, updated: 1, unchanged: 0, rejected: [], ... }
 *   await live.deleteProduct('JKT-0001', 'maria');
 */
import { embedMany } from '../nlu/embed-many.js';
import { ingestStream, KnowledgeBase, missingPhrasings, parseFaqEntry, productText, saveProductIndex, type FaqEntry, type Product, type RecordFormat } from '../catalog/index.js';
import { diffOf, type AuditLog } from './admin/audit-log.js';
import type { CatalogUploadReport } from './api-types.js';

export type { CatalogUploadReport };
import { HttpError } from './http-errors.js';
import type { Shop } from './shop.js';
import { knowledgeBaseFor, snapshotOf, type ShopConfig } from './startup.js';

export type CatalogKind = 'products' | 'faq';

export interface CatalogUpload {
  kind: CatalogKind;
  input: AsyncIterable<string | Buffer>;
  format: RecordFormat;
  /** Who uploads, for the audit log. */
  actor: string;
}

export const MAX_REPORTED_REJECTIONS = 1000;
/** During a long upload, the search is brought up to date at most this often (a new knowledge base costs a pass over the products). */
const REFRESH_EVERY_MS = 10_000;

export class LiveCatalog {
  private queue: Promise<unknown> = Promise.resolve();
  private running = 0;

  constructor(
    private readonly shop: Shop,
    private readonly config: ShopConfig,
    private readonly audit: AuditLog,
    /** True while something else rebuilds the indexes (a model switch): changes wait for it to finish. */
    private readonly indexesBusy: () => boolean = () => false,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  /** True while a change is being applied or waits to be. */
  busy(): boolean {
    return this.running > 0;
  }

  upload(upload: CatalogUpload): Promise<CatalogUploadReport> {
    return this.serially(() => (upload.kind === 'products' ? this.uploadProducts(upload) : this.uploadFaq(upload)));
  }

  /** Deletes a product from the store and the live index; false when there is no such product. */
  deleteProduct(id: string, actor: string): Promise<boolean> {
    return this.serially(async () => {
      const store = this.shop.store;
      const removed = store.db.transaction(() => {
        const gone = store.deleteProduct(id);
        if (gone) this.audit.record({ actor, action: 'product.delete', target: id, diff: diffOf(gone.product as unknown as Record<string, unknown>, undefined) });
        return gone;
      })();
      if (!removed) return false;
      this.shop.current().kb.productIndex.markDeleted(removed.label);
      this.refreshProducts();
      this.log(`catalog: ${actor} deleted product ${id}`);
      return true;
    });
  }

  /** Deletes an FAQ entry and rebuilds the FAQ's indexes; false when there is no such entry. */
  deleteFaqEntry(id: string, actor: string): Promise<boolean> {
    return this.serially(async () => {
      const store = this.shop.store;
      const removed = store.db.transaction(() => {
        const gone = store.deleteFaqEntry(id);
        if (gone) this.audit.record({ actor, action: 'faq.delete', target: id, diff: diffOf(gone as unknown as Record<string, unknown>, undefined) });
        return gone;
      })();
      if (!removed) return false;
      await this.refreshFaq();
      this.log(`catalog: ${actor} deleted FAQ entry ${id}`);
      return true;
    });
  }

  /** Creates an FAQ entry, live; a 409 HttpError when its id is taken. */
  createFaqEntry(entry: FaqEntry, actor: string): Promise<FaqEntry> {
    return this.serially(async () => {
      const store = this.shop.store;
      if (store.getFaqEntry(entry.id)) throw new HttpError(409, 'Conflict', `an FAQ entry "${entry.id}" exists: add phrasings to it, or choose another id`);
      this.writeFaq(entry, actor);
      await this.refreshFaq();
      return entry;
    });
  }

  /** Adds the phrasings an entry lacks (compared ignoring case), live; undefined when there is no such entry. */
  addPhrasings(id: string, questions: readonly string[], actor: string): Promise<{ entry: FaqEntry; added: string[] } | undefined> {
    return this.serially(async () => {
      const entry = this.shop.store.getFaqEntry(id);
      if (!entry) return undefined;
      const added = missingPhrasings(entry.questions, questions);
      if (added.length === 0) return { entry, added };
      const next = { ...entry, questions: [...entry.questions, ...added] };
      this.writeFaq(next, actor);
      await this.refreshFaq();
      return { entry: next, added };
    });
  }

  private writeFaq(entry: FaqEntry, actor: string): void {
    const checked = parseFaqEntry(entry);
    if (!checked.ok) throw new HttpError(400, 'BadArgument', checked.reason);
    this.shop.store.upsertFaq([checked.value], (before, after) =>
      this.audit.record({ actor, action: before ? 'faq.update' : 'faq.add', target: after.id, diff: diffOf(before as unknown as Record<string, unknown> | undefined, after as unknown as Record<string, unknown>) }),
    );
  }

  private async serially<T>(work: () => Promise<T>): Promise<T> {
    if (this.indexesBusy()) throw new HttpError(409, 'Conflict', 'a model switch is rebuilding the indexes; send the change again when it is done (GET /api/admin/model)');
    this.running++;
    const turn = this.queue.then(work);
    this.queue = turn.catch(() => undefined);
    try {
      return await turn;
    } finally {
      this.running--;
    }
  }

  private async uploadProducts(upload: CatalogUpload): Promise<CatalogUploadReport> {
    const started = Date.now();
    const store = this.shop.store;
    let lastRefresh = Date.now();
    let pending = false;
    const report = await ingestStream(store, 'products', upload.input, upload.format, {
      onChange: (before, after) => this.audit.record({ actor: upload.actor, action: before ? 'product.update' : 'product.add', target: after.id, diff: diffOf(before as Record<string, unknown> | undefined, after as unknown as Record<string, unknown>) }),
      afterBatch: async (changed) => {
        await this.indexProducts(changed as Product[]);
        pending = true;
        if (Date.now() - lastRefresh >= REFRESH_EVERY_MS) {
          this.refreshProducts();
          lastRefresh = Date.now();
          pending = false;
        }
      },
    });
    if (pending) this.refreshProducts();
    const changed = report.inserted + report.updated;
    if (changed) this.log(`catalog: ${upload.actor} uploaded ${report.total} products: ${report.inserted} added, ${report.updated} updated, ${report.rejected.length} rejected`);
    return this.toReport('products', report, started);
  }

  private async uploadFaq(upload: CatalogUpload): Promise<CatalogUploadReport> {
    const started = Date.now();
    const report = await ingestStream(this.shop.store, 'faq', upload.input, upload.format, {
      onChange: (before, after) => this.audit.record({ actor: upload.actor, action: before ? 'faq.update' : 'faq.add', target: after.id, diff: diffOf(before as Record<string, unknown> | undefined, after as unknown as Record<string, unknown>) }),
    });
    if (report.inserted + report.updated > 0) {
      await this.refreshFaq();
      this.log(`catalog: ${upload.actor} uploaded ${report.total} FAQ entries: ${report.inserted} added, ${report.updated} updated, ${report.rejected.length} rejected`);
    }
    return this.toReport('faq', report, started);
  }

  private toReport(kind: CatalogKind, report: Awaited<ReturnType<typeof ingestStream>>, started: number): CatalogUploadReport {
    return {
      kind,
      format: report.format,
      total: report.total,
      added: report.inserted,
      updated: report.updated,
      unchanged: report.unchanged,
      rejected: report.rejected.slice(0, MAX_REPORTED_REJECTIONS),
      rejectedTotal: report.rejected.length,
      liveAfterMs: Date.now() - started,
    };
  }

  /** Embeds the products with the serving model and upserts them into the live index under their row ids. */
  private async indexProducts(products: readonly Product[]): Promise<void> {
    await this.shop.use(async ({ encoder, kb }) => {
      const labels = this.shop.store.productLabels(products.map((product) => product.id));
      const vectors = await embedMany(encoder, products.map(productText), { batchSize: 32 });
      products.forEach((product, i) => kb.productIndex.add(labels.get(product.id)!, vectors[i]!));
    });
  }

  /** A new knowledge base over the same (changed) product index, swapped in; the index saved for the next start. */
  private refreshProducts(): void {
    const { encoder, kb } = this.shop.current();
    const products = this.shop.store.labelledProducts();
    const next = new KnowledgeBase({
      faqMatcher: kb.faqMatcher,
      productIndex: kb.productIndex,
      products,
      faqCalibration: kb.faqCalibration,
      productLexicalWeight: kb.productLexicalWeight,
      ...(kb.categoriser ? { categoriser: kb.categoriser } : {}),
    });
    this.shop.replace(snapshotOf(encoder, next));
    saveProductIndex(kb.productIndex, products, encoder, this.config.indexDir);
  }

  /** The FAQ's indexes and calibration rebuilt from the store (the product index is reused from disk, saved current). */
  private async refreshFaq(): Promise<void> {
    const { encoder } = this.shop.current();
    const { kb, rebuilt } = await knowledgeBaseFor(this.shop.store, encoder, this.config);
    this.shop.replace(snapshotOf(encoder, kb));
    this.log(`catalog: FAQ now ${kb.faqCount} entries (rebuilt ${rebuilt.join(', ') || 'nothing'})`);
  }
}
