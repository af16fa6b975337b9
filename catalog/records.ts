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
  const rows = parseCsvRows(text);
  if (rows.length === 0) return [];
  if (rows[0]!.error) throw new RecordFormatError(`the CSV header: ${rows[0]!.error}`, 1);
  const header = rows[0]!.cells.map((cell) => cell.trim());
  if (!header.includes('id')) throw new RecordFormatError('the CSV header must have an "id" column', 1);
  return rows.slice(1).flatMap(({ line, cells, error }): SourceRecord[] => {
    if (error) return [{ line, error }];
    if (cells.length === 1 && cells[0]!.trim() === '') return [];
    if (cells.length !== header.length) {
      return [{ line, error: `expected ${header.length} columns as in the header, found ${cells.length}` }];
    }
    try {
      return [{ line, value: csvRowToObject(header, cells) }];
    } catch (error) {
      return [{ line, error: (error as Error).message }];
    }
  });
}

function csvRowToObject(header: string[], cells: string[]): Record<string, unknown> {
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

/** A row that cannot be read, reported by its first line; the rows from the next line on are read afresh. */
function badRow(text: string, rowStart: number, rowLine: number, error: string): { line: number; cells: string[]; error?: string }[] {
  const end = text.indexOf('\n', rowStart);
  return [{ line: rowLine, cells: [], error }, ...(end < 0 ? [] : parseCsvRows(text.slice(end + 1), rowLine + 1))];
}

/** A price as a shop's CSV writes one: digits, an optional decimal part. */
const DECIMAL = /^\d+(?:\.\d+)?$/;

/**
 * RFC 4180: quoted fields may hold commas, doubled quotes and newlines. Rows keep the line they start on.
 * A quote left open to the end of the file spoils only its own row: that row is given back with
 * `error` (as the line it starts on), and reading goes on from the line after it.
 */
export function parseCsvRows(text: string, firstLine = 1): { line: number; cells: string[]; error?: string }[] {
  const rows: { line: number; cells: string[]; error?: string }[] = [];
  let cells: string[] = [];
  let cell = '';
  let inQuotes = false;
  let line = firstLine;
  let rowLine = firstLine;
  let rowStart = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (inQuotes) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') {
        inQuotes = false;
        // A closing quote runs into more text ('"Broken title,7 ... "Quoted'): the quote that opened it
        // was a stray one. Its row is bad; read on from the line after the row began.
        // (Spaces after the quote are tolerated, as before: '"a" ,b'.)
        const next = /[^ \t]/.exec(text.slice(i + 1, i + 64))?.[0];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') return [...rows, ...badRow(text, rowStart, rowLine, `a quoted field starting on line ${rowLine} is not closed where its cell ends`)];
      } else {
        if (char === '\n') line++;
        cell += char;
      }
    } else if (char === '"' && cell.trim() === '') {
      inQuotes = true;
      cell = '';
    } else if (char === ',') {
      cells.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      rows.push({ line: rowLine, cells });
      cells = [];
      cell = '';
      line++;
      rowLine = line;
      rowStart = i + 1;
    } else cell += char;
  }
  if (inQuotes) return [...rows, ...badRow(text, rowStart, rowLine, `unterminated quoted field starting on line ${rowLine}`)];
  if (cell !== '' || cells.length > 0) {
    cells.push(cell);
    rows.push({ line: rowLine, cells });
  }
  return rows;
}
