/**
 * Builds or loads the HNSW indexes of a shop (FAQ phrasings, FAQ answer sentences, products,
 * the categoriser's needs) and returns its KnowledgeBase. An index on disk is reused only when
 * its manifest names the same model (id and hash), the same dimensions and the same source
 * texts, and the index file's bytes match the sha256 the manifest recorded; otherwise it is
 * rebuilt and saved (a damaged or unreadable file with a warning that names it).
 *
 *   const { kb, rebuilt } = await openKnowledgeBase({ store, encoder, indexDir: 'data/indexes' });
 *   rebuilt // [] when every index was current, ['faq', 'products', 'answers', 'needs'] after a model change
 */
import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Encoder } from '../nlu/encoder.js';
import { embedMany } from '../nlu/embed-many.js';
import { ArtefactError, readJsonFile, sha256Text } from '../nlu/checksum.js';
import { DEFAULT_ANSWER_VALUES, DEFAULT_FUSION_GRID, faqQueryText, lexicalTokens, loadBackgroundSentences, HEAD_GRID, SHOPPER_FUSION_GRID, type AnswerValues } from '../nlu/index.js';
import { calibrateFaq, CALIBRATION_VERSION, type FaqCalibration } from './faq-calibration.js';
import { answerSentences, FaqMatcher } from './faq-matcher.js';
import { KnowledgeBase } from './knowledge-base.js';
import { deriveProductTypes } from './product-types.js';
import { categoriserTexts, QueryCategoriser } from './query-categoriser.js';
import { productText } from './schemas.js';
import type { CatalogStore, LabelledProduct } from './store.js';
import { IndexFormatError, VectorIndex, type VectorIndexOptions } from './vector-index.js';

export type IndexName = 'faq' | 'answers' | 'products' | 'needs';

export interface IndexProgress {
  index: IndexName;
  done: number;
  total: number;
}

export interface OpenKnowledgeBaseOptions {
  store: CatalogStore;
  encoder: Encoder;
  /** Where `<name>.hnsw` and `<name>.manifest.json` live. */
  indexDir: string;
  /** Rebuild even when the saved indexes are current. */
  force?: boolean;
  /** HNSW parameters for rebuilt indexes (see VectorIndex). */
  hnsw?: Partial<Omit<VectorIndexOptions, 'dimensions' | 'capacity'>>;
  onProgress?: (progress: IndexProgress) => void;
  /** Generic out-of-scope sentences for FAQ calibration. Default: nlu/data/background-sentences.txt. */
  backgroundSentences?: readonly string[];
  /** Share of BM25 in product scores (KnowledgeBase default when absent). */
  productLexicalWeight?: number;
  /** Shoppers' questions labelled with their entry (null: none): they set the answer threshold (catalog/faq-calibration.ts). */
  calibrationQueries?: readonly { text: string; faqId: string | null }[];
  /** What each outcome of an FAQ question is worth, for the calibration (FAQ_VALUE_*). Default DEFAULT_ANSWER_VALUES. */
  answerValues?: AnswerValues;
  /** Let calibration give the classifier head a share of the FAQ score (FAQ_CLASSIFIER_HEAD). Default off. */
  classifierHead?: boolean;
}

interface LabelledText {
  label: number;
  text: string;
}

