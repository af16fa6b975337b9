/**
 * Opens everything a running bot needs, in order: the store (with the demo shop loaded
 * into an empty one, when enabled), the encoder, the indexes (rebuilt when stale), the
 * vocabulary. Used by the server and by scripts that need the same shop; the live model
 * switch (bot/model-switch.ts) loads a new snapshot with the same `loadSnapshot`.
 *
 *   const shop = await openShop(loadConfig(), { log: console.log });
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildVocabulary, CatalogStore, ingestFile, openKnowledgeBase, readRecords, type IndexProgress } from '../catalog/index.js';
import { CoalescingEncoder, englishLexicon, OnnxCrossEncoder, loadBackgroundSentences, OnnxEncoder, GIFT_WORDS, shopSynonyms, SORT_WORDS, SpellingCorrector, tokenizeWords, WorkerEncoder, type ShopVocabulary } from '../nlu/index.js';
import type { IndexName, KnowledgeBase } from '../catalog/index.js';
import type { Encoder } from '../nlu/index.js';
import { readActiveModel } from './active-model.js';
import type { Config } from './config.js';
import { ShopRanking } from '../turn/ranking.js';
import { Shop, type ShopSnapshot } from './shop.js';
import { warmUp } from './warm-up.js';

export const DEMO_DIR = fileURLToPath(new URL('../demo/', import.meta.url));

export interface OpenShopOptions {
  log?: (message: string) => void;
  onIndexProgress?: (progress: IndexProgress) => void;
  /** Rebuild the indexes even when they are current. */
  forceReindex?: boolean;
  /** Batch concurrent queries into shared model runs (CoalescingEncoder). Default true; off only to measure its effect. */
  coalesce?: boolean;
  /** Distinct query texts whose vectors are remembered (CoalescingEncoder). Default 2000; the bench uses 0 to measure the model. */
  queryCacheSize?: number;
  /** Run the model in a worker thread (default) or on the calling thread. */
  encoderThread?: 'worker' | 'main';
  /** Share of BM25 in product scores (the KnowledgeBase default when absent); `npm run eval` tunes it. */
  productLexicalWeight?: number;
  /**
   * Run the shop's own words through the bot once before serving (bot/warm-up.ts), so the first
   * shoppers do not pay for what is read once. Default true; tests that open many shops skip it.
   */
  warmUp?: boolean;
}

export type ShopConfig = Pick<Config, 'dataDir' | 'databasePath' | 'indexDir' | 'modelDir' | 'encoder' | 'demoShop' | 'decision'> & {
  /** The click model's exploration share; without it (tools, tests) lists are never shuffled. */
  ranking?: Config['ranking'];
  backgroundFile?: string | undefined;
  /** Labelled shoppers' questions (JSONL {text, expected}) that set the FAQ answer threshold; the demo shop ships its own. */
  calibrationQueriesFile?: string | undefined;
  /** What each outcome of an FAQ question is worth, for the calibration; DEFAULT_ANSWER_VALUES when absent. */
  faqValues?: Config['faqValues'];
  /** Whether calibration may give the FAQ classifier head a share (FAQ_CLASSIFIER_HEAD); off when absent. */
  faqClassifierHead?: boolean;
};

export async function openShop(config: ShopConfig, options: OpenShopOptions = {}): Promise<Shop> {
  const log = options.log ?? (() => undefined);
  const store = CatalogStore.open(config.databasePath);
  try {
    const counts = store.counts();
    if (counts.products === 0 && counts.faq === 0 && config.demoShop) {
      for (const [kind, file] of [['faq', 'faq.json'], ['products', 'products.json'], ['needs', 'needs.json']] as const) {
        const report = ingestFile(store, kind, join(DEMO_DIR, file));
        log(`demo shop: loaded ${report.inserted} ${kind} rows from demo/${file}`);
      }
    }
    // A model chosen with `npm run model:use` (or POST /api/admin/model) outlives restarts.
    const active = readActiveModel(config.dataDir);
    if (active && active.modelDir !== config.modelDir) log(`model: using ${active.modelDir}, chosen with model:use on ${active.since} (overrides MODEL_DIR)`);
    const snapshot = await loadSnapshot(store, { ...config, modelDir: active?.modelDir ?? config.modelDir }, { ...options, log });
    // Transcripts and events are written on every turn: the log's checkpoints go to a worker.
    await store.checkpointInBackground({ log });
    // A GPU shop's click teacher scores each list's candidates online (bot/config.ts CTR_MODEL).
    const ctrModel = config.ranking?.ctrModel;
    const teacher = ctrModel ? await OnnxCrossEncoder.load({ modelDir: ctrModel, device: config.encoder.device, variant: config.encoder.device === 'cuda' ? 'fp32' : 'int8' }) : undefined;
    if (teacher) log(`ranking: click teacher ${teacher.modelId} on ${config.encoder.device}`);
    return new Shop(snapshot, store, config.decision, ShopRanking.open(store, { explore: config.ranking?.explore ?? 0, ...(teacher ? { teacher } : {}) }));
  } catch (error) {
    store.close();
    throw error;
  }
}

