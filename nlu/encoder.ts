/**
 * The one boundary between text and vectors: `catalog` and `bot` depend only on this.
 *
 *   const [v] = await encoder.embed(['how do I return something?']);
 *   v.length === encoder.dimensions; // 384, unit length
 */
import type { TrainedTexts } from './trained-texts.js';

export interface Encoder {
  /** Identifies the model, e.g. `sentence-transformers/all-MiniLM-L6-v2@int8`. */
  readonly modelId: string;
  /** Content hash of the weights in use: indexes built with another hash are stale. */
  readonly modelHash: string;
  /** Length of every vector `embed` returns. */
  readonly dimensions: number;
  /** Largest number of texts one `embed` call accepts; `embedMany` splits bigger inputs. */
  readonly maxBatchSize: number;
  /**
   * Texts the model takes in one run. 1 where a text's vector would otherwise depend on the
   * texts run beside it: the int8 graph quantises its activations with one scale per run, so
   * "a tenner each" came out at cosine 0.992 to itself depending on its batch-mates, and a
   * reply could change with whoever else was chatting. Merging callers' texts into one call
   * then gains nothing.
   */
  readonly textsPerRun: number;
  /** Texts the model was fine-tuned on (TrainedTexts.NONE for a base): calibration leaves them out. */
  readonly trainedOn: TrainedTexts;
  /** One L2-normalised vector per text, in input order. */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
  /** Frees native resources; the encoder cannot be used afterwards. */
  dispose(): Promise<void>;
}

export class EncoderError extends Error {
  constructor(message: string, cause?: unknown) {
    super(`nlu: ${message}`, { cause });
    this.name = 'EncoderError';
  }
}
