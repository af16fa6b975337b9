/**
 * One temporary root per test run, removed when the run ends: tests make real SQLite
 * stores, model copies and index files (up to 260 MB each), and a run that left them
 * behind filled the disk after a few dozen runs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'aisle-test-run-'));
  // Workers are forked after global setup, so they inherit this.
  process.env.AISLE_TEST_TMP = root;
  return () => rmSync(root, { recursive: true, force: true });
}
