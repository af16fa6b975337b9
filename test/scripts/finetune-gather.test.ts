/**
 * What `npm run finetune` trains on, before any training: the pairs gathered from the store
 * (--from-data) and from files (--needs), checked the way `npm run ingest` checks them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CatalogStore, deriveProductTypes, ingestText, productText, typeKey, type Need } from '../../catalog/index.js';
import { MAX_PRODUCTS_PER_NEED_PHRASE } from '../../scripts/finetune/pairs.js';
import { gatherBiEncoderPairs, UsageError, type StoreLocation } from '../../scripts/finetune/gather.js';
import { demoFaq, ROOT, smallDemoProducts, tempDir } from '../helpers.js';

interface Row {
  query: string;
  positive: string;
  group: string;
  also?: string[];
}

const demoNeeds: Need[] = JSON.parse(readFileSync(join(ROOT, 'demo/needs.json'), 'utf8'));
const products = smallDemoProducts();
const types = deriveProductTypes(products);

describe('gathering bi-encoder pairs', () => {
  let location: StoreLocation;

  beforeAll(() => {
    const dataDir = tempDir();
    location = { dataDir, databasePath: join(dataDir, 'aisle.db') };
    const store = CatalogStore.open(location.databasePath);
    ingestText(store, 'faq', JSON.stringify(demoFaq), 'json');
    ingestText(store, 'products', JSON.stringify(products), 'json');
    ingestText(store, 'needs', JSON.stringify([...demoNeeds, { id: 'hammock', type: 'hammock', needs: ['sleep between two trees'] }]), 'json');
    // A reviewer's right product for a request (the last verdict counts), and one naming a product deleted since.
    store.recordProductReview({ conversationId: 'c1', query: 'a bag for my laptop', productId: products[1]!.id, verdict: 'corrected' });
    store.recordProductReview({ conversationId: 'c1', query: 'a bag for my laptop', productId: products[0]!.id, verdict: 'corrected' });
    store.recordProductReview({ conversationId: 'c2', query: 'something gone', productId: 'NO-SUCH-PRODUCT', verdict: 'confirmed' });
    store.close();
  });

  it('--from-data pairs each reviewed request with the product the reviewer chose last', () => {
    const set = gatherBiEncoderPairs({ fromData: true }, location, () => undefined);
    expect(set.counts['product-reviews']).toBe(1);
    const rows = (set.rows as Row[]).filter((row) => row.query === 'a bag for my laptop');
    expect(rows).toEqual([expect.objectContaining({ positive: productText(products[0]!), group: `product:${products[0]!.id}` })]);
  });

  it('--from-data pairs the store’s need phrases with products of their type, next to the FAQ and catalog, and tags product rows with their needs', () => {
    const warnings: string[] = [];
    const set = gatherBiEncoderPairs({ fromData: true }, location, (message) => warnings.push(message));
    expect(set.counts).toMatchObject({ faq: expect.any(Number), catalog: products.length, needs: expect.any(Number) });
    // A need naming a type no product has is skipped with a warning, as the indexer does.
    expect(warnings.join('\n')).toMatch(/need "hammock": no product is of type "hammock"/);
    const rows = set.rows as Row[];
    const needRows = rows.filter((row) => row.group.startsWith('need:'));
    expect(needRows).toHaveLength(set.counts.needs!);
    const road = needRows.filter((row) => row.query === 'everyday running on pavement');
    expect(road.length).toBeGreaterThan(0);
    expect(road.length).toBeLessThanOrEqual(MAX_PRODUCTS_PER_NEED_PHRASE);
    const roadShoes = new Map(products.filter((p) => types.typeOf.get(p.id) === typeKey('road running shoe')).map((p) => [`product:${p.id}`, p]));
    for (const row of road) {
      expect(row.group).toBe('need:type:road running shoe');
      const product = roadShoes.get(row.also![0]!);
      expect(product, row.also![0]).toBeDefined();
      expect(row.positive).toBe(productText(product!));
    }
    // The catalog row of a road running shoe answers that need (and its category's): never its negative.
    const [shoe] = roadShoes.keys();
    const catalogRow = rows.find((row) => row.group === shoe)!;
    expect(catalogRow.also).toEqual(expect.arrayContaining(['need:type:road running shoe', 'need:category:running shoes']));
  });

  it('--needs FILE takes the place of the store’s needs', () => {
    const file = join(tempDir(), 'needs.json');
    writeFileSync(file, JSON.stringify([{ id: 'road', type: 'road running shoe', needs: ['pounding the pavement', 'jogging to work'] }]));
    const set = gatherBiEncoderPairs({ needsFile: file }, location);
    expect(Object.keys(set.counts)).toEqual(['needs']);
    const rows = set.rows as Row[];
    expect(new Set(rows.map((row) => row.query))).toEqual(new Set(['pounding the pavement', 'jogging to work']));
    expect(rows.every((row) => row.group === 'need:type:road running shoe')).toBe(true);
  });

  it('--needs FILE: every bad need is reported with its line, and one that matches no product stops the run too', () => {
    const dir = tempDir();
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, ['[', '  {"id": "a", "type": "tent", "needs": ["camping"]},', '  {"id": "b", "needs": ["no target"]},', '  {"id": "c", "type": "tent", "category": "Outdoor & Camping", "needs": ["both"]},', '  {"id": "d", "type": "tent", "needs": []}', ']'].join('\n'));
    const error = catchError(() => gatherBiEncoderPairs({ needsFile: bad, fromData: true }, location));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toMatch(/3 bad needs, nothing trained/);
    expect(error.message).toMatch(/line 3: give exactly one of "type" or "category"/);
    expect(error.message).toMatch(/line 4: give exactly one/);
    expect(error.message).toMatch(/line 5: needs: needs at least one phrase/);
    const unknown = join(dir, 'unknown.jsonl');
    writeFileSync(unknown, ['{"id": "road", "type": "road running shoe", "needs": ["jogging"]}', '{"id": "hammock", "type": "hammock", "needs": ["trees"]}', '{"id": "garden", "category": "Garden", "needs": ["tomatoes"]}'].join('\n'));
    const unmatched = catchError(() => gatherBiEncoderPairs({ needsFile: unknown }, location));
    expect(unmatched).toBeInstanceOf(UsageError);
    expect(unmatched.message).toMatch(/2 needs match no product in the store, nothing trained/);
    expect(unmatched.message).toMatch(/line 2: need "hammock": no product is of type "hammock"/);
    expect(unmatched.message).toMatch(/line 3: need "garden": no product is in category "Garden"/);
    expect(catchError(() => gatherBiEncoderPairs({ needsFile: join(dir, 'missing.json') }, location)).message).toMatch(/--needs .*missing\.json: no such file/);
  });

  it('--needs needs a store for its products', () => {
    const file = join(tempDir(), 'needs.json');
    writeFileSync(file, JSON.stringify([{ id: 'tent', type: 'tent', needs: ['camping'] }]));
    const dataDir = tempDir();
    const error = catchError(() => gatherBiEncoderPairs({ needsFile: file }, { dataDir, databasePath: join(dataDir, 'aisle.db') }));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toMatch(/--needs: no store at/);
  });
});

function catchError(action: () => unknown): Error {
  try {
    action();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}
