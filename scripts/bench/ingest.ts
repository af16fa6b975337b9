/**
 * Ingest at catalog scale: rows/s and peak memory for files of N products (the demo generator's,
 * ids made unique), CSV and NDJSON, each read as a stream (ingestStream: what `npm run ingest` and
 * POST /api/admin/catalog do) beside the whole-file read it replaced (baseline). Each run is a
 * process of its own, into a fresh database.
 *
 *   await benchIngest({ rows: [100_000, 1_000_000] })
 *   // { '100000': { csv: { stream: { rows_per_s, peak_rss_mb, ... }, whole: {...} }, ndjson: {...} }, ... }
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Product } from '../../catalog/index.js';
import { generateProducts } from '../demo/generate-products.js';

const CSV_COLUMNS = ['id', 'title', 'description', 'category', 'brand', 'price', 'attributes.colour', 'attributes.material', 'attributes.gender', 'attributes.sizes'] as const;

const csvCell = (value: unknown) => {
  const text = value === undefined ? '' : String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

function csvLine(product: Product): string {
  const attributes = product.attributes ?? {};
  return CSV_COLUMNS.map((column) => csvCell(column.startsWith('attributes.') ? attributes[column.slice('attributes.'.length)] : product[column as keyof Product])).join(',');
}

/** Writes N products to `file` as CSV or NDJSON, generated a batch at a time (the bench process holds no more). */
async function writeProducts(file: string, rows: number, format: 'csv' | 'ndjson'): Promise<void> {
  const out = createWriteStream(file);
  const write = (text: string) => (out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve())));
  if (format === 'csv') await write(`${CSV_COLUMNS.join(',')}\n`);
  let written = 0;
  for (let seed = 1; written < rows; seed++) {
    for (const product of generateProducts(seed, 80)) {
      if (written >= rows) break;
      const row = { ...product, id: `${product.id}-${seed}-${written}` };
      await write(`${format === 'csv' ? csvLine(row) : JSON.stringify(row)}\n`);
      written++;
    }
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

function runChild(mode: 'stream' | 'whole', file: string, dir: string): Record<string, unknown> {
  const database = join(dir, `${mode}-${Date.now()}.db`);
  const output = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/bench/ingest-child.ts', mode, file, database], { encoding: 'utf8', maxBuffer: 1024 * 1024 });
  rmSync(database, { force: true });
  rmSync(`${database}-wal`, { force: true });
  rmSync(`${database}-shm`, { force: true });
  return JSON.parse(output.trim().split('\n').pop()!) as Record<string, unknown>;
}

export async function benchIngest(options: { rows: number[]; log?: (message: string) => void }): Promise<Record<string, unknown>> {
  const log = options.log ?? (() => undefined);
  const dir = mkdtempSync(join(tmpdir(), 'aisle-bench-ingest-'));
  const results: Record<string, unknown> = {};
  try {
    for (const rows of options.rows) {
      const byFormat: Record<string, unknown> = {};
      for (const format of ['csv', 'ndjson'] as const) {
        const file = join(dir, `products-${rows}.${format}`);
        log(`ingest: writing ${rows} products as ${format}`);
        await writeProducts(file, rows, format);
        const mb = Math.round(statSync(file).size / 1024 / 1024);
        log(`ingest: ${rows} rows, ${mb} MB ${format}: streamed`);
        const stream = runChild('stream', file, dir);
        log(`ingest: ${rows} rows, ${mb} MB ${format}: whole file (baseline)`);
        const whole = runChild('whole', file, dir);
        byFormat[format] = { file_mb: mb, stream, whole };
        rmSync(file, { force: true });
      }
      results[String(rows)] = byFormat;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}
