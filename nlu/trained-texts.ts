/**
 * The texts a fine-tuned model was trained on, as its trainer recorded them
 * (`training-texts.json` in the model directory: the sha256 of each text, normalised).
 *
 * Calibration must score a model on questions it has not seen. A reviewed question that the
 * model trained on scores higher than the next shopper's question will, so a threshold set on
 * it answers too boldly.
 *
 *   const trained = readTrainedTexts('models/aisle-ft-20261202');
 *   trained.has('Where is my order?') // true when "where is my order?" was a training text
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readJsonFile, SHA256_HEX } from './checksum.js';
import { EncoderError } from './encoder.js';
import { readModelManifest, verifiedModelFiles, type ModelManifest } from './model-dir.js';

export const TRAINED_TEXTS_FILE = 'training-texts.json';

/**
 * The form a text is hashed in, the same as scripts/model/finetune.py's `trained_text_key`:
 * NFKC, lower case, runs of white space as one space, trimmed. A question reviewed as
 * "Where is my  order?" is the training text "where is my order?".
 */
export function trainedTextKey(text: string): string {
  const normalised = text.normalize('NFKC').toLowerCase().split(/\s+/u).filter(Boolean).join(' ');
  return createHash('sha256').update(normalised).digest('hex');
}

export class TrainedTexts {
  /** A model that was not fine-tuned here (a pulled base): nothing is known to be trained on. */
  static readonly NONE = new TrainedTexts([]);

  private readonly keys: ReadonlySet<string>;

  constructor(keys: Iterable<string>) {
    this.keys = new Set(keys);
  }

  get size(): number {
    return this.keys.size;
  }

  /** Identifies the set: a calibration made for one set of trained texts is not reused for another. */
  get digest(): string {
    return createHash('sha256').update([...this.keys].sort().join('\n')).digest('hex');
  }

  has(text: string): boolean {
    return this.keys.size > 0 && this.keys.has(trainedTextKey(text));
  }
}

/**
 * The texts the model in `dir` was trained on: NONE when it records none (a base model). The
 * file is checked against the manifest like the weights: a damaged list would let calibration
 * score the model on its own training data without anyone knowing.
 */
export function readTrainedTexts(dir: string, manifest: ModelManifest | undefined = readModelManifest(dir)): TrainedTexts {
  if (!existsSync(join(dir, TRAINED_TEXTS_FILE))) {
    if (manifest?.files[TRAINED_TEXTS_FILE] !== undefined) throw new EncoderError(`${dir}: ${TRAINED_TEXTS_FILE} is missing, although manifest.json records it; restore the model or run \`npm run finetune\` again`);
    return TrainedTexts.NONE;
  }
  verifiedModelFiles(dir, [TRAINED_TEXTS_FILE], { manifest });
  const saved = readJsonFile(join(dir, TRAINED_TEXTS_FILE)) as { sha256?: unknown } | undefined;
  const keys = saved?.sha256;
  if (!Array.isArray(keys) || !keys.every((key) => typeof key === 'string' && SHA256_HEX.test(key))) {
    throw new EncoderError(`${join(dir, TRAINED_TEXTS_FILE)}: expected {"sha256": [hex digests]} as npm run finetune writes`);
  }
  return new TrainedTexts(keys as string[]);
}
