/**
 * Spelling correction against the shop's own vocabulary: "sleping bag" -> "sleeping bag",
 * "headphoens" -> "headphones", "Kestral" -> "kestrel", "sleepingbag" -> "sleeping bag",
 * "kettle bell" -> "kettlebell". Words of real English ("busy", "gift", "kite") and words the
 * shop knows are left alone, so the corrector never fights the shopper over a real word.
 *
 *   const speller = new SpellingCorrector(['sleeping bag', 'headphones', 'Kestrel', 'yoga mat']);
 *   speller.correct('Kestral sleping bag for a festival');
 *   // { text: 'kestrel sleeping bag for a festival',
 *   //   corrections: [{ from: 'kestral', to: 'kestrel', sure: true },
 *   //                 { from: 'sleping', to: 'sleeping', sure: true }] }
 *
 * How a word is treated, in order:
 *  - numbers, prices, sizes ("$50", "20quid", "9.5", "XL", "XXXL"), words of 3 letters or
 *    fewer, and words with inner punctuation ("t-shirt") are never touched;
 *  - two words that the vocabulary writes as one ("head phones") are joined;
 *  - shop words (phrases, knownWords, and their plurals) stay;
 *  - an unknown word that is the vocabulary's multi-word phrase written as one ("sleepingbag")
 *    is split;
 *  - a real English word stays, unless it is a one-slip real-word typo (a doubled/undoubled
 *    letter or two swapped letters) that turns into a vocabulary phrase with its neighbour:
 *    "yoga matt" -> "yoga mat", "duffle bag" -> "duffel bag", always with sure = false;
 *  - any other word goes to the closest vocabulary word: edit distance 1 for 4-7 letters,
 *    2 for 8+, an adjacent swap counting as one edit; candidates that make a vocabulary phrase
 *    with a neighbouring word win. sure = one best candidate and (>= 5 letters or the phrase
 *    check confirmed it). A word of 4 letters becomes a word met only in a name (`names`: "nine"
 *    of Atelier Nine) only beside the name's other words ("nike" stays);
 *  - a word whose only shop candidate is a plural ("mattres": "mattes") goes to an English noun
 *    one doubled letter or swap away instead ("mattress"), unless a phrase confirms the shop's.
 *
 * English word list: `word-list` (274k words, US and British spellings, inflections listed
 * out), chosen over `nspell` + `dictionary-en` (+ `dictionary-en-gb`). Measured on the 2-core
 * dev machine, Node 20, each in a fresh process, growth of process.memoryUsage() after GC;
 * "busy" = median of 5 runs, interleaved, while other test suites loaded the machine:
 *
 *                                       quiet load     busy load   heap      RSS      lookup
 *   word-list, searched in place (used)      -           75 ms     +2.8 MB  +7-13 MB  ~3 µs
 *   word-list as a Set of its lines       117 ms        213 ms     +22 MB   +42 MB    0.1 µs
 *   nspell + dictionary-en + -en-gb       290 ms        514 ms     +22 MB   +57 MB    1.0 µs
 *   nspell + dictionary-en alone          197 ms        264 ms     +13 MB   +34 MB    1.5 µs
 *
 * nspell with the US dictionary alone flags "colour", "grey", "cancelling", "harbour" and
 * "matt" as misspelt, so they would be "corrected" to shop words; with the British dictionary
 * added it is the slowest and heaviest. The plain list has both spellings, and kept as one
 * string with line offsets (binary search, see WordList) it is the lightest by far. It is
 * loaded once per process, on the first construction.
 *
 * Edit distance is `fastest-levenshtein`; candidates come from a SymSpell-style deletion
 * index, so a query never scans the vocabulary. On a 3,000-word vocabulary (scratch bench,
 * random dictionary words, 9 letters on average, 500 two-word phrases): construction
 * ~110-140 ms quiet (~250-400 ms busy) once the list is loaded, ~20 µs per query (~40 busy).
 */
import { readFileSync } from 'node:fs';
import { distance } from 'fastest-levenshtein';
import wordListPath from 'word-list';
import { englishLexicon } from './lexicon.js';
import { stem } from './words.js';

export interface SpellingCorrection {
  from: string;
  to: string;
  /** true: apply silently; false: apply but say "Did you mean 'to'?" */
  sure: boolean;
}

