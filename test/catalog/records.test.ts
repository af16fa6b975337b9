import { describe, expect, it } from 'vitest';
import { detectFormat, readRecords, RecordFormatError } from '../../catalog/index.js';

describe('readRecords', () => {
  it('gives the line each element of a JSON array starts on', () => {
    const text = '[\n  {"id": "a", "title": "x, y"},\n\n  {\n    "id": "b"\n  },\n  {"id": "c"}\n]';
    expect(readRecords(text, 'json').map((r) => [r.line, (r.value as { id: string }).id])).toEqual([[2, 'a'], [4, 'b'], [7, 'c']]);
  });

  it('rejects a JSON file that is not an array', () => {
    expect(() => readRecords('{"id": "a"}', 'json')).toThrow(RecordFormatError);
    expect(() => readRecords('[{"id": ', 'json')).toThrow(/invalid JSON/);
  });

  it('reads NDJSON line by line and reports a broken line without losing the others', () => {
    const records = readRecords('{"id":"a"}\n{"id":\n\n{"id":"c"}\n', 'ndjson');
    expect(records.map((r) => r.line)).toEqual([1, 2, 4]);
    expect(records[1]!.error).toMatch(/invalid JSON/);
    expect(records[2]!.value).toEqual({ id: 'c' });
  });

  it('reads CSV with quotes, embedded newlines, lists and attributes', () => {
    const csv = [
      'id,title,price,inStock,attributes.colour,questions',
      'p1,"Jacket, warm",99.5,true,navy,',
      'p2,"A ""quoted""',
      'title",12,no,red,How much?|What price?',
    ].join('\n');
    const records = readRecords(csv, 'csv');
    expect(records.map((r) => r.line)).toEqual([2, 3]);
    expect(records[0]!.value).toEqual({ id: 'p1', title: 'Jacket, warm', price: 99.5, inStock: true, attributes: { colour: 'navy' } });
    expect(records[1]!.value).toEqual({ id: 'p2', title: 'A "quoted"\ntitle', price: 12, inStock: false, attributes: { colour: 'red' }, questions: ['How much?', 'What price?'] });
  });

  it('reads only a decimal number as a price, and refuses a nested attribute by its name, each row on its own', () => {
    const csv = ['id,title,price,attributes', 'p1,A,0x10,', 'p2,B,1e3,', 'p3,C,12.50,"{""colour"": ""navy"", ""size"": 10}"', 'p4,D,5,"{""colour"": {""main"": ""red""}}"'].join('\n');
    const records = readRecords(csv, 'csv');
    // Hex and exponent prices stay text, for the schema to refuse with the row's line (Number() read them as 16 and 1000).
    expect(records.slice(0, 2).map((r) => (r.value as { price: unknown }).price)).toEqual(['0x10', '1e3']);
    expect(records[2]!.value).toEqual({ id: 'p3', title: 'C', price: 12.5, attributes: { colour: 'navy', size: '10' } });
    expect(records[3]).toEqual({ line: 5, error: 'attributes.colour: must be text, a number or true/false, got object' });
  });

  it('rejects the rows a stray quote swallows, reporting them by the line they start on, and reads the rows after them', () => {
    // csv-parse reads from the stray quote on line 3 to the next quote, on line 5, as one field: lines 3-5 are one bad row.
    const csv = ['id,title,price', 'p1,Good,5', 'p2,"Broken title,7', 'p3,Swallowed,9', 'p4,"Quoted, fine",11', 'p5,After,12'].join('\n');
    const records = readRecords(csv, 'csv');
    expect(records).toEqual([
      { line: 2, value: { id: 'p1', title: 'Good', price: 5 } },
      { line: 3, error: 'a quoted field starting on line 3 is not closed where its cell ends (lines 3-5 are that one row, rejected)' },
      { line: 6, value: { id: 'p5', title: 'After', price: 12 } },
    ]);
    // A quote open to the end of the file rejects the rows from it to the end, and none before.
    const open = readRecords(['id,title', 'p1,Fine', 'p2,"Open', 'p3,Also lost'].join('\n'), 'csv');
    expect(open).toEqual([{ line: 2, value: { id: 'p1', title: 'Fine' } }, { line: 3, error: 'a quoted field starting on line 3 is never closed (lines 3-4 are that one row, rejected)' }]);
    // A header left open is the whole file's problem.
    expect(() => readRecords('id,"title\np1,x', 'csv')).toThrow(/the CSV header: a quoted field starting on line 1 is never closed/);
  });

  it('reports a CSV row with the wrong number of columns by its line', () => {
    const records = readRecords('id,title\np1,ok\np2,too,many\n', 'csv');
    expect(records[1]).toEqual({ line: 3, error: 'expected 2 columns as in the header, found 3' });
  });

  it('needs an id column in CSV', () => {
    expect(() => readRecords('name,title\nx,y', 'csv')).toThrow(/"id" column/);
  });

  it('detects the format from the file name, then the content', () => {
    expect(detectFormat('p.csv', '')).toBe('csv');
    expect(detectFormat('p.jsonl', '')).toBe('ndjson');
    expect(detectFormat('p.txt', '  [ {}]')).toBe('json');
    expect(detectFormat('p', '{"id":1}\n')).toBe('ndjson');
  });
});
