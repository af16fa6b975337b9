import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BackgroundCheckpoints } from '../../catalog/background-checkpoints.js';
import { CatalogStore } from '../../catalog/store.js';
import { tempDir } from '../helpers.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function openStore(): { store: CatalogStore; path: string } {
  const dir = tempDir('aisle-checkpoints-');
  dirs.push(dir);
  const path = join(dir, 'aisle.db');
  return { store: CatalogStore.open(path), path };
}

/** About 2,500 pages of events: well past the 1,000 pages at which a commit checkpoints by default. */
function writeManyPages(store: CatalogStore): void {
  const query = 'x'.repeat(4000);
  for (let i = 0; i < 2500; i++) store.recordEvent({ conversationId: `c${i}`, name: 'product.view', productId: `p${i}`, query });
}

const walBytes = (path: string) => statSync(`${path}-wal`).size;

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('background WAL checkpoints', () => {
  it('close resolves once the worker has let go of the files: the WAL is gone, so a copy of the folder is whole', async () => {
    const { store, path } = openStore();
    await store.checkpointInBackground({ intervalMs: 60_000 });
    writeManyPages(store);
    expect(existsSync(`${path}-wal`)).toBe(true);
    await store.close();
    expect(existsSync(`${path}-wal`)).toBe(false);
    const copy = CatalogStore.open(path);
    expect(copy.eventsFor('c2499')).toHaveLength(1);
    await copy.close();
  });

  it('leave the checkpoint to the worker: a commit past 1,000 pages does not checkpoint, the worker then does', async () => {
    const { store, path } = openStore();
    await store.checkpointInBackground({ intervalMs: 200 });
    expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    writeManyPages(store);
    // By default the commit that crossed 1,000 pages would have copied the log back and started
    // it again from the top, so it could not hold 2,500 pages.
    expect(walBytes(path)).toBeGreaterThan(2000 * 4096);
    const checkpoints = (store as unknown as { checkpoints: { lastCheckpoint: { logPages: number; checkpointedPages: number } } }).checkpoints;
    await until(() => checkpoints.lastCheckpoint.checkpointedPages > 2000);
    expect(checkpoints.lastCheckpoint.checkpointedPages).toBe(checkpoints.lastCheckpoint.logPages);
    store.close();
    const reopened = CatalogStore.open(path);
    expect(reopened.db.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 2500 });
    reopened.close();
  });

  it('give the checkpoints back to the connection when the worker dies, so the log cannot grow without bound', async () => {
    const logged: string[] = [];
    const { store } = openStore();
    await store.checkpointInBackground({ intervalMs: 200, log: (message) => logged.push(message) });
    const worker = (store as unknown as { checkpoints: { worker: { terminate(): Promise<number> } } }).checkpoints.worker;
    await worker.terminate();
    await until(() => logged.length > 0);
    expect(logged[0]).toMatch(/checkpointer exited with code 1; the database checkpoints on its own writes again/);
    expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    store.close();
  });

  it('fail to start, loudly, when the worker cannot open the database, leaving the connection checkpointing itself', async () => {
    const { store, path } = openStore();
    await expect(BackgroundCheckpoints.start(store.db, `${path}.missing`)).rejects.toThrow(/WAL checkpointer could not open .*aisle\.db\.missing/);
    expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    store.close();
  });

  it('are a no-op for an in-memory database, which has no log', async () => {
    const store = CatalogStore.open(':memory:');
    await store.checkpointInBackground();
    expect((store as unknown as { checkpoints?: unknown }).checkpoints).toBeUndefined();
    store.close();
  });
});