export interface SpellingResult {
  text: string;
  corrections: SpellingCorrection[];
}

export interface SpellingOptions {
  /** Extra words never to correct, e.g. every word of the catalog's titles and descriptions. */
  knownWords?: Iterable<string>;
  /** Names among the phrases (brands): their words are corrected to as any phrase's, but a short word only beside the name's other words. */
  names?: Iterable<string>;
}

/**
 * The English word list, searched in place: its file is (almost) sorted, so a binary search over
 * line offsets replaces a 270k-entry Set: +2.8 MB of heap instead of +22 MB, a third of the load time.
 * Lines out of order (the list has a couple, "manlihood" after "manlily") go to a small Set, so
 * the search never depends on the file being perfectly sorted.
 */
class WordList {
  private readonly starts: Uint32Array;
  private readonly ends: Uint32Array;
  private readonly count: number;
  private readonly unsorted = new Set<string>();

  constructor(private readonly text: string, minLength: number) {
    const starts = new Uint32Array(Math.floor(text.length / (minLength + 1)) + 1);
    const ends = new Uint32Array(starts.length);
    let count = 0;
    for (let start = 0; start < text.length; ) {
      let end = text.indexOf('\n', start);
      if (end === -1) end = text.length;
      if (end - start >= minLength) {
        if (count > 0 && this.compareLines(starts[count - 1]!, ends[count - 1]!, start, end) >= 0) {
          this.unsorted.add(text.slice(start, end));
        } else {
          starts[count] = start;
          ends[count++] = end;
        }
      }
      start = end + 1;
    }
    // The arrays were sized for the worst case; keep only what is used.
    this.starts = starts.slice(0, count);
    this.ends = ends.slice(0, count);
    this.count = count;
  }

  /** Two lines of the file in code-unit order, without making substrings (250k of them would cost ~100 ms). */
  private compareLines(aStart: number, aEnd: number, bStart: number, bEnd: number): number {
    const length = Math.min(aEnd - aStart, bEnd - bStart);
    for (let i = 0; i < length; i++) {
      const diff = this.text.charCodeAt(aStart + i) - this.text.charCodeAt(bStart + i);
      if (diff !== 0) return diff;
    }
    return aEnd - aStart - (bEnd - bStart);
  }

