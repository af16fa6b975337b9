import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CatalogStore, ingestFile, ingestText, parseNeed, STORE_SCHEMA_VERSION } from '../../catalog/index.js';

// Not test/helpers.ts: it reads demo/products.json on import, which another process may be rewriting.
const ROOT = resolve(import.meta.dirname, '../..');
const tempDir = () => mkdtempSync(join(process.env.AISLE_TEST_TMP ?? tmpdir(), 'aisle-needs-'));

const needsFile = `[
  {
    "id": "tent",
    "type": "tent",
    "needs": ["somewhere to sleep at a festival", "a weekend camping with the kids"],
    "gift": ["present for a friend who loves camping"]
  },
  { "id": "both", "type": "tent", "category": "Camping", "needs": ["x"] },
  { "id": "empty", "type": "mug", "needs": [] },
  {
    "id": "camping",
    "category": "Camping",
    "needs": ["getting outdoors more"]
  },
  { "id": "neither", "needs": ["something"] }
]`;

describe('needs: schema, ingestion and storage', () => {
  it('accepts exactly one of type or category, and at least one need phrase', () => {
    expect(parseNeed({ id: 'a', type: 'tent', needs: ['camping'] }).ok).toBe(true);
    expect(parseNeed({ id: 'a', category: 'Camping', needs: ['camping'], gift: ['for a camper'] }).ok).toBe(true);
    expect(parseNeed({ id: 'a', type: 'tent', category: 'Camping', needs: ['camping'] })).toEqual({ ok: false, reason: 'give exactly one of "type" or "category"' });
    expect(parseNeed({ id: 'a', needs: ['camping'] })).toEqual({ ok: false, reason: 'give exactly one of "type" or "category"' });
    expect(parseNeed({ id: 'a', type: 'tent', needs: [] })).toEqual({ ok: false, reason: 'needs: needs at least one phrase' });
    expect(parseNeed({ id: 'a', type: 'tent', needs: ['  '] }).ok).toBe(false);
  });

  it('reports each bad row of a needs file with its line and keeps the good rows', () => {
    const store = CatalogStore.open(':memory:');
    const report = ingestText(store, 'needs', needsFile, 'json');
    expect(report).toMatchObject({ kind: 'needs', format: 'json', total: 5, inserted: 2, updated: 0, unchanged: 0 });
    expect(report.rejected).toEqual([
      { line: 8, id: 'both', reason: 'give exactly one of "type" or "category"' },
      { line: 9, id: 'empty', reason: 'needs: needs at least one phrase' },
      { line: 15, id: 'neither', reason: 'give exactly one of "type" or "category"' },
    ]);
    expect(store.needs()).toEqual([
      {
        id: 'tent',
        type: 'tent',
        needs: ['somewhere to sleep at a festival', 'a weekend camping with the kids'],
        gift: ['present for a friend who loves camping'],
      },
      { id: 'camping', category: 'Camping', needs: ['getting outdoors more'] },
    ]);
    expect(store.counts().needs).toBe(2);
    store.close();
  });

  it('reads a needs CSV with |-separated need and gift phrases', () => {
    const store = CatalogStore.open(':memory:');
    const csv = 'id,type,category,needs,gift\ntent,tent,,somewhere to sleep at a festival|camping with the kids,present for a camper\ncamping,,Camping,getting outdoors more,\n';
    const report = ingestText(store, 'needs', csv, 'csv');
    expect(report.rejected).toEqual([]);
    expect(store.needs()).toEqual([
      { id: 'tent', type: 'tent', needs: ['somewhere to sleep at a festival', 'camping with the kids'], gift: ['present for a camper'] },
      { id: 'camping', category: 'Camping', needs: ['getting outdoors more'] },
    ]);
    store.close();
  });

  it('is idempotent: the same file again changes nothing; a changed row is updated in place', () => {
    const dir = tempDir();
    const file = join(dir, 'needs.json');
    writeFileSync(file, needsFile);
    const store = CatalogStore.open(join(dir, 'aisle.db'));
    expect(ingestFile(store, 'needs', file)).toMatchObject({ inserted: 2, updated: 0, unchanged: 0 });
    expect(ingestFile(store, 'needs', file)).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
    expect(store.counts().needs).toBe(2);
    const changed = ingestText(store, 'needs', JSON.stringify([{ id: 'camping', category: 'Camping', needs: ['fresh air'] }]), 'json');
    expect(changed).toMatchObject({ inserted: 0, updated: 1, unchanged: 0 });
    expect(store.needs().map((n) => n.id)).toEqual(['tent', 'camping']);
    expect(store.needs()[1]!.needs).toEqual(['fresh air']);
    store.close();
  });

  it('upgrades a version 2 database in place, keeping its products', () => {
    const path = join(tempDir(), 'aisle.db');
    const v3 = CatalogStore.open(path);
    ingestText(v3, 'products', JSON.stringify([{ id: 'p1', title: 'Dome Tent', price: 120 }]), 'json');
    v3.close();
    // What Aisle before the needs file wrote: no needs table, schema version 2.
    const raw = new Database(path);
    raw.exec("DROP TABLE needs; UPDATE meta SET value = '2' WHERE key = 'schema_version'");
    raw.close();

    const store = CatalogStore.open(path);
    expect(store.db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").pluck().get()).toBe(String(STORE_SCHEMA_VERSION));
    expect(STORE_SCHEMA_VERSION).toBe(6);
    expect(store.getProduct('p1')).toMatchObject({ title: 'Dome Tent', price: 120 });
    expect(store.counts()).toMatchObject({ products: 1, needs: 0 });
    expect(ingestText(store, 'needs', needsFile, 'json').inserted).toBe(2);
    store.close();
  });

  it('`npm run ingest -- --needs FILE` stores the good rows and lists the bad ones', async () => {
    const dir = tempDir();
    const file = join(dir, 'needs.json');
    writeFileSync(file, needsFile);
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/ingest.ts', '--needs', file], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: join(dir, 'data') },
    });
    expect(stdout).toContain('needs: 2 of 5 rows');
    expect(stdout).toContain('line 8 (id both): give exactly one of "type" or "category"');
    const store = CatalogStore.open(join(dir, 'data', 'aisle.db'));
    expect(store.needs().map((n) => n.id)).toEqual(['tent', 'camping']);
    store.close();
  }, 30_000);
});
