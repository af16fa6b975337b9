/**
 * Reads records from JSON (an array), NDJSON/JSONL (one object per line) or CSV, keeping
 * the line each record starts on so a bad row can be reported by line number.
 *
 *   readRecords('[{"id":"a"},\n {"id":"b"}]', 'json') // [{line:1, value:{id:'a'}}, {line:2, value:{id:'b'}}]
 *
 * CSV conventions (a header row names the fields): `price` is a number, `inStock` true/false,
 * list fields (`questions`, `tags`, `followUps`, and a need's `needs` and `gift`) are `|`-separated, `attributes` is a JSON
 * object or the columns `attributes.size`, `attributes.colour`, ... each give one attribute.
 */
import { parse as parseCsv } from 'csv-parse/sync';

export type RecordFormat = 'json' | 'ndjson' | 'csv';

export interface SourceRecord {
  line: number;
  /** The parsed object, or undefined when the row itself could not be parsed. */
  value?: unknown;
  /** Why the row could not be parsed. */
  error?: string;
}

export class RecordFormatError extends Error {
  constructor(message: string, readonly line?: number) {
    super(`catalog: ${message}`);
    this.name = 'RecordFormatError';
  }
}

export function detectFormat(fileName: string, content: string): RecordFormat {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.ndjson') || lower.endsWith('.jsonl')) return 'ndjson';
  if (lower.endsWith('.json')) return 'json';
  const first = content.trimStart()[0];
  if (first === '[') return 'json';
  if (first === '{') return 'ndjson';
  return 'csv';
}

export function readRecords(content: string, format: RecordFormat): SourceRecord[] {
  const text = content.replace(/^\uFEFF/, '');
  switch (format) {
    case 'json':
      return readJsonArray(text);
    case 'ndjson':
      return readNdjson(text);
    case 'csv':
      return readCsv(text);
  }
}

function readNdjson(text: string): SourceRecord[] {
  const records: SourceRecord[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    if (raw.trim() === '') return;
    try {
      records.push({ line: index + 1, value: JSON.parse(raw) });
    } catch (error) {
      records.push({ line: index + 1, error: `invalid JSON: ${(error as Error).message}` });
    }
  });
  return records;
}