  has(word: string): boolean {
    let lo = 0;
    let hi = this.count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const order = this.compare(this.starts[mid]!, this.ends[mid]!, word);
      if (order === 0) return true;
      if (order < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return this.unsorted.has(word);
  }

  /** The line text[start, end) against `word`, in code-unit order, without making a substring. */
  private compare(start: number, end: number, word: string): number {
    const length = Math.min(end - start, word.length);
    for (let i = 0; i < length; i++) {
      const diff = this.text.charCodeAt(start + i) - word.charCodeAt(i);
      if (diff !== 0) return diff;
    }
    return end - start - word.length;
  }
}

/** Chat shorthand no dictionary lists, never a misspelling of a shop word: "bday" is no "bay". */
const CHAT_WORDS = new Set(['bday', 'bdays', 'xmas', 'pls', 'plz', 'thx', 'tbh', 'btw', 'imo', 'lol', 'omg', 'idk', 'asap', 'gf', 'bf', 'mum', 'hubby', 'wifey', 'yo', 'yr', 'yrs', 'kinda', 'gonna', 'wanna', 'gotta', 'sooo', 'soo',
  // Units as chat writes them: "i walk 20 mins" is no "men s".
  'min', 'mins', 'hr', 'hrs', 'sec', 'secs', 'wk', 'wks', 'mth', 'mths', 'kms', 'kg', 'kgs', 'lbs', 'mph']);

let englishWords: WordList | undefined;

/** Loaded once per process, on the first construction; words of 3 letters or fewer are never corrected, so left out. */
function english(): WordList {
  englishWords ??= new WordList(readFileSync(wordListPath, 'utf8'), 4);
  return englishWords;
}

/** Whether the English word list has the word (words of 4+ letters; shorter ones are not listed). */
export function isEnglishWord(word: string): boolean {
  return english().has(word);
}

/**
 * A word as English spells it, for saying back a thing the shop does not know: "controler" ->
 * "controller", "mattres" -> "mattress". Only a word of 5+ letters that the list lacks, and only
 * when one noun English knows is the likeliest slip away: a doubled letter dropped or added first
 * ("laptopp" is a laptop, not laptops), then two letters swapped, then one letter dropped, added or
 * changed. Otherwise the word as typed. A make is a word the list lacks too ("chanel" would be a
 * channel, "casio" a casino): with `slips: 'likely'` only a doubled letter or two letters swapped
 * count, as when saying back a thing's noun, which may be a make ("controler", not "casio").
 */
export function englishSpelling(word: string, slips: 'any' | 'likely' = 'any'): string {
  const list = english();
  if (word.length < 5 || !/^[a-z]+$/.test(word) || list.has(word)) return word;
  const lexicon = englishLexicon();
  const found = new Set<string>();
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const tryWord = (candidate: string): void => {
    if (candidate !== word && list.has(candidate) && lexicon.isNoun(candidate)) found.add(candidate);
  };
  for (let i = 0; i <= word.length; i++) {
    if (i < word.length) tryWord(word.slice(0, i) + word.slice(i + 1));
    if (i + 1 < word.length) tryWord(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
    for (const letter of letters) {
      tryWord(word.slice(0, i) + letter + word.slice(i));
      if (i < word.length) tryWord(word.slice(0, i) + letter + word.slice(i + 1));
    }
  }
  const near = [...found];
  // A letter changed, added or dropped (not doubled) turns makes into words: "casio" a casino, "fitbit" a titbit.
  const tiers = [near.filter((candidate) => isDoubling(word, candidate)), near.filter((candidate) => isRealWordSlip(word, candidate)), ...(slips === 'any' ? [near] : [])];
  const likeliest = tiers.find((tier) => tier.length > 0) ?? [];
  return likeliest.length === 1 ? likeliest[0]! : word;
}

/** One word is the other with one of a pair of letters dropped: "laptopp"/"laptop", "controler"/"controller". */
function isDoubling(a: string, b: string): boolean {
  const [long, short] = a.length > b.length ? [a, b] : [b, a];
  if (long.length !== short.length + 1) return false;
  for (let i = 1; i < long.length; i++) if (long[i] === long[i - 1] && long.slice(0, i) + long.slice(i + 1) === short) return true;
  return false;
}

/** Lower case, accents off, split on anything that is not a letter or digit ("Harbor & Pine" -> harbor, pine). */
function words(phrase: string): string[] {
  return phrase
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
}

/** Words up to 3 letters have too many one-edit neighbours to correct safely. */
function maxEdits(length: number): number {
  return length >= 8 ? 2 : length >= 4 ? 1 : 0;
}

/** The target is the word with one letter put back: "knif" -> "knife". */
function isOmission(word: string, target: string): boolean {
  if (target.length !== word.length + 1) return false;
  for (let i = 0; i < target.length; i++) if (target.slice(0, i) + target.slice(i + 1) === word) return true;
  return false;
}

/** Levenshtein distance where one adjacent swap ("headphoens") counts as one edit, not two. */
function editDistance(a: string, b: string): number {
  let best = distance(a, b);
  if (best < 2) return best;
  for (let i = 0; i + 1 < a.length; i++) {
    if (a[i] === a[i + 1]) continue;
    const swapped = a.slice(0, i) + a[i + 1] + a[i] + a.slice(i + 2);
    best = Math.min(best, distance(swapped, b) + 1);
  }
  return best;
}

/** Every string reachable from `word` by deleting up to `depth` (1 or 2) letters, `word` included; none shorter than `minLength`. */
function deletions(word: string, depth: number, minLength: number): Set<string> {
  const out = new Set<string>([word]);
  const n = word.length;
  if (depth === 0 || n <= minLength) return out;
  for (let i = 0; i < n; i++) {
    // Deleting one of a run of equal letters gives the same string: keep the first only.
    if (i > 0 && word[i] === word[i - 1]) continue;
    const shorter = word.slice(0, i) + word.slice(i + 1);
    out.add(shorter);
    if (depth < 2 || n - 1 <= minLength) continue;
    for (let j = i; j < n - 1; j++) out.add(shorter.slice(0, j) + shorter.slice(j + 1));
  }
  return out;
}

/** The slips that turn one real word into another by accident: "matt"/"mat", "duffle"/"duffel". */
function isRealWordSlip(word: string, target: string): boolean {
  if (word.length === target.length + 1 || target.length === word.length + 1) return isDoubling(word, target);
  if (word.length !== target.length) return false;
  const diff = [...word].flatMap((char, i) => (char === target[i] ? [] : [i]));
  return diff.length === 2 && diff[1] === diff[0]! + 1 && word[diff[0]!] === target[diff[1]!] && word[diff[1]!] === target[diff[0]!];
}

interface Token {
  start: number;
  end: number;
  word: string;
  /** Letters only, long enough, not a size: may be corrected. */
  editable: boolean;
}

/** Sizes that look like words: "XXL", "XXXL", "XS". */
const SIZE = /^(x{0,4}[sml]|[sml]|one ?size)$/i;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const chunk of text.matchAll(/\S+/g)) {
    // Trim surrounding punctuation ("bag," "(kettel)"), keep "$50" and "9.5" whole so they stay untouched.
    const core = /[\p{L}\p{N}$£€](?:.*[\p{L}\p{N}%])?/u.exec(chunk[0]);
    if (!core) continue;
    const start = chunk.index + core.index;
    const raw = core[0];
    const word = raw.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
    // All-caps words of 4 letters or fewer are codes and sizes ("HDMI", "XXXL"), not misspellings.
    const code = raw.length <= 4 && raw === raw.toUpperCase();
    const editable = /^\p{L}+$/u.test(word) && word.length >= 4 && !SIZE.test(word) && !code;
    tokens.push({ start, end: start + raw.length, word, editable });
  }
  return tokens;
}

