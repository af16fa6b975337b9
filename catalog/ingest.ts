/**
 * Ingestion: file -> records -> validated rows -> upsert. Every bad row is reported with
 * its line and reason; the good rows are kept; rows already stored stay as they were.
 *
 *   ingestFile(store, 'products', 'demo/products.json')
 *   // { format: 'json', total: 1200, inserted: 1200, updated: 0, unchanged: 0, rejected: [] }
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { detectFormat, readRecords, type RecordFormat } from './records.js';
import { parseFaqEntry, parseNeed, parseProduct, type FaqEntry, type Need, type Product, type Validation } from './schemas.js';
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
  const rejected: RejectedRow[] = [];
  const seen = new Map<string, number>();
  const accepted: (Product | FaqEntry | Need)[] = [];
  const validate: (input: unknown) => Validation<Product | FaqEntry | Need> = kind === 'products' ? parseProduct : kind === 'faq' ? parseFaqEntry : parseNeed;
  for (const record of records) {
    if (record.error !== undefined) {
      rejected.push({ line: record.line, reason: record.error });
      continue;
    }
    const result = validate(record.value);
    const rawId = (record.value as { id?: unknown } | null)?.id;
    const id = typeof rawId === 'string' ? rawId : undefined;
    if (!result.ok) {
      rejected.push({ line: record.line, ...(id ? { id } : {}), reason: result.reason });
      continue;
    }
    const firstLine = seen.get(result.value.id);
    if (firstLine !== undefined) {
      rejected.push({ line: record.line, id: result.value.id, reason: `duplicate id, first seen on line ${firstLine}` });
      continue;
    }
    seen.set(result.value.id, record.line);
    accepted.push(result.value);
  }
  return { accepted, rejected, total: records.length };
}
