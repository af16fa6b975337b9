/**
 * Features the shopper does not want, said with "without" or "no": "a jacket without a
 * hood", "headphones with no cable". They become lexical tokens that a product must not
 * mention. Colours, materials and brands handle their own negation ("not red").
 *
 *   negationTask.run('rain jacket without a hood') // { filters: { excludedTerms: ['hood'] } }
 */
import { englishLexicon } from '../text/lexicon.js';
import type { QueryTask } from './types.js';
import { lexicalTokens, queryWords } from '../text/words.js';

/** Words after "no"/"without" that are not product features ("no more than $50", "no idea"). */
const NOT_FEATURES = new Set(['more', 'less', 'than', 'longer', 'idea', 'problem', 'thanks', 'thank', 'one', 'need', 'rush', 'worries', 'matter', 'way', 'longer', 'later', 'reply', 'response', 'answer', 'tracking', 'refund', 'receipt', 'account', 'email', 'order', 'clue', 'something', 'anything', 'non', 'much', 'fuss', 'hassle', 'doubt', 'luck', 'time', 'money', 'budget', 'space', 'room']);

/** Words before "without" that say how the shopper gets on without something. */
const SHOPPER_FARES = /^(?:lost|live|living|cope|coping|manage|managing|survive|surviving|do|go|going|struggle|struggling|function|useless|helpless|stuck|nothing|left|leave|leaving)$/;

export const negationTask: QueryTask = {
  name: 'negation',
  run(text) {
    const words = queryWords(text);
    const excluded: string[] = [];
    const matched: string[] = [];
    for (let i = 0; i < words.length; i++) {
      if (words[i] !== 'without' && !(words[i] === 'no' && i > 0 && /^(with|has|have|having|and)$/.test(words[i - 1]!))) continue;
      // "i get lost without maps", "can't live without my phone": how the shopper fares, not a feature to avoid.
      if (words[i] === 'without' && SHOPPER_FARES.test(words[i - 1] ?? '')) continue;
      let j = i + 1;
      while (j < words.length && /^(a|an|any|the|built|in)$/.test(words[j]!)) j++;
      const feature = words[j];
      if (!feature || NOT_FEATURES.has(feature) || /^\$?\d/.test(feature)) continue;
      // A feature is a thing: not "without spending much", "without carrying my phone".
      // An -ing word with an object after it is doing, not a feature: "without lugging my phone",
      // "without spending much"; "with no lining" keeps its lining.
      if (englishLexicon().isIngForm(feature) && (!englishLexicon().isNoun(feature) || /^(my|your|his|her|their|our|the|a|an|it|them|much|money|too|any)$/.test(words[j + 1] ?? ''))) continue;
      // "my shoes have no support left" says what the shopper's own thing lacks, not what to avoid
      // ("rain jacket for my wife no hood" does ask for no hood).
      if (words[i] === 'no' && /^(have|has|had|got)$/.test(words[i - 1] ?? '') && words.slice(Math.max(0, i - 4), i - 1).some((word) => /^(my|our|his|her|their|mine)$/.test(word))) continue;
      const tokens = lexicalTokens(feature);
      if (tokens.length === 0) continue;
      excluded.push(...tokens);
      matched.push(words.slice(i, j + 1).join(' '));
    }
    return excluded.length ? { filters: { excludedTerms: [...new Set(excluded)] }, matched, lacking: matched.map((span) => span.split(' ').at(-1)!) } : {};
  },
};
