/**
 * Ingestion: file -> records -> validated rows -> upsert. Every bad row is reported with
 * its line and reason; the good rows are kept; rows already stored stay as they were.
 *
 *   ingestFile(store, 'products', 'demo/products.json')
 *   // { format: 'json', total: 1200, inserted: 1200, updated: 0, unchanged: 0, rejected: [] }
 *   await ingestStream(store, 'products', createReadStream('big.csv'), 'csv')  // the same report, read row by row
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { readRecordStream, type RecordStreamOptions } from './record-stream.js';
import { detectFormat, readRecords, type RecordFormat, type SourceRecord } from './records.js';
import { MAX_PHRASING_LENGTH, missingPhrasings, parseFaqEntry, parseNeed, parseProduct, type FaqEntry, type Need, type Product, type Validation } from './schemas.js';
import type { CatalogStore, UpsertCounts } from './store.js';

export type IngestKind = 'products' | 'faq' | 'needs';

export interface RejectedRow {
  line: number;
  id?: string;
  reason: string;
}

export interface IngestReport extends UpsertCounts {
  kind: IngestKind;
  format: RecordFormat;
  total: number;
  rejected: RejectedRow[];
}

export function ingestFile(store: CatalogStore, kind: IngestKind, path: string): IngestReport {
  const content = readFileSync(path, 'utf8');
  return ingestText(store, kind, content, detectFormat(basename(path), content));
}

export function ingestText(store: CatalogStore, kind: IngestKind, content: string, format: RecordFormat): IngestReport {
  const { accepted, rejected, total } = validateRecords(kind, content, format);
  const counts =
    kind === 'products' ? store.upsertProducts(accepted as Product[]) : kind === 'faq' ? store.upsertFaq(accepted as FaqEntry[]) : store.upsertNeeds(accepted as Need[]);
  return { kind, format, total, rejected, ...counts };
}

/**
 * Reads and validates a file's rows without storing them: the valid rows, and every bad
 * one (unreadable, invalid, or a repeated id) with its line and reason.
 */
export function validateRecords(kind: 'faq', content: string, format: RecordFormat): { accepted: FaqEntry[]; rejected: RejectedRow[]; total: number };
export function validateRecords(kind: IngestKind, content: string, format: RecordFormat): { accepted: (Product | FaqEntry | Need)[]; rejected: RejectedRow[]; total: number };
export function validateRecords(kind: IngestKind, content: string, format: RecordFormat) {
  const records = readRecords(content, format);
  const validator = new RowValidator(kind);
  const rejected: RejectedRow[] = [];
  const accepted: (Product | FaqEntry | Need)[] = [];
  for (const record of records) {
    const checked = validator.check(record);
    if ('rejected' in checked) rejected.push(checked.rejected);
    else accepted.push(checked.value);
  }
  return { accepted, rejected, total: records.length };
}

/** One row at a time: unreadable, invalid, or an id already seen in this file is rejected with its line and reason. */
export class RowValidator {
  private readonly seen = new Map<string, number>();
  private readonly validate: (input: unknown) => Validation<Product | FaqEntry | Need>;

  constructor(kind: IngestKind) {
    this.validate = kind === 'products' ? parseProduct : kind === 'faq' ? parseFaqEntry : parseNeed;
  }

  check(record: SourceRecord): { value: Product | FaqEntry | Need } | { rejected: RejectedRow } {
    if (record.error !== undefined) return { rejected: { line: record.line, reason: record.error } };
    const result = this.validate(record.value);
    const rawId = (record.value as { id?: unknown } | null)?.id;
    const id = typeof rawId === 'string' ? rawId : undefined;
    if (!result.ok) return { rejected: { line: record.line, ...(id ? { id: id.slice(0, 200) } : {}), reason: result.reason } };
    const firstLine = this.seen.get(result.value.id);
    if (firstLine !== undefined) return { rejected: { line: record.line, id: result.value.id, reason: `duplicate id, first seen on line ${firstLine}` } };
    this.seen.set(result.value.id, record.line);
    return { value: result.value };
  }
}

export interface StreamIngestOptions extends RecordStreamOptions {
  /** Rows written per transaction. Default 1000. */
  batchSize?: number;
  /** Hears each row added or changed (before undefined for a new one), inside its batch's transaction: an audit log writes here. */
  onChange?: (before: Product | FaqEntry | Need | undefined, after: Product | FaqEntry | Need) => void;
  /** After each batch is committed, with the rows it added or changed: a live index updates here. */
  afterBatch?: (changed: (Product | FaqEntry | Need)[]) => Promise<void> | void;
}

