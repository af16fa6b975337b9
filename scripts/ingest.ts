/**
 * `npm run ingest -- --products FILE` / `--faq FILE` / `--needs FILE` / `--phrasings FILE`: loads JSON, NDJSON or CSV into the
 * store in DATA_DIR. Bad rows are listed with line and reason; good rows are upserted by
 * id (re-running the same file changes nothing). Exit code 1 when nothing could be stored.
 * CSV and NDJSON are read row by row (a JSON array whole, up to 64 MB).
 *
 *   npm run ingest -- --products shop/products.csv
 *   # products: 998 of 1000 rows stored (990 new, 8 updated, 0 unchanged), 2 rejected:
 *   #   line 17 (id SKU-17): price: must not be negative
 *   npm run ingest -- --phrasings labelled.jsonl   # {query, faqId} rows: each question added to its entry
 */
import { createReadStream, openSync, readFileSync, readSync, closeSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { CatalogStore, detectFormat, ingestPhrasings, ingestStream, type IngestKind, type IngestReport, type RejectedRow } from '../catalog/index.js';
import { loadConfig, loadDotEnv } from '../bot/config.js';

const SHOWN_REJECTIONS = 25;

function printReport(file: string, report: IngestReport): void {
  const stored = report.inserted + report.updated + report.unchanged;
  console.log(
    `${report.kind}: ${stored} of ${report.total} rows from ${file} (${report.format}) stored ` +
      `(${report.inserted} new, ${report.updated} updated, ${report.unchanged} unchanged), ${report.rejected.length} rejected${report.rejected.length ? ':' : ''}`,
  );
  printRejected(report.rejected);
}

function printRejected(rejected: readonly RejectedRow[]): void {
  for (const row of rejected.slice(0, SHOWN_REJECTIONS)) {
    console.log(`  line ${row.line}${row.id ? ` (id ${row.id})` : ''}: ${row.reason}`);
  }
  if (rejected.length > SHOWN_REJECTIONS) console.log(`  ... and ${rejected.length - SHOWN_REJECTIONS} more`);
}

/** The start of a file, enough to tell JSON from NDJSON from CSV when its name does not. */
function firstBytes(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(256);
    return buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, 0)).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { products: { type: 'string', multiple: true }, faq: { type: 'string', multiple: true }, needs: { type: 'string', multiple: true }, phrasings: { type: 'string', multiple: true } } });
  const jobs: [IngestKind, string][] = [
    ...(values.faq ?? []).map((file): [IngestKind, string] => ['faq', file]),
    ...(values.products ?? []).map((file): [IngestKind, string] => ['products', file]),
    ...(values.needs ?? []).map((file): [IngestKind, string] => ['needs', file]),
  ];
  const phrasings = values.phrasings ?? [];
  if (jobs.length === 0 && phrasings.length === 0) {
    console.error('usage: npm run ingest -- [--products FILE]... [--faq FILE]... [--needs FILE]... [--phrasings FILE]...   (JSON array, NDJSON/JSONL or CSV; phrasings: {query, faqId} rows)');
    return 2;
  }
  await loadDotEnv();
  const config = loadConfig();
  const store = CatalogStore.open(config.databasePath);
  let failed = false;
  try {
    for (const [kind, file] of jobs) {
      try {
        // Streamed: a file of a million rows is read and stored a batch at a time.
        const report = await ingestStream(store, kind, createReadStream(file), detectFormat(basename(file), firstBytes(file)));
        printReport(file, report);
        if (report.total > 0 && report.rejected.length === report.total) failed = true;
      } catch (error) {
        console.error(`${kind}: ${file}: ${error instanceof Error ? error.message : String(error)}`);
        failed = true;
      }
    }
    // After the FAQ files, so a phrasing may name an entry they add.
    for (const file of phrasings) {
      try {
        const content = readFileSync(file, 'utf8');
        const report = ingestPhrasings(store, content, detectFormat(basename(file), content));
        console.log(`phrasings: ${report.added} of ${report.total} questions from ${file} (${report.format}) added to ${report.entries} FAQ entries, ${report.known} already there, ${report.rejected.length} rejected${report.rejected.length ? ':' : ''}`);
        printRejected(report.rejected);
        if (report.total > 0 && report.rejected.length === report.total) failed = true;
      } catch (error) {
        console.error(`phrasings: ${file}: ${error instanceof Error ? error.message : String(error)}`);
        failed = true;
      }
    }
  } finally {
    store.close();
  }
  console.log('The indexes are rebuilt from the store at the next `npm start` or `npm run reindex`.');
  return failed ? 1 : 0;
}

main().then((code) => process.exit(code), (error) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