export async function openKnowledgeBase(options: OpenKnowledgeBaseOptions): Promise<{ kb: KnowledgeBase; rebuilt: IndexName[] }> {
  const { store } = options;
  const phrasings = store.faqPhrasings();
  const products = store.labelledProducts();
  const rebuilt: IndexName[] = [];
  const faqIndex = await loadOrBuild('faq', phrasings, options, rebuilt);
  const productIndex = await loadOrBuild('products', productIndexTexts(products), options, rebuilt);
  const entries = store.faqEntries();
  const sentences = answerSentences(entries);
  const sentencesHash = hashSource(sentences.map((sentence) => ({ label: sentence.label, text: JSON.stringify(sentence) })));
  const answerIndex = await loadOrBuild('answers', sentences, options, rebuilt, sentencesHash);
  const faqMatcher = new FaqMatcher(faqIndex, entries, phrasings, lexicalTokens, { index: answerIndex, sentences });
  const faqCalibration = await loadOrCalibrate(faqMatcher, phrasings, sentencesHash, options);
  // The classifier head is not saved: a saved calibration's head is trained again on every phrasing
  // (deterministically, so it is the head calibration chose: under a second here).
  if (faqCalibration.weights.head > 0 && !faqMatcher.hasHead && faqMatcher.headTrainable) faqMatcher.useHead(faqMatcher.trainHead());
  // Query categorisation: the needs file, titles, descriptions and clicked queries, labelled by product type.
  const productTypes = deriveProductTypes(products.map(({ product }) => product));
  const { texts, unknownTypes } = categoriserTexts(products.map(({ product }) => product), productTypes, store.needs(), store.engagedQueries());
  if (unknownTypes.length) console.warn(`catalog: needs name types no product has, ignored: ${unknownTypes.join(', ')}`);
  const needsIndex = await loadOrBuild('needs', texts.map((t, label) => ({ label, text: t.text })), options, rebuilt, hashSource(texts.map((t, label) => ({ label, text: JSON.stringify(t) }))));
  const typesOfCategory = new Map<string, string[]>();
  for (const type of productTypes.types) if (type.category) typesOfCategory.set(type.category, [...(typesOfCategory.get(type.category) ?? []), type.name]);
  return {
    kb: new KnowledgeBase({
      faqMatcher, productIndex, products, faqCalibration, productTypes,
      categoriser: new QueryCategoriser(needsIndex, texts, typesOfCategory),
      ...(options.productLexicalWeight !== undefined ? { productLexicalWeight: options.productLexicalWeight } : {}),
    }),
    rebuilt,
  };
}

/**
 * The FAQ's calibration (fusion weights, answer threshold, clarify margin), reused from
 * `faq.calibration.json` while the index, model and background sentences are unchanged.
 */
