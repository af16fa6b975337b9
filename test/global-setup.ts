/**
 * One temporary root per test run, removed when the run ends: tests make real SQLite
 * stores, model copies and index files (up to 260 MB each), and runs that left them
 * behind filled the disk after a few dozen runs. A run killed before its teardown leaves
 * its root; the next run removes every root whose run has exited.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PREFIX = 'aisle-test-run-';

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removeAbandonedRoots(parent: string): void {
  for (const name of readdirSync(parent)) {
    if (!name.startsWith(PREFIX)) continue;
    const pidFile = join(parent, name, 'run.pid');
    const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8')) : NaN;
    if (Number.isInteger(pid) && !running(pid)) rmSync(join(parent, name), { recursive: true, force: true });
  }
}

export default function setup(): () => void {
  const parent = tmpdir();
  removeAbandonedRoots(parent);
  const root = mkdtempSync(join(parent, PREFIX));
  writeFileSync(join(root, 'run.pid'), String(process.pid));
  // Workers and the scripts tests spawn are started after global setup, so they inherit these:
  // tempDir() and every os.tmpdir() below this process land in the root.
  process.env.AISLE_TEST_TMP = root;
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
