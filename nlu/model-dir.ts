/**
 * What makes a directory a usable sentence-encoder model for Aisle: Hugging Face layout
 * with both ONNX variants, and not a click cross-encoder (same layout, other output).
 *
 *   encoderDirProblem('models/all-MiniLM-L6-v2') // undefined: usable
 *   encoderDirProblem('/tmp/nothing')           // 'no directory /tmp/nothing'
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const REQUIRED_MODEL_FILES = ['config.json', 'tokenizer.json', 'onnx/model.onnx', 'onnx/model_quantized.onnx'];

export function modelIsComplete(dir: string): boolean {
  return REQUIRED_MODEL_FILES.every((file) => existsSync(join(dir, file)));
}

/** Why `dir` cannot serve as the bot's encoder, or undefined when it can. */
export function encoderDirProblem(dir: string): string | undefined {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return `no directory ${dir}`;
  const missing = REQUIRED_MODEL_FILES.filter((file) => !existsSync(join(dir, file)));
  if (missing.length) return `${dir} is not a complete model: missing ${missing.join(', ')}`;
  const manifestPath = join(dir, 'manifest.json');
  if (existsSync(manifestPath)) {
    try {
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { kind?: string };
      if (manifest.kind === 'cross-encoder') return `${dir} is a click cross-encoder (npm run finetune -- --ctr), not a sentence encoder`;
    } catch (error) {
      return `${manifestPath} is not valid JSON (${error instanceof Error ? error.message : String(error)})`;
    }
  }
  return undefined;
}
