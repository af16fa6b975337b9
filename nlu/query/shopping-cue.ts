/**
 * Words that mean "show me products" even without a category or price.
 *
 *   shoppingCueTask.run('I am looking for a gift for my dad') // { shoppingCue: true }
 */
import type { QueryTask } from './types.js';

const CUES = /\b(looking for|show me|i want to buy|want to buy|i need (?:a|an|some|new)|recommend|suggest(?: me)?|do you (?:have|sell|carry|stock)|any good|best (?:rated )?\w+ for|gift for|present for|shopping for|buy (?:a|an|some)|cheapest)/i;

export const shoppingCueTask: QueryTask = {
  name: 'shopping-cue',
  run(text) {
    const match = CUES.exec(text);
    return match ? { shoppingCue: true, matched: [match[0]] } : {};
  },
};
