/**
 * Gift requests: "secret santa at work", "a present for my sister", "birthday gift for
 * my dad", "stocking fillers". The bot then prefers well-rated, giftable products
 * across the fitting types, within the budget.
 *
 *   giftTask.run('secret santa, 20 quid max') // { gift: true, shoppingCue: true, matched: ['secret santa'] }
 */
import type { QueryTask } from './types.js';

const GIFT = /\b(gifts?|(?<!\b(?:am|is|are|was|were|be|been|being|not) )present(?:s)?(?! (?:in|on|at))|pressies?|prezzies?|secret santa|stocking (?:filler|stuffer)s?|birthday|christmas|xmas|anniversary|mother'?s day|father'?s day|valentine'?s?|housewarming|leaving do|retirement|graduation|for (?:my|our) (?:\w+ )?(?:mum|mom|dad|sister|brother|wife|husband|girlfriend|boyfriend|partner|friend|nephew|niece|son|daughter|grandma|gran|nan|grandad|grandpa|colleague|boss|teacher)\b)/i;

export const giftTask: QueryTask = {
  name: 'gift',
  run(text) {
    const match = GIFT.exec(text);
    return match ? { gift: true, shoppingCue: true, matched: [match[0]] } : {};
  },
};