/** The shop's words to correct towards (types, categories, brands, attribute values), and every word of its catalog as known. */
function shopSpelling(kb: KnowledgeBase, vocabulary: ShopVocabulary): SpellingCorrector {
  const phrases = [
    ...(vocabulary.types ?? []).flatMap((t) => [t.name, t.plural]),
    ...vocabulary.categories.flatMap((c) => c.terms),
    ...(vocabulary.brands ?? []),
    ...(vocabulary.attributes ?? []).flatMap((a) => a.values),
    // Shoppers' words that query understanding knows ("rucksack", "skillet"): a misspelling of one is corrected to it.
    ...shopSynonyms(vocabulary),
    // And the words orders are asked with: "cheapist tent u got" asks for the cheapest.
    ...SORT_WORDS,
    // And presents: "secret snta at uni" is a gift request.
    ...GIFT_WORDS,
  ];
  const known = new Set(kb.products().flatMap((p) => tokenizeWords(`${p.title} ${p.description ?? ''}`)));
  for (const entry of kb.faqEntries()) for (const word of tokenizeWords(entry.questions.join(' '))) known.add(word);
  return new SpellingCorrector(phrases, { knownWords: known, names: vocabulary.brands ?? [] });
}

/**
 * Shoppers' questions with the answer they should get: the support team's reviewed answers,
 * plus a labelled file (FAQ_CALIBRATION_QUERIES; for the demo shop, the tuning half of its
 * hand-written shopper questions). Lines that are not {text, expected} are skipped.
 */
function calibrationQueries(store: CatalogStore, config: ShopConfig): { text: string; faqId: string | null }[] {
  const reviewed = store.reviewedAnswers().map((review) => ({ text: review.query, faqId: review.faqId }));
  const file = config.calibrationQueriesFile ?? (config.demoShop ? join(DEMO_DIR, 'eval', 'faq-shopper.tune.jsonl') : undefined);
  if (!file || !existsSync(file)) return reviewed;
  const labelled = readRecords(readFileSync(file, 'utf8'), 'ndjson').flatMap(({ value }) => {
    const { text, expected } = (value ?? {}) as { text?: unknown; expected?: unknown };
    return typeof text === 'string' && (typeof expected === 'string' || expected === null) ? [{ text, faqId: expected }] : [];
  });
  return [...reviewed, ...labelled];
}

/**
 * The knowledge base of the store's rows indexed with `encoder`, from `config.indexDir`: each
 * index reused when current, else built and saved there (a live catalog change rebuilds the FAQ
 * side this way, reusing the rest).
 */
export async function knowledgeBaseFor(store: CatalogStore, encoder: Encoder, config: ShopConfig, options: OpenShopOptions = {}): Promise<{ kb: KnowledgeBase; rebuilt: IndexName[] }> {
  return openKnowledgeBase({
    store,
    encoder,
    indexDir: config.indexDir,
    force: options.forceReindex ?? false,
    ...(config.backgroundFile ? { backgroundSentences: loadBackgroundSentences(config.backgroundFile) } : {}),
    calibrationQueries: calibrationQueries(store, config),
    ...(config.faqValues ? { answerValues: config.faqValues } : {}),
    ...(config.faqClassifierHead ? { classifierHead: true } : {}),
    ...(options.productLexicalWeight !== undefined ? { productLexicalWeight: options.productLexicalWeight } : {}),
    ...(options.onIndexProgress ? { onProgress: options.onIndexProgress } : {}),
  });
}

/** A snapshot of `kb` served with `encoder`: the vocabulary and spelling read from its products and FAQ. */
export function snapshotOf(encoder: Encoder, kb: KnowledgeBase): ShopSnapshot {
  const vocabulary = buildVocabulary(kb.products(), {}, kb.productTypes);
  return { encoder, kb, vocabulary, spelling: shopSpelling(kb, vocabulary) };
}

/**
 * Loads an encoder for `config.modelDir` and the knowledge base indexed with it, from
 * `config.indexDir` (reused when current, else built and saved there).
 */
export async function loadSnapshot(store: CatalogStore, config: ShopConfig, options: OpenShopOptions = {}): Promise<ShopSnapshot> {
  const log = options.log ?? (() => undefined);
  const encoderOptions = { modelDir: config.modelDir, ...config.encoder };
  // onnxruntime-node runs inference on the calling thread: in a worker it does not block HTTP.
  const encoder = options.encoderThread === 'main' ? await OnnxEncoder.load(encoderOptions) : await WorkerEncoder.load(encoderOptions);
  try {
    log(`model: ${encoder.modelId} (${encoder.dimensions} dims) on ${config.encoder.device}`);
    const started = Date.now();
    const { kb, rebuilt } = await knowledgeBaseFor(store, encoder, config, options);
    log(`indexes: ${kb.faqCount} FAQ entries, ${kb.productCount} products` +
      (rebuilt.length ? ` (rebuilt ${rebuilt.join(' and ')} in ${((Date.now() - started) / 1000).toFixed(1)} s)` : ' (loaded from disk)'));
    const serving = options.coalesce === false ? encoder : new CoalescingEncoder(encoder, { cacheSize: options.queryCacheSize ?? 2000 });
    // Read WordNet now (~200 ms, once per process) rather than during a shopper's first turn.
    englishLexicon();
    const snapshot = snapshotOf(serving, kb);
    if (options.warmUp !== false) {
      const { texts, failed, ms } = await warmUp({ ...snapshot, options: config.decision });
      log(`warm-up: ${texts} messages in ${ms} ms` + (failed.length ? `; ${failed.length} failed, first: ${JSON.stringify(failed[0])}` : ''));
    }
    return snapshot;
  } catch (error) {
    await encoder.dispose();
    throw error;
  }
}