async function loadOrCalibrate(
  matcher: FaqMatcher,
  phrasings: ReturnType<CatalogStore['faqPhrasings']>,
  sentencesHash: string,
  options: OpenKnowledgeBaseOptions,
): Promise<FaqCalibration> {
  // Scored as decide() searches the FAQ: in the help page's words (and keyed by them, so a
  // change to the idioms calibrates again).
  const backgroundTexts = (options.backgroundSentences ?? loadBackgroundSentences()).map(faqQueryText);
  // A question the model was fine-tuned on scores higher than a new shopper's will: it would set
  // a threshold that answers too boldly, so only questions the model has not seen calibrate it.
  const given = options.calibrationQueries ?? [];
  const unseen = given.filter((q) => !options.encoder.trainedOn.has(q.text));
  const labelled = unseen.map((q) => ({ ...q, text: faqQueryText(q.text) }));
  const values = options.answerValues ?? DEFAULT_ANSWER_VALUES;
  const head = (options.classifierHead ?? false) && matcher.headTrainable;
  // Everything the calibration reads, the grids it searches included.
  const key = createHash('sha256')
    .update(JSON.stringify([CALIBRATION_VERSION, options.encoder.modelHash, hashSource(phrasings), sentencesHash, DEFAULT_FUSION_GRID, SHOPPER_FUSION_GRID, HEAD_GRID, head, matcher.entries().map((e) => e.id), backgroundTexts, labelled, values, options.encoder.trainedOn.digest]))
    .digest('hex');
  const file = join(options.indexDir, 'faq.calibration.json');
  if (!options.force) {
    try {
      const saved = readCalibration(file);
      if (saved?.key === key) return saved.calibration;
    } catch (error) {
      console.warn(`catalog: calibrating the FAQ again: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const vectors = await embedMany(options.encoder, backgroundTexts, { batchSize: 32 });
  const labelledVectors = await embedMany(options.encoder, labelled.map((q) => q.text), { batchSize: 32 });
  const calibrated = calibrateFaq(matcher, backgroundTexts.map((text, i) => ({ vector: vectors[i]!, tokens: lexicalTokens(text) })), {
    shopperQueries: labelled.map((q, i) => ({ query: { vector: labelledVectors[i]!, tokens: lexicalTokens(q.text) }, faqId: q.faqId })),
    values,
    trainedOn: (text) => options.encoder.trainedOn.has(text),
    head,
    onHead: (trained) => matcher.useHead(trained),
  });
  const calibration = { ...calibrated, diagnostics: { ...calibrated.diagnostics, shopperQueriesTrainedOn: given.length - unseen.length } };
  mkdirSync(options.indexDir, { recursive: true });
  writeFileSync(`${file}.tmp`, `${JSON.stringify({ key, calibration, sha256: calibrationChecksum(key, calibration) }, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
  return calibration;
}

/**
 * The calibration describes no other file, so its checksum covers its own content (key and
 * calibration as JSON, which round-trips numbers exactly): a byte flipped in a threshold would
 * otherwise change every answer decision silently.
 */
function calibrationChecksum(key: string, calibration: FaqCalibration): string {
  return sha256Text(JSON.stringify({ key, calibration }));
}

/** The saved calibration, undefined when there is none; an ArtefactError naming the file when it cannot be trusted. */
function readCalibration(file: string): { key: string; calibration: FaqCalibration } | undefined {
  const saved = readJsonFile(file, { noFollow: true }) as { key?: unknown; calibration?: unknown; sha256?: unknown } | null | undefined;
  if (saved === undefined) return undefined;
  if (typeof saved !== 'object' || saved === null || typeof saved.key !== 'string' || typeof saved.calibration !== 'object' || saved.calibration === null) {
    throw new ArtefactError(file, 'is not an FAQ calibration (expected {key, calibration, sha256})');
  }
  if (typeof saved.sha256 !== 'string') throw new ArtefactError(file, 'records no checksum (written before checksums were kept)');
  const calibration = saved.calibration as FaqCalibration;
  if (calibrationChecksum(saved.key, calibration) !== saved.sha256) throw new ArtefactError(file, 'its content differs from the sha256 recorded when it was written (damaged or edited)');
  return { key: saved.key, calibration };
}

async function loadOrBuild(
  name: IndexName,
  items: readonly LabelledText[],
  options: OpenKnowledgeBaseOptions,
  rebuilt: IndexName[],
  /** What the index depends on, when more than the texts (labels that carry meaning). */
  sourceHash = hashSource(items),
): Promise<VectorIndex> {
  const { encoder, indexDir } = options;
  if (!options.force) {
    try {
      return VectorIndex.load(indexDir, name, { dimensions: encoder.dimensions, modelHash: encoder.modelHash, modelId: encoder.modelId, sourceHash }).index;
    } catch (error) {
      // Stale (another model, other texts, an older format) is routine and rebuilt quietly. A
      // damaged, unreadable or unverifiable file is rebuilt from the store, the source of truth,
      // and said, naming the file (ArtefactError's message) and why.
      if (!(error instanceof IndexFormatError)) console.warn(`catalog: rebuilding the ${name} index: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const index = await buildIndex(name, items, encoder, options);
  index.save(indexDir, { name, modelId: encoder.modelId, modelHash: encoder.modelHash, sourceHash });
  rebuilt.push(name);
  return index;
}

export async function buildIndex(
  name: IndexName,
  items: readonly LabelledText[],
  encoder: Encoder,
  options: Pick<OpenKnowledgeBaseOptions, 'hnsw' | 'onProgress'> = {},
): Promise<VectorIndex> {
  const index = VectorIndex.create({ ...options.hnsw, dimensions: encoder.dimensions, capacity: items.length });
  options.onProgress?.({ index: name, done: 0, total: items.length });
  const vectors = await embedMany(
    encoder,
    items.map((item) => item.text),
    { batchSize: 32, onProgress: (done, total) => options.onProgress?.({ index: name, done, total }) },
  );
  vectors.forEach((vector, i) => index.add(items[i]!.label, vector));
  return index;
}

/** What the product index embeds: each product's text under its row id. */
function productIndexTexts(products: readonly LabelledProduct[]): LabelledText[] {
  return products.map(({ label, product }) => ({ label, text: productText(product) }));
}

/**
 * Saves a product index changed in place (products upserted or deleted live) with the manifest a
 * fresh build of `products` would have, so the next start loads it instead of rebuilding.
 */
export function saveProductIndex(index: VectorIndex, products: readonly LabelledProduct[], encoder: Encoder, indexDir: string): void {
  index.save(indexDir, { name: 'products', modelId: encoder.modelId, modelHash: encoder.modelHash, sourceHash: hashSource(productIndexTexts(products)) });
}

function hashSource(items: readonly LabelledText[]): string {
  const hash = createHash('sha256');
  for (const item of items) hash.update(`${item.label}\u0000${item.text}\u0001`);
  return hash.digest('hex');
}