interface Candidate {
  /** The vocabulary's word, or a multi-word phrase written without spaces ("sleepingbag"). */
  key: string;
  /** What replaces the shopper's word: the key, or the phrase with its spaces ("sleeping bag"). */
  replacement: string;
}

export class SpellingCorrector {
  private readonly english = english();
  private readonly vocabulary = new Set<string>();
  private readonly known = new Set<string>();
  /** Stems of shop and known words, so "kettlebells" and "hoodies" count as known. */
  private readonly knownStems = new Set<string>();
  private readonly vocabularyStems = new Set<string>();
  /** Adjacent word pairs of the vocabulary's phrases: "sleeping bag", "harbor pine". */
  private readonly bigrams = new Set<string>();
  /** "sleepingbag" -> "sleeping bag". */
  private readonly joined = new Map<string, string>();
  private readonly candidates: Candidate[] = [];
  /** SymSpell deletion index: a deletion variant -> candidates that produce it. */
  private readonly index = new Map<string, number | number[]>();
  /** Words met only in names ("nine" of the brand Atelier Nine): a short word is corrected to one only beside the name's other words. */
  private readonly nameOnlyWords = new Set<string>();
  /** How many phrases use a word: breaks ties towards the shop's commoner words. */
  private readonly frequency = new Map<string, number>();

  constructor(phrases: readonly string[], options: SpellingOptions = {}) {
    for (const phrase of phrases) {
      const parts = words(phrase);
      for (const [i, part] of parts.entries()) {
        this.vocabulary.add(part);
        this.frequency.set(part, (this.frequency.get(part) ?? 0) + 1);
        if (i > 0) {
          this.bigrams.add(`${parts[i - 1]} ${part}`);
          // Shoppers leave the apostrophe out: "chefs knife" is the phrase "chef's knife".
          this.bigrams.add(`${parts[i - 1]!.replace(/['’]/g, '')} ${part.replace(/['’]/g, '')}`);
        }
      }
      const glued = parts.join('');
      if (parts.length > 1 && parts.every((part) => /^\p{L}+$/u.test(part))) this.joined.set(glued, parts.join(' '));
    }
    for (const word of options.knownWords ?? []) for (const part of words(word)) this.known.add(part);
    const names = [...(options.names ?? [])];
    for (const name of names) {
      for (const part of words(name)) {
        this.vocabulary.add(part);
        this.nameOnlyWords.add(part);
      }
    }
    for (const phrase of phrases) if (!names.includes(phrase)) for (const part of words(phrase)) this.nameOnlyWords.delete(part);
    for (const word of this.vocabulary) this.vocabularyStems.add(stem(word));
    for (const word of [...this.vocabulary, ...this.known]) this.knownStems.add(stem(word));
    // A shop word written as one ("backpack") needs no split; a glued phrase that is a word stays a word.
    for (const glued of this.joined.keys()) if (this.vocabulary.has(glued)) this.joined.delete(glued);

    const targets: Candidate[] = [...this.vocabulary]
      .filter((word) => word.length >= 3 && /^\p{L}+$/u.test(word))
      .map((word) => ({ key: word, replacement: word }));
    for (const [key, replacement] of this.joined) targets.push({ key, replacement });
    for (const target of targets) {
      const id = this.candidates.push(target) - 1;
      // Two deletions on the shop's side are only needed to meet queries of 8+ letters halfway (two
      // substitutions), which then keep 6+ letters; queries of 4+ letters never go below 3 letters.
      // Glued phrases ("sleepingbag") get one: they are long, so two would cost ~150 variants each.
      const depth = target.key.length >= 8 && target.key === target.replacement ? 2 : 1;
      for (const variant of deletions(target.key, depth, 3)) {
        // Most variants belong to one word: a bare id saves an array per entry (half the build time).
        const ids = this.index.get(variant);
        if (ids === undefined) this.index.set(variant, id);
        else if (typeof ids === 'number') this.index.set(variant, [ids, id]);
        else ids.push(id);
      }
    }
  }

