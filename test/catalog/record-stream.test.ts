/**
 * Files read as streams (catalog/record-stream.ts, ingestStream): the same records, lines and
 * rejections as reading the whole text, however the bytes are cut into chunks (inside a quoted
 * field, a CRLF, a multi-byte character), and stored batch by batch.
 */
import { Readable } from 'node:stream';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CatalogStore, ingestStream, ingestText, readRecords, readRecordStream, RecordFormatError, type RecordFormat } from '../../catalog/index.js';
import { tempDir } from '../helpers.js';

/** The text as a stream of byte chunks of the given size. */
const chunked = (text: string, size: number) => {
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return Readable.from(chunks);
};

async function collect(text: string, format: RecordFormat, size: number) {
  const records = [];
  for await (const record of readRecordStream(chunked(text, size), format)) records.push(record);
  return records;
}

const CSV = [
  '\uFEFFid,title,price,inStock,attributes.colour,questions',
  'p1,"Jacket, warm",99.5,true,navy,',
  'p2,"A ""quoted""\r\ntitle — ünïcode",12,no,red,How much?|What price?',
  '',
  'p3,too,many,columns,here,x,y',
  'p4,"Stray quote,7,no,red,',
  'p5,Swallowed,9,yes,blue,',
  'p6,"Closed, here",11,yes,blue,',
  'p7,Fine,3,yes,green,',
].join('\r\n');

const NDJSON = ['{"id":"n1","title":"Tent ⛺"}', '', '{"id":"n2",', '{"id":"n3","title":"Mug"}'].join('\n');

describe('readRecordStream', () => {
  it.each([1, 2, 3, 7, 64, 100_000])('reads CSV cut into %i-byte chunks as readRecords reads the whole text', async (size) => {
    const whole = readRecords(CSV, 'csv');
    expect(whole.map((r) => r.line)).toEqual([2, 3, 6, 7, 10]);
    // A CRLF inside quotes is read as a newline.
    expect(whole[1]!.value).toMatchObject({ title: 'A "quoted"\ntitle — ünïcode' });
    expect(whole[3]).toEqual({ line: 7, error: 'a quoted field starting on line 7 is not closed where its cell ends (lines 7-9 are that one row, rejected)' });
    expect(await collect(CSV, 'csv', size)).toEqual(whole);
  });

  it.each([1, 2, 5, 100_000])('reads NDJSON cut into %i-byte chunks line by line, a broken line reported by its number', async (size) => {
    const records = await collect(NDJSON, 'ndjson', size);
    expect(records).toEqual(readRecords(NDJSON, 'ndjson'));
    expect(records.map((r) => [r.line, r.error ? 'error' : (r.value as { id: string }).id])).toEqual([[1, 'n1'], [3, 'error'], [4, 'n3']]);
    expect((records[0]!.value as { title: string }).title).toBe('Tent ⛺');
  });

  it('skips an NDJSON line over the length limit, reporting it, and reads the next', async () => {
    const text = ['{"id":"a"}', `{"id":"b","title":"${'x'.repeat(5000)}"}`, '{"id":"c"}'].join('\n');
    const records = [];
    for await (const record of readRecordStream(chunked(text, 512), 'ndjson', { maxLineBytes: 1000 })) records.push(record);
    expect(records).toEqual([{ line: 1, value: { id: 'a' } }, { line: 2, error: 'line longer than 1000 bytes: not read' }, { line: 3, value: { id: 'c' } }]);
  });

  it('refuses a CSV whose header cannot be read, and a JSON array over its size limit, naming what to do', async () => {
    await expect(collect('id,"title\np1,x', 'csv', 4)).rejects.toThrow(/the CSV header: a quoted field starting on line 1 is never closed/);
    await expect(collect('name,title\nx,y', 'csv', 4)).rejects.toBeInstanceOf(RecordFormatError);
    const big = JSON.stringify([{ id: 'a', title: 'x'.repeat(2000) }]);
    const records = readRecordStream(chunked(big, 100), 'json', { maxJsonBytes: 1000 });
    await expect(records.next()).rejects.toThrow(/read whole, up to 0 MB: send a bigger file as NDJSON or CSV/);
  });
});

describe('ingestStream', () => {
  it('stores batch by batch with the counts and rejections ingestText gives, refusing an id repeated across batches', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => ({ id: `p${i}`, title: `Product ${i}`, price: i + 1 }));
    const text = [...rows, { id: 'p3', title: 'Again' }, { id: 'bad', title: '', price: -1 }].map((row) => JSON.stringify(row)).join('\n');
    const streamed = CatalogStore.open(join(tempDir(), 'a.db'));
    const whole = CatalogStore.open(join(tempDir(), 'b.db'));
    const batches: string[][] = [];
    const heard: string[] = [];
    const report = await ingestStream(streamed, 'products', chunked(text, 50), 'ndjson', {
      batchSize: 10,
      onChange: (before, after) => heard.push(`${before ? 'updated' : 'added'} ${after.id}`),
      afterBatch: (changed) => void batches.push(changed.map((row) => row.id)),
    });
    expect(report).toEqual(ingestText(whole, 'products', text, 'ndjson'));
    expect(report).toMatchObject({ total: 27, inserted: 25, rejected: [{ line: 26, id: 'p3', reason: 'duplicate id, first seen on line 4' }, { line: 27, id: 'bad' }] });
    expect(batches.map((b) => b.length)).toEqual([10, 10, 5]);
    expect(heard).toHaveLength(25);
    // Again, one row changed: only it is heard, as an update.
    heard.length = 0;
    batches.length = 0;
    const again = await ingestStream(streamed, 'products', chunked(text.replace('"Product 7"', '"Product seven"'), 50), 'ndjson', {
      onChange: (before, after) => heard.push(`${before ? 'updated' : 'added'} ${after.id}`),
      afterBatch: (changed) => void batches.push(changed.map((row) => row.id)),
    });
    expect(again).toMatchObject({ inserted: 0, updated: 1, unchanged: 24 });
    expect(heard).toEqual(['updated p7']);
    expect(batches).toEqual([['p7']]);
    await streamed.close();
    await whole.close();
  });
});