/**
 * Reads, validates and stores a stream batch by batch: memory holds one batch and the ids seen
 * (to refuse a repeated one), never the file. Each batch is one transaction; the rows of the
 * batches before a failure stay stored.
 */
export async function ingestStream(store: CatalogStore, kind: IngestKind, input: AsyncIterable<string | Buffer>, format: RecordFormat, options: StreamIngestOptions = {}): Promise<IngestReport> {
  const validator = new RowValidator(kind);
  const batchSize = options.batchSize ?? 1000;
  const report: IngestReport = { kind, format, total: 0, inserted: 0, updated: 0, unchanged: 0, rejected: [] };
  let batch: (Product | FaqEntry | Need)[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const changed: (Product | FaqEntry | Need)[] = [];
    const heard = (before: Product | FaqEntry | Need | undefined, after: Product | FaqEntry | Need) => {
      changed.push(after);
      options.onChange?.(before, after);
    };
    const counts =
      kind === 'products' ? store.upsertProducts(batch as Product[], heard) : kind === 'faq' ? store.upsertFaq(batch as FaqEntry[], heard) : store.upsertNeeds(batch as Need[]);
    report.inserted += counts.inserted;
    report.updated += counts.updated;
    report.unchanged += counts.unchanged;
    batch = [];
    if (changed.length) await options.afterBatch?.(changed);
  };
  for await (const record of readRecordStream(input, format, options)) {
    report.total++;
    const checked = validator.check(record);
    if ('rejected' in checked) report.rejected.push(checked.rejected);
    else batch.push(checked.value);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  return report;
}

export interface PhrasingsReport {
  format: RecordFormat;
  total: number;
  /** Questions added to their entries. */
  added: number;
  /** Questions an entry already had (compared ignoring case and surrounding space), or repeated in the file. */
  known: number;
  /** Entries that gained a phrasing. */
  entries: number;
  rejected: RejectedRow[];
}

/**
 * Labelled questions `{query, faqId}` (the rows `npm run finetune -- --pairs` reads) added to
 * their FAQ entries as phrasings: each becomes a neighbour that a new question can match, which
 * on BANKING77 did more than fine-tuning on the same pairs (README "Which model, measured").
 * A row naming an entry the store lacks, or without a question, is rejected with its line;
 * the valid rows are stored in one transaction.
 */
export function ingestPhrasings(store: CatalogStore, content: string, format: RecordFormat): PhrasingsReport {
  const records = readRecords(content, format);
  const rejected: RejectedRow[] = [];
  const questionsOf = new Map<string, { entry: FaqEntry; questions: string[] }>();
  for (const record of records) {
    if (record.error !== undefined) {
      rejected.push({ line: record.line, reason: record.error });
      continue;
    }
    const { query, faqId } = (record.value ?? {}) as { query?: unknown; faqId?: unknown };
    const id = typeof faqId === 'string' ? faqId.trim() : '';
    if (!id) {
      rejected.push({ line: record.line, reason: 'faqId: must name an FAQ entry' });
      continue;
    }
    const text = typeof query === 'string' ? query.trim() : '';
    if (!text || text.length > MAX_PHRASING_LENGTH) {
      rejected.push({ line: record.line, id: id.slice(0, 200), reason: `query: must be a question of 1 to ${MAX_PHRASING_LENGTH} characters` });
      continue;
    }
    let group = questionsOf.get(id);
    if (!group) {
      const entry = store.getFaqEntry(id);
      if (!entry) {
        rejected.push({ line: record.line, id: id.slice(0, 200), reason: 'faqId: no FAQ entry has this id' });
        continue;
      }
      group = { entry, questions: [] };
      questionsOf.set(id, group);
    }
    group.questions.push(text);
  }
  let added = 0;
  let known = 0;
  const changed: FaqEntry[] = [];
  for (const { entry, questions } of questionsOf.values()) {
    const missing = missingPhrasings(entry.questions, questions);
    added += missing.length;
    known += questions.length - missing.length;
    if (missing.length) changed.push({ ...entry, questions: [...entry.questions, ...missing] });
  }
  store.upsertFaq(changed);
  return { format, total: records.length, added, known, entries: changed.length, rejected };
}