  correct(text: string): SpellingResult {
    const tokens = tokenize(text);
    const edits: { start: number; end: number; to: string; from: string; sure: boolean }[] = [];
    // Words as corrected so far: a corrected word is the context for its right-hand neighbour.
    const context = tokens.map((token) => token.word);

    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      const next = tokens[i + 1];
      const original = text.slice(token.start, token.end).toLowerCase();

      // "head phones" -> "headphones": only when the pair is not itself a vocabulary phrase, and only
      // against the vocabulary: catalog prose would glue "every day" and "a way".
      if (next && /^\p{L}{2,}$/u.test(token.word) && /^\p{L}{2,}$/u.test(next.word)) {
        const glued = token.word + next.word;
        const shopWord = this.vocabulary.has(glued) || (glued.length >= 6 && this.vocabularyStems.has(stem(glued)));
        if (shopWord && !this.bigrams.has(`${token.word} ${next.word}`) && !this.joined.has(glued)) {
          edits.push({ start: token.start, end: next.end, from: text.slice(token.start, next.end).toLowerCase(), to: glued, sure: true });
          context[i] = context[i + 1] = glued;
          i++;
          continue;
        }
      }
      if (!token.editable || this.isShopWord(token.word)) continue;

      const split = this.joined.get(token.word) ?? this.pluralOf(this.joined.get(token.word.replace(/s$/, '')));
      if (split !== undefined) {
        edits.push({ start: token.start, end: token.end, from: original, to: split, sure: true });
        context[i] = split;
        continue;
      }

      const prev = context[i - 1];
      const after = next?.word;
      const fix = this.english.has(token.word) ? this.realWordSlip(token.word, prev, after) : this.closestWord(token.word, prev, after);
      if (fix) {
        edits.push({ start: token.start, end: token.end, from: original, ...fix });
        context[i] = fix.to;
      }
    }

