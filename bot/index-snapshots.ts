/**
 * The indexes a shop served before each swap (a reindex, a model switch, a rollback), kept with
 * their manifests under DATA_DIR/index-snapshots/<id>/, the newest few. A rollback builds its
 * staging folder from one (bot/model-switch.ts): each index in it whose manifest still matches the
 * store is reused as it is, and one that does not (the catalog changed since) is rebuilt from the
 * store with the snapshot's model, so what is served never disagrees with the catalog.
 *
 *   const snapshots = new IndexSnapshots('data');
 *   snapshots.keep('data/indexes', { modelDir, modelId, reason: 'reindex' }); // moves the files
 *   snapshots.list()  // newest first: [{ id: '20261202T150501Z', modelDir, modelId, reason, createdAt, files }]
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IndexSnapshot } from './api-types.js';

export type { IndexSnapshot };

const SNAPSHOT_FILE = 'snapshot.json';
/** Snapshots kept; the oldest beyond this is removed when a new one is made. */
export const SNAPSHOTS_KEPT = 3;
const SNAPSHOT_ID = /^\d{8}T\d{6}\d{3}Z(-\d+)?$/;

export class IndexSnapshots {
  readonly dir: string;

  constructor(dataDir: string, private readonly kept = SNAPSHOTS_KEPT) {
    this.dir = join(dataDir, 'index-snapshots');
  }

  /**
   * Moves the index files out of `indexDir` into a new snapshot (a rename: the same disk), and
   * removes the oldest beyond `kept`. Nothing to keep (no files): undefined.
   */
  keep(indexDir: string, about: Pick<IndexSnapshot, 'modelDir' | 'modelId' | 'reason'>, now = new Date()): IndexSnapshot | undefined {
    if (!existsSync(indexDir)) return undefined;
    const files = readdirSync(indexDir).filter((file) => !file.endsWith('.tmp'));
    if (files.length === 0) return undefined;
    let id = now.toISOString().replace(/[-:.]/g, '');
    for (let n = 2; existsSync(join(this.dir, id)); n++) id = `${now.toISOString().replace(/[-:.]/g, '')}-${n}`;
    const target = join(this.dir, id);
    mkdirSync(target, { recursive: true });
    for (const file of files) renameSync(join(indexDir, file), join(target, file));
    const snapshot: IndexSnapshot = { id, createdAt: now.toISOString(), ...about, files };
    writeFileSync(join(target, SNAPSHOT_FILE), `${JSON.stringify(snapshot, null, 2)}\n`);
    for (const old of this.list().slice(this.kept)) rmSync(join(this.dir, old.id), { recursive: true, force: true });
    return snapshot;
  }

  /** Newest first; a folder without a readable snapshot.json is not listed. */
  list(): IndexSnapshot[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir)
      .filter((name) => SNAPSHOT_ID.test(name))
      .flatMap((name) => {
        try {
          const snapshot = JSON.parse(readFileSync(join(this.dir, name, SNAPSHOT_FILE), 'utf8')) as IndexSnapshot;
          return snapshot.id === name && typeof snapshot.modelDir === 'string' ? [snapshot] : [];
        } catch {
          return [];
        }
      })
      .sort((a, b) => b.id.localeCompare(a.id));
  }

  get(id: string): IndexSnapshot | undefined {
    return this.list().find((snapshot) => snapshot.id === id);
  }

  /** Copies a snapshot's index files into `dir` (a staging folder), leaving the snapshot as it is. */
  copyTo(id: string, dir: string): void {
    const snapshot = this.get(id);
    if (!snapshot) throw new Error(`no index snapshot "${id}"`);
    mkdirSync(dir, { recursive: true });
    for (const file of snapshot.files) cpSync(join(this.dir, id, file), join(dir, file));
  }
}
