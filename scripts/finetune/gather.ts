/**
 * The training rows `npm run finetune` hands the trainer: bi-encoder pairs from the files
 * given (--pairs, --faq, --needs) and the store (--from-data), or the click model's logged
 * impressions (--ctr). Every input is checked first: a bad file stops the run with every bad
 * row and its line, so nothing is ever trained on half a file.
 *
 *   const set = gatherBiEncoderPairs({ fromData: true }, { dataDir, databasePath });
 *   set.counts // { faq: 900, catalog: 1200, needs: 2952, transcripts: 4, clicks: 31 }
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  CatalogStore,
  deriveProductTypes,
  detectFormat,
  productText,
  readRecords,
  RecordFormatError,
  validateRecords,
  type FaqEntry,
  type Need,
  type Product,
} from '../../catalog/index.js';
import {
  catalogPairs,
  clickPairs,
  faqPairs,
  needPairs,
  parsePairRows,
  resolvePairRows,
  withAlsoGroups,
  type PairSource,
  type TrainingPair,
} from './pairs.js';

/** A problem with what the user asked for: the CLI prints it with the usage and exits 2. */
export class UsageError extends Error {}

export interface StoreLocation {
  dataDir: string;
  databasePath: string;
}

export interface BiEncoderSources {
  /** JSONL `{query, positive}` / `{query, faqId}` rows. */
  pairsFile?: string | undefined;
  /** An FAQ file (as `npm run ingest -- --faq` reads): few-shot pairs, and the entries `faqId` rows name. */
  faqFile?: string | undefined;
  /** A needs file (as `npm run ingest -- --needs` reads), paired with the store's products; replaces the store's needs. */
  needsFile?: string | undefined;
  /** The store's FAQ, catalog, needs, reviewed answers and clicked queries. */
  fromData?: boolean | undefined;
}

export interface TrainingSet {
  task: 'bi' | 'ctr';
  rows: object[];
  counts: Partial<Record<PairSource | 'impressions' | 'clicks', number>>;
}

export function openStore(location: StoreLocation, option: string): CatalogStore {
  if (!existsSync(location.databasePath)) {
    throw new UsageError(`${option}: no store at ${location.databasePath} (DATA_DIR=${location.dataDir}); run \`npm start\` or \`npm run ingest\` first`);
  }
  return CatalogStore.open(location.databasePath);
}

/** A file's records, checked as `npm run ingest` checks them, each with its line; any bad record stops the run. */
function readRecordFile(kind: 'faq' | 'needs', path: string): { record: FaqEntry | Need; line: number }[] {
  const option = `--${kind}`;
  const noun = kind === 'faq' ? 'FAQ entries' : 'needs';
  if (!existsSync(path)) throw new UsageError(`${option} ${path}: no such file`);
  const content = readFileSync(path, 'utf8');
  const format = detectFormat(basename(path), content);
  try {
    const { accepted, rejected } = validateRecords(kind, content, format);
    if (rejected.length) {
      throw new UsageError(`${option} ${path}: ${rejected.length} bad ${kind === 'faq' ? 'entries' : 'needs'}, nothing trained:\n  ${rejected.slice(0, 20).map((row) => `line ${row.line}: ${row.reason}`).join('\n  ')}`);
    }
    if (!accepted.length) throw new UsageError(`${option} ${path}: no ${noun}`);
    // Ids are unique once validated: an id's first line is its record's line.
    const lines = new Map<string, number>();
    for (const { line, value } of readRecords(content, format)) {
      const id = (value as { id?: unknown } | undefined)?.id;
      if (typeof id === 'string' && !lines.has(id.trim())) lines.set(id.trim(), line);
    }
    return accepted.map((record) => ({ record: record as FaqEntry | Need, line: lines.get(record.id) ?? 0 }));
  } catch (error) {
    if (error instanceof RecordFormatError) throw new UsageError(`${option} ${path}: ${error.message}`);
    throw error;
  }
}

export function readFaqFile(path: string): FaqEntry[] {
  return readRecordFile('faq', path).map(({ record }) => record as FaqEntry);
}

/** A needs file's records with their lines. */
export function readNeedsFile(path: string): { need: Need; line: number }[] {
  return readRecordFile('needs', path).map(({ record, line }) => ({ need: record as Need, line }));
}