    let out = '';
    let at = 0;
    for (const edit of edits) {
      out += text.slice(at, edit.start).toLowerCase() + edit.to;
      at = edit.end;
    }
    out += text.slice(at).toLowerCase();
    return { text: out, corrections: edits.map(({ from, to, sure }) => ({ from, to, sure })) };
  }

  /** "sleepingbags" splits to "sleeping bags", not "sleeping bag". */
  private pluralOf(phrase: string | undefined): string | undefined {
    return phrase === undefined ? undefined : `${phrase}s`;
  }

  private isShopWord(word: string): boolean {
    return this.vocabulary.has(word) || this.known.has(word) || this.knownStems.has(stem(word)) || CHAT_WORDS.has(word);
  }

  /** A vocabulary phrase with the word before or after it confirms a candidate. */
  private formsPhrase(word: string, prev: string | undefined, next: string | undefined): boolean {
    return (prev !== undefined && this.bigrams.has(`${prev} ${word}`)) || (next !== undefined && this.bigrams.has(`${word} ${next}`));
  }

  private lookup(word: string, edits: number): { candidate: Candidate; edits: number }[] {
    const seen = new Set<number>();
    const found: { candidate: Candidate; edits: number }[] = [];
    for (const variant of deletions(word, edits, 3)) {
      const ids = this.index.get(variant);
      for (const id of typeof ids === 'number' ? [ids] : (ids ?? [])) {
        if (seen.has(id)) continue;
        seen.add(id);
        const candidate = this.candidates[id]!;
        const d = editDistance(word, candidate.key);
        if (d <= edits) found.push({ candidate, edits: d });
      }
    }
    return found;
  }

  /** The closest vocabulary word to an unknown word, or undefined when none is close enough. */
  private closest(word: string, prev: string | undefined, next: string | undefined): Omit<SpellingCorrection, 'from'> | undefined {
    const ranked = this.lookup(word, maxEdits(word.length))
      .map(({ candidate, edits }) => ({
        candidate,
        edits,
        phrase: candidate.key === candidate.replacement && this.formsPhrase(candidate.key, prev, next),
      }))
      // A phrase with the neighbour outweighs the edit count: next to "bag", the candidate that makes
      // "sleeping bag" wins even over a closer word. Then fewer edits, then the shopper's first letter.
      .sort(
        (a, b) =>
          Number(b.phrase) - Number(a.phrase) ||
          a.edits - b.edits ||
          Number(b.candidate.key[0] === word[0]) - Number(a.candidate.key[0] === word[0]) ||
          // A letter left out is the commonest slip: "knif" is "knife" before "knit", "jumpr" "jumper" before "jump".
          Number(isOmission(word, b.candidate.key)) - Number(isOmission(word, a.candidate.key)) ||
          (this.frequency.get(b.candidate.key) ?? 0) - (this.frequency.get(a.candidate.key) ?? 0) ||
          a.candidate.key.localeCompare(b.candidate.key),
      );
    const best = ranked[0];
    if (!best) return undefined;
    // A short word has many neighbours: it becomes a word of a name ("nike" -> the "nine" of
    // Atelier Nine) only when the name's other word is there too.
    if (word.length < 5 && !best.phrase && this.nameOnlyWords.has(best.candidate.key)) return undefined;
    const tied = ranked.filter((r) => r.phrase === best.phrase && r.edits === best.edits).length;
    return { to: best.candidate.replacement, sure: tied === 1 && (word.length >= 5 || best.phrase) };
  }

  /**
   * An unknown word's likeliest spelling: the shop's word, unless an English noun is a likelier slip
   * away and the shop's is confirmed by no phrase: "mattres" is a mattress (one "s" typed) before it
   * is "mattes" (an "r" slipped in), which tells the shopper the truth that the shop sells none.
   */
  private closestWord(word: string, prev: string | undefined, next: string | undefined): Omit<SpellingCorrection, 'from'> | undefined {
    const direct = this.closest(word, prev, next);
    if (direct) return direct;
    // A shop word met only as a plural the word is not ("mattes" of a matte finish), with no phrase
    // to confirm it, gives way to an English noun a likelier slip away. With no shop word near, the
    // word stays as typed: "chanel" is a make, not a channel.
    const plural = this.closestPlural(word, prev, next);
    if (!plural || this.formsPhrase(plural.to, prev, next) || isRealWordSlip(word, plural.to.replace(/ /g, ''))) return plural;
    const english = englishSpelling(word);
    return english !== word && isRealWordSlip(word, english) ? { to: english, sure: true } : plural;
  }

  /** "kettels" -> "kettles": the plural's extra letter would otherwise use up the allowed edit. */
  private closestPlural(word: string, prev: string | undefined, next: string | undefined): Omit<SpellingCorrection, 'from'> | undefined {
    if (!word.endsWith('s') || word.length < 5) return undefined;
    const fix = this.closest(word.slice(0, -1), prev, next);
    return fix && { ...fix, to: `${fix.to}s` };
  }

  /** A real English word is changed only for a real-word slip that makes a vocabulary phrase, and never silently. */
  private realWordSlip(word: string, prev: string | undefined, next: string | undefined): Omit<SpellingCorrection, 'from'> | undefined {
    const fits = this.lookup(word, 1).filter(
      ({ candidate }) =>
        candidate.key === candidate.replacement &&
        stem(candidate.key) !== stem(word) &&
        isRealWordSlip(word, candidate.key) &&
        this.formsPhrase(candidate.key, prev, next),
    );
    return fits.length === 1 ? { to: fits[0]!.candidate.key, sure: false } : undefined;
  }
}