function readJsonArray(text: string): SourceRecord[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new RecordFormatError(`invalid JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(parsed)) throw new RecordFormatError('a JSON file must hold an array of records');
  const lines = arrayElementLines(text);
  return parsed.map((value, index) => ({ line: lines[index] ?? 1, value }));
}

/** Line on which each top-level array element starts (JSON.parse keeps no positions). */
function arrayElementLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let expectingValue = false;
  for (const char of text) {
    if (char === '\n') line++;
    if (inString) {
      if (escaped) escaped = false;
      else if (char === '\\') escaped = true;
      else if (char === '"') inString = false;
      continue;
    }
    if (depth === 1 && expectingValue && !/[\s,\]]/.test(char)) {
      lines.push(line);
      expectingValue = false;
    }
    if (char === '"') inString = true;
    else if (char === '[' || char === '{') {
      depth++;
      if (depth === 1) expectingValue = true;
    } else if (char === ']' || char === '}') depth--;
    else if (char === ',' && depth === 1) expectingValue = true;
  }
  return lines;
}

const LIST_FIELDS = new Set(['questions', 'tags', 'followUps', 'needs', 'gift']);

function readCsv(text: string): SourceRecord[] {
  const reader = new CsvRecordReader();
  const records: SourceRecord[] = [];
  const rows = parseCsv(text.replace(/\r\n/g, '\n'), reader.parserOptions((skipped) => records.push(skipped))) as unknown as CsvRow[];
  // Skipped rows are reported as csv-parse meets them, before the rows after them: merged here by line.
  for (const row of rows) {
    const record = reader.record(row);
    if (record) records.push(record);
  }
  return records.sort((a, b) => a.line - b.line);
}

/** A row as csv-parse gives it with `info` and `raw`. */
export interface CsvRow {
  record: string[];
  info: { lines: number };
  raw: string;
}

/**
 * The line a row starts on: csv-parse counts to its end, and its raw text holds its newlines (and
 * blank lines before it). CRLF is read as LF before parsing: csv-parse counts a CRLF inside quotes as
 * two lines.
 */
function startLine(endLine: number, raw: string): number {
  const body = raw.replace(/\r?\n$/, '').replace(/^(?:\r?\n)+/, '');
  return endLine - (body.match(/\n/g)?.length ?? 0);
}

/**
 * CSV rows to records, one at a time, for both the whole-text reader (`readRecords`) and the
 * streamed one (catalog/record-stream.ts). The grammar (RFC 4180: quoted commas, doubled quotes,
 * newlines in quotes, a BOM, CRLF) is csv-parse's. A row it cannot read (a quote that does not close
 * where its cell ends) is reported by the line it starts on, with the lines it swallowed, and reading
 * goes on after them: one bad quote rejects its rows, not the file.
 */
export class CsvRecordReader {
  private header: string[] | undefined;

  parserOptions(onSkipped: (record: SourceRecord) => void) {
    return {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      skip_records_with_error: true,
      info: true,
      raw: true,
      on_skip: (error: { code?: string; lines?: unknown; message: string } | undefined, raw: string | undefined) => {
        const end = typeof error?.lines === 'number' ? error.lines : 0;
        const line = startLine(end, raw ?? '');
        // A header that cannot be read is the whole file's problem.
        if (line <= 1) throw new RecordFormatError(`the CSV header: ${describeCsvError(error, line, end)}`, 1);
        onSkipped({ line, error: describeCsvError(error, line, end) });
        return undefined;
      },
    };
  }

  /** The record of a row csv-parse read; undefined for the header. */
  record(row: CsvRow): SourceRecord | undefined {
    const line = startLine(row.info.lines, row.raw);
    const cells = row.record;
    if (!this.header) {
      this.header = cells.map((cell) => cell.trim());
      if (!this.header.includes('id')) throw new RecordFormatError('the CSV header must have an "id" column', 1);
      return undefined;
    }
    if (cells.length === 1 && cells[0]!.trim() === '') return undefined;
    if (cells.length !== this.header.length) return { line, error: `expected ${this.header.length} columns as in the header, found ${cells.length}` };
    try {
      return { line, value: csvRowToObject(this.header, cells) };
    } catch (error) {
      return { line, error: (error as Error).message };
    }
  }

}

function describeCsvError(error: { code?: string; message: string } | undefined, line: number, end: number): string {
  const span = end > line ? ` (lines ${line}-${end} are that one row, rejected)` : '';
  if (error?.code === 'CSV_QUOTE_NOT_CLOSED') return `a quoted field starting on line ${line} is never closed${span}`;
  if (error?.code === 'CSV_INVALID_CLOSING_QUOTE') return `a quoted field starting on line ${line} is not closed where its cell ends${span}`;
  return `unreadable CSV row: ${error?.message ?? 'unknown error'}`;
}

export function csvRowToObject(header: string[], cells: string[]): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  const attributes: Record<string, string> = {};
  header.forEach((name, i) => {
    const cell = cells[i]!.trim();
    if (cell === '') return;
    if (name.startsWith('attributes.')) attributes[name.slice('attributes.'.length)] = cell;
    else if (name === 'attributes') Object.assign(attributes, parseAttributesCell(cell));
    // Only a decimal number is a price: Number() would read "0x10" as 16 and "1e3" as 1000. Anything else
    // stays text, which the schema then refuses with the row's line.
    else if (name === 'price') record.price = DECIMAL.test(cell) ? Number(cell) : cell;
    else if (name === 'inStock') record.inStock = /^(true|yes|1)$/i.test(cell) ? true : /^(false|no|0)$/i.test(cell) ? false : cell;
    else if (LIST_FIELDS.has(name)) record[name] = cell.split('|').map((part) => part.trim()).filter(Boolean);
    else record[name] = cell;
  });
  if (Object.keys(attributes).length > 0) record.attributes = attributes;
  return record;
}

function parseAttributesCell(cell: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(cell);
  } catch {
    throw new Error('attributes: must be a JSON object such as {"colour":"blue"}');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('attributes: must be a JSON object');
  return Object.fromEntries(
    Object.entries(parsed).map(([k, v]) => {
      // A nested value would be stored as "[object Object]": refused, naming the attribute.
      if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') throw new Error(`attributes.${k}: must be text, a number or true/false, got ${v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v}`);
      return [k, String(v)];
    }),
  );
}

/** A price as a shop's CSV writes one: digits, an optional decimal part. */
const DECIMAL = /^\d+(?:\.\d+)?$/;
