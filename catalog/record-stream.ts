/**
 * Records read from a stream (a file, an HTTP upload) as they arrive, so a file of a million rows
 * never sits in memory whole: CSV through csv-parse, NDJSON line by line. A JSON array is one value,
 * read whole up to `maxJsonBytes` (the answer to a bigger one says to send NDJSON or CSV).
 *
 *   for await (const record of readRecordStream(createReadStream('products.csv'), 'csv')) ...
 *   // { line: 2, value: { id: 'p1', ... } }, { line: 3, error: 'expected 5 columns ...' }, ...
 *
 * Rows come in file order, each with the line it starts on, as `readRecords` gives them.
 */
import { StringDecoder } from 'node:string_decoder';
import { parse } from 'csv-parse';
import { CsvRecordReader, readRecords, RecordFormatError, type CsvRow, type RecordFormat, type SourceRecord } from './records.js';

export interface RecordStreamOptions {
  /** The largest JSON array read (whole). Default 64 MB. */
  maxJsonBytes?: number;
  /** The longest NDJSON line read; a longer one is reported by its line and skipped. Default 1 MB. */
  maxLineBytes?: number;
}

export async function* readRecordStream(input: AsyncIterable<string | Buffer>, format: RecordFormat, options: RecordStreamOptions = {}): AsyncGenerator<SourceRecord> {
  if (format === 'csv') yield* readCsvStream(input);
  else if (format === 'ndjson') yield* readNdjsonStream(input, options.maxLineBytes ?? 1024 * 1024);
  else yield* readRecords(await readWhole(input, options.maxJsonBytes ?? 64 * 1024 * 1024), 'json');
}

async function readWhole(input: AsyncIterable<string | Buffer>, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of input) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    bytes += buffer.length;
    if (bytes > maxBytes) throw new RecordFormatError(`a JSON array is read whole, up to ${Math.round(maxBytes / 1024 / 1024)} MB: send a bigger file as NDJSON or CSV, which are read row by row`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function* readCsvStream(input: AsyncIterable<string | Buffer>): AsyncGenerator<SourceRecord> {
  const reader = new CsvRecordReader();
  const skipped: SourceRecord[] = [];
  const parser = parse(reader.parserOptions((record) => skipped.push(record)));
  // Feed the parser from the input; its errors (a header that cannot be read) end the iteration below.
  const decoder = new StringDecoder('utf8');
  const feeding = (async () => {
    try {
      // CRLF read as LF (as readRecords does), a chunk's last CR kept until the next chunk shows whether an LF follows.
      let carried = '';
      const write = async (text: string) => {
        if (text && !parser.write(text)) await new Promise((resolve) => parser.once('drain', resolve));
      };
      for await (const chunk of input) {
        let text = carried + (typeof chunk === 'string' ? chunk : decoder.write(chunk));
        carried = text.endsWith('\r') ? '\r' : '';
        if (carried) text = text.slice(0, -1);
        await write(text.replace(/\r\n/g, '\n'));
      }
      await write((carried + decoder.end()).replace(/\r\n/g, '\n'));
      parser.end();
    } catch (error) {
      parser.destroy(error as Error);
    }
  })();
  try {
    for await (const row of parser as AsyncIterable<CsvRow>) {
      const record = reader.record(row);
      if (!record) continue;
      // The parser reports a skipped row as it meets it, while rows before it may still be in its buffer: yielded in line order.
      while (skipped.length && skipped[0]!.line < record.line) yield skipped.shift()!;
      yield record;
    }
    while (skipped.length) yield skipped.shift()!;
  } finally {
    parser.destroy();
    await feeding;
  }
}

async function* readNdjsonStream(input: AsyncIterable<string | Buffer>, maxLineBytes: number): AsyncGenerator<SourceRecord> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let line = 0;
  // A line too long to keep: reported once, and its remainder dropped up to the next newline.
  let skippingLong = false;
  const parseLine = (text: string, number: number): SourceRecord | undefined => {
    const raw = number === 1 ? text.replace(/^\uFEFF/, '') : text;
    if (raw.trim() === '') return undefined;
    try {
      return { line: number, value: JSON.parse(raw) };
    } catch (error) {
      return { line: number, error: `invalid JSON: ${(error as Error).message}` };
    }
  };
  for await (const chunk of input) {
    pending += typeof chunk === 'string' ? chunk : decoder.write(chunk);
    let newline: number;
    while ((newline = pending.indexOf('\n')) >= 0) {
      const text = pending.slice(0, newline).replace(/\r$/, '');
      pending = pending.slice(newline + 1);
      line++;
      if (skippingLong) {
        skippingLong = false;
        continue;
      }
      const record = parseLine(text, line);
      if (record) yield record;
    }
    if (!skippingLong && pending.length > maxLineBytes) {
      yield { line: line + 1, error: `line longer than ${maxLineBytes} bytes: not read` };
      skippingLong = true;
    }
    if (skippingLong) pending = '';
  }
  pending += decoder.end();
  if (!skippingLong && pending !== '') {
    const record = parseLine(pending.replace(/\r$/, ''), line + 1);
    if (record) yield record;
  }
}
