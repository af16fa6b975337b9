/**
 * Generic sentences that no shop's FAQ should answer (`nlu/data/background-sentences.txt`):
 * the out-of-scope half of threshold calibration. A shop can ship its own file.
 *
 *   loadBackgroundSentences().length // 210
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const DEFAULT_BACKGROUND_FILE = fileURLToPath(new URL('./data/background-sentences.txt', import.meta.url));

export function loadBackgroundSentences(file: string = DEFAULT_BACKGROUND_FILE): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}
