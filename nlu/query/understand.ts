/**
 * Runs every query-understanding task in the registry and merges what they found.
 * New tasks (brand, colour, size, negation, sort...) are added to QUERY_TASKS, not to `bot`.
 *
 *   understand('running shoes under $80', vocabulary)
 *   // { filters: { maxPrice: 80, category: 'Running Shoes' }, shoppingCue: true, matched: ['under $80', 'running shoe'] }
 */
import { categoryTask } from './category.js';
import { priceTask } from './price.js';
import { shoppingCueTask } from './shopping-cue.js';
import type { QueryTask, QueryUnderstanding, ShopVocabulary } from './types.js';

export const QUERY_TASKS: readonly QueryTask[] = [priceTask, categoryTask, shoppingCueTask];

export function understand(text: string, vocabulary: ShopVocabulary, tasks: readonly QueryTask[] = QUERY_TASKS): QueryUnderstanding {
  const result: QueryUnderstanding = { filters: {}, shoppingCue: false, matched: [] };
  for (const task of tasks) {
    const found = task.run(text, vocabulary);
    Object.assign(result.filters, found.filters);
    result.shoppingCue ||= found.shoppingCue ?? false;
    result.matched.push(...(found.matched ?? []));
  }
  return result;
}
