import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { CatalogStore, ingestFile, ingestText, STORE_SCHEMA_VERSION } from '../../catalog/index.js';
import { tempDir } from '../helpers.js';

describe('ingestion', () => {
  let store: CatalogStore;
  beforeEach(() => {
    store = CatalogStore.open(':memory:');
  });

  it('keeps the good rows and reports each bad one with its line and reason', () => {
    const ndjson = [
      '{"id":"p1","title":"Trail shoe","price":79}',
      '{"id":"p2","title":"","price":10}',
      '{"id":"p3","title":"Tent","price":-5}',
      'not json',
      '{"id":"p4","title":"Kettle","currency":"dollars"}',
      '{"id":"p1","title":"Duplicate"}',
      '{"id":"p5","title":"Lamp"}',
    ].join('\n');
    const report = ingestText(store, 'products', ndjson, 'ndjson');
    expect(report.inserted).toBe(2);
    expect(report.rejected).toEqual([
      { line: 2, id: 'p2', reason: 'title: must not be empty' },
      { line: 3, id: 'p3', reason: 'price: must not be negative' },
      { line: 4, reason: expect.stringMatching(/invalid JSON/) },
      { line: 5, id: 'p4', reason: 'currency: must be a 3-letter code such as USD' },
      { line: 6, id: 'p1', reason: 'duplicate id, first seen on line 1' },
    ]);
    expect(store.getProduct('p1')?.title).toBe('Trail shoe');
  });

  it('refuses a product whose url or imageUrl is not http(s), row by row with the field and reason (JSON and CSV)', () => {
    const rows = [
      { id: 'ok-path', title: 'A', url: '/products/a', imageUrl: '/img/products/a.svg' },
      { id: 'ok-https', title: 'B', url: 'https://shop.example/b', imageUrl: 'http://cdn.shop.example/b.jpg' },
      { id: 'ok-empty', title: 'C', url: '', imageUrl: '  ' },
      { id: 'js', title: 'D', url: 'javascript:alert(document.cookie)' },
      { id: 'js-tab', title: 'E', url: 'java\tscript:alert(1)' },
      { id: 'data', title: 'F', imageUrl: 'data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+' },
      { id: 'protocol-relative', title: 'G', imageUrl: '//tracker.example/p.gif' },
      { id: 'ftp', title: 'H', imageUrl: 'ftp://files.example/h.png' },
      { id: 'vbscript', title: 'I', url: 'VBScript:msgbox(1)' },
    ];
    const report = ingestText(store, 'products', JSON.stringify(rows).replace(/\},\{/g, '},\n{'), 'json');
    const scheme = "must be an http(s) URL (https://...) or a path on the shop's site (/...); other schemes are refused";
    expect(report.inserted).toBe(3);
    expect(report.rejected).toEqual([
      { line: 4, id: 'js', reason: `url: ${scheme}` },
      { line: 5, id: 'js-tab', reason: 'url: must not contain spaces or control characters' },
      { line: 6, id: 'data', reason: `imageUrl: ${scheme}` },
      { line: 7, id: 'protocol-relative', reason: `imageUrl: ${scheme}` },
      { line: 8, id: 'ftp', reason: `imageUrl: ${scheme}` },
      { line: 9, id: 'vbscript', reason: `url: ${scheme}` },
    ]);
    expect(store.getProduct('ok-https')).toMatchObject({ url: 'https://shop.example/b', imageUrl: 'http://cdn.shop.example/b.jpg' });
    expect(store.getProduct('ok-empty')?.imageUrl).toBeUndefined();
    expect(store.getProduct('js')).toBeUndefined();

    const csv = ['id,title,url,imageUrl', 'c1,Lamp,https://shop.example/lamp,/img/products/c1.svg', 'c2,Rug,javascript:alert(1),', 'c3,Mat,,"data:image/gif;base64,R0lGOD"'].join('\n');
    const fromCsv = ingestText(store, 'products', csv, 'csv');
    expect(fromCsv.inserted).toBe(1);
    expect(fromCsv.rejected).toEqual([
      { line: 3, id: 'c2', reason: `url: ${scheme}` },
      { line: 4, id: 'c3', reason: `imageUrl: ${scheme}` },
    ]);
  });

  it('is idempotent: the same file again changes nothing', () => {
    const json = JSON.stringify([{ id: 'a', title: 'A', price: 1 }, { id: 'b', title: 'B' }]);
    expect(ingestText(store, 'products', json, 'json')).toMatchObject({ inserted: 2, updated: 0, unchanged: 0 });
    expect(ingestText(store, 'products', json, 'json')).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
    expect(store.counts().products).toBe(2);
  });

  it('updates changed rows by id and never loses rows the new file does not mention', () => {
    ingestText(store, 'products', JSON.stringify([{ id: 'a', title: 'A', price: 1 }, { id: 'b', title: 'B' }]), 'json');
    const report = ingestText(store, 'products', JSON.stringify([{ id: 'a', title: 'A2', price: 2 }, { id: 'c', title: '' }]), 'json');
    expect(report).toMatchObject({ inserted: 0, updated: 1, unchanged: 0 });
    expect(store.getProduct('a')).toMatchObject({ title: 'A2', price: 2 });
    expect(store.getProduct('b')?.title).toBe('B');
  });

  it('stores FAQ entries with every phrasing, and replaces phrasings on update', () => {
    const entry = { id: 'ship', questions: ['Is shipping free?', 'Delivery cost?'], answer: 'Free over $50.', followUps: ['ret'] };
    ingestText(store, 'faq', JSON.stringify([entry]), 'json');
    expect(store.faqPhrasings().map((p) => p.text)).toEqual(['Is shipping free?', 'Delivery cost?']);
    ingestText(store, 'faq', JSON.stringify([{ ...entry, questions: ['How much is postage?'] }]), 'json');
    expect(store.faqPhrasings().map((p) => [p.faqId, p.text])).toEqual([['ship', 'How much is postage?']]);
    const bad = ingestText(store, 'faq', JSON.stringify([{ id: 'x', questions: [], answer: 'a' }]), 'json');
    expect(bad.rejected[0]).toEqual({ line: 1, id: 'x', reason: 'questions: needs at least one phrasing' });
  });

  it('reads products from CSV files, with attributes and stock', () => {
    const dir = tempDir();
    const file = join(dir, 'products.csv');
    writeFileSync(file, 'id,title,category,price,inStock,attributes.colour\nj1,Rain Jacket,Jackets,89,yes,blue\nj2,Parka,Jackets,abc,yes,red\n');
    const report = ingestFile(store, 'products', file);
    expect(report.format).toBe('csv');
    expect(report.rejected).toEqual([{ line: 3, id: 'j2', reason: expect.stringMatching(/^price: /) }]);
    expect(store.getProduct('j1')).toEqual({ id: 'j1', title: 'Rain Jacket', category: 'Jackets', price: 89, inStock: true, attributes: { colour: 'blue' } });
    expect(store.categories()).toEqual([{ name: 'Jackets', count: 1 }]);
  });

  it('records shopper events per conversation', () => {
    store.recordEvent({ conversationId: 'c1', name: 'cart.add', productId: 'p1', query: 'tent' });
    store.recordEvent({ conversationId: 'c2', name: 'product.view', productId: 'p2' });
    expect(store.eventsFor('c1')).toEqual([{ conversationId: 'c1', name: 'cart.add', productId: 'p1', query: 'tent', at: expect.any(String) }]);
  });

  it('labels impressions by a later click or cart add of that product, for that query, in that conversation', () => {
    store.recordEvents([
      { conversationId: 'c1', name: 'product.impression', productId: 'p1', query: 'tent' },
      { conversationId: 'c1', name: 'product.impression', productId: 'p2', query: 'tent' },
      { conversationId: 'c1', name: 'product.impression', productId: 'p3', query: 'tent' },
      { conversationId: 'c1', name: 'product.click', productId: 'p2', query: 'tent' },
      { conversationId: 'c2', name: 'product.impression', productId: 'p1', query: 'tent' },
      { conversationId: 'c1', name: 'cart.add', productId: 'p3', query: 'tent' },
      // Same product, other conversation or other query: not a click on these impressions.
      { conversationId: 'c3', name: 'product.click', productId: 'p1', query: 'tent' },
      { conversationId: 'c2', name: 'product.click', productId: 'p1', query: 'stove' },
    ]);
    expect(store.labelledImpressions()).toEqual([
      { query: 'tent', productId: 'p1', clicked: false },
      { query: 'tent', productId: 'p2', clicked: true },
      { query: 'tent', productId: 'p3', clicked: true },
      { query: 'tent', productId: 'p1', clicked: false },
    ]);
    expect(store.engagedQueries()).toEqual([
      { query: 'tent', productId: 'p2' },
      { query: 'tent', productId: 'p3' },
      { query: 'tent', productId: 'p1' },
      { query: 'stove', productId: 'p1' },
    ]);
  });

  it("keeps a reviewer's latest verdict per question", () => {
    store.recordReview({ conversationId: 'c1', query: 'where is my parcel', faqId: 'returns', verdict: 'confirmed' });
    store.recordReview({ conversationId: 'c1', query: 'where is my parcel', faqId: 'order-tracking', verdict: 'corrected', activityId: 'a7' });
    store.recordReview({ conversationId: 'c2', query: 'refund?', faqId: 'returns', verdict: 'confirmed' });
    expect(store.reviewedAnswers().map(({ at: _at, ...review }) => review)).toEqual([
      { conversationId: 'c1', query: 'where is my parcel', faqId: 'order-tracking', verdict: 'corrected', activityId: 'a7' },
      { conversationId: 'c2', query: 'refund?', faqId: 'returns', verdict: 'confirmed' },
    ]);
    expect(() => store.recordReview({ conversationId: 'c1', query: 'x', faqId: 'returns', verdict: 'maybe' as never })).toThrow(/CHECK constraint/);
  });

  it('refuses a database written by a newer schema, naming both versions', () => {
    const path = join(tempDir(), 'aisle.db');
    const first = CatalogStore.open(path);
    first.db.prepare("UPDATE meta SET value = '99' WHERE key = 'schema_version'").run();
    first.close();
    expect(() => CatalogStore.open(path)).toThrow(new RegExp(`schema version 99 is newer than this Aisle supports \\(${STORE_SCHEMA_VERSION}\\)`));
  });

  it('upgrades a version 1 database in place: its rows stay, the review table appears', () => {
    const path = join(tempDir(), 'aisle.db');
    const first = CatalogStore.open(path);
    ingestText(first, 'faq', JSON.stringify([{ id: 'returns', questions: ['how do I return'], answer: 'Within 30 days.' }]), 'json');
    first.db.exec("DROP TABLE answer_reviews; UPDATE meta SET value = '1' WHERE key = 'schema_version'");
    first.close();
    const upgraded = CatalogStore.open(path);
    expect(upgraded.faqEntries().map((e) => e.id)).toEqual(['returns']);
    upgraded.recordReview({ conversationId: 'c1', query: 'refund?', faqId: 'returns', verdict: 'confirmed' });
    expect(upgraded.reviewedAnswers()).toHaveLength(1);
    upgraded.close();
  });
});
