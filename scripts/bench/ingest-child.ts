/**
 * One ingest, measured in a process of its own (so its peak memory is its alone): `stream` reads the
 * file row by row (ingestStream, what `npm run ingest` and uploads do); `whole` reads it into one
 * string first (readFileSync + ingestText, the path before streaming). Prints one JSON line.
 *
 *   tsx scripts/bench/ingest-child.ts stream products.ndjson data/aisle.db
 */
import { createReadStream, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { CatalogStore, detectFormat, ingestStream, ingestText } from '../../catalog/index.js';

const [mode, file, database] = process.argv.slice(2) as [string, string, string];
const format = detectFormat(basename(file), '');
const store = CatalogStore.open(database);
// What the process holds before reading (code, the SQLite connection): the peak is compared with it.
const startRss = process.memoryUsage().rss;
const started = performance.now();
try {
  const report = mode === 'whole' ? ingestText(store, 'products', readFileSync(file, 'utf8'), format) : await ingestStream(store, 'products', createReadStream(file), format);
  const ms = performance.now() - started;
  const peakRss = process.resourceUsage().maxRSS * 1024;
  console.log(JSON.stringify({ mode, format, rows: report.total, stored: report.inserted, rejected: report.rejected.length, ms: Math.round(ms), rows_per_s: Math.round(report.total / (ms / 1000)), peak_rss_mb: Math.round(peakRss / 2 ** 20), growth_mb: Math.round((peakRss - startRss) / 2 ** 20) }));
} catch (error) {
  console.log(JSON.stringify({ mode, format, error: error instanceof Error ? error.message : String(error), peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024) }));
} finally {
  await store.close();
}
