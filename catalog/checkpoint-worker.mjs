// The WAL checkpointer's thread (catalog/background-checkpoints.ts): its own connection to the
// database, checkpointing every `intervalMs`. Plain JavaScript, so it needs no TypeScript loader.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { path, intervalMs } = workerData;
const db = new Database(path, { fileMustExist: true });

function checkpoint() {
  // PASSIVE copies what it can without waiting for readers or blocking the writer.
  const [result] = db.pragma('wal_checkpoint(PASSIVE)');
  parentPort.postMessage({ type: 'checkpointed', logPages: result.log, checkpointedPages: result.checkpointed });
}

const timer = setInterval(checkpoint, intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  try {
    checkpoint();
  } finally {
    db.close();
    parentPort.close();
  }
});
parentPort.postMessage({ type: 'ready' });
