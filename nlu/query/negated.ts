/**
 * Whether a word the query-understanding tasks found is negated ("not red", "without a hood", "no
 * Kestrel", "not grey or black"), and a name's spellings with "and" for "&". Words themselves come
 * from nlu/text/words.ts.
 *
 *   const words = queryWords("Blue jacket, not Kestrel");  // ['blue', 'jacket', 'not', 'kestrel']
 *   isNegated(words, 3)                                    // true
 */
import { LIST_JOINERS } from './owned.js';
import { phraseWords } from '../text/words.js';

const NEGATION_CUES = new Set(['not', 'no', 'without', 'except', 'besides', 'excluding', 'avoid', 'avoiding', 'non', 'nothing', 'never', 'but', 'hate', 'hates', 'allergic', 'dislike']);
/**
 * Words that may sit between a negation and what it negates: "not in red", "no more Kestrel",
 * "without any hood", "do not want leather", "can not stand lavender", "allergic to down", "hate
 * the smell of lavender", "no more navy", "not another mat".
 */
const BRIDGE_WORDS = new Set(['a', 'an', 'any', 'the', 'in', 'anything', 'made', 'of', 'from', 'by', 'too', 'so', 'very', 'really', 'real', 'genuine', 'actual', 'color', 'colored', 'want', 'like', 'need', 'stand', 'wear', 'to', 'smell', 'scent', 'more', 'another']);

/** Whether the word at `start` is negated by a cue within the four words before it ("other than" counts): "hate the smell of lavender". */
export function isNegated(words: readonly string[], start: number): boolean {
  for (let i = start - 1, seen = 0; i >= 0 && seen < 4; i--, seen++) {
    const word = words[i]!;
    if (NEGATION_CUES.has(word)) return word !== 'but' || /^(anything|any|color|everything)$/.test(words[i - 1] ?? '');
    if (word === 'than' && words[i - 1] === 'other') return true;
    if (word === 'from' && words[i - 1] === 'apart') return true;
    if (!BRIDGE_WORDS.has(word)) return false;
  }
  return false;
}


/**
 * Negated directly, or an item of a negated list joined by "or"/"and"/"nor": "down" in
 * "no wool, leather or down", "black" in "not grey or black" (commas are gone after
 * normalising, so a list needs a joiner to count as one). `isItem` says which words can be
 * items of the list.
 */
export function isNegatedInList(words: readonly string[], start: number, isItem: (word: string) => boolean = () => true): boolean {
  if (isNegated(words, start)) return true;
  let joined = false;
  for (let i = start, items = 0; items < 4; items++) {
    let previous = i - 1;
    if (LIST_JOINERS.has(words[previous] ?? '')) {
      joined = true;
      previous--;
    }
    // Only items of the same kind make a list: in "not sure which headphones, wireless or wired"
    // the walk back from "wired" stops at "headphones".
    if (previous < 0 || !isItem(words[previous]!)) return false;
    if (isNegated(words, previous)) return joined;
    i = previous;
  }
  return false;
}

/** A name's words as shoppers type them: "Harbor & Pine" is also "harbor and pine", "cedar & sage" "cedar and sage". */
export function spellingsWithAnd(name: string): string[][] {
  const words = phraseWords(name);
  const withAnd = phraseWords(name.replace(/\s*&\s*/g, ' and '));
  return withAnd.join(' ') === words.join(' ') ? [words] : [words, withAnd];
}
