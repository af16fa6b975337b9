/**
 * SQLite storage for the catalog, the FAQ and shopper events. Rows are upserted by id,
 * so re-ingesting a file is idempotent and nothing stored before is lost. Row ids
 * (SQLite rowids) double as HNSW labels, so a search hit maps back to a row directly.
 *
 *   const store = CatalogStore.open('data/aisle.db');
 *   store.upsertProducts([{ id: 'p1', title: 'Trail shoe', price: 79 }]) // { inserted: 1, updated: 0, unchanged: 0 }
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { BackgroundCheckpoints } from './background-checkpoints.js';
import { redactPersonalData } from './redaction.js';
import type { FaqEntry, Need, Product } from './schemas.js';

/** Version of the tables below; a database written by a newer Aisle is refused. */
export const STORE_SCHEMA_VERSION = 6;

export class StoreVersionError extends Error {
  constructor(readonly expected: number, readonly found: number) {
    super(`catalog: database schema version ${found} is newer than this Aisle supports (${expected}); upgrade Aisle`);
    this.name = 'StoreVersionError';
  }
}

/** Hears a row written: `before` is undefined for a new one. */
export type Changed<T> = (before: T | undefined, after: T) => void;

export interface UpsertCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface LabelledProduct {
  label: number;
  product: Product;
}

export interface FaqPhrasing {
  label: number;
  faqId: string;
  text: string;
}

export interface ShopperEvent {
  conversationId: string;
  name: string;
  productId?: string;
  query?: string;
  at?: string;
}

/** A support reviewer's verdict on an answer: the right FAQ entry for a shopper's question. */
/** A support reviewer's verdict on a product list: the product that is right for a shopper's request. */
export interface ProductReview {
  conversationId: string;
  query: string;
  productId: string;
  verdict: 'confirmed' | 'corrected';
  activityId?: string;
  at?: string;
}

export interface AnswerReview {
  conversationId: string;
  query: string;
  faqId: string;
  verdict: 'confirmed' | 'corrected';
  activityId?: string;
  at?: string;
}

/** One list of products shown, as the online ranker logged it: for learning and for off-policy evaluation. */
export interface LoggedSlate {
  conversationId: string;
  /** Unique per list shown. */
  slate: string;
  query: string;
  /** Shown in a random order, to explore (catalog/rank/click-model.ts presentWithExploration). */
  explored: boolean;
  items: LoggedImpression[];
  at?: string;
}

export type LoggedSlateWithClicks = Omit<LoggedSlate, 'items'> & { items: (LoggedImpression & { clicked: boolean })[] };

export interface LoggedImpression {
  productId: string;
  /** 1-based position shown at. */
  position: number;
  /** The probability that the logging policy showed this product at this position. */
  propensity: number;
  /** The ranker's features of it in that context (without the position), and its prior logit. */
  features: Record<string, number>;
  offset: number;
}

/** Events that mean a shopper wanted the product they were shown. */
const ENGAGED_EVENTS = "('product.click', 'cart.add')";

/** How fast a shopper's click or cart add cools in `popularSince`: its weight halves every this many hours. */
export const POPULARITY_HALF_LIFE_HOURS = 48;

/** A product shoppers chose lately (CatalogStore.popularSince). */
export interface PopularProduct {
  productId: string;
  /** Conversations that clicked it or put it in the cart in the window. */
  shoppers: number;
  /** Of those, the ones that put it in the cart. */
  carted: number;
  /** The same conversations, each weighted by how recently it chose the product (1 = just now). */
  heat: number;
}

export class CatalogStore {
  private checkpoints: BackgroundCheckpoints | undefined;

  private constructor(
    readonly db: Database.Database,
    private readonly path: string,
  ) {}

