/**
 * The unlabelled shopper messages `npm run finetune` adapts the encoder on before the
 * supervised stage (scripts/model/domain_adaptation.py): from a file (`--unlabeled`: JSONL
 * rows `{"text": …}`, or plain text with one message a line) and, with `--from-data`, from
 * the store's transcripts. Messages are trimmed and deduplicated; a bad file stops the run
 * with every bad line, so nothing is adapted on half a file.
 *
 *   const set = gatherUnlabeledMessages({ file: 'messages.jsonl', fromData: true }, location);
 *   set.messages.length // 8005
 *   set.counts          // { file: 8005, transcripts: 0 }
 */
import { existsSync, readFileSync } from 'node:fs';
import { openStore, UsageError, type StoreLocation } from './gather.js';

/** Fewer messages than this teach the encoder nothing about the domain: a file that small is refused, a store that small is skipped. */
export const MIN_UNLABELED_MESSAGES = 32;
/** The newest transcript messages read from a store; more adds time, not much domain. */
export const MAX_STORE_MESSAGES = 50_000;

export interface UnlabeledSources {
  file?: string | undefined;
  fromData?: boolean | undefined;
}

export interface UnlabeledSet {
  messages: string[];
  counts: { file?: number; transcripts?: number };
}

/** A file's messages: JSONL when every non-empty line starts with `{`, plain lines otherwise. */
export function readUnlabeledFile(path: string): string[] {
  if (!existsSync(path)) throw new UsageError(`--unlabeled ${path}: no such file`);
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  const filled = lines.map((line, i) => ({ line: i + 1, text: line.trim() })).filter(({ text }) => text);
  const jsonl = filled.length > 0 && filled.every(({ text }) => text.startsWith('{'));
  if (!jsonl) return filled.map(({ text }) => text);
  const errors: string[] = [];
  const messages: string[] = [];
  for (const { line, text } of filled) {
    let row: unknown;
    try {
      row = JSON.parse(text);
    } catch {
      errors.push(`line ${line}: not JSON`);
      continue;
    }
    const value = (row as { text?: unknown }).text;
    if (typeof value !== 'string') errors.push(`line ${line}: expected {"text": "…"}`);
    else if (value.trim()) messages.push(value.trim());
  }
  if (errors.length) throw new UsageError(`--unlabeled ${path}: ${errors.length} bad lines, nothing trained:\n  ${errors.slice(0, 20).join('\n  ')}`);
  return messages;
}

export function gatherUnlabeledMessages(sources: UnlabeledSources, location: StoreLocation, warn: (message: string) => void = console.warn): UnlabeledSet {
  const seen = new Set<string>();
  const messages: string[] = [];
  const add = (texts: string[]): number => {
    let added = 0;
    for (const text of texts) {
      if (seen.has(text)) continue;
      seen.add(text);
      messages.push(text);
      added++;
    }
    return added;
  };
  const counts: UnlabeledSet['counts'] = {};
  if (sources.file) {
    const texts = readUnlabeledFile(sources.file);
    counts.file = add(texts);
    if (counts.file < MIN_UNLABELED_MESSAGES) {
      throw new UsageError(`--unlabeled ${sources.file}: ${counts.file} distinct messages; adapting needs at least ${MIN_UNLABELED_MESSAGES}`);
    }
  }
  if (sources.fromData) {
    const store = openStore(location, '--from-data');
    try {
      const texts = store.shopperMessageTexts(MAX_STORE_MESSAGES);
      if (texts.length >= MIN_UNLABELED_MESSAGES || sources.file) counts.transcripts = add(texts);
      else if (texts.length) warn(`finetune: the transcripts hold ${texts.length} distinct shopper messages, fewer than ${MIN_UNLABELED_MESSAGES}: no domain adaptation on them`);
    } finally {
      store.close();
    }
  }
  return { messages, counts };
}