export function gatherBiEncoderPairs(sources: BiEncoderSources, location: StoreLocation, warn: (message: string) => void = console.warn): TrainingSet {
  const pairs: TrainingPair[] = [];
  const fileEntries = sources.faqFile ? readFaqFile(sources.faqFile) : undefined;
  const fileNeeds = sources.needsFile ? readNeedsFile(sources.needsFile) : undefined;
  let store: CatalogStore | undefined;
  let productNeeds = new Map<string, string[]>();
  try {
    if (sources.pairsFile) {
      const file = sources.pairsFile;
      if (!existsSync(file)) throw new UsageError(`--pairs ${file}: no such file`);
      const { rows, errors } = parsePairRows(readFileSync(file, 'utf8'));
      if (errors.length) throw new UsageError(`--pairs ${file}: ${errors.length} bad rows, nothing trained:\n  ${errors.slice(0, 20).map((e) => e.message).join('\n  ')}`);
      if (!rows.length) throw new UsageError(`--pairs ${file}: no rows`);
      const needsEntries = rows.some(({ row }) => 'faqId' in row);
      let entries = fileEntries;
      if (needsEntries && !entries) {
        store = openStore(location, '--pairs');
        entries = store.faqEntries();
      }
      try {
        pairs.push(...resolvePairRows(rows, new Map((entries ?? []).map((entry) => [entry.id, entry])), 'pairs'));
      } catch (error) {
        throw new UsageError(`--pairs ${file}: ${error instanceof Error ? error.message : String(error)}`);
      }
    } else if (fileEntries) {
      pairs.push(...faqPairs(fileEntries));
    }
    let products: Map<string, Product> | undefined;
    const storeProducts = (option: string): Map<string, Product> => {
      store ??= openStore(location, option);
      return (products ??= new Map(store.labelledProducts().map(({ product }) => [product.id, product])));
    };
    if (sources.fromData) {
      const byId = storeProducts('--from-data');
      const entries = store!.faqEntries();
      pairs.push(...faqPairs(entries));
      pairs.push(...catalogPairs([...byId.values()]));
      const reviewed = store!.reviewedAnswers().map((review, i) => ({ line: i + 1, row: { query: review.query, faqId: review.faqId } }));
      const known = new Map(entries.map((entry) => [entry.id, entry]));
      // A review may name an entry deleted since; it is skipped rather than failing the run.
      pairs.push(...resolvePairRows(reviewed.filter(({ row }) => known.has(row.faqId)), known, 'transcripts'));
      const textOf = (id: string) => {
        const product = byId.get(id);
        return product ? productText(product) : undefined;
      };
      pairs.push(...clickPairs(store!.engagedQueries(), textOf));
      // A reviewer's right product for a request (a product deleted since is skipped).
      pairs.push(...clickPairs(store!.reviewedProducts(), textOf, 'product-reviews'));
    }
    if (fileNeeds || sources.fromData) {
      // Products come from the store either way; the needs from the file when one is given.
      const catalog = [...storeProducts(fileNeeds ? '--needs' : '--from-data').values()];
      const needs = fileNeeds ? fileNeeds.map(({ need }) => need) : store!.needs();
      const result = needPairs(needs, catalog, deriveProductTypes(catalog));
      if (result.unmatched.length && fileNeeds) {
        const lineOf = new Map(fileNeeds.map(({ need, line }) => [need, line]));
        throw new UsageError(
          `--needs ${sources.needsFile}: ${result.unmatched.length} needs match no product in the store, nothing trained:\n  ` +
            result.unmatched.slice(0, 20).map((need) => `line ${lineOf.get(need)}: ${unmatchedReason(need)}`).join('\n  '),
        );
      }
      if (result.unmatched.length) warn(`finetune: needs that no product meets, skipped: ${result.unmatched.map(unmatchedReason).join('; ')}`);
      pairs.push(...result.pairs);
      productNeeds = result.productNeeds;
    }
  } finally {
    store?.close();
  }
  if (!pairs.length) throw new UsageError('no training pairs: the FAQ has no entry with two phrasings, and no other source gave any');
  const counts: TrainingSet['counts'] = {};
  for (const pair of pairs) counts[pair.source] = (counts[pair.source] ?? 0) + 1;
  // A product's catalog and click texts answer its needs too: never a negative for their phrases.
  const rows = withAlsoGroups(pairs, productNeeds).map(({ query, positive, group, also }) => ({ query, positive, group, ...(also ? { also } : {}) }));
  return { task: 'bi', rows, counts };
}

function unmatchedReason(need: Need): string {
  return need.type ? `need "${need.id}": no product is of type "${need.type}"` : `need "${need.id}": no product is in category "${need.category}"`;
}

export function gatherImpressions(location: StoreLocation): TrainingSet {
  const store = openStore(location, '--from-data');
  try {
    const products = new Map(store.labelledProducts().map(({ product }) => [product.id, product]));
    const rows = store
      .labelledImpressions()
      .filter((impression) => products.has(impression.productId))
      .map(({ query, productId, clicked }) => ({ query, text: productText(products.get(productId)!), label: clicked ? 1 : 0 }));
    const clicks = rows.filter((row) => row.label === 1).length;
    if (!rows.length || clicks === 0 || clicks === rows.length) {
      throw new UsageError(
        `--ctr needs logged impressions with and without clicks; the store has ${rows.length} impressions, ${clicks} clicked. ` +
          'Shoppers create them by chatting; `npm run demo:clicks` writes a synthetic log for trying it out.',
      );
    }
    return { task: 'ctr', rows, counts: { impressions: rows.length, clicks } };
  } finally {
    store.close();
  }
}