  /** Opens (creating if needed) the database file; `:memory:` works for tests. */
  static open(path: string): CatalogStore {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    // With WAL, NORMAL keeps the database consistent on a crash and skips an fsync per
    // write (transcripts and events are written on every turn).
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db);
    return new CatalogStore(db, path);
  }

  /**
   * For a serving process: WAL checkpoints in a worker thread, not on whichever turn's write
   * fills the log (catalog/background-checkpoints.ts). Command-line tools keep SQLite's default.
   */
  async checkpointInBackground(options: { intervalMs?: number; log?: (message: string) => void } = {}): Promise<void> {
    if (this.path === ':memory:' || this.checkpoints) return;
    this.checkpoints = await BackgroundCheckpoints.start(this.db, this.path, options);
  }

  /**
   * Closes the database. Resolves once the checkpoint worker has made its last checkpoint and closed
   * its own connection: until then the files may still change (the WAL is removed last), so a caller
   * that copies or removes them waits for it.
   */
  close(): Promise<void> {
    // The worker's last checkpoint runs on its own connection; it needs nothing from this one.
    const stopped = this.checkpoints?.stop().catch(() => undefined) ?? Promise.resolve();
    this.db.close();
    return stopped;
  }

  /** `onChange` hears each row added (before undefined) or changed, inside the write's transaction. */
  upsertProducts(products: readonly Product[], onChange?: Changed<Product>): UpsertCounts {
    const find = this.db.prepare<[string], { json: string }>('SELECT json FROM products WHERE id = ?');
    const insert = this.db.prepare(
      'INSERT INTO products (id, json, category, price) VALUES (@id, @json, @category, @price)',
    );
    const update = this.db.prepare(
      "UPDATE products SET json = @json, category = @category, price = @price, updated_at = datetime('now') WHERE id = @id",
    );
    return this.upsert(products, (product) => {
      const row = { id: product.id, json: JSON.stringify(product), category: product.category ?? null, price: product.price ?? null };
      const existing = find.get(product.id);
      if (!existing) return insert.run(row), onChange?.(undefined, product), 'inserted';
      if (existing.json === row.json) return 'unchanged';
      return update.run(row), onChange?.(JSON.parse(existing.json) as Product, product), 'updated';
    });
  }

  /** The row ids (index labels) of these products, those that exist. */
  productLabels(ids: readonly string[]): Map<string, number> {
    const find = this.db.prepare<[string], { rowid: number }>('SELECT rowid FROM products WHERE id = ?');
    const labels = new Map<string, number>();
    for (const id of ids) {
      const row = find.get(id);
      if (row) labels.set(id, row.rowid);
    }
    return labels;
  }

  /** Removes a product; its row id (the index label) when it existed. */
  deleteProduct(id: string): { label: number; product: Product } | undefined {
    const row = this.db.prepare<[string], { rowid: number; json: string }>('SELECT rowid, json FROM products WHERE id = ?').get(id);
    if (!row) return undefined;
    this.db.prepare('DELETE FROM products WHERE rowid = ?').run(row.rowid);
    return { label: row.rowid, product: JSON.parse(row.json) as Product };
  }

  /** Removes an FAQ entry and its phrasings; the entry when it existed. */
  deleteFaqEntry(id: string): FaqEntry | undefined {
    const row = this.db.prepare<[string], { json: string }>('SELECT json FROM faq WHERE id = ?').get(id);
    if (!row) return undefined;
    this.db.prepare('DELETE FROM faq WHERE id = ?').run(id);
    return JSON.parse(row.json) as FaqEntry;
  }

  upsertFaq(entries: readonly FaqEntry[], onChange?: Changed<FaqEntry>): UpsertCounts {
    const find = this.db.prepare<[string], { rowid: number; json: string }>('SELECT rowid, json FROM faq WHERE id = ?');
    const insert = this.db.prepare('INSERT INTO faq (id, json) VALUES (?, ?)');
    const update = this.db.prepare("UPDATE faq SET json = ?, updated_at = datetime('now') WHERE rowid = ?");
    const clearPhrasings = this.db.prepare('DELETE FROM faq_phrasings WHERE faq_rowid = ?');
    const addPhrasing = this.db.prepare('INSERT INTO faq_phrasings (faq_rowid, position, text) VALUES (?, ?, ?)');
    const writePhrasings = (faqRowid: number | bigint, entry: FaqEntry) =>
      entry.questions.forEach((question, position) => addPhrasing.run(faqRowid, position, question));
    return this.upsert(entries, (entry) => {
      const json = JSON.stringify(entry);
      const existing = find.get(entry.id);
      if (!existing) return writePhrasings(insert.run(entry.id, json).lastInsertRowid, entry), onChange?.(undefined, entry), 'inserted';
      if (existing.json === json) return 'unchanged';
      onChange?.(JSON.parse(existing.json) as FaqEntry, entry);
      update.run(json, existing.rowid);
      clearPhrasings.run(existing.rowid);
      writePhrasings(existing.rowid, entry);
      return 'updated';
    });
  }

  upsertNeeds(needs: readonly Need[]): UpsertCounts {
    const find = this.db.prepare<[string], { json: string }>('SELECT json FROM needs WHERE id = ?');
    const insert = this.db.prepare('INSERT INTO needs (id, json) VALUES (?, ?)');
    const update = this.db.prepare("UPDATE needs SET json = ?, updated_at = datetime('now') WHERE id = ?");
    return this.upsert(needs, (need) => {
      const json = JSON.stringify(need);
      const existing = find.get(need.id);
      if (!existing) return insert.run(need.id, json), 'inserted';
      if (existing.json === json) return 'unchanged';
      return update.run(json, need.id), 'updated';
    });
  }

  needs(): Need[] {
    return this.db.prepare<[], { json: string }>('SELECT json FROM needs ORDER BY rowid').all().map((row) => JSON.parse(row.json) as Need);
  }

  /** All rows in one transaction: a crash mid-file leaves the previous state intact. */
  private upsert<T>(items: readonly T[], write: (item: T) => keyof UpsertCounts): UpsertCounts {
    const counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
    this.db.transaction(() => {
      for (const item of items) counts[write(item)]++;
    })();
    return counts;
  }

  getProduct(id: string): Product | undefined {
    const row = this.db.prepare<[string], { json: string }>('SELECT json FROM products WHERE id = ?').get(id);
    return row ? (JSON.parse(row.json) as Product) : undefined;
  }

  getFaqEntry(id: string): FaqEntry | undefined {
    const row = this.db.prepare<[string], { json: string }>('SELECT json FROM faq WHERE id = ?').get(id);
    return row ? (JSON.parse(row.json) as FaqEntry) : undefined;
  }

  labelledProducts(): LabelledProduct[] {
    return this.db
      .prepare<[], { rowid: number; json: string }>('SELECT rowid, json FROM products ORDER BY rowid')
      .all()
      .map((row) => ({ label: row.rowid, product: JSON.parse(row.json) as Product }));
  }

  faqEntries(): FaqEntry[] {
    return this.db
      .prepare<[], { json: string }>('SELECT json FROM faq ORDER BY rowid')
      .all()
      .map((row) => JSON.parse(row.json) as FaqEntry);
  }

  faqPhrasings(): FaqPhrasing[] {
    return this.db
      .prepare<[], FaqPhrasing>(
        'SELECT p.rowid AS label, f.id AS faqId, p.text AS text FROM faq_phrasings p JOIN faq f ON f.rowid = p.faq_rowid ORDER BY p.rowid',
      )
      .all();
  }

  categories(): { name: string; count: number }[] {
    return this.db
      .prepare<[], { name: string; count: number }>(
        'SELECT category AS name, COUNT(*) AS count FROM products WHERE category IS NOT NULL GROUP BY category ORDER BY count DESC, name',
      )
      .all();
  }

  counts(): { products: number; faq: number; phrasings: number; needs: number } {
    const count = (table: string) =>
      (this.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    return { products: count('products'), faq: count('faq'), phrasings: count('faq_phrasings'), needs: count('needs') };
  }

  /** The shopper's words (`query`) are stored with emails, phone and card numbers redacted, here and in every log below. */
  recordEvent(event: ShopperEvent): void {
    this.db
      .prepare('INSERT INTO events (conversation_id, name, product_id, query, at) VALUES (?, ?, ?, ?, ?)')
      .run(event.conversationId, event.name, event.productId ?? null, event.query === undefined ? null : redactPersonalData(event.query), event.at ?? new Date().toISOString());
  }

  /** Several events in one transaction (the products shown in one reply). */
  recordEvents(events: readonly ShopperEvent[]): void {
    this.db.transaction(() => events.forEach((event) => this.recordEvent(event)))();
  }

  /** The products of one list shown, with their positions, propensities and ranking features, as `product.impression` events. */
  recordSlate(slate: LoggedSlate): void {
    const insert = this.db.prepare(
      'INSERT INTO events (conversation_id, name, product_id, query, at, slate, position, propensity, features) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const at = slate.at ?? new Date().toISOString();
    const query = redactPersonalData(slate.query);
    this.db.transaction(() => {
      for (const item of slate.items) {
        insert.run(slate.conversationId, 'product.impression', item.productId, query, at, slate.slate, item.position, item.propensity, JSON.stringify({ features: item.features, offset: item.offset, explored: slate.explored }));
      }
    })();
  }

  /**
   * Every logged list, oldest first, each product marked clicked when the shopper clicked it or put
   * it in the cart in that conversation before the next list was shown.
   */
  loggedSlates(): LoggedSlateWithClicks[] {
    const rows = this.db
      .prepare<[], { conversationId: string; slate: string; query: string | null; at: string; productId: string; position: number; propensity: number; features: string; clicked: number }>(
        `SELECT i.conversation_id AS conversationId, i.slate AS slate, i.query AS query, i.at AS at, i.product_id AS productId,
                i.position AS position, i.propensity AS propensity, i.features AS features,
                EXISTS (SELECT 1 FROM events e WHERE e.conversation_id = i.conversation_id AND e.product_id = i.product_id
                          AND e.name IN ${ENGAGED_EVENTS} AND e.id > i.id
                          AND NOT EXISTS (SELECT 1 FROM events n WHERE n.conversation_id = i.conversation_id AND n.name = 'product.impression'
                                            AND n.slate IS NOT NULL AND n.slate != i.slate AND n.id > i.id AND n.id < e.id)) AS clicked
         FROM events i WHERE i.name = 'product.impression' AND i.slate IS NOT NULL ORDER BY i.id`,
      )
      .all();
    const slates = new Map<string, LoggedSlateWithClicks>();
    for (const row of rows) {
      const logged = JSON.parse(row.features) as { features: Record<string, number>; offset: number; explored?: boolean };
      const slate = slates.get(row.slate) ?? { conversationId: row.conversationId, slate: row.slate, query: row.query ?? '', explored: logged.explored === true, at: row.at, items: [] };
      slate.items.push({ productId: row.productId, position: row.position, propensity: row.propensity, features: logged.features, offset: logged.offset, clicked: row.clicked === 1 });
      slates.set(row.slate, slate);
    }
    return [...slates.values()];
  }

  /** The online ranker's learnt state (catalog/ftrl.ts), one row per feature. */
  rankerCoordinates(): [string, { z: number; n: number }][] {
    return this.db
      .prepare<[], { name: string; z: number; n: number }>('SELECT name, z, n FROM ranker_coordinates')
      .all()
      .map((row) => [row.name, { z: row.z, n: row.n }]);
  }

  /** Saves the coordinates one update changed, in one transaction. */
  saveRankerCoordinates(changed: readonly (readonly [string, { z: number; n: number }])[]): void {
    const upsert = this.db.prepare('INSERT INTO ranker_coordinates (name, z, n) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET z = excluded.z, n = excluded.n');
    this.db.transaction(() => changed.forEach(([name, c]) => upsert.run(name, c.z, c.n)))();
  }

  /** Queries that led to a click or cart add, with the product: fine-tuning pairs. */
  engagedQueries(): { query: string; productId: string }[] {
    return this.db
      .prepare<[], { query: string; productId: string }>(
        `SELECT DISTINCT query, product_id AS productId FROM events
         WHERE name IN ${ENGAGED_EVENTS} AND query IS NOT NULL AND product_id IS NOT NULL ORDER BY id`,
      )
      .all();
  }

  /**
   * Every product shown for a query, labelled by whether the shopper then clicked or
   * carted it in the same conversation: the click-through model's training data.
   */
  labelledImpressions(): { query: string; productId: string; clicked: boolean }[] {
    return this.db
      .prepare<[], { query: string; productId: string; clicked: number }>(
        `SELECT i.query AS query, i.product_id AS productId,
                EXISTS (SELECT 1 FROM events e WHERE e.conversation_id = i.conversation_id AND e.product_id = i.product_id
                        AND e.query = i.query AND e.name IN ${ENGAGED_EVENTS} AND e.id > i.id) AS clicked
         FROM events i WHERE i.name = 'product.impression' AND i.query IS NOT NULL AND i.product_id IS NOT NULL ORDER BY i.id`,
      )
      .all()
      .map((row) => ({ ...row, clicked: row.clicked === 1 }));
  }

  /**
   * The products other shoppers chose beside this one: for each, in how many conversations both
   * were put in the cart (`carted`), and in how many both were clicked or put in the cart
   * (`shoppers`), most shoppers first. Counts of real events, to be said as such.
   */
  chosenTogether(productId: string, limit = 20, exceptConversation?: string): { productId: string; shoppers: number; carted: number }[] {
    return this.db
      .prepare<[string, string, number], { productId: string; shoppers: number; carted: number }>(
        `SELECT b.product_id AS productId, COUNT(DISTINCT b.conversation_id) AS shoppers,
                COUNT(DISTINCT CASE WHEN a.name = 'cart.add' AND b.name = 'cart.add' THEN b.conversation_id END) AS carted
         FROM events a JOIN events b ON a.conversation_id = b.conversation_id
         WHERE a.product_id = ? AND a.name IN ${ENGAGED_EVENTS} AND b.name IN ${ENGAGED_EVENTS}
           AND b.product_id IS NOT NULL AND b.product_id != a.product_id AND a.conversation_id != ?
         GROUP BY b.product_id ORDER BY shoppers DESC, carted DESC, b.product_id LIMIT ?`,
      )
      .all(productId, exceptConversation ?? '', limit);
  }

  /**
   * The products shoppers clicked or put in the cart since a time (ISO 8601), hottest first: with how
   * many conversations did each (`shoppers`, `carted`: counts of real events, to be said as such) and
   * their `heat`, each conversation counted by how recent its last such act was, halved every
   * `halfLifeHours` before `now`. Heat ranks; the counts are what a reason may say. A product many
   * chose today is hotter than one as many chose six days ago: trending, without a second window.
   */
  popularSince(since: string, limit = 20, now = new Date().toISOString(), halfLifeHours = POPULARITY_HALF_LIFE_HOURS): PopularProduct[] {
    return this.db
      .prepare<[string, number, string, number], PopularProduct>(
        `SELECT product_id AS productId, COUNT(*) AS shoppers, SUM(carted) AS carted,
                SUM(pow(0.5, MAX(0, julianday(?) - julianday(last)) * 24.0 / ?)) AS heat
         FROM (SELECT product_id, conversation_id, MAX(at) AS last, MAX(name = 'cart.add') AS carted
               FROM events WHERE name IN ${ENGAGED_EVENTS} AND product_id IS NOT NULL AND at >= ?
               GROUP BY product_id, conversation_id)
         GROUP BY product_id ORDER BY heat DESC, shoppers DESC, carted DESC, product_id LIMIT ?`,
      )
      .all(now, halfLifeHours, since, limit);
  }

  /**
   * The FAQ answers logged in the transcripts among rows `afterId` < id <= `afterId + span`, in order,
   * and the last id that range held (or `afterId` when nothing is newer). Read by id range, so each
   * call costs at most `span` rows however large the transcripts grow (bot/asked-next.ts mines them
   * a slice at a time).
   */
  faqAnswersAfter(afterId: number, span: number): { answers: { id: number; conversationId: string; faqId: string }[]; lastId: number } {
    const exists = this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'transcript_activities'").get();
    if (!exists) return { answers: [], lastId: afterId };
    const newest = (this.db.prepare('SELECT MAX(id) AS id FROM transcript_activities').get() as { id: number | null }).id ?? 0;
    const lastId = Math.min(newest, afterId + span);
    if (lastId <= afterId) return { answers: [], lastId: afterId };
    const answers = this.db
      .prepare<[number, number], { id: number; conversationId: string; faqId: string }>(
        `SELECT id, conversation_id AS conversationId, json_extract(json, '$.channelData.aisle.faqId') AS faqId FROM transcript_activities
         WHERE id > ? AND id <= ? AND json_extract(json, '$.from.role') = 'bot' AND json_extract(json, '$.channelData.aisle.kind') = 'faq'
           AND json_extract(json, '$.channelData.aisle.faqId') IS NOT NULL
         ORDER BY id`,
      )
      .all(afterId, lastId);
    return { answers, lastId };
  }

  /**
   * The distinct texts shoppers sent, as the transcripts keep them (redacted), newest first, at
   * most `limit`: the unlabelled messages `npm run finetune -- --from-data` adapts the encoder on.
   * A shopper's message is a `message` from the `user` role without the bot's channel data
   * (bot/transcript-store.ts sets both).
   */
  shopperMessageTexts(limit: number): string[] {
    const exists = this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'transcript_activities'").get();
    if (!exists) return [];
    return this.db
      .prepare<[number], string>(
        `SELECT text FROM (
           SELECT trim(json_extract(json, '$.text')) AS text, MAX(id) AS newest FROM transcript_activities
           WHERE json_extract(json, '$.type') = 'message' AND json_extract(json, '$.from.role') = 'user'
             AND json_extract(json, '$.channelData.aisle') IS NULL AND json_extract(json, '$.text') IS NOT NULL
           GROUP BY 1)
         WHERE text <> '' ORDER BY newest DESC LIMIT ?`,
      )
      .pluck()
      .all(limit);
  }

  recordReview(review: AnswerReview): void {
    this.db
      .prepare('INSERT INTO answer_reviews (conversation_id, activity_id, query, faq_id, verdict, at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(review.conversationId, review.activityId ?? null, redactPersonalData(review.query), review.faqId, review.verdict, review.at ?? new Date().toISOString());
  }

  recordProductReview(review: ProductReview): void {
    this.db
      .prepare('INSERT INTO product_reviews (conversation_id, activity_id, query, product_id, verdict, at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(review.conversationId, review.activityId ?? null, redactPersonalData(review.query), review.productId, review.verdict, review.at ?? new Date().toISOString());
  }

  /** The latest verdict per reviewed request: the product a reviewer confirmed or corrected it to. */
  reviewedProducts(): ProductReview[] {
    return this.db
      .prepare<[], { conversationId: string; activityId: string | null; query: string; productId: string; verdict: ProductReview['verdict']; at: string }>(
        `SELECT conversation_id AS conversationId, activity_id AS activityId, query, product_id AS productId, verdict, at FROM product_reviews r
         WHERE r.id = (SELECT MAX(id) FROM product_reviews x WHERE x.conversation_id = r.conversation_id AND x.query = r.query) ORDER BY r.id`,
      )
      .all()
      .map(({ activityId, ...review }) => ({ ...review, ...(activityId ? { activityId } : {}) }));
  }

  /** The latest verdict per reviewed question: what a reviewer confirmed or corrected it to. */
  reviewedAnswers(): AnswerReview[] {
    return this.db
      .prepare<[], { conversationId: string; activityId: string | null; query: string; faqId: string; verdict: AnswerReview['verdict']; at: string }>(
        `SELECT conversation_id AS conversationId, activity_id AS activityId, query, faq_id AS faqId, verdict, at FROM answer_reviews r
         WHERE r.id = (SELECT MAX(id) FROM answer_reviews x WHERE x.conversation_id = r.conversation_id AND x.query = r.query) ORDER BY r.id`,
      )
      .all()
      .map(({ activityId, ...review }) => ({ ...review, ...(activityId ? { activityId } : {}) }));
  }

  eventsFor(conversationId: string): ShopperEvent[] {
    return this.db
      .prepare<[string], { name: string; productId: string | null; query: string | null; at: string }>(
        'SELECT name, product_id AS productId, query, at FROM events WHERE conversation_id = ? ORDER BY id',
      )
      .all(conversationId)
      .map((row) => ({
        conversationId,
        name: row.name,
        at: row.at,
        ...(row.productId ? { productId: row.productId } : {}),
        ...(row.query ? { query: row.query } : {}),
      }));
  }
}

function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  const row = db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'schema_version'").get();
  const found = row ? Number(row.value) : 0;
  if (found > STORE_SCHEMA_VERSION) throw new StoreVersionError(STORE_SCHEMA_VERSION, found);
  if (found === STORE_SCHEMA_VERSION) return;
  db.transaction(() => {
    db.exec(`
      CREATE TABLE IF NOT EXISTS products (
        rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, json TEXT NOT NULL,
        category TEXT, price REAL, updated_at TEXT NOT NULL DEFAULT (datetime('now')));
      CREATE INDEX IF NOT EXISTS products_category ON products (category);
      CREATE TABLE IF NOT EXISTS faq (
        rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, json TEXT NOT NULL,
        updated_at TEXT NOT NULL DEFAULT (datetime('now')));
      CREATE TABLE IF NOT EXISTS faq_phrasings (
        rowid INTEGER PRIMARY KEY, faq_rowid INTEGER NOT NULL REFERENCES faq (rowid) ON DELETE CASCADE,
        position INTEGER NOT NULL, text TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS faq_phrasings_faq ON faq_phrasings (faq_rowid);
      CREATE TABLE IF NOT EXISTS events (
        id INTEGER PRIMARY KEY, conversation_id TEXT NOT NULL, name TEXT NOT NULL,
        product_id TEXT, query TEXT, at TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS events_conversation ON events (conversation_id);
      CREATE INDEX IF NOT EXISTS events_product ON events (product_id, name);
      CREATE TABLE IF NOT EXISTS answer_reviews (
        id INTEGER PRIMARY KEY, conversation_id TEXT NOT NULL, activity_id TEXT, query TEXT NOT NULL,
        faq_id TEXT NOT NULL, verdict TEXT NOT NULL CHECK (verdict IN ('confirmed', 'corrected')), at TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS needs (
        rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, json TEXT NOT NULL,
        updated_at TEXT NOT NULL DEFAULT (datetime('now')));
      CREATE TABLE IF NOT EXISTS ranker_coordinates (name TEXT PRIMARY KEY, z REAL NOT NULL, n REAL NOT NULL);
      CREATE TABLE IF NOT EXISTS product_reviews (
        id INTEGER PRIMARY KEY, conversation_id TEXT NOT NULL, activity_id TEXT, query TEXT NOT NULL,
        product_id TEXT NOT NULL, verdict TEXT NOT NULL CHECK (verdict IN ('confirmed', 'corrected')), at TEXT NOT NULL);
    `);
    // Version 5: impressions carry the list they were shown in, their position, propensity and ranking features.
    const eventColumns = new Set(db.prepare<[], { name: string }>('PRAGMA table_info(events)').all().map((column) => column.name));
    for (const [column, type] of [['slate', 'TEXT'], ['position', 'INTEGER'], ['propensity', 'REAL'], ['features', 'TEXT']] as const) {
      if (!eventColumns.has(column)) db.exec(`ALTER TABLE events ADD COLUMN ${column} ${type}`);
    }
    db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)").run(String(STORE_SCHEMA_VERSION));
  })();
}
