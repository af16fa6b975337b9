/**
 * Sort intents: "cheapest", "most expensive", "best rated".
 *
 *   sortTask.run('cheapest yoga mat') // { sort: 'price-asc', shoppingCue: true }
 */
import type { QueryTask, SortOrder } from './types.js';

/** The words orders are asked with, for the spelling corrector to correct towards ("cheapist tent"). */
export const SORT_WORDS = ['cheapest', 'cheaper', 'expensive', 'priciest', 'affordable', 'rated', 'reviewed'];

const SORTS: { pattern: RegExp; sort: SortOrder }[] = [
  { pattern: /\b(cheapest|least expensive|lowest[- ]priced?|lowest price|most affordable|low to high|budget(?!\s*(?:of|is|'s|:)?\s*(?:around|about|roughly)?\s*[$£€]?\d)|inexpensive|cheap|cheep|affordable|reasonably priced|(?:not|nothing) too (?:pricey|expensive|dear|spendy)|(?:not|nothing) (?:pricey|expensive)|on a budget|won'?t break the bank|(?:good|best|great) value|value for money)\b/i, sort: 'price-asc' },
  { pattern: /\b(most expensive|priciest|highest[- ]priced?|high to low|top of the range|premium|luxury)\b/i, sort: 'price-desc' },
  { pattern: /\b(best[- ]rated|top[- ]rated|highest[- ]rated|best reviewed|best reviews|highly rated|best[- ]reviewed|(?:really |very |super )?well[- ](?:rated|reviewed)|highly reviewed|(?:good|great) (?:reviews|ratings)|(?:highest|best|top) (?:ratings?|reviews?|scores?)|most popular|best[- ]selling|bestsellers?)\b/i, sort: 'rating' },
];

export const sortTask: QueryTask = {
  name: 'sort',
  run(text) {
    for (const { pattern, sort } of SORTS) {
      const match = pattern.exec(text);
      if (match) return { sort, matched: [match[0]] };
    }
    return {};
  },
};
