/**
 * Files Aisle wrote earlier (HNSW indexes, the FAQ calibration, the model's ONNX files) are
 * checked against the sha256 recorded when they were written before their bytes are trusted.
 * hnswlib and onnxruntime read a damaged file without complaint: a products.hnsw with bytes
 * flipped in place loaded, returned wrong products, then "Label not found", then SIGSEGV.
 * Here, in the lowest layer, so that nlu (the model) and catalog (indexes) share one check.
 *
 *   verifyFile('data/indexes/products.hnsw', manifest.sha256) // the hash, or throws ArtefactError naming the file
 *   readJsonFile('data/indexes/products.manifest.json', { noFollow: true }) // unknown, undefined when absent
 *
 * Cost: hashing reads the whole file, ~1 ms per MB on one core (median of 7 runs, warm page cache,
 * on the 2-core dev machine): the demo shop's four indexes (8.5 MB) 8 ms, the int8 model's files
 * (35 MB) 33 ms, fp32's (91 MB) 88 ms; opening the demo shop's indexes from disk takes ~300 ms in
 * all. The bytes are read anyway by hnswlib and ONNX Runtime just after, from a cache this warms.
 */
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/** A file that must not be used as it is: `file` is its path, `reason` says what is wrong with it. */
export class ArtefactError extends Error {
  constructor(readonly file: string, readonly reason: string) {
    super(`${file}: ${reason}`);
    this.name = 'ArtefactError';
  }
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;

const CHUNK = 1 << 20;

export interface OpenOptions {
  /** Refuse a symbolic link: for files only Aisle writes, a link is something else put in their place. */
  noFollow?: boolean;
}

/**
 * Opens `path` for reading only when it is a regular file. O_NONBLOCK keeps a FIFO put in a file's
 * place from hanging the start (it has no effect on regular files); a device or a directory is refused.
 */
function openRegular(path: string, options: OpenOptions): { fd: number; size: number } {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | (options.noFollow ? constants.O_NOFOLLOW : 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ArtefactError(path, 'missing');
    if (code === 'ELOOP') throw new ArtefactError(path, 'is a symbolic link, where Aisle writes a plain file');
    throw new ArtefactError(path, `cannot be read (${code ?? String(error)})`);
  }
  const stat = fstatSync(fd);
  if (!stat.isFile()) {
    closeSync(fd);
    throw new ArtefactError(path, 'is not a regular file');
  }
  return { fd, size: stat.size };
}

/** sha256 (hex) of a file's bytes, read in 1 MiB chunks so a 100 MB model is never held whole. */
export function sha256File(path: string, options: OpenOptions = {}): string {
  const { fd } = openRegular(path, options);
  try {
    const hash = createHash('sha256');
    const buffer = Buffer.allocUnsafe(CHUNK);
    for (let read; (read = readSync(fd, buffer, 0, CHUNK, null)) > 0; ) hash.update(buffer.subarray(0, read));
    return hash.digest('hex');
  } finally {
    closeSync(fd);
  }
}

/** sha256 (hex) of a string, for files whose checksum is kept inside them (of the rest of their content). */
export function sha256Text(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The file's sha256 when it equals `expected`; otherwise an ArtefactError naming the file and why
 * (missing, not a plain file, no checksum recorded, or bytes that differ: damaged or truncated).
 */
export function verifyFile(path: string, expected: unknown, options: OpenOptions = {}): string {
  if (typeof expected !== 'string' || !SHA256_HEX.test(expected)) throw new ArtefactError(path, 'has no sha256 recorded, so it cannot be verified');
  const actual = sha256File(path, options);
  if (actual !== expected) {
    throw new ArtefactError(path, `sha256 ${actual.slice(0, 12)}… differs from the ${expected.slice(0, 12)}… recorded when it was written (damaged, truncated or replaced)`);
  }
  return actual;
}

/**
 * A small JSON file (a manifest, a calibration), or undefined when there is none. Anything else
 * (a device, a huge file, not JSON) is an ArtefactError naming the file; the message never quotes
 * the content, which may be whatever a link points to.
 */
export function readJsonFile(path: string, options: OpenOptions & { maxBytes?: number } = {}): unknown {
  const maxBytes = options.maxBytes ?? 1 << 20;
  let opened: { fd: number; size: number };
  try {
    opened = openRegular(path, options);
  } catch (error) {
    if (error instanceof ArtefactError && error.reason === 'missing') return undefined;
    throw error;
  }
  const { fd, size } = opened;
  try {
    if (size > maxBytes) throw new ArtefactError(path, `is ${size} bytes, more than a ${maxBytes}-byte JSON file of this kind can be`);
    const buffer = Buffer.alloc(size);
    let offset = 0;
    for (let read; offset < size && (read = readSync(fd, buffer, offset, size - offset, null)) > 0; ) offset += read;
    try {
      return JSON.parse(buffer.subarray(0, offset).toString('utf8'));
    } catch {
      throw new ArtefactError(path, 'is not valid JSON');
    }
  } finally {
    closeSync(fd);
  }
}
