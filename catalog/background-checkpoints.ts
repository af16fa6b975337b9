/**
 * WAL checkpoints off the event loop. By default SQLite checkpoints on the commit that takes the
 * log past 1000 pages: that commit copies the log into the database and fsyncs both. Here that
 * took 22-35 ms, on the event loop, about once per 100 turns, and every turn in flight waited
 * for it. The serving connection turns automatic checkpoints off, and a worker thread with its
 * own connection checkpoints every second instead; writes go on meanwhile (WAL lets one writer
 * and one checkpointer work at once).
 *
 *   const checkpoints = await BackgroundCheckpoints.start(db, 'data/aisle.db');
 *   ...
 *   await checkpoints.stop(); // a last checkpoint, then the worker's connection closes
 *
 * If the worker fails, the connection checkpoints itself again, as by default, so the log cannot
 * grow without bound.
 */
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

const WORKER_URL = new URL('./checkpoint-worker.mjs', import.meta.url);
/** SQLite's own default, restored if the worker fails. */
const DEFAULT_AUTOCHECKPOINT_PAGES = 1000;

type WorkerMessage = { type: 'ready' } | { type: 'checkpointed'; logPages: number; checkpointedPages: number };

export class BackgroundCheckpoints {
  /** Pages in the log and pages copied into the database at the last checkpoint (-1 before any). */
  lastCheckpoint = { logPages: -1, checkpointedPages: -1 };
  private stopped = false;

  private constructor(
    private readonly db: Database.Database,
    private readonly worker: Worker,
    private readonly log: (message: string) => void,
  ) {
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'checkpointed') this.lastCheckpoint = { logPages: message.logPages, checkpointedPages: message.checkpointedPages };
    });
    worker.on('error', (error) => this.fallBack(`failed (${error.message})`));
    worker.on('exit', (code) => {
      if (!this.stopped) this.fallBack(`exited with code ${code}`);
    });
    // The worker never keeps the process alive: a process exiting mid-checkpoint loses nothing,
    // since the log stays and is checkpointed at the next open.
    worker.unref();
  }

  static async start(db: Database.Database, path: string, options: { intervalMs?: number; log?: (message: string) => void } = {}): Promise<BackgroundCheckpoints> {
    if (String(db.pragma('journal_mode', { simple: true })).toLowerCase() !== 'wal') throw new Error(`background checkpoints need a WAL database; ${path} is not in WAL mode`);
    const worker = new Worker(WORKER_URL, { workerData: { path, intervalMs: options.intervalMs ?? 1000 } });
    await new Promise<void>((resolve, reject) => {
      const onExit = (code: number) => reject(new Error(`catalog: the WAL checkpointer for ${path} exited (code ${code}) before it was ready`));
      const onError = (error: Error) => reject(new Error(`catalog: the WAL checkpointer could not open ${path}: ${error.message || String(error)}`));
      const onMessage = (message: WorkerMessage) => {
        if (message.type !== 'ready') return;
        worker.off('error', onError);
        worker.off('exit', onExit);
        worker.off('message', onMessage);
        resolve();
      };
      worker.on('message', onMessage);
      worker.once('error', onError);
      // An exit with no error (the worker's code returning early) would otherwise leave the shop waiting forever.
      worker.once('exit', onExit);
    });
    // Only once the worker is there to take over.
    db.pragma('wal_autocheckpoint = 0');
    return new BackgroundCheckpoints(db, worker, options.log ?? (() => undefined));
  }

  /** A last checkpoint, then the worker's connection closes. Call before closing the database. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    const exited = new Promise((resolve) => this.worker.once('exit', resolve));
    this.worker.postMessage('stop');
    await exited;
    if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`);
  }

  private fallBack(why: string): void {
    if (this.stopped) return;
    this.stopped = true;
    this.log(`catalog: the background WAL checkpointer ${why}; the database checkpoints on its own writes again`);
    if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`);
  }
}
